"""Word output.

- :func:`annotate_docx`: the reviewer's own .docx back, unchanged but for one Word comment per
  flagged span (anchored on the words: finding, why, source, remedy) and, for a missing element,
  a comment on the article heading. Comments carry the author "rightscheck" so reviewers can
  filter them.
- :func:`render_docx_report`: for any other input, a report document — a summary table, then per
  provision the text with flagged words highlighted, the findings and the checklist.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path

from ..models import Finding, ProvisionReport, Report
from ..wordml import DocxDraft
from . import DISCLAIMER, STATUS_MARK, TEST_NAMES, citations, decision_text
from .segments import marked_pieces
from .view import ProvisionView, provision_view, report_view

AUTHOR = "rightscheck"
INITIALS = "RC"
_PLAIN_CHILDREN = {"rPr", "t", "tab", "br", "cr"}


def _comment_lines(f: Finding) -> list[str]:
    lines = [f"{f.rule} — {f.title} ({f.test}; {f.severity}, confidence {f.confidence})", f.message]
    if f.rationale:
        lines.append(f"Why: {f.rationale}")
    lines.append("Source: " + citations(f))
    lines.append(f"Remedy: {f.remedy}")
    if f.redraft:
        lines.append(f"Suggested wording: {f.redraft}")
    if f.evidence_hint:
        lines.append(f"Look for: {f.evidence_hint}")
    decision = decision_text(f.decision)
    if decision:
        lines.append(decision)
    return lines


def _summary_lines(p: ProvisionReport) -> list[str]:
    """The article's verdict, for a comment on its heading: what a Word user sees first."""
    v = provision_view(p)
    failing = [f"{t.key} ({t.word})" for t in v.tests if t.key in v.concerns]
    lines = [f"rightscheck: {v.verdict_sentence} (score {v.score})", p.overall.reason]
    if failing:
        lines.append("Tests that raise concerns: " + ", ".join(failing))
    lines.append(f"{len(p.findings)} finding(s), each commented on its words (or here, for a missing element).")
    return lines


# ----------------------------------------------------------------------------- run surgery
def _splittable(run) -> bool:
    return all(child.tag.rsplit("}", 1)[-1] in _PLAIN_CHILDREN for child in run._r)


def _split_run(run, k: int):
    """Split ``run`` after its k-th character; returns the run that holds the rest."""
    from docx.text.run import Run

    text = run.text
    tail = copy.deepcopy(run._r)
    run._r.addnext(tail)
    run.text = text[:k]
    rest = Run(tail, run._parent)
    rest.text = text[k:]
    return rest


def _runs_for(paragraph, start: int, end: int, view: str = "accepted") -> list:
    """The runs of ``paragraph`` (as it reads in ``view`` of its tracked changes) covering exactly
    characters [start, end), splitting runs at the edges where that can be done without touching
    anything but text; whole runs otherwise."""
    from ..wordml import paragraph_text, run_text, visible_runs

    runs = visible_runs(paragraph, view)
    runs_text_ok = "".join(run_text(r) for r in runs) == paragraph_text(paragraph, view)
    chosen = []
    pos = 0
    for run in runs:
        text = run_text(run)
        r_start, r_end = pos, pos + len(text)
        pos = r_end
        if r_end <= start or r_start >= end or not text:
            continue
        if runs_text_ok and _splittable(run) and run_text(run) == run.text:
            a, b = max(start, r_start) - r_start, min(end, r_end) - r_start
            if a > 0:
                run = _split_run(run, a)
                b -= a
            if b < len(run.text):
                _split_run(run, b)
        chosen.append(run)
    return chosen


def _locate(paragraphs: list[tuple[int, int]], texts: list[str], start: int, end: int):
    """(paragraph index, start, end) pieces of a provision-text range."""
    out = []
    for index, offset in paragraphs:
        length = len(texts[index])
        a, b = max(start, offset), min(end, offset + length)
        if a < b:
            out.append((index, a - offset, b - offset))
    return out


