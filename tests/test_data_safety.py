"""Never lose a study history: backups, damage, stale writes, failed writes, the time of an answer."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from mlsquiz.bank.bank import Bank
from mlsquiz.cli import main
from mlsquiz.store import backups, dbfile, recovery
from mlsquiz.store.dbfile import DamagedDatabase, Holding
from mlsquiz.store.facade import DamagedDuringSession, StaleAttempt, Store
from mlsquiz.store.tables import SCHEMA_VERSION

from .conftest import FakeClock

ROOT = Path(__file__).resolve().parents[1]


def finished_exam(store: Store, seed: int, length: int = 5) -> int:
    view = store.start_exam(seed=seed, length=length)
    aid = view.status.id
    for item in view.items:
        store.answer(aid, item.position, [item.options[0].key])
    store.submit(aid)
    return aid


def corrupt_middle(db: Path) -> None:
    """Overwrite every page but the first two and the last with garbage, as a failing disk might."""
    data = bytearray(db.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, page):
        data[start : start + page] = b"\xa5" * page
    db.write_bytes(bytes(data))


def backup_files(data: Path) -> list[Path]:
    return sorted((data / "backups").glob("mlsquiz-*.db"))


# -- 1. the only backup overwritten by a bad database ---------------------------------------------------------


@pytest.mark.parametrize("damage", ["emptied", "deleted"])
def test_an_emptied_or_deleted_database_is_restored_not_taken_for_a_new_user(
    small_bank: Bank, data_dir: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    with Store.open(data_dir, small_bank) as store:
        aid = finished_exam(store, 1)
    db = data_dir / "mlsquiz.db"
    if damage == "emptied":
        db.write_bytes(b"")
    else:
        db.unlink()
    assert main(["history", "--json", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr()
    assert "restored the backup" in out.err  # the CLI says so, on stderr
    assert [a["id"] for a in __import__("json").loads(out.out)] == [aid]
    if damage == "emptied":
        (aside,) = data_dir.glob("mlsquiz.db.empty-*")
        assert aside.stat().st_size == 0  # kept aside, not deleted
    for backup in backup_files(data_dir):
        assert dbfile.check(backup, "immutable").attempts == 1  # no backup was replaced by the empty file


def test_a_database_damaged_past_its_first_pages_is_restored_at_opening(
    small_bank: Bank, data_dir: Path
) -> None:
    with Store.open(data_dir, small_bank) as store:
        for seed in range(4):
            finished_exam(store, seed, length=65)
    db = data_dir / "mlsquiz.db"
    before = backup_files(data_dir)
    corrupt_middle(db)
    with pytest.raises(DamagedDatabase):
        backups.write_backup(db)  # never a backup from a database that fails its check
    assert backup_files(data_dir) == before
    with Store.open(data_dir, small_bank) as store:
        assert store.notice is not None and "damaged" in store.notice
        assert len(store.history()) == 4
    assert list(data_dir.glob("mlsquiz.db.damaged-*"))


def test_damage_found_mid_session_stops_writing_keeps_the_file_and_restores(
    small_bank: Bank, data_dir: Path
) -> None:
    with Store.open(data_dir, small_bank) as store:
        for seed in range(4):
            finished_exam(store, seed, length=65)
    store = Store.open(data_dir, small_bank)
    try:
        corrupt_middle(data_dir / "mlsquiz.db")
        with pytest.raises(DamagedDuringSession):
            store.history()
        assert store.database.damaged
        with pytest.raises(DamagedDuringSession):
            store.start_exam(seed=9, length=5)  # no more writing to the damaged file
        notice = store.recover_from_damage()
        assert "restored" in notice
        assert len(store.history()) == 4
        assert list(data_dir.glob("mlsquiz.db.damaged-*"))
    finally:
        store.close()


def test_backups_roll_the_last_ten_and_one_a_day_and_never_prune_a_fuller_one(
    small_bank: Bank, data_dir: Path
) -> None:
    with Store.open(data_dir, small_bank) as store:
        finished_exam(store, 1)
        finished_exam(store, 2)
    db = data_dir / "mlsquiz.db"
    for b in backup_files(data_dir):
        b.unlink()
    start = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    fuller = backups.write_backup(db, now=start)
    assert fuller is not None and fuller.holding == Holding(2, 10)
    # the user restores an older state that holds less, then works for twelve days, three backups a day
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM attempt_item WHERE attempt_id = 2")
    conn.execute("DELETE FROM attempt WHERE id = 2")
    conn.commit()
    conn.close()
    for day in range(1, 13):
        for hour in (9, 13, 18):
            backups.write_backup(db, now=start + timedelta(days=day, hours=hour - 12))
    kept = backups.list_backups(db)
    assert fuller.path in [b.path for b in kept]  # it holds more than any later one: never pruned
    later = [b for b in kept if b.path != fuller.path]
    newest = later[0].taken_at
    assert len(later) == 10 + 3  # the last ten, and the newest of each of the three earlier days of the week
    days = {b.taken_at.date() for b in later}
    assert all(newest - timedelta(days=7) <= b.taken_at for b in later)
    assert len(days) == 7


# -- 2. a second instance -------------------------------------------------------------------------------------


def test_a_second_store_cannot_revive_a_submitted_exam(small_bank: Bank, data_dir: Path) -> None:
    with Store.open(data_dir, small_bank) as a, Store.open(data_dir, small_bank) as b:
        view = a.start_exam(seed=5, length=5)
        aid = view.status.id
        b.resume(aid)
        a.answer(aid, 1, [view.items[0].options[0].key])
        a.submit(aid)
        with pytest.raises(StaleAttempt):
            b.answer(aid, 2, [view.items[1].options[0].key])
        b.submit(aid)  # read afresh: already submitted, so nothing is graded again
        (entry,) = a.history()
        assert entry.status == "submitted"
        conn = sqlite3.connect(data_dir / "mlsquiz.db")
        graded = conn.execute("SELECT count(*) FROM attempt_item WHERE correct IS NOT NULL").fetchone()[0]
        reviews = conn.execute("SELECT coalesce(max(reviews), 0) FROM review_card").fetchone()[0]
        conn.close()
        assert graded == 5 and reviews <= 1  # graded once, each card reviewed at most once
        with pytest.raises(Exception, match="submitted"):
            b.resume(aid)


def test_a_stale_write_from_a_paused_window_is_refused(small_bank: Bank, data_dir: Path) -> None:
    with Store.open(data_dir, small_bank) as a, Store.open(data_dir, small_bank) as b:
        view = a.start_exam(seed=6, length=5)
        aid = view.status.id
        b.resume(aid)
        a.answer(aid, 1, [view.items[0].options[0].key])  # a wrote after b read
        with pytest.raises(StaleAttempt):
            b.flag(aid, 3, True)
        fresh = b.resume(aid)  # reading again is the way back
        assert fresh.items[0].options[0].chosen or any(o.chosen for o in fresh.items[0].options)
        b.flag(aid, 3, True)


# -- 3. answered_at is when the answer was given --------------------------------------------------------------


def test_answered_at_is_the_time_of_the_answer(small_bank: Bank, data_dir: Path, clock: FakeClock) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        view = store.start_exam(seed=7, length=5)
        aid = view.status.id
        given = clock.now()
        store.answer(aid, 1, [view.items[0].options[0].key])
        clock.advance(60)
        store.goto(aid, 3)
        store.flag(aid, 1, True)
        clock.advance(60)
        store.submit(aid)
    conn = sqlite3.connect(data_dir / "mlsquiz.db")
    stamps = conn.execute(
        "SELECT position, answered_at FROM attempt_item WHERE attempt_id = ?", (aid,)
    ).fetchall()
    conn.close()
    by_position = dict(stamps)
    assert datetime.fromisoformat(by_position[1]).replace(tzinfo=UTC) == given
    assert all(by_position[p] is None for p in (2, 3, 4, 5))


def test_the_schema_2_migration_estimates_answer_times_and_adds_the_write_counter(
    small_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        aid = finished_exam(store, 3)
    db = data_dir / "mlsquiz.db"
    conn = sqlite3.connect(db)  # make it a version-1 database, as the last release left it
    conn.execute("ALTER TABLE attempt DROP COLUMN version")
    conn.execute("UPDATE attempt SET submitted_at = '2026-11-26 12:00:00.000000'")
    conn.execute("UPDATE attempt_item SET answered_at = '2026-11-26 12:00:00.000000', seconds = 60")
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with Store.open(data_dir, small_bank, clock) as store:
        assert [h.id for h in store.history()] == [aid]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(
        SCHEMA_VERSION
    )
    assert conn.execute("SELECT version FROM attempt").fetchone()[0] >= 0
    times = [r[0] for r in conn.execute("SELECT answered_at FROM attempt_item ORDER BY position")]
    conn.close()
    started = clock.now() - timedelta(0)
    expected = [started.replace(tzinfo=None) + timedelta(seconds=60 * p) for p in range(1, 6)]
    assert [datetime.fromisoformat(t) for t in times] == expected


def test_the_schema_3_migration_adds_confidence_notes_and_reports_and_keeps_every_answer(
    small_bank: Bank, data_dir: Path, clock: FakeClock
) -> None:
    with Store.open(data_dir, small_bank, clock) as store:
        aid = finished_exam(store, 3)
    db = data_dir / "mlsquiz.db"
    conn = sqlite3.connect(db)  # make it a version-2 database, as the last release left it
    answers_before = conn.execute("SELECT position, answer FROM attempt_item ORDER BY position").fetchall()
    conn.execute("ALTER TABLE attempt_item DROP COLUMN confidence")
    conn.execute("DROP TABLE question_note")
    conn.execute("DROP TABLE question_report")
    conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with Store.open(data_dir, small_bank, clock) as store:
        assert [h.id for h in store.history()] == [aid]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "3"
    assert (
        conn.execute("SELECT position, answer FROM attempt_item ORDER BY position").fetchall()
        == answers_before
    )
    assert {r[0] for r in conn.execute("SELECT confidence FROM attempt_item")} == {""}
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert {"question_note", "question_report"} <= tables


# -- 4. a failed commit ---------------------------------------------------------------------------------------

FULL_DISK = textwrap.dedent(
    """
    import resource, signal, sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[2])
    from tests.conftest import synthetic_bank
    from mlsquiz.store.facade import Store, SaveFailed

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    folder = Path(sys.argv[1])
    store = Store.open(folder, synthetic_bank())
    view = store.start_exam(seed=3, length=5)
    aid = view.status.id
    store.answer(aid, 1, [view.items[0].options[0].key])
    size = max(p.stat().st_size for p in folder.glob("mlsquiz.db*"))
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, resource.RLIM_INFINITY))
    try:
        store.answer(aid, 2, [view.items[1].options[0].key])
        print("no error")
    except SaveFailed as exc:
        print("failed:", exc)
    shown = store.attempt_view(aid)
    print("shown2:", [o.key for o in shown.items[1].options if o.chosen])
    resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    store.answer(aid, 2, [view.items[1].options[1].key])
    print("retried")
    store.close()
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_failed_write_rolls_the_screen_back_and_says_what_is_saved(
    small_bank: Bank, tmp_path: Path
) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("failed: Can't save:") and "answers up to question 1 are saved" in lines[0]
    assert lines[1] == "shown2: []"  # the screen does not show an answer the database lacks
    assert lines[2] == "retried"
    with Store.open(tmp_path, small_bank) as store:
        (resumable,) = store.resumable()
        assert resumable.answered == 2


