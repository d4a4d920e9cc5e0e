"""The files of `resources/` (shipped as `mlsquiz.resources`), found where its package is installed.

Installed from a wheel, from the repository or inside the desktop bundle, the package is a folder on disk, so
its files have real paths: QSS reads icons only from paths, and nothing is ever copied to a temporary folder.
"""

from __future__ import annotations

from functools import cache
from importlib.util import find_spec
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

PACKAGE = "mlsquiz.resources"
APP_ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


@cache
def root() -> Path:
    """The folder of the resources, looked up once. The package's import spec names it; `importlib.resources`
    is the fallback (its readers take a twentieth of the time to the first frame to import)."""
    spec = find_spec(PACKAGE)
    locations = spec.submodule_search_locations if spec is not None else None
    if locations:
        return Path(next(iter(locations)))
    from importlib.resources import files

    return Path(str(files(PACKAGE)))


def path(*parts: str) -> Path:
    """The path of a file of the resources, e.g. `path("theme", "app.qss")`."""
    found = root().joinpath(*parts)
    if not found.is_file():
        raise FileNotFoundError(f"the app's resources lack {'/'.join(parts)}")
    return found


def text(*parts: str) -> str:
    return path(*parts).read_text(encoding="utf-8")


def icon_path(theme: str, name: str) -> Path:
    """A line icon drawn in the colours of `theme` ("light" or "dark")."""
    return path("icons", theme, f"{name}.svg")


def app_icon() -> QIcon:
    """The app's icon at every rendered size (`scripts/render_app_icon.py`), so each platform picks its own."""
    icon = QIcon()
    for size in APP_ICON_SIZES:
        icon.addFile(str(path("icons", "app", f"mlsquiz-{size}.png")), QSize(size, size))
    return icon
