"""Split the corpus once, by jurisdiction, into development and validation parts.

    python benchmarks/split_corpus.py [--force]

Writes tests/corpus/split.yaml (seed and method written down in it). It refuses to overwrite an
existing split unless --force: the split is made once, and rules are tuned on the development part
only. Jurisdictions added later are assigned by a hash of the seed (rightscheck.corpus.split_part).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from rightscheck.corpus import load_corpus, make_split

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"


def main() -> int:
    target = CORPUS / "split.yaml"
    if target.exists() and "--force" not in sys.argv:
        print(f"{target} exists: the split is made once (use --force to remake it)")
        return 1
    split = make_split(load_corpus(CORPUS))
    header = ("# The corpus split, made once by benchmarks/split_corpus.py. Change rules by looking at the\n"
              "# development part only. moved_to_development: entry id -> what its validation miss taught.\n")
    target.write_text(header + yaml.safe_dump(split.model_dump(), sort_keys=False, allow_unicode=True, width=100),
                      "utf-8")
    print(f"wrote {target}: {len(split.development)} development and {len(split.validation)} validation jurisdictions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
