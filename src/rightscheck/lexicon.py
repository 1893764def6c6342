"""Lexicons: the words of one language for a rule pack (``<pack>/lexicons/<language>.yaml``).

The rules state legal concepts once and name the words that express them by vocabulary
(``vocab: glorification``); each lexicon gives, for its language, the words of every vocabulary it
covers, how words of the language are matched (morphology), how penalties, definitions, saving
clauses and article headings are written, and examples of the rules in that language. A lawyer
adds a language by adding a lexicon file, not by copying rules. See docs/languages.md.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from .schema import Examples, Strict, Substitution, check_regex


class VocabPattern(Strict):
    """A vocabulary written as a regular expression (with optional plain terms besides)."""

    regex: str
    terms: list[str] = Field(default_factory=list)

    @field_validator("regex")
    @classmethod
    def _regex(cls, value: str) -> str:
        return check_regex(value)


VocabWords = list[str] | VocabPattern


def plain_terms(words: VocabWords | None) -> list[str]:
    """The terms of a vocabulary written as words (a regex vocabulary's ``terms`` besides it)."""
    if words is None:
        return []
    return words.terms if isinstance(words, VocabPattern) else words


class MorphologySpec(Strict):
    """How the words of the language are matched."""

    stemmer: str | None = Field(
        None, description="a Snowball algorithm (english, french, spanish, russian, arabic, ...): terms "
        "and text are compared stem by stem, so a term written once matches its inflected forms")
    segmentation: Literal["words", "characters"] = Field(
        "words", description="'characters' for languages written without spaces (Chinese): terms match "
        "anywhere, not only as whole words")
    fold: dict[str, str] = Field(
        default_factory=dict, description="letters made one before matching (letter variants)")
    drop: str = Field("", description="characters removed before matching (diacritics, elongation)")
    free_word_order: bool = Field(
        False, description="the words a rule looks for near each other may come in either order (Chinese "
        "puts the object before the verb: 为恐怖主义辩护): the direction of `near` is not applied")
    endings: str | None = Field(
        None, description="regex: endings a defined term may take when it recurs, in a language without "
        "a stemmer (English: 's', the plural)")
    wildcard_endings: list[str] = Field(
        default_factory=list, description="with a stemmer: endings tried after the letters of a word that "
        "ends in `*`, so that the wildcard also matches words whose stem is shorter than those letters "
        "(Spanish 'subversi*': 'subversivas' has the stem 'subvers'); each stem so found is matched as a "
        "whole word")

    @field_validator("endings")
    @classmethod
    def _endings(cls, value: str | None) -> str | None:
        return check_regex(value) if value is not None else None


class FormCheck(Strict):
    """A term and inflected forms it must match (checked by the test suite)."""

    term: str
    forms: list[str] = Field(min_length=1)


class PenaltyExample(Strict):
    text: str
    custodial: bool | None = None
    max_years: float | None = None
    min_years: float | None = None
    life: bool | None = None
    fine: bool | None = None
    ancillary_ban: bool | None = None
    forced_labour: bool | None = None


PLACEHOLDERS = re.compile(r"\{(n|lo|hi|unit|lo_unit)\}")


class PenaltySpec(Strict):
    """How penalties are written. Regular expressions run on the normalised (lower-case) text;
    in ``ranges``, ``maximum`` and ``minimum``, ``{n}``, ``{lo}`` and ``{hi}`` stand for a number
    (in figures or in the words of ``numbers``) and ``{unit}`` for a unit of ``years`` or
    ``months``; in a range, ``{lo_unit}`` is the unit of the lower bound when it has its own ("from
    six months to two years")."""

    numbers: dict[str, float] = Field(default_factory=dict, description="numbers written in words")
    years: str = Field(description="regex: the word(s) for years")
    months: str = Field(description="regex: the word(s) for months")
    custodial: str = Field(description="regex: words of a custodial penalty")
    life: str | None = None
    fine: str | None = None
    ancillary_ban: str | None = None
    forced_labour: str | None = None
    ranges: list[str] = Field(default_factory=list)
    maximum: list[str] = Field(default_factory=list)
    minimum: list[str] = Field(default_factory=list)
    not_after: str | None = Field(None, description="regex: words just before a period that is no sentence ('within')")
    near_words: int = Field(14, description="a period counts only this many words from a custodial word")
    examples: list[PenaltyExample] = Field(default_factory=list)

    @field_validator("years", "months", "custodial", "life", "fine", "ancillary_ban", "forced_labour", "not_after")
    @classmethod
    def _regex(cls, value: str | None) -> str | None:
        return check_regex(value) if value is not None else None

    @field_validator("ranges", "maximum", "minimum")
    @classmethod
    def _templates(cls, value: list[str]) -> list[str]:
        for template in value:
            check_regex(PLACEHOLDERS.sub("1", template))
        return value


class DefinitionsSpec(Strict):
    """How a provision defines its terms and mentions words without enacting them."""

    defines: list[str] = Field(default_factory=list, description="regexes; group 1 is the defined term")
    saving: list[str] = Field(default_factory=list, description="regexes where a saving or exclusion clause starts")
    optional: list[str] = Field(
        default_factory=list, description="regexes where an optional clause starts ('a Party may require')")
    not_required: list[str] = Field(
        default_factory=list, description="regexes where a clause starts that says an element is not "
        "required ('whether or not', 'regardless of whether') or presumes it ('shall be presumed'): its words, "
        "up to the next comma, are not elements of the offence")
    no_defence: list[str] = Field(
        default_factory=list, description="regexes where a clause starts that denies a defence ('it is not a "
        "defence that', 'ne constitue pas une excuse'): the words of its phrase (from the last comma or full stop "
        "before it) to the end of its sentence or clause are no defence, nor elements of the offence")
    offence_start: list[str] = Field(
        default_factory=list, description="regexes for the words that open an offence's main clause "
        "('whoever', 'quiconque', 'el que'): a saving clause that opens a sentence ('Except where section 3 "
        "does not apply, whoever …') ends at the comma before them")

    @field_validator("defines", "saving", "optional", "not_required", "no_defence", "offence_start")
    @classmethod
    def _regexes(cls, value: list[str]) -> list[str]:
        for rx in value:
            check_regex(rx)
        return value

    @model_validator(mode="after")
    def _groups(self) -> DefinitionsSpec:
        for rx in self.defines:
            if re.compile(rx).groups < 1:
                raise ValueError(f"a 'defines' expression needs a group for the defined term: {rx}")
        return self


class HeadingsSpec(Strict):
    """How articles and their divisions are headed, for the text, Markdown, Word and PDF readers."""

    article: list[str] = Field(
        default_factory=list, description="regexes of the word before an article number ('Article', 'Art\\.')")
    section: list[str] = Field(default_factory=list, description="the same for sections (their ids start 'sec-')")
    article_forms: list[str] = Field(
        default_factory=list,
        description="regexes of a whole heading with its number in a named group 'num' (第十六条)")
    division: list[str] = Field(default_factory=list, description="regexes of the word before a chapter or part number")
    division_forms: list[str] = Field(default_factory=list, description="regexes of a whole division heading (第一章)")
    numerals: dict[str, int] = Field(
        default_factory=dict, description="numerals written as characters, for article ids: digits and the "
        "multipliers 10, 100, 1000 (一: 1 … 十: 10, 百: 100): 第一百二十条 gives art-120; a form's group 'sub' "
        "(之三) gives art-120-3")

    @field_validator("article", "section", "article_forms", "division", "division_forms")
    @classmethod
    def _regexes(cls, value: list[str]) -> list[str]:
        for rx in value:
            check_regex(rx)
        return value

    @field_validator("article_forms")
    @classmethod
    def _num(cls, value: list[str]) -> list[str]:
        for rx in value:
            if "num" not in re.compile(rx).groupindex:
                raise ValueError(f"an article form needs a group (?P<num>...) for the number: {rx}")
        return value


class RedraftSpec(Strict):
    """How the redraft edits text in this language (its remedies' edits are written in it)."""

    connectors: list[str] = Field(default_factory=list, description="words joining list items ('or', 'and')")
    penalty_sentence: str | None = Field(None, description="regex: a sentence that states the penalty")
    tidy: list[Substitution] = Field(default_factory=list, description="clean-ups after an edit (e.g. 'a'/'an')")
    needs_complement: list[str] = Field(
        default_factory=list, description="words that cannot end a phrase (prepositions, articles, possessives): "
        "an edit that leaves one before a word of 'cannot_follow', a punctuation mark or the end is withheld")
    cannot_follow: list[str] = Field(
        default_factory=list, description="words that cannot come straight after one of 'needs_complement' "
        "(prepositions, auxiliaries: 'to of', 'the shall')")

    @field_validator("penalty_sentence")
    @classmethod
    def _regex(cls, value: str | None) -> str | None:
        return check_regex(value) if value is not None else None


class RuleText(Strict):
    """A rule's words for people, in the lexicon's language (each field optional: what is not
    given stays in the rule's own language)."""

    title: str | None = Field(None, min_length=3, max_length=80)
    message: str | None = None
    rationale: str | None = None
    question: str | None = None
    advice: str | None = None
    redraft: str | None = None


class Lexicon(Strict):
    language: str = Field(pattern=r"^[a-z]{2,3}$", description="ISO 639-1 code")
    name: str
    coverage: Literal["complete", "core"] = Field(
        "complete", description="'complete': every rule has words and examples in this language; "
        "'core': only some rules (the others make their test need review)")
    morphology: MorphologySpec = MorphologySpec.model_construct()
    vocabularies: dict[str, VocabWords] = Field(default_factory=dict)
    penalty: PenaltySpec | None = None
    definitions: DefinitionsSpec = DefinitionsSpec.model_construct()
    headings: HeadingsSpec = HeadingsSpec.model_construct()
    redraft: RedraftSpec = RedraftSpec.model_construct()
    forms: list[FormCheck] = Field(default_factory=list)
    examples: dict[str, Examples] = Field(default_factory=dict, description="rule id -> examples in this language")
    texts: dict[str, RuleText] = Field(
        default_factory=dict, description="rule id -> its title, message, rationale, question and remedy in this "
        "language (none yet: reports speak English; a lexicon may translate them rule by rule)")
