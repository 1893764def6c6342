"""Data that flows through the engine: provisions in, an assessment report out.

The report models *are* the JSON contract (``schema_version: 2``, see ``schema/report-v2.json``):
fields may be added, never removed or renamed without a new schema version.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .schema import Confidence, Severity, TestId

Verdict = Literal[
    "compatible", "concerns", "incompatible", "needs_review", "excluded", "not_engaged", "not_assessed",
]
# How bad an outcome is, for "worst test", --fail-on and compare. A test that needs review, was
# excluded, or a provision that does not engage expression raises no concern of its own.
VERDICT_RANK: dict[str, int] = {
    "not_assessed": -1, "excluded": -1, "needs_review": 0, "not_engaged": 0, "compatible": 0,
    "concerns": 1, "incompatible": 2,
}
# Verdict words as people read them: a verdict says what was judged, never more.
VERDICT_LABEL: dict[str, str] = {
    "compatible": "no concern found on the face of the text",
    "concerns": "concerns",
    "incompatible": "incompatible",
    "needs_review": "needs review: not every question could be answered from the text",
    "excluded": "excluded from this run",
    "not_engaged": "not engaged: the provision does not appear to restrict expression",
    "not_assessed": "not assessed",
}
# A clean verdict over findings too small to raise a concern (a medium or low finding, the score
# still 80 or more) says so: "no concern found" above a list of findings would contradict itself.
VERDICT_LABEL_WITH_POINTS = ("no serious concern found on the face of the text: the findings are points "
                             "for a reviewer to check")
VERDICT_SHORT_WITH_POINTS = "no serious concern"
# The same, short enough for a table cell.
VERDICT_SHORT: dict[str, str] = {
    "compatible": "no concern found", "concerns": "concerns", "incompatible": "incompatible",
    "needs_review": "needs review", "excluded": "excluded", "not_engaged": "not engaged",
    "not_assessed": "not assessed",
}


def took_points(score: float | None) -> bool:
    """Whether findings brought a score below 100: under a clean verdict, findings too small to
    raise a concern (the one criterion for "no serious concern", in the reason and the words)."""
    return score is not None and score < 100


def badness(verdict: str, score: float | None) -> tuple[int, float]:
    """Orders outcomes from best to worst: by verdict, then by lower score."""
    return VERDICT_RANK[verdict], -(score or 0)
Status = Literal["satisfied", "flagged", "needs_review"]
SCHEMA_VERSION = 2
JSONL_VERSION = 1  # the JSON Lines stream: a header line, one line per provision, an end line


def text_hash(text: str) -> str:
    """The stamp of an input or provision text in reports (sha256, first 16 hex digits)."""
    import hashlib

    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _unpickled(cls: type[Model], fields: dict[str, Any], fields_set: set[str], extra: dict[str, Any] | None,
               private: dict[str, Any] | None) -> Model:
    """A model as it was pickled: its fields set again as they were (they were valid when it was
    made), without pydantic's ``__setstate__``."""
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", fields)
    object.__setattr__(model, "__pydantic_fields_set__", fields_set)
    object.__setattr__(model, "__pydantic_extra__", extra)
    object.__setattr__(model, "__pydantic_private__", private)
    return model


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its fields: reports come back from worker processes this way, and
        pydantic's own state protocol costs a third more to write and to read."""
        return (_unpickled, (type(self), self.__dict__, self.__pydantic_fields_set__, self.__pydantic_extra__,
                             self.__pydantic_private__))


# ----------------------------------------------------------------------------- input
class PenaltyField(Model):
    """Penalty given beside the text (used when the text itself does not state it)."""

    max_imprisonment_years: float | None = Field(None, ge=0)
    min_imprisonment_years: float | None = Field(None, ge=0)
    life_imprisonment: bool = False
    custodial: bool | None = None
    fine: bool = False
    ancillary_ban: bool = False
    note: str | None = None


class LanguageDetection(Model):
    """How a provision's language was settled."""

    method: Literal["given", "detected", "document"] = Field(
        description="given (by --language or the input), detected from the provision's own text, or from its "
        "whole document (the provision alone was too short or unclear)")
    source: Literal["input", "--language"] | None = Field(None, description="for a given language: where from")
    confidence: float | None = Field(None, ge=0, le=1, description="the detector's confidence, for a detected language")


class Provision(Model):
    id: str = Field(min_length=1)
    title: str | None = None
    source: str | None = None
    jurisdiction: str | None = None
    language: str = Field("en", description="language tag: 'en', 'fr', 'ru', 'es' (a region, 'en-GB', is ignored)")
    text: str
    penalty: PenaltyField | None = None
    origin: str | None = Field(None, description="file (and line) the provision was read from")
    language_detection: LanguageDetection | None = Field(None, exclude=True)

    @field_validator("language")
    @classmethod
    def _primary_language(cls, value: str) -> str:
        return value.strip().replace("_", "-").split("-")[0].lower() or "en"


def document_key(provision: Provision) -> str:
    """Provisions of one document: the same source, or else the same input file."""
    return provision.source or (provision.origin or "").rsplit(":", 1)[0] or provision.id


