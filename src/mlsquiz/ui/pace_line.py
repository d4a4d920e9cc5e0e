"""The pace line under an exam's timer: "on pace", "4 min behind", "3 min ahead" (rule: `study.pacing`)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from mlsquiz.store.insight_views import PaceView
from mlsquiz.ui.widgets import duration, set_prop

TONES = {"behind": "warning", "ahead": "success", "on pace": ""}


def show_pace(line: QLabel, pace: PaceView | None) -> None:
    """Show the pace (None hides the line: the setting is off, or the attempt is untimed)."""
    line.setVisible(pace is not None)
    if pace is None:
        return
    line.setText(pace.text)
    set_prop(line, "tone", TONES.get(pace.state, ""))
    line.setToolTip(f"Against {duration(pace.budget)} per question (the exam's time over its questions)")
    line.setAccessibleDescription(f"{pace.text}; budget {duration(pace.budget)} per question")
