"""Terminal report with rich: per provision a table of the tests, the findings with the quoted
words, and the checklist."""

from __future__ import annotations

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..models import Report
from . import (
    DISCLAIMER,
    capture,
    provenance,
)
from .view import CheckLine, FindingLine, ProvisionView, report_view

VERDICT_STYLE = {
    "compatible": "green", "concerns": "yellow", "incompatible": "bold red", "not_assessed": "dim",
    "needs_review": "cyan", "excluded": "dim", "not_engaged": "blue",
}
SEVERITY_STYLE = {
    "critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan", "info": "dim",
}
STATUS_STYLE = {"satisfied": "green", "flagged": "red", "needs_review": "yellow"}
STATUS_ICON = {"satisfied": "✔", "flagged": "✘", "needs_review": "?"}



def _verdict(verdict: str, word: str) -> Text:
    return Text(word.upper(), style=VERDICT_STYLE[verdict])


TEST_SHORT = {"legality": "legality", "legitimate_aim": "aim", "necessity": "necessity",
              "proportionality": "proportionality"}
NARROW = 120  # below this many columns, findings are listed rather than tabulated


def _finding_body(line: FindingLine) -> Text:
    f = line.finding
    body = Text()
    body.append(f.message)
    body.append(f"\nSource: {line.sources}", style="dim")
    body.append(f"\nRemedy: {f.remedy}", style="italic")
    if f.evidence_hint:
        body.append(f"\nLook for: {f.evidence_hint}")
    if line.decision:
        body.append(f"\n{line.decision}", style="bold magenta")
    return body


def _check_detail(c: CheckLine) -> str:
    detail = c.status_word
    if c.evidence:
        detail += ": " + ", ".join(f"“{e}”" for e in c.evidence)
    elif c.rules:
        detail += ": " + ", ".join(c.rules)
    elif c.note:
        detail += f" — {c.note}"
    return detail


def _tests_view(v: ProvisionView, width: int) -> list:
    """The four tests: a table when there is room; on a narrow terminal a line per test with its
    arithmetic wrapped beneath it, so that no rule id is ever cut."""
    if width < NARROW:
        lines: list = []
        for t in v.tests:
            head = Text(f"{t.name}: ", style="bold")
            head.append_text(_verdict(t.verdict, t.word))
            head.append(f" {t.score}")
            how = Text(t.reason, style="dim")
            for s in t.steps:
                how.append(" · ", style="dim")
                how.append(s.short())
            lines += [head, Padding(how, (0, 0, 0, 2))]
        return lines
    tests = Table(show_header=True, header_style="bold", expand=True, box=None)
    tests.add_column("Test")
    tests.add_column("Verdict")
    tests.add_column("Score", justify="right")
    tests.add_column("How", ratio=2, overflow="fold")
    for t in v.tests:
        steps = " · ".join(s.short() for s in t.steps)
        tests.add_row(t.name, _verdict(t.verdict, t.word), t.score, t.reason + (f" · {steps}" if steps else ""))
    return [tests]


def provision_panel(v: ProvisionView, width: int = 120) -> Panel:
    p = v.report
    parts: list = _tests_view(v, width)
    for note in p.notes:
        parts.append(Text(note, style="dim italic"))
    if v.findings and width < NARROW:
        parts.append(Text("Findings", style="bold"))
        for line in v.findings:
            f = line.finding
            head = Text(f"{f.severity} ({f.confidence}) ", style=SEVERITY_STYLE[f.severity])
            head.append(f"{f.rule} · {f.test} · {line.words_text()}", style="bold")
            parts += [head, _finding_body(line), Text("")]
    elif v.findings:
        findings = Table(show_header=True, header_style="bold", expand=True, title="Findings",
                         title_justify="left")
        findings.add_column("Severity", max_width=10)
        longest = max(len(line.finding.rule) for line in v.findings)
        findings.add_column("Rule / test", min_width=longest, max_width=max(24, longest), overflow="fold")
        findings.add_column("Words", ratio=1, min_width=12, max_width=36, overflow="fold")
        findings.add_column("Concern, source and remedy", ratio=3, min_width=30)
        for line in v.findings:
            f = line.finding
            findings.add_row(
                Text(f"{f.severity} ({f.confidence})", style=SEVERITY_STYLE[f.severity]),
                f"{f.rule}\n{f.test}", line.words_text(), _finding_body(line),
            )
        parts.append(findings)
    if v.checklist and width < NARROW:
        parts.append(Text("Checklist", style="bold"))
        for c in v.checklist:
            style = STATUS_STYLE[c.item.status]
            head = Text(f"{STATUS_ICON[c.item.status]} ", style=style)
            head.append(c.item.question)
            parts += [head, Padding(Text(_check_detail(c), style=style), (0, 0, 0, 2))]
    elif v.checklist:
        check = Table(show_header=True, header_style="bold", expand=True, title="Checklist",
                      title_justify="left")
        check.add_column("", no_wrap=True, width=1)
        check.add_column("Question", ratio=3, min_width=24)
        check.add_column("Status / evidence", ratio=2, min_width=20, overflow="fold")
        for c in v.checklist:
            check.add_row(Text(STATUS_ICON[c.item.status], style=STATUS_STYLE[c.item.status]),
                          c.item.question, Text(_check_detail(c), style=STATUS_STYLE[c.item.status]))
        parts.append(check)
    # the verdict first: a narrow terminal cuts the end of a title, never the verdict
    title = _verdict(p.overall.verdict, v.verdict_word)
    title.append(f" {v.score} · ")
    title.append(f"{p.id}" + (f" — {p.title}" if p.title else ""), style="bold")
    return Panel(Group(*parts), title=title, title_align="left")


