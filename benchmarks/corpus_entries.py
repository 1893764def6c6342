"""Print the corpus entries of one part (and language) with what the authorities found, for a
lexicon or rule author to study. Rules and lexicons are written from the development part only.

    python benchmarks/corpus_entries.py [--part development] [--language LANG]
"""

from __future__ import annotations

import sys
from pathlib import Path

from rightscheck.corpus import load_corpus, load_split, parts

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    part = sys.argv[sys.argv.index("--part") + 1] if "--part" in sys.argv else "development"
    language = sys.argv[sys.argv.index("--language") + 1] if "--language" in sys.argv else None
    folder = ROOT / "tests" / "corpus"
    entries = load_corpus(folder)
    for e in parts(entries, load_split(folder))[part]:
        if language and e.language != language:
            continue
        x = e.expected
        print(f"=== {e.id} [{e.language}] {e.jurisdiction}: expected {x.verdict}"
              f"{' (endorsed)' if x.endorsed else ''}")
        print(e.text.strip())
        for d in x.defects:
            print(f"  defect {'/'.join(d.tests)}: {d.terms or '(missing element)'} - {d.note or ''}")
        for s in x.satisfied:
            print(f"  present {s.category}: {s.terms}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
