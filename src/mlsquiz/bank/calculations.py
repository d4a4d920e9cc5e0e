"""The calculation questions' entry point: the families live in `mlsquiz.bank.calc`."""

from __future__ import annotations

from mlsquiz.bank.calc import CALCULATION_TEMPLATES, FAMILIES, is_calculation, vary

__all__ = ["CALCULATION_TEMPLATES", "FAMILIES", "is_calculation", "vary"]
