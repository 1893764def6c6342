"""What the provision says about its own words: the terms it defines, and the clauses that only
mention a term without making it an element of the offence.

- A term the provision defines ("X" means …, for the purposes of this article X means …,
  hereinafter "X") is judged by its definition: rules with ``unless: {defined_in_text: true}`` drop
  hits inside an occurrence of the defined term; the definition's own words are still checked.
- A saving or exclusion clause ("Nothing in this article shall be construed as restricting …
  extremist views", "This article does not apply to …") mentions terms without making them
  elements: rules drop hits inside such a clause (``unless: {in_saving_clause: true}``, the
  default); see :func:`saving_ranges`.
"""

from __future__ import annotations

import re

from .text import NormText

_VERB = (
    r"(?:means|shall mean|refers to|shall refer to|is defined as|shall be defined as|"
    r"shall be understood as|is understood as|denotes|shall denote)"
)
# "X" means … / the term "X" means … / "X" shall mean …
_QUOTED = re.compile(r"\"([^\"]{2,120})\"(?:,)? " + _VERB + r"\b")
_THE_TERM = re.compile(r"\bthe (?:term|expression|phrase|notion) \"?([^\",]{2,120}?)\"?,? " + _VERB + r"\b")
# For the purposes of this article, X means …  (X: up to eight words)
_PURPOSES = re.compile(
    r"\b(?:for the purposes? of|in) this (?:article|section|convention|law|chapter|part|code|act|"
    r"protocol|agreement)\b,? (?:the )?((?:[\w'-]+ ){1,8}?)" + _VERB + r"\b"
)
# … (hereinafter "X") / (hereinafter referred to as "X")
_HEREINAFTER = re.compile(r"\(hereinafter(?: referred to as| called)?,? \"([^\"]{2,120})\"\)")

# Clauses that mention terms without making them elements of the offence.
_SAVING = re.compile(
    r"\b(?:nothing in this|shall not be (?:construed|interpreted|understood)|"
    r"is not to be (?:construed|interpreted)|(?:does|shall) not apply to|shall not restrict|"
    r"does not restrict|shall not be considered (?:as )?an offence|is not an offence|"
    r"shall not constitute an offence|no person shall be (?:prosecuted|punished|held liable) for)\b"
)
# Optional clauses: what a State may add ("A Party may require that the offence be committed
# intentionally") is not an element of the offence as drafted.
_OPTIONAL = re.compile(
    r"\b(?:(?:a|any|each|the) (?:state )?part(?:y|ies) may (?:require|reserve|provide|decide|adopt|establish)|"
    r"may reserve the right|states? may (?:require|provide))\b"
)
_CLAUSE_END = re.compile(r"[.;](?= |$)")


def defined_terms(nt: NormText) -> list[str]:
    """The normalised terms the provision defines."""
    found: list[str] = []
    for regex in (_QUOTED, _THE_TERM, _PURPOSES, _HEREINAFTER):
        for m in regex.finditer(nt.norm):
            term = m.group(1).strip().strip('"').strip()
            if term and term not in found:
                found.append(term)
    return found


def defined_ranges(nt: NormText) -> list[tuple[int, int]]:
    """Every place in the normalised text where a term the provision defines occurs."""
    ranges: list[tuple[int, int]] = []
    for term in defined_terms(nt):
        for m in re.finditer(r"(?<!\w)" + re.escape(term) + r"(?!\w)", nt.norm):
            ranges.append((m.start(), m.end()))
    return ranges


def saving_ranges(nt: NormText, regex: re.Pattern[str] = _SAVING) -> list[tuple[int, int]]:
    """Normalised ranges of saving and exclusion clauses: from the clause's trigger words to the
    end of its sentence or clause."""
    ranges: list[tuple[int, int]] = []
    for m in regex.finditer(nt.norm):
        end = _CLAUSE_END.search(nt.norm, m.end())
        ranges.append((m.start(), end.start() if end else len(nt.norm)))
    return ranges


def optional_ranges(nt: NormText) -> list[tuple[int, int]]:
    """Normalised ranges of optional clauses, whose words are not elements of the offence."""
    return saving_ranges(nt, _OPTIONAL)
