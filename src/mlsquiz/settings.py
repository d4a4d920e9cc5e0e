"""User settings: one pydantic model with its defaults, stored as JSON in the data folder.

Defaults are declared once, here, and re-applied on every load, so a key added in a later release appears by
itself and an unknown or invalid key from elsewhere is dropped rather than fatal.
"""

from __future__ import annotations

import contextlib
import json
import os
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from mlsquiz.look import (
    DEFAULT_FONT_SIZE,
    DEFAULT_THEME,
    FILE_NAME,
    MAX_BYTES,
    MAX_FONT_SIZE,
    MIN_FONT_SIZE,
)
from mlsquiz.store.errors import UserFacingError


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    theme: Literal["system", "light", "dark"] = DEFAULT_THEME
    font_size: int = Field(default=DEFAULT_FONT_SIZE, ge=MIN_FONT_SIZE, le=MAX_FONT_SIZE)
    # None until the user picks one: the bank's default blueprint (its `default: true` flag) applies
    default_blueprint: str | None = None
    exam_length: int = Field(default=65, ge=5, le=65)
    drill_length: int = Field(default=10, ge=1, le=200)
    window_geometry: str | None = None
    exam_date: date | None = None  # the day the user's exam is booked: the dashboard's plan counts down to it

    @field_validator("exam_date", mode="before")
    @classmethod
    def _iso_date(cls, value: object) -> object:
        """Only an ISO date ("2026-12-24") or null: no timestamps, no times of day."""
        if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
            return value
        if isinstance(value, str) and len(value) == 10:
            return date.fromisoformat(value)  # a ValueError here makes the key invalid, so it is ignored
        raise ValueError("an exam date is an ISO date, YYYY-MM-DD")

    pace_line: bool = False  # an exam shows "on pace" / "4 min behind" under its timer (`study.pacing`)
    confidence: bool = False  # answers take a confidence: sure / unsure / guess (`study.calibration`)


def load_settings(folder: Path) -> Settings:
    """The settings, with defaults for anything missing, unreadable or invalid; never raises."""
    path = folder / FILE_NAME
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return Settings()
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    good = {}
    for key, value in raw.items():  # keep every valid key even if another one is broken
        try:
            Settings.model_validate({key: value})
        except ValidationError:
            continue
        good[key] = value
    return Settings.model_validate(good)


def save_settings(folder: Path, settings: Settings) -> None:
    """Write the settings atomically; a clear UserFacingError when that is not possible."""
    tmp = folder / f"{FILE_NAME}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.write_text(settings.model_dump_json(indent=2), encoding="utf-8")
        tmp.replace(folder / FILE_NAME)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise UserFacingError(
            f"could not save the settings to {folder / FILE_NAME}: {exc.strerror or exc}"
        ) from exc
