"""The compiled-bank cache gives exactly the YAML's bank, and is rebuilt when stale or damaged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mlsquiz.bank import cache
from mlsquiz.bank.bank import Bank


@pytest.fixture
def builds(shipped_bank: Bank, monkeypatch: pytest.MonkeyPatch) -> list[Bank]:
    """Every build of the bank the cache asks for, each answered with the session's bank from the YAML (the
    same `load_bank()`, built once per process rather than once per cache miss)."""
    made: list[Bank] = []

    def load_bank() -> Bank:
        made.append(shipped_bank)
        return shipped_bank

    monkeypatch.setattr(cache, "load_bank", load_bank)
    return made


def test_the_cache_gives_the_same_questions_and_ids_as_the_yaml(
    shipped_bank: Bank, builds: list[Bank], tmp_path: Path
) -> None:
    first = cache.load_cached_bank(tmp_path)
    (written,) = tmp_path.glob("bank-*.pickle")
    second = cache.load_cached_bank(tmp_path)  # from the file this time
    assert len(builds) == 1 and second is not shipped_bank
    assert [q.id for q in second.questions] == [q.id for q in shipped_bank.questions]
    assert second.questions == shipped_bank.questions
    assert second.knowledge == shipped_bank.knowledge and second.blueprints == shipped_bank.blueprints
    assert second.cases == shipped_bank.cases and first.questions == second.questions
    assert written.exists()


def test_a_damaged_cache_is_rebuilt_not_trusted(
    shipped_bank: Bank, builds: list[Bank], tmp_path: Path
) -> None:
    cache.load_cached_bank(tmp_path)
    (path,) = tmp_path.glob("bank-*.pickle")
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    assert cache.load_cached_bank(tmp_path).questions == shipped_bank.questions
    assert len(builds) == 2  # built again from the YAML, not read from the damaged file
    assert cache._read(path) is not None  # rewritten whole
    path.write_bytes(b"garbage")
    assert cache.load_cached_bank(tmp_path).questions == shipped_bank.questions
    assert len(builds) == 3


def test_a_changed_bank_file_or_version_invalidates_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builds: list[Bank]
) -> None:
    root = tmp_path / "bank"
    shutil.copytree(cache.shipped_root(), root)
    before = cache.bank_key(root)
    scenario = next((root / "scenarios").glob("*.yaml"))
    scenario.write_text(scenario.read_text() + "\n# a comment\n")
    changed = cache.bank_key(root)
    assert changed != before
    monkeypatch.setattr(cache, "__version__", "999.0.0")
    assert cache.bank_key(root) != changed
    # a stale cache file for another key is removed when the current one is written
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "bank-0000.pickle").write_bytes(b"old")
    cache.load_cached_bank(folder)
    assert len(builds) == 1
    assert not (folder / "bank-0000.pickle").exists()
    assert len(list(folder.glob("bank-*.pickle"))) == 1


def test_a_changed_generator_invalidates_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.bank_key()
    code = tmp_path / "bank"
    shutil.copytree(Path(cache.__file__).resolve().parent, code)
    (code / "generator.py").write_text((code / "generator.py").read_text() + "\n# changed\n")
    monkeypatch.setattr(cache, "__file__", str(code / "cache.py"))
    assert cache.bank_key() != before
