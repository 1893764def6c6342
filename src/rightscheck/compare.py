"""Compare two versions of a draft, provision by provision: score and verdict before and after, the
findings resolved and introduced, and the text changes.

Provisions are matched by id (article number); those left over on both sides are then matched by
their text, so that a renumbered article ("art-7" now "art-6") is compared with itself rather than
reported as removed and added."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .models import InputInfo, Report, Verdict, badness
from .worddiff import DiffPart, word_diff


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Side(Model):
    score: float | None
    verdict: Verdict


class ProvisionChange(Model):
    id: str
    previous_id: str | None = Field(None, description="the id in the old version, when the article was renumbered")
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
    inputs: list[InputInfo] = Field(default_factory=list, description="both versions' files with their hashes")
    generated_on: str | None = None
    provisions: list[ProvisionChange]


def _status(before: Side, after: Side) -> str:
    b = badness(before.verdict, before.score)
    a = badness(after.verdict, after.score)
    return "improved" if a < b else "worsened" if a > b else "unchanged"


RENUMBERED_SIMILARITY = 0.6  # share of words two texts must have in common to be one article


def _renumbered(before: dict, after: dict) -> dict[str, str]:
    """Old id -> new id for provisions whose number changed: among those matched by no id, the
    most similar texts first, while they share at least RENUMBERED_SIMILARITY of their words."""
    from difflib import SequenceMatcher

    old_only = [i for i in before if i not in after]
    new_only = [i for i in after if i not in before]
    scored = sorted(
        ((SequenceMatcher(None, before[o].text.split(), after[n].text.split(), autojunk=False).ratio(), o, n)
         for o in old_only for n in new_only),
        reverse=True,
    )
    pairs: dict[str, str] = {}
    for ratio, o, n in scored:
        if ratio < RENUMBERED_SIMILARITY:
            break
        if o not in pairs and n not in pairs.values():
            pairs[o] = n
    return pairs


def compare(old: Report, new: Report) -> Comparison:
    before = {p.id: p for p in old.provisions}
    after = {p.id: p for p in new.provisions}
    moved = _renumbered(before, after)
    rows: list[ProvisionChange] = []
    for pid in [*before, *(i for i in after if i not in before and i not in moved.values())]:
        b, a = before.get(pid), after.get(moved.get(pid, pid))
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
            id=a.id, previous_id=pid if pid != a.id else None, title=a.title or b.title,
            status=_status(sb, sa), before=sb, after=sa,
            resolved=[r for r in rb if r not in ra], introduced=[r for r in ra if r not in rb],
            text_changed=changed, diff=word_diff(b.text, a.text) if changed else [],
        ))
    return Comparison(old=[i.path for i in old.inputs], new=[i.path for i in new.inputs],
                      inputs=[*old.inputs, *new.inputs], generated_on=new.generated_on, provisions=rows)
