"""Real provisions give the findings authoritative bodies gave (eval/dev-*.yaml)."""

from __future__ import annotations

from rightscheck.engine import assess
from rightscheck.evaluate import compare, same_verdict


def test_every_expected_defect_is_found_under_an_expected_test(packs, dev_set):
    provisions, expected = dev_set
    acc = compare(assess(provisions, packs), expected)
    missed = [(d.provision, d.terms, d.tests) for d in acc.defects if not d.found]
    assert missed == []
    assert len(acc.defects) >= 10


def test_no_present_element_is_reported_missing(packs, dev_set):
    provisions, expected = dev_set
    acc = compare(assess(provisions, packs), expected)
    assert acc.satisfied_total >= 3
    assert acc.false_missing == []


def test_no_high_finding_on_provisions_found_compatible(packs, dev_set):
    provisions, expected = dev_set
    acc = compare(assess(provisions, packs), expected)
    assert acc.high_on_compatible == []


def test_overall_verdicts_agree_with_the_authorities(packs, dev_set):
    provisions, expected = dev_set
    acc = compare(assess(provisions, packs), expected)
    assert acc.verdict_rows and all(same_verdict(exp, got) for _, exp, got in acc.verdict_rows), acc.verdict_rows
