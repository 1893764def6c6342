from __future__ import annotations

import pytest

from rightscheck.models import PenaltyField
from rightscheck.penalty import parse_penalty as parse_with
from rightscheck.rules import load_packs

_ENGLISH = load_packs()[0].view("en").penalty_reader


def parse_penalty(norm, given=None):
    """The penalty as the English lexicon reads it."""
    return parse_with(norm, given, _ENGLISH)


@pytest.mark.parametrize(
    ("text", "max_years", "min_years"),
    [
        ("punishable by imprisonment for a term not exceeding seven years", 7, None),
        ("shall be punished by up to 5 years' imprisonment", 5, None),
        ("deprivation of liberty for a term of from two to five years", 5, 2),
        ("imprisonment for a term of not less than three years", None, 3),
        ("a fine, or imprisonment for a term of six months", 0.5, None),
        ("ten years' imprisonment", 10, None),
    ],
)
def test_parses_terms_drafters_use(text, max_years, min_years):
    p = parse_penalty(text.lower())
    assert p.custodial
    assert p.max_years == max_years
    assert p.min_years == min_years


def test_life_imprisonment():
    p = parse_penalty("is punishable by life imprisonment")
    assert p.life and p.custodial


def test_year_outside_penalty_is_not_a_sentence():
    p = parse_penalty("an administrative penalty for a similar act within one year, "
                      "is punishable by a fine")
    assert not p.custodial and p.max_years is None and p.fine


def test_ancillary_ban_and_input_field():
    p = parse_penalty("a fine with deprivation of the right to hold certain positions")
    assert p.ancillary_ban and not p.custodial
    q = parse_penalty("no penalty stated here", PenaltyField(max_imprisonment_years=5))
    assert q.custodial and q.max_years == 5 and q.from_field


def test_penalty_field_drives_proportionality_rule(check):
    report = check("The public justification of terrorism is a criminal offence.",
                   penalty=PenaltyField(max_imprisonment_years=5))
    severe = next(f for f in report.findings if f.rule == "PEN-SEVERE-MAXIMUM")
    assert severe.spans == []
    assert "5 years" in severe.message


@pytest.mark.parametrize(
    ("language", "text", "min_years", "max_years"),
    [
        # bracketed digits are what the number is; compound number words are one number
        ("es", "incurrirá en prisión de dieciséis (16) a cincuenta y cuatro (54) meses", 1.33, 4.5),
        ("es", "prisión de entre dos y cinco años", 2, 5),
        ("en", "imprisonment for a term of not less than five (5) years and not more than seven (7) years", 5, 7),
        ("en", "shall be liable to imprisonment for twenty five years", None, 25),
        ("fr", "puni de vingt-cinq ans de réclusion criminelle", None, 25),
    ],
)
def test_numbers_in_brackets_and_compound_words(packs, language, text, min_years, max_years):
    from rightscheck.text import normalise

    reader = packs[0].view(language).penalty_reader
    p = parse_with(normalise(text).norm, None, reader)
    assert (p.min_years, p.max_years) == (min_years, max_years)


def test_any_run_of_number_words_is_read_without_error(packs):
    import random

    from rightscheck.text import normalise

    random.seed(7)
    for language in ("en", "fr", "es", "ru", "ar", "zh"):
        reader = packs[0].view(language).penalty_reader
        words = [*reader.numbers, "y", "et", "и", "-", "(12)", "years", "años", "ans", "лет", "سنوات", "年",
                 "imprisonment", "prisión", "emprisonnement", "лишения свободы", "الحبس", "有期徒刑", "de", "a",
                 "entre", "до", "hasta", "not exceeding"]
        for _ in range(300):
            text = " ".join(random.choice(words) for _ in range(12))
            p = parse_with(normalise(text).norm, None, reader)
            assert p.max_years is None or p.max_years >= 0


def test_a_penalty_kind_stated_twice_is_marked_at_each_place(check):
    """A finding on forced labour marks every place the text imposes it, not the first only: a
    reviewer (and the redraft) must see the second alternative too."""
    report = check("Public calls to extremist activity are punished by compulsory work for up to two years; the same "
                   "acts committed through the media are punished by correctional labour for up to three years.")
    labour = next(f for f in report.findings if f.rule == "PEN-FORCED-LABOUR")
    assert [s.text for s in labour.spans] == ["compulsory work", "correctional labour"]


def test_a_prison_term_ruled_out_is_no_penalty():
    """"No person shall be imprisoned for defamation": the saving clause rules prison out, so the penalty
    read is the fine alone, and a defamation offence punished only by a fine draws no prison finding."""
    from rightscheck.engine import make_context
    from rightscheck.models import Provision

    text = "Defamation is punishable by a fine; no person shall be imprisoned for defamation."
    ctx = make_context(Provision(id="p", language="en", text=text), load_packs())
    assert ctx.penalty.fine and not ctx.penalty.custodial
    plain = parse_penalty(text.lower())
    assert plain.custodial  # read without the saving clauses, "imprisoned" counts
