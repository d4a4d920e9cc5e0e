"""Random and mutated bank files and settings never produce a traceback or a hang."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlsquiz.bank.loader import MAX_MESSAGE, load_files, shipped_root
from mlsquiz.settings import Settings, load_settings

SAMPLE = (shipped_root() / "blueprints" / "mla-c01.yaml").read_bytes()
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=30,
)


def _mutate(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for position, value in edits:
        if out:
            out[position % len(out)] = value
    return bytes(out)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        st.binary(max_size=400),
        st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=8).map(
            lambda edits: _mutate(SAMPLE, edits)
        ),
        st.text(max_size=300).map(str.encode),
    )
)
def test_the_loader_reports_every_bad_file_in_a_line(tmp_path_factory: object, data: bytes) -> None:
    folder = Path(tmp_path_factory.mktemp("fuzz"))  # type: ignore[attr-defined]
    path = folder / "file.yaml"
    path.write_bytes(data)
    result = load_files([path])
    assert all(len(error.format()) <= MAX_MESSAGE for error in result.errors)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(json_values.map(json.dumps), st.binary(max_size=200).map(lambda b: b.decode("latin-1"))))
def test_any_settings_file_loads_to_valid_settings(tmp_path_factory: object, text: str) -> None:
    folder = Path(tmp_path_factory.mktemp("settings"))  # type: ignore[attr-defined]
    (folder / "settings.json").write_text(text, encoding="utf-8", errors="surrogateescape")
    assert isinstance(load_settings(folder), Settings)


def test_deeply_nested_settings_load_to_defaults(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert load_settings(tmp_path) == Settings()


def test_a_schema_version_that_is_not_a_number_is_a_clear_error(tmp_path: Path) -> None:
    import sqlite3

    import pytest

    from mlsquiz.store.errors import UserFacingError
    from mlsquiz.store.facade import Store
    from tests.conftest import synthetic_bank

    bank = synthetic_bank(40)
    for bad in ("abc", "1.5", "", "-5"):
        folder = tmp_path / (bad or "empty")
        Store.open(folder, bank).close()
        conn = sqlite3.connect(folder / "mlsquiz.db")
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (bad,))
        conn.commit()
        conn.close()
        with pytest.raises(UserFacingError, match="schema version"):
            Store.open(folder, bank)
