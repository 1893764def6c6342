"""Normalisation keeps spans on the original characters, whatever the typography."""

from __future__ import annotations

import pytest

from rightscheck.text import normalise

from .conftest import rules_of


@pytest.mark.parametrize(
    "text",
    [
        "distribution of extre\u00admist materials",  # soft hyphen
        "distribution of extre\u200bmist materials",  # zero-width space
        "distribution of EXTREMIST materials",
        "distribution of extre-\nmist materials",  # hyphenated across a line end
        "distribution of ｅｘｔｒｅｍｉｓｔ materials",  # full-width (NFKC)
    ],
)
def test_flagged_word_survives_typography_and_span_is_original(check, text):
    report = check(text)
    finding = next(f for f in report.findings if f.rule == "LEG-EXTREMISM")
    for span in finding.spans:
        assert text[span.start:span.end] == span.text
    assert len(finding.spans) == 1


def test_phrase_across_line_break_and_nbsp(check):
    text = "materials recognized in accordance\nwith established\u00a0procedure as extremist"
    report = check(text)
    finding = next(f for f in report.findings if f.rule == "LEG-DELEGATED-DESIGNATION")
    span = finding.spans[0]
    assert span.text == text[span.start:span.end]
    assert span.text.startswith("recognized") and span.text.endswith("extremist")


def test_curly_quotes_are_matched_as_plain():
    nt = normalise("the \u201cInternet\u201d and state\u2019s reputation")
    assert '"internet"' in nt.norm and "state's" in nt.norm


def test_offset_map_roundtrip():
    text = "A\u00adB  C\n\u200bD ﬁnal"
    nt = normalise(text)
    assert nt.norm == "ab c d final"
    i = nt.norm.index("final")
    span = nt.to_original(i, i + 5)
    assert text[span.start:span.end] == "ﬁnal"


def test_casefold_and_combining_marks():
    text = "Ö\u0308ffentliche E\u0301tat"
    nt = normalise(text)
    span = nt.to_original(0, 1)
    assert text[span.start:span.end] == "Ö\u0308"


def test_quoted_definition_is_not_flagged_as_undefined(check):
    text = ('For the purposes of this article, "extremist material" means material that incites '
            "the commission of a terrorist offence. Distribution of extremist material is prohibited.")
    assert "LEG-EXTREMISM" not in rules_of(check(text))
