"""Turn findings into a score and a verdict per test, and an overall verdict.

How: each finding takes ``points[severity] x confidence[confidence]`` per cent off what is left of
its test's score (so several findings about the same defect do not drive a test below zero, and
the order does not matter). Thresholds and the severities that decide a verdict on their own come
from the pack's ``scoring`` table. The tests are cumulative: the overall verdict is the worst test.
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import Finding, Overall, ScoreStep, TestResult, Verdict, badness
from .schema import SEVERITIES, TESTS, Scoring, TestId


def finding_points(scoring: Scoring, severity: str, confidence: str) -> float:
    return round(scoring.points[severity] * scoring.confidence[confidence], 2)  # type: ignore[index]


def score_test(findings: Iterable[Finding], scoring: Scoring) -> TestResult:
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
    return TestResult(score=score, verdict=verdict, steps=steps, reason=reason)


def overall(tests: dict[TestId, TestResult]) -> Overall:
    worst: TestId = max(TESTS, key=lambda t: badness(tests[t].verdict, tests[t].score))
    result = tests[worst]
    if result.verdict == "compatible":
        reason = "every test is compatible"
    else:
        reason = f"worst test: {worst} ({result.verdict}: {result.reason})"
    scores = [t.score for t in tests.values() if t.score is not None]
    return Overall(score=min(scores) if scores else None, verdict=result.verdict, reason=reason)


def not_assessed(reason: str) -> tuple[dict[TestId, TestResult], Overall]:
    tests = {t: TestResult(score=None, verdict="not_assessed", reason=reason) for t in TESTS}
    return tests, Overall(score=None, verdict="not_assessed", reason=reason)
