"""The literal prefilter in front of regular expressions must never rule out a text the pattern
matches: every shipped pattern, with and without its prefilter, finds the same matches in every
real provision of the corpus and every shipped example."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rightscheck.corpus import load_corpus
from rightscheck.matchers import Compiled, Regex
from rightscheck.prefilter import Gated, needles
from rightscheck.rules import Pack, language_data
from rightscheck.text import normalise

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("pattern", "flags", "expected"), [
    (r"imprison\w*|gaol", re.IGNORECASE, ("imprison", "gaol")),
    (r"(?<!\w)terror(?:ism|ist)(?!\w)", re.IGNORECASE, ("terrorism", "terrorist")),
    # optional parts guarantee nothing: the longest certain run is kept
    (r"(?<!\w)[وف]?(?:بال|ال)?(?:حبس|سجن)", 0, ("حبس", "سجن")),
    (r"ΣΟΦΙΑ", re.IGNORECASE, ("σοφια",)),  # matched against casefolded text
    (r"extr[ée]mis\w*", re.IGNORECASE, ("extremis", "extrémis")),
    (r"[^a]bc?", 0, ("b",)),
])
def test_needles_of_a_pattern(pattern: str, flags: int, expected: tuple[str, ...]) -> None:
    assert needles(pattern, flags) == expected


@pytest.mark.parametrize("pattern", [r"\w+", r"a?b?", r"(?:x|\d)", r"[^a]", r"(?i:abc)"])
def test_no_needles_where_nothing_is_certain(pattern: str) -> None:
    assert needles(pattern) is None


def test_gated_pattern_answers_like_the_pattern() -> None:
    gated = Gated(r"(?<!\w)libel\w*", re.IGNORECASE)
    assert gated.search("the offence of libel") is not None
    assert gated.search("the offence of slander") is None
    assert [m.span() for m in gated.finditer("libels, libel")] == [(0, 6), (8, 13)]
    # "i" matches the dotless "ı" case-insensitively, and casefolding keeps "ı": let it through
    assert Gated("libel", re.IGNORECASE).search("lıbel") is not None


def _regexes(node: object, seen: set[int]) -> list[Regex]:
    """Every Regex matcher reachable from a compiled matcher."""
    if id(node) in seen:
        return []
    seen.add(id(node))
    if isinstance(node, Regex):
        return [node]
    found: list[Regex] = []
    children = node.__dict__.values() if isinstance(node, Compiled) else node if isinstance(node, list | tuple) else []
    for child in children:
        if isinstance(child, Compiled | list | tuple):
            found += _regexes(child, seen)
    return found


def test_shipped_patterns_match_the_same_with_and_without_prefilter(packs: list[Pack]) -> None:
    entries = load_corpus(ROOT / "tests" / "corpus")
    checked = 0
    for pack in packs:
        for lang in pack.languages:
            data = language_data(packs, lang)
            texts = [normalise(e.text, data.fold, data.drop).norm for e in entries if e.language == lang]
            assert texts, lang
            seen: set[int] = set()
            gated = [r.regex for compiled in pack.view(lang).rules.values() for m in compiled if m is not None
                     for r in _regexes(m, seen)]
            reader = data.penalty
            assert reader is not None
            gated += [reader.custodial] + [rx for _, rx in reader.others]
            gated += [reader.life] if reader.life is not None else []
            words = data.definitions
            gated += [*words.defines, *(o.gated for o in [*words.saving, *words.optional, *words.not_required])]
            for g in gated:
                for text in texts:
                    assert [m.span() for m in g.finditer(text)] == [m.span() for m in g.regex.finditer(text)], (
                        lang, g.pattern, text[:80])
                checked += 1
    assert checked > 50  # the shipped packs have many patterns behind prefilters


@pytest.mark.parametrize(("term", "keys"), [
    ("ci-dessous", ("ci", "cid")),  # "ci-dessous", "ci dessous" or "cidessous"
    ("l'ordre public", ("l",)),  # the text's word ends at the apostrophe too
    ("publi*", ("pub",)),
    ("ab*", None),  # a short beginning with a wildcard: any word may start it
    ("*terror", None),
])
def test_index_keys_of_a_term(term: str, keys: tuple[str, ...] | None) -> None:
    from rightscheck.lexicon import MorphologySpec
    from rightscheck.morphology import Morphology

    assert Morphology(MorphologySpec(stemmer="french")).first_keys(term) == keys


def test_prefilter_on_generated_text(packs: list[Pack]) -> None:
    """On normalised text made of the patterns' own letters and the letters that match
    case-insensitively beyond lower-casing (dotless ı, long ſ, final ς, ß), the prefilter never
    rules out a match."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    data = language_data(packs, "en")
    reader = data.penalty
    assert reader is not None
    seen: set[int] = set()
    gated = [r.regex for compiled in packs[0].view("en").rules.values() for m in compiled if m is not None
             for r in _regexes(m, seen)] + [reader.custodial] + [rx for _, rx in reader.others]
    needles = [n for g in gated for n in (g.needles or ())]
    pieces = st.one_of(st.sampled_from(needles), st.sampled_from(["ı", "ſ", "ς", "ß", "İ", " ", "-", "'", "x"]))

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(pieces, max_size=12))
    def check(parts: list[str]) -> None:
        text = normalise("".join(parts), data.fold, data.drop).norm
        for g in gated:
            assert [m.span() for m in g.finditer(text)] == [m.span() for m in g.regex.finditer(text)], g.pattern

    check()


def test_inline_flags_count() -> None:
    assert needles("(?i)Libel") == ("libel",)
    assert Gated("(?i)Libel").search("a lıbel") is not None  # dotless i, let through


def test_many_literals_are_looked_for_in_one_search() -> None:
    words = [f"w{a}{b}x" for a in "abcde" for b in "fghi"]  # twenty literals: one search finds them
    gated = Gated(r"\b(?:" + "|".join(words) + r")\b")
    assert gated.needles is not None and len(gated.needles) == len(words)
    for text in ["", "wafx", "a wbgx b", "wafy", "w.afx", "xweix", "weiy weix"]:
        assert gated.possible(text) == any(w in text for w in words), text
