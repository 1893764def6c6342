"""Markdown report: summary, then per provision the scores, the findings and a checklist
(``[x]`` satisfied, ``[ ]`` flagged, ``[?]`` needs review) with room for the reviewer's note."""

from __future__ import annotations

from html import escape

from ..models import Report
from . import (
    DISCLAIMER,
    STATUS_MARK,
    provenance,
    review_sentence,
)
from .view import ProvisionView, report_view


def _md(text: object) -> str:
    """Text from the input (or a review file) as Markdown shows it literally: HTML characters as
    entities (a Markdown viewer would run them), table bars escaped, one line."""
    return escape(" ".join(str(text).split()), quote=False).replace("|", "\\|")


def _provision(v: ProvisionView) -> list[str]:
    p = v.report
    title = f" — {_md(p.title)}" if p.title else ""
    out = [f"## {_md(p.id)}{title}", ""]
    if p.source:
        out += [f"*Source:* {_md(p.source)}", ""]
    if p.origin:
        out += [f"*Read from:* {_md(p.origin)}", ""]
    out += [
        f"**Overall: {v.verdict_sentence}** (score {v.score}) — {p.overall.reason}",
        "",
        "| Test | Verdict | Score | How the score was reached |",
        "| --- | --- | --- | --- |",
    ]
    out += [f"| {t.name} | {t.word} | {t.score} | {t.arithmetic()} |" for t in v.tests]
    out.append("")
    for note in p.notes:
        out.append(f"> {_md(note)}")
    if p.notes:
        out.append("")
    if v.findings:
        out += ["### Findings", ""]
        for line in v.findings:
            f = line.finding
            words = ", ".join(f"“{_md(s.text)}” ({s.start}–{s.end})" for s in f.spans) or "missing element"
            out += [
                f"- **{f.rule}** — {f.title} · *{f.test}*, {f.severity}, confidence {f.confidence}",
                f"  - Words: {words}",
                f"  - {_md(f.message)}",
                f"  - Source: {line.sources}",
                f"  - Remedy: {_md(f.remedy)}",
            ]
            if f.redraft:
                out.append(f"  - Suggested wording: {_md(f.redraft)}")
            if f.evidence_hint:
                out.append(f"  - Look for: {_md(f.evidence_hint)}")
            if line.decision:
                out.append(f"  - **{_md(line.decision)}**")
        out.append("")
    if v.checklist:
        out += ["### Checklist", ""]
        for c in v.checklist:
            out.append(f"- {STATUS_MARK[c.item.status]} **{c.item.question}** — *{c.status_word}*")
            if c.evidence:
                out.append("  - Evidence: " + ", ".join(f"“{_md(e)}”" for e in c.evidence))
            if c.rules:
                out.append(f"  - Findings: {', '.join(c.rules)}")
            if c.note:
                out.append(f"  - {c.note}")
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
    views = report_view(report)
    for v in views:
        cells = [f"{t.word} ({t.score})" for t in v.tests]
        out.append(f"| {_md(v.report.id)} | **{v.verdict_word}** ({v.score}) | " + " | ".join(cells) + " |")
    out.append("")
    if report.review:
        r = report.review
        out += ["## Review decisions", "",
                _md(review_sentence(r)), ""]
        if r.stale:
            out += ["Stale decisions (they match no finding any more):", ""]
            out += [f"- {_md(e.provision)} · {_md(e.rule)} · “{_md(e.match)}” ({e.status})" for e in r.stale]
            out.append("")
    for v in views:
        out += _provision(v)
    out += ["## How scores are computed", "", report.scoring.explanation, ""]
    if report.inputs:
        out += ["## Inputs", ""]
        out += [f"- {_md(i.path)} ({i.hash})" + (f"; tracked changes read as {i.tracked_changes}" if i.tracked_changes
                                                      else "")
                + (f"; not read: {_md(', '.join(i.not_read))}" if i.not_read else "") for i in report.inputs]
        out.append("")
    return "\n".join(out)
