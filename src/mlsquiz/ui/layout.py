"""Rows and columns of widgets and layouts: the two helpers every screen builds itself from."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QHBoxLayout, QLayout, QVBoxLayout, QWidget


def vbox(*items: QWidget | QLayout | None, margins: int = 0, spacing: int = 8) -> QVBoxLayout:
    """A column; `None` in the items is a stretch."""
    layout = QVBoxLayout()
    layout.setContentsMargins(margins, margins, margins, margins)
    layout.setSpacing(spacing)
    _fill(layout, items)
    return layout


def hbox(*items: QWidget | QLayout | None, margins: int = 0, spacing: int = 8) -> QHBoxLayout:
    """A row; `None` in the items is a stretch."""
    layout = QHBoxLayout()
    layout.setContentsMargins(margins, margins, margins, margins)
    layout.setSpacing(spacing)
    _fill(layout, items)
    return layout


def _fill(layout: QVBoxLayout | QHBoxLayout, items: Iterable[QWidget | QLayout | None]) -> None:
    for item in items:
        if item is None:
            layout.addStretch(1)
        elif isinstance(item, QLayout):
            layout.addLayout(item)
        else:
            layout.addWidget(item)
