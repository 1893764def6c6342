"""Minimal pairs: whether the pack reads what a provision's structure does to its words.

    python benchmarks/minimal_pairs.py [LANG ...] [--misses tuning]

Reads tests/data/minimal-pairs/<lang>.yaml: in each language, pairs of versions of one provision that
differ only in a structural element (a defence named only to be refused, an element waived or presumed,
a penalty given only as a minimum, a definition under another label, an optional clause ...), written
without sight of the lexicons. For each language and each half (the tuning half, which rule and lexicon
changes may read, and the held-out half, which they may not) it prints how many flag versions draw the
rule of their concept, how many pass versions do not, and how many pairs get both right. ``--misses
tuning`` lists the tuning half's misses; there is no option for the other half.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from language_files import PARTS, arguments, assessed

from rightscheck.rules import load_packs

FOLDER = Path(__file__).resolve().parents[1] / "tests" / "data" / "minimal-pairs"


def main(languages: list[str], show_misses: bool) -> None:
    packs = load_packs()
    for language, items in assessed(FOLDER, "items", languages, packs):
        counts: Counter[tuple[str, str]] = Counter()
        right: dict[tuple[str, int], bool] = {}
        for item, provision in items:
            part, concept, version = item["part"], item["concept"], item["version"]
            fired = any(f.rule == concept for f in provision.findings)
            ok = fired if version == "flag" else not fired
            counts[part, version] += 1
            counts[part, version + " right"] += ok
            right[part, item["pair"]] = right.get((part, item["pair"]), True) and ok
            if show_misses and part == "tuning" and not ok:
                print(f"  {version} {concept} (pattern {item['pattern']}): {item['text']}")
        pairs = Counter(part for part, _ in right)
        both = Counter(part for (part, _), ok in right.items() if ok)
        print(f"{language}: " + "   ".join(
            f"{part} flag {counts[part, 'flag right']}/{counts[part, 'flag']}, pass {counts[part, 'pass right']}/"
            f"{counts[part, 'pass']}, both {both[part]}/{pairs[part]}" for part in PARTS))


if __name__ == "__main__":
    main(*arguments(sys.argv[1:]))
