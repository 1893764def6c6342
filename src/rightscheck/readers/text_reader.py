"""Read a plain-text or Markdown draft: one provision, or one per "Article N" heading.

A heading is a line such as "Article 16", "## Article 16. Title", "Art. 16 - Title",
"ARTICLE 16" or "Section 3: Title". Its number gives the id (``art-16``) and the rest of the line
the title. A line where "Article 3" begins a sentence ("Article 3 shall apply …") is not a
heading. Text before the first heading (a preamble, chapter titles) is not assessed. A draft with
no heading is one provision.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import PurePath

from ..errors import InputError
from ..models import Provision

HEADING = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*)?(?P<kind>Article|ARTICLE|Art\.|ART\.|Section|SECTION|Sec\.)[ \t]+"
    r"(?P<num>\d+(?:bis|ter|quater|[A-Za-z])?(?:[.-]\d+)*)\.?(?:\*\*)?"
    r"(?:[ \t]*(?:[.:\-–—][ \t]*|[ \t](?=[\"“(\[A-Z0-9]))(?P<title>[^\n]*))?[ \t]*$",
    re.MULTILINE,
)


# Division headings between articles ("Chapter III. Procedural measures", "PART 2"): outside any
# article, so they end the article before them and are not assessed.
DIVISION = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*)?(?:Chapter|CHAPTER|Part|PART|Title|TITLE|Book|BOOK)[ \t]+"
    r"(?:[IVXLC]+|\d+)\b[^\n]*$",
    re.MULTILINE,
)


# A heading's "title" of this many words or more is the article's text written on the same line.
TITLE_MAX_WORDS = 12


def _id(kind: str, num: str) -> str:
    prefix = "sec" if kind.lower().startswith("sec") else "art"
    return f"{prefix}-{num.lower().rstrip('.')}"


def split_text(text: str, name: str) -> list[tuple[Provision, int]]:
    """The provisions of a draft, each with the offset of its text in ``text``."""
    if not text.strip():
        raise InputError("the file is empty", file=name, fix="paste the draft text into the file")
    headings = [m for m in HEADING.finditer(text) if len(m["title"] or "") <= 200]
    stem = PurePath(name).stem if name != "<stdin>" else "stdin"
    if not headings:
        body = text.strip("\n")
        return [(Provision(id=stem, title=None, text=body, origin=name), text.index(body))]
    provisions: list[tuple[Provision, int]] = []
    seen: set[str] = set()
    for i, m in enumerate(headings):
        end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
        division = DIVISION.search(text, m.end(), end)
        if division:
            end = division.start()
        raw = text[m.end():end]
        title_text = m["title"] or ""
        # "Article 1. Whoever publishes …" on one line: a long "title" is the article's text
        inline = len(title_text.split()) >= TITLE_MAX_WORDS
        if inline:
            raw = text[m.start("title"):end]
        body = raw.strip("\n")
        pid = _id(m["kind"], m["num"])
        line = text.count("\n", 0, m.start()) + 1
        if pid in seen:
            raise InputError(
                f"article {m['num']} appears twice", file=name, line=line,
                fix="number each article once",
            )
        seen.add(pid)
        if not body.strip():
            continue
        title = None if inline else (title_text.strip().strip("*#").strip() or None)
        offset = (m.start("title") if inline else m.end()) + (len(raw) - len(raw.lstrip("\n")))
        provisions.append((Provision(id=pid, title=title, text=body, origin=f"{name}:{line}"), offset))
    if not provisions:
        raise InputError("the articles have no text", file=name, fix="add the text under each heading")
    return provisions


def join_parts(parts: list[str]) -> tuple[str, list[int]]:
    """Parts (paragraphs, pages) joined by line breaks, with the offset where each part starts."""
    starts = [0]
    for part in parts[:-1]:
        starts.append(starts[-1] + len(part) + 1)
    return "\n".join(parts), starts


def part_at(starts: list[int], offset: int) -> int:
    """The index of the part (see :func:`join_parts`) that contains ``offset``."""
    return bisect_right(starts, offset) - 1


def read_text(text: str, name: str) -> list[Provision]:
    return [p for p, _ in split_text(text, name)]
