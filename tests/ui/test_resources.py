"""The app's resources (`resources/`, shipped as `mlsquiz.resources`): the stylesheet, icons, the app icon."""

from __future__ import annotations

import configparser
import os
import re
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from mlsquiz.ui import assets, theme

ROOT = Path(__file__).resolve().parents[2]


def _app() -> QApplication:
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else QApplication([])


def test_the_theme_never_writes_a_temporary_icon_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the theme made a temporary file or folder")

    for name in ("mkdtemp", "mkstemp", "TemporaryDirectory", "NamedTemporaryFile"):
        monkeypatch.setattr(tempfile, name, refuse)
    app, window = _app(), QWidget()
    for name in ("dark", "light"):
        colours = theme.apply_theme(app, window, name, 12, force=True)
        icons = re.findall(r"url\(([^)]*)\)", window.styleSheet())
        assert len(icons) == 8  # combo and spin arrows, check marks, the ordering move buttons
        for icon in icons:
            assert (
                Path(icon).is_file() and Path(icon).parent == assets.icon_path(colours.name, "check").parent
            )


def test_the_stylesheet_fills_every_variable() -> None:
    for colours in (theme.LIGHT, theme.DARK):
        sheet = theme.stylesheet(colours, 11)
        assert "@" not in sheet
        assert f"background: {colours.window}" in sheet and "font-size: 11pt" in sheet
    with pytest.raises(KeyError, match="@primery"):
        theme.fill("QLabel { color: @primery; }", theme.LIGHT, 11)


def test_the_line_icons_are_drawn_in_their_theme_colours() -> None:
    """The SVGs carry their colours (QSS cannot recolour an image): they must follow the palettes."""
    for colours in (theme.LIGHT, theme.DARK):
        for name, colour in (("check", colours.on_primary), ("down", colours.muted), ("up", colours.muted)):
            svg = assets.icon_path(colours.name, name).read_text(encoding="utf-8")
            assert f'stroke="{colour}"' in svg, f"icons/{colours.name}/{name}.svg should be drawn in {colour}"


def test_the_theme_restyles_only_when_colours_or_text_size_change(monkeypatch: pytest.MonkeyPatch) -> None:
    app, window = _app(), QWidget()
    theme.apply_theme(app, window, "light", 11, force=True)
    built: list[int] = []
    real = theme.stylesheet
    monkeypatch.setattr(theme, "stylesheet", lambda c, base: built.append(base) or real(c, base))
    theme.apply_theme(app, window, "light", 11)
    assert built == []
    theme.apply_theme(app, window, "light", 13)
    theme.apply_theme(app, window, "dark", 13)
    theme.apply_theme(app, window, "dark", 13)
    assert built == [13, 13]
    theme.apply_theme(app, window, "light", 11)
    other = QWidget()
    theme.apply_theme(app, other, "light", 11)  # another window has no stylesheet yet: it gets one
    assert built == [13, 13, 11, 11] and other.styleSheet() == window.styleSheet()
    assert app.styleSheet() == ""  # the windows' own: a widget is styled when it joins one, not as it is made


def test_the_app_icon_has_every_size_and_is_the_application_icon() -> None:
    app, window = _app(), QWidget()
    theme.apply_theme(app, window, "light", 11, force=True)
    assert not app.windowIcon().isNull()
    for size in assets.APP_ICON_SIZES:
        image = QImage(str(assets.path("icons", "app", f"mlsquiz-{size}.png")))
        assert (image.width(), image.height()) == (size, size)
    assert {s.width() for s in assets.app_icon().availableSizes()} == set(assets.APP_ICON_SIZES)


def test_the_desktop_file_starts_the_app_with_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment, method-assign]
    entry.read_string(assets.text("mlsquiz.desktop"))
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Exec"].split()[0] == "mlsquiz"
    assert desktop["Icon"] == "mlsquiz" and desktop["Terminal"] == "false"
    assert desktop["Categories"].endswith(";")


def test_the_bundle_uses_the_app_icon_and_opens_no_console_on_windows_or_macos() -> None:
    spec = (ROOT / "packaging" / "mlsquiz.spec").read_text(encoding="utf-8")
    assert "mlsquiz-256.png" in spec and "icon=" in spec
    assert 'console=sys.platform not in ("win32", "darwin")' in spec
