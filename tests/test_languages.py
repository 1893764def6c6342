"""Languages: detection, the lexicons, and no language's words in the Python code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "rightscheck"
LEXICONS = ROOT / "rules" / "iccpr19" / "lexicons"
# group names and template placeholders are syntax, not words of a language
_SYNTAX = re.compile(r"\(\?P<\w+>|\(\?P=\w+\)|\{\w+\}|\\[a-zA-Z]")
REGEX_CALLS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}


def _words(value: object) -> set[str]:
    """Every run of four or more letters in a lexicon's data."""
    out: set[str] = set()
    if isinstance(value, str):
        out |= {w.lower() for w in re.findall(r"[^\W\d_]{4,}", _SYNTAX.sub(" ", value))}
    elif isinstance(value, dict):
        for k, v in value.items():
            if k != "examples":
                out |= _words(k) | _words(v)
    elif isinstance(value, list):
        for v in value:
            out |= _words(v)
    return out


def _regex_literals(tree: ast.AST) -> list[tuple[int, str]]:
    """String constants given to a function of ``re`` (the code that reads text)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in REGEX_CALLS
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args):
            for sub in ast.walk(node.args[0]):
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                    found.append((sub.lineno, sub.value))
    return found


def _lexicon_words() -> set[str]:
    words: set[str] = set()
    for path in LEXICONS.glob("*.yaml"):
        data = yaml.safe_load(path.read_text("utf-8"))
        words |= _words({k: v for k, v in data.items() if k not in {"name", "examples", "forms"}})
    return words


def _offending(source: str, name: str, lexicon_words: set[str]) -> list[str]:
    out: list[str] = []
    for line, literal in _regex_literals(ast.parse(source)):
        hits = sorted({w.lower() for w in re.findall(r"[^\W\d_]{4,}", _SYNTAX.sub(" ", literal))} & lexicon_words)
        if hits:
            out.append(f"{name}:{line}: {', '.join(hits)}")
    return out


def test_no_language_words_in_python():
    """The words the lexicons give (English, and every other language) never appear in an
    expression the Python code matches text with: drafting words are data, in rules/."""
    lexicon_words = _lexicon_words()
    planted = 'import re\nPENALTY = re.compile(r"\\b(?:imprisonment|deprivation of liberty)\\b")\n'
    assert _offending(planted, "planted.py", lexicon_words) == [
        "planted.py:2: deprivation, imprisonment, liberty"]
    offending = [hit for path in SRC.rglob("*.py")
                 for hit in _offending(path.read_text("utf-8"), str(path.relative_to(ROOT)), lexicon_words)]
    assert offending == [], "language words in Python (move them to a lexicon):\n" + "\n".join(offending)


# ----------------------------------------------------------------------------- detection
def _p(pid: str, text: str, **kw):
    from rightscheck.models import Provision

    return Provision(id=pid, text=text, **kw)


def test_each_un_language_is_detected_from_the_text():
    from rightscheck.language import assign_languages

    texts = {
        "ru": "Публичные призывы к осуществлению террористической деятельности наказываются лишением свободы.",
        "fr": "Le fait de provoquer directement à des actes de terrorisme est puni de cinq ans d'emprisonnement.",
        "es": "El que públicamente enaltezca o justifique los delitos de terrorismo será castigado "
              "con la pena de prisión.",
        "ar": "يعاقب بالسجن كل من روج أو حرض على ارتكاب جريمة إرهابية بأي وسيلة من الوسائل.",
        "zh": "宣扬恐怖主义、极端主义或者煽动实施恐怖活动的，处五年以下有期徒刑。",
        "en": "Whoever publicly incites the commission of a terrorist offence shall be punished by imprisonment.",
    }
    out = assign_languages([_p(lang, text) for lang, text in texts.items()])
    assert {p.id: p.language for p in out} == {lang: lang for lang in texts}
    for p in out:
        assert p.language_detection.method == "detected" and p.language_detection.confidence >= 0.5


def test_given_language_wins_and_a_short_article_takes_its_documents_language():
    from rightscheck.language import assign_languages
    from rightscheck.models import document_key

    given = _p("a", "Whoever publishes extremist materials shall be punished.", language="ru")
    doc = [_p("art-1", "Статья 1", origin="d.txt:1"),
           _p("art-2", "Публичное оправдание терроризма наказывается лишением свободы на срок до пяти лет.",
              origin="d.txt:3")]
    out = assign_languages([given, *doc], None, document_key)
    assert out[0].language == "ru" and out[0].language_detection.method == "given"
    assert out[1].language == "ru" and out[1].language_detection.method in {"detected", "document"}
    forced = assign_languages(doc, "fr", document_key)
    assert {p.language for p in forced} == {"fr"}
    assert forced[0].language_detection.source == "--language"


def test_a_language_no_pack_covers_is_not_assessed_and_names_what_was_found(packs):
    from rightscheck.engine import assess
    from rightscheck.language import assign_languages

    german = "Wer öffentlich zu einer terroristischen Straftat auffordert, wird mit Freiheitsstrafe bestraft."
    (p,) = assign_languages([_p("de", german)])
    report = assess([p], packs).provisions[0]
    assert report.language == "de" and report.overall.verdict == "not_assessed"
    assert "detected language 'de'" in report.overall.reason and "--language" in report.overall.reason
    assert report.findings == []


def test_a_mixed_document_is_read_article_by_article(tmp_path):
    from rightscheck.readers import read_inputs

    draft = tmp_path / "mixed.txt"
    draft.write_text(
        "Article 1. Whoever publicly incites the commission of a terrorist offence, with intent to incite it, "
        "shall be punished.\n\n"
        "Article 2. Quiconque provoque directement à des actes de terrorisme est puni de cinq ans d'emprisonnement.\n",
        "utf-8")
    provisions, _ = read_inputs([str(draft)])
    assert [(p.id, p.language) for p in provisions] == [("art-1", "en"), ("art-2", "fr")]


# ----------------------------------------------------------------------------- matching
def test_a_stemmed_term_matches_its_inflected_forms_with_exact_spans():
    from rightscheck.lexicon import MorphologySpec
    from rightscheck.matchers import TermIndex
    from rightscheck.morphology import Morphology
    from rightscheck.text import normalise

    morph = Morphology(MorphologySpec(stemmer="russian"))
    index = TermIndex(morph)
    justification = index.add(["публичное оправдание"])
    calls = index.add(["призыв*"])
    text = "Публичным оправданием терроризма и публичными призывами"
    nt = normalise(text)
    found = index.scan(morph.key_text(nt.norm))
    spans = [text[nt.to_original(s, e).start:nt.to_original(s, e).end] for s, e in found[justification]]
    assert spans == ["Публичным оправданием"]
    assert [text[nt.to_original(s, e).start:nt.to_original(s, e).end] for s, e in found[calls]] == ["призывами"]


def test_the_scan_finds_what_each_terms_own_pattern_finds_when_words_recur():
    """The scan works out once per distinct word which one-word terms match it; a word that recurs,
    and longer terms that start with the same word, must still be found wherever they stand."""
    import re

    from rightscheck.lexicon import MorphologySpec
    from rightscheck.matchers import TermIndex
    from rightscheck.morphology import Morphology
    from rightscheck.text import normalise

    morph = Morphology(MorphologySpec(stemmer="french"))
    lists = [["justif*"], ["justifie ... terrorisme", "apologie"], ["terroris*", "acte terroriste"],
             ["l'apologie"], ["cyber-attaque"]]
    index = TermIndex(morph)
    ids = [index.add(terms) for terms in lists]
    text = ("Quiconque justifie le terrorisme, fait l'apologie d'un acte terroriste ou justifie une "
            "cyber-attaque, puis justifie encore le terrorisme, commet une apologie.")
    key = morph.key_text(normalise(text).norm)
    found = index.scan(key)
    for list_id, terms in zip(ids, lists, strict=True):
        expected: dict[int, int] = {}
        for term in terms:
            for m in re.finditer(morph.term_pattern(term), key.text):
                expected[m.start()] = max(expected.get(m.start(), 0), m.end())
        want = sorted(key.to_norm(*hit) for hit in expected.items())
        assert found.get(list_id, []) == want, terms
    assert len(found[ids[0]]) == 3 and len(found[ids[1]]) == 4  # every "justifie" each time, both "apologie"


def test_a_wildcard_matches_words_whose_stem_is_shorter_than_its_letters():
    """Under a stemmer, "subversi*" must find "subversivas" (stem "subvers") and "иностранн*" find
    "иностранным" (stem "иностра"), through the lexicon's wildcard endings; a wildcard never reaches a
    stem more than two letters shorter ("propagand*" is not "propague", to spread)."""
    from rightscheck.lexicon import MorphologySpec
    from rightscheck.matchers import TermIndex
    from rightscheck.morphology import Morphology
    from rightscheck.text import normalise

    cases = [("spanish", ["a", "o", "as", "os", "vo", "vas"], "subversi*", "actividades subversivas", "subversivas"),
             ("russian", ["а", "ым", "ого", "ый"], "иностранн* агент*", "признан иностранным агентом",
              "иностранным агентом"),
             ("spanish", ["a", "o", "as", "ar"], "propagand*", "el que propague una enfermedad", None)]
    for stemmer, endings, term, text, want in cases:
        plain = Morphology(MorphologySpec(stemmer=stemmer))
        morph = Morphology(MorphologySpec(stemmer=stemmer, wildcard_endings=endings))
        for m, expected in ((morph, want), (plain, None)):
            index = TermIndex(m)
            list_id = index.add([term])
            nt = normalise(text)
            found = index.scan(m.key_text(nt.norm)).get(list_id, [])
            spans = [text[nt.to_original(s, e).start:nt.to_original(s, e).end] for s, e in found]
            assert spans == ([expected] if expected else []), (term, m.spec.wildcard_endings)


def test_a_wildcard_does_not_reach_words_its_letters_stem_short_into():
    """"насили*" stems to "нас", "lapid*" to "lap", "courant*" to "cour": as prefixes they would find
    "настоящим", "населению", "lapso", "courrier". The wildcard keeps its family (насилию,
    насильственный, lapidación, courant, cours) and no more."""
    from rightscheck.lexicon import MorphologySpec
    from rightscheck.matchers import TermIndex
    from rightscheck.morphology import Morphology
    from rightscheck.text import normalise

    cases = [("russian", ["е", "я", "ю"], "насили*", "в соответствии с настоящим Кодексом, населению",
              []),
             ("russian", ["е", "я", "ю"], "насили*", "призывы к насилию и насильственным действиям",
              ["насилию", "насильственным"]),
             ("spanish", ["a", "o", "ión"], "lapid*", "durante un lapso de cinco años, castigado con la lapidación",
              ["lapidación"]),
             ("french", ["e", "s"], "courant*", "le courrier du courant, au cours", ["courant", "cours"])]
    for stemmer, endings, term, text, want in cases:
        morph = Morphology(MorphologySpec(stemmer=stemmer, wildcard_endings=endings))
        index = TermIndex(morph)
        list_id = index.add([term])
        nt = normalise(text)
        found = index.scan(morph.key_text(nt.norm)).get(list_id, [])
        spans = [text[nt.to_original(s, e).start:nt.to_original(s, e).end] for s, e in found]
        assert spans == want, (term, text)


def test_chinese_terms_match_without_spaces_and_arabic_variants_fold():
    from rightscheck.lexicon import MorphologySpec
    from rightscheck.matchers import TermIndex
    from rightscheck.morphology import Morphology
    from rightscheck.text import normalise

    zh = Morphology(MorphologySpec(segmentation="characters"))
    index = TermIndex(zh)
    lid = index.add(["宣扬恐怖主义", "煽动 ... 恐怖活动"])
    text = "以制作、散发图书等方式宣扬恐怖主义的，或者煽动实施恐怖活动的"
    nt = normalise(text)
    found = index.scan(zh.key_text(nt.norm))[lid]
    spans = [text[nt.to_original(s, e).start:nt.to_original(s, e).end] for s, e in found]
    assert spans == ["宣扬恐怖主义", "煽动实施恐怖活动"]

    ar = Morphology(MorphologySpec(stemmer="arabic"))
    fold = {"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"}
    drop = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"
    index = TermIndex(ar)
    terror = index.add(["الإرهاب"])
    text = "كل من روّج بالإرهـاب أو للإرهاب"
    nt = normalise(text, fold, drop)
    found = index.scan(ar.key_text(nt.norm))[terror]
    spans = [text[nt.to_original(s, e).start:nt.to_original(s, e).end] for s, e in found]
    assert spans == ["بالإرهـاب", "للإرهاب"]

    # a term is folded like the text before it is stemmed: written "أفشى" (alef with hamza, alef
    # maqsura), it still finds the word the text folds to "افشي" (unfolded, the stemmer made
    # "افشي" of the term and "افش" of the text, and the term never matched)
    ar = Morphology(MorphologySpec(stemmer="arabic", fold=fold, drop=drop))
    index = TermIndex(ar)
    disclosed = index.add(["أفشى ... معلومات"])
    text = "كل موظف أفشى معلومات رسمية"
    nt = normalise(text, fold, drop)
    found = index.scan(ar.key_text(nt.norm))[disclosed]
    assert [text[nt.to_original(s, e).start:nt.to_original(s, e).end] for s, e in found] == ["أفشى معلومات"]


# ----------------------------------------------------------------------------- every format
# One real provision per language (development part of the corpus), under a heading in that
# language, with a finding an expert would give it.
ORIGINALS = {
    "ru": ("ru-cc-205-2", "Статья 205.2. Публичные призывы к осуществлению террористической деятельности",
           "art-205.2", "LEG-JUSTIFICATION"),
    "fr": ("fr-cp-421-2-5", "Article 421-2-5", "art-421-2-5", "LEG-GLORIFICATION"),
    "es": ("es-cp-578", "Artículo 578", "art-578", "LEG-GLORIFICATION"),
    "ar": ("sa-ro-a44-2014", "المادة 1", "art-1", "LEG-EXTREMISM"),
    "zh": ("cn-cl-120-3", "第一百二十条之三", "art-120-3", "LEG-EXTREMISM"),
}
FONTS = {"zh": "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"}
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _original(lang: str) -> tuple[str, str, str]:
    from rightscheck.corpus import load_corpus

    pid, heading, ident, _rule = ORIGINALS[lang]
    entry = next(e for e in load_corpus(ROOT / "tests" / "corpus") if e.id == pid)
    return heading, entry.text.strip(), ident


def _write(path: Path, fmt: str, lang: str, heading: str, body: str) -> None:
    if fmt in {"txt", "md"}:
        path.write_text(("## " if fmt == "md" else "") + heading + "\n\n" + body + "\n", "utf-8")
    elif fmt == "docx":
        import docx

        document = docx.Document()
        document.add_paragraph(heading)
        for line in body.split("\n"):
            document.add_paragraph(line)
        document.save(str(path))
    else:
        from fpdf import FPDF

        pdf = FPDF()
        pdf.add_page()
        pdf.add_font("body", "", FONTS.get(lang, DEJAVU))
        pdf.set_font("body", size=11)  # (Arabic unshaped: the text layer keeps the logical order)
        pdf.multi_cell(0, 6, heading + "\n" + body)
        pdf.output(str(path))


# Arabic PDF is left out: the PDF library writes right-to-left text in visual order, so its text
# layer reads backwards (docs/languages.md, limits). Every other language and format is tested.
CASES = [(lang, fmt) for lang in sorted(ORIGINALS) for fmt in ("txt", "md", "docx", "pdf")
         if (lang, fmt) != ("ar", "pdf")]


@pytest.mark.parametrize(("lang", "fmt"), CASES)
def test_a_draft_in_each_un_language_is_detected_and_assessed_from_every_format(tmp_path, packs, lang, fmt):
    from rightscheck.engine import assess
    from rightscheck.readers import read_inputs

    heading, body, ident = _original(lang)
    path = tmp_path / f"draft.{fmt}"
    _write(path, fmt, lang, heading, body)
    provisions, _ = read_inputs([str(path)])
    assert [p.language for p in provisions] == [lang]
    assert provisions[0].language_detection.method == "detected"
    report = assess(provisions, packs).provisions[0]
    assert report.overall.verdict in {"concerns", "incompatible"}
    assert ORIGINALS[lang][3] in {f.rule for f in report.findings}
    if fmt != "pdf":  # a PDF's text layer is not the typed text: headings may break across lines
        assert provisions[0].id == ident
    for f in report.findings:  # quoted words are the original's
        for s in f.spans:
            assert report.text[s.start:s.end] == s.text


def test_the_rules_by_language_table_in_docs_is_current(packs):
    from rightscheck.explain import language_coverage

    assert (ROOT / "docs" / "language-coverage.md").read_text("utf-8") == language_coverage(packs, "markdown"), (
        "docs/language-coverage.md is stale: run "
        "'rightscheck rules --languages --format markdown > docs/language-coverage.md'")
    rows = {r["rule"]: r["languages"] for r in __import__("json").loads(language_coverage(packs, "json"))}
    # Russian, French and Spanish are complete: every rule runs there, with examples in the language
    for lang in ("ru", "fr", "es"):
        assert all(langs[lang]["runs"] and langs[lang]["examples"] for langs in rows.values()), lang
    # Arabic and Chinese cover the core of the doctrine at least
    core = ["LEG-EXTREMISM", "LEG-JUSTIFICATION", "LEG-GLORIFICATION", "LEG-PROPAGANDA", "LEG-FALSE-INFORMATION",
            "LEG-TERRORISM-DEFINITION-BROAD", "LEG-INSULT", "AIM-STATE-REPUTATION", "LEG-NO-INTENT", "NEC-NO-DANGER",
            "DEF-NO-PROTECTED-PURPOSES", "PEN-CUSTODIAL-SPEECH", "PEN-SEVERE-MAXIMUM", "PEN-DEATH-CORPORAL"]
    for lang in ("ar", "zh"):
        assert all(rows[r][lang]["runs"] and rows[r][lang]["examples"] for r in core), lang


def test_a_rule_without_words_makes_its_test_need_review_never_pass(tmp_path):
    import shutil

    from rightscheck.engine import assess
    from rightscheck.models import Provision
    from rightscheck.rules import load_pack

    # a copy of the pack whose French lexicon has lost PROC-INTERMEDIARY-DUTY's words: a takedown duty in
    # French cannot pass the test that rule belongs to
    pack_dir = tmp_path / "iccpr19"
    shutil.copytree(ROOT / "rules" / "iccpr19", pack_dir)
    lexicon = pack_dir / "lexicons" / "fr.yaml"
    data = yaml.safe_load(lexicon.read_text("utf-8"))
    del data["vocabularies"]["proc-intermediary-duty"]
    data.get("examples", {}).pop("PROC-INTERMEDIARY-DUTY", None)
    lexicon.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    pack = load_pack(pack_dir)
    assert "PROC-INTERMEDIARY-DUTY" in pack.view("fr").missing
    text = ("Les fournisseurs de services filtrent leurs plateformes et retirent ces contenus dans un délai de "
            "24 heures, sous peine d'une amende de 50 000 euros.")
    report = assess([Provision(id="p", text=text, language="fr")], [pack]).provisions[0]
    proportionality = report.tests["proportionality"]
    assert proportionality.verdict in {"needs_review", "concerns", "incompatible"}
    if proportionality.verdict == "needs_review":
        assert "no words in language 'fr'" in proportionality.reason
    assert report.overall.verdict != "compatible" or any(
        t.verdict == "needs_review" for t in report.tests.values())


def test_a_redraft_in_another_language_makes_no_english_edits(packs):
    from rightscheck.models import Provision
    from rightscheck.redraft import redraft
    from rightscheck.rules import select_rules

    text = "Публичное оправдание терроризма наказывается лишением свободы на срок до пяти лет."
    rules = select_rules(packs, None, None)
    result = redraft([Provision(id="a", text=text, language="ru")], packs, rules).provisions[0]
    assert result.changes == [] and result.redraft == text
    assert "LEG-JUSTIFICATION" in result.not_addressed and "'ru'" in result.note


def test_a_lexicon_may_give_a_rules_words_for_people_in_its_language(tmp_path):
    import shutil

    from rightscheck.engine import assess
    from rightscheck.models import Provision
    from rightscheck.rules import load_pack

    pack_dir = tmp_path / "iccpr19"
    shutil.copytree(ROOT / "rules" / "iccpr19", pack_dir)
    lexicon = pack_dir / "lexicons" / "fr.yaml"
    lexicon.write_text(lexicon.read_text("utf-8") + (
        "\ntexts:\n  LEG-GLORIFICATION:\n    title: Apologie non définie\n"
        "    message: \"{match} : l'apologie n'est pas un acte défini.\"\n"), "utf-8")
    pack = load_pack(pack_dir)
    text = "Le fait de faire publiquement l'apologie d'actes de terrorisme est puni de cinq ans d'emprisonnement."
    finding = next(f for f in assess([Provision(id="a", text=text, language="fr")], [pack]).provisions[0].findings
                   if f.rule == "LEG-GLORIFICATION")
    assert finding.title == "Apologie non définie" and finding.message.endswith("l'apologie n'est pas un acte défini.")
    assert finding.question  # what the lexicon does not give stays in the rule's own words


def test_an_exception_word_with_the_stem_of_the_word_it_qualifies_is_refused(tmp_path):
    """In a language compared stem by stem, a single exception word excuses every word of its stem:
    « profession » among the words that are not communication would excuse « professer » (a speech
    act) wherever it stands. validate-rules names the word, its file and line, and the fix."""
    import shutil

    from rightscheck.rules import load_pack
    from rightscheck.validate import validate_packs

    pack_dir = tmp_path / "iccpr19"
    shutil.copytree(ROOT / "rules" / "iccpr19", pack_dir)
    lexicon = pack_dir / "lexicons" / "fr.yaml"
    text = lexicon.read_text("utf-8")
    lexicon.write_text(text.replace("  communication-not: [", '  communication-not: ["profession", ', 1), "utf-8")
    report = validate_packs([load_pack(pack_dir)])
    found = [f for f in report.failures if f.kind == "exception"]
    assert [(f.text, f.language) for f in found] == [("profession", "fr")]
    assert "profess" in found[0].problem and "phrase" in found[0].problem
    assert found[0].file.endswith("fr.yaml") and found[0].line > 1
    assert not [f for f in validate_packs([load_pack(ROOT / "rules" / "iccpr19")]).failures if f.kind == "exception"]
