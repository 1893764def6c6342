"""A malformed rule pack is an error that names the file, the line and the rule, and says how to
fix it; validate-rules exits with status 2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from rightscheck.cli import main
from rightscheck.errors import RuleError
from rightscheck.rules import load_pack

from .conftest import RULES

GOOD_RULE = """\
- id: TEST-EXAMPLE
  title: An example rule
  test: legality
  category: vague-term
  severity: high
  confidence: high
  status: stable
  match: {terms: ["extremis*"]}
  message: "{match} is vague."
  rationale: Because.
  question: Is it precise?
  sources:
    - {ref: GC34, pinpoint: "para 25", verified: true}
  remedy: {advice: Define it.}
  examples:
    flag: [{text: "extremist materials", marks: ["extremist"]}]
    pass: ["terrorist offence"]
"""


def pack_copy_with(tmp_path: Path, file_name: str, marker: str, replacement: str) -> tuple[Path, str]:
    """A copy of the shipped pack with the one occurrence of ``marker`` in ``file_name`` replaced;
    the copy's folder and the file's original text."""
    pack_dir = tmp_path / "iccpr19"
    shutil.copytree(RULES / "iccpr19", pack_dir)
    path = pack_dir / file_name
    text = path.read_text("utf-8")
    assert text.count(marker) == 1
    path.write_text(text.replace(marker, replacement, 1), "utf-8")
    return pack_dir, text


def make_pack(tmp_path: Path, rule_text: str) -> Path:
    pack = tmp_path / "pack"
    pack.mkdir()
    shutil.copy(RULES / "iccpr19" / "pack.yaml", pack / "pack.yaml")
    (pack / "lexicons").mkdir()  # the words of the pack's vocabularies (the other lexicons' examples are for its rules)
    shutil.copy(RULES / "iccpr19" / "lexicons" / "en.yaml", pack / "lexicons" / "en.yaml")
    (pack / "rules.yaml").write_text(rule_text, encoding="utf-8")
    return pack


def test_good_rule_loads(tmp_path):
    pack = load_pack(make_pack(tmp_path, GOOD_RULE))
    assert [cr.rule.id for cr in pack.rules] == ["TEST-EXAMPLE"]


@pytest.mark.parametrize(
    ("change", "expected_line", "words"),
    [
        (("  severity: high", "  severity: high\n  severty: high"), 6, "unknown field"),
        (("  test: legality", "  test: legalty"), 3, "test"),
        (("  severity: high", "  severity: severe"), 5, "severity"),
        (('match: {terms: ["extremis*"]}', 'match: {regex: "(unclosed"}'), 8, "invalid regular expression"),
        (("    - {ref: GC34, pinpoint: \"para 25\", verified: true}\n", ""), 12, "sources"),
        (("ref: GC34", "ref: NOPE"), 1, "not in the pack's registry"),
        (('match: {terms: ["extremis*"]}', "match: {vocab: no-such-vocab}"), 1, "unknown vocabulary"),
        (("  category: vague-term", "  category: made-up-category"), 1, "no checklist item"),
    ],
)
def test_malformed_rule_names_file_line_and_rule(tmp_path, change, expected_line, words):
    old, new = change
    assert old in GOOD_RULE
    pack = make_pack(tmp_path, GOOD_RULE.replace(old, new))
    with pytest.raises(RuleError) as info:
        load_pack(pack)
    err = info.value
    assert err.file and err.file.endswith("rules.yaml")
    assert err.line == expected_line
    assert "TEST-EXAMPLE" in err.message
    assert words in err.message
    assert err.fix


def test_duplicate_id_is_an_error(tmp_path):
    pack = make_pack(tmp_path, GOOD_RULE + GOOD_RULE)
    with pytest.raises(RuleError, match="already used"):
        load_pack(pack)


def test_yaml_syntax_error_names_line(tmp_path):
    pack = make_pack(tmp_path, GOOD_RULE.replace("  question: Is it precise?", "  question: Is it: precise?"))
    with pytest.raises(RuleError) as info:
        load_pack(pack)
    assert info.value.line == 11


def test_validate_rules_cli_exit_status_and_message(tmp_path):
    runner = CliRunner()
    bad = make_pack(tmp_path, GOOD_RULE.replace("  test: legality", "  test: legalty"))
    result = runner.invoke(main, ["validate-rules", str(bad)])
    assert result.exit_code == 2
    assert "rules.yaml:3" in result.stderr and "TEST-EXAMPLE" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_validate_rules_cli_reports_a_failing_example(tmp_path):
    runner = CliRunner()
    failing = make_pack(tmp_path, GOOD_RULE.replace('pass: ["terrorist offence"]', 'pass: ["extremism"]'))
    result = runner.invoke(main, ["validate-rules", str(failing)])
    assert result.exit_code == 2
    assert "TEST-EXAMPLE: pass example 'extremism'" in result.stdout


def test_validate_rules_cli_on_builtin_pack():
    result = CliRunner().invoke(main, ["validate-rules"])
    assert result.exit_code == 0, result.output
    assert "0 failing" in result.stdout


def test_known_gaps_are_reported_open_or_closed(tmp_path):
    from rightscheck.validate import validate_packs

    marker = "  signals: [legality.extremism, blocking.vague-triggers]"
    gaps = (
        "    known_gaps:\n"
        "      - {text: 'the ideology of extremism', expect: flag, note: 'closed: the rule flags it'}\n"
        "      - {text: 'the ideology of extremism', expect: pass, note: 'open: the rule still flags it'}\n"
    )
    pack_dir, _ = pack_copy_with(tmp_path, "legality.yaml", marker, gaps + marker)
    result = validate_packs([load_pack(pack_dir)])
    assert not result.failures
    assert sorted((r, e, closed) for r, e, _, closed in result.gaps) == [
        ("LEG-EXTREMISM", "flag", True), ("LEG-EXTREMISM", "pass", False)]


def test_every_problem_of_a_pack_is_reported_in_one_run(tmp_path):
    pack_dir = tmp_path / "iccpr19"
    shutil.copytree(RULES / "iccpr19", pack_dir)
    broken = pack_dir / "zz-broken.yaml"
    broken.write_text(
        "- id: LEG-EXTREMISM\n  title: reused id\n  test: legality\n  category: vague-term\n  severity: high\n"
        "  confidence: high\n  match: {terms: [x]}\n  message: m\n  rationale: r\n"
        "  question: q\n  sources: [{ref: NOPE, pinpoint: '1', verified: false}]\n  remedy: {advice: a}\n"
        "  examples: {flag: [{text: x, marks: [x]}], pass: [y]}\n"
        "- id: ZZZ-ONE\n  title: no such scope\n  test: legality\n  category: vague-term\n  severity: high\n"
        "  confidence: high\n  when: {engages: nowhere}\n  match: {terms: [x]}\n  message: m\n"
        "  rationale: r\n  question: q\n  sources: [{ref: GC34, pinpoint: '1', verified: false}]\n"
        "  remedy: {advice: a}\n  examples: {flag: [{text: x, marks: [x]}], pass: [y]}\n"
        "- id: ZZZ-TWO\n  title: typo\n  tset: legality\n", "utf-8")
    result = CliRunner().invoke(main, ["validate-rules", str(pack_dir)])
    assert result.exit_code == 2
    out = result.output
    assert "problems in pack iccpr19" in out
    for expected in ("id LEG-EXTREMISM is already used", "source 'NOPE'", "scope 'nowhere'", "ZZZ-TWO", "tset"):
        assert expected in out, expected
    assert "Traceback" not in out


def test_a_loaded_pack_comes_from_the_cache_until_a_file_changes(tmp_path, monkeypatch):
    from rightscheck import pack_cache

    monkeypatch.setenv("RIGHTSCHECK_CACHE", str(tmp_path / "cache"))
    pack_dir = tmp_path / "iccpr19"
    shutil.copytree(RULES / "iccpr19", pack_dir)
    first = load_pack(pack_dir)
    def packs_cached() -> list:
        return [f for f in (tmp_path / "cache").glob("pack-*.pickle") if "-terms" not in f.name
                and "-lexicon-" not in f.name]

    assert len(packs_cached()) == 1
    again = load_pack(pack_dir)
    assert [cr.rule.id for cr in again.rules] == [cr.rule.id for cr in first.rules]
    assert [(cr.file, cr.line) for cr in again.rules] == [(cr.file, cr.line) for cr in first.rules]
    assert again.hash == first.hash and set(again.lexicons) == set(first.lexicons)
    assert again.headings == first.headings
    # each lexicon is read from the cache when first asked for; one missing there, from its file
    lexicon_files = sorted((tmp_path / "cache").glob("pack-*-lexicon-*.pickle"))
    assert len(lexicon_files) == len(first.lexicons) > 1
    assert again.lexicons["ru"] == first.lexicons["ru"]
    next(f for f in lexicon_files if f.name.endswith("-lexicon-fr.pickle")).unlink()
    assert again.lexicons.get("fr") == first.lexicons["fr"]
    assert again.lexicons.get("xx") is None and "xx" not in again.lexicons
    # an edit is a miss: the pack is loaded, validated and cached anew
    legality = pack_dir / "legality.yaml"
    legality.write_text(legality.read_text("utf-8").replace("Undefined concept of", "Undefined notion of"), "utf-8")
    edited = load_pack(pack_dir)
    assert edited.hash != first.hash
    assert next(cr for cr in edited.rules if cr.rule.id == "LEG-EXTREMISM").rule.title.startswith("Undefined notion")
    assert len(packs_cached()) == 2
    # a broken pack is never served from the cache
    legality.write_text("- id: [broken", "utf-8")
    with pytest.raises(RuleError):
        load_pack(pack_dir)
    monkeypatch.setenv("RIGHTSCHECK_CACHE", "off")
    assert pack_cache.cache_dir() is None


def test_what_other_code_cached_is_removed_when_the_cache_is_written(tmp_path, monkeypatch):
    """Each version of the code keeps its own cache files; those of other code are never read again
    and are removed the next time the cache is written, so they do not pile up."""
    from rightscheck import pack_cache

    monkeypatch.setenv("RIGHTSCHECK_CACHE", str(tmp_path))
    stale = tmp_path / "pack-0123456789ab-regex-en.pickle"
    stale.write_bytes(b"old")
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text("kept", "utf-8")
    pack_cache.store("some-key", {"a": 1})
    assert pack_cache.load("some-key") == {"a": 1}
    assert not stale.exists() and unrelated.exists()


def test_the_json_schemas_of_rule_files_lexicons_and_pack_are_current_and_hold_for_the_shipped_pack():
    import json

    import jsonschema
    import yaml

    from rightscheck.explain import file_schemas

    schemas = file_schemas()
    root = Path(__file__).resolve().parents[1]
    for name, schema in schemas.items():
        published = json.loads((root / "schema" / f"{name}.json").read_text("utf-8"))
        assert published == json.loads(json.dumps(schema)), (
            f"schema/{name}.json is stale: run 'rightscheck rules --schema {name} > schema/{name}.json'")
    pack = RULES / "iccpr19"
    for rule_file in sorted(p for p in pack.glob("*.yaml") if p.name != "pack.yaml"):
        jsonschema.validate(yaml.safe_load(rule_file.read_text("utf-8")), schemas["rule-file"])
    for lexicon in sorted((pack / "lexicons").glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(lexicon.read_text("utf-8")), schemas["lexicon"])
    jsonschema.validate(yaml.safe_load((pack / "pack.yaml").read_text("utf-8")), schemas["pack"])
    # and an editor is told at once what the loader would refuse
    bad = yaml.safe_load(GOOD_RULE)
    bad[0]["severity"] = "severe"
    with pytest.raises(jsonschema.ValidationError, match="severe"):
        jsonschema.validate(bad, schemas["rule-file"])


V1_PACK_HEAD = "name: oldpack\nversion: '1'\n"
V1_RULE = """\
# a rule written in rule language 1
- id: OLD-JUSTIFY
  title: Justification of crime
  test: legality
  category: vague-term
  severity: high
  confidence: high
  languages: [en]
  since: "1"
  match:
    near:
      a: {terms: ["justif*"]}
      b: {terms: ["terroris*", "crime*"]}
      within: 4
      direction: after
  unless:
    defined_in_text: true
    match: {all: [{terms: ["intent to incite"]}, {not: {terms: ["nothing"]}}]}
  message: "{match} is vague."
  rationale: Because.
  question: Is it precise?
  sources:
    - {ref: GC34, pinpoint: "para 46", verified: true}
  remedy:
    edit:
      action: replace
      substitute: [{regex: "^justification$", with: "public provocation"}, {regex: "^(\\\\w+) years?$", with: "x"}]
    advice: Define it.
    redraft: "Replace {match} with something else."
  examples:
    flag: [{text: "the justification of terrorism", marks: ["justification"]}]
    pass: ["the justification of terrorism, with intent to incite its commission"]
  tags: [old]
