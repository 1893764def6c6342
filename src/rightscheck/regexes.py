"""Regular expressions compiled once per installation rather than once per run.

Compiling its patterns is most of what a short check costs: CPython parses each pattern and
generates its matching code in Python every time a process starts, and a check of one article
compiles some five hundred of them (the terms of the words it holds). This module keeps the
generated code of the patterns compiled through :func:`compile` in the user's cache (see
:mod:`.pack_cache`) and, in the next run, builds each pattern from that code directly.

It relies on CPython's own regular-expression internals (``re._parser``, ``re._compiler`` and
``_sre``), as ``re.compile`` itself calls them. The cache is stamped with the interpreter's version
and the engine's magic number, so code made by another Python is never read; where the internals
are not there or refuse the code, the pattern is compiled by ``re.compile``: at worst this saves
nothing. Patterns are kept by group (a language's terms, the text helpers), so that a run loads the
code of the groups it uses only.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

try:  # CPython's regular-expression engine, as re.compile drives it
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _TYPECODE = next(t for t in "IL" if array(t).itemsize == _sre.CODESIZE)
    _STAMP: str | None = f"{sys.implementation.cache_tag}-{sys.version_info[2]}-{_sre.MAGIC}"
except Exception:  # pragma: no cover - another Python: re.compile only
    _STAMP = None

_LIMIT = 50_000  # patterns kept in one group's cache before it starts again (old packs' terms)

_DEBUG = int(re.DEBUG)  # (an int: a RegexFlag operand sends `&` through the enum machinery)
T = TypeVar("T")
# group -> (pattern, flags) -> (flags, code as bytes, groups, group index, index group); and other
# facts derived from patterns (see remember), under keys that start with their kind
Saved = dict[Hashable, Any]
_saved: dict[str, Saved] = {}
_new: dict[str, Saved] = {}


def _group(name: str) -> Saved:
    found = _saved.get(name)
    if found is None:
        from . import pack_cache

        loaded = pack_cache.load(f"regex-{_STAMP}-{name}")
        found = _saved[name] = loaded if isinstance(loaded, dict) else {}
    return found


def compile(pattern: str, flags: int = 0, group: str = "common") -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the code kept for ``group`` when there is some."""
    flags = int(flags)
    if _STAMP is None or flags & _DEBUG:
        return re.compile(pattern, flags)
    key = (pattern, flags)
    found = _group(group).get(key) or _new.get(group, {}).get(key)
    if found is not None:
        final, code, groups, index, names = found
        try:
            return _sre.compile(pattern, final, array(_TYPECODE, code).tolist(), groups, index, names)
        except Exception:
            pass
    made = _made(pattern, flags)
    if made is None:
        return re.compile(pattern, flags)
    compiled, kept = made
    _new.setdefault(group, {})[key] = kept
    return compiled


def _made(pattern: str, flags: int) -> tuple[re.Pattern[str], Any] | None:
    """The pattern compiled as ``re._compiler.compile`` does, with the code it generated."""
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error:
        raise  # a bad pattern: the same error as re.compile gives
    except Exception:  # internals not as expected: the caller uses re.compile
        return None
    try:
        code = _compiler._code(parsed, flags)
        state = parsed.state
        index = dict(state.groupdict)
        names: list[str | None] = [None] * state.groups
        for name, i in index.items():
            names[i] = name
        kept = (flags | state.flags, array(_TYPECODE, code).tobytes(), state.groups - 1, index, tuple(names))
        return _sre.compile(pattern, kept[0], code, kept[2], index, kept[4]), kept
    except Exception:  # internals not as expected: the caller uses re.compile
        return None


def remember(group: str, key: tuple[Hashable, ...], make: Callable[[], T]) -> T:
    """What ``make()`` returns, kept between runs with the group's patterns: for a fact worked out
    from patterns or from the interpreter (never from the text being checked), under a ``key``
    that names the fact and everything it depends on."""
    if _STAMP is None:
        return make()
    kept = _group(group)
    if key in kept:
        return kept[key]  # type: ignore[no-any-return]
    made = _new.setdefault(group, {})
    if key not in made:
        made[key] = make()
    return made[key]  # type: ignore[no-any-return]


def save() -> None:
    """Keep the code of the patterns compiled in this run that the cache did not hold."""
    if not _new:
        return
    from . import pack_cache

    for name, made in _new.items():
        kept = _group(name)
        merged = {**kept, **made} if len(kept) + len(made) <= _LIMIT else dict(made)
        pack_cache.store(f"regex-{_STAMP}-{name}", merged)
        _saved[name] = merged
    _new.clear()


def inherited() -> None:
    """In a worker process started by forking: the patterns its parent compiled and had not yet
    saved are read from here on like saved ones, so that :func:`taken` gives only this process's."""
    for name, made in _new.items():
        _saved[name] = {**_group(name), **made}
    _new.clear()


def taken() -> dict[str, Saved]:
    """The patterns (and facts) this process compiled since the last call, taken away from it: a
    worker process sends them to its parent, which keeps them with its own (:func:`adopt`) and
    saves them when it ends. Without this, each run's workers compiled afresh what no single
    process had saved: a fifth of the CPU time of a large check."""
    made = {name: items for name, items in _new.items() if items}
    _new.clear()
    return made


def adopt(made: dict[str, Saved]) -> None:
    """Keep patterns another process compiled (see :func:`taken`) as if compiled here."""
    for name, items in made.items():
        _new.setdefault(name, {}).update(items)
