"""mlsquiz: offline practice exams for the AWS Machine Learning certifications (MLS-C01, MLA-C01).

Run `mlsquiz` alone to open the desktop app. The commands below check and export the question bank, build an
exam without starting it, list your past attempts and look after your data."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlsquiz import __version__

if TYPE_CHECKING:
    from mlsquiz.bank.bank import Bank
    from mlsquiz.store.facade import Store


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # usage errors exit 2, as CONTRACT.md says
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="FOLDER",
        help="where your answers, settings and backups are kept (default: $MLSQUIZ_DATA_DIR, else your "
        "platform's folder for app data)",
    )

    parser = _Parser(
        prog="mlsquiz",
        description=__doc__,
        parents=[common],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Run `mlsquiz COMMAND --help` for a command's options.",
    )
    parser.add_argument(
        "--version", action="version", version=f"mlsquiz {__version__}", help="print the version and exit"
    )
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="open the desktop app and quit once its home screen is shown (checks that it starts)",
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, title="commands", metavar="COMMAND")

    bank = sub.add_parser("bank", help="check, count, list and export the questions", parents=[common])
    bank_sub = bank.add_subparsers(
        dest="bank_command", required=True, parser_class=_Parser, title="commands", metavar="COMMAND"
    )
    validate = bank_sub.add_parser("validate", help="check the bank's files for errors", parents=[common])
    validate.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the shipped bank)")
    stats = bank_sub.add_parser(
        "stats", help="how many questions, by source, type and domain", parents=[common]
    )
    stats.add_argument("--json", action="store_true", help="print JSON")
    lint = bank_sub.add_parser("lint", help="quality findings for the bank's authors", parents=[common])
    lint.add_argument("--json", action="store_true", help="print JSON")
    topics = bank_sub.add_parser(
        "topics", help="the topics you can drill, with their aliases", parents=[common]
    )
    topics.add_argument("--json", action="store_true", help="print JSON")
    export = bank_sub.add_parser(
        "export", help="write the questions as JSON, an Anki deck, GIFT, CSV or Markdown", parents=[common]
    )
    export.add_argument("--format", choices=["json", "anki", "gift", "csv", "markdown"], default="json")
    export.add_argument(
        "-o", "--output", default=None, help="file to write; JSON defaults to standard output"
    )
    export.add_argument("--source", choices=["generated", "scenario", "imported"], default=None)
    export.add_argument("--wrong", action="store_true", help="only questions you have answered wrong")
    from mlsquiz import cli_import

    cli_import.add_parser(bank_sub, common, _Parser)

    exam = sub.add_parser("exam", help="build an exam without starting it", parents=[common])
    exam_sub = exam.add_subparsers(dest="exam_command", required=True, parser_class=_Parser)
    build = exam_sub.add_parser("build", help="assemble an exam without starting it", parents=[common])
    build.add_argument(
        "--blueprint", default=None, help="the exam, e.g. mla-c01 (default: the bank's default)"
    )
    build.add_argument("--seed", type=int, default=None, help="the same seed builds the same exam")
    build.add_argument(
        "--length", type=int, default=None, help="number of questions (default: the real exam's)"
    )
    build.add_argument("--json", action="store_true", help="print JSON")

    history = sub.add_parser("history", help="your attempts, newest first", parents=[common])
    history.add_argument("--json", action="store_true", help="print JSON")
    history.add_argument("--items", action="store_true", help="each attempt's questions too")

    from mlsquiz import cli_data

    cli_data.add_parser(sub, common, _Parser)
    from mlsquiz import cli_notes

    cli_notes.add_parser(sub, common, _Parser)
    return parser


def data_dir(args: argparse.Namespace) -> Path:
    """--data-dir, else MLSQUIZ_DATA_DIR, else the platform's per-user data folder."""
    from mlsquiz.launch import data_dir as resolve

    return resolve(getattr(args, "data_dir", None))


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command is None:
            from mlsquiz.app import run_app

            return run_app(data_dir(args), exit_when_ready=args.exit_when_ready)
        if args.command == "bank":
            return _bank(args)
        if args.command == "exam":
            return _exam(args)
        if args.command == "history":
            return _history(args)
        if args.command == "data":
            from mlsquiz import cli_data

            return cli_data.run(args, data_dir(args))
        if args.command == "notes":
            from mlsquiz import cli_notes

            return cli_notes.run(args, lambda: _load_bank(args), lambda bank: _open_store(args, bank))
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a clear line, never a traceback, for the user
        from mlsquiz.store.errors import UserFacingError

        if isinstance(exc, UserFacingError):
            print(f"mlsquiz: {exc}", file=sys.stderr)
            return 1
        raise
    return 2


