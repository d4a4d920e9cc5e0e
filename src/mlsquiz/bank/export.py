"""The bank as CONTRACT.md's `mlsquiz-bank` JSON document.

`cases` holds the case studies of the exported questions (all of them, or those a filter kept); each lists its
questions in the order they are asked.
"""

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
        "cases": [
            bank.cases[cid].model_dump(mode="json", include={"id", "title", "text", "questions"})
            for cid in sorted({q.case for q in bank.questions if q.case is not None})
            if cid in bank.cases
        ],
    }
