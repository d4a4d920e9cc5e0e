"""The `mlsquiz` command. `mlsquiz [--data-dir FOLDER] [--exit-when-ready]` opens the desktop app at once;
anything else goes to the command line (`mlsquiz.cli`), so opening the app does not first build every command's
parser (its imports are a tenth of the time to the first frame)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path


def app_arguments(argv: Sequence[str]) -> tuple[str | None, bool] | None:
    """(--data-dir, --exit-when-ready) when `argv` holds nothing else, spelt out in full; else None, and the
    command line's own parser takes over (abbreviations, help, errors, commands)."""
    folder: str | None = None
    exit_when_ready = False
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--exit-when-ready":
            exit_when_ready = True
        elif arg == "--data-dir" and args and args[0] and not args[0].startswith("-"):
            folder = args.pop(0)
        elif arg.startswith("--data-dir=") and len(arg) > len("--data-dir="):
            folder = arg.split("=", 1)[1]
        else:
            return None
    return folder, exit_when_ready


def data_dir(given: str | os.PathLike[str] | None) -> Path:
    """--data-dir, else MLSQUIZ_DATA_DIR, else the platform's per-user data folder."""
    given = given or os.environ.get("MLSQUIZ_DATA_DIR")
    if given:
        return Path(given).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("mlsquiz", appauthor=False))


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    app = app_arguments(argv)
    if app is None:
        from mlsquiz.cli import main as cli_main

        return cli_main(argv)
    from mlsquiz.startup import hold_collection, release

    hold_collection()  # until the first dashboard and the other screens are in (`startup.settle`)
    try:
        from mlsquiz.app import run_app

        return run_app(data_dir(app[0]), exit_when_ready=app[1])
    except Exception as exc:  # a clear line, never a traceback, for the user
        from mlsquiz.store.errors import UserFacingError

        if isinstance(exc, UserFacingError):
            print(f"mlsquiz: {exc}", file=sys.stderr)
            return 1
        raise
    finally:
        release()  # a start that ended early (no display, already open, an error) never settled