def _open_store(args: argparse.Namespace, bank: Bank) -> Store:
    """The Store, read-only (commands here only read); a repair it made on opening is said on stderr."""
    from mlsquiz.store.facade import Store

    store = Store.open(data_dir(args), bank, read_only=True)
    if store.notice:
        print(f"mlsquiz: {store.notice}", file=sys.stderr)
    return store


def _print_json(obj: object, output: str = "-") -> None:
    text = json.dumps(obj, indent=2, ensure_ascii=False) + "\n"
    if output == "-":
        sys.stdout.write(text)
    else:
        Path(output).write_text(text, encoding="utf-8")


def _bank(args: argparse.Namespace) -> int:
    from mlsquiz.bank.bank import load_bank

    if args.bank_command == "validate":
        bank = load_bank(args.paths or None)
        for error in bank.errors:
            print(error.format(), file=sys.stderr)
        if bank.errors:
            print(f"{len(bank.errors)} error(s)", file=sys.stderr)
            return 1
        print(f"ok: {len(bank.questions)} questions, {len(bank.knowledge)} knowledge entries")
        return 0
    if args.bank_command == "lint":  # the shipped bank's quality: the user's own questions are theirs
        return _lint(args, load_bank())
    bank = _load_bank(args)
    if args.bank_command == "import":
        from mlsquiz import cli_import

        return cli_import.run_import(args, data_dir(args), bank)
    if args.bank_command == "stats":
        stats = bank.stats()
        if args.json:
            _print_json(stats)
        else:
            _print_stats(stats)
        return 0
    if args.bank_command == "export":
        return _export(args, bank)
    if args.bank_command == "topics":
        return _topics(args, bank)
    return 2


def _load_bank(args: argparse.Namespace) -> Bank:
    """The shipped bank plus the user's imported questions from the data folder."""
    from mlsquiz.bank.user_bank import load_bank_with_user

    return load_bank_with_user(data_dir(args))


def _lint(args: argparse.Namespace, bank: Bank) -> int:
    from mlsquiz.bank.lint import lint_bank

    report = lint_bank(bank)
    if args.json:
        _print_json(report.as_json())
    else:
        print(report.as_text())
    return 1 if report.errors else 0


def _export(args: argparse.Namespace, bank: Bank) -> int:
    questions = [q for q in bank.questions if args.source is None or q.source == args.source]
    if args.wrong:
        with _open_store(args, bank) as store:
            wrong = store.wrong_question_ids()
        questions = [q for q in questions if q.id in wrong]
    if args.format == "anki":
        from mlsquiz.bank.anki import write_deck

        path = Path(args.output or "mlsquiz.apkg")
        count = write_deck(questions, path, cases=bank.cases)
        print(f"wrote {count} notes to {path}")
        return 0
    if args.format in ("gift", "csv", "markdown"):
        from mlsquiz import cli_import

        return cli_import.write_text_export(args.format, questions, args.output, data_dir(args))
    from mlsquiz.bank.export import export_bank

    _print_json(export_bank(dataclasses.replace(bank, questions=tuple(questions))), args.output or "-")
    return 0


def _topics(args: argparse.Namespace, bank: Bank) -> int:
    """The topic slugs with their names and aliases, by slug: what drills and `--topic` filters accept."""
    entries = sorted(bank.knowledge.values(), key=lambda e: e.slug)
    if args.json:
        _print_json(
            [{"slug": e.slug, "name": e.name, "kind": e.kind, "aliases": list(e.aliases)} for e in entries]
        )
        return 0
    width = max((len(e.slug) for e in entries), default=0)
    for e in entries:
        aliases = f"  (also: {', '.join(e.aliases)})" if e.aliases else ""
        print(f"{e.slug:<{width}}  {e.name}{aliases}")
    return 0


