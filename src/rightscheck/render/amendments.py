"""The redraft as delegations table proposals: per article and paragraph, the current text, the
proposed text with deletions and insertions marked, and the justification with its source —
Markdown, HTML and Word."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from html import escape

from ..change_models import RedraftedProvision, RedraftReport
from ..worddiff import DiffPart
from . import provenance


@dataclass
class Row:
    provision: str
    paragraph: int
    current: str
    proposed: list[DiffPart]
    rules: list[str] = field(default_factory=list)


def rows(report: RedraftReport) -> list[Row]:
    """One row per paragraph of a provision that a proposal changes."""
    out: list[Row] = []
    for p in report.provisions:
        if p.redraft == p.original:
            continue
        out += _rows_of(p)
    return out


def _rows_of(p: RedraftedProvision) -> list[Row]:
    paragraphs: list[Row] = [Row(p.id, 1, "", [])]
    pos = 0  # in the original text
    for part in p.diff:
        pieces = part.text.split("\n") if part.op != "insert" else [part.text]
        for i, piece in enumerate(pieces):
            if i > 0:  # a line break of the original: the next paragraph
                paragraphs.append(Row(p.id, len(paragraphs) + 1, "", []))
            row = paragraphs[-1]
            if part.op != "insert":
                row.current += piece
            if piece:
                row.proposed.append(DiffPart(op=part.op, text=piece))
        pos += len(part.text) if part.op != "insert" else 0
    for row in paragraphs:  # the rules whose edits touch the paragraph
        start = p.original.find(row.current) if row.current else len(p.original)
        end = start + len(row.current)
        row.rules = sorted({c.rule for c in p.changes if start <= c.start <= end})
    return [r for r in paragraphs if any(d.op != "equal" for d in r.proposed)]


def _justification(report: RedraftReport, row: Row) -> list[str]:
    p = next(x for x in report.provisions if x.id == row.provision)
    out = []
    for rule in row.rules:
        j = p.justification.get(rule)
        if j:
            out.append(f"{rule} — {j.title}: {j.message} (Source: {'; '.join(j.sources)})")
    return out


def amendments_markdown(report: RedraftReport) -> str:
    from .markdown import _md

    def cell(text: str) -> str:  # escaped like every Markdown cell, but its spaces kept
        return escape(text.replace("\n", " "), quote=False).replace("|", "\\|")

    out = ["# Proposed amendments", "", "*Suggested by rightscheck for a delegation to review; each proposal "
           "answers the finding named beside it.*", "", _md(provenance(report.inputs, report.generated_on)), "",
           "| Provision | Current text | Proposed text (~~deleted~~, **inserted**) | Justification |",
           "| --- | --- | --- | --- |"]
    def marked(d: DiffPart) -> str:
        if d.op == "equal" or not d.text.strip():
            return cell(d.text)
        mark = "~~" if d.op == "delete" else "**"
        # the markers hug the words: spaces stay outside them
        lead, trail = d.text[: len(d.text) - len(d.text.lstrip())], d.text[len(d.text.rstrip()):]
        return f"{lead}{mark}{cell(d.text.strip())}{mark}{trail}"

    for row in rows(report):
        proposed = "".join(marked(d) for d in row.proposed)
        why = "<br>".join(_md(x) for x in _justification(report, row))
        out.append(f"| {_md(row.provision)} ¶{row.paragraph} | {_md(row.current)} | {proposed} | {why} |")
    return "\n".join(out) + "\n"


def amendments_html(report: RedraftReport) -> str:
    from .html_out import page

    body_rows = "".join(
        f'<tr><th scope="row">{escape(row.provision)} ¶{row.paragraph}</th><td data-label="Current">'
        f"{escape(row.current)}</td><td data-label=\"Proposed\">"
        + "".join(f"<del>{escape(d.text)}</del>" if d.op == "delete" else f"<ins>{escape(d.text)}</ins>"
                  if d.op == "insert" else escape(d.text) for d in row.proposed)
        + '</td><td data-label="Justification">'
        + "".join(f"<p>{escape(x)}</p>" for x in _justification(report, row)) + "</td></tr>"
        for row in rows(report))
    table = ('<table><caption>Proposed amendments</caption><thead><tr><th scope="col">Provision</th>'
             '<th scope="col">Current text</th><th scope="col">Proposed text</th><th scope="col">Justification</th>'
             f"</tr></thead><tbody>{body_rows}</tbody></table>")
    return page("Proposed amendments", f"<p>{escape(provenance(report.inputs, report.generated_on))}</p>{table}")


def amendments_docx(report: RedraftReport) -> bytes:
    import docx
    from docx.enum.text import WD_COLOR_INDEX

    document = docx.Document()
    document.add_heading("Proposed amendments", level=1)
    document.add_paragraph(provenance(report.inputs, report.generated_on))
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Provision", "Current text", "Proposed text", "Justification"),
                          strict=True):
        cell.text = text
    for row in rows(report):
        cells = table.add_row().cells
        cells[0].text = f"{row.provision} ¶{row.paragraph}"
        cells[1].text = row.current
        paragraph = cells[2].paragraphs[0]
        for d in row.proposed:
            run = paragraph.add_run(d.text)
            if d.op == "delete":
                run.font.strike = True
            elif d.op == "insert":
                run.font.underline = True
                run.font.highlight_color = WD_COLOR_INDEX.BRIGHT_GREEN
        cells[3].text = "\n".join(_justification(report, row))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
