"""Accuracy on the evaluation set: compare rightscheck's findings with what authoritative bodies
found (eval/dev-provisions.yaml and eval/dev-expected.yaml).

    python benchmarks/accuracy.py [EVAL_DIR]

EVAL_DIR defaults to ../shared/eval beside the repository, else tests/data. Prints verdict
agreement, defect recall, false "missing" findings, high findings on compatible provisions, and
each expected defect with the rules that found it.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

from rightscheck.engine import assess
from rightscheck.evaluate import compare
from rightscheck.readers.yaml_reader import read_yaml
from rightscheck.rules import load_packs

ROOT = Path(__file__).resolve().parents[1]


def find_eval_dir(arg: str | None) -> Path:
    for candidate in ([Path(arg)] if arg else []) + [ROOT.parent / "shared" / "eval", ROOT / "tests" / "data"]:
        if (candidate / "dev-provisions.yaml").is_file():
            return candidate
    sys.exit("no evaluation set found (give its folder as the first argument)")


def main() -> int:
    eval_dir = find_eval_dir(sys.argv[1] if len(sys.argv) > 1 else None)
    provisions = read_yaml((eval_dir / "dev-provisions.yaml").read_text("utf-8"), "dev-provisions.yaml")
    expected = yaml.safe_load((eval_dir / "dev-expected.yaml").read_text("utf-8"))["expected"]
    report = assess(provisions, load_packs())
    acc = compare(report, expected)
    found = sum(d.found for d in acc.defects)
    print(f"evaluation set: {eval_dir}")
    print(f"provisions: {acc.provisions}")
    print(f"verdict agreement: {acc.verdicts_agreed}/{acc.provisions} = {acc.verdict_agreement:.2f}")
    for pid, exp, got in acc.verdict_rows:
        print(f"  {pid:<32} expected {exp:<12} got {got}{'' if exp == got else '   <-- differs'}")
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
        high = [f.rule for f in p.findings if f.severity in {"high", "critical"}]
        ok = ok and p.overall.verdict == "compatible" and not high
        print(f"  {p.id:<32} {p.overall.verdict:<12} score {p.overall.score:g}  "
              f"high findings: {len(high)} {high or ''}")
    return ok


if __name__ == "__main__":
    raise SystemExit(main())
