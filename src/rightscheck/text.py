"""Normalise a provision for matching while keeping a map back to the original characters.

Matching runs on a *normalised* copy of the text: Unicode compatibility forms folded (NFKC),
case folded, soft hyphens and zero-width characters removed, curly quotes and dashes made plain,
words hyphenated across a line end joined, and every run of white space (line breaks and
non-breaking spaces included) made one space. Each normalised character remembers the original
characters it came from, so a match in the normalised text becomes a span of the original text
with ``text[start:end] == span_text``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from . import regexes

Range = tuple[int, int]  # a stretch of the normalised text: start and end offsets


def inside(hit: Range, ranges: Sequence[Range]) -> bool:
    """True when ``hit`` lies wholly within one of ``ranges``."""
    return any(r[0] <= hit[0] and hit[1] <= r[1] for r in ranges)

# Characters that carry no meaning for matching and are dropped.
_INVISIBLE = {
    "\u00ad",  # soft hyphen
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\u2060",  # word joiner
    "\ufeff",  # zero-width no-break space / BOM
    "\u180e",  # Mongolian vowel separator
}
# Typographic variants made plain.
_PLAIN = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2033": '"', "\u2039": "'", "\u203a": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
}
_HYPHENS = {"-", "\u2010", "\u2011"}
# A word: a run of letters and digits, except that each Han character is a word of its own (a
# language written without spaces).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD_RE = regexes.compile(rf"[{_HAN}]|[^\W{_HAN}]+")
# Clause boundaries: sentence ends, semicolons, colons and line-initial list markers (full-width
# and Arabic punctuation too).
_CLAUSE_RE = regexes.compile(
    r"(?:[.;:!?](?=\s|$)|[。；：！？؛؟]|\n\s*(?:\(?[0-9a-z]{1,3}[).]|[-*\u2022]|（[^）\n]{1,4}）))")


@dataclass(frozen=True)
class Span:
    """A half-open range [start, end) of the original text."""

    start: int
    end: int


@dataclass
class NormText:
    """A provision text, its normalised form and the map between the two."""

    original: str
    norm: str = ""
    starts: list[int] = field(default_factory=list)  # norm index -> original start
    ends: list[int] = field(default_factory=list)  # norm index -> original end (exclusive)

    def to_original(self, start: int, end: int) -> Span:
        """Map a normalised range [start, end) (end > start) to the original text."""
        return Span(self.starts[start], self.ends[end - 1])

    def from_original(self, pos: int) -> int:
        """The normalised index of the first normalised character at or after original ``pos``."""
        return bisect_right(self.starts, pos - 1) if pos > 0 else 0

    @cached_property
    def word_starts(self) -> list[int]:
        return [m.start() for m in _WORD_RE.finditer(self.norm)]

    def word_index(self, pos: int) -> int:
        """Index of the word that contains or precedes normalised position ``pos``."""
        return max(bisect_right(self.word_starts, pos) - 1, 0)

    @cached_property
    def clause_bounds(self) -> list[int]:
        """Normalised positions where clauses start (always begins with 0)."""
        bounds = [0]
        for m in _CLAUSE_RE.finditer(self.original):
            bounds.append(self.from_original(m.end()))
        return sorted(set(bounds))

    def clause_index(self, pos: int) -> int:
        return bisect_right(self.clause_bounds, pos) - 1


def _is_line_end_hyphen(text: str, i: int) -> int:
    """If text[i] is a hyphen that splits a word across a line end, return the index after the
    line break and its indentation (where the word goes on); else 0."""
    if text[i] not in _HYPHENS or i == 0 or not text[i - 1].isalpha():
        return 0
    j = i + 1
    n = len(text)
    while j < n and text[j] in " \t":
        j += 1
    if j >= n or text[j] not in "\r\n":
        return 0
    j += 1
    if j < n and text[j - 1] == "\r" and text[j] == "\n":
        j += 1
    while j < n and text[j] in " \t":
        j += 1
    if j < n and text[j].isalpha() and text[j].islower():
        return j
    return 0


# Printable ASCII except the hyphen, and single spaces between them: maps to itself (lower-cased)
# one for one.
_PLAIN_RUN = re.compile(r"(?:[\x21-\x2c\x2e-\x7e]|\x20(?!\s))+")
_SPACE_RUN = re.compile(r"\s+")
_TYPOGRAPHIC = str.maketrans(_PLAIN)


@lru_cache(maxsize=1)
def _combining_class() -> str:
    """The combining marks of the Basic Multilingual Plane, as ranges for a character class
    (worked out once per version of the Unicode data: it takes a look at 65,000 characters)."""
    return regexes.remember("common", ("combining", unicodedata.unidata_version), _combining_ranges)


def _combining_ranges() -> str:
    ranges: list[tuple[int, int]] = []
    for code in range(0x300, 0x10000):
        if unicodedata.combining(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if b > a else f"\\u{a:04x}" for a, b in ranges)


@lru_cache(maxsize=16)
def _simple_runs(drop: str) -> re.Pattern[str]:
    """Runs of characters with no white space (but single spaces), hyphen, invisible, dropped
    or combining character (nor a base that takes combining marks): in any script, such a run
    usually folds one character for one."""
    excluded = re.escape("".join(sorted(_INVISIBLE | _HYPHENS | set(drop)))) + _combining_class()
    return regexes.compile(rf"(?:[^\s{excluded}](?![{_combining_class()}])|\x20(?![\s{excluded}]))+")


@lru_cache(maxsize=16)
def _fold_table(items: tuple[tuple[str, str], ...]) -> dict[int, str]:
    return {**_TYPOGRAPHIC, **str.maketrans(dict(items))} if items else _TYPOGRAPHIC


def normalise(text: str, fold: dict[str, str] | None = None, drop: str = "") -> NormText:
    """Build the normalised matching text of ``text`` with its offset map.

    Runs of plain ASCII and of white space take a fast path, and so does any run of text whose
    folded form is as long as itself (one character for one, as in most Cyrillic, Greek, Arabic or
    Han text); the rest (hyphens, invisible characters, combining sequences, expansions such as
    "ﬁ" or "ß") is normalised unit by unit. A language may ``fold`` letter variants into one letter and
    ``drop`` characters that carry no meaning for matching (diacritics, elongation): both come
    from its lexicon's morphology.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    n = len(text)
    i = 0
    last_space = True  # no leading space
    plain_match = _PLAIN_RUN.match
    space_match = _SPACE_RUN.match
    simple_match = _simple_runs(drop).match
    table = _fold_table(tuple(sorted(fold.items())) if fold else ())
    slow_until = 0  # a run that does not fold one for one is done unit by unit
    while i < n:
        m = plain_match(text, i)
        j = m.end() if m else i
        if j < n and j > i and unicodedata.combining(text[j]):
            j -= 1  # the last letter takes its combining marks on the slow path
        if j > i and last_space and text[i] == " ":
            i += 1  # no space at the start, none doubled
            continue
        if j > i:
            out.append(text[i:j].lower())
            starts.extend(range(i, j))
            ends.extend(range(i + 1, j + 1))
            last_space = text[j - 1] == " "
            i = j
            continue
        if i >= slow_until and not text[i].isspace():
            m = simple_match(text, i)
            if m:
                j = m.end()
                while j > i and text[j - 1] == " ":
                    j -= 1  # no trailing space
                run = text[i:j]
                folded = unicodedata.normalize("NFKC", run).casefold() if j > i else ""
                if j > i and len(folded) == len(run) and all(len(v) == 1 for v in (fold or {}).values()):
                    out.append(folded.translate(table))
                    starts.extend(range(i, j))
                    ends.extend(range(i + 1, j + 1))
                    last_space = False
                    i = j
                    continue
                slow_until = max(j, i + 1)
        m = space_match(text, i)
        if m:
            if not last_space:
                out.append(" ")
                starts.append(i)
                ends.append(i + 1)
                last_space = True
            i = m.end()
            continue
        ch = text[i]
        if ch in _INVISIBLE or (drop and ch in drop):
            i += 1
            continue
        if ch in _HYPHENS:
            resume = _is_line_end_hyphen(text, i)
            if resume:
                i = resume
                continue
        # A base character with its combining marks is normalised as one unit.
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        unit = _PLAIN.get(ch, ch) if j == i + 1 else text[i:j]
        if drop and j > i + 1:
            unit = "".join(c for c in unit if c not in drop)
        folded = unicodedata.normalize("NFKC", unit).casefold()
        for c in folded:
            c = _PLAIN.get(c, c)
            if fold:
                c = fold.get(c, c)
            if c.isspace():
                if last_space:
                    continue
                c = " "
            out.append(c)
            starts.append(i)
            ends.append(j)
            last_space = c == " "
        i = j
    # NFKC of a whole string can differ from unit-by-unit NFKC only for rare sequences
    # (e.g. Hangul jamo); unit-wise folding keeps the offset map exact.
    return NormText(original=text, norm="".join(out), starts=starts, ends=ends)
