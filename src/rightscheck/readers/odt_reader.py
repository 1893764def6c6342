"""Read an OpenDocument text (.odt) draft, as saved by LibreOffice or Word: its paragraphs and
headings in reading order (tables included), split into provisions at article headings exactly as
plain text is (see :mod:`.text_reader`). Uses odfpy."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..models import Provision
from .headings import Headings
from .text_reader import join_parts, part_at, split_text


def read_odt(path: Path, headings: Headings | None = None) -> list[Provision]:
    try:
        from odf import teletype, text
        from odf.opendocument import load
    except ImportError:  # pragma: no cover - a dependency
        raise InputError("reading .odt needs odfpy", file=str(path), fix="pip install odfpy") from None
    try:
        document = load(str(path))
    except Exception as exc:  # zipfile.BadZipFile, XML errors: a damaged file
        raise InputError(f"not a readable OpenDocument (.odt) file ({type(exc).__name__})", file=str(path),
                         fix="open it in LibreOffice and save it again as .odt or .docx") from None
    # getElementsByType gives paragraphs, then headings: put them back in document order
    order = {id(e): i for i, e in enumerate(_walk(document.text))}
    elements = sorted(document.text.getElementsByType(text.P) + document.text.getElementsByType(text.H),
                      key=lambda e: order.get(id(e), 0))
    parts = [teletype.extractText(e) for e in elements]
    joined, starts = join_parts(parts)
    if not joined.strip():
        raise InputError("the document has no text", file=str(path), fix="check that this is the draft")
    out = []
    for provision, offset in split_text(joined, str(path), headings):
        out.append(provision.model_copy(update={"origin": f"{path}: paragraph {part_at(starts, offset) + 1}"}))
    return out


def _walk(element):  # type: ignore[no-untyped-def]
    yield element
    for child in element.childNodes:
        yield from _walk(child)
