"""Word (.docx) text as rightscheck reads it: the body's paragraphs in order, tracked changes
read as accepted or as the original, runs that are visible in that view, and what is not read.
Shared by the reader (text in) and the Word renderers (comments and tracked changes out)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .models import Provision

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Tracked changes: the text as it reads with them accepted (insertions in, deletions out), or as it
# read before them (the original).
TRACKED_VIEWS = ("accepted", "original")
_LEFT_OUT = {"accepted": {W + "del", W + "moveFrom"}, "original": {W + "ins", W + "moveTo"}}
# elements that hold runs of the paragraph's text
_CONTAINERS = {W + t for t in ("ins", "del", "moveTo", "moveFrom", "hyperlink", "smartTag", "sdt", "sdtContent",
                               "fldSimple", "customXml")}
_TEXT = {W + "t": None, W + "delText": None, W + "tab": "\t", W + "br": "\n", W + "cr": "\n",
         W + "noBreakHyphen": "-"}


def visible_runs(paragraph, view: str = "accepted") -> list:  # -> list[docx.text.run.Run]
    """The runs of a paragraph as it reads in ``view``: tracked insertions and deletions taken as
    accepted (or as in the original), runs inside hyperlinks and fields included."""
    from docx.text.run import Run

    out: list = []

    def walk(element) -> None:  # type: ignore[no-untyped-def]
        for child in element:
            if child.tag == W + "r":
                out.append(Run(child, paragraph))
            elif child.tag in _LEFT_OUT[view]:
                continue
            elif child.tag in _CONTAINERS:
                walk(child)

    walk(paragraph._p)
    return out


def run_text(run) -> str:  # run: docx.text.run.Run
    """A run's text, deleted text (w:delText) included."""
    parts: list[str] = []
    for child in run._r:
        if child.tag in _TEXT:
            fixed = _TEXT[child.tag]
            parts.append(child.text or "" if fixed is None else fixed)
    return "".join(parts)


def paragraph_text(paragraph, view: str = "accepted") -> str:
    return "".join(run_text(r) for r in visible_runs(paragraph, view))


def body_paragraphs(document) -> list:  # -> list[docx.text.paragraph.Paragraph]
    """The paragraphs of the document's body in reading order, those inside tables included (cell
    by cell, row by row; nested tables too)."""
    from docx.text.paragraph import Paragraph

    out: list = []

    def walk(element, parent) -> None:  # type: ignore[no-untyped-def]
        for child in element:
            if child.tag == W + "p":
                out.append(Paragraph(child, parent))
            elif child.tag in {W + "tbl", W + "tr", W + "tc", W + "sdt", W + "sdtContent", W + "customXml"}:
                walk(child, parent)

    walk(document.element.body, document._body)
    return out


def not_read(document) -> list[str]:
    """What of the document is not assessed, said rather than dropped: text in headers and
    footers, footnotes, endnotes and comments."""
    found: list[str] = []
    headers = sum(1 for s in document.sections for part in (s.header, s.footer)
                  if not part.is_linked_to_previous and any(p.text.strip() for p in part.paragraphs))
    if headers:
        found.append(f"{headers} header(s) or footer(s)")
    for name, tag in (("footnotes", "footnote"), ("endnotes", "endnote")):
        count = 0
        for rel in document.part.rels.values():
            if rel.reltype.endswith("/" + name):
                from lxml import etree

                root = etree.fromstring(rel.target_part.blob)
                count = sum(1 for note in root.iter(W + tag)
                            if note.get(W + "type") is None and "".join(note.itertext()).strip())
        if count:
            found.append(f"{count} {name}")
    comments = len(list(document.comments)) if hasattr(document, "comments") else 0
    if comments:
        found.append(f"{comments} comment(s)")
    return found


def has_tracked_changes(document) -> bool:
    body = document.element.body
    return any(True for _ in body.iter(W + "ins", W + "del", W + "moveTo", W + "moveFrom"))


@dataclass
class DocxDraft:
    """A .docx draft: its provisions, and for each the paragraphs its text was joined from."""

    provisions: list[Provision]
    # the view of tracked changes read ("accepted" or "original"), None without tracked changes
    tracked: str | None = None
    # what was not read (headers, footers, footnotes, comments)
    not_read: list[str] = field(default_factory=list)
    # provision id -> [(paragraph index, offset of that paragraph's text in the provision text)]
    paragraphs: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # provision id -> index of its heading paragraph (None without headings)
    headings: dict[str, int | None] = field(default_factory=dict)


def open_document(path: Path):  # -> docx.document.Document
    try:
        import docx
    except ImportError:  # pragma: no cover - a dependency
        raise InputError("reading .docx needs python-docx", file=str(path),
                         fix="pip install python-docx") from None
    try:
        return docx.Document(str(path))
    except Exception as exc:  # PackageNotFoundError, zipfile.BadZipFile, lxml errors: a damaged file
        raise InputError(f"not a readable Word (.docx) file ({type(exc).__name__})", file=str(path),
                         fix="open it in Word or LibreOffice and save it again as .docx") from None
