"""Minimal pairs: whether the pack reads what a provision's structure does to its words.

    python benchmarks/minimal_pairs.py [LANG ...] [--misses tuning] [--patterns 15-28]

Reads tests/data/minimal-pairs/<lang>.yaml: in each language, pairs of versions of one provision that
differ only in a structural element (a defence named only to be refused, an element waived or presumed,
a penalty given only as a minimum, a definition under another label, an optional clause ...), written
without sight of the lexicons. For each language and each half (the tuning half, which rule and lexicon
changes may read, and the held-out half, which they may not) it prints how many flag versions draw the
rule of their concept, how many pass versions do not, and how many pairs get both right. ``--misses
tuning`` lists the tuning half's misses; there is no option for the other half. ``--patterns 15-28``
counts only the pairs of those structural patterns (the second set of pairs, written later: its own
start and end figures).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from language_files import PARTS, arguments, assessed

from rightscheck.rules import load_packs

FOLDER = Path(__file__).resolve().parents[1] / "tests" / "data" / "minimal-pairs"


def main(languages: list[str], show_misses: bool, patterns: range = range(1, 1000)) -> None:
    packs = load_packs()
    for language, items in assessed(FOLDER, "items", languages, packs):
        counts: Counter[tuple[str, str]] = Counter()
        right: dict[tuple[str, int], bool] = {}
        for item, provision in items:
            if item["pattern"] not in patterns:
                continue
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


def pattern_range(argv: list[str]) -> tuple[list[str], range]:
    """``--patterns A-B`` taken out of the arguments, as the range of pattern numbers it asks for."""
    if "--patterns" not in argv:
        return argv, range(1, 1000)
    at = argv.index("--patterns")
    low, _, high = argv[at + 1].partition("-")
    return argv[:at] + argv[at + 2:], range(int(low), int(high or low) + 1)


if __name__ == "__main__":
    rest, patterns = pattern_range(sys.argv[1:])
    main(*arguments(rest), patterns)
