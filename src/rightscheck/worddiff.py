"""Word-level differences between two texts (for redrafts and draft comparisons)."""

from __future__ import annotations

import difflib
import re

from pydantic import BaseModel, ConfigDict


class DiffPart(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    op: str  # "equal" | "insert" | "delete"
    text: str


def word_diff(before: str, after: str) -> list[DiffPart]:
    """Word-level differences; a replaced run of words is one deletion and one insertion."""
    a = re.findall(r"\S+\s*|\s+", before)
    b = re.findall(r"\S+\s*|\s+", after)
    parts: list[DiffPart] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(DiffPart(op="equal", text="".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(DiffPart(op="delete", text="".join(a[i1:i2])))
        if j2 > j1:
            parts.append(DiffPart(op="insert", text="".join(b[j1:j2])))
    return parts
