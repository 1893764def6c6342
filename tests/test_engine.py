"""Behaviour of the engine on real and realistic provisions."""

from __future__ import annotations

import yaml

from rightscheck.corpus import load_corpus
from rightscheck.engine import assess
from rightscheck.readers.yaml_reader import read_yaml

from .conftest import EXAMPLES, ROOT, rules_of, serious_rules

BUDAPEST_2 = (
    "Each Party shall adopt such legislative and other measures as may be necessary to establish "
    "as criminal offences under its domestic law, when committed intentionally, the access to the "
    "whole or any part of a computer system without right."
)


def _examples(name, packs):
    provisions = read_yaml((EXAMPLES / name).read_text("utf-8"), name)
    return {p.id: p for p in assess(provisions, packs).provisions}


def test_cis_provision_is_incompatible_with_the_findings_an_expert_gives(packs):
    report = _examples("cis-2018-extremist-materials.yaml", packs)["cis-2018-art3-extremist-materials"]
    assert report.overall.verdict == "incompatible"
    assert report.engages_expression
    assert {"LEG-EXTREMISM", "LEG-DELEGATED-DESIGNATION", "LEG-JUSTIFICATION", "NEC-NO-DANGER"} <= rules_of(report)
    # the intent element is present, so no missing-intent finding
    assert all(f.category != "missing-intent" for f in report.findings)
    for f in report.findings:
        for s in f.spans:
            assert report.text[s.start:s.end] == s.text
    statuses = {c.id: c.status for c in report.checklist}
    assert statuses["legality.mental-element"] == "satisfied"
    assert statuses["legality.precision"] == "flagged"
    assert statuses["necessity.harm"] == "flagged"
    assert statuses["necessity.threat-shown"] == "needs_review"


def test_good_practice_references_have_no_high_finding(packs):
    reports = _examples("good-practice.yaml", packs)
    assert set(reports) == {"coe-cets196-art5", "sr-model-incitement", "coe-cets185-art2"}
    for report in reports.values():
        # illegal access does not restrict expression: "not engaged", never a bare "compatible"
        expected = "not_engaged" if report.id == "coe-cets185-art2" else "compatible"
        assert report.overall.verdict == expected, report.id
        assert not serious_rules(report)


def test_offence_that_does_not_engage_expression(check):
    report = check(BUDAPEST_2)
    assert not report.engages_expression
    assert report.overall.verdict == "not_engaged" and report.overall.score == 100
    assert "does not appear to restrict expression" in report.overall.reason
    assert report.findings == []
    mental = next(c for c in report.checklist if c.id == "legality.mental-element")
    assert mental.status == "satisfied"
    assert mental.evidence[0].text == "intentionally"


def test_each_concept_note_draft_is_found_wanting(packs):
    reports = _examples("concept-note-2023-drafts.yaml", packs)
    assert len(reports) == 5
    verdicts = {pid: r.overall.verdict for pid, r in reports.items()}
    # four drafts rest on "extremism"; the attack-coordination draft is an ordinary, intent-based offence
    for pid in ("draft-terrorist-extremist-content", "draft-recruitment-online-games",
                "draft-financing-crypto", "draft-ai-models-unrestricted"):
        assert verdicts[pid] == "incompatible", pid
        assert "LEG-EXTREMISM" in rules_of(reports[pid])
    assert verdicts["draft-organising-attacks-messengers"] in {"compatible", "not_engaged"}
    assert "PEN-SEVERE-MAXIMUM" in rules_of(reports["draft-terrorist-extremist-content"])
    assert "DEF-PURPOSE-EXCLUDED" in rules_of(reports["draft-recruitment-online-games"])


def test_missing_findings_have_no_spans_and_missing_category(check):
    report = check("The distribution of materials containing calls for terrorist activities is punishable.")
    missing = [f for f in report.findings if f.category.startswith("missing-")]
    assert {f.rule for f in missing} >= {"LEG-NO-INTENT", "NEC-NO-DANGER", "DEF-NO-PROTECTED-PURPOSES"}
    assert all(f.spans == [] for f in missing)
    assert {f.category for f in missing} >= {"missing-intent", "missing-harm", "missing-defences"}


def test_language_not_covered_is_not_assessed(check):
    report = check("Verbreitung von Materialien, die als extremistisch eingestuft wurden", language="de")
    assert report.overall.verdict == "not_assessed"
    assert report.overall.score is None
    assert all(t.verdict == "not_assessed" and t.score is None for t in report.tests.values())
    assert report.notes


def test_language_tags_are_read_by_their_primary_subtag(check):
    assert check("distribution of extremist materials", language="EN-GB").overall.verdict == "incompatible"
    assert check("Verbreitung extremistischer Materialien", language="de_DE").overall.verdict == "not_assessed"


def test_recklessness_flagged_and_intent_to_incite_accepted(check):
    reckless = check("A person commits an offence if he publishes a statement and is reckless as "
                     "to whether members of the public will be encouraged to commit terrorism.")
    assert "NEC-RECKLESSNESS" in rules_of(reckless)
    intent = check("A person commits an offence if he publishes a statement with the intent to "
                   "incite the commission of a terrorist offence, where the conduct causes a "
                   "danger that such an offence may be committed.")
    assert not rules_of(intent) & {"NEC-RECKLESSNESS", "NEC-NO-DANGER", "LEG-NO-INTENT"}


