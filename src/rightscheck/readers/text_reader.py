"""Read a plain-text or Markdown draft: one provision, or one per article heading.

A heading is a line such as "Article 16", "## Article 16. Title", "Art. 16 - Title", "Статья
205.2. Title" or "第十六条" in any language the packs have a lexicon for (see
:mod:`.headings`). Its number gives the id (``art-16``) and the rest of the line the title. Text
before the first heading (a preamble, chapter titles) is not assessed. A draft with no heading is
one provision.
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import PurePath

from ..errors import InputError
from ..models import Provision
from .headings import Headings, default_headings

# A heading's "title" of this many words or more is the article's text written on the same line.
TITLE_MAX_WORDS = 12
# ... and of this many or more, when nothing follows the heading line.
SENTENCE_MIN_WORDS = 5


def _id(prefix: str, num: str) -> str:
    return f"{prefix}-{num.lower().rstrip('.').replace(' ', '')}"


def _inline(title: str) -> bool:
    """A heading's "title" that is the article's text written on the same line: many words, or
    a long run in a script written without spaces."""
    words = title.split()
    # many words; a long run in a script written without spaces; or a sentence ended by a
    # full-width full stop (Chinese articles have no titles: the text follows the number)
    return len(words) >= TITLE_MAX_WORDS or (len(words) <= 2 and len(title) >= 30) or title.rstrip().endswith("。")


def split_text(text: str, name: str, headings: Headings | None = None) -> list[tuple[Provision, int]]:
    """The provisions of a draft, each with the offset of its text in ``text``. ``headings``: the
    article headings to split at (by default those of the built-in packs' languages)."""
    if not text.strip():
        raise InputError("the file is empty", file=name, fix="paste the draft text into the file")
    found = headings or default_headings()
    headings_found = [m for m in found.find(text) if len(m["title"] or "") <= 200 or _inline(m["title"])]
    stem = PurePath(name).stem if name != "<stdin>" else "stdin"
    if not headings_found:
        body = text.strip("\n")
        return [(Provision(id=stem, title=None, text=body, origin=name), text.index(body))]
    provisions: list[tuple[Provision, int]] = []
    seen: set[str] = set()
    line, counted = 1, 0  # line numbers counted as the headings go, not from the start each time
    for i, m in enumerate(headings_found):
        end = headings_found[i + 1].start() if i + 1 < len(headings_found) else len(text)
        division = found.division(text, m.end(), end)
        if division:
            end = division.start()
        raw = text[m.end():end]
        title_text = m["title"] or ""
        # "Article 1. Whoever publishes …" on one line: a long "title" is the article's text
        inline = _inline(title_text)
        # an article with nothing under its heading line: what follows the number, if it reads as
        # a sentence rather than a title, is its text ("Section 24. Whoever publishes … shall be
        # punished." alone on its line)
        if not inline and len(title_text.split()) >= SENTENCE_MIN_WORDS and not text[m.end():end].strip():
            inline = True
        if inline:
            raw = text[m.start("title"):end]
        body = raw.strip("\n")
        pid = _id(found.id_prefix(m), found.number(m))
        line += text.count("\n", counted, m.start())
        counted = m.start()
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


def read_text(text: str, name: str, headings: Headings | None = None) -> list[Provision]:
    return [p for p, _ in split_text(text, name, headings)]
