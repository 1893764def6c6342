"""Ordinary law: how often real statutes that restrict no speech draw a high or critical finding.

    python benchmarks/ordinary_law.py [LANG ...]

Reads tests/data/ordinary-law-real/<lang>.yaml: 400 articles per language, sampled at random from
public repositories of consolidated statutes (trade, tax, labour, civil, transport, environment ...;
the codes and Acts that restrict speech by design were left out when sampling, see each file's
header). For each language and each half (the tuning half, which rule changes may look at, and the
held-out half, which they may not), it prints the share of articles with at least one high or
critical finding and the rules behind them. Some articles do restrict expression (an advertising
ban, a duty to keep a professional secret), so the share is an upper bound on false alarms, not
their count.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from language_files import assessed

from rightscheck.rules import load_packs

FOLDER = Path(__file__).resolve().parents[1] / "tests" / "data" / "ordinary-law-real"


def main(languages: list[str]) -> None:
    for language, assessed_articles in assessed(FOLDER, "articles", languages, load_packs()):
        flagged: Counter[str] = Counter()
        total: Counter[str] = Counter()
        rules: Counter[str] = Counter()
        for article, provision in assessed_articles:
            total[article["half"]] += 1
            serious = {f.rule for f in provision.findings if f.serious}
            if serious:
                flagged[article["half"]] += 1
                rules.update(serious)
        shares = "   ".join(f"{half} {flagged[half]}/{total[half]} = {flagged[half] / total[half]:.1%}"
                           for half in ("tuning", "held-out"))
        print(f"{language}: {shares}   rules: " + ", ".join(f"{r} {n}" for r, n in rules.most_common(5)))


if __name__ == "__main__":
    main(sys.argv[1:])