def test_scores_are_explained_and_cumulative(check):
    report = check("Public justification of terrorism is punishable by imprisonment for up to seven years.")
    legality = report.tests["legality"]
    assert legality.steps and legality.steps[-1].score_after == legality.score
    worst = min(r.score for r in report.tests.values())
    assert report.overall.score == worst
    assert report.overall.verdict == max(
        (r.verdict for r in report.tests.values()),
        key=["excluded", "needs_review", "compatible", "concerns", "incompatible"].index,
    )


def test_select_and_ignore(packs):
    from rightscheck.models import Provision

    p = [Provision(id="x", text="distribution of extremist materials")]
    only_leg = assess(p, packs, select=["LEG-"]).provisions[0]
    assert {f.rule.split("-")[0] for f in only_leg.findings} == {"LEG"}
    no_extremism = assess(p, packs, ignore=["LEG-EXTREMISM"]).provisions[0]
    assert "LEG-EXTREMISM" not in rules_of(no_extremism)
    by_test = assess(p, packs, select=["test:necessity"]).provisions[0]
    assert {f.test for f in by_test.findings} == {"necessity"}


def test_same_input_same_output(packs):
    provisions = read_yaml((EXAMPLES / "concept-note-2023-drafts.yaml").read_text("utf-8"), "x")
    first = assess(provisions, packs).model_dump_json()
    second = assess(provisions, packs).model_dump_json()
    assert first == second


def test_dev_provisions_yaml_matches_contract():
    data = yaml.safe_load((EXAMPLES / "good-practice.yaml").read_text("utf-8"))
    assert all({"id", "text", "source"} <= set(p) for p in data["provisions"])


def test_excluded_tests_say_so_and_the_report_lists_what_was_excluded(packs):
    from rightscheck.models import Provision

    text = "Public justification of terrorism is punishable by imprisonment for up to seven years."
    p = [Provision(id="x", text=text)]
    report = assess(p, packs, ignore=["test:proportionality"])
    r = report.provisions[0]
    assert r.tests["proportionality"].verdict == "excluded" and r.tests["proportionality"].score is None
    assert "PEN-SEVERE-MAXIMUM" in report.selection.excluded_rules
    assert report.selection.excluded_tests == ["proportionality"]
    assert r.overall.verdict == "incompatible" or r.overall.verdict == "concerns"
    only_aim = assess(p, packs, select=["test:legitimate_aim"]).provisions[0]
    assert [t for t, res in only_aim.tests.items() if res.verdict == "excluded"] == [
        "legality", "necessity", "proportionality"]
    assert "excluded from this run" in only_aim.overall.reason


def test_a_test_the_text_gives_no_handle_on_needs_review(check):
    # nothing in this text states an aim, a danger, a penalty or a defence: those tests cannot pass
    r = check("Whoever intentionally publishes a message shall be punished.")
    assert r.tests["legitimate_aim"].verdict == "needs_review"
    assert "aim.listed" in r.tests["legitimate_aim"].reason
    assert r.overall.verdict in {"compatible", "concerns", "incompatible"}
    assert r.overall.verdict != "compatible" or "no handle" in r.overall.reason


def test_a_definition_in_one_article_applies_to_the_articles_that_use_it(packs):
    from rightscheck.models import Provision

    broad = Provision(id="art-2", source="Draft convention", text=(
        'For the purposes of this Convention, "terrorist act" means any act committed with the aim of influencing '
        "the decisions of public authorities, which causes serious damage to property."))
    model = Provision(id="art-2", source="Draft convention", text=(
        'For the purposes of this Convention, "terrorist act" means the taking of hostages, or an act intended to '
        "cause death or serious bodily injury to civilians, committed to provoke a state of terror."))
    offence = Provision(id="art-16", source="Draft convention", text=(
        "Each State Party shall establish as a criminal offence the intentional public incitement to commit "
        "terrorist acts, where such conduct causes a danger that such acts may be committed."))
    inherited = assess([broad, offence], packs).provisions[1]
    f = next(f for f in inherited.findings if f.rule == "LEG-INHERITED-DEFINITION")
    assert [s.text for s in f.spans] == ["terrorist acts"] and "art-2" in f.message
    assert "LEG-INHERITED-DEFINITION" not in rules_of(assess([model, offence], packs).provisions[1])
    # the same article alone, or with an article of another document, inherits nothing
    assert "LEG-INHERITED-DEFINITION" not in rules_of(assess([offence], packs).provisions[0])
    other = broad.model_copy(update={"source": "Another law"})
    assert "LEG-INHERITED-DEFINITION" not in rules_of(assess([other, offence], packs).provisions[1])


def test_a_repeal_restricts_nothing(check):
    r = check("The Criminal Code is amended by the repeal of section 185 on the communication of false reports "
              "injuring the reputation of the State and section 183A on defamation of the President.")
    assert r.findings == [] and r.overall.verdict == "not_engaged"
    assert any("repeals offences" in n for n in r.notes)


def test_passing_over_rules_whose_words_are_absent_changes_no_report(packs):
    """A rule none of whose needed term lists found words in a text is not evaluated (speed); on
    every provision of the corpus, in six languages, the reports are the same as when every rule
    is evaluated."""
    provisions = [e.provision() for e in load_corpus(ROOT / "tests" / "corpus")]
    fast = assess(provisions, packs, generated_on="2026-01-01", jobs=1)
    views = [view for pack in packs for view in pack.views.values()]
    assert sum(len(v.needs) for v in views) > 200, "most rules need some words: the shortcut is in use"
    kept = [(view, view.needs) for view in views]
    try:
        for view, _ in kept:
            view.needs = {}
        slow = assess(provisions, packs, generated_on="2026-01-01", jobs=1)
    finally:
        for view, needs in kept:
            view.needs = needs
    assert fast.model_dump() == slow.model_dump()
