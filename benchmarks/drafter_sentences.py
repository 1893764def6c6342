"""Drafter sentences: how well the lexicons carry a concept to wording they were not written from.

    python benchmarks/drafter_sentences.py [LANG ...] [--misses tuning]

Reads tests/data/drafter-sentences/<lang>.yaml: in each language, two sentences per concept of the
built-in pack, written in the manner of that language's statutes without sight of the lexicons, and
40 that restrict nothing protected. For each language and each half (the tuning half, which lexicon
changes may read, and the held-out half, which they may not) it prints: the share of concept
sentences that draw the rule of their concept ("found"), the share that draw some rule of the same
test ("same test"), and the share of the harmless sentences with no high or critical finding
("clean"). ``--misses tuning`` lists the tuning half's misses; there is no option for the other half.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from language_files import PARTS, arguments, assessed

from rightscheck.rules import load_packs

FOLDER = Path(__file__).resolve().parents[1] / "tests" / "data" / "drafter-sentences"


def main(languages: list[str], show_misses: bool) -> None:
    packs = load_packs()
    test_of = {rule.rule.id: rule.rule.test for pack in packs for rule in pack.rules}
    for language, assessed_sentences in assessed(FOLDER, "sentences", languages, packs):
        counts: Counter[tuple[str, str]] = Counter()
        for sentence, provision in assessed_sentences:
            part, concept = sentence["part"], sentence["concept"]
            rules = {f.rule for f in provision.findings}
            if concept == "pass":
                counts[part, "pass"] += 1
                counts[part, "clean"] += not any(f.serious for f in provision.findings)
                continue
            counts[part, "concept"] += 1
            counts[part, "found"] += concept in rules
            counts[part, "same test"] += any(test_of.get(r) == test_of[concept] for r in rules)
            if show_misses and part == "tuning" and concept not in rules:
                print(f"  miss {concept}: {sentence['text']}  [{', '.join(sorted(rules))}]")
        print(f"{language}: " + "   ".join(
            f"{part} found {counts[part, 'found']}/{counts[part, 'concept']} = "
            f"{counts[part, 'found'] / counts[part, 'concept']:.2f}, same test "
            f"{counts[part, 'same test'] / counts[part, 'concept']:.2f}, clean "
            f"{counts[part, 'clean']}/{counts[part, 'pass']}" for part in PARTS))


if __name__ == "__main__":
    main(*arguments(sys.argv[1:]))