def test_a_full_disk_is_said_in_plain_words(tmp_path: Path) -> None:
    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorname = "SQLITE_FULL"  # type: ignore[attr-defined]
    assert dbfile.explain_os_error(error, tmp_path) == "the disk is full"


# -- 8. smaller faults ----------------------------------------------------------------------------------------


def test_two_stores_closing_at_once_each_leave_a_backup(small_bank: Bank, data_dir: Path) -> None:
    a = Store.open(data_dir, small_bank)
    b = Store.open(data_dir, small_bank)
    finished_exam(a, 1)
    a.close()
    b.close()
    assert len(backup_files(data_dir)) >= 2
    assert not list((data_dir / "backups").glob(".tmp-*"))


def test_a_refused_newer_database_and_a_restore_leave_no_stray_files(
    small_bank: Bank, data_dir: Path
) -> None:
    with Store.open(data_dir, small_bank) as store:
        finished_exam(store, 1)
    db = data_dir / "mlsquiz.db"
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(Exception, match="newer mlsquiz"):
        Store.open(data_dir, small_bank)
    assert sorted(p.name for p in data_dir.iterdir()) == ["backups", "mlsquiz.db"]
    db.write_bytes(b"")
    with Store.open(data_dir, small_bank, read_only=True) as store:
        assert store.notice is not None
    assert not [p for p in data_dir.rglob("*") if p.name.endswith(("-wal", "-shm")) and "bak" in p.name]
    assert not list((data_dir / "backups").glob("*-wal"))


