"""Literal prefilters for regular expressions: strings one of which every match must contain.

Python's regular-expression engine tries a pattern at every position of the text when the
pattern does not start with a fixed literal (``(?<!\\w)(?:[وف]?بال)?سجن``, ``\\b(?:l')?extr[ée]mis``);
on a page of text that costs tens of microseconds per pattern, even where the pattern's words do
not occur at all. :func:`needles` reads the pattern's syntax tree once and finds a set of literal
strings one of which every match contains; ``any(n in text for n in needles)`` then rules a text
out at the speed of a substring search. The set is exact or absent: where the tree holds
nothing certain (a match may consist of any letters), no prefilter is made and the pattern always
runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from . import regexes
from .regex_union import union

# The parser behind ``re``: internal to the standard library; if a later Python moves it, no
# prefilter is made and every pattern simply runs.
try:
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another layout of the standard library
    C = P = None

MAX_STRINGS = 64  # alternatives kept while literals are combined; beyond this no prefilter
MAX_CLASS = 4  # a character class of at most this many letters still counts as literal
# From this many literals, one expression looks for them all (their common beginnings written once)
# in one pass over the text: faster than a substring search for each.
ONE_SEARCH_FROM = 17
_ZERO_WIDTH = {C.AT, C.ASSERT, C.ASSERT_NOT} if C is not None else set()


@dataclass
class _Info:
    """What a piece of a pattern guarantees: ``exact`` is every string it can match (when few and
    known), ``required`` a set one of which each match contains (None: nothing known)."""

    exact: set[str] | None
    required: set[str] | None


def _rank(found: set[str]) -> tuple[int, int, int]:
    """How good a required set is as a prefilter: strings long enough to be rare (up to six
    characters, longer adds little), then few of them to look for, then longer."""
    shortest = min(map(len, found))
    return min(shortest, 6), -len(found), shortest


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    """The better prefilter of two required sets (see :func:`_rank`)."""
    if not a or "" in a:
        return b if b and "" not in b else None
    if not b or "" in b:
        return a
    return a if _rank(a) >= _rank(b) else b


def _sequence(items: list[tuple[Any, Any]], fold: bool) -> _Info:
    current: set[str] | None = {""}  # the literal run being built
    best: set[str] | None = None
    exact = True
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # a boundary or lookaround consumes nothing
        piece = _node(op, av, fold)
        if piece.exact is not None and current is not None and len(current) * len(piece.exact) <= MAX_STRINGS:
            if len(piece.exact) > 1:
                best = _better(best, current)  # the run so far may be the better prefilter
            current = {s + t for s in current for t in piece.exact}
            continue
        exact = False
        best = _better(best, current)
        best = _better(best, piece.required)
        current = set(piece.exact) if piece.exact is not None and len(piece.exact) <= MAX_STRINGS else {""}
    best = _better(best, current)
    if exact and current is not None:
        return _Info(current, current)
    return _Info(None, best)


def _letters(code: int, fold: bool) -> set[str] | None:
    """The character of casefolded text that a literal of the pattern matches (None: not one
    character). Case-insensitively a letter matches its lower-case form, and a few letters more
    ("ς" and "σ", "µ" and "μ"), which casefolding makes one; "i" also matches the dotless "ı",
    which casefolding keeps: :meth:`Gated.possible` lets every text with a dotless i through."""
    if not fold:
        return {chr(code)}
    folded = chr(code).lower().casefold()
    return {folded} if len(folded) == 1 and folded != "ı" else None


def _node(op: Any, av: Any, fold: bool) -> _Info:
    if op is C.LITERAL:
        return _Info(_letters(av, fold), None)
    if op is C.IN:
        chars: set[str] = set()
        for kind, value in av:
            letters = _letters(value, fold) if kind is C.LITERAL else None
            if letters is None:
                return _Info(None, None)
            chars |= letters
        return _Info(chars, None) if len(chars) <= MAX_CLASS else _Info(None, None)
    if op is C.SUBPATTERN:
        if av[1] or av[2]:
            return _Info(None, None)  # flags changed inside the group: nothing is assumed
        return _sequence(list(av[-1]), fold)
    if op is C.BRANCH:
        parts = [_sequence(list(branch), fold) for branch in av[1]]
        if all(p.exact is not None and "" not in p.exact for p in parts):
            union = set().union(*(p.exact for p in parts if p.exact is not None))
            if len(union) <= MAX_STRINGS:
                return _Info(union, union)
        required = [p.required for p in parts]
        if all(r and "" not in r for r in required):
            union = set().union(*(r for r in required if r))
            return _Info(None, union if len(union) <= MAX_STRINGS else None)
        return _Info(None, None)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)):
        low, high, sub = av
        inner = _sequence(list(sub), fold)
        if low == 0:
            return _Info(None, None)  # optional: it guarantees nothing
        if low == high == 1:
            return inner
        return _Info(None, inner.required)
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _sequence(list(av), fold)
    return _Info(None, None)


def needles(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Literal strings one of which every match of ``pattern`` contains, in the text as the
    pattern sees it (lower-cased when the pattern ignores case, by ``flags`` or inline: match
    them against lower-cased text); None when no such set can be told from the pattern."""
    if P is None:
        return None
    try:
        tree = P.parse(pattern, flags)
    except re.error:
        return None
    info = _sequence(list(tree), bool(tree.state.flags & re.IGNORECASE))  # inline (?i) included
    found = info.required
    if not found or "" in found:
        return None
    return tuple(sorted(found, key=lambda s: (-len(s), s)))


