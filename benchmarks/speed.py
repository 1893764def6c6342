"""Speed and memory of rightscheck on 2,000 provisions, and its cold start.

    python benchmarks/speed.py [N]
    python benchmarks/speed.py --series     # 1 -> 20,000 provisions, JSON against JSON Lines

Reports: rule-pack load time; milliseconds per provision and provisions per second for the
built-in pack (engine only, after loading, batches spread over every core); per language, on the
corpus's real provisions in that language, the engine on one core (after a warm-up that compiles
the language's patterns; wall time and CPU time, the best of three runs each) and with every core
(worker start-up included); the whole `check` of an N-provision YAML file in a fresh process against
merely loading that YAML file in a fresh process (the floor); the cold start of
`rightscheck check` on one short file, and on one plain-text article in each language (language
detection included), also without what the measuring launcher itself costs (its own interpreter
and the spawn, timed on `true`); and peak memory (max RSS) of the full check.
Figures, not assertions: run it before and after a change.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def corpus(n: int) -> list[dict]:
    base = []
    for f in sorted(EXAMPLES.glob("*.yaml")):  # the English examples (other languages are measured below)
        base += [p for p in yaml.safe_load(f.read_text("utf-8"))["provisions"] if p.get("language", "en") == "en"]
    out = []
    for i in range(n):
        p = dict(base[i % len(base)])
        p["id"] = f"{p['id']}-{i}"
        p["text"] = p["text"] + f"\n(Variant {i}.)"
        out.append(p)
    return out


# A small launcher process starts the measured one and reads its peak memory with wait4: Linux
# keeps a process's peak RSS across fork and exec, so a child started straight from this (large)
# benchmark process would report this process's peak as its own.
LAUNCHER = """
import os, sys
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ)
_, status, usage = os.wait4(pid, 0)
print(usage.ru_maxrss, file=sys.stderr)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def timed_process(args: list[str], repeat: int = 5, script: Path | None = None) -> tuple[float, float]:
    """Median wall time (s) and peak RSS (MiB) of the command ``args`` (``rightscheck …``) or of
    a ``script`` run with ``args``, each in a fresh process, measured as users run it."""
    program = args[0] if Path(args[0]).is_absolute() else str(Path(sys.executable).with_name(args[0]))
    argv = [sys.executable, str(script), *args] if script else [program, *args[1:]]
    times, rss = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", LAUNCHER, *argv], capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"command failed: {argv}\n{proc.stderr}")
        rss.append(int(proc.stderr.strip().splitlines()[-1]) / 1024)
    return statistics.median(times), max(rss)


def paired(first: list[str], second: list[str], repeat: int = 7) -> tuple[float, float, float]:
    """Both commands run alternately ``repeat`` times: the median ratio second/first of each pair
    (a slow moment of the machine slows both), with its smallest and largest value."""
    ratios = []
    for _ in range(repeat):
        a, _ = timed_process(first, repeat=1)
        b, _ = timed_process(second, repeat=1)
        ratios.append(b / a)
    return statistics.median(ratios), min(ratios), max(ratios)