"""


def _v1_pack(tmp_path: Path) -> Path:
    pack = make_pack(tmp_path, V1_RULE)
    meta = (pack / "pack.yaml").read_text("utf-8").replace("rule_language: 2\n", "")
    (pack / "pack.yaml").write_text(meta, encoding="utf-8")
    return pack


def test_a_pack_in_rule_language_1_is_refused_with_the_command_that_migrates_it(tmp_path):
    pack = _v1_pack(tmp_path)
    with pytest.raises(RuleError) as info:
        load_pack(pack)
    assert "rule language 1" in info.value.message and "migrate-rules" in (info.value.fix or "")
    result = CliRunner().invoke(main, ["validate-rules", str(pack)])
    assert result.exit_code == 2 and "migrate-rules" in result.output


def test_migrate_rules_rewrites_a_version_1_pack_that_then_behaves_the_same(tmp_path):
    pack = _v1_pack(tmp_path)
    result = CliRunner().invoke(main, ["migrate-rules", str(pack)])
    assert result.exit_code == 0, result.output
    text = (pack / "rules.yaml").read_text("utf-8")
    assert text.startswith("# a rule written in rule language 1\n- id: OLD-JUSTIFY\n")  # comments and margin kept
    rule = yaml.safe_load(text)[0]
    assert rule["match"]["near"] == {"find": {"terms": ["justif*"]}, "within": "4 words",
                                     "of": {"terms": ["terroris*", "crime*"]}, "placed": "after"}
    assert rule["ignore_words_in"] == ["definitions", "saving-clauses"]
    assert rule["when"]["not_text"] == {"all": [{"terms": ["intent to incite"]}, {"absent": {"terms": ["nothing"]}}]}
    assert rule["remedy"]["edit"]["swap"] == {"justification": "public provocation"}
    assert rule["remedy"]["edit"]["swap_regex"] == [{"regex": "^(\\w+) years?$", "with": "x"}]
    assert not {"unless", "languages", "since", "tags"} & set(rule) and "redraft" not in rule["remedy"]
    assert yaml.safe_load((pack / "pack.yaml").read_text("utf-8"))["rule_language"] == 2
    loaded = load_pack(pack)
    assert CliRunner().invoke(main, ["validate-rules", str(pack)]).exit_code == 0  # its examples still hold
    assert loaded.rules[0].rule.remedy.edit.wording(["justification"]) == \
        "Replace 'justification' with 'public provocation'."
    again = CliRunner().invoke(main, ["migrate-rules", str(pack)])
    assert "already in rule language 2" in again.output


def test_a_scope_that_implies_an_unknown_scope_is_an_error_with_its_line(tmp_path):
    pack_dir, text = pack_copy_with(tmp_path, "pack.yaml", "    implies: [expression]", "    implies: [expresion]")
    with pytest.raises(RuleError) as info:
        load_pack(pack_dir)
    err = info.value
    assert "implies scope 'expresion'" in str(err) and err.file.endswith("pack.yaml")
    assert text.splitlines()[err.line - 1].startswith("  incitement:")


def test_an_engaging_scope_the_pack_does_not_define_is_an_error_with_its_line(tmp_path):
    pack_dir, text = pack_copy_with(tmp_path, "pack.yaml", "engaging_scopes: [expression, assembly]",
                                    "engaging_scopes: [expression, assemblies]")
    with pytest.raises(RuleError) as info:
        load_pack(pack_dir)
    err = info.value
    assert "engaging_scopes names scope 'assemblies'" in str(err)
    assert text.splitlines()[err.line - 1].startswith("engaging_scopes:")


def test_a_term_that_starts_with_neither_a_letter_nor_a_wildcard_is_an_error(tmp_path):
    """Terms are tried where words start: "'s reputation" could never match, and such a term was
    shipped once without anyone noticing (a Chinese term, read without word boundaries, may)."""
    pack_dir, _ = pack_copy_with(tmp_path, "lexicons/en.yaml", '"person\'s reputation"]',
                                 '"person\'s reputation", "\'s reputation"]')
    with pytest.raises(RuleError) as info:
        load_pack(pack_dir)
    err = info.value
    assert "'s reputation" in str(err) and "never matches" in str(err) and err.file.endswith("en.yaml")
