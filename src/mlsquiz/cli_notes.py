"""`mlsquiz notes export [--json] [--output FILE]`: the user's notes and problem reports, written out so that
reports can be sent to the maintainers. Read-only: a data folder without a database creates nothing."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mlsquiz.bank.bank import Bank
    from mlsquiz.store.facade import Store


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, parser_class: type) -> None:  # type: ignore[type-arg]
    notes = sub.add_parser(
        "notes", help="your notes on questions and the problems you reported", parents=[common]
    )
    notes_sub = notes.add_subparsers(dest="notes_command", required=True, parser_class=parser_class)
    export = notes_sub.add_parser(
        "export", help="write your notes and reports (question id, bank version, …)", parents=[common]
    )
    export.add_argument("--json", action="store_true", help="JSON instead of text")
    export.add_argument(
        "-o", "--output", default="-", metavar="FILE", help="file to write (default: standard output)"
    )


def run(args: argparse.Namespace, bank: Callable[[], Bank], open_store: Callable[[Bank], Store]) -> int:
    from mlsquiz.store.notes_export import export_data, export_text

    with open_store(bank()) as store:
        data = export_data(store.notes, store.clock.now())
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n" if args.json else export_text(data)
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    target = Path(args.output).expanduser()
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"mlsquiz: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    n, r = len(data["notes"]), len(data["reports"])
    print(
        f"wrote {n} note{'' if n == 1 else 's'} and {r} report{'' if r == 1 else 's'} to {target}",
        file=sys.stderr,
    )
    return 0
