"""The rule language: pydantic models for ``pack.yaml`` and rule files.

Every model forbids unknown fields, so a typo in a field name is an error that names the field.
See ``docs/rule-language.md`` for the same content written for rule authors.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, WithJsonSchema, field_validator, model_validator

TestId = Literal["legality", "legitimate_aim", "necessity", "proportionality"]
TESTS: tuple[TestId, ...] = ("legality", "legitimate_aim", "necessity", "proportionality")
Severity = Literal["info", "low", "medium", "high", "critical"]
SEVERITIES: tuple[Severity, ...] = ("info", "low", "medium", "high", "critical")
Confidence = Literal["low", "medium", "high"]
# JSON Schema of a field that takes one name or a list of names
_NAME_OR_NAMES = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
RULE_ID_RE = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$")

try:  # the regular-expression parser of the standard library (name since Python 3.11)
    import re._constants as _sre_constants  # type: ignore[import-not-found]
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    import sre_constants as _sre_constants  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_REPEATS = {_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT}
_POSSESSIVE = getattr(_sre_constants, "POSSESSIVE_REPEAT", None)
if _POSSESSIVE is not None:
    _REPEATS.add(_POSSESSIVE)
_LARGE_REPEAT = 10


def _children(op: object, av: object) -> list:
    if op in _REPEATS:
        return [av[2]]  # type: ignore[index]
    if op == _sre_constants.SUBPATTERN:
        return [av[-1]]  # type: ignore[index]
    if op == _sre_constants.BRANCH:
        return list(av[1])  # type: ignore[index]
    if op in (_sre_constants.ASSERT, _sre_constants.ASSERT_NOT):
        return [av[1]]  # type: ignore[index]
    return []


def _nested_quantifier(items: object, under_repeat: bool = False) -> bool:
    """True if an unbounded (or large) repetition sits inside another one, e.g. ``(a+)+``: the
    shape that makes backtracking take exponential time."""
    for op, av in items:  # type: ignore[attr-defined]
        large = op in _REPEATS and (av[1] == _sre_constants.MAXREPEAT or av[1] > _LARGE_REPEAT)
        if under_repeat and large:
            return True
        if any(_nested_quantifier(child, under_repeat or large) for child in _children(op, av)):
            return True
    return False


def check_regex(value: str) -> str:
    """Validate a rule author's regular expression: it compiles, and has no nested quantifier."""
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"invalid regular expression: {exc}") from None
    if _nested_quantifier(_sre_parse.parse(value)):
        raise ValueError(
            "regular expression with a nested quantifier such as (a+)+ could take exponential "
            "time on some texts; rewrite it without a repetition inside a repetition"
        )
    return value


def capitalise_like(new: str, original: str) -> str:
    """``new`` with a capital first letter when ``original`` has one."""
    if original[:1].isupper() and new[:1].islower():
        return new[:1].upper() + new[1:]
    return new


class Strict(BaseModel):
    # schemas are built on first use: a check served from the pack cache never validates a rule
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True, defer_build=True)


# ----------------------------------------------------------------------------- matchers
def parse_within(value: str) -> tuple[int | None, str | None]:
    """A ``near`` distance of the rule language: ``"4 words"`` -> (4, None), ``"4 words in the same
    clause"`` -> (4, "clause"), ``"same clause"`` / ``"same provision"`` -> (None, "clause" /
    "provision"), ``"same words"`` -> (-1, None): the ``of`` words overlap the found words (an
    exception written as a phrase that holds them, "lawful excuse" for "excuse"; words merely next
    to them are not). These are keywords of the rule language, like its field names."""
    parts = value.split()
    if parts == ["same", "words"]:
        return -1, None
    if len(parts) == 2 and parts[0] == "same" and parts[1] in {"clause", "provision"}:
        return None, parts[1]
    if len(parts) in {2, 6} and parts[0].isdigit() and int(parts[0]) <= 200 and parts[1] in {"word", "words"}:
        if len(parts) == 2:
            return int(parts[0]), None
        if parts[2:] == ["in", "the", "same", "clause"]:
            return int(parts[0]), "clause"
    raise ValueError(f'within {value!r}: write "4 words", "4 words in the same clause", "same words", '
                     '"same clause" or "same provision"')


