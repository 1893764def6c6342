"""Read a Word (.docx) draft: the body's paragraphs, split into provisions at article headings
exactly as plain text is (see :mod:`.text_reader`), each provision remembering its paragraphs so
that comments can be anchored on the reviewer's own document."""

from __future__ import annotations

from pathlib import Path

from ..wordml import DocxDraft, body_paragraphs, has_tracked_changes, not_read, open_document, paragraph_text
from .headings import Headings
from .text_reader import join_parts, part_at, split_text


def read_docx(path: Path, headings: Headings | None = None, tracked: str = "accepted") -> DocxDraft:
    """Read a .docx; tracked changes are read as ``tracked`` ("accepted" by default, or
    "original"), and the draft says so."""
    document = open_document(path)
    texts = [paragraph_text(p, tracked) for p in body_paragraphs(document)]
    joined, starts = join_parts(texts)
    split = split_text(joined, str(path), headings)
    has_headings = not (len(split) == 1 and split[0][0].origin == str(path))
    draft = DocxDraft(provisions=[], tracked=tracked if has_tracked_changes(document) else None,
                      not_read=not_read(document))
    for provision, offset in split:
        first = part_at(starts, offset)
        end = offset + len(provision.text)
        layout = [(first, starts[first] - offset)]
        for i in range(first + 1, len(texts)):  # the paragraphs are in order: stop at the first past the end
            if starts[i] >= end:
                break
            layout.append((i, starts[i] - offset))
        draft.paragraphs[provision.id] = layout
        # The heading is the last non-empty paragraph before the body.
        heading = first - 1 if has_headings else None
        while heading is not None and heading > 0 and not texts[heading].strip():
            heading -= 1
        draft.headings[provision.id] = heading
        draft.provisions.append(provision.model_copy(update={"origin": f"{path}: paragraph {first + 1}"}))
    return draft
