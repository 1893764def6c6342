"""Hostile input, rule safety, Unicode and fuzzing (issue 5). Nothing hangs, crashes with a
traceback, executes anything, or silently misses a word because of how it was typed."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightscheck.cli import main
from rightscheck.engine import assess
from rightscheck.errors import InputError, RuleError
from rightscheck.models import Provision
from rightscheck.readers.text_reader import read_text
from rightscheck.readers.yaml_reader import read_yaml
from rightscheck.rules import load_pack
from rightscheck.text import normalise

from .conftest import RULES
from .test_rule_loading import GOOD_RULE, make_pack

ALIAS_BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
provisions: [{id: x, text: *i}]
"""


def run(*args, stdin=None):
    return CliRunner().invoke(main, list(args), input=stdin)


def check_file(tmp_path: Path, name: str, content: bytes | str, *extra: str):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return run("check", str(path), "--format", "json", *extra)


# ----------------------------------------------------------------------------- hostile input
def test_alias_bomb_is_refused(tmp_path):
    result = check_file(tmp_path, "bomb.yaml", ALIAS_BOMB)
    assert result.exit_code == 2
    assert "bomb.yaml:2:" in result.stderr and "aliases" in result.stderr
    assert "Traceback" not in result.stderr


def test_deep_nesting_is_refused(tmp_path):
    result = check_file(tmp_path, "deep.yaml", "provisions: " + "[" * 200 + "]" * 200 + "\n")
    assert result.exit_code == 2 and "nested more than" in result.stderr


def test_python_tag_runs_nothing(tmp_path):
    marker = tmp_path / "pwned"
    content = f"provisions:\n  - !!python/object/apply:os.system ['touch {marker}']\n"
    result = check_file(tmp_path, "tag.yaml", content)
    assert result.exit_code == 2
    assert "remove the tag" in result.stderr
    assert not marker.exists()


@pytest.mark.parametrize("suffix", [".txt", ".yaml", ".md"])
def test_binary_file_is_refused(tmp_path, suffix):
    blob = bytes((i * 7919) % 256 for i in range(200 * 1024))
    result = check_file(tmp_path, "blob" + suffix, blob)
    assert result.exit_code == 2 and "not a text file" in result.stderr


def test_control_characters_that_decode_are_still_binary(tmp_path):
    result = check_file(tmp_path, "ctl.txt", bytes(range(1, 32)) * 100)
    assert result.exit_code == 2 and "not a text file" in result.stderr


