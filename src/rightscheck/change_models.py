"""Models of the ``compare`` and ``redraft`` reports: their JSON contracts (``schema_version: 1``),
kept apart from the code that makes them so that renderers depend on models only."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .models import InputInfo, Model, Overall, TestResult, Verdict
from .schema import TestId
from .worddiff import DiffPart


# ----------------------------------------------------------------------------- compare
class Side(Model):
    score: float | None
    verdict: Verdict


class ProvisionChange(Model):
    id: str
    previous_id: str | None = Field(None, description="the id in the old version, when the article was renumbered")
    split_from: str | None = Field(
        None, description="for an added article, the old article that held most of its words")
    merged_into: str | None = Field(
        None, description="for a removed article, the new article that holds most of its words")
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


# ----------------------------------------------------------------------------- redraft
class Change(Model):
    rule: str
    action: str
    start: int = Field(description="offset in the original text (for an addition, where it goes)")
    end: int
    before: str
    after: str
    resolves: list[str] = Field(default_factory=list)


class Assessment(Model):
    overall: Overall
    tests: dict[TestId, TestResult]
    findings: list[str]


class Justification(Model):
    """Why a rule's edit is proposed: the finding it answers, with its sources (for an amendments
    table)."""

    title: str
    message: str
    sources: list[str]


class RedraftedProvision(Model):
    id: str
    title: str | None
    original: str
    redraft: str
    changes: list[Change]
    not_addressed: list[str] = Field(description="findings with no machine edit: for a person")
    justification: dict[str, Justification] = Field(
        default_factory=dict, description="rule id -> the finding each applied edit answers, with its sources")
    withheld: list[str] = Field(
        default_factory=list, description="machine edits not applied, each with why (it left the flagged words, "
        "or the text would not read as a sentence): for a person")
    note: str | None = Field(None, description="why no machine edit was tried, when none was")
    before: Assessment
    after: Assessment
    diff: list[DiffPart]
    improved: bool


class RedraftReport(Model):
    schema_version: int = 1
    inputs: list[InputInfo] = Field(default_factory=list)
    generated_on: str | None = None
    provisions: list[RedraftedProvision]
