"""A pattern read from the start of its clause finds, read from its words, exactly the matches the
pattern itself finds: on made-up texts that try the edges (clause ends, the reach, the text's
start, matches in a row) and on every real provision of the corpus with each shipped pattern."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rightscheck.clause_start import ClauseStart
from rightscheck.corpus import load_corpus
from rightscheck.rules import Pack, language_data
from rightscheck.text import normalise

ROOT = Path(__file__).resolve().parents[1]
OPENING = r"(?:^|(?<=[.;:] )|(?<=\n))[^.;:\n]{0,20}?"
PATTERNS = [
    OPENING + r"\bnot (?:an? )?offence\b",
    OPENING + r"(?:\bno\b|\bnot\b)",
    OPENING + r"(?<!\w)x\w*",
    OPENING + r"\.\w+",  # words that may begin with a clause end
]
TEXTS = [
    "not an offence", "this is not an offence. nor is that not an offence", "a. not offence; b not offence:",
    "x.not an offence", "a:\nnot an offence", "a: " + "w" * 19 + " not an offence", "a: " + "w" * 30 + " not offence",
    "no no no. no; no:no\nno", "not an offence not an offence", ".not offence. . not offence", "xa xb. xc;xd\nxe",
    "", ".", ". ", "a. .b .c", "\n.x", "word. no", "é no. nö no",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_same_matches_as_the_pattern(pattern: str) -> None:
    clause = ClauseStart.of(pattern)
    assert clause is not None
    regex = re.compile(pattern)
    for text in TEXTS:
        assert list(clause.spans(text)) == [m.span() for m in regex.finditer(text)], text


@pytest.mark.parametrize("pattern", [
    r"\bnot an offence\b",  # no clause opening
    OPENING + r"\b(?:no)?",  # words that may match empty
    r"(?:^|(?<=[.;:] ))[^.;:\n]{0,20}?\bno\b",  # another opening
])
def test_other_patterns_run_as_they_are(pattern: str) -> None:
    assert ClauseStart.of(pattern) is None


def test_shipped_clause_patterns_on_the_corpus(packs: list[Pack]) -> None:
    entries = load_corpus(ROOT / "tests" / "corpus")
    checked = 0
    for lang in {lang for pack in packs for lang in pack.languages}:
        data = language_data(packs, lang)
        words = data.definitions
        texts = [normalise(e.text, data.fold, data.drop).norm for e in entries if e.language == lang]
        for opening in [*words.saving, *words.optional, *words.not_required, *words.no_defence]:
            if opening.clause is None:
                continue
            for text in texts:
                assert list(opening.clause.spans(text)) == [m.span() for m in opening.gated.regex.finditer(text)]
            checked += 1
    assert checked >= 5  # the shipped lexicons have several such patterns
