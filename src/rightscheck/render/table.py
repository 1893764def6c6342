"""Terminal report with rich: per provision a table of the tests, the findings with the quoted
words, and the checklist."""

from __future__ import annotations

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..models import ProvisionReport, Report
from . import (
    DISCLAIMER,
    STATUS_WORD,
    TEST_NAMES,
    capture,
    citations,
    decision_text,
    fmt_score,
    provenance,
    verdict_word,
)

VERDICT_STYLE = {
    "compatible": "green", "concerns": "yellow", "incompatible": "bold red", "not_assessed": "dim",
    "needs_review": "cyan", "excluded": "dim", "not_engaged": "blue",
}
SEVERITY_STYLE = {
    "critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan", "info": "dim",
}
STATUS_STYLE = {"satisfied": "green", "flagged": "red", "needs_review": "yellow"}
STATUS_ICON = {"satisfied": "✔", "flagged": "✘", "needs_review": "?"}



def _verdict(verdict: str) -> Text:
    return Text(verdict_word(verdict).upper(), style=VERDICT_STYLE[verdict])


TEST_SHORT = {"legality": "legality", "legitimate_aim": "aim", "necessity": "necessity",
              "proportionality": "proportionality"}
NARROW = 100  # below this many columns, findings are listed rather than tabulated


def _finding_body(f) -> Text:
    body = Text()
    body.append(f.message)
    body.append(f"\nSource: {citations(f, unverified=' [unverified]')}", style="dim")
    body.append(f"\nRemedy: {f.remedy}", style="italic")
    if f.evidence_hint:
        body.append(f"\nLook for: {f.evidence_hint}")
    decision = decision_text(f.decision)
    if decision:
        body.append(f"\n{decision}", style="bold magenta")
    return body


def _words(f) -> str:
    distinct = list(dict.fromkeys(" ".join(s.text.split()) for s in f.spans))
    return ", ".join(f"“{w}”" for w in distinct) or "(missing element)"


def _check_detail(item) -> str:
    detail = STATUS_WORD[item.status]
    if item.evidence:
        detail += ": " + ", ".join(f"“{e.text}”" for e in item.evidence)
    elif item.rules:
        detail += ": " + ", ".join(item.rules)
    elif item.note:
        detail += f" — {item.note}"
    return detail


def _tests_view(p: ProvisionReport, width: int) -> list:
    """The four tests: a table when there is room; on a narrow terminal a line per test with its
    arithmetic wrapped beneath it, so that no rule id is ever cut."""
    if width < NARROW:
        lines: list = []
        for test, r in p.tests.items():
            head = Text(f"{TEST_NAMES[test]}: ", style="bold")
            head.append_text(_verdict(r.verdict))
            head.append(f" {fmt_score(r.score)}")
            how = Text(r.reason, style="dim")
            for s in r.steps:
                how.append(" · ", style="dim")
                how.append(f"{s.rule}\u00a0−{s.points:g}%")
            lines += [head, Padding(how, (0, 0, 0, 2))]
        return lines
    tests = Table(show_header=True, header_style="bold", expand=True, box=None)
    tests.add_column("Test")
    tests.add_column("Verdict")
    tests.add_column("Score", justify="right")
    tests.add_column("How", ratio=2, overflow="fold")
    for test, r in p.tests.items():
        steps = " · ".join(f"{s.rule}\u00a0−{s.points:g}%" for s in r.steps)
        tests.add_row(TEST_NAMES[test], _verdict(r.verdict), fmt_score(r.score),
                      f"{r.reason}" + (f" · {steps}" if steps else ""))
    return [tests]


def provision_view(p: ProvisionReport, width: int = 120) -> Panel:
    parts: list = _tests_view(p, width)
    for note in p.notes:
        parts.append(Text(note, style="dim italic"))
    if p.findings and width < NARROW:
        parts.append(Text("Findings", style="bold"))
        for f in p.findings:
            head = Text(f"{f.severity} ({f.confidence}) ", style=SEVERITY_STYLE[f.severity])
            head.append(f"{f.rule} · {f.test} · {_words(f)}", style="bold")
            parts += [head, _finding_body(f), Text("")]
    elif p.findings:
        findings = Table(show_header=True, header_style="bold", expand=True, title="Findings",
                         title_justify="left")
        findings.add_column("Severity", max_width=10)
        findings.add_column("Rule / test", max_width=24, overflow="fold")
        findings.add_column("Words", ratio=1, min_width=12, max_width=36)
        findings.add_column("Concern, source and remedy", ratio=3, min_width=30)
        for f in p.findings:
            findings.add_row(
                Text(f"{f.severity} ({f.confidence})", style=SEVERITY_STYLE[f.severity]),
                f"{f.rule}\n{f.test}", _words(f), _finding_body(f),
            )
        parts.append(findings)
    if p.checklist and width < NARROW:
        parts.append(Text("Checklist", style="bold"))
        for item in p.checklist:
            style = STATUS_STYLE[item.status]
            line = Text(f"{STATUS_ICON[item.status]} ", style=style)
            line.append(item.question)
            parts += [line, Padding(Text(_check_detail(item), style=style), (0, 0, 0, 2))]
    elif p.checklist:
        check = Table(show_header=True, header_style="bold", expand=True, title="Checklist",
                      title_justify="left")
        check.add_column("", no_wrap=True, width=1)
        check.add_column("Question", ratio=3, min_width=24)
        check.add_column("Status / evidence", ratio=2, min_width=20, overflow="fold")
        for item in p.checklist:
            check.add_row(Text(STATUS_ICON[item.status], style=STATUS_STYLE[item.status]),
                          item.question, Text(_check_detail(item), style=STATUS_STYLE[item.status]))
        parts.append(check)
    # the verdict first: a narrow terminal cuts the end of a title, never the verdict
    title = _verdict(p.overall.verdict)
    title.append(f" {fmt_score(p.overall.score)} · ")
    title.append(f"{p.id}" + (f" — {p.title}" if p.title else ""), style="bold")
    return Panel(Group(*parts), title=title, title_align="left")


def summary_view(report: Report, width: int = 120) -> Table:
    """One line per provision, before the details, when there are several: its verdict, its score
    and the tests with concerns (beneath the id on a narrow terminal, so that no id is cut)."""
    table = Table(title="Summary", title_justify="left", show_header=True, header_style="bold", box=None)
    narrow = width < NARROW
    table.add_column("Provision · tests with concerns" if narrow else "Provision", overflow="fold")
    table.add_column("Overall", no_wrap=True)
    table.add_column("Score", justify="right")
    if not narrow:
        table.add_column("Tests with concerns", overflow="fold")
    for p in report.provisions:
        failed = ", ".join(TEST_SHORT[t] for t, r in p.tests.items()
                           if r.verdict in {"concerns", "incompatible"}) or "—"
        if narrow:
            cell = Text(p.id)
            cell.append(f"\n  {failed}", style="dim")
            table.add_row(cell, _verdict(p.overall.verdict), fmt_score(p.overall.score))
        else:
            table.add_row(p.id, _verdict(p.overall.verdict), fmt_score(p.overall.score), failed)
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
    if len(report.provisions) > 1:
        console.print(summary_view(report, console.width))
    for p in report.provisions:
        console.print(provision_view(p, console.width))
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