def annotate_docx(path: Path, report: Report, draft: DocxDraft) -> bytes:
    """The .docx at ``path`` with a comment for every finding of ``report``; ``draft`` is how the
    reader split that file (which paragraphs each provision came from)."""
    from ..wordml import body_paragraphs, open_document, paragraph_text, visible_runs

    view = draft.tracked or "accepted"
    document = open_document(path)
    paragraphs = body_paragraphs(document)
    texts = [paragraph_text(p, view) for p in paragraphs]
    for p in report.provisions:
        layout = draft.paragraphs.get(p.id)
        if not layout:
            continue
        heading = draft.headings.get(p.id)
        summary_runs = visible_runs(paragraphs[heading if heading is not None else layout[0][0]], view)
        if summary_runs:
            lines = _summary_lines(p)
            comment = document.add_comment(summary_runs, text=lines[0], author=AUTHOR, initials=INITIALS)
            for line in lines[1:]:
                comment.add_paragraph(line)
        for f in p.findings:
            lines = _comment_lines(f)
            anchors = []
            for s in f.spans:
                runs = []
                for index, a, b in _locate(layout, texts, s.start, s.end):
                    runs += _runs_for(paragraphs[index], a, b, view)
                if runs:
                    anchors.append(runs)
            if not f.spans:
                heading = draft.headings.get(p.id)
                target = paragraphs[heading if heading is not None else layout[0][0]]
                target_runs = visible_runs(target, view)
                if target_runs:
                    anchors.append(target_runs)
            for runs in anchors:
                comment = document.add_comment(runs, text=lines[0], author=AUTHOR, initials=INITIALS)
                for line in lines[1:]:
                    comment.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ----------------------------------------------------------------------------- report document

def _provision(document, v: ProvisionView) -> None:
    from docx.enum.text import WD_COLOR_INDEX

    p = v.report
    document.add_heading(p.id + (f" — {p.title}" if p.title else ""), level=2)
    document.add_paragraph(f"Overall: {v.verdict_sentence} (score {v.score}) — {p.overall.reason}")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Test", "Verdict", "Score", "How the score was reached"), strict=True):
        cell.text = text
    for t in v.tests:
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = t.name, t.word, t.score
        row[3].text = t.reason + (f" ({t.arithmetic()})" if t.steps else "")
    document.add_heading("Text", level=3)
    para = document.add_paragraph()
    for piece in marked_pieces(p.text, p.findings):
        run = para.add_run(piece.text)
        if piece.findings:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            run.bold = any(p.findings[n - 1].serious for n in piece.findings)
        for n in piece.ends:
            note = para.add_run(f"[{n}]")
            note.font.superscript = True
    if v.findings:
        document.add_heading("Findings", level=3)
        for line in v.findings:
            f = line.finding
            item = document.add_paragraph(style="List Number")
            item.add_run(f"[{line.number}] {f.rule} — {f.title}").bold = True
            item.add_run(f" ({f.test}, {f.severity}). Words: {line.words_text()}. {f.message}")
            for text in _comment_lines(f)[2:]:
                document.add_paragraph(text, style="List Bullet 2")
    if v.checklist:
        document.add_heading("Checklist", level=3)
        for c in v.checklist:
            detail = ", ".join(f"“{e}”" for e in c.evidence) or ", ".join(c.rules) or c.item.note
            document.add_paragraph(f"{STATUS_MARK[c.item.status]} {c.status_word}: {c.item.question} — {detail}",
                                   style="List Bullet")


def render_docx_report(report: Report) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("rightscheck report", level=1)
    document.add_paragraph().add_run(DISCLAIMER).italic = True
    table = document.add_table(rows=1, cols=2 + len(TEST_NAMES))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Provision", "Overall", *TEST_NAMES.values()), strict=True):
        cell.text = text
    views = report_view(report)
    for v in views:
        cells = table.add_row().cells
        cells[0].text = v.report.id
        # the verdict on one line and the score on the next: no word is broken in a narrow column
        cells[1].text = f"{v.verdict_word}\n{v.score}"
        for cell, t in zip(cells[2:], v.tests, strict=True):
            cell.text = f"{t.word}\n{t.score}"
    from docx.shared import Cm, Pt

    table.autofit = False
    widths = [Cm(3.4)] + [Cm(2.7)] * (len(table.columns) - 1)
    for number, row in enumerate(table.rows):
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8 if number == 0 else 9)
    for v in views:
        _provision(document, v)
    document.add_paragraph(report.scoring.explanation)
    packs = ", ".join(f"{p.name} v{p.version} ({p.hash})" for p in report.rule_packs)
    document.add_paragraph(f"rightscheck {report.tool.version} · rule packs: {packs} · "
                           f"{report.generated_on or 'date not recorded'}")
    for i in report.inputs:
        document.add_paragraph(f"Input: {i.path} ({i.hash})")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
