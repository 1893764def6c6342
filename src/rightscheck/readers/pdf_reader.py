"""Read a PDF draft with pypdf: its text, page by page, split into provisions at article
headings like plain text. A PDF without a text layer (a scan) is refused with a clear message."""

from __future__ import annotations

import logging
from pathlib import Path

from ..errors import InputError
from ..models import Provision
from .headings import Headings
from .text_reader import join_parts, part_at, split_text


def read_pdf(path: Path, headings: Headings | None = None) -> list[Provision]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - a dependency
        raise InputError("reading PDF needs pypdf", file=str(path), fix="pip install pypdf") from None
    # pypdf reports repairs of damaged files through logging: the user gets one message from us.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise InputError("the PDF is encrypted", file=str(path),
                             fix="save an unprotected copy, or export the text")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"not a readable PDF ({type(exc).__name__})", file=str(path),
                         fix="export the draft again as PDF, or save it as text or .docx") from None
    text, page_starts = join_parts(pages)
    if len(text.strip()) < 20:
        raise InputError(
            "the PDF has no text layer (a scanned image?)", file=str(path),
            fix="run OCR on it first (e.g. ocrmypdf), or paste the text into a .txt file",
        )
    provisions = []
    for provision, offset in split_text(text, str(path), headings):
        page = part_at(page_starts, offset) + 1
        provisions.append(provision.model_copy(update={"origin": f"{path}: page {page}"}))
    return provisions
