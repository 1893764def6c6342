"""Renderers for `rightscheck redraft`: terminal (rich), Markdown and JSON."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from ..change_models import Assessment, RedraftedProvision, RedraftReport
from . import capture, diff_text, fmt_score, markdown_diff, provenance, verdict_word
from .table import VERDICT_STYLE

NOTE = ("A suggested redraft for a person to review: it applies each rule's remedy mechanically and "
        "re-checks the result. It is never applied to the law.")


def _summary(a: Assessment) -> str:
    return f"{verdict_word(a.overall.verdict, score=a.overall.score)} ({fmt_score(a.overall.score)})"


def _change_line(c) -> str:
    what = {"replace": "replace", "delete": "delete", "drop": "trim", "append": "add",
            "append-sentence": "add sentence"}.get(c.action, c.action)
    if c.action.startswith("append"):
        body = f"add “{c.after}”"
    elif c.after:
        body = f"{what} “{c.before.strip()}” → “{c.after}”"
    else:
        body = f"delete “{c.before.strip()}”"
    resolves = ", ".join(c.resolves) or "no finding on its own"
    return f"{c.rule}: {body} — resolves {resolves}"


def render_redraft_markdown(report: RedraftReport) -> str:
    from .markdown import _md

    out = ["# rightscheck redraft", "", f"*{NOTE}*", "", _md(provenance(report.inputs, report.generated_on)), "",
           "| Provision | Before | After | Better |", "| --- | --- | --- | --- |"]
    for p in report.provisions:
        out.append(f"| {p.id} | {_summary(p.before)} | {_summary(p.after)} | {'yes' if p.improved else 'no'} |")
    out.append("")
    for p in report.provisions:
        out += [f"## {p.id}" + (f" — {p.title}" if p.title else ""), "",
                f"**Before:** {_summary(p.before)} → **after:** {_summary(p.after)}", "",
                "### Changes (~~deleted~~, **inserted**)", ""]
        out += [markdown_diff(p.diff), ""]
        if p.changes:
            out += [f"{i}. {_change_line(c)}" for i, c in enumerate(p.changes, 1)]
            out.append("")
        if p.note:
            out += [p.note, ""]
        if p.withheld:
            out += ["Edits withheld (for a person): " + "; ".join(p.withheld), ""]
        if p.not_addressed:
            out += ["Left for a person (no machine edit): " + ", ".join(p.not_addressed), ""]
        out += ["### Suggested text", "", "```text", p.redraft.rstrip(), "```", ""]
    return "\n".join(out)


def render_redraft_json(report: RedraftReport) -> str:
    return report.model_dump_json(indent=2) + "\n"


def redraft_view(p: RedraftedProvision, plain: bool = False) -> Panel:
    parts: list = [diff_text(p.diff, plain), Text("")]
    for i, c in enumerate(p.changes, 1):
        parts.append(Text(f"{i}. {_change_line(c)}", style="cyan"))
    if p.note:
        parts.append(Text(p.note, style="yellow"))
    if p.withheld:
        parts.append(Text("Edits withheld: " + "; ".join(p.withheld), style="yellow"))
    if p.not_addressed:
        parts.append(Text("Left for a person: " + ", ".join(p.not_addressed), style="yellow"))
    title = Text(p.id + (f" — {p.title}" if p.title else "") + "  ", style="bold")
    title.append(_summary(p.before), style=VERDICT_STYLE[p.before.overall.verdict])
    title.append(" → ")
    title.append(_summary(p.after), style=VERDICT_STYLE[p.after.overall.verdict])
    return Panel(Group(*parts), title=title, title_align="left")


def print_redraft(report: RedraftReport, console: Console) -> None:
    plain = console.no_color or not console.is_terminal
    for p in report.provisions:
        console.print(redraft_view(p, plain))
    console.print(Text(NOTE, style="dim italic"))
    console.print(Text(provenance(report.inputs, report.generated_on), style="dim"))


def render_redraft_text(report: RedraftReport) -> str:
    return capture(print_redraft, report)