@pytest.mark.parametrize(
    ("encoding", "bom"), [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")]
)
def test_utf8_and_utf16_with_bom_are_accepted(tmp_path, encoding, bom):
    text = "The distribution of extremist materials is an offence.\n"
    result = check_file(tmp_path, "bom.txt", bom + text.encode(encoding))
    assert result.exit_code == 0, result.stderr
    assert '"LEG-EXTREMISM"' in result.stdout


def test_limits_name_the_option_that_raises_them(tmp_path):
    big = check_file(tmp_path, "big.txt", "extremist " * 30000, "--max-file-mb", "0.1")
    assert big.exit_code == 2 and "--max-file-mb" in big.stderr
    long = check_file(tmp_path, "long.txt", "extremist " * 3000, "--max-text-chars", "1000")
    assert long.exit_code == 2 and "--max-text-chars" in long.stderr
    many = "\n".join(f"Article {i}\ntext {i}" for i in range(1, 12))
    count = check_file(tmp_path, "many.md", many, "--max-provisions", "10")
    assert count.exit_code == 2 and "--max-provisions" in count.stderr


def test_failed_run_writes_nothing(tmp_path):
    out = tmp_path / "report.json"
    result = check_file(tmp_path, "bad.yaml", "provisions: [{id: a}]\n", "--output", str(out))
    assert result.exit_code == 2
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ["bad.yaml"]


# ----------------------------------------------------------------------------- rule safety
@pytest.mark.parametrize("pattern", ["(a+)+$", "(\\\\w+\\\\s?)*$", "(x|y+)*z"])
def test_catastrophic_regex_is_refused_by_validate_rules(tmp_path, pattern):
    rule = GOOD_RULE.replace('match: {terms: ["extremis*"]}', f'match: {{regex: "{pattern}"}}')
    pack = make_pack(tmp_path, rule)
    with pytest.raises(RuleError, match="nested quantifier"):
        load_pack(pack)
    result = run("validate-rules", str(pack))
    assert result.exit_code == 2 and "nested quantifier" in result.stderr


def test_catastrophic_regex_in_a_redraft_substitution_is_refused(tmp_path):
    edit = '{action: replace, swap_regex: [{regex: "(a*)*b", with: x}]}'
    rule = GOOD_RULE.replace("remedy: {advice: Define it.}", f"remedy: {{advice: Define it., edit: {edit}}}")
    with pytest.raises(RuleError, match="nested quantifier"):
        load_pack(make_pack(tmp_path, rule))


def test_builtin_pack_copy_still_loads(tmp_path):
    shutil.copytree(RULES / "iccpr19", tmp_path / "iccpr19")
    assert len(load_pack(tmp_path / "iccpr19").rules) >= 30


# ----------------------------------------------------------------------------- Unicode
INVISIBLE = st.sampled_from(["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
SPACES = st.sampled_from([" ", "\u00a0", "\n", "\t", "\u2009", "\u202f", " \n  "])
PHRASES = [
    ("LEG-DELEGATED-DESIGNATION", "recognized in accordance with established procedure as extremist"),
    ("LEG-NON-EXHAUSTIVE-LIST", "including but not limited to"),
    ("NEC-RECKLESSNESS", "is reckless as to whether"),
    ("AIM-STATE-REPUTATION", "reputation of the state"),
]


@st.composite
def disguised(draw, phrase: str) -> str:
    """The phrase with invisible characters inside words and odd white space between them."""
    words = phrase.split(" ")
    out = []
    for k, word in enumerate(words):
        if len(word) > 2 and draw(st.booleans()):
            cut = draw(st.integers(1, len(word) - 1))
            word = word[:cut] + draw(INVISIBLE) + word[cut:]
        if draw(st.booleans()):
            word = word.upper() if draw(st.booleans()) else word.capitalize()
        out.append(word)
        if k < len(words) - 1:
            out.append(draw(SPACES))
    return "".join(out)


@pytest.mark.parametrize(("rule", "phrase"), PHRASES)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_typography_never_hides_a_flagged_phrase(packs, rule, phrase, data):
    text = "Each Party shall punish material inciting violence " + data.draw(disguised(phrase)) + " on the Internet."
    report = assess([Provision(id="x", text=text)], packs).provisions[0]
    finding = next((f for f in report.findings if f.rule == rule), None)
    assert finding is not None, text
    for s in finding.spans:
        assert text[s.start:s.end] == s.text
    assert any(" ".join(normalise(s.text).norm.split()) == phrase.lower() or phrase.lower() in normalise(s.text).norm
               for s in finding.spans)


def test_curly_quotes_and_hyphenation():
    for text in ("the State\u2019s reputation", "the “Internet”", "extre-\nmist materials"):
        nt = normalise(text)
        assert "'" in nt.norm or '"' in nt.norm or "extremist" in nt.norm


def normalisation_property(text: str) -> None:
    nt = normalise(text)
    assert len(nt.norm) == len(nt.starts) == len(nt.ends)
    assert "  " not in nt.norm and not nt.norm.startswith(" ")
    for i in range(len(nt.norm)):
        assert 0 <= nt.starts[i] < nt.ends[i] <= len(text)
        if i:
            assert nt.starts[i] >= nt.starts[i - 1]


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300))
def test_normalisation_offsets_are_exact(text):
    normalisation_property(text)


# ----------------------------------------------------------------------------- fuzzing
LEGAL_WORDS = st.sampled_from([
    "extremist", "justification", "Article 5", "## Article 12. Title", "imprisonment", "up to",
    "seven years", "from two to five years", "intentionally", "causes a danger", "or other", "\u00ad",
    "hatred", "publicly", "“quoted”", "\n", "–", "recognised", "...", "(a)", "terrorism means",
    "designated", "within the meaning of Article 3", 'For the purposes of this article, "X" means',
    "Nothing in this article", "0", "ǅ", "İ", "ﬁ", "\u0301", "\U0001F600",
])


FUZZ_DRAFTS = st.lists(st.one_of(LEGAL_WORDS, st.text(max_size=12)), max_size=60).map(" ".join)
FUZZ_YAML = st.text(max_size=200)


def engine_property(packs, text: str) -> None:
    """Any draft text: the reader either refuses it with an InputError or gives provisions whose
    findings point at the right characters."""
    try:
        provisions = read_text(text, "fuzz.md")
    except InputError:
        return
    report = assess(provisions, packs)
    for p in report.provisions:
        assert p.overall.verdict in {"compatible", "not_engaged", "concerns", "incompatible"}
        for f in p.findings:
            for s in f.spans:
                assert p.text[s.start:s.end] == s.text


def yaml_property(text: str) -> None:
    """Any YAML text: provisions, or an InputError; never another exception."""
    with contextlib.suppress(InputError):
        read_yaml(text, "fuzz.yaml")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=FUZZ_DRAFTS)
def test_fuzz_text_reader_and_engine(packs, text):
    engine_property(packs, text)


@settings(max_examples=150, deadline=None)
@given(text=FUZZ_YAML)
def test_fuzz_yaml_reader_raises_only_input_errors(text):
    yaml_property(text)


def binary_property(data: bytes, suffix: str, tmp: Path) -> None:
    """Random bytes named .docx or .pdf: an InputError, never another exception."""
    path = tmp / f"fuzz{suffix}"
    path.write_bytes(data)
    from rightscheck.readers import read_inputs

    with contextlib.suppress(InputError):
        read_inputs([str(path)])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=600), st.binary(max_size=300).map(lambda b: b"PK\x03\x04" + b),
                      st.binary(max_size=300).map(lambda b: b"%PDF-1.4\n" + b)),
       suffix=st.sampled_from([".docx", ".pdf"]))
def test_fuzz_word_and_pdf_readers(tmp_path, data, suffix):
    binary_property(data, suffix, tmp_path)


def test_a_latin_1_text_file_is_read(tmp_path):
    result = check_file(tmp_path, "old.txt", "Article 1\nWhoever publicly glorifies terrorism – «as défini» – "
                        "shall be punished.\n".encode("cp1252"))
    assert result.exit_code == 0, result.stderr
    assert "LEG-GLORIFICATION" in result.stdout and "défini" in result.stdout
    latin = "Article 1\nQuiconque fait l'apologie du terrorisme, défini à l'article 2, est puni.\n"
    assert check_file(tmp_path, "fr.txt", latin.encode("latin-1")).exit_code == 0
