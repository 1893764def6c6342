"""A redraft as Word tracked changes: the delegation's own .docx back, with each suggested edit a
real insertion or deletion by "rightscheck" that can be accepted or rejected one by one.

The edits come from the word-level difference between each provision's text and its redraft, so
the document read with the changes accepted is exactly the redraft, and read without them, the
original. Edits are made from the end of each provision backwards, so that the offsets of the
earlier ones stay true."""

from __future__ import annotations

import copy
import io
from pathlib import Path

from ..change_models import RedraftReport
from ..wordml import DocxDraft
from .docx_out import AUTHOR, _locate, _runs_for

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _edits(diff) -> list[tuple[int, int, str]]:  # diff: list[DiffPart]
    """(start, end, new text) in the provision's text, from a word diff."""
    edits: list[list] = []
    pos = 0
    for part in diff:
        if part.op == "equal":
            pos += len(part.text)
        elif part.op == "delete":
            edits.append([pos, pos + len(part.text), ""])
            pos += len(part.text)
        elif edits and edits[-1][1] == pos and not edits[-1][2]:
            edits[-1][2] = part.text  # a replacement: the deletion and the insertion as one edit
        else:
            edits.append([pos, pos, part.text])
    return [(a, b, c) for a, b, c in edits]


class _Ids:
    def __init__(self, document) -> None:  # type: ignore[no-untyped-def]
        used = [int(e.get(_W + "id")) for e in document.element.body.iter(_W + "ins", _W + "del")
                if (e.get(_W + "id") or "").isdigit()]
        self.next = max(used, default=0) + 1000

    def __call__(self) -> str:
        self.next += 1
        return str(self.next)


def _change(tag: str, ids: _Ids):  # type: ignore[no-untyped-def]
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(f"w:{tag}")
    element.set(qn("w:id"), ids())
    element.set(qn("w:author"), AUTHOR)
    return element


def _delete(run, ids: _Ids):  # type: ignore[no-untyped-def]
    """Mark a run as deleted by rightscheck; returns the w:del element that now holds it."""
    element = _change("del", ids)
    run._r.addprevious(element)
    element.append(run._r)
    for t in run._r.findall(_W + "t"):
        t.tag = _W + "delText"
    return element


def _insertion(text: str, like, ids: _Ids):  # type: ignore[no-untyped-def]
    """A w:ins by rightscheck holding one run of ``text``, formatted like the run ``like``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = _change("ins", ids)
    run = OxmlElement("w:r")
    if like is not None and like._r.rPr is not None:
        run.append(copy.deepcopy(like._r.rPr))
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    element.append(run)
    return element


def _insert_at(paragraph, local: int, element, view: str) -> None:  # type: ignore[no-untyped-def]
    """Put ``element`` at character ``local`` of the paragraph (as it reads in ``view``)."""
    from ..wordml import run_text, visible_runs

    runs = visible_runs(paragraph, view)
    if local > 0:
        runs = _runs_for(paragraph, 0, local, view) or runs  # splits the run at ``local``
    pos = 0
    anchor = None
    for run in visible_runs(paragraph, view):
        if pos >= local:
            break
        anchor = run
        pos += len(run_text(run))
    if anchor is None:
        first = visible_runs(paragraph, view)
        if first:
            first[0]._r.addprevious(element)
        else:
            paragraph._p.append(element)
    else:
        anchor._r.addnext(element)


def redraft_docx(path: Path, report: RedraftReport, draft: DocxDraft) -> bytes:
    """The .docx at ``path`` with each provision's redraft as tracked changes; ``draft`` is how the
    reader split that file."""
    from ..wordml import body_paragraphs, open_document, paragraph_text

    view = draft.tracked or "accepted"
    document = open_document(path)
    paragraphs = body_paragraphs(document)
    ids = _Ids(document)
    for rp in report.provisions:
        layout = draft.paragraphs.get(rp.id)
        if not layout or rp.redraft == rp.original:
            continue
        for start, end, new in sorted(_edits(rp.diff), reverse=True):
            texts = [paragraph_text(p, view) for p in paragraphs]
            last_deleted = None
            like = None
            if end > start:
                for index, a, b in _locate(layout, texts, start, end):
                    for run in _runs_for(paragraphs[index], a, b, view):
                        like = like or run
                        last_deleted = _delete(run, ids)
            if not new:
                continue
            insertion = _insertion(new, like, ids)
            if last_deleted is not None:
                last_deleted.addnext(insertion)
                continue
            # a pure insertion: in the paragraph that holds ``start`` (or the provision's last)
            target = layout[-1]
            for index, offset in layout:
                if offset <= start <= offset + len(texts[index]):
                    target = (index, offset)
                    break
            index, offset = target
            _insert_at(paragraphs[index], start - offset, insertion, view)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
