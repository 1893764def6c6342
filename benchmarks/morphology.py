"""Compare ways of matching inflected words, per language, on the lexicons' own checks.

Each lexicon lists ``forms``: a term and inflected forms it must match ("оправдание" ->
оправдания, оправданием). For each language this reports how many forms each method matches to
their term (all checks, and those whose term is a whole word: a lemmatiser cannot read a
wildcard prefix such as "оправдыва*"), how many pairs of single-word terms of the lexicon share a
key (often two forms of one word, sometimes a false merge), and its speed on the corpus's text in
that language. The checks were written for the stemmer (validate-rules requires them to pass),
so they favour it; the whole-word column is the fairer comparison:

- rightscheck's matching (Snowball stems through PyStemmer, wildcards as the lexicon writes them);
- simplemma lemmas (``pip install simplemma``), word by word;
- pymorphy3 lemmas for Russian (``pip install pymorphy3``).

    python benchmarks/morphology.py
"""

from __future__ import annotations

import re
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_WORD = re.compile(r"\w+")


def main() -> int:
    from rightscheck.corpus import load_corpus
    from rightscheck.rules import language_data, load_packs
    from rightscheck.text import normalise

    pack = load_packs()[0]
    corpus = load_corpus(ROOT / "tests" / "corpus")
    try:
        import simplemma
    except ImportError:
        simplemma = None
        print("simplemma is not installed: pip install simplemma to compare")
    try:
        import pymorphy3

        morph_ru = pymorphy3.MorphAnalyzer()
    except ImportError:
        morph_ru = None
        print("pymorphy3 is not installed: pip install pymorphy3 to compare (Russian)")
    for language, lexicon in sorted(pack.lexicons.items()):
        if not lexicon.forms:
            continue
        view = pack.view(language)
        data = language_data([pack], language)
        morph = view.morphology

        def norm(text: str, data=data) -> str:
            return normalise(text, data.fold, data.drop).norm

        pairs = [(c.term, f) for c in lexicon.forms for f in c.forms]
        words = [w for e in corpus if e.language == language for w in _WORD.findall(norm(e.text))]
        singles = sorted({t for v in lexicon.vocabularies.values() if isinstance(v, list)
                          for t in v if _WORD.fullmatch(t)})
        methods = {}

        def ours(term: str, form: str, morph=morph, norm=norm) -> bool:
            return bool(re.search(morph.term_pattern(term), morph.key_text(norm(form)).text))

        methods["rightscheck (" + (morph.spec.stemmer or morph.spec.segmentation) + ")"] = (ours, morph.stem)
        if simplemma is not None and language in {"en", "fr", "es", "ru", "ar"}:
            def lemma(w: str, lang: str = language) -> str:
                return simplemma.lemmatize(w, lang=lang)

            def by_lemma(term: str, form: str, lemma=lemma) -> bool:
                a = [lemma(w) for w in _WORD.findall(norm(term.replace("*", "")))]
                b = [lemma(w) for w in _WORD.findall(norm(form))]
                return any(b[i:i + len(a)] == a for i in range(len(b) - len(a) + 1))

            methods["simplemma"] = (by_lemma, lemma)
        if morph_ru is not None and language == "ru":
            def normal(w: str) -> str:
                return morph_ru.parse(w)[0].normal_form

            def by_normal(term: str, form: str) -> bool:
                a = [normal(w) for w in _WORD.findall(norm(term.replace("*", "")))]
                b = [normal(w) for w in _WORD.findall(norm(form))]
                return any(b[i:i + len(a)] == a for i in range(len(b) - len(a) + 1))

            methods["pymorphy3"] = (by_normal, normal)
        print(f"{language}: {len(pairs)} term/form pairs, {len(singles)} single-word terms, "
              f"{len(words)} words of corpus text")
        whole = [(t, f) for t, f in pairs if "*" not in t]  # terms written as whole words
        for name, (matches, key) in methods.items():
            found = sum(matches(t, f) for t, f in pairs)
            found_whole = sum(matches(t, f) for t, f in whole)
            merged = sum(1 for a, b in combinations(singles, 2) if key(a) == key(b)) if not morph.characters else 0
            start = time.perf_counter()
            for w in words:
                key(w)
            per_word = (time.perf_counter() - start) / max(len(words), 1) * 1e6
            print(f"  {name:<28} forms matched {found}/{len(pairs)} (of whole-word terms {found_whole}/{len(whole)})"
                  f"  single-word terms sharing a key {merged}  {per_word:.1f} µs per word")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
