"""This checkout against another one, in alternated pairs: the wall-clock figures of speed.py move by
a third from one run to the next on a shared machine, so two versions are compared run by run.

    python benchmarks/paired.py --against OTHER     # OTHER: a checkout (e.g. `git worktree add`)
    python benchmarks/paired.py --against OTHER --pairs 15

For each measure the two versions run one after the other, the order alternating, and the ratio of
each pair (this / other) is reported with its median and range, beside each version's median:
- the engine on 2,000 provisions with every core, and on 500 on one core (ms per provision);
- the cold start of `rightscheck check` on one short file, as users run it (a fresh process; three
  pairs each time);
- the whole `check` of a 2,000-provision YAML file to JSON, in a fresh process.
Each version has a cache of its own (`RIGHTSCHECK_CACHE`) and its bytecode compiled beforehand:
with one cache, each run would find the other version's cache and replace it, and both would be
measured cold. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

ENGINE = r"""
import gc, sys, time
sys.path.insert(0, sys.argv[1])
from speed import corpus
from rightscheck.engine import assess
from rightscheck.limits import GC_THRESHOLD
from rightscheck.models import Provision
from rightscheck.rules import load_packs
gc.set_threshold(*GC_THRESHOLD)
packs = load_packs()
provisions = [Provision(**p) for p in corpus(2000)]
assess(provisions[:20], packs)
every = []
for _ in range(3):
    start = time.perf_counter(); assess(provisions, packs); every.append(time.perf_counter() - start)
one = []
for _ in range(2):
    start = time.perf_counter(); assess(provisions[:500], packs, jobs=1); one.append(time.perf_counter() - start)
print(min(every) / 2000 * 1000, min(one) / 500 * 1000)
"""
CLI = "from rightscheck.cli import main; main()"


def _summary(label: str, unit: str, pairs: list[tuple[float, float]]) -> str:
    here, other = [h for h, _ in pairs], [o for _, o in pairs]
    ratios = [h / o for h, o in pairs]
    return (f"{label}: this {statistics.median(here):.3f} {unit}, other {statistics.median(other):.3f} {unit} "
            f"(medians); this/other {statistics.median(ratios):.3f} ({min(ratios):.3f}-{max(ratios):.3f}, "
            f"{len(pairs)} pairs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", required=True, type=Path, help="the other checkout (its src/ and rules/)")
    parser.add_argument("--pairs", type=int, default=9)
    args = parser.parse_args()
    other = args.against.resolve()
    if not (other / "src" / "rightscheck").is_dir():
        raise SystemExit(f"{other} is not a checkout of rightscheck (no src/rightscheck)")
    with tempfile.TemporaryDirectory() as tmp:
        envs = {}
        for name, root in (("this", ROOT), ("other", other)):
            compileall.compile_dir(str(root / "src" / "rightscheck"), quiet=1)
            envs[name] = dict(os.environ, PYTHONPATH=str(root / "src"), RIGHTSCHECK_CACHE=str(Path(tmp) / name))
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from speed import corpus

        big = Path(tmp) / "big.yaml"
        big.write_text(yaml.safe_dump({"provisions": corpus(2000)}, allow_unicode=True, sort_keys=False), "utf-8")
        out = Path(tmp) / "out.json"
        short = ["check", str(ROOT / "examples" / "cis-2018-extremist-materials.yaml"), "--format", "json",
                 "--output", str(out)]
        full = ["check", str(big), "--format", "json", "--output", str(out)]

        def timed(argv: list[str], env: dict[str, str]) -> float:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", CLI, *argv], env=env, capture_output=True, check=False)
            return time.perf_counter() - start

        def engine(env: dict[str, str]) -> tuple[float, float]:
            done = subprocess.run([sys.executable, "-c", ENGINE, str(ROOT / "benchmarks")], env=env,
                                  capture_output=True, text=True, check=True)
            every, one = map(float, done.stdout.split())
            return every, one

        for env in envs.values():  # each version's caches built before anything is timed
            timed(short, env)
            timed(full, env)
        every, one, cold, whole = [], [], [], []
        for i in range(args.pairs):
            order = ("this", "other") if i % 2 == 0 else ("other", "this")
            engines = {name: engine(envs[name]) for name in order}
            every.append((engines["this"][0], engines["other"][0]))
            one.append((engines["this"][1], engines["other"][1]))
            # a cold start is short and a slow moment of the host weighs on it: three pairs, back to back
            for _ in range(3):
                starts = {name: timed(short, envs[name]) * 1000 for name in order}
                cold.append((starts["this"], starts["other"]))
            wholes = {name: timed(full, envs[name]) for name in order}
            whole.append((wholes["this"], wholes["other"]))
    print(f"this checkout: {ROOT}; other: {other}")
    print(_summary("engine, every core", "ms per provision", every))
    print(_summary("engine, one core", "ms per provision", one))
    print(_summary("cold start of one short check", "ms", cold))
    print(_summary("whole check of 2,000 provisions to JSON", "s", whole))


if __name__ == "__main__":
    main()