def _wall_and_cpu(fn) -> tuple[float, float]:
    """Wall time and CPU time of one run of ``fn`` in this process: on a shared virtual machine,
    the CPU time leaves out the time the host gives to others (which wall time counts)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def language_batch(texts: list[str], lang: str, n: int, packs: list) -> list:
    """``n`` provisions in ``lang`` made of the corpus's ``texts`` (each made distinct), after a
    warm-up: each distinct text once, so that the patterns of the language (compiled the first time
    a text needs them) are compiled before any clock starts. Also used by instructions.py."""
    from rightscheck.engine import assess
    from rightscheck.models import Provision

    batch = [Provision(id=f"{lang}-{i}", language=lang, text=texts[i % len(texts)] + f"\n({i})")
             for i in range(n)]
    assess(batch[:len(texts)], packs, jobs=1)
    return batch


def compiled_bytecode() -> None:
    """Compile the package's modules before anything is timed, as pip does when it installs: in
    an editable checkout with PYTHONDONTWRITEBYTECODE set, every start would otherwise compile the
    modules changed since their bytecode was written (a tenth of a second, on no user's machine)."""
    import compileall

    import rightscheck

    compileall.compile_dir(str(Path(rightscheck.__file__).parent), quiet=1)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    compiled_bytecode()
    import gc

    from rightscheck.limits import GC_THRESHOLD

    gc.set_threshold(*GC_THRESHOLD)  # as the command line runs
    from rightscheck.engine import assess
    from rightscheck.models import Provision
    from rightscheck.rules import load_packs

    start = time.perf_counter()
    packs = load_packs()
    load_s = time.perf_counter() - start
    provisions = [Provision(**p) for p in corpus(n)]
    assess(provisions[:20], packs)  # warm-up
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        assess(provisions, packs)
        runs.append(time.perf_counter() - start)
    engine_s = min(runs)
    rules = sum(len(p.rules) for p in packs)
    print(f"rule packs: {rules} rules, loaded and compiled in {load_s * 1000:.0f} ms")
    print(f"engine on {n} provisions (every core): {engine_s:.2f} s = {engine_s / n * 1000:.2f} ms per provision, "
          f"{n / engine_s:.0f} provisions per second")
    from rightscheck.corpus import load_corpus

    by_language: dict[str, list[str]] = {}
    for entry in load_corpus(ROOT / "tests" / "corpus"):
        by_language.setdefault(entry.language, []).append(entry.text)
    languages = [lang for lang in dict.fromkeys(lang for p in packs for lang in p.languages) if lang in by_language]
    for lang in languages:
        texts = by_language[lang]
        batch = language_batch(texts, lang, max(500, n // 4), packs)
        runs = [_wall_and_cpu(lambda b=batch: assess(b, packs, jobs=1)) for _ in range(3)]
        one, cpu = min(r[0] for r in runs), min(r[1] for r in runs)
        every = min(_wall_and_cpu(lambda b=batch: assess(b, packs))[0] for _ in range(3))
        print(f"  language {lang}: {one / len(batch) * 1000:.2f} ms per provision on one core "
              f"({cpu / len(batch) * 1000:.2f} ms of CPU time); "
              f"{every / len(batch) * 1000:.2f} ms with every core, worker start-up included "
              f"({len(texts)} real provisions, repeated to {len(batch)})")
    for length in (25_000, 100_000, 200_000):
        long_text = " ".join(p.text for p in provisions)[:length]
        start = time.perf_counter()
        assess([Provision(id="long", text=long_text)], packs)
        print(f"one provision of {length:,} characters: {time.perf_counter() - start:.2f} s")

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "provisions.yaml"
        big.write_text(yaml.safe_dump({"provisions": corpus(n)}, allow_unicode=True), encoding="utf-8")
        out = Path(tmp) / "out.json"
        loader = Path(tmp) / "load_only.py"
        loader.write_text(
            "import sys, yaml\nLoader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)\n"
            "yaml.load(open(sys.argv[1], encoding='utf-8'), Loader=Loader)\n"
        )
        floor_s, floor_rss = timed_process([str(big)], repeat=3, script=loader)
        full_s, full_rss = timed_process(
            ["rightscheck", "check", str(big), "--format", "json", "--output", str(out)], repeat=3)
        ratio, low, high = paired([sys.executable, str(loader), str(big)],
                                  ["rightscheck", "check", str(big), "--format", "json", "--output", str(out)],
                                  repeat=5)
        cold_s, cold_rss = timed_process(
            ["rightscheck", "check", str(EXAMPLES / "cis-2018-extremist-materials.yaml"), "--format", "json",
             "--output", str(out)])
        # what the measuring itself costs (the launcher's own interpreter, the spawn): a user who
        # types the command does not pay it
        launcher_s, _ = timed_process([shutil.which("true") or "/bin/true"])
        cold_language = {}
        for lang in languages:
            article = Path(tmp) / f"article-{lang}.txt"
            article.write_text(by_language[lang][0], encoding="utf-8")
            cold_language[lang] = timed_process(
                ["rightscheck", "check", str(article), "--format", "json", "--output", str(out)])
    print(f"fresh process, load the {n}-provision YAML only (floor): {floor_s:.2f} s, {floor_rss:.0f} MiB")
    print(f"fresh process, full check of the same file to JSON: {full_s:.2f} s, peak {full_rss:.0f} MiB")
    print(f"  paired ratio full check / floor: median {ratio:.1f}x (range {low:.1f}-{high:.1f}x over 5 pairs)")
    own = launcher_s * 1000
    print(f"cold start, check of one short file: {cold_s * 1000:.0f} ms, peak {cold_rss:.0f} MiB "
          f"({cold_s * 1000 - own:.0f} ms without the measuring launcher's own {own:.0f} ms)")
    for lang, (secs, rss) in cold_language.items():
        print(f"cold start, one plain-text article in {lang} (detected): {secs * 1000:.0f} ms, peak {rss:.0f} MiB "
              f"({secs * 1000 - own:.0f} ms without the launcher)")


def series() -> None:
    """Time and peak memory of a full check as the input grows, for the JSON report and for JSON
    Lines (both written provision by provision: memory should not grow with the number of reports),
    beside what merely reading the input costs."""
    print("provisions | JSON: s, peak MiB | JSON Lines: s, peak MiB | reading the input only: peak MiB")
    reader = ("import sys\nfrom rightscheck.readers import Limits, read_inputs\n"
              "read_inputs([sys.argv[1]], Limits(40, 50000))\n")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (1, 200, 2000, 20000):
            big = Path(tmp) / f"p{n}.yaml"
            big.write_text(yaml.safe_dump({"provisions": corpus(n)}, allow_unicode=True), encoding="utf-8")
            limits = ["--max-file-mb", "40", "--max-provisions", "50000"]
            js = timed_process(["rightscheck", "check", str(big), "--format", "json", "-o", str(big) + ".json",
                                *limits], repeat=1)
            jl = timed_process(["rightscheck", "check", str(big), "--format", "jsonl", "-o", str(big) + ".jsonl",
                                *limits], repeat=1)
            script = Path(tmp) / "read.py"
            script.write_text(reader, encoding="utf-8")
            rd = timed_process([str(big)], repeat=1, script=script)
            print(f"{n} | {js[0]:.1f}, {js[1]:.0f} | {jl[0]:.1f}, {jl[1]:.0f} | {rd[1]:.0f}")


if __name__ == "__main__":
    if "--series" in sys.argv:
        series()
    else:
        main()
