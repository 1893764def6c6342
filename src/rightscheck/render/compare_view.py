"""Renderers for `rightscheck compare`: terminal, Markdown, JSON and HTML."""

from __future__ import annotations

from html import escape

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..change_models import Comparison, ProvisionChange, Side
from . import capture, diff_text, fmt_score, markdown_diff, provenance, verdict_word
from .table import NARROW, VERDICT_STYLE


def _label(r: ProvisionChange) -> str:
    """The provision's id, with its old number when it was renumbered, or the article it was split
    from or merged into."""
    if r.previous_id:
        return f"{r.id} (was {r.previous_id})"
    if r.split_from:
        return f"{r.id} (split from {r.split_from})"
    if r.merged_into:
        return f"{r.id} (merged into {r.merged_into})"
    return r.id


def _side(s: Side | None) -> str:
    if s is None:
        return "—"
    return f"{verdict_word(s.verdict, score=s.score)} ({fmt_score(s.score)})"


def _changes(row: ProvisionChange) -> str:
    parts = []
    if row.resolved:
        parts.append("resolved: " + ", ".join(row.resolved))
    if row.introduced:
        parts.append("introduced: " + ", ".join(row.introduced))
    return "; ".join(parts) or "no change in findings"


def render_compare_json(c: Comparison) -> str:
    return c.model_dump_json(indent=2) + "\n"


def render_compare_markdown(c: Comparison) -> str:
    from .markdown import _md

    out = ["# rightscheck comparison", "", _md(f"Old: {', '.join(c.old)} · New: {', '.join(c.new)}"), "",
           _md(provenance(c.inputs, c.generated_on)), "",
           "| Provision | Change | Before | After | Findings |", "| --- | --- | --- | --- | --- |"]
    for r in c.provisions:
        out.append(f"| {_md(_label(r))} | **{r.status}** | {_side(r.before)} | {_side(r.after)} | {_changes(r)} |")
    out.append("")
    for r in c.provisions:
        if not r.diff:
            continue
        out += [f"## {_md(_label(r))}" + (f" — {_md(r.title)}" if r.title else ""), "",
                "Text changes (~~deleted~~, **inserted**):", ""]
        out += [markdown_diff(r.diff), ""]
    return "\n".join(out)


def print_compare(c: Comparison, console: Console) -> None:
    """The table; on a narrow terminal the findings resolved and introduced go beneath it, a line
    per provision, so that no rule id is cut."""
    narrow = console.width < NARROW
    table = Table(title="rightscheck comparison", title_justify="left", expand=True)
    columns = ("Provision", "Change", "Before", "After") + (() if narrow else ("Findings",))
    for col in columns:
        table.add_column(col, overflow="fold")
    style = {"improved": "green", "worsened": "bold red", "unchanged": "dim", "added": "cyan", "removed": "magenta"}
    for r in c.provisions:
        cells: list[str | Text] = [
            _label(r), Text(r.status, style=style[r.status]),
            Text(_side(r.before), style=VERDICT_STYLE[r.before.verdict] if r.before else ""),
            Text(_side(r.after), style=VERDICT_STYLE[r.after.verdict] if r.after else ""),
        ]
        table.add_row(*cells, *(() if narrow else (_changes(r),)))
    console.print(table)
    if narrow:
        for r in c.provisions:
            line = Text(f"{_label(r)}: ", style="bold")
            line.append(_changes(r))
            console.print(line)
    console.print(Text(provenance(c.inputs, c.generated_on), style="dim"))
    plain = console.no_color or not console.is_terminal
    for r in c.provisions:
        if r.diff:
            console.print(diff_text(r.diff, plain, Text(f"{_label(r)}: ", style="bold")))


def render_compare_text(c: Comparison) -> str:
    return capture(print_compare, c)


def render_compare_html(c: Comparison) -> str:
    from .html_out import page

    return page("rightscheck comparison", compare_body(c))


def compare_body(c: Comparison) -> str:
    """The comparison as HTML (for the comparison page and the web page)."""
    from .html_out import _verdict

    def side(s: Side | None) -> str:
        if s is None:
            return "—"
        return f"{_verdict(s.verdict, verdict_word(s.verdict, score=s.score))} {fmt_score(s.score)}"

    rows = "".join(
        f'<tr><th scope="row">{escape(_label(r))}</th><td><strong>{escape(r.status)}</strong></td>'
        f"<td>{side(r.before)}</td><td>{side(r.after)}</td><td>{escape(_changes(r))}</td></tr>" for r in c.provisions
    )
    body = (f"<p>{escape(provenance(c.inputs, c.generated_on))}</p>"
            '<table><caption>Provisions, old and new version</caption><thead><tr><th scope="col">Provision</th>'
            '<th scope="col">Change</th><th scope="col">Before</th><th scope="col">After</th>'
            f'<th scope="col">Findings</th></tr></thead><tbody>{rows}</tbody></table>')
    for r in c.provisions:
        if not r.diff:
            continue
        diff = "".join(
            f"<del>{escape(p.text)}</del>" if p.op == "delete" else f"<ins>{escape(p.text)}</ins>" if p.op == "insert"
            else escape(p.text) for p in r.diff
        )
        body += f'<section><h2>{escape(_label(r))}</h2><div class="text">{diff}</div></section>'
    return body