class Near(Strict):
    """Words of ``find`` with words of ``of`` close by. ``within``: ``"4 words"`` (at most four words
    between them), ``"4 words in the same clause"``, ``"same words"`` (overlapping), ``"same clause"``
    or ``"same provision"``;
    ``placed``: where the ``of`` words must stand (``after`` or ``before`` the found words; either
    side by default); ``mark``: the words the finding marks (``find``, ``of``, ``both``, or ``span``
    from one to the other)."""

    find: Matcher
    within: str = Field(description='"4 words" (at most four words between), "4 words in the same clause", '
                        '"same words" (overlapping), "same clause" or "same provision"')
    of: Matcher
    placed: Literal["either", "after", "before"] = "either"
    mark: Literal["find", "of", "both", "span"] = "find"

    @field_validator("within")
    @classmethod
    def _within(cls, value: str) -> str:
        parse_within(value)
        return value

    _distance: tuple[int | None, str | None] = PrivateAttr((None, None))

    def model_post_init(self, context: object) -> None:
        self._distance = parse_within(self.within)

    @property
    def within_words(self) -> int | None:
        return self._distance[0]

    @property
    def same(self) -> str | None:
        return self._distance[1]


class PenaltyTest(Strict):
    """Conditions on the penalty stated in the text or in the input's ``penalty`` field.
    All the conditions given must hold."""

    custodial: bool | None = None
    max_years_over: float | None = Field(None, ge=0)
    min_years_at_least: float | None = Field(None, gt=0)
    life: bool | None = None
    ancillary_ban: bool | None = None
    forced_labour: bool | None = None
    stated: bool | None = None

    @model_validator(mode="after")
    def _some(self) -> PenaltyTest:
        if not self.model_fields_set:
            raise ValueError("give at least one condition, e.g. 'custodial: true'")
        return self


class Inherits(Strict):
    """Words of the provision that another provision of the same document defines, where that
    definition drew findings of these categories (and tests)."""

    categories: list[str] = Field(min_length=1)
    tests: list[TestId] = Field(default_factory=lambda: list[TestId](["legality"]))


