"""One expression that matches where any of several patterns matches, with their common
beginnings written once.

A term index asks, at each place where a group of terms may start, whether any of them matches
there (see :class:`~rightscheck.matchers.TermIndex`). Written as ``(?:p1)|(?:p2)|...``, the
regular-expression engine reads the shared beginning of the terms ("(?<!\\w)promotion[ -]?of")
again for each of them; written as a tree of alternatives (``(?<!\\w)promotion[ -]?of(?:[ -]?
hatred|[ -]?competition)``), it reads it once and passes over an alternative by its first letter.
Both match at the same places, which is all a gate is asked.

Patterns are cut into atoms (a character, an escape, a class, a group, each with its
quantifier); a pattern this module does not read with certainty (an alternation outside any group,
a capturing or named group, inline flags) makes the union the plain alternation.
"""

from __future__ import annotations

import re

_QUANTIFIER = re.compile(r"(?:[*+?]|\{\d*(?:,\d*)?\})[?+]?")
_FLAG_GROUP = re.compile(r"\(\?[aiLmsux-]")


def atoms(source: str) -> list[str] | None:
    """The pattern as a sequence of atoms, each with its quantifier; None when it is not one this
    module reads with certainty."""
    out: list[str] = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c == "\\":
            if i + 1 >= n or source[i + 1] in "0123456789xuUNgk":
                return None
            j = i + 2
        elif c == "[":
            j = _class_end(source, i)
        elif c == "(":
            if not source.startswith(("(?:", "(?=", "(?!", "(?<=", "(?<!"), i) or _FLAG_GROUP.match(source, i):
                return None  # a capturing, named or conditional group, or inline flags
            j = _group_end(source, i)
        elif c in ")|*+?{":
            return None
        else:
            j = i + 1
        if j < 0:
            return None
        quantifier = _QUANTIFIER.match(source, j)
        if quantifier is not None:
            j = quantifier.end()
        out.append(source[i:j])
        i = j
    return out


def _class_end(source: str, i: int) -> int:
    """Where the character class opening at ``i`` ends (past its ``]``); -1 if it does not."""
    j = i + 1
    if source.startswith("^", j):
        j += 1
    if source.startswith("]", j):
        j += 1
    while j < len(source):
        if source[j] == "\\":
            j += 2
        elif source[j] == "[":
            return -1  # a nested set: not read here
        elif source[j] == "]":
            return j + 1
        else:
            j += 1
    return -1


def _group_end(source: str, i: int) -> int:
    """Where the group opening at ``i`` ends (past its ``)``); -1 if it does not."""
    depth = 0
    j = i
    while j < len(source):
        c = source[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(source, j)
            if j < 0:
                return -1
            continue
        if c == "(":
            if not source.startswith(("(?:", "(?=", "(?!", "(?<=", "(?<!"), j) or _FLAG_GROUP.match(source, j):
                return -1
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return -1


def union(sources: list[str]) -> str:
    """An expression that matches at a place exactly when one of ``sources`` matches there (where it
    ends may differ: it is for asking whether, not where). No sources: an expression that never matches."""
    if not sources:
        return "(?!)"
    parsed = [atoms(s) for s in sources]
    if any(p is None for p in parsed):
        return "|".join(f"(?:{s})" for s in sources)
    return _tree([p for p in parsed if p is not None])


def _tree(sequences: list[list[str]]) -> str:
    """The alternation of atom sequences, those with the same first atom under it once."""
    branches: dict[str, list[list[str]]] = {}
    ends = False  # one of the sequences ends here
    for seq in sequences:
        if seq:
            branches.setdefault(seq[0], []).append(seq[1:])
        else:
            ends = True
    alternatives = [first + _tree(rests) for first, rests in branches.items()]
    if ends and alternatives:
        alternatives.append("")
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")" if alternatives else ""


def branches(sources: list[str]) -> list[list[str]] | None:
    """The sources in groups, where they first part ways: after the atoms all of them begin with,
    those that go on alike (or end there) make one group, in the order the sources come. None when
    a source is not cut into atoms, or when they do not part."""
    parsed = [atoms(s) for s in sources]
    if any(p is None for p in parsed):
        return None
    sequences = [p for p in parsed if p is not None]
    shared = 0
    while all(len(p) > shared for p in sequences) and len({p[shared] for p in sequences}) == 1:
        shared += 1
    groups: dict[str | None, list[str]] = {}
    for source, seq in zip(sources, sequences, strict=True):
        groups.setdefault(seq[shared] if len(seq) > shared else None, []).append(source)
    return list(groups.values()) if len(groups) > 1 else None
