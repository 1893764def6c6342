"""Patterns read from the start of their clause, matched from the words that make them match.

Lexicons mark a clause that denies liability from the clause's start to its words
(``(?:^|(?<=[.;:] )|(?<=\\n))[^.;:\\n]{0,500}?\\b(?:does not constitute an offence|…)``). Python's
engine tries such a pattern at every clause start and, from there, tries the words after each
character of the clause: on a page of text that costs tens of microseconds, most of it in the lazy
run of characters. :class:`ClauseStart` finds the same matches by searching the words alone (one
pass over the text) and going back from each to the start of its clause, as the pattern would have
reached it. Only a pattern that begins with exactly that opening and whose words cannot match empty
is read this way; any other runs as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import regexes

# The opening of a clause-start pattern, with the longest run of clause characters it allows.
_OPENING = re.compile(r"\(\?:\^\|\(\?<=\[\.;:\] \)\|\(\?<=\\n\)\)\[\^\.;:\\n\]\{0,(\d+)\}\?")
_STOPS = ".;:\n"  # the characters a clause's run cannot hold ([^.;:\n])


class ClauseStart:
    """``pattern`` (see the module's description) read as its words, ``words``, and the start of
    their clause: the same matches as the pattern's, with no flags."""

    __slots__ = ("reach", "words")

    def __init__(self, words: re.Pattern[str], reach: int) -> None:
        self.words = words
        self.reach = reach

    @classmethod
    def of(cls, pattern: str, group: str = "common") -> ClauseStart | None:
        """The pattern read this way, or None when it is not a clause-start pattern (or its words
        may match empty, which the reading below does not follow)."""
        opening = _OPENING.match(pattern)
        if opening is None:
            return None
        source = pattern[opening.end():]
        if regexes.remember(group, ("may-be-empty", source), lambda: _may_be_empty(source)):
            return None
        return cls(regexes.compile(source, 0, group), int(opening.group(1)))

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of each match of the pattern in ``text``, as ``finditer`` gives them.

        The pattern matches at a clause start ``s`` where its words match at the first place ``k``
        they do from ``s``, if the run ``text[s:k]`` holds no clause end and is at most ``reach``
        long. So the first words found from ``floor`` decide: the one clause start before them,
        after the last clause end, either reaches them (a match) or not (none starts before them)."""
        floor = 0
        search = self.words.search
        while True:
            found = search(text, floor)
            if found is None:
                return
            k = found.start()
            last = max(text.rfind(c, 0, k) for c in _STOPS)  # the last clause end before the words
            if last < 0:
                start = 0  # the text's start (``^``)
            elif text[last] == "\n":
                start = last + 1
            elif text.startswith(" ", last + 1):
                start = last + 2
            else:
                start = -1  # a full stop not followed by a space starts no clause
            if floor <= start <= k and k - start <= self.reach:
                yield start, found.end()
                floor = found.end()
            else:
                floor = k + 1


def _may_be_empty(pattern: str) -> bool:
    """Whether the pattern may match an empty string (or is not one this module reads)."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        return bool(_parser.parse(pattern).getwidth()[0] == 0)
    except Exception:  # a bad pattern, or internals not as expected: read as it is
        return True
