"""What a report shows for each provision, computed once from the report: verdict words, the
score arithmetic, the words of each finding, its sources and decision, and each checklist line.
Every format (terminal, Markdown, HTML, Word) lays this out; none works it out again."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import ChecklistItem, Finding, ProvisionReport, Report
from . import STATUS_WORD, TEST_NAMES, citations, decision_text, fmt_score, verdict_word

CONCERN = {"concerns", "incompatible"}


@dataclass(frozen=True)
class Step:
    rule: str
    points: str  # "−30%"
    after: str  # the test's score after this finding

    def short(self) -> str:
        """"LEG-EXTREMISM −70%" (the id and its cut kept together: no line break inside)."""
        return f"{self.rule}\u00a0{self.points}"


@dataclass(frozen=True)
class TestLine:
    key: str
    name: str
    verdict: str
    word: str
    score: str
    reason: str
    steps: tuple[Step, ...]

    def arithmetic(self) -> str:
        """"100; LEG-EXTREMISM −70% → 30; …", or the reason when no finding took anything off."""
        if not self.steps:
            return self.reason
        return "100; " + "; ".join(f"{s.rule} {s.points} → {s.after}" for s in self.steps)


@dataclass(frozen=True)
class FindingLine:
    number: int
    finding: Finding
    words: tuple[str, ...]  # the marked words as they stand in the text, each once
    sources: str  # "SYMBOL, pinpoint; …" with unchecked pinpoints marked
    decision: str | None

    def words_text(self, quote: str = "“{}”") -> str:
        return ", ".join(quote.format(w) for w in self.words) or "missing element"


@dataclass(frozen=True)
class CheckLine:
    item: ChecklistItem
    status_word: str
    evidence: tuple[str, ...]
    rules: tuple[str, ...]
    note: str  # the hint, when only a person can judge (not shown for a flagged item)


@dataclass(frozen=True)
class ProvisionView:
    report: ProvisionReport
    verdict_word: str  # short, for a table cell
    verdict_sentence: str  # long, for a sentence
    score: str
    tests: tuple[TestLine, ...]
    concerns: tuple[str, ...]  # the keys of the tests with concerns
    findings: tuple[FindingLine, ...]
    checklist: tuple[CheckLine, ...]


def distinct_words(f: Finding) -> tuple[str, ...]:
    return tuple(dict.fromkeys(" ".join(s.text.split()) for s in f.spans))


def provision_view(p: ProvisionReport, unverified: str = " (pinpoint not verified)") -> ProvisionView:
    tests = tuple(
        TestLine(key=t, name=TEST_NAMES[t], verdict=r.verdict, word=verdict_word(r.verdict, score=r.score),
                 score=fmt_score(r.score),
                 reason=r.reason,
                 steps=tuple(Step(s.rule, f"−{s.points:g}%", f"{s.score_after:g}") for s in r.steps))
        for t, r in p.tests.items()
    )
    findings = tuple(
        FindingLine(number=n, finding=f, words=distinct_words(f), sources=citations(f, unverified=unverified),
                    decision=decision_text(f.decision))
        for n, f in enumerate(p.findings, 1)
    )
    checklist = tuple(
        CheckLine(item=c, status_word=STATUS_WORD[c.status], evidence=tuple(e.text for e in c.evidence),
                  rules=tuple(c.rules), note="" if c.status == "flagged" else (c.note or ""))
        for c in p.checklist
    )
    return ProvisionView(
        report=p, verdict_word=verdict_word(p.overall.verdict, score=p.overall.score),
        verdict_sentence=verdict_word(p.overall.verdict, True, p.overall.score),
        score=fmt_score(p.overall.score), tests=tests, concerns=tuple(t.key for t in tests if t.verdict in CONCERN),
        findings=findings, checklist=checklist,
    )


def report_view(report: Report, unverified: str = " (pinpoint not verified)") -> list[ProvisionView]:
    return [provision_view(p, unverified) for p in report.provisions]
