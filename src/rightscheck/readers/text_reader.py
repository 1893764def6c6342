"""Read a plain-text or Markdown draft: one provision, or one per "Article N" heading.

A heading is a line such as "Article 16", "## Article 16. Title", "Art. 16 - Title" or
"Section 3: Title". Its number gives the id (``art-16``) and the rest of the line the title.
Text before the first heading (a preamble, chapter titles) is not assessed.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ..errors import InputError
from ..models import Provision

HEADING = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*)?(?P<kind>Article|Art\.|Section|Sec\.)[ \t]+"
    r"(?P<num>\d+[A-Za-z]?(?:[.-]\d+)*)(?:\*\*)?[ \t]*[.:\-–—]?[ \t]*(?P<title>[^\n]*)$",
    re.MULTILINE | re.IGNORECASE,
)


def _id(kind: str, num: str) -> str:
    prefix = "sec" if kind.lower().startswith("sec") else "art"
    return f"{prefix}-{num.lower().rstrip('.')}"


def read_text(text: str, name: str) -> list[Provision]:
    if not text.strip():
        raise InputError("the file is empty", file=name, fix="paste the draft text into the file")
    headings = list(HEADING.finditer(text))
    stem = PurePath(name).stem if name != "<stdin>" else "stdin"
    if not headings:
        return [Provision(id=stem, title=None, text=text.strip("\n"), origin=name)]
    provisions: list[Provision] = []
    seen: set[str] = set()
    for i, m in enumerate(headings):
        end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
        body = text[m.end():end].strip("\n")
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
        title = m["title"].strip().strip("*#").strip() or None
        provisions.append(Provision(id=pid, title=title, text=body, origin=f"{name}:{line}"))
    if not provisions:
        raise InputError("the articles have no text", file=name, fix="add the text under each heading")
    return provisions
