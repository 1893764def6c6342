"""Renderers: each turns a finished :class:`~rightscheck.models.Report` into one format.
Renderers only format; every decision was made by the engine."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..models import (
    VERDICT_LABEL,
    VERDICT_LABEL_WITH_POINTS,
    VERDICT_SHORT,
    VERDICT_SHORT_WITH_POINTS,
    Decision,
    Finding,
    InputInfo,
    Report,
    ReviewSummary,
    took_points,
)
from ..worddiff import DiffPart

STATUS_MARK = {"satisfied": "[x]", "flagged": "[ ]", "needs_review": "[?]"}
STATUS_WORD = {"satisfied": "satisfied", "flagged": "flagged", "needs_review": "needs review"}
TEST_NAMES = {
    "legality": "Legality (provided by law)",
    "legitimate_aim": "Legitimate aim",
    "necessity": "Necessity",
    "proportionality": "Proportionality",
}
DISCLAIMER = (
    "Findings are concerns on the face of the text, not conclusions about how the law will be "
    "applied; each cites its source so a reviewer can check it."
)


def verdict_word(verdict: str, long: bool = False, score: float | None = None) -> str:
    """A verdict as people read it: "no concern found on the face of the text", never a bare
    "compatible", and "no serious concern" when findings took points from the ``score`` (below
    100: they stand under the verdict); ``long`` for a sentence, short for a table cell."""
    if verdict == "compatible" and took_points(score):
        return VERDICT_LABEL_WITH_POINTS if long else VERDICT_SHORT_WITH_POINTS
    return (VERDICT_LABEL if long else VERDICT_SHORT)[verdict]


def decision_text(d: Decision | None) -> str | None:
    """A reviewer's decision as one line, or None while a finding is still under review with
    nothing recorded (no empty "— (, )")."""
    if d is None or (d.status == "under_review" and not d.justification.strip()):
        return None
    who = ", ".join(x for x in (d.reviewer.strip(), d.date.strip()) if x)
    text = f"Review decision: {d.status.replace('_', ' ')}"
    if d.justification.strip():
        text += f" — {d.justification.strip()}"
    if who:
        text += f" ({who})"
    return text + (" — not scored" if d.sets_aside else "")


def review_sentence(r: ReviewSummary) -> str:
    """The review summary as reports state it."""
    return (f"{r.applied} of {r.decisions} decisions applied from {r.file}; {r.set_aside} finding(s) set aside "
            "(shown, not scored).")


def fmt_score(value: float | None) -> str:
    """A score as reports print it ("—" when not assessed)."""
    return "—" if value is None else f"{value:g}"


def citations(finding: Finding, quote: Callable[[str], str] = str,
              unverified: str = " (pinpoint not verified)") -> str:
    """A finding's sources as "SYMBOL, pinpoint; …", marking pinpoints nobody checked."""
    return "; ".join(
        f"{quote(s.ref)}, {quote(s.pinpoint)}" + ("" if s.verified else unverified) for s in finding.sources
    )


def markdown_diff(parts: list[DiffPart]) -> str:
    """Word differences as a Markdown quote: ~~deleted~~ and **inserted**."""
    marked = []
    for part in parts:
        text = part.text
        if part.op in {"delete", "insert"} and text.strip():
            mark = "~~" if part.op == "delete" else "**"
            marked.append(f"{mark}{text.strip()}{mark}" + (" " if text[-1:].isspace() else ""))
        else:
            marked.append(text)
    return "> " + "".join(marked).replace("\n", "\n> ")


def diff_text(parts: list[DiffPart], plain: bool, prefix: Any = None) -> Any:  # -> rich.text.Text
    """Word differences for the terminal: deletions struck through in red and insertions in bold
    green; where colour does not show (a file, a pipe), also as [-deleted-] and {+inserted+}."""
    from rich.text import Text

    text = Text() if prefix is None else prefix
    for part in parts:
        style = {"delete": "red strike", "insert": "bold green"}.get(part.op, "")
        if plain and part.op in {"delete", "insert"} and part.text.strip():
            core = part.text.strip()
            lead, trail = part.text[: len(part.text) - len(part.text.lstrip())], part.text[len(part.text.rstrip()):]
            open_, close = ("[-", "-]") if part.op == "delete" else ("{+", "+}")
            text.append(f"{lead}{open_}{core}{close}{trail}", style=style)
        else:
            text.append(part.text, style=style)
    return text


def provenance(inputs: list[InputInfo], generated_on: str | None) -> str:
    """What was assessed and when, for the head of every report: each input file with its hash,
    and the date."""
    files = "; ".join(f"{i.path} ({i.hash})" for i in inputs) or "text given directly"
    return f"Input: {files} · {generated_on or 'date not recorded'}"


def capture(printer: Callable[[Any, Any], None], value: Any) -> str:
    """What a rich printer would show, as plain text 120 columns wide (for --output FILE)."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    printer(value, Console(file=buffer, width=120, no_color=True, force_terminal=False))
    return buffer.getvalue()


def renderer(fmt: str) -> Callable[[Report], str]:
    """The text renderer for ``fmt`` (the terminal table is rendered by :mod:`.table`)."""
    if fmt == "json":
        from .json_out import render_json

        return render_json
    if fmt == "markdown":
        from .markdown import render_markdown

        return render_markdown
    if fmt == "table":
        from .table import render_table_text

        return render_table_text
    if fmt == "html":
        from .html_out import render_html

        return render_html
    raise ValueError(f"unknown format {fmt!r}")
