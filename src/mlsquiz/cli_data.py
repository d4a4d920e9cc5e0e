"""`mlsquiz data …`: the user's backups, listed, made, restored, and an integrity check of the database.

These work on the files directly, not through the Store, so that `data check` sees damage as it is instead of
after the automatic repair that opening the Store performs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

# The store's modules are imported in the functions that use them: building the parser runs on every start of
# the desktop app, before its first frame.


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, parser_class: type) -> None:  # type: ignore[type-arg]
    data = sub.add_parser("data", help="your backups and an integrity check", parents=[common])
    data_sub = data.add_subparsers(dest="data_command", required=True, parser_class=parser_class)
    listing = data_sub.add_parser("backups", help="list the backups, newest first", parents=[common])
    listing.add_argument("--json", action="store_true")
    data_sub.add_parser("backup", help="make a backup now", parents=[common])
    restore = data_sub.add_parser(
        "restore",
        help="restore a backup (the newest by default); the current database is kept aside",
        parents=[common],
    )
    restore.add_argument(
        "backup", nargs="?", default=None, help="a backup's file name, as `data backups` lists"
    )
    check = data_sub.add_parser("check", help="check the database's integrity", parents=[common])
    check.add_argument(
        "--restore", action="store_true", help="if it is damaged, restore the newest good backup"
    )


def run(args: argparse.Namespace, folder: Path) -> int:
    from mlsquiz.store import backups
    from mlsquiz.store.backups import DB_NAME

    db = folder / DB_NAME
    command = args.data_command
    if command == "backups":
        found = backups.list_backups(db)
        if args.json:
            rows = [
                {
                    "file": b.path.name,
                    "taken_at": b.taken_at.isoformat(),
                    "attempts": b.holding.attempts,
                    "answers": b.holding.answers,
                }
                for b in found
            ]
            sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        elif not found:
            print("no backups yet")
        else:
            for b in found:
                print(b.describe())
        return 0
    if command == "backup":
        info = backups.write_backup(db)
        if info is None:
            print("nothing to back up yet: there is no database in this folder")
            return 0
        print(f"backed up to {info.path.name} ({info.holding.describe()})")
        return 0
    if command == "restore":
        return _restore(db, args.backup)
    return _check(db, restore=args.restore)


def _refuse_if_open(db: Path) -> None:
    from mlsquiz.store.errors import UserFacingError
    from mlsquiz.store.lock import held_elsewhere

    if held_elsewhere(db.parent):
        raise UserFacingError("mlsquiz is open on this data folder; close it first, then restore")


def _restore(db: Path, name: str | None) -> int:
    from mlsquiz.store import backups, recovery
    from mlsquiz.store.errors import UserFacingError

    _refuse_if_open(db)
    found = backups.list_backups(db)
    if not found:
        raise UserFacingError("there is no good backup to restore")
    chosen = found[0]
    if name is not None:
        matches = [b for b in found if b.path.name == Path(name).name]
        if not matches:
            raise UserFacingError(
                f"no good backup named {Path(name).name}; `mlsquiz data backups` lists them"
            )
        chosen = matches[0]
    aside = recovery.restore(db, chosen.path, "replaced")
    kept = f"; the database it replaced was kept as {aside.name}" if aside else ""
    print(f"restored {chosen.path.name} ({chosen.holding.describe()}){kept}")
    return 0


def _check(db: Path, *, restore: bool) -> int:
    import sqlite3

    from mlsquiz.store import backups, dbfile, recovery
    from mlsquiz.store.errors import UserFacingError

    found = backups.list_backups(db)
    newest = f"; newest backup {found[0].path.name}" if found else "; no backups yet"
    problem = None
    if not db.exists() or db.stat().st_size == 0:
        if not found:
            print("no database yet: nothing to check")
            return 0
        problem = "the database is missing" if not db.exists() else "the database is empty"
    else:
        try:
            with dbfile.connect(db, "ro") as conn:
                rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
                held = dbfile.holding(conn)
            if rows == ["ok"]:
                print(f"ok: the database passed SQLite's integrity check ({held.describe()}){newest}")
                return 0
            problem = f"the database failed its integrity check: {'; '.join(rows[:3])}"[:300]
        except sqlite3.DatabaseError as exc:
            problem = f"the database is damaged or not an mlsquiz database ({exc})"[:300]
    print(problem + newest)
    if restore:
        _refuse_if_open(db)
        if not found:
            raise UserFacingError("there is no good backup to restore from; the database was left as it is")
        print(recovery.recover(db) or "nothing needed restoring")
    elif found:
        print("run `mlsquiz data check --restore` to keep it aside and restore the newest good backup")
    return 1
