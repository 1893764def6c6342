"""The corpus of real provisions with what authorities found in them (``tests/corpus/*.yaml``).

Each entry is a provision in the input contract's shape plus where its text was read and the
authorities' findings (``expected``). The corpus is split once, by jurisdiction, into a
development and a validation part (:func:`split_part`): rules are changed by looking at the
development part only. Used by ``benchmarks/accuracy.py`` and the test suite.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from .errors import InputError
from .models import Model, PenaltyField, Provision
from .schema import TestId
from .yamlio import load_yaml_text

ExpectedVerdict = Literal["compatible", "concerns", "incompatible", "not_engaged"]
AREAS = (
    "terrorism-definition", "apology", "extremism", "false-information", "state-protection", "blasphemy",
    "memory", "discriminatory-target", "hatred", "membership", "penalty", "powers", "cyber",
    "threats-hoax-secrecy", "defamation", "public-order",
)
SPLIT_SEED = "rightscheck-corpus-2026"
DEVELOPMENT_SHARE = 60  # per cent of jurisdictions


class Authority(Model):
    body: str
    symbol: str
    pinpoint: str | None = None
    quote: str
    read_at: str
    verified: bool


class Defect(Model):
    tests: list[TestId] = Field(min_length=1)
    terms: list[str] = Field(default_factory=list, description="words of the text; [] = a missing element")
    note: str | None = None


class Satisfied(Model):
    category: str = Field(pattern=r"^missing-[a-z-]+$")
    terms: list[str] = Field(default_factory=list)


class Expected(Model):
    verdict: ExpectedVerdict
    endorsed: bool = False
    areas: list[Literal[AREAS]] = Field(default_factory=list)  # type: ignore[valid-type]
    findings: list[Authority] = Field(min_length=1)
    defects: list[Defect] = Field(default_factory=list)
    satisfied: list[Satisfied] = Field(default_factory=list)


class CorpusEntry(Model):
    id: str = Field(min_length=1)
    title: str
    jurisdiction: str
    instrument: str
    language: str
    translation: str | None = None
    original_of: str | None = None
    read_at: str
    recalled: bool = False
    text: str = Field(min_length=1)
    penalty: PenaltyField | None = None
    expected: Expected
    file: str = ""

    def provision(self) -> Provision:
        return Provision(
            id=self.id, title=self.title, source=f"{self.instrument} ({self.jurisdiction})",
            jurisdiction=self.jurisdiction, language=self.language, text=self.text, penalty=self.penalty,
            origin=self.file,
        )


def load_corpus(folder: Path) -> list[CorpusEntry]:
    """Every entry of every ``*.yaml`` file of the folder (``split.yaml`` aside), validated."""
    entries: list[CorpusEntry] = []
    first_seen: dict[str, str] = {}  # entry id -> the file that holds it
    for path in sorted(folder.glob("*.yaml")):
        if path.name == "split.yaml":
            continue
        doc = load_yaml_text(path.read_text("utf-8"), file=path.name, error=InputError)
        items = doc.data.get("provisions") if isinstance(doc.data, dict) else None
        if not isinstance(items, list):
            raise InputError("a corpus file has a list under 'provisions:'", file=path.name, line=1,
                             fix="see tests/corpus/README.md")
        for index, item in enumerate(items):
            try:
                entry = CorpusEntry.model_validate({**item, "file": path.name})
            except ValidationError as exc:
                err = exc.errors()[0]
                where = ".".join(str(p) for p in err["loc"])
                raise InputError(f"entry #{index + 1}: {where}: {err['msg']}", file=path.name,
                                 line=doc.line_of(("provisions", index, *err["loc"])),
                                 fix="see tests/corpus/README.md") from None
            if entry.id in first_seen:
                raise InputError(f"entry #{index + 1}: the id {entry.id!r} is already used in {first_seen[entry.id]}",
                                 file=path.name, line=doc.line_of(("provisions", index, "id")),
                                 fix="give the entry its own id, or drop it if it is the same provision")
            first_seen[entry.id] = path.name
            entries.append(entry)
    return entries


class Split(Model):
    """``tests/corpus/split.yaml``: the split, made once by ``benchmarks/split_corpus.py``."""

    seed: str
    method: str
    development: list[str]
    validation: list[str]
    moved_to_development: dict[str, str] = Field(
        default_factory=dict, description="entry id -> what its validation miss taught")


def make_split(entries: list[CorpusEntry], seed: str = SPLIT_SEED) -> Split:
    """Assign each jurisdiction by a hash of the seed and its name: development when the first
    eight hex digits modulo 100 are below DEVELOPMENT_SHARE, else validation."""
    names = sorted({e.jurisdiction for e in entries})
    return Split(
        seed=seed,
        method=f"sha256('{seed}:' + jurisdiction), first 8 hex digits mod 100 < {DEVELOPMENT_SHARE} -> development",
        development=[j for j in names if _hashed_part(j) == "development"],
        validation=[j for j in names if _hashed_part(j) == "validation"],
    )


def _hashed_part(jurisdiction: str) -> Literal["development", "validation"]:
    digest = hashlib.sha256(f"{SPLIT_SEED}:{jurisdiction}".encode()).hexdigest()
    return "development" if int(digest[:8], 16) % 100 < DEVELOPMENT_SHARE else "validation"


def split_part(jurisdiction: str, split: Split | None = None) -> Literal["development", "validation"]:
    """The part of a jurisdiction: as written in the split; a jurisdiction added to the corpus after
    the split goes by a hash of the seed and its name, so nothing already split ever moves."""
    if split is not None:
        if jurisdiction in split.development:
            return "development"
        if jurisdiction in split.validation:
            return "validation"
    return _hashed_part(jurisdiction)


def load_split(folder: Path) -> Split | None:
    path = folder / "split.yaml"
    if not path.is_file():
        return None
    doc = load_yaml_text(path.read_text("utf-8"), file=path.name, error=InputError)
    return Split.model_validate(doc.data)


def parts(entries: list[CorpusEntry], split: Split | None) -> dict[str, list[CorpusEntry]]:
    """Entries by part; entries the split moved to the development part after a validation miss
    taught something go there."""
    moved = split.moved_to_development if split else {}
    out: dict[str, list[CorpusEntry]] = {"development": [], "validation": []}
    for e in entries:
        out["development" if e.id in moved else split_part(e.jurisdiction, split)].append(e)
    return out
