"""A compiled-bank cache: the validated, generated shipped bank, so that a start with an unchanged bank skips
YAML parsing, validation and generation.

The cache file lives in the user's cache folder (`platformdirs`), is named by a key — a hash of the mlsquiz
version and every shipped bank file's path and bytes — and carries a checksum of its own payload. A cache for
another key is stale and removed; a file whose checksum does not match is damaged and rebuilt; neither is ever
trusted. `bank validate` and `bank lint` always read the YAML.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import uuid
from pathlib import Path

from mlsquiz import __version__
from mlsquiz.bank.bank import Bank, load_bank
from mlsquiz.bank.loader import shipped_root

MAGIC = b"mlsquiz-bank-cache\n"
PREFIX = "bank-"


def default_cache_dir() -> Path:
    given = os.environ.get("MLSQUIZ_CACHE_DIR")
    if given:
        return Path(given).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("mlsquiz", appauthor=False))


def bank_key(root: Path | None = None) -> str:
    """The hash of the mlsquiz version, every bank file (path and bytes) under `root`, and the code that turns
    them into questions (`mlsquiz.bank`), so a changed generator never meets an old cache either."""
    root = root or shipped_root()
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*.yaml")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    code = Path(__file__).resolve().parent
    for path in sorted(code.rglob("*.py")):
        digest.update(path.relative_to(code).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _read(path: Path) -> Bank | None:
    """The cached bank, or None if the file is missing, truncated, or fails its checksum."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 32:
        return None
    checksum, payload = data[len(MAGIC) : len(MAGIC) + 32], data[len(MAGIC) + 32 :]
    if hashlib.sha256(payload).digest() != checksum:
        return None
    try:
        bank = pickle.loads(payload)
    except Exception:  # a payload that passed its checksum but does not unpickle: rebuild
        return None
    return bank if isinstance(bank, Bank) else None


def _write(path: Path, bank: Bank) -> None:
    payload = pickle.dumps(bank, protocol=pickle.HIGHEST_PROTOCOL)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(MAGIC + hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, path)
    except OSError:  # a cache that cannot be written only costs the next start its speed
        with contextlib.suppress(OSError):
            tmp.unlink()


def load_cached_bank(cache_dir: Path | None = None) -> Bank:
    """The shipped bank, from the cache when it matches the bank's files and this version, else built from
    the YAML and cached. A bank with errors is returned but never cached."""
    folder = cache_dir or default_cache_dir()
    path = folder / f"{PREFIX}{bank_key()[:32]}.pickle"
    bank = _read(path)
    if bank is not None:
        return bank
    bank = load_bank()
    if not bank.errors:
        for stale in folder.glob(f"{PREFIX}*.pickle") if folder.is_dir() else []:
            with contextlib.suppress(OSError):
                stale.unlink()
        _write(path, bank)
    return bank
