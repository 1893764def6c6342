"""Instructions the engine executes per provision, language by language: a figure that does not move
with the load of the machine, for comparing two versions of the code or the rules.

    python benchmarks/instructions.py                 # every language of the built-in pack
    python benchmarks/instructions.py ru fr           # some languages
    python benchmarks/instructions.py --src OTHER/src --rules OTHER/rules ru   # another checkout

Wall-clock figures (benchmarks/speed.py) move by a third from one run to the next on a shared
machine. This counts the instructions of the Python process under Valgrind's cachegrind
(``--cache-sim=no``, so only the count): once after loading the packs and reading each distinct
text of the language once (which compiles its patterns), and once more after assessing 400
provisions of the corpus in that language; the difference over 400 is the figure. Hash
randomisation is fixed (``PYTHONHASHSEED=0``) and each language gets a compiled-pack cache of its
own (``RIGHTSCHECK_CACHE``), built beforehand, so that both runs load the same thing and two
versions measured side by side do not disturb each other. Needs ``valgrind``; takes about a minute per language.
A figure, not an assertion.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BATCH = 400

# The measured process: the engine of --src with the rules of --rules, on the batch speed.py times.
CHILD = """
import sys
from pathlib import Path
src, benchmarks, rules, corpus, lang, n, repeat = sys.argv[1:8]
sys.path[:0] = [src, benchmarks]
from rightscheck.corpus import load_corpus
from rightscheck.engine import assess
from rightscheck.rules import load_packs
from speed import language_batch
packs = load_packs([Path(rules)])
batch = language_batch([e.text for e in load_corpus(Path(corpus)) if e.language == lang], lang, int(n), packs)
for _ in range(int(repeat)):
    assess(batch, packs, jobs=1)
"""


def count(args: list[str], env: dict[str, str]) -> int:
    """Instructions of one run of the child under cachegrind."""
    run = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, "-c", CHILD, *args],
        capture_output=True, text=True, env=env, check=True)
    line = next(x for x in run.stderr.splitlines() if "I   refs" in x)
    return int(line.split(":")[1].replace(",", "").strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("languages", nargs="*")
    parser.add_argument("--src", default=str(ROOT / "src"))
    parser.add_argument("--rules", default=str(ROOT / "rules" / "iccpr19"))
    parser.add_argument("--corpus", default=str(ROOT / "tests" / "corpus"))
    opts = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: this benchmark needs it (apt-get install valgrind)")
        return 2
    languages = opts.languages or ["en", "fr", "es", "ru", "ar", "zh"]
    for lang in languages:
        args = [opts.src, str(ROOT / "benchmarks"), opts.rules, opts.corpus, lang, str(BATCH)]
        with tempfile.TemporaryDirectory() as cache:
            # a cache of its own, built before counting: another version's run cannot replace it midway
            env = {**os.environ, "PYTHONHASHSEED": "0", "RIGHTSCHECK_CACHE": cache}
            subprocess.run([sys.executable, "-c", CHILD, *args, "0"], env=env, check=True)
            warm, measured = count([*args, "0"], env), count([*args, "1"], env)
        print(f"language {lang}: {(measured - warm) / BATCH / 1e6:.2f} million instructions per provision")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
