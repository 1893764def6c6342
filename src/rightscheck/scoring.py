"""Turn findings into a score and a verdict per test, and an overall verdict.

How: each finding takes ``points[severity] x confidence[confidence]`` per cent off what is left of
its test's score (so several findings about the same defect do not drive a test below zero, and
the order does not matter). Thresholds and the severities that decide a verdict on their own come
from the pack's ``scoring`` table. The tests are cumulative: the overall verdict is the worst test.

A verdict says what was judged: a test with no finding on which the text gives no handle (no
checklist question of it could be answered from the words) is ``needs_review``, not compatible; a
test none of whose rules ran (``--select``/``--ignore``) is ``excluded``; a provision that does not
restrict expression and raises no concern is ``not_engaged``, with its score kept.
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import Finding, Overall, ScoreStep, TestResult, Verdict, badness, took_points
from .schema import SEVERITIES, TESTS, Scoring, TestId


def finding_points(scoring: Scoring, severity: str, confidence: str) -> float:
    return round(scoring.points[severity] * scoring.confidence[confidence], 2)  # type: ignore[index]


def score_test(
    findings: Iterable[Finding], scoring: Scoring, *, handle: bool = True, open_items: Iterable[str] = (),
) -> TestResult:
    """Score one test. ``handle`` is False when the text answers none of the test's checklist
    questions; ``open_items`` are the ids of the questions a person must then answer."""
    ordered = sorted(findings, key=lambda f: (-f.points, f.rule))
    score = 100.0
    steps: list[ScoreStep] = []
    for f in ordered:
        score = score * (1 - min(f.points, 100) / 100)
        steps.append(ScoreStep(rule=f.rule, points=f.points, score_after=round(score)))
    score = round(score)
    severities = {f.severity for f in ordered}
    verdict: Verdict = "compatible"
    reason = "no finding" if not ordered else f"score {score}"
    for name in ("incompatible", "concerns"):
        rule = getattr(scoring, name)
        decisive = sorted(severities & set(rule.any_severity), key=SEVERITIES.index, reverse=True)
        if score < rule.score_below or decisive:
            verdict = name
            reason = (
                f"a {decisive[0]} finding" if decisive else f"score {score} is below {rule.score_below:g}"
            )
            break
    if verdict == "compatible" and not ordered and not handle:
        items = ", ".join(open_items)
        verdict = "needs_review"
        reason = "no finding, but the text gives no handle on this test"
        reason += f"; see the checklist: {items}" if items else ""
    return TestResult(score=score, verdict=verdict, steps=steps, reason=reason)


NO_WORDS = "have no words in language"  # marks a test that some rules could not look at


def needs_words(result: TestResult, rules: list[str], language: str) -> TestResult:
    """A test with no concern, while some of its rules have no words in the provision's
    language, needs review: those rules could not look."""
    shown = ", ".join(rules[:6]) + (f" and {len(rules) - 6} more" if len(rules) > 6 else "")
    found = f"score {result.score:g}, no concern" if result.steps else "no finding"
    reason = f"{found}, but {len(rules)} rule(s) of this test {NO_WORDS} {language!r} and did not run: {shown}"
    return TestResult(score=result.score, verdict="needs_review", steps=result.steps, reason=reason)


def excluded_test(what: str) -> TestResult:
    return TestResult(score=None, verdict="excluded", reason=f"excluded from this run ({what})")


def overall(tests: dict[TestId, TestResult], engages_expression: bool = True) -> Overall:
    """The worst test decides. Where no test raises a concern, the verdict is ``compatible`` ("no
    concern found on the face of the text") or, for a provision that does not restrict
    expression, ``not_engaged``; the reason names the tests that need review or were excluded."""
    worst: TestId = max(TESTS, key=lambda t: badness(tests[t].verdict, tests[t].score))
    result = tests[worst]
    scores = [t.score for t in tests.values() if t.score is not None]
    score = min(scores) if scores else None
    if result.verdict in {"concerns", "incompatible"}:
        return Overall(score=score, verdict=result.verdict,
                       reason=f"worst test: {worst} ({result.verdict}: {result.reason})")
    review = [t for t in TESTS if tests[t].verdict == "needs_review"]
    excluded = [t for t in TESTS if tests[t].verdict == "excluded"]
    if len(excluded) == len(TESTS):
        return Overall(score=None, verdict="not_assessed", reason="every test was excluded from this run")
    unlooked = [t for t in review if NO_WORDS in tests[t].reason]
    if unlooked:
        # some rules could not look at this text (no words in its language): no verdict of
        # "no concern" can be given
        return Overall(score=score, verdict="needs_review",
                       reason=f"no concern found by the rules that ran, but {', '.join(unlooked)} "
                       "had rules with no words in the provision's language: see those tests")
    parts = ["no concern found on the face of the text"]
    if took_points(score):  # findings too few to raise a concern
        parts = ["only findings too small to raise a concern: points for a reviewer to check"]
    if not engages_expression:
        parts = ["the provision does not appear to restrict expression; "
                 "no concern found by the rules that apply to every offence"]
    if review:
        parts.append(f"the text gives no handle on {', '.join(review)}: see the checklist")
    if excluded:
        parts.append(f"excluded from this run: {', '.join(excluded)}")
    verdict: Verdict = "compatible" if engages_expression else "not_engaged"
    return Overall(score=score, verdict=verdict, reason="; ".join(parts))


def not_assessed(reason: str) -> tuple[dict[TestId, TestResult], Overall]:
    tests = {t: TestResult(score=None, verdict="not_assessed", reason=reason) for t in TESTS}
    return tests, Overall(score=None, verdict="not_assessed", reason=reason)
