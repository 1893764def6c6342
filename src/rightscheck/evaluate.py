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
from .schema import TESTS


@dataclass
class DefectResult:
    provision: str
    tests: list[str]
    terms: list[str]
    found_by: list[str]
    # rules that mark the words (or report the missing element) under a test the authority did not
    # name: the words are flagged, but the test placement differs (reported, never counted as found)
    elsewhere: list[str] = field(default_factory=list)

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
# "concern or not" (binary agreement): a provision that needs review raised no concern either
NO_CONCERN_FOUND = NO_CONCERN | {"needs_review"}


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
            if exp["verdict"] == "compatible" and f.serious:
                acc.high_on_compatible.append((p.id, f.rule))
            if f.spans and not _overlaps(f, all_defect_ranges):
                acc.unmatched_findings.append((p.id, f.rule))
    return acc


# ----------------------------------------------------------------------------- the corpus
VERDICT_ORDER = {"compatible": 0, "not_engaged": 0, "concerns": 1, "incompatible": 2}


@dataclass
class EntryResult:
    """One corpus entry: what the authorities found and what rightscheck reported."""

    id: str
    language: str
    areas: list[str]
    endorsed: bool
    expected: str
    got: str
    score: float | None
    defects: list[DefectResult] = field(default_factory=list)
    terms_found: int = 0
    terms_total: int = 0
    satisfied_total: int = 0
    false_missing: list[str] = field(default_factory=list)
    high_findings: list[str] = field(default_factory=list)

    @property
    def assessed(self) -> bool:
        return self.got != "not_assessed"


def evaluate_entry(p: ProvisionReport, expected: Any) -> EntryResult:
    """Compare one provision's report with a corpus entry's ``expected`` block."""
    r = EntryResult(
        id=p.id, language=p.language, areas=list(expected.areas), endorsed=expected.endorsed,
        expected=expected.verdict, got=p.overall.verdict, score=p.overall.score,
    )
    if not r.assessed:
        return r
    spans = [(s.start, s.end) for f in p.findings for s in f.spans]
    for d in expected.defects:
        found = _defect_found_by(p, d.tests, d.terms)
        elsewhere = [] if found else _defect_found_by(p, list(TESTS), d.terms)
        r.defects.append(DefectResult(p.id, list(d.tests), list(d.terms), found, elsewhere))
        for term in d.terms:
            r.terms_total += 1
            ranges = _occurrences(p.text, term)
            if any(s < e2 and s2 < e for s, e in ranges for s2, e2 in spans):
                r.terms_found += 1
    for s in expected.satisfied:
        r.satisfied_total += 1
        r.false_missing += [f.rule for f in p.findings if f.category == s.category]
    r.high_findings = [f.rule for f in p.findings if f.serious]
    return r


def _spearman(xs: list[float], ys: list[float]) -> float | None:
    """Spearman's rank correlation, ties given their average rank."""
    if len(xs) < 3:
        return None

    def ranks(values: list[float]) -> list[float]:
        order = sorted(range(len(values)), key=values.__getitem__)
        out = [0.0] * len(values)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
                j += 1
            for k in range(i, j + 1):
                out[order[k]] = (i + j) / 2 + 1
            i = j + 1
        return out

    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else None


@dataclass
class Summary:
    """The figures for a group of corpus entries (a part, a language, a doctrine area)."""

    entries: int
    assessed: int
    verdict_exact: float | None
    verdict_binary: float | None
    defect_recall: float | None
    defects: int
    defect_recall_any_test: float | None
    term_recall: float | None
    terms: int
    false_missing: int
    satisfied: int
    endorsed: int
    endorsed_with_high: list[str]
    rank_correlation: float | None


def summarise(results: list[EntryResult]) -> Summary:
    done = [r for r in results if r.assessed]

    def share(hits: int, total: int) -> float | None:
        return hits / total if total else None

    defects = [d for r in done for d in r.defects]
    terms_total = sum(r.terms_total for r in done)
    scored = [r for r in done if r.score is not None]
    return Summary(
        entries=len(results), assessed=len(done),
        verdict_exact=share(sum(same_verdict(r.expected, r.got) for r in done), len(done)),
        verdict_binary=share(sum((r.expected in NO_CONCERN_FOUND) == (r.got in NO_CONCERN_FOUND) for r in done),
                             len(done)),
        defect_recall=share(sum(d.found for d in defects), len(defects)), defects=len(defects),
        defect_recall_any_test=share(sum(d.found or bool(d.elsewhere) for d in defects), len(defects)),
        term_recall=share(sum(r.terms_found for r in done), terms_total), terms=terms_total,
        false_missing=sum(len(r.false_missing) for r in done), satisfied=sum(r.satisfied_total for r in done),
        endorsed=sum(r.endorsed for r in done),
        endorsed_with_high=[f"{r.id} ({', '.join(r.high_findings)})" for r in done if r.endorsed and r.high_findings],
        rank_correlation=_spearman([-(r.score or 0) for r in scored], [VERDICT_ORDER[r.expected] for r in scored]),
    )