class Matcher(Strict):
    """Exactly one matcher kind per mapping; combine kinds with ``all``/``any``/``absent``."""

    terms: list[str] | None = None
    # one name or a list of names (the validator below makes a list of one name)
    vocab: Annotated[list[str] | None, WithJsonSchema(_NAME_OR_NAMES)] = None
    regex: str | None = None
    absent: Matcher | None = None
    all: list[Matcher] | None = None
    any: list[Matcher] | None = None
    near: Near | None = None
    not_near: Near | None = None
    penalty: PenaltyTest | None = None
    inherits: Inherits | None = None
    undefined_in_document: list[str] | Matcher | None = None

    @field_validator("vocab", mode="before")
    @classmethod
    def _vocab_list(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("terms")
    @classmethod
    def _terms(cls, value: list[str] | None) -> list[str] | None:
        if value is not None:
            if not value:
                raise ValueError("a 'terms' list needs at least one phrase")
            for term in value:
                if not term.strip() or term.strip() in {"*", "..."}:
                    raise ValueError(f"empty or wildcard-only term {term!r}")
        return value

    @field_validator("regex")
    @classmethod
    def _regex(cls, value: str | None) -> str | None:
        return check_regex(value) if value is not None else None

    @field_validator("all", "any")
    @classmethod
    def _non_empty(cls, value: list[Matcher] | None) -> list[Matcher] | None:
        if value is not None and not value:
            raise ValueError("needs at least one matcher")
        return value

    @model_validator(mode="after")
    def _one_kind(self) -> Matcher:
        given = [k for k in type(self).model_fields if getattr(self, k) is not None]
        if len(given) != 1:
            names = ", ".join(k.rstrip("_") for k in given) or "none"
            kinds = ", ".join(type(self).model_fields)
            raise ValueError(f"a matcher has exactly one kind ({kinds}); found: {names}")
        return self

    def children(self) -> list[Matcher]:
        """The matchers nested in this one (the one place that knows where they sit)."""
        nested = [*(self.all or []), *(self.any or [])]
        if self.absent is not None:
            nested.append(self.absent)
        if self.undefined_in_document is not None and not isinstance(self.undefined_in_document, list):
            nested.append(self.undefined_in_document)
        for spec in (self.near, self.not_near):
            if spec is not None:
                nested += [spec.find, spec.of]
        return nested

    @property
    def kind(self) -> str:
        for name in type(self).model_fields:
            if getattr(self, name) is not None:
                return name.rstrip("_")
        raise AssertionError("validated matcher without a kind")




class When(Strict):
    """When a rule (or checklist item) applies, in one place: only on provisions that engage every
    scope in ``engages``, none in ``not_engages``, and (rules only) have none of the words of
    ``not_text`` anywhere. The scope names are the pack's ``scope`` entries (``expression``,
    ``incitement``, …); one name or a list."""

    engages: Annotated[list[str], WithJsonSchema(_NAME_OR_NAMES)] = Field(default_factory=list)
    not_engages: Annotated[list[str], WithJsonSchema(_NAME_OR_NAMES)] = Field(default_factory=list)
    not_text: Matcher | None = Field(None, description="the rule is silent when this matches anywhere in the provision")

    @field_validator("engages", "not_engages", mode="before")
    @classmethod
    def _listed(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


# ----------------------------------------------------------------------------- rule
class Citation(Strict):
    ref: str = Field(description="key of the pack's source registry")
    pinpoint: str = Field(min_length=1, description="paragraph, article or page")
    verified: bool
    quote: str | None = Field(None, max_length=200)
    note: str | None = None


class Precedent(Strict):
    body: str
    document: str
    pinpoint: str | None = None
    about: str
    finding: str
    verified: bool = False


class Substitution(Strict):
    regex: str
    with_: str = Field(alias="with")

    @field_validator("regex")
    @classmethod
    def _valid(cls, value: str) -> str:
        return check_regex(value)


class Edit(Strict):
    """A machine-applicable redraft: what `rightscheck redraft` does to the matched words.

    - ``replace``: look the matched words up in the ``swap`` table (then ``swap_regex``), else put
      ``text`` (may use {match}) in place of them;
    - ``delete``: remove the words with the connector that joins them to a list (``scope: words``),
      the words and what follows them up to the next comma or full stop (``scope: phrase``), or the
      whole comma-separated item they stand in (``scope: item``; where the words are not in such an
      item, ``text`` replaces them if given, else the words alone are removed);
    - ``drop``: remove the listed ``words`` from inside the matched words;
    - ``append``: add ``text`` to the provision — before its final full stop (``position: clause``)
      or as a new sentence (``position: sentence``); for missing elements.
    """

    action: Literal["replace", "delete", "drop", "append"]
    text: str | None = None
    swap: dict[str, str] = Field(default_factory=dict, description="words as matched -> their replacement "
                                 "(whole words, any case; a capital first letter is kept)")
    swap_regex: list[Substitution] = Field(default_factory=list, description="only where a swap table cannot "
                                           "say it: regular-expression substitutions on the matched words")
    words: list[str] = Field(default_factory=list)
    scope: Literal["words", "phrase", "item"] = "words"
    max_extra_words: int = Field(2, ge=0, le=40, description="for scope item or phrase: how many words besides "
                                 "the flagged ones the deletion may take; past that it is left for a person")
    position: Literal["clause", "sentence"] = "clause"

    def replacement(self, words: str) -> str | None:
        """The new words for ``words`` (a replace edit), or None when the edit has nothing to say
        about them (they are left for a person)."""
        key = " ".join(words.split()).casefold()
        for old, new in self.swap.items():
            if " ".join(old.split()).casefold() == key:
                return capitalise_like(new, words)
        if self.swap_regex:
            new = words
            for s in self.swap_regex:
                new = re.sub(s.regex, s.with_, new, flags=re.IGNORECASE)
            if new != words:
                return capitalise_like(new, words)
        if self.text is None:
            return None
        return capitalise_like(self.text.replace("{match}", words), words)

    def wording(self, words: list[str]) -> str:
        """The suggested wording a report shows for this edit on the matched ``words``: made from
        the edit itself, so that what a person reads and what ``redraft`` does are the same."""
        quoted = ", ".join(f"'{w}'" for w in words)
        if self.action == "replace":
            pairs = [(w, self.replacement(w)) for w in words]
            done = "; ".join(f"'{w}' with '{new}'" for w, new in pairs if new is not None)
            left = [w for w, new in pairs if new is None]
            text = f"Replace {done}." if done else ""
            if left:
                text += (" " if text else "") + "No standard wording for " + ", ".join(f"'{w}'" for w in left) + \
                    ": for a person."
            return text
        if self.action == "delete":
            if self.scope == "phrase":
                return f"Delete {quoted} and the rest of its phrase, up to the next comma or full stop."
            if self.scope == "item":
                return f"Delete the list item that holds {quoted}" + (
                    f" (or replace the words with '{self.text}')." if self.text else ".")
            return f"Delete {quoted}, with the word that joins it to its list."
        if self.action == "drop":
            return "Delete " + ", ".join(f"'{w}'" for w in self.words) + f" from {quoted}."
        where = "as a new sentence" if self.position == "sentence" else "to the sentence that defines the offence"
        return f"Add {where}: '{(self.text or '').strip()}'"

    @model_validator(mode="after")
    def _needs(self) -> Edit:
        if self.action == "replace" and not (self.text or self.swap or self.swap_regex):
            raise ValueError("a 'replace' edit needs 'text', 'swap' or 'swap_regex'")
        if self.action == "append" and not self.text:
            raise ValueError("an 'append' edit needs 'text'")
        if self.action == "drop" and not self.words:
            raise ValueError("a 'drop' edit needs 'words'")
        return self


class Remedy(Strict):
    """One remedy: the ``advice`` for a person; the machine ``edit`` that carries it out where one
    can (the suggested wording in reports is then made from the edit, so the two never disagree);
    ``redraft``, suggested wording, only for a rule without an edit."""

    advice: str = Field(min_length=1)
    edit: Edit | None = None
    redraft: str | None = None
    model: Citation | None = None

    @model_validator(mode="after")
    def _one_wording(self) -> Remedy:
        if self.edit is not None and self.redraft is not None:
            raise ValueError("give 'edit' or 'redraft', not both: with an edit, the suggested wording is made from it")
        return self


class FlagExample(Strict):
    text: str = Field(min_length=1)
    marks: list[str] = Field(default_factory=list)
    redraft: str | None = Field(None, description="the text after the rule's edit, exactly (checked by validate-rules)")
    note: str | None = None
    document: list[str] = Field(
        default_factory=list,
        description="other articles of the same document, for rules that look across a document",
    )


class PassExample(Strict):
    text: str = Field(min_length=1)
    document: list[str] = Field(default_factory=list, description="other articles of the same document")


class KnownGap(Strict):
    text: str
    expect: Literal["flag", "pass"]
    note: str


class Examples(Strict):
    flag: list[FlagExample] = Field(min_length=1)
    pass_: list[str | PassExample] = Field(alias="pass", min_length=1)
    known_gaps: list[KnownGap] = Field(default_factory=list)


class Rule(Strict):
    id: str
    aliases: list[str] = Field(default_factory=list)
    title: str = Field(min_length=3, max_length=80)
    test: TestId
    category: str = Field(pattern=r"^[a-z]+(?:-[a-z]+)*$")
    severity: Severity
    confidence: Confidence
    status: Literal["stable", "preview", "deprecated"] = "stable"
    when: When = When.model_construct()  # (not When(): that would build its validator at import)
    match: Matcher
    ignore_words_in: list[Literal["definitions", "saving-clauses"]] = Field(
        default_factory=list, description="words the rule never marks: those the provision itself defines, "
        "and those in a saving or exclusion clause")
    message: str = Field(min_length=1)
    rationale: str = Field(min_length=1)
    question: str = Field(min_length=1)
    evidence_hint: str | None = None
    sources: list[Citation] = Field(min_length=1)
    precedents: list[Precedent] = Field(default_factory=list)
    remedy: Remedy
    examples: Examples
    signals: list[str] = Field(default_factory=list, description="ids of the pack's doctrine signals")

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not RULE_ID_RE.match(value):
            raise ValueError("a rule id is capitals, digits and hyphens, e.g. LEG-EXTREMISM")
        return value

    @property
    def is_absence(self) -> bool:
        return self.category.startswith("missing-")


# ----------------------------------------------------------------------------- pack
class SourceDoc(Strict):
    symbol: str = Field(description="document symbol or case name, as cited in reports")
    title: str
    body: str | None = None
    date: str | None = None
    url: str | None = None


class Vocabulary(Strict):
    description: str
    terms: list[str] | None = Field(
        None, description="words in the pack's own language; usually given in lexicons/<language>.yaml instead")


class VerdictRule(Strict):
    score_below: float = Field(ge=0, le=100)
    any_severity: list[Severity] = Field(default_factory=list)


class Scoring(Strict):
    points: dict[Severity, float]
    confidence: dict[Confidence, float]
    incompatible: VerdictRule
    concerns: VerdictRule
    overall: Literal["worst"] = "worst"
    explanation: str

    @model_validator(mode="after")
    def _complete(self) -> Scoring:
        missing = [s for s in SEVERITIES if s not in self.points]
        missing += [c for c in ("low", "medium", "high") if c not in self.confidence]
        if missing:
            raise ValueError(f"scoring is missing values for: {', '.join(missing)}")
        return self


class ScopeDef(Strict):
    description: str
    match: Matcher
    implies: list[str] = Field(
        default_factory=list,
        description="scopes engaged whenever this one is (incitement is expression): named in the same pack")
    note_if_engaged: str | None = Field(None, description="a note added to reports when it applies")
    note_if_not_engaged: str | None = None
    ignore_words_in: list[Literal["saving-clauses"]] = Field(
        default_factory=list,
        description="words found only there do not engage the scope (an exemption that names an offence "
        "only to exclude it)")


class ChecklistDef(Strict):
    id: str
    test: TestId
    question: str
    categories: list[str] = Field(default_factory=list)
    rules: list[str] = Field(default_factory=list)
    evidence: Matcher | None = None
    evidence_label: str | None = None
    evidence_means: Literal["satisfied", "needs_review"] = "satisfied"
    review_hint: str
    when: When = When.model_construct()  # (not When(): that would build its validator at import)


class Signal(Strict):
    """A text signal of the doctrine brief: implemented by the rules that name it in their
    ``signals``, or not detectable from the text (then a checklist item asks a person)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.-]*$")
    section: str
    signal: str
    not_detectable: str | None = None
    checklist: str | None = None

    @model_validator(mode="after")
    def _review(self) -> Signal:
        if self.not_detectable and not self.checklist:
            raise ValueError("a signal that cannot be detected names the checklist item that asks a person")
        return self


RULE_LANGUAGE = 2  # the version of the rule language this code reads (docs/rule-language.md)


class PackMeta(Strict):
    rule_language: Literal[2] = Field(description="the version of the rule language the pack is written in")
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    version: str
    title: str
    description: str
    languages: list[str] = Field(min_length=1)
    scoring: Scoring
    scope: dict[str, ScopeDef]
    exempt_scopes: list[str] = Field(
        default_factory=list, description="scopes whose provisions restrict nothing: no rule of the pack runs on them")
    engaging_scopes: list[str] = Field(
        default_factory=lambda: ["expression"],
        description="scopes that engage the freedom the pack protects: a provision that engages none of them is "
                    "reported 'not engaged' rather than 'compatible'")
    checklist: list[ChecklistDef] = Field(min_length=1)
    vocabularies: dict[str, Vocabulary] = Field(default_factory=dict)
    sources: dict[str, SourceDoc] = Field(min_length=1)
    signals: list[Signal] = Field(default_factory=list)
