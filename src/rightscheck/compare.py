"""Compare two versions of a draft, provision by provision (matched by id, i.e. article number):
score and verdict before and after, the findings resolved and introduced, and the text changes."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .models import Report, Verdict, badness
from .worddiff import DiffPart, word_diff


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Side(Model):
    score: float | None
    verdict: Verdict


class ProvisionChange(Model):
    id: str
    title: str | None = None
    status: Literal["improved", "worsened", "unchanged", "added", "removed"]
    before: Side | None
    after: Side | None
    resolved: list[str] = Field(default_factory=list, description="rule ids found before, not after")
    introduced: list[str] = Field(default_factory=list, description="rule ids found after, not before")
    text_changed: bool = False
    diff: list[DiffPart] = Field(default_factory=list)


class Comparison(Model):
    schema_version: int = 1
    old: list[str] = Field(default_factory=list, description="the old version's input files")
    new: list[str] = Field(default_factory=list)
    provisions: list[ProvisionChange]


def _status(before: Side, after: Side) -> str:
    b = badness(before.verdict, before.score)
    a = badness(after.verdict, after.score)
    return "improved" if a < b else "worsened" if a > b else "unchanged"


def compare(old: Report, new: Report) -> Comparison:
    before = {p.id: p for p in old.provisions}
    after = {p.id: p for p in new.provisions}
    rows: list[ProvisionChange] = []
    for pid in [*before, *(i for i in after if i not in before)]:
        b, a = before.get(pid), after.get(pid)
        if b is None or a is None:
            p = a or b
            assert p is not None
            side = Side(score=p.overall.score, verdict=p.overall.verdict)
            rows.append(ProvisionChange(
                id=pid, title=p.title, status="added" if b is None else "removed",
                before=None if b is None else side, after=None if a is None else side,
                introduced=[f.rule for f in a.findings] if a else [],
            ))
            continue
        sb = Side(score=b.overall.score, verdict=b.overall.verdict)
        sa = Side(score=a.overall.score, verdict=a.overall.verdict)
        rb, ra = [f.rule for f in b.findings], [f.rule for f in a.findings]
        changed = b.text != a.text
        rows.append(ProvisionChange(
            id=pid, title=a.title or b.title, status=_status(sb, sa), before=sb, after=sa,
            resolved=[r for r in rb if r not in ra], introduced=[r for r in ra if r not in rb],
            text_changed=changed, diff=word_diff(b.text, a.text) if changed else [],
        ))
    return Comparison(old=[i.path for i in old.inputs], new=[i.path for i in new.inputs], provisions=rows)