def summary_view(views: list[ProvisionView], width: int = 120) -> Table:
    """One line per provision, before the details, when there are several: its verdict, its score
    and the tests with concerns (beneath the id on a narrow terminal, so that no id is cut)."""
    table = Table(title="Summary", title_justify="left", show_header=True, header_style="bold", box=None)
    narrow = width < NARROW
    table.add_column("Provision · tests with concerns" if narrow else "Provision", overflow="fold")
    table.add_column("Overall", no_wrap=True)
    table.add_column("Score", justify="right")
    if not narrow:
        table.add_column("Tests with concerns", overflow="fold")
    for v in views:
        failed = ", ".join(TEST_SHORT[t] for t in v.concerns) or "—"
        if narrow:
            cell = Text(v.report.id)
            cell.append(f"\n  {failed}", style="dim")
            table.add_row(cell, _verdict(v.report.overall.verdict, v.verdict_word), v.score)
        else:
            table.add_row(v.report.id, _verdict(v.report.overall.verdict, v.verdict_word), v.score, failed)
    return table


def print_rules(rows: list[dict], console: Console) -> None:
    """The rule list, wrapped to the terminal's width."""
    table = Table(show_header=True, header_style="bold", box=None, expand=False)
    table.add_column("ID", overflow="fold", no_wrap=False)
    table.add_column("Test")
    table.add_column("Severity")
    table.add_column("Title", overflow="fold", ratio=1)
    for r in rows:
        table.add_row(r["id"], r["test"].replace("_", " "), r["severity"], r["title"])
    console.print(table)
    console.print(Text(f"{len(rows)} rules. 'rightscheck rules --explain ID' shows one in full.", style="dim"))


def print_coverage(rows: list[dict], console: Console) -> None:
    """The doctrine coverage, wrapped to the terminal's width."""
    table = Table(show_header=True, header_style="bold", box=None)
    table.add_column("Section")
    table.add_column("Signal", overflow="fold", ratio=2)
    table.add_column("Implemented by", overflow="fold", ratio=2)
    for r in rows:
        how = ", ".join(r["rules"]) or ("needs review: " + (r["checklist"] or "") if r["not_detectable"] else "MISSING")
        table.add_row(r["section"], r["description"], how)
    console.print(table)


def print_report(report: Report, console: Console) -> None:
    views = report_view(report, unverified=" [unverified]")
    if len(views) > 1:
        console.print(summary_view(views, console.width))
    for v in views:
        console.print(provision_panel(v, console.width))
    if report.review:
        r = report.review
        console.print(Text(f"Review: {r.applied} of {r.decisions} decisions applied from {r.file}; "
                           f"{r.set_aside} finding(s) set aside (shown, not scored).", style="magenta"))
        for e in r.stale:
            console.print(Text(f"  stale decision: {e.provision} · {e.rule} · “{e.match}” ({e.status})",
                               style="yellow"))
    packs = ", ".join(f"{p.name} v{p.version} {p.hash}" for p in report.rule_packs)
    console.print(Text(f"rightscheck {report.tool.version} · {packs}", style="dim"))
    console.print(Text(provenance(report.inputs, report.generated_on), style="dim"))
    console.print(Text(report.scoring.explanation, style="dim"))
    console.print(Text(DISCLAIMER, style="dim italic"))


def render_table_text(report: Report) -> str:
    """The same view as plain text (for --output FILE with --format table)."""
    return capture(print_report, report)
