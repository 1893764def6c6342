"""Compare a report with what authoritative bodies found (the ``eval/*-expected.yaml`` format).

Used by ``benchmarks/accuracy.py`` and the test suite, so both measure the same thing:
- verdict agreement: overall verdict equals the expected one;
- defect recall: an expected defect is found when a finding under one of its tests has a span
  overlapping one of its words (or, for an empty word list, a ``missing-*`` category);
- false missing: a finding of a ``missing-*`` category that the text satisfies;
- high findings on provisions an authority found compatible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .models import Finding, ProvisionReport, Report

HIGH = {"high", "critical"}


@dataclass
class DefectResult:
    provision: str
    tests: list[str]
    terms: list[str]
    found_by: list[str]

    @property
    def found(self) -> bool:
        return bool(self.found_by)


@dataclass
class Accuracy:
    provisions: int = 0
    verdicts_agreed: int = 0
    verdict_rows: list[tuple[str, str, str]] = field(default_factory=list)
    defects: list[DefectResult] = field(default_factory=list)
    satisfied_total: int = 0
    false_missing: list[tuple[str, str, str]] = field(default_factory=list)
    high_on_compatible: list[tuple[str, str]] = field(default_factory=list)
    unmatched_findings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def verdict_agreement(self) -> float:
        return self.verdicts_agreed / self.provisions if self.provisions else 0.0

    @property
    def defect_recall(self) -> float:
        return sum(d.found for d in self.defects) / len(self.defects) if self.defects else 1.0

    @property
    def false_missing_rate(self) -> float:
        return len(self.false_missing) / self.satisfied_total if self.satisfied_total else 0.0


NO_CONCERN = {"compatible", "not_engaged"}


def same_verdict(expected: str, got: str) -> bool:
    """Exact agreement; "compatible" and "not_engaged" both mean that no concern was found (an
    expectation written before ``not_engaged`` existed says "compatible")."""
    return expected == got or {expected, got} == NO_CONCERN


def _occurrences(text: str, term: str) -> list[tuple[int, int]]:
    pattern = r"\s+".join(re.escape(w) for w in term.split())
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]


def _overlaps(f: Finding, ranges: list[tuple[int, int]]) -> bool:
    return any(s.start < end and start < s.end for s in f.spans for start, end in ranges)


def _defect_found_by(p: ProvisionReport, tests: list[str], terms: list[str]) -> list[str]:
    found = []
    ranges = [r for term in terms for r in _occurrences(p.text, term)]
    for f in p.findings:
        if f.test not in tests:
            continue
        if (not terms and f.category.startswith("missing-")) or (terms and _overlaps(f, ranges)):
            found.append(f.rule)
    return found


def compare(report: Report, expected: list[dict[str, Any]]) -> Accuracy:
    by_id = {p.id: p for p in report.provisions}
    acc = Accuracy()
    for exp in expected:
        p = by_id.get(exp["id"])
        if p is None:
            continue
        acc.provisions += 1
        acc.verdict_rows.append((p.id, exp["verdict"], p.overall.verdict))
        if same_verdict(exp["verdict"], p.overall.verdict):
            acc.verdicts_agreed += 1
        all_defect_ranges: list[tuple[int, int]] = []
        for d in exp.get("defects") or []:
            terms = d.get("terms") or []
            all_defect_ranges += [r for t in terms for r in _occurrences(p.text, t)]
            acc.defects.append(
                DefectResult(p.id, d["tests"], terms, _defect_found_by(p, d["tests"], terms))
            )
        for s in exp.get("satisfied") or []:
            acc.satisfied_total += 1
            for f in p.findings:
                if f.category == s["category"]:
                    acc.false_missing.append((p.id, s["category"], f.rule))
        for f in p.findings:
            if exp["verdict"] == "compatible" and f.severity in HIGH:
                acc.high_on_compatible.append((p.id, f.rule))
            if f.spans and not _overlaps(f, all_defect_ranges):
                acc.unmatched_findings.append((p.id, f.rule))
    return acc
