"""Read a Word (.docx) draft: the body's paragraphs, split into provisions at article headings
exactly as plain text is (see :mod:`.text_reader`), each provision remembering its paragraphs so
that comments can be anchored on the reviewer's own document."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..models import Provision
from .headings import Headings
from .text_reader import join_parts, part_at, split_text


@dataclass
class DocxDraft:
    """A .docx draft: its provisions, and for each the paragraphs its text was joined from."""

    provisions: list[Provision]
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


def read_docx(path: Path, headings: Headings | None = None) -> DocxDraft:
    document = open_document(path)
    texts = [p.text for p in document.paragraphs]
    joined, starts = join_parts(texts)
    split = split_text(joined, str(path), headings)
    has_headings = not (len(split) == 1 and split[0][0].origin == str(path))
    draft = DocxDraft(provisions=[])
    for provision, offset in split:
        first = part_at(starts, offset)
        end = offset + len(provision.text)
        draft.paragraphs[provision.id] = [
            (i, starts[i] - offset) for i in range(first, len(texts)) if starts[i] < end or i == first
        ]
        # The heading is the last non-empty paragraph before the body.
        heading = first - 1 if has_headings else None
        while heading is not None and heading > 0 and not texts[heading].strip():
            heading -= 1
        draft.headings[provision.id] = heading
        draft.provisions.append(provision.model_copy(update={"origin": f"{path}: paragraph {first + 1}"}))
    return draft