# ----------------------------------------------------------------------------- output
class SpanOut(Model):
    start: int
    end: int
    text: str


class SourceOut(Model):
    model_config = ConfigDict(extra="forbid", defer_build=True, frozen=True)  # shared by a rule's findings

    ref: str
    pinpoint: str
    verified: bool
    title: str | None = None
    key: str | None = None


class Decision(Model):
    """A reviewer's decision on a finding, from the review file (--review)."""

    status: Literal["accepted", "not_applicable", "false_positive", "under_review"]
    justification: str = ""
    reviewer: str = ""
    date: str = ""

    @property
    def sets_aside(self) -> bool:
        """Decided findings stay in the report but drop out of the score."""
        return self.status != "under_review"


# the severities a reader must see first (marked in reports, counted by the accuracy checks)
SERIOUS: frozenset[Severity] = frozenset({"high", "critical"})


class Finding(Model):
    rule: str
    title: str
    test: TestId
    category: str
    severity: Severity
    confidence: Confidence
    message: str
    spans: list[SpanOut]
    sources: list[SourceOut]
    remedy: str
    redraft: str | None = None
    evidence_hint: str | None = Field(None, description="what a reviewer should look for; added in 2.2")
    question: str
    rationale: str | None = None
    points: float = Field(description="points this finding takes off its test's score")
    decision: Decision | None = None

    @property
    def serious(self) -> bool:
        return self.severity in SERIOUS


class ScoreStep(Model):
    rule: str
    points: float
    score_after: float


class TestResult(Model):
    score: float | None
    verdict: Verdict
    steps: list[ScoreStep] = Field(default_factory=list)
    reason: str = ""


class Overall(Model):
    score: float | None
    verdict: Verdict
    reason: str = ""


class Evidence(Model):
    text: str
    start: int
    end: int


class ChecklistItem(Model):
    model_config = ConfigDict(extra="forbid", defer_build=True, frozen=True)  # an open item is shared

    id: str
    test: TestId
    question: str
    status: Status
    rules: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    note: str = ""


class ProvisionReport(Model):
    id: str
    title: str | None
    source: str | None = None
    language: str
    language_detection: LanguageDetection | None = Field(
        None, description="how the language was settled (given or detected, with the confidence); added in 2.1")
    origin: str | None = Field(
        None, description="the input file the provision was read from, with its line or page; added in 2.1")
    input_hash: str
    engages_expression: bool
    engages: list[str] = Field(default_factory=list)
    overall: Overall
    tests: dict[TestId, TestResult]
    findings: list[Finding]
    checklist: list[ChecklistItem]
    notes: list[str] = Field(default_factory=list)
    text: str


class ToolInfo(Model):
    name: str = "rightscheck"
    version: str


class PackInfo(Model):
    name: str
    version: str
    hash: str
    rules: int


class InputInfo(Model):
    path: str
    hash: str
    tracked_changes: Literal["accepted", "original"] | None = Field(
        None, description="for a Word file with tracked changes, the text assessed: as it reads with them accepted, "
        "or the original; added in 2.1")
    not_read: list[str] = Field(
        default_factory=list, description="parts of the file that were not assessed (headers, footers, footnotes, "
        "comments), said rather than dropped; added in 2.1")


class ScoringInfo(Model):
    points: dict[str, float]
    confidence: dict[str, float]
    explanation: str


class ReviewEntry(Model):
    """One decision of a review file: keyed by provision id, rule and the matched words (not
    offsets), so that it survives a redraft."""

    provision: str
    rule: str
    match: str = Field("", description="the words the finding marked, as in the report; '' for a missing element")
    status: Literal["accepted", "not_applicable", "false_positive", "under_review"]
    justification: str = ""
    reviewer: str = ""
    date: str = ""

    @model_validator(mode="after")
    def _justified(self) -> ReviewEntry:
        if self.status != "under_review":
            missing = [f for f in ("justification", "reviewer", "date") if not getattr(self, f).strip()]
            if missing:
                raise ValueError(f"a decision '{self.status}' needs {', '.join(missing)}")
        return self


class ReviewSummary(Model):
    file: str
    decisions: int
    applied: int
    set_aside: int
    stale: list[ReviewEntry] = Field(default_factory=list, description="decisions that match no finding")


class Selection(Model):
    """What --select/--ignore (and --preview) left out of this run."""

    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    excluded_rules: list[str] = Field(default_factory=list)
    excluded_tests: list[str] = Field(default_factory=list, description="tests no selected rule belongs to")


class Report(Model):
    schema_version: int = SCHEMA_VERSION
    tool: ToolInfo
    rule_packs: list[PackInfo]
    inputs: list[InputInfo] = Field(default_factory=list)
    generated_on: str | None = Field(
        None, description="the date the report was made (YYYY-MM-DD, UTC; SOURCE_DATE_EPOCH fixes it); added in 2.2")
    selection: Selection = Field(default_factory=Selection)
    scoring: ScoringInfo
    review: ReviewSummary | None = None
    provisions: list[ProvisionReport]
