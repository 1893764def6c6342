"""Markdown report: summary, then per provision the scores, the findings and a checklist
(``[x]`` satisfied, ``[ ]`` flagged, ``[?]`` needs review) with room for the reviewer's note."""

from __future__ import annotations

from html import escape

from ..models import ProvisionReport, Report
from . import (
    DISCLAIMER,
    STATUS_MARK,
    STATUS_WORD,
    TEST_NAMES,
    citations,
    decision_text,
    fmt_score,
    provenance,
    review_sentence,
    verdict_word,
)


def _md(text: object) -> str:
    """Text from the input (or a review file) as Markdown shows it literally: HTML characters as
    entities (a Markdown viewer would run them), table bars escaped, one line."""
    return escape(" ".join(str(text).split()), quote=False).replace("|", "\\|")


def _provision(p: ProvisionReport) -> list[str]:
    title = f" — {_md(p.title)}" if p.title else ""
    out = [f"## {_md(p.id)}{title}", ""]
    if p.source:
        out += [f"*Source:* {_md(p.source)}", ""]
    if p.origin:
        out += [f"*Read from:* {_md(p.origin)}", ""]
    out += [
        f"**Overall: {verdict_word(p.overall.verdict, long=True)}** "
        f"(score {fmt_score(p.overall.score)}) — {p.overall.reason}",
        "",
        "| Test | Verdict | Score | How the score was reached |",
        "| --- | --- | --- | --- |",
    ]
    for test, r in p.tests.items():
        steps = "; ".join(f"{s.rule} −{s.points:g}% → {s.score_after:g}" for s in r.steps)
        how = f"100; {steps}" if steps else r.reason
        out.append(f"| {TEST_NAMES[test]} | {verdict_word(r.verdict)} | {fmt_score(r.score)} | {how} |")
    out.append("")
    for note in p.notes:
        out.append(f"> {_md(note)}")
    if p.notes:
        out.append("")
    if p.findings:
        out += ["### Findings", ""]
        for f in p.findings:
            words = ", ".join(f"“{_md(s.text)}” ({s.start}–{s.end})" for s in f.spans) or "missing element"
            out += [
                f"- **{f.rule}** — {f.title} · *{f.test}*, {f.severity}, confidence {f.confidence}",
                f"  - Words: {words}",
                f"  - {_md(f.message)}",
                f"  - Source: {citations(f)}",
                f"  - Remedy: {_md(f.remedy)}",
            ]
            if f.redraft:
                out.append(f"  - Suggested wording: {_md(f.redraft)}")
            if f.evidence_hint:
                out.append(f"  - Look for: {_md(f.evidence_hint)}")
            decision = decision_text(f.decision)
            if decision:
                out.append(f"  - **{_md(decision)}**")
        out.append("")
    if p.checklist:
        out += ["### Checklist", ""]
        for item in p.checklist:
            out.append(f"- {STATUS_MARK[item.status]} **{item.question}** — *{STATUS_WORD[item.status]}*")
            if item.evidence:
                quoted = ", ".join(f"“{_md(e.text)}”" for e in item.evidence)
                out.append(f"  - Evidence: {quoted}")
            if item.rules:
                out.append(f"  - Findings: {', '.join(item.rules)}")
            if item.status != "flagged" and item.note:
                out.append(f"  - {item.note}")
            out.append("  - Reviewer's note: ")
        out.append("")
    return out


def render_markdown(report: Report) -> str:
    packs = ", ".join(f"{p.name} v{p.version} ({p.hash})" for p in report.rule_packs)
    out = [
        "# rightscheck report",
        "",
        f"rightscheck {report.tool.version} · rule packs: {packs}",
        "",
        _md(provenance(report.inputs, report.generated_on)),
        "",
        f"*{DISCLAIMER}*",
        "",
        "| Provision | Overall | Legality | Legitimate aim | Necessity | Proportionality |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for p in report.provisions:
        cells = [f"{verdict_word(r.verdict)} ({fmt_score(r.score)})" for r in p.tests.values()]
        out.append(f"| {_md(p.id)} | **{verdict_word(p.overall.verdict)}** ({fmt_score(p.overall.score)}) | "
                   + " | ".join(cells) + " |")
    out.append("")
    if report.review:
        r = report.review
        out += ["## Review decisions", "",
                _md(review_sentence(r)), ""]
        if r.stale:
            out += ["Stale decisions (they match no finding any more):", ""]
            out += [f"- {_md(e.provision)} · {_md(e.rule)} · “{_md(e.match)}” ({e.status})" for e in r.stale]
            out.append("")
    for p in report.provisions:
        out += _provision(p)
    out += ["## How scores are computed", "", report.scoring.explanation, ""]
    if report.inputs:
        out += ["## Inputs", ""]
        out += [f"- {_md(i.path)} ({i.hash})" + (f"; tracked changes read as {i.tracked_changes}" if i.tracked_changes
                                                      else "")
                + (f"; not read: {_md(', '.join(i.not_read))}" if i.not_read else "") for i in report.inputs]
        out.append("")
    return "\n".join(out)
