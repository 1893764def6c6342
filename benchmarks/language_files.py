"""The texts of a folder of per-language YAML files (tests/data/ordinary-law-real, tests/data/drafter-sentences,
tests/data/minimal-pairs), each assessed with the packs, and the command line of the benchmarks that read
them: shared by those benchmarks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from rightscheck.engine import assess
from rightscheck.models import Provision, ProvisionReport
from rightscheck.rules import Pack

PARTS = ("tuning", "held-out")  # the halves of a file split for tuning, in the order the benchmarks print them


def assessed(folder: Path, field: str, languages: list[str],
             packs: list[Pack]) -> Iterator[tuple[str, list[tuple[dict[str, Any], ProvisionReport]]]]:
    """For each file (in the languages asked for, or all): its language, and each item of its list
    ``field`` beside the report on the item's text."""
    for path in sorted(folder.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text("utf-8"))
        language = doc["language"]
        if languages and language not in languages:
            continue
        items = doc[field]
        report = assess([Provision(id=f"{language}-{i}", text=item["text"], language=language)
                         for i, item in enumerate(items)], packs)
        yield language, list(zip(items, report.provisions, strict=True))


def arguments(argv: list[str]) -> tuple[list[str], bool]:
    """The languages asked for (none: all), and whether ``--misses tuning`` asks to list the tuning
    half's misses (there is no option for the held-out half)."""
    misses = "--misses" in argv and argv[argv.index("--misses") + 1] == "tuning"
    return [a for a in argv if a not in ("--misses", "tuning")], misses
