"""The union of a term group's patterns (regex_union) matches exactly where one of them does."""

from __future__ import annotations

import re

import pytest

from rightscheck.regex_union import atoms, branches, union

PATTERNS = [
    r"(?<!\w)promotion[ -]?of[ -]?competition(?!\w)",
    r"(?<!\w)promotion[ -]?of[ -]?hatred(?!\w)",
    r"(?<!\w)promotion(?!\w)",
    r"(?<!\w)promot\w*(?:[ ,'\"()/-]+\w+){0,6}?[ ,'\"()/-]+terror\w*(?!\w)",
    r"(?<!\w)(?:créat|creat)\w*[ -]?de(?!\w)",
    r"以不知道[^.;:!?。；：！？]{0,24}?為由",
]
TEXTS = [
    "the promotion of competition and the promotion of hatred",
    "promotions of the free promotion",
    "promoting, in any way, acts of terrorism; promotionofhatred",
    "la création de la creation-de réseaux",
    "以不知道其為由而拒絕",
]


def test_atoms_keep_quantifiers_and_groups() -> None:
    assert atoms(r"(?<!\w)ab\w*[ -]?(?:c|d){0,6}?e") == ["(?<!\\w)", "a", "b", "\\w*", "[ -]?", "(?:c|d){0,6}?", "e"]


@pytest.mark.parametrize("source", [r"a|b", r"(a)b", r"(?P<x>a)", r"(?i)a", r"\1a", r"[[a]"])
def test_patterns_not_read_with_certainty_are_not_cut(source: str) -> None:
    assert atoms(source) is None


def test_union_matches_where_one_pattern_matches() -> None:
    for k in range(1, len(PATTERNS) + 1):
        chosen = PATTERNS[:k]
        gate = re.compile(union(chosen))
        singles = [re.compile(p) for p in chosen]
        for text in TEXTS:
            for pos in range(len(text) + 1):
                assert bool(gate.match(text, pos)) == any(p.match(text, pos) for p in singles), (chosen, text, pos)


def test_union_of_nothing_never_matches() -> None:
    assert re.compile(union([])).match("anything") is None


def test_branches_part_the_sources_where_they_first_differ() -> None:
    sources = [r"(?<!\w)ab[ -]?c(?!\w)", r"(?<!\w)ab[ -]?d(?!\w)", r"(?<!\w)ab(?!\w)", r"(?<!\w)ab[ -]?c\w*"]
    assert branches(sources) == [[sources[0], sources[1], sources[3]], [sources[2]]]
    assert branches([sources[0]]) is None
    assert branches([r"(a)", sources[0]]) is None