_IGNORECASE = int(re.IGNORECASE)  # (an int: a RegexFlag operand sends `&` through the enum machinery)


class Gated:
    """A compiled pattern behind its literal prefilter: ``search`` and ``finditer`` answer at once,
    with nothing, for a text that holds none of the literals. The text must be as the literals are
    (lower-cased for a case-insensitive pattern: the engine's normalised text is casefolded). The
    literals are worked out on first use, so that loading a pack stays cheap."""

    __slots__ = ("_finder", "_needles", "flags", "group", "pattern", "regex")

    def __init__(self, pattern: str, flags: int = 0, group: str = "common") -> None:
        self.pattern = pattern
        self.flags = flags
        self.group = group
        self.regex = regexes.compile(pattern, flags, group)
        self._needles: tuple[str, ...] | bool | None = False  # False: not worked out yet
        self._finder: re.Pattern[str] | None = None  # one search for many literals

    @property
    def needles(self) -> tuple[str, ...] | None:
        if self._needles is False:
            pattern, flags = self.pattern, self.flags
            found = regexes.remember(self.group, ("needles", pattern, flags), lambda: needles(pattern, flags))
            if found is not None and len(found) >= ONE_SEARCH_FROM:
                self._finder = regexes.compile(_literals(found, self.group), group=self.group)
            self._needles = found
        return self._needles  # type: ignore[return-value]

    def possible(self, text: str) -> bool:
        found = self.needles
        if found is None:
            return True
        if self._finder is not None:
            if self._finder.search(text) is not None:
                return True
        else:
            for n in found:  # (a loop, not any() over a generator: this runs for every pattern and text)
                if n in text:
                    return True
        return "ı" in text and bool(self.regex.flags & _IGNORECASE)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        if not self.possible(text):
            return None
        return self.regex.search(text, pos) if endpos is None else self.regex.search(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        if not self.possible(text):
            return iter(())
        return self.regex.finditer(text, pos) if endpos is None else self.regex.finditer(text, pos, endpos)


def _literals(found: tuple[str, ...], group: str) -> str:
    """One expression that matches wherever one of the strings ``found`` occurs (kept between runs
    with the group's patterns)."""
    sources = [re.escape(n) for n in sorted(found)]
    return regexes.remember(group, ("literals", tuple(sources)), lambda: union(sources))
