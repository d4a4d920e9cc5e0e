"""The look (theme, text size) and the window geometry from `settings.json`, read with the standard library
alone: the desktop app paints its first frame before pydantic and the rest of the core are imported.

It reads the same file and the same rules as `mlsquiz.settings` (whose model is the full definition): a value
that is missing or invalid falls back to the default, and nothing here ever raises.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Final, NamedTuple

FILE_NAME = "settings.json"
THEMES = ("system", "light", "dark")
DEFAULT_THEME: Final = "system"
DEFAULT_FONT_SIZE, MIN_FONT_SIZE, MAX_FONT_SIZE = 11, 8, 24
MAX_BYTES = 64 * 1024  # settings are a few hundred bytes; anything larger is not ours


class Look(NamedTuple):  # not a dataclass: `dataclasses` is not imported before the first frame
    theme: str = DEFAULT_THEME
    font_size: int = DEFAULT_FONT_SIZE
    window_geometry: str | None = None


def read_look(folder: Path) -> Look:
    path = folder / FILE_NAME
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return Look()
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return Look()
    if not isinstance(raw, dict):
        return Look()
    theme = raw.get("theme")
    size = raw.get("font_size")
    geometry = raw.get("window_geometry")
    return Look(
        theme=theme if theme in THEMES else DEFAULT_THEME,
        font_size=size
        if isinstance(size, int) and not isinstance(size, bool) and MIN_FONT_SIZE <= size <= MAX_FONT_SIZE
        else DEFAULT_FONT_SIZE,
        window_geometry=geometry if isinstance(geometry, str) else None,
    )
