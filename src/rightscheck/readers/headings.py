"""Article and division headings, in every language the rule packs have a lexicon for.

The words come from the lexicons (``headings`` section): "Article 16", "Статья 205.2", "Artículo
578", "المادة 16", "第十六条". A heading's number gives the provision's id (``art-16``; ``sec-3``
for a section) and the rest of its line the title. A line where the heading word begins a
sentence ("Article 3 shall apply …") is not a heading: after the number comes nothing, a
separator (". ", ": ", " - ") or a word starting with a capital, a quote, a bracket or a digit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .. import regexes
from ..lexicon import HeadingsSpec

_LEAD = r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*)?"
_NUM = r"\(?(?P<num>\d+(?:[ ]?(?:bis|ter|quater)|[A-Za-z])?(?:[.-]\d+)*)\)?"
# what may follow the number on a heading line: a separator, or a word that cannot continue a
# sentence in lower case (a capital, a quote, a bracket, a digit, or a letter of a script with no
# case)
_TITLE = (r"(?:[ \t\u3000]*(?:[.:\-–—][ \t]*|[ \t\u3000](?=[\"“«(\[0-9A-ZÀ-ÖØ-ÞА-ЯЁ\u0600-\u06ff\u3400-\u9fff]))"
          r"(?P<title>[^\n]*))?[ \t]*$")
_FORM_TITLE = r"(?:[ \t\u3000]*(?:[.:\-–—][ \t]*)?(?P<title>[^\n]*))?[ \t]*$"


@dataclass(frozen=True)
class Headings:
    """Compiled heading expressions: each finds headings with groups ``num`` and ``title``
    (and ``kind`` for a worded one)."""

    articles: tuple[re.Pattern[str], ...]
    sections: re.Pattern[str] | None
    divisions: tuple[re.Pattern[str], ...]
    numerals: tuple[tuple[str, int], ...] = ()

    def number(self, match: re.Match[str]) -> str:
        """The article number of a heading, in figures where it is written in numerals
        (一百二十 -> 120), with a sub-number (之三 -> -3) where the form has one."""
        num = self._figures(match["num"])
        sub = match.groupdict().get("sub")
        return f"{num}-{self._figures(sub)}" if sub else num

    def _figures(self, written: str) -> str:
        values = dict(self.numerals)
        if not written or not all(c in values for c in written):
            return written
        total, digit = 0, 0
        for c in written:
            value = values[c]
            if value >= 10:  # a multiplier: 十 100 千 (a bare 十 is ten)
                total += (digit or 1) * value
                digit = 0
            else:
                digit = digit * 10 + value if digit and value == 0 else value
        return str(total + digit)

    def find(self, text: str) -> list[re.Match[str]]:
        """Every heading of ``text`` in order (where two expressions find the same line, the
        first found)."""
        found = sorted((m for rx in self.articles for m in rx.finditer(text)), key=lambda m: (m.start(), -m.end()))
        out: list[re.Match[str]] = []
        for m in found:
            if out and m.start() < out[-1].end():
                continue
            out.append(m)
        return out

    def division(self, text: str, start: int, end: int) -> re.Match[str] | None:
        """The first division heading ("Chapter III", "第一章") in text[start:end]."""
        hits = [m for rx in self.divisions if (m := rx.search(text, start, end))]
        return min(hits, key=lambda m: m.start()) if hits else None

    def id_prefix(self, match: re.Match[str]) -> str:
        kind = match.groupdict().get("kind")
        if kind and self.sections is not None and self.sections.fullmatch(kind):
            return "sec"
        return "art"


def build_headings(specs: Iterable[HeadingsSpec]) -> Headings:
    specs = list(specs)
    words = [w for s in specs for w in [*s.article, *s.section]]
    section_words = [w for s in specs for w in s.section]
    articles: list[re.Pattern[str]] = []
    if words:
        kinds = "|".join(f"(?:{w})" for w in words)
        # "Article 16", and "Art.16" (an abbreviation's full stop may stand for the space)
        articles.append(regexes.compile(rf"{_LEAD}(?P<kind>{kinds})(?:[ \t]+|(?<=\.)){_NUM}\.?(?:\*\*)?{_TITLE}",
                                        re.MULTILINE, "headings"))
    for s in specs:
        for form in s.article_forms:
            articles.append(regexes.compile(rf"{_LEAD}(?:{form})(?:\*\*)?{_FORM_TITLE}", re.MULTILINE, "headings"))
    divisions: list[re.Pattern[str]] = []
    division_words = [w for s in specs for w in s.division]
    if division_words:
        kinds = "|".join(f"(?:{w})" for w in division_words)
        divisions.append(regexes.compile(rf"{_LEAD}(?:{kinds})[ \t]+(?:[IVXLC]+|\d+)\b[^\n]*$", re.MULTILINE,
                                         "headings"))
    for s in specs:
        for form in s.division_forms:
            divisions.append(regexes.compile(rf"{_LEAD}(?:{form})[^\n]*$", re.MULTILINE, "headings"))
    sections = (regexes.compile("|".join(f"(?:{w})" for w in section_words), group="headings")
                if section_words else None)
    numerals = tuple(sorted({k: v for s in specs for k, v in s.numerals.items()}.items()))
    return Headings(tuple(articles), sections, tuple(divisions), numerals)


def headings_of(packs: Iterable[object]) -> Headings:
    """The headings of every lexicon of the given rule packs."""
    specs = [spec for pack in packs for spec in pack.headings]  # type: ignore[attr-defined]
    return build_headings(specs)


@lru_cache(maxsize=1)
def default_headings() -> Headings:
    """The headings of the built-in packs' lexicons (for a reader called without packs): only the
    ``headings`` section of each lexicon file is read, so readers need no rule pack."""
    import yaml

    from ..lexicon import HeadingsSpec
    from ..paths import builtin_rules_dir

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # safe loading only
    specs = []
    for path in sorted(builtin_rules_dir().glob("*/lexicons/*.yaml")):
        data = yaml.load(path.read_text("utf-8-sig"), Loader=loader)
        if isinstance(data, dict) and isinstance(data.get("headings"), dict):
            specs.append(HeadingsSpec.model_validate(data["headings"]))
    return build_headings(specs)
