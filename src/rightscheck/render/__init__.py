"""Renderers: each turns a finished :class:`~rightscheck.models.Report` into one format.
Renderers only format; every decision was made by the engine."""

from __future__ import annotations

from collections.abc import Callable

from ..models import Report

FORMATS = ("table", "markdown", "json", "html", "docx")

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
