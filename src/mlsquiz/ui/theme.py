"""The light and dark looks: one colour set each and one stylesheet template scaled by the user's font size.

The stylesheet is a template here rather than a `.qss` file: QSS has no relative units, so every size is
computed from the font size the user chose, and a module ships inside the wheel with no package-data rule.
`apply_theme` sets the Fusion style, a matching `QPalette` (charts and dialogs read it), the application font
and the stylesheet, so all text scales together.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Colors:
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


LIGHT = Colors(
    name="light", window="#f3f5f9", surface="#ffffff", surface_alt="#eef1f6", border="#d8dde6",
    border_strong="#b7c0ce", text="#18202e", muted="#556072", primary="#2356d6", primary_hover="#1b46b4",
    on_primary="#ffffff", primary_soft="#e7eefd", success="#18794e", success_soft="#e3f4ea", danger="#c0312b",
    danger_soft="#fbe7e5", warning="#9a5b00", warning_soft="#fff1d6", on_warning="#3b2500", focus="#2356d6",
)  # fmt: skip

DARK = Colors(
    name="dark", window="#0f131a", surface="#181e28", surface_alt="#202836", border="#2c3646",
    border_strong="#435066", text="#e7ebf2", muted="#a0aabb", primary="#6b96ff", primary_hover="#86a9ff",
    on_primary="#0b1120", primary_soft="#1c2a4a", success="#4cc38a", success_soft="#15301f", danger="#ff7b72",
    danger_soft="#3a1a1a", warning="#f2b14a", warning_soft="#3a2a0d", on_warning="#1e1400", focus="#86a9ff",
)  # fmt: skip

_current: Colors = LIGHT
_icon_dir: Path | None = None


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
        role.Window: c.window, role.WindowText: c.text, role.Base: c.surface, role.AlternateBase: c.surface_alt,
        role.Text: c.text, role.Button: c.surface, role.ButtonText: c.text, role.Highlight: c.primary,
        role.HighlightedText: c.on_primary, role.PlaceholderText: c.muted, role.ToolTipBase: c.surface,
        role.ToolTipText: c.text, role.Link: c.primary, role.Mid: c.border, role.Midlight: c.surface_alt,
        role.Dark: c.border_strong, role.Light: c.surface, role.BrightText: c.danger,
    }  # fmt: skip
    for r, colour in pairs.items():
        p.setColor(r, QColor(colour))
    for r in (role.Text, role.WindowText, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, r, QColor(c.muted))
    return p


ICONS = {"check": "M3.5 8.5l3 3 6-7", "down": "M4 6l4 4 4-4", "up": "M4 10l4-4 4 4"}


def _icon(name: str, colour: str) -> str:
    """A small line icon for QSS `image:` (QSS draws images only from files), written once per colour."""
    global _icon_dir
    if _icon_dir is None:
        _icon_dir = Path(tempfile.mkdtemp(prefix="mlsquiz-icons-"))
        atexit.register(shutil.rmtree, _icon_dir, True)
    path = _icon_dir / f"{name}-{colour.lstrip('#')}.svg"
    if not path.exists():
        path.write_text(
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="{ICONS[name]}" fill="none" '
            f'stroke="{colour}" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/></svg>',
            encoding="utf-8",
        )
    return path.as_posix()


def stylesheet(c: Colors, base: int) -> str:
    """The whole app's QSS. `base` is the body font size in points; everything else is derived from it."""
    check = _icon("check", c.on_primary)
    down, up = _icon("down", c.muted), _icon("up", c.muted)

    def pt(factor: float) -> int:
        return max(round(base * factor), 7)

    def px(factor: float) -> int:
        return max(round(base * factor), 1)

    return f"""
* {{ font-size: {base}pt; }}
QWidget {{ color: {c.text}; }}
QMainWindow, QStackedWidget, QWidget[screen="true"] {{ background: {c.window}; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; border: none; }}
QToolTip {{ background: {c.surface}; color: {c.text}; border: 1px solid {c.border_strong}; padding: 6px; }}

QFrame[role="card"] {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: {px(1.1)}px; }}
QFrame[role="bar"] {{ background: {c.surface}; border: none; border-bottom: 1px solid {c.border}; }}
QFrame[role="footer"] {{ background: {c.surface}; border: none; border-top: 1px solid {c.border}; }}
QFrame[role="note"] {{ background: {c.warning_soft}; border: 1px solid {c.warning}; border-radius: {px(0.7)}px; }}
QFrame[role="banner"] {{ background: {c.primary_soft}; border: 1px solid {c.primary}; border-radius: {px(0.7)}px; }}
QFrame[role="banner"][kind="error"] {{ background: {c.danger_soft}; border-color: {c.danger}; }}

QLabel {{ background: transparent; }}
QLabel[role="brand"] {{ font-size: {pt(1.7)}pt; font-weight: 700; color: {c.primary}; }}
QLabel[role="h1"] {{ font-size: {pt(1.8)}pt; font-weight: 700; }}
QLabel[role="h2"] {{ font-size: {pt(1.3)}pt; font-weight: 600; }}
QLabel[role="h3"] {{ font-size: {pt(1.08)}pt; font-weight: 600; }}
QLabel[role="muted"] {{ color: {c.muted}; }}
QLabel[role="small"] {{ color: {c.muted}; font-size: {pt(0.88)}pt; }}
QLabel[role="big"] {{ font-size: {pt(3.0)}pt; font-weight: 700; }}
QLabel[role="kbd"] {{ color: {c.muted}; font-size: {pt(0.85)}pt; border: 1px solid {c.border_strong};
    border-radius: 4px; padding: 1px 5px; background: {c.surface_alt}; }}
QLabel[role="chip"] {{ background: {c.surface_alt}; color: {c.muted}; border: 1px solid {c.border};
    border-radius: {px(0.9)}px; padding: 2px 10px; font-size: {pt(0.88)}pt; }}
QLabel[role="chip"][tone="primary"] {{ background: {c.primary_soft}; color: {c.primary}; border-color: {c.primary}; }}
QLabel[role="chip"][tone="warning"] {{ background: {c.warning_soft}; color: {c.warning}; border-color: {c.warning}; }}
QLabel[role="chip"][tone="success"] {{ background: {c.success_soft}; color: {c.success}; border-color: {c.success}; }}
QLabel[role="chip"][tone="danger"] {{ background: {c.danger_soft}; color: {c.danger}; border-color: {c.danger}; }}
QLabel[role="verdict"] {{ font-size: {pt(1.3)}pt; font-weight: 700; padding: 8px 14px; border-radius: {px(0.7)}px; }}
QLabel[role="verdict"][tone="success"] {{ background: {c.success_soft}; color: {c.success}; }}
QLabel[role="verdict"][tone="danger"] {{ background: {c.danger_soft}; color: {c.danger}; }}
QLabel[role="verdict"][tone="warning"] {{ background: {c.warning_soft}; color: {c.warning}; }}
QLabel[tone="success"] {{ color: {c.success}; }}
QLabel[tone="danger"] {{ color: {c.danger}; }}
QLabel[tone="warning"] {{ color: {c.warning}; }}
QLabel[onaccent="true"] {{ color: {c.on_primary}; }}
QLabel[onaccent="true"][role="kbd"] {{ background: transparent; border-color: {c.on_primary}; }}
QLabel#Timer {{ font-size: {pt(1.25)}pt; font-weight: 700; padding: 4px 14px; border-radius: {px(0.8)}px;
    background: {c.surface_alt}; border: 1px solid {c.border}; }}
QLabel#Timer[urgency="amber"] {{ background: {c.warning_soft}; color: {c.warning}; border-color: {c.warning}; }}
QLabel#Timer[urgency="red"] {{ background: {c.danger}; color: #ffffff; border-color: {c.danger}; }}

QPushButton {{ background: {c.surface}; color: {c.text}; border: 1px solid {c.border_strong};
    border-radius: {px(0.7)}px; padding: {px(0.55)}px {px(1.3)}px; min-height: {px(1.5)}px; }}
QPushButton:hover {{ background: {c.surface_alt}; }}
QPushButton:pressed {{ background: {c.border}; }}
QPushButton:focus {{ border: 2px solid {c.focus}; }}
QPushButton:disabled {{ color: {c.muted}; background: {c.surface_alt}; border-color: {c.border}; }}
QPushButton[variant="primary"] {{ background: {c.primary}; color: {c.on_primary}; border: 1px solid {c.primary};
    font-weight: 600; }}
QPushButton[variant="primary"]:hover {{ background: {c.primary_hover}; }}
QPushButton[variant="primary"]:focus {{ border: 2px solid {c.text}; }}
QPushButton[variant="primary"]:disabled {{ background: {c.surface_alt}; color: {c.muted}; border-color: {c.border}; }}
QPushButton[variant="action"] {{ text-align: left; padding: {px(0.8)}px {px(1.2)}px; font-weight: 600; }}
QPushButton[variant="action"][accent="true"] {{ background: {c.primary}; color: {c.on_primary};
    border-color: {c.primary}; }}
QPushButton[variant="action"][accent="true"]:hover {{ background: {c.primary_hover}; }}
QPushButton[variant="action"][accent="true"]:focus {{ border: 2px solid {c.text}; }}
QPushButton[variant="flat"] {{ border: none; background: transparent; color: {c.primary}; padding: 4px 8px; }}
QPushButton[variant="flat"]:focus {{ border: 2px solid {c.focus}; }}
QPushButton[flagged="true"] {{ background: {c.warning_soft}; color: {c.warning}; border-color: {c.warning}; }}

QToolButton[role="pal"] {{ min-width: {px(2.6)}px; min-height: {px(2.3)}px; border-radius: 6px; font-weight: 600;
    border: 1px solid {c.border_strong}; background: {c.surface}; color: {c.muted}; }}
QToolButton[role="pal"][answered="true"] {{ background: {c.primary_soft}; color: {c.primary}; border-color: {c.primary}; }}
QToolButton[role="pal"][flagged="true"] {{ background: {c.warning_soft}; color: {c.warning}; border: 2px solid {c.warning}; }}
QToolButton[role="pal"][answered="true"][flagged="true"] {{ background: {c.primary_soft}; color: {c.primary};
    border: 2px solid {c.warning}; }}
QToolButton[role="pal"][incomplete="true"] {{ background: {c.surface}; color: {c.primary}; border: 2px dashed {c.primary}; }}
QToolButton[role="pal"][incomplete="true"][flagged="true"] {{ background: {c.warning_soft}; border: 2px dashed {c.warning}; }}
QToolButton[role="pal"][current="true"] {{ background: {c.primary}; color: {c.on_primary}; border: 2px solid {c.text}; }}
QToolButton[role="pal"]:focus {{ border: 2px solid {c.focus}; }}

QFrame#OptionRow {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: {px(0.7)}px; }}
QFrame#OptionRow:hover {{ border-color: {c.border_strong}; }}
QFrame#OptionRow[focused="true"] {{ border: 2px solid {c.focus}; }}
QFrame#OptionRow[state="chosen"] {{ background: {c.primary_soft}; border: 2px solid {c.primary}; }}
QFrame#OptionRow[state="correct"] {{ background: {c.success_soft}; border: 2px solid {c.success}; }}
QFrame#OptionRow[state="wrong"] {{ background: {c.danger_soft}; border: 2px solid {c.danger}; }}
QFrame#OptionRow[state="missed"] {{ background: {c.success_soft}; border: 2px dashed {c.success}; }}
QFrame#OptionRow[state="neutral"] {{ background: {c.surface}; }}

QFrame#Feedback {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: {px(0.8)}px; }}

QComboBox, QSpinBox, QLineEdit {{ background: {c.surface}; color: {c.text}; border: 1px solid {c.border_strong};
    border-radius: 6px; padding: 5px 8px; min-height: {px(1.4)}px; }}
QComboBox:focus, QSpinBox:focus, QLineEdit:focus {{ border: 2px solid {c.focus}; }}
QComboBox {{ padding-right: 30px; }}
QComboBox::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right; width: 28px;
    border: none; }}
QComboBox::down-arrow {{ image: url({down}); width: 14px; height: 14px; }}
QSpinBox {{ padding-right: 30px; }}
QSpinBox::up-button, QSpinBox::down-button {{ subcontrol-origin: border; width: 26px; border: none;
    border-left: 1px solid {c.border}; background: {c.surface_alt}; }}
QSpinBox::up-button {{ subcontrol-position: top right; border-top-right-radius: 6px; }}
QSpinBox::down-button {{ subcontrol-position: bottom right; border-bottom-right-radius: 6px; }}
QSpinBox::up-button:hover, QSpinBox::down-button:hover {{ background: {c.border}; }}
QSpinBox::up-arrow {{ image: url({up}); width: 12px; height: 12px; }}
QSpinBox::down-arrow {{ image: url({down}); width: 12px; height: 12px; }}
QListView::indicator {{ width: {px(1.3)}px; height: {px(1.3)}px; border: 2px solid {c.border_strong};
    border-radius: 4px; background: {c.surface}; }}
QListView::indicator:checked {{ border-color: {c.primary}; background: {c.primary}; image: url({check}); }}
QComboBox QAbstractItemView {{ background: {c.surface}; color: {c.text}; selection-background-color: {c.primary};
    selection-color: {c.on_primary}; border: 1px solid {c.border_strong}; }}
QCheckBox, QRadioButton {{ spacing: 10px; background: transparent; }}
QCheckBox:focus, QRadioButton:focus {{ color: {c.primary}; }}
QRadioButton::indicator, QCheckBox::indicator {{ width: {px(1.45)}px; height: {px(1.45)}px;
    border: 2px solid {c.border_strong}; background: {c.surface}; }}
QRadioButton::indicator {{ border-radius: {px(1.45) // 2 + 1}px; }}
QCheckBox::indicator {{ border-radius: 4px; }}
QRadioButton::indicator:hover, QCheckBox::indicator:hover {{ border-color: {c.primary}; }}
QRadioButton::indicator:focus, QCheckBox::indicator:focus {{ border-color: {c.focus}; }}
QRadioButton::indicator:checked {{ border-color: {c.primary}; background: qradialgradient(cx:0.5, cy:0.5,
    radius:0.5, fx:0.5, fy:0.5, stop:0 {c.primary}, stop:0.55 {c.primary}, stop:0.62 {c.surface},
    stop:1 {c.surface}); }}
QCheckBox::indicator:checked {{ border-color: {c.primary}; background: {c.primary}; image: url({check}); }}
QRadioButton::indicator:disabled, QCheckBox::indicator:disabled {{ border-color: {c.border};
    background: {c.surface_alt}; }}
QRadioButton::indicator:checked:disabled {{ border-color: {c.muted}; background: qradialgradient(cx:0.5,
    cy:0.5, radius:0.5, fx:0.5, fy:0.5, stop:0 {c.muted}, stop:0.55 {c.muted}, stop:0.62 {c.surface_alt},
    stop:1 {c.surface_alt}); }}
QCheckBox::indicator:checked:disabled {{ border-color: {c.muted}; background: {c.muted}; image: url({check}); }}
QGroupBox {{ border: 1px solid {c.border}; border-radius: {px(0.7)}px; margin-top: {px(1.3)}px; padding: 10px;
    background: {c.surface}; font-weight: 600; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; color: {c.text}; }}

QListWidget, QTableView, QTreeView {{ background: {c.surface}; color: {c.text}; border: 1px solid {c.border};
    border-radius: 8px; alternate-background-color: {c.surface_alt}; outline: none; }}
QListWidget:focus, QTableView:focus {{ border: 2px solid {c.focus}; }}
QListWidget::item {{ padding: 6px 8px; border-radius: 4px; }}
QListWidget::item:selected, QTableView::item:selected {{ background: {c.primary}; color: {c.on_primary}; }}
QHeaderView::section {{ background: {c.surface_alt}; color: {c.muted}; border: none;
    border-bottom: 1px solid {c.border}; padding: 6px 8px; font-weight: 600; }}
QTableCornerButton::section {{ background: {c.surface_alt}; border: none; }}

QScrollBar:vertical {{ background: transparent; width: 12px; margin: 2px; }}
QScrollBar::handle:vertical {{ background: {c.border_strong}; border-radius: 4px; min-height: 30px; }}
QScrollBar:horizontal {{ background: transparent; height: 12px; margin: 2px; }}
QScrollBar::handle:horizontal {{ background: {c.border_strong}; border-radius: 4px; min-width: 30px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
QMessageBox {{ background: {c.surface}; }}
QDialog {{ background: {c.surface}; }}
"""


def apply_theme(app: QApplication, theme: str, font_size: int) -> Colors:
    """Restyle the whole application; returns the colours chosen (for "system", the platform's scheme)."""
    global _current
    colors = resolve(theme)
    _current = colors
    app.setStyle("Fusion")
    app.setPalette(palette(colors))
    font = QFont(app.font())
    font.setPointSize(font_size)
    app.setFont(font)
    app.setStyleSheet(stylesheet(colors, font_size))
    return colors
