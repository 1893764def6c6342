"""Read the penalty a provision states, in the forms English drafters use.

Works on normalised text (see :mod:`rightscheck.text`) and returns normalised ranges; the engine
maps them back to the original. Terms of years count only when they stand near a custodial word,
so "a similar act within one year" is not read as a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from .models import PenaltyField

_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "twenty-five": 25, "thirty": 30, "forty": 40, "fifty": 50,
}
_NUM = r"(?:\d+(?:[.,]\d+)?|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")"
# "five (5) years": a number in words may be repeated in figures
_UNIT = r"(?:\(\d+\) )?(?P<unit{n}>years?|months?)"
_CUSTODIAL = re.compile(
    r"\b(?:life imprisonment|imprisonment for life|imprisonment|deprivation of liberty|"
    r"prison(?: term| sentence)?|custodial sentence|detention|penal servitude|incarceration|"
    r"restriction of liberty|jail)\b"
)
_LIFE = re.compile(r"\b(?:life imprisonment|imprisonment for life|life sentence)\b")
_FINE = re.compile(r"\b(?:a fine|fines?|pecuniary penalty|monetary penalty)\b")
_BAN = re.compile(
    r"\b(?:depriv\w* (?:of )?the right to (?:hold|occupy|engage|practi[sc]e)|"
    r"ban(?:ned)? (?:on|from) (?:holding|practi[sc]ing|engaging|exercising|standing)|"
    r"disqualification|prohibition (?:on|from) (?:holding|engaging|practi[sc]ing)|"
    r"ineligib\w+)"
)
_FORCED_LABOUR = re.compile(r"\b(?:forced|compulsory|correctional|corrective) (?:labour|labor|work)")
_RANGE = re.compile(
    rf"(?:\bfrom |\bbetween |\bof )?(?P<lo>{_NUM})(?: \(\d+\))?(?: years?)? (?:to|and|-) (?P<hi>{_NUM}) "
    + _UNIT.format(n="")
)
_MAX = re.compile(
    r"(?:\bup to|\bnot exceeding|\bnot more than|\bno more than|"
    r"\bmaximum (?:term |penalty |sentence |period )?(?:of )?(?:imprisonment (?:of |for )?)?|"
    r"\bat most|\bnot to exceed|\bnot longer than|\bmay extend to|\bextending to)"
    rf"(?: a term of| a period of)? (?P<n>{_NUM}) " + _UNIT.format(n="")
)
_MIN = re.compile(
    r"(?:\bnot less than|\bat least|\bno less than|\bminimum (?:term )?of|\bminimum)"
    rf"(?: a term of| a period of)? (?P<n>{_NUM}) " + _UNIT.format(n="")
)
_BARE = re.compile(
    rf"\b(?P<n>{_NUM})[- ]" + _UNIT.format(n="")
    + r"'? (?:of )?(?:imprisonment|prison|detention|deprivation of liberty)"
)
_TERM_OF = re.compile(rf"\bterm of (?P<n>{_NUM}) " + _UNIT.format(n=""))
_NEAR_WORDS = 14


def _number(token: str) -> float:
    token = token.replace(",", ".")
    return float(_NUMBERS[token]) if token in _NUMBERS else float(token)


def _years(n: str, unit: str) -> float:
    value = _number(n)
    return round(value / 12, 2) if unit.startswith("month") else value


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
    other_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    from_field: bool = False

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Every range of the text that states the penalty."""
        other = [r for ranges in self.other_spans.values() for r in ranges]
        return sorted(set(self.custodial_spans + self.term_spans + other))

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


def _near_custodial(norm: str, start: int, end: int, anchors: list[tuple[int, int]]) -> bool:
    """Whether a custodial word stands within a few words of [start, end). Only the nearest
    anchors on each side are looked at (anchors are in text order)."""
    i = bisect_left(anchors, (start, start))
    for a_start, a_end in anchors[max(0, i - 1):i + 1]:
        if a_start < end and start < a_end:
            return True
        gap = norm[a_end:start] if a_end <= start else norm[end:a_start]
        if len(gap.split()) <= _NEAR_WORDS:
            return True
    return False


_ANY_PENALTY_WORD = re.compile(
    r"impris|libert|prison|custod|detention|servitude|incarcer|jail|fine|penalt|labou?r|work|"
    r"depriv|ban|disqualif|prohibition|ineligib|life"
)


def parse_penalty(norm: str, given: PenaltyField | None = None) -> Penalty:
    """Read the penalty from normalised text; the input's penalty field fills what it leaves."""
    p = Penalty()
    if given is None and not _ANY_PENALTY_WORD.search(norm):
        return p
    anchors = [(m.start(), m.end()) for m in _CUSTODIAL.finditer(norm)]
    if anchors:
        p.stated = p.custodial = True
        p.custodial_spans.extend(anchors)
    if _LIFE.search(norm):
        p.life = True
    for regex, attr in ((_FINE, "fine"), (_BAN, "ancillary_ban"), (_FORCED_LABOUR, "forced_labour")):
        m = regex.search(norm)
        if m:
            setattr(p, attr, True)
            p.stated = True
            p.other_spans[attr] = [(m.start(), m.end())]

    def keep(m: re.Match[str]) -> bool:
        if not anchors or norm[max(0, m.start() - 7):m.start()].endswith("within "):
            return False
        return _near_custodial(norm, m.start(), m.end(), anchors)

    maxima: list[float] = []
    minima: list[float] = []
    for m in _RANGE.finditer(norm):
        if keep(m):
            minima.append(_years(m["lo"], m["unit"]))
            maxima.append(_years(m["hi"], m["unit"]))
            p.term_spans.append((m.start(), m.end()))
    for regex, bucket in ((_MAX, maxima), (_MIN, minima), (_BARE, maxima), (_TERM_OF, maxima)):
        for m in regex.finditer(norm):
            if keep(m) and not any(s <= m.start() < e for s, e in p.term_spans):
                bucket.append(_years(m["n"], m["unit"]))
                p.term_spans.append((m.start(), m.end()))
    if maxima:
        p.max_years = max(maxima)
    if minima:
        p.min_years = max(minima)
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
