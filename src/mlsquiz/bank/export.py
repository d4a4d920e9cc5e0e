"""The bank as CONTRACT.md's `mlsquiz-bank` JSON document."""

from __future__ import annotations

from typing import Any

from mlsquiz.bank.bank import Bank

FORMAT_VERSION = 1


def export_bank(bank: Bank) -> dict[str, Any]:
    return {
        "format": "mlsquiz-bank",
        "version": FORMAT_VERSION,
        "knowledge": [
            {"slug": e.slug, "name": e.name, "kind": e.kind, "category": e.category}
            for e in sorted(bank.knowledge.values(), key=lambda e: e.slug)
        ],
        "questions": [q.model_dump(mode="json") for q in bank.questions],
    }
