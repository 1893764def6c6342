"""Find the terms a provision defines for itself ("X" means …, for the purposes of …).

A term the provision defines is judged by its definition, so rules with
``unless: {defined_in_text: true}`` drop hits that fall inside an occurrence of a defined term.
"""

from __future__ import annotations

import re

from .text import NormText

_VERB = r"(?:means|shall mean|refers to|shall refer to|is defined as|shall be understood as|denotes)"
# "X" means … / the term "X" means … / "X" shall mean …
_QUOTED = re.compile(r"\"([^\"]{2,120})\"(?:,)? " + _VERB + r"\b")
_THE_TERM = re.compile(r"\bthe (?:term|expression|phrase) \"?([^\",]{2,120}?)\"?,? " + _VERB + r"\b")
# For the purposes of this article, X means …  (X: up to eight words)
_PURPOSES = re.compile(
    r"\bfor the purposes? of this (?:article|section|convention|law|chapter|part|code|act|"
    r"protocol|agreement)\b,? (?:the )?((?:[\w'-]+ ){1,8}?)" + _VERB + r"\b"
)


def defined_terms(nt: NormText) -> list[str]:
    """The normalised terms the provision defines."""
    found: list[str] = []
    for regex in (_QUOTED, _THE_TERM, _PURPOSES):
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
