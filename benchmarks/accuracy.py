"""Accuracy: compare rightscheck's findings with what authoritative bodies found.

    python benchmarks/accuracy.py [EVAL_DIR] [--part development|validation|both] [--details PART]
                                  [--language LANG] [--rules DIR] [--corpus-only]

1. The corpus of real provisions (tests/corpus/, split by jurisdiction in tests/corpus/split.yaml):
   for each part, overall, per language and per doctrine area — verdict agreement (exact, and
   binary: concern or no concern), defect recall (an expected defect found under an expected
   test), term recall (the words an authority criticised covered by any finding), present
   elements reported missing, endorsed texts with a high or critical finding, and the rank
   correlation of score and expert verdict. ``--details PART`` lists each miss of that part (rules
   are tuned on the development part: look at validation misses only to report them).
2. The small evaluation set (EVAL_DIR, default tests/data: dev-provisions.yaml and dev-expected.yaml) and
   the good-practice references: these gate the exit status.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

from rightscheck.engine import assess
from rightscheck.evaluate import compare, same_verdict
from rightscheck.readers.yaml_reader import read_yaml
from rightscheck.rules import load_packs

ROOT = Path(__file__).resolve().parents[1]


def find_eval_dir(arg: str | None) -> Path:
    for candidate in ([Path(arg)] if arg else []) + [ROOT / "tests" / "data"]:
        if (candidate / "dev-provisions.yaml").is_file():
            return candidate
    sys.exit("no evaluation set found (give its folder as the first argument)")


def _pct(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


def _row(label: str, s) -> str:
    return (f"  {label:<24} {s.entries:>4} {s.assessed:>4}  exact {_pct(s.verdict_exact)}"
            f"  binary {_pct(s.verdict_binary)}"
            f"  defects {_pct(s.defect_recall)} (n={s.defects:>3}, any test {_pct(s.defect_recall_any_test)})"
            f"  terms {_pct(s.term_recall)} (n={s.terms:>3})"
            f"  false-missing {s.false_missing}/{s.satisfied}  endorsed-high {len(s.endorsed_with_high)}/{s.endorsed}"
            f"  rho {_pct(s.rank_correlation)}")


def corpus_report(which: str, details: str | None, language: str | None = None, rules: str | None = None) -> None:
    """Figures on the corpus, part by part."""
    from rightscheck.corpus import load_corpus, load_split, parts
    from rightscheck.evaluate import evaluate_entry, summarise

    folder = ROOT / "tests" / "corpus"
    entries = load_corpus(folder)
    if language:
        entries = [e for e in entries if e.language == language]
    split = load_split(folder)
    packs = load_packs([Path(rules)] if rules else None)
    report = assess([e.provision() for e in entries], packs)
    by_id = {p.id: p for p in report.provisions}
    print(f"corpus: {len(entries)} entries, {len({e.jurisdiction for e in entries})} jurisdictions "
          f"(split: {'tests/corpus/split.yaml' if split else 'none yet'})")
    print("  columns: entries, assessed (a language no pack covers is not assessed)")
    for part, members in parts(entries, split).items():
        if which not in {"both", part}:
            continue
        results = [evaluate_entry(by_id[e.id], e.expected) for e in members]
        print(f"\n{part} part")
        print(_row("all", summarise(results)))
        for lang in sorted({r.language for r in results}):
            print(_row(f"language {lang}", summarise([r for r in results if r.language == lang])))
        for area in sorted({a for r in results for a in r.areas}):
            print(_row(f"area {area}", summarise([r for r in results if area in r.areas])))
        s = summarise(results)
        for item in s.endorsed_with_high:
            print(f"    endorsed text with a high finding: {item}")
        if details == part:
            for r in results:
                if not r.assessed:
                    continue
                if not same_verdict(r.expected, r.got):
                    print(f"    verdict {r.id}: expected {r.expected}, got {r.got} ({r.score})")
                for d in r.defects:
                    if not d.found:
                        words = ", ".join(d.terms) or "(missing element)"
                        others = ", ".join(sorted(set(d.elsewhere)))
                        elsewhere = f" (under another test: {others})" if others else ""
                        print(f"    missed {r.id} {'/'.join(d.tests)}: {words}{elsewhere}")
                for rule in r.false_missing:
                    print(f"    present element reported missing: {r.id} {rule}")


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    which = sys.argv[sys.argv.index("--part") + 1] if "--part" in sys.argv else "both"
    details = sys.argv[sys.argv.index("--details") + 1] if "--details" in sys.argv else None
    language = sys.argv[sys.argv.index("--language") + 1] if "--language" in sys.argv else None
    rules = sys.argv[sys.argv.index("--rules") + 1] if "--rules" in sys.argv else None
    args = [a for a in args if a not in {which, details, language, rules}]
    corpus_report(which, details, language, rules)
    if "--corpus-only" in sys.argv:
        return 0
    print()
    eval_dir = find_eval_dir(args[0] if args else None)
    provisions = read_yaml((eval_dir / "dev-provisions.yaml").read_text("utf-8"), "dev-provisions.yaml")
    expected = yaml.safe_load((eval_dir / "dev-expected.yaml").read_text("utf-8"))["expected"]
    report = assess(provisions, load_packs())
    acc = compare(report, expected)
    found = sum(d.found for d in acc.defects)
    print(f"evaluation set: {eval_dir}")
    print(f"provisions: {acc.provisions}")
    print(f"verdict agreement: {acc.verdicts_agreed}/{acc.provisions} = {acc.verdict_agreement:.2f}")
    for pid, exp, got in acc.verdict_rows:
        print(f"  {pid:<32} expected {exp:<12} got {got}{'' if same_verdict(exp, got) else '   <-- differs'}")
    print(f"expected defects found under an expected test: {found}/{len(acc.defects)} = {acc.defect_recall:.2f}")
    for d in acc.defects:
        words = ", ".join(d.terms) or "(missing element)"
        by = ", ".join(d.found_by) or "NOT FOUND"
        print(f"  {d.provision:<32} {'/'.join(d.tests):<26} {words[:50]:<50} <- {by}")
    print(f"present elements reported missing: {len(acc.false_missing)}/{acc.satisfied_total} "
          f"= {acc.false_missing_rate:.2f} {acc.false_missing or ''}")
    print(f"high or critical findings on compatible provisions: {len(acc.high_on_compatible)} "
          f"{acc.high_on_compatible or ''}")
    total_span_findings = sum(1 for p in report.provisions for f in p.findings if f.spans)
    print(f"findings with words that match no expected defect: {len(acc.unmatched_findings)}"
          f"/{total_span_findings} (not necessarily wrong: the authorities listed their main concerns)")
    counts = Counter(rule for _, rule in acc.unmatched_findings)
    if counts:
        print("  " + ", ".join(f"{rule} x{n}" for rule, n in counts.most_common()))
    per_rule(report, acc)
    good_ok = good_practice()
    ok = acc.defect_recall >= 0.9 and not acc.false_missing and not acc.high_on_compatible and good_ok
    return 0 if ok else 1


def per_rule(report, acc) -> None:
    """Per rule: findings on the set, how many matched an expected defect, and the lintscore
    T·(T/(T+F))² (T matched, F unmatched findings with words) as one precision-weighted figure."""
    matched = Counter(rule for d in acc.defects for rule in set(d.found_by))
    fired = Counter(f.rule for p in report.provisions for f in p.findings if f.spans)
    unmatched = Counter(rule for _, rule in acc.unmatched_findings)
    t, f = sum(fired.values()) - sum(unmatched.values()), sum(unmatched.values())
    score = t * (t / (t + f)) ** 2 if t + f else 0.0
    print(f"lintscore T·(T/(T+F))²: T={t} F={f} -> {score:.1f}")
    print("per rule (findings with words / matching an expected defect / not matching):")
    for rule in sorted(fired):
        print(f"  {rule:<42} {fired[rule]:>2} {matched.get(rule, 0):>2} {unmatched.get(rule, 0):>2}")


def good_practice() -> bool:
    """The good-practice references must come out compatible with no high or critical finding."""
    path = ROOT / "examples" / "good-practice.yaml"
    report = assess(read_yaml(path.read_text("utf-8"), path.name), load_packs())
    print("good-practice references (examples/good-practice.yaml):")
    ok = True
    for p in report.provisions:
        high = [f.rule for f in p.findings if f.serious]
        ok = ok and p.overall.verdict in {"compatible", "not_engaged"} and not high
        print(f"  {p.id:<32} {p.overall.verdict:<12} score {p.overall.score:g}  "
              f"high findings: {len(high)} {high or ''}")
    return ok


if __name__ == "__main__":
    raise SystemExit(main())
