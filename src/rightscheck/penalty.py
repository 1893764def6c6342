"""Read the penalty a provision states, in the forms the drafters of its language use (the
``penalty`` section of the language's lexicon).

Works on normalised text (see :mod:`rightscheck.text`) and returns normalised ranges; the engine
maps them back to the original. Terms of years count only when they stand near a custodial word,
so "a similar act within one year" is not read as a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import regexes
from .lexicon import PenaltySpec
from .models import PenaltyField
from .prefilter import Gated
from .text import Range, inside

_CHARS_PER_WORD = 24  # generous: a window of near_words words is at most this many characters each
_MATCH_TAIL = 120  # a period found near a custodial word may run on this far past its window
# what joins the words of a compound number ("cincuenta y cuatro", "vingt-cinq", "двадцать пять")
_JOINER = r"(?: y | et | и |-| )"
_QUALIFIER_REACH = 120  # how far before a number its qualifier or the lower bound of a range may start
# words between a term and a custodial word: runs of letters, each Han character one word
_WORDS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


class PenaltyReader:
    """The penalty phrasing of one language (a lexicon's ``penalty`` section), compiled."""

    def __init__(self, spec: PenaltySpec, group: str = "common") -> None:
        self.spec = spec

        def compiled(pattern: str) -> re.Pattern[str]:  # the code kept between runs (see regexes)
            return regexes.compile(pattern, group=group)

        self.numbers = {k.lower(): v for k, v in spec.numbers.items()}
        words = "|".join(re.escape(w) for w in sorted(self.numbers, key=len, reverse=True))
        # a number in digits, or in words, compound ones included ("cincuenta y cuatro", "twenty five")
        number = r"(?:\d+(?:[.,]\d+)?" + (f"|(?:{words})(?:{_JOINER}(?:{words})){{0,2}}" if words else "") + ")"
        self._number_words = compiled(rf"(?<!\w)(?:{words})(?!\w)") if words else None
        unit = rf"(?:\(\d+\) )?(?P<unit>{spec.years}|{spec.months})"

        lo_unit = rf"(?P<lo_unit>{spec.years}|{spec.months})"
        # a unit of time, with its number: every period a template reads contains one
        # (a unit alone can be a period too: Arabic "سنتين", two years)
        self.period = compiled(rf"(?:{number}[\s-]*(?:\(\d+\)\s*)?)?(?:{spec.years}|{spec.months})")

        def template(t: str) -> Gated:
            # digits in brackets after a number ("dieciséis (16)", "five (5)") are what the number is
            return Gated(t.replace("{lo}", rf"(?P<lo>{number})(?: \((?P<lo_d>\d+)\))?")
                               .replace("{hi}", rf"(?P<hi>{number})(?: \((?P<hi_d>\d+)\))?")
                               .replace("{n}", rf"(?P<n>{number})(?: \((?P<n_d>\d+)\))?")
                               .replace("{lo_unit}", lo_unit).replace("{unit}", unit), group=group)

        self.months = compiled(spec.months)
        # the penalty words are searched in the whole text: each behind its literal prefilter
        self.custodial = Gated(spec.custodial, group=group)
        self.life = Gated(spec.life, group=group) if spec.life else None
        self.others = [(attr, Gated(rx, group=group)) for attr, rx in (
            ("fine", spec.fine), ("ancillary_ban", spec.ancillary_ban), ("forced_labour", spec.forced_labour)) if rx]
        self.ranges = [template(t) for t in spec.ranges]
        self.bounds = [(template(t), "max") for t in spec.maximum] + [(template(t), "min") for t in spec.minimum]
        self.not_after = compiled(f"(?:{spec.not_after})\\s*$") if spec.not_after else None
        self.any_word = compiled("|".join(
            f"(?:{rx})" for rx in (spec.custodial, spec.life, spec.fine, spec.ancillary_ban, spec.forced_labour) if rx))

    def number(self, token: str) -> float:
        token = token.replace(",", ".")
        if token in self.numbers:
            return float(self.numbers[token])
        if token[:1].isdigit() or self._number_words is None:
            return float(token)
        # a compound number: the sum of its words, longest first ("cincuenta y cuatro", "احد عشر")
        return float(sum(self.numbers[m.group()] for m in self._number_words.finditer(token)))

    def years(self, n: str, unit: str, digits: str | None = None) -> float:
        value = float(digits) if digits else self.number(n)
        return round(value / 12, 2) if self.months.fullmatch(unit) else value


@dataclass
class Penalty:
    """The penalty as read from the text and the input's penalty field."""

    stated: bool = False
    custodial: bool = False
    life: bool = False
    max_years: float | None = None
    min_years: float | None = None
    fine: bool = False
    forced_labour: bool = False
    ancillary_ban: bool = False
    custodial_spans: list[tuple[int, int]] = field(default_factory=list)
    term_spans: list[tuple[int, int]] = field(default_factory=list)
    term_years: list[tuple[float | None, float | None]] = field(default_factory=list)  # (lower, upper) bound of each
    other_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    from_field: bool = False

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Every range of the text that states the penalty."""
        other = [r for ranges in self.other_spans.values() for r in ranges]
        return sorted(set(self.custodial_spans + self.term_spans + other))

    def terms_beyond(self, over: float | None = None, at_least: float | None = None) -> list[tuple[int, int]]:
        """The terms of years whose upper bound (or, stated alone, lower bound) is above ``over``
        and whose lower bound is at least ``at_least``, each with the custodial word nearest it:
        where a text states several terms, the one that crosses a line is the one to mark."""
        ranges: list[tuple[int, int]] = []
        for (start, end), (lo, hi) in zip(self.term_spans, self.term_years, strict=True):
            highest = hi if hi is not None else lo
            if over is not None and (highest is None or highest <= over):
                continue
            if at_least is not None and (lo is None or lo < at_least):
                continue
            ranges.append((start, end))
            if self.custodial_spans:
                ranges.append(min(self.custodial_spans, key=lambda a: max(a[0] - end, start - a[1], 0)))
        return ranges

    def describe(self) -> str:
        if not self.stated:
            return "no penalty stated"
        parts = []
        if self.life:
            parts.append("life imprisonment")
        elif self.custodial:
            term = "imprisonment"
            if self.min_years and self.max_years:
                term += f" {self.min_years:g}-{self.max_years:g} years"
            elif self.max_years:
                term += f" up to {self.max_years:g} years"
            elif self.min_years:
                term += f" at least {self.min_years:g} years"
            parts.append(term)
        if self.forced_labour:
            parts.append("forced or corrective labour")
        if self.fine:
            parts.append("fine")
        if self.ancillary_ban:
            parts.append("ban on activities or office")
        return ", ".join(parts) or "penalty stated"


def _near_custodial(norm: str, start: int, end: int, anchors: list[tuple[int, int]], near_words: int) -> bool:
    """Whether a custodial word stands within a few words of [start, end). Only the nearest
    anchors on each side are looked at (anchors are in text order)."""
    i = bisect_left(anchors, (start, start))
    for a_start, a_end in anchors[max(0, i - 1):i + 1]:
        if a_start < end and start < a_end:
            return True
        gap = norm[a_end:start] if a_end <= start else norm[end:a_start]
        if len(_WORDS.findall(gap)) <= near_words:
            return True
    return False


def parse_penalty(norm: str, given: PenaltyField | None = None, reader: PenaltyReader | None = None,
                  ruled_out: Sequence[Range] = ()) -> Penalty:
    """Read the penalty from normalised text with a language's ``reader`` (none: only the input's
    penalty field is read); the input's penalty field fills what the text leaves. Penalty words in
    ``ruled_out`` (the saving clauses: "no person shall be imprisoned for defamation") are not read."""
    p = Penalty()
    if reader is not None and (given is not None or reader.any_word.search(norm)):
        _read_text(norm, reader, p, ruled_out)
    if given is not None:
        p.from_field = True
        p.stated = True
        if given.max_imprisonment_years is not None and p.max_years is None:
            p.max_years = given.max_imprisonment_years
        if given.min_imprisonment_years is not None and p.min_years is None:
            p.min_years = given.min_imprisonment_years
        p.life = p.life or given.life_imprisonment
        custodial = given.custodial
        if custodial is None:
            custodial = bool(given.max_imprisonment_years or given.life_imprisonment)
        p.custodial = p.custodial or custodial
        p.fine = p.fine or given.fine
        p.ancillary_ban = p.ancillary_ban or given.ancillary_ban
    return p


def _read_text(norm: str, reader: PenaltyReader, p: Penalty, ruled_out: Sequence[Range] = ()) -> None:
    def kept(places: list[Range]) -> list[Range]:
        return [place for place in places if not inside(place, ruled_out)]

    anchors = kept([(m.start(), m.end()) for m in reader.custodial.finditer(norm)])
    if anchors:
        p.stated = p.custodial = True
        p.custodial_spans.extend(anchors)
    if reader.life is not None and kept([(m.start(), m.end()) for m in reader.life.finditer(norm)]):
        p.life = True
    for attr, words in reader.others:
        places = kept([(m.start(), m.end()) for m in words.finditer(norm)])  # every place: a finding marks each
        if places:
            setattr(p, attr, True)
            p.stated = True
            p.other_spans[attr] = places

    def keep(m: re.Match[str]) -> bool:
        if not anchors:
            return False
        if reader.not_after is not None and reader.not_after.search(norm, max(0, m.start() - 40), m.start()):
            return False
        return _near_custodial(norm, m.start(), m.end(), anchors, reader.spec.near_words)

    if not anchors:
        return  # a period counts only near a custodial word
    # Periods are looked for only in windows around the custodial words (wider than any period
    # that ``keep`` accepts), not through the whole text.
    reach = reader.spec.near_words * _CHARS_PER_WORD
    near: list[tuple[int, int]] = []
    for a_start, a_end in anchors:
        low, high = max(0, a_start - reach), min(len(norm), a_end + reach)
        if near and low <= near[-1][1]:
            near[-1] = (near[-1][0], high)
        else:
            near.append((low, high))
    # ... and there only where a number stands with its unit (the qualifier before it may reach
    # back a few words: "not less than", "на срок от")
    windows: list[tuple[int, int]] = []
    for low, high in near:
        for m in reader.period.finditer(norm, low, high):
            start, end = max(low, m.start() - _QUALIFIER_REACH), m.end()
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], end)
            else:
                windows.append((start, end))

    def finditer(template: Gated) -> list[re.Match[str]]:
        if not template.possible(norm):
            return []  # the text lacks words every match of the template holds ("up to", "not less than")
        regex = template.regex
        return [m for low, high in windows
                for m in regex.finditer(norm, low, min(len(norm), high + _MATCH_TAIL)) if m.start() < high]

    maxima: list[float] = []
    minima: list[float] = []
    for regex in reader.ranges:
        for m in finditer(regex):
            if keep(m) and not any(s < m.end() and m.start() < e for s, e in p.term_spans):
                lo = reader.years(m["lo"], m.groupdict().get("lo_unit") or m["unit"], m["lo_d"])
                hi = reader.years(m["hi"], m["unit"], m["hi_d"])
                minima.append(lo)
                maxima.append(hi)
                p.term_spans.append((m.start(), m.end()))
                p.term_years.append((lo, hi))
    # Bounds ("up to", "not less than", "five years' imprisonment"): where two overlap, the one
    # that starts first (its qualifier) wins.
    found = sorted(((m, kind) for regex, kind in reader.bounds for m in finditer(regex)),
                   key=lambda mk: (mk[0].start(), -mk[0].end()))
    for m, kind in found:
        if keep(m) and not any(s < m.end() and m.start() < e for s, e in p.term_spans):
            years = reader.years(m["n"], m["unit"], m["n_d"])
            (maxima if kind == "max" else minima).append(years)
            p.term_spans.append((m.start(), m.end()))
            p.term_years.append((None, years) if kind == "max" else (years, None))
    if maxima:
        p.max_years = max(maxima)
    if minima:
        p.min_years = max(minima)