def test_read_only_commands_create_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "new"
    assert main(["history", "--data-dir", str(folder)]) == 0
    assert main(["exam", "build", "--length", "5", "--data-dir", str(folder)]) == 0
    assert main(["data", "backups", "--data-dir", str(folder)]) == 0
    assert not folder.exists()


def test_settings_as_a_directory_does_not_stop_the_store_closing(small_bank: Bank, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "settings.json").mkdir()
    with Store.open(data_dir, small_bank) as store:
        assert store.settings().theme == "system"
        with pytest.raises(Exception, match="could not save the settings"):
            store.save_settings(store.settings())
    assert backup_files(data_dir)  # the store closed normally


def test_data_commands(small_bank: Bank, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(data_dir, small_bank) as store:
        finished_exam(store, 1)
    folder = ["--data-dir", str(data_dir)]
    assert main(["data", "backup", *folder]) == 0
    assert main(["data", "backups", "--json", *folder]) == 0
    capsys.readouterr()
    assert main(["data", "backups", "--json", *folder]) == 0
    listed = __import__("json").loads(capsys.readouterr().out)
    assert len(listed) == 2 and listed[0]["attempts"] == 1 and listed[0]["answers"] == 5
    assert main(["data", "check", *folder]) == 0
    corrupt_middle(data_dir / "mlsquiz.db")
    assert main(["data", "check", *folder]) == 1
    assert "data check --restore" in capsys.readouterr().out
    assert main(["data", "check", "--restore", *folder]) == 1
    assert "restored" in capsys.readouterr().out
    assert main(["data", "check", *folder]) == 0
    assert main(["data", "restore", listed[1]["file"], *folder]) == 0
    assert "kept as mlsquiz.db.replaced-" in capsys.readouterr().out
    assert main(["data", "restore", "nope.db", *folder]) == 1


def test_a_read_only_data_folder_is_said_as_such(
    small_bank: Bank, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data_dir, small_bank) as store:
        finished_exam(store, 1)
    monkeypatch.setattr(dbfile, "writable", lambda _folder: False)
    with pytest.raises(dbfile.ReadOnlyFolder, match="read-only"):
        Store.open(data_dir, small_bank)
    with Store.open(data_dir, small_bank, read_only=True) as store:  # reading still works
        assert len(store.history()) == 1


def test_a_locked_database_is_a_message_never_damage_to_repair(
    small_bank: Bank, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data_dir, small_bank) as store:
        finished_exam(store, 1)
    db = data_dir / "mlsquiz.db"
    holder = sqlite3.connect(db, timeout=0)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    connect = sqlite3.connect
    waits: list[float] = []

    def impatient(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        """SQLite's busy wait (5 s by default) cut to 50 ms: the holder keeps its lock for longer than either."""
        waits.append(kwargs.setdefault("timeout", 0.05))
        return connect(*args, **kwargs)

    try:
        with pytest.raises(Exception) as caught, monkeypatch.context() as patch:
            patch.setattr(dbfile.sqlite3, "connect", impatient)
            recovery.recover(db)
        assert waits  # the check met the lock through this connect
        assert not isinstance(caught.value, DamagedDatabase)
        assert "could not read" in str(caught.value)
        assert not list(data_dir.glob("mlsquiz.db.damaged-*"))  # nothing set aside
    finally:
        holder.rollback()
        holder.close()
    with Store.open(data_dir, small_bank) as store:
        assert store.notice is None and len(store.history()) == 1
