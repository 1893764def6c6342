"""Every rule is tested against its own examples: flag examples must mark exactly their words,
pass examples must not fire. One test per rule, so a failure names the rule."""

from __future__ import annotations

import pytest

from rightscheck.rules import load_packs
from rightscheck.validate import run_example, validate_packs

RULES = [cr for pack in load_packs() for cr in pack.rules]


@pytest.mark.parametrize("cr", RULES, ids=[cr.rule.id for cr in RULES])
def test_rule_flags_its_examples_with_exact_spans(cr):
    for ex in cr.rule.examples.flag:
        finding = run_example(cr, ex.text, ex.document)
        assert finding is not None, f"{cr.rule.id} did not fire on {ex.text!r}"
        assert [s.text for s in finding.spans] == ex.marks
        for span in finding.spans:
            assert ex.text[span.start:span.end] == span.text


@pytest.mark.parametrize("cr", RULES, ids=[cr.rule.id for cr in RULES])
def test_rule_passes_its_pass_examples(cr):
    for item in cr.rule.examples.pass_:
        text, document = (item, []) if isinstance(item, str) else (item.text, item.document)
        assert run_example(cr, text, document) is None, f"{cr.rule.id} fired on pass example {text!r}"


@pytest.mark.parametrize("cr", [cr for cr in RULES if cr.rule.remedy.edit is not None],
                         ids=[cr.rule.id for cr in RULES if cr.rule.remedy.edit is not None])
def test_rule_edit_gives_its_expected_redraft(cr):
    """Semgrep-style: where a flag example states the text after the rule's edit, the edit gives
    exactly that text."""
    from rightscheck.redraft import apply_changes, editing_for, plan_changes

    expected = [ex for ex in cr.rule.examples.flag if ex.redraft is not None]
    for ex in expected:
        finding = run_example(cr, ex.text, ex.document)
        editing = editing_for(cr.pack)
        changes = plan_changes(ex.text, [finding], {cr.rule.id: cr}, editing)
        assert apply_changes(ex.text, changes, editing) == ex.redraft


def test_pack_has_enough_rules_across_all_four_tests():
    tests = {cr.rule.test for cr in RULES}
    assert len(RULES) >= 30
    assert tests == {"legality", "legitimate_aim", "necessity", "proportionality"}


def test_every_rule_has_sources_remedy_question_and_both_kinds_of_example():
    for cr in RULES:
        r = cr.rule
        assert r.sources and r.remedy.advice and r.question and r.rationale
        assert r.examples.flag and r.examples.pass_


def test_absence_rules_show_a_bare_absence():
    """A rule about a missing element (category missing-…) marks nothing where the element is simply
    absent; it may mark the words by which a text waives the element ("even in private
    correspondence"), but its examples must show the bare absence too."""
    for cr in RULES:
        if cr.rule.is_absence:
            assert any(ex.marks == [] for ex in cr.rule.examples.flag), cr.rule.id


def test_validate_packs_reports_no_failure():
    report = validate_packs(load_packs())
    assert report.failures == []
    assert report.examples >= 2 * report.rules
