"""A cache of validated rule packs, so that a check does not parse and validate every rule and
lexicon file again each time it starts.

The cache holds what loading a pack produced (its metadata, rules with their file and line, and
article headings) in one file per pack content, and each lexicon in a file of its own (a check
reads only the lexicons of its provisions' languages): the key is the hash of the pack's files and a stamp of
the code (its version and modules), so any edit to a rule, a lexicon or the code is a miss and the
pack is loaded and checked again. It
lives in ``$RIGHTSCHECK_CACHE`` or the user's cache folder (``$XDG_CACHE_HOME/rightscheck``,
``~/.cache/rightscheck``); ``RIGHTSCHECK_CACHE=off`` turns it off. A cache that cannot be read or
written is ignored: it only saves time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__


def cache_dir() -> Path | None:
    setting = os.environ.get("RIGHTSCHECK_CACHE", "")
    if setting.lower() in {"off", "0", "no", "false"}:
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rightscheck"


@lru_cache(maxsize=1)
def _code_stamp() -> str:
    """A stamp of the code that made the cached objects (each module's size and time): a cache
    written by other code (a new version, an edited checkout) is never read."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*.py")):
        info = path.stat()
        digest.update(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns};".encode())
    return digest.hexdigest()[:12]


def _file(key: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    safe = "".join(c if c.isalnum() else "-" for c in f"{_code_stamp()}-{key}")
    return folder / f"pack-{safe}.pickle"


def load(key: str) -> Any | None:
    path = _file(key)
    if path is None or not path.is_file():
        return None
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except Exception:  # a damaged or foreign file: load the pack from its files
        return None


def store(key: str, value: Any) -> None:
    path = _file(key)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".pack-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        _forget_other_code(path.parent)
    except OSError:
        with contextlib.suppress(OSError, NameError):
            Path(tmp).unlink(missing_ok=True)  # type: ignore[possibly-undefined]


def _forget_other_code(folder: Path) -> None:
    """Remove what other code (an earlier version, an edited checkout) cached here: it is never
    read again, and each version's files would otherwise pile up."""
    mine = f"pack-{_code_stamp()}-"
    for stale in folder.glob("pack-*.pickle"):
        if not stale.name.startswith(mine):
            with contextlib.suppress(OSError):
                stale.unlink()