def _print_stats(stats: dict[str, Any]) -> None:
    print(f"questions: {stats['total']}   knowledge entries: {stats['knowledge_entries']}")
    print("by source:  " + ", ".join(f"{k} {v}" for k, v in stats["by_source"].items()))
    print("by type:    " + ", ".join(f"{k} {v}" for k, v in stats["by_type"].items()))
    print(f"case studies: {stats['cases']} ({stats['case_questions']} questions)")
    for bp, domains in stats["by_domain"].items():
        print(f"{bp} by domain: " + ", ".join(f"{d}: {n}" for d, n in domains.items()))
        print(f"{bp} by task:   " + ", ".join(f"{t}: {n}" for t, n in stats["by_task"][bp].items()))
        for kind in ("ordering", "matching", "case"):
            per = stats["by_task_type"][bp]
            print(f"{bp} {kind + ':':<10}" + ", ".join(f"{t}: {n[kind]}" for t, n in per.items()))
    print("by template: " + ", ".join(f"{k} {v}" for k, v in stats["by_template"].items()))


def _exam(args: argparse.Namespace) -> int:
    from mlsquiz.exam.assembly import assemble

    bank = _load_bank(args)
    blueprint_id = args.blueprint or bank.default_blueprint.id
    if blueprint_id not in bank.blueprints:
        print(
            f"mlsquiz: unknown blueprint '{blueprint_id}' (known: {', '.join(bank.blueprints)})",
            file=sys.stderr,
        )
        return 2
    blueprint = bank.blueprints[blueprint_id]
    if args.length is not None and args.length < 1:
        print("mlsquiz: --length must be at least 1", file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "big")
    with _open_store(args, bank) as store:
        last_seen, hidden = store.last_seen(), store.notes.hidden_ids()
    exam = assemble(bank, blueprint, seed=seed, length=args.length, last_seen=last_seen, excluded=hidden)
    questions = [
        {"position": i + 1, "id": q.id, "domain": q.domain, "task": q.task, "type": q.type, "case": q.case}
        for i, q in enumerate(exam.items)
    ]
    out = {
        "blueprint": blueprint.id,
        "seed": seed,
        "duration_minutes": exam.duration_minutes,
        "passing_score": blueprint.passing_score,
        "questions": questions,
    }
    if args.json:
        _print_json(out)
    else:
        print(f"{blueprint.name}: {len(exam.items)} questions, {exam.duration_minutes} min, seed {seed}")
        for item in questions:
            case = f"  [case {item['case']}]" if item["case"] else ""
            print(f"{item['position']:>3}  {item['task']}  {item['type']:<8}  {item['id']}{case}")
    return 0


def _history(args: argparse.Namespace) -> int:
    with _open_store(args, _load_bank(args)) as store:
        rows = [h.as_json() for h in store.history(with_items=args.items)]
    if args.json:
        _print_json(rows)
    else:
        if not rows:
            print("no attempts yet")
        for r in rows:
            score = f"{r['scaled_score']} ({'pass' if r['passed'] else 'fail'})" if r["scaled_score"] else "-"
            print(
                f"#{r['id']:<4} {r['started_at'][:16]}  {r['mode']:<6} {r['blueprint']:<8} {r['status']:<11} "
                f"{r['correct']}/{r['questions']}  {score}"
            )
            for item in r.get("items") or []:
                verdict = {True: "right", False: "wrong", None: "-"}[item["correct"]]
                answered = {True: "answered", False: "not answered", None: "-"}[item["answered"]]
                print(
                    f"      {item['position']:>3}  {item['type']:<8} {answered:<12} {verdict:<5} "
                    f"{'flagged ' if item['flagged'] else ''}{item['seconds']}s  {item['question_id']}"
                )
    return 0
