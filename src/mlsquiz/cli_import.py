"""`mlsquiz bank import` and the text formats of `bank export`: the command-line side of the user's own bank."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

# the formats, named here so that building the command line imports nothing heavy (the desktop app starts
# through it); `mlsquiz.bank.importers.FORMATS` is the same tuple, and a test keeps them equal
FORMATS = ("gift", "csv", "markdown")

if TYPE_CHECKING:
    from mlsquiz.bank.bank import Bank
    from mlsquiz.bank.schema import Question


def add_parser(bank_sub: Any, common: argparse.ArgumentParser, parser_class: type) -> None:
    imp = bank_sub.add_parser(
        "import", help="import questions into your own bank (GIFT, CSV, Markdown)", parents=[common]
    )
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument("--format", choices=FORMATS, default=None, help="default: from the file's extension")
    imp.add_argument("--dry-run", action="store_true", help="report what would be imported; change nothing")
    imp.add_argument("--json", action="store_true")


def run_import(args: argparse.Namespace, data_dir: Path, bank: Bank) -> int:
    from mlsquiz.bank.user_bank import apply_import, plan_import

    report = plan_import(args.files, data_dir, bank, args.format)
    if not args.dry_run:
        apply_import(report, data_dir)
    if args.json:
        sys.stdout.write(json.dumps(report.as_json(), indent=2, ensure_ascii=False) + "\n")
    else:
        verb = "would import" if args.dry_run else "imported"
        for result in report.files:
            for q in result.questions:
                status = "update" if q.id in report.updates else "new"
                title = result.titles.get(q.id) or " ".join(q.stem.split())[:60]
                print(f"{result.file}:{result.lines[q.id]}: {status}: {q.id}: {title}")
            for skip in result.skipped:
                print(f"{result.file}:{skip.line}: skipped: {skip.title}: {skip.reason}")
        print(
            f"{verb} {report.imported} new, {report.updated} updated; {len(report.skipped)} skipped; "
            f"{len(report.errors)} error(s)"
        )
    for result in report.files:
        for error in result.errors:
            print(error.format(), file=sys.stderr)
    if report.errors:
        print("a file with errors imports nothing; fix the lines named and import it again", file=sys.stderr)
        return 1
    return 0


def write_text_export(fmt: str, questions: list[Question], output: str | None, data_dir: Path) -> int:
    from mlsquiz.bank.text_export import export_text
    from mlsquiz.bank.user_bank import load_user_bank

    titles = {q.question.id: q.title for q in load_user_bank(data_dir).questions if q.title}
    exported = export_text(questions, fmt, titles)
    if output in (None, "-"):
        sys.stdout.write(exported.text)
    else:
        Path(str(output)).write_text(exported.text, encoding="utf-8", newline="")
    note = f" ({exported.left_out} ordering or matching items left out: the format has no such type)"
    print(
        f"wrote {exported.written} question{'' if exported.written == 1 else 's'}"
        f"{note if exported.left_out else ''}",
        file=sys.stderr if output in (None, "-") else sys.stdout,
    )
    return 0
