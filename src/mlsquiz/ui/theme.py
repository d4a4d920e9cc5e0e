"""The light and dark looks: one colour set each, applied to one stylesheet scaled by the user's text size.

The stylesheet is `resources/theme/app.qss`, with a few variables (colours, sizes relative to the text size,
icons) that `fill` replaces: QSS has neither variables nor relative units. `apply_theme` sets the Fusion style,
a matching `QPalette` (charts and dialogs read it) and the application font, and the stylesheet on the main
window, so all text scales together; it does nothing when neither the colours nor the text size changed.

The stylesheet is the window's, not the application's: under an application stylesheet every widget is styled
as it is made and again each time a layout moves it into another widget, which made building a screen 2–4× as
slow. A widget made for the window is styled once, when it joins the window; its dialogs, menus and tooltips are
the window's children, so they are styled as before.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from mlsquiz.ui import assets


class Colors(NamedTuple):  # a named tuple: `dataclasses` is not imported before the first frame
    name: str
    window: str
    surface: str
    surface_alt: str
    border: str
    border_strong: str
    text: str
    muted: str
    primary: str
    primary_hover: str
    on_primary: str
    primary_soft: str
    success: str
    success_soft: str
    danger: str
    danger_soft: str
    warning: str
    warning_soft: str
    on_warning: str
    focus: str


# Each role's colour in the light and the dark look, side by side: (light, dark).
SHADES: dict[str, tuple[str, str]] = {
    "window": ("#f3f5f9", "#0f131a"),
    "surface": ("#ffffff", "#181e28"),
    "surface_alt": ("#eef1f6", "#202836"),
    "border": ("#d8dde6", "#2c3646"),
    "border_strong": ("#b7c0ce", "#435066"),
    "text": ("#18202e", "#e7ebf2"),
    "muted": ("#556072", "#a0aabb"),
    "primary": ("#2356d6", "#6b96ff"),
    "primary_hover": ("#1b46b4", "#86a9ff"),
    "on_primary": ("#ffffff", "#0b1120"),
    "primary_soft": ("#e7eefd", "#1c2a4a"),
    "success": ("#18794e", "#4cc38a"),
    "success_soft": ("#e3f4ea", "#15301f"),
    "danger": ("#c0312b", "#ff7b72"),
    "danger_soft": ("#fbe7e5", "#3a1a1a"),
    "warning": ("#9a5b00", "#f2b14a"),
    "warning_soft": ("#fff1d6", "#3a2a0d"),
    "on_warning": ("#3b2500", "#1e1400"),
    "focus": ("#2356d6", "#86a9ff"),
}
LIGHT = Colors("light", **{role: light for role, (light, _) in SHADES.items()})
DARK = Colors("dark", **{role: dark for role, (_, dark) in SHADES.items()})

_current: Colors = LIGHT
FUSION = "mlsquiz-fusion"  # the application's property: Fusion is its style
LOOK = (
    "mlsquiz-look"  # the window's property: the colours' name and the text size its stylesheet was made for
)


def current() -> Colors:
    """The colours in force (charts and painted widgets read them when they draw)."""
    return _current


def resolve(theme: str) -> Colors:
    if theme == "dark":
        return DARK
    if theme == "light":
        return LIGHT
    hints = QGuiApplication.styleHints()
    return DARK if hints.colorScheme() == Qt.ColorScheme.Dark else LIGHT


def palette(c: Colors) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    pairs = {
        role.Window: c.window,
        role.WindowText: c.text,
        role.Base: c.surface,
        role.AlternateBase: c.surface_alt,
        role.Text: c.text,
        role.Button: c.surface,
        role.ButtonText: c.text,
        role.Highlight: c.primary,
        role.HighlightedText: c.on_primary,
        role.PlaceholderText: c.muted,
        role.ToolTipBase: c.surface,
        role.ToolTipText: c.text,
        role.Link: c.primary,
        role.Mid: c.border,
        role.Midlight: c.surface_alt,
        role.Dark: c.border_strong,
        role.Light: c.surface,
        role.BrightText: c.danger,
    }
    for r, colour in pairs.items():
        p.setColor(r, QColor(colour))
    for r in (role.Text, role.WindowText, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, r, QColor(c.muted))
    return p


VARIABLE = re.compile(r"@(pt|px|radius|icon)\(([\w.]+)\)|@(\w+)")


def fill(template: str, c: Colors, base: int) -> str:
    """The stylesheet with its variables replaced (the header of `app.qss` lists them); `base` is the body
    text size in points, from which every other size is derived."""
    colours = c._asdict()

    def px(factor: float) -> int:
        return max(round(base * factor), 1)

    def value(match: re.Match[str]) -> str:
        function, argument, name = match.groups()
        if function == "pt":
            return f"{max(round(base * float(argument)), 7)}pt"
        if function == "px":
            return f"{px(float(argument))}px"
        if function == "radius":
            return f"{px(float(argument)) // 2 + 1}px"
        if function == "icon":
            return assets.icon_path(c.name, argument).as_posix()
        if name not in colours or name == "name":
            raise KeyError(f"app.qss uses @{name}, which is no colour of the theme")
        return str(colours[name])

    return VARIABLE.sub(value, template)


def stylesheet(c: Colors, base: int) -> str:
    """The whole app's QSS for the colours `c` and the body text size `base` (points)."""
    template = assets.text("theme", "app.qss")
    return fill(template.split("*/", 1)[1] if template.startswith("/*") else template, c, base)


def apply_theme(
    app: QApplication, target: QWidget, theme: str, font_size: int, *, force: bool = False
) -> Colors:
    """Restyle the application and the window `target`; returns the colours chosen (for "system", the
    platform's scheme).

    Restyling every widget is slow in a large window, so it happens only when the colours or the text size
    differ from the last ones applied to `target` (or with `force`). The first call also sets the app icon
    (`resources/icons/app/`), which every window without an icon of its own shows."""
    global _current
    colors = _current = resolve(theme)
    look = f"{colors.name} {font_size}"
    if not force and target.property(LOOK) == look and target.styleSheet():
        return colors
    if not app.property(FUSION):  # once: `run` names Fusion on Qt's command line, so Qt made it already
        app.setStyle("Fusion")
        app.setProperty(FUSION, True)
    app.setPalette(palette(colors))
    font = QFont(app.font())
    font.setPointSize(font_size)
    app.setFont(font)
    target.setStyleSheet(stylesheet(colors, font_size))
    target.setProperty(LOOK, look)
    if app.windowIcon().isNull():
        app.setWindowIcon(assets.app_icon())
    return colors
