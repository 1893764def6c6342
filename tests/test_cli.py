"""The command line contract: formats, exit statuses and errors a person can act on."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from rightscheck.cli import main
from rightscheck.models import Report

from .conftest import EXAMPLES, ROOT

CIS = str(EXAMPLES / "cis-2018-extremist-materials.yaml")


def run(*args, stdin=None):
    return CliRunner().invoke(main, list(args), input=stdin)


def test_check_json_follows_the_contract():
    result = run("check", CIS, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema_version"] == 2
    assert data["tool"]["name"] == "rightscheck"
    assert data["rule_packs"][0]["name"] == "iccpr19" and data["rule_packs"][0]["hash"]
    p = data["provisions"][0]
    assert set(p["tests"]) == {"legality", "legitimate_aim", "necessity", "proportionality"}
    assert p["overall"]["verdict"] == "incompatible"
    f = p["findings"][0]
    assert {"rule", "test", "category", "severity", "message", "spans", "sources", "remedy"} <= set(f)
    assert {"ref", "pinpoint", "verified"} <= set(f["sources"][0])
    assert {"id", "test", "question", "status", "rules"} <= set(p["checklist"][0])
    Report.model_validate(data)


def test_json_written_provision_by_provision_is_the_whole_report(tmp_path, packs, monkeypatch):
    """The JSON report of a batch is written as each provision is done (memory stays flat); its
    text is, byte for byte, the one the whole report renders to, for several documents and for none."""
    from rightscheck.cli import _read
    from rightscheck.clock import today
    from rightscheck.engine import assess, prepare
    from rightscheck.render.json_out import render_json, stream_json

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    for example in ("originals.yaml", "concept-note-2023-drafts.yaml", "draft-chapter.md"):
        path = str(EXAMPLES / example)
        provisions, inputs = _read((path,), 10, 10_000, 1_000_000, None, packs, "accepted")
        whole = render_json(assess(provisions, packs, inputs=inputs, generated_on=today()))
        out = tmp_path / f"{example}.json"
        assert run("check", path, "--format", "json", "-o", str(out)).exit_code == 0
        assert out.read_text("utf-8") == whole
        assert len(json.loads(whole)["provisions"]) == len(provisions) > 1
    empty = prepare(packs).head(generated_on="2026-01-01")
    assert "".join(stream_json(empty, [])) == render_json(empty)


def test_published_json_schema_is_current():
    published = json.loads((ROOT / "schema" / "report-v2.json").read_text("utf-8"))
    assert published == json.loads(json.dumps(Report.model_json_schema()))


def test_markdown_and_table_outputs():
    md = run("check", CIS, "--format", "markdown")
    assert md.exit_code == 0
    assert "| cis-2018-art3-extremist-materials | **incompatible**" in md.stdout
    assert "- [x] **Does the offence require intent" in md.stdout
    table = run("check", CIS)
    assert table.exit_code == 0
    assert "INCOMPATIBLE" in table.stdout and "LEG-EXTREMISM" in table.stdout


def test_fail_on_sets_exit_status():
    assert run("check", CIS, "--fail-on", "incompatible").exit_code == 1
    good = str(EXAMPLES / "good-practice.yaml")
    assert run("check", good, "--fail-on", "concerns").exit_code == 0


def test_markdown_draft_is_split_at_article_headings():
    result = run("check", str(EXAMPLES / "draft-chapter.md"), "--format", "json")
    data = json.loads(result.stdout)
    assert [(p["id"], p["title"]) for p in data["provisions"]] == [
        ("art-16", "Public justification of terrorism"),
        ("art-17", "Public provocation to commit a terrorist offence"),
    ]
    verdicts = {p["id"]: p["overall"]["verdict"] for p in data["provisions"]}
    assert verdicts == {"art-16": "incompatible", "art-17": "compatible"}


def test_standard_input_plain_text_and_yaml():
    text = run("check", "-", "--format", "json", stdin="distribution of extremist materials\n")
    assert text.exit_code == 0
    assert json.loads(text.stdout)["provisions"][0]["id"] == "stdin"
    yml = run("check", "-", "--format", "json", stdin="id: a1\ntext: glorification of terrorism\n")
    assert json.loads(yml.stdout)["provisions"][0]["id"] == "a1"


def test_output_file_is_written(tmp_path):
    out = tmp_path / "report.md"
    result = run("check", CIS, "--format", "markdown", "--output", str(out))
    assert result.exit_code == 0
    assert out.read_text("utf-8").startswith("# rightscheck report")
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        ("provisions:\n  - id: a\n    text: [unclosed\n", 4, "not valid YAML"),
        ("provisions:\n  - id: a\n    txt: hello\n", 3, "unknown field"),
        ("provisions:\n  - id: a\n    text: '   '\n", 3, "empty text"),
        ("provisions:\n  - id: a\n    text: x\n  - id: a\n    text: y\n", 4, "used twice"),
        ("provisions:\n  - !!python/object/apply:os.system ['echo hacked']\n", 2, "not valid YAML"),
    ],
)
def test_bad_input_exits_2_naming_file_and_line(tmp_path, content, line, words):
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    out = tmp_path / "out.json"
    result = run("check", str(bad), "--format", "json", "--output", str(out))
    assert result.exit_code == 2
    assert f"bad.yaml:{line}:" in result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_missing_file_and_unknown_rule_id():
    missing = run("check", "no/such/file.yaml")
    assert missing.exit_code == 2 and "file not found" in missing.stderr
    unknown = run("check", CIS, "--select", "LEG-NOPE")
    assert unknown.exit_code == 2 and "LEG-NOPE" in unknown.stderr


def test_binary_file_is_refused(tmp_path):
    blob = tmp_path / "draft.txt"
    blob.write_bytes(bytes(range(256)) * 10)
    result = run("check", str(blob))
    assert result.exit_code == 2 and "not a text file" in result.stderr


def test_rules_list_and_explain():
    listing = run("rules")
    assert listing.exit_code == 0 and "LEG-EXTREMISM" in listing.stdout
    explained = run("rules", "--explain", "LEG-EXTREMISM")
    assert explained.exit_code == 0
    assert "CCPR/C/GC/34, para 46 [verified]" in explained.stdout
    assert "NOT VERIFIED" in explained.stdout
    assert run("rules", "--explain", "NOPE-X").exit_code == 2


def test_console_script_runs_without_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("provisions:\n  - id: a\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "rightscheck", "check", str(bad)],
                          capture_output=True, text=True, cwd=Path(ROOT))
    assert proc.returncode == 2
    assert "bad.yaml:2:" in proc.stderr and "text: required field is missing" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("width", [80, 130])
def test_terminal_view_keeps_messages_readable_at_any_width(width):
    from rich.console import Console

    from rightscheck.engine import assess
    from rightscheck.readers import read_inputs
    from rightscheck.render.table import print_report
    from rightscheck.rules import load_packs

    provisions, _ = read_inputs([CIS])
    report = assess(provisions, load_packs())
    console = Console(width=width, record=True, no_color=True, force_terminal=False, file=io.StringIO())
    print_report(report, console)
    text = console.export_text()
    assert all(len(line) <= width for line in text.splitlines())
    assert "│ … │" not in text and "│ …" not in text  # no column squeezed to nothing
    if width < 100:  # findings are listed: each message reads as running text
        flat = " ".join(" ".join(line.strip(" │").split()) for line in text.splitlines())
        assert "has no settled meaning in international law" in flat


@pytest.mark.parametrize(("selector", "hint"), [
    ("test:necesity", "test:necessity"), ("tset:necessity", "test:necessity"), ("LEG-EXTREMSM", "LEG-EXTREMISM"),
    ("ZZZ-", ""), ("category:vauge-term", "category:vague-term"), ("pack:iccpr", ""),
])
def test_a_mistyped_selector_is_refused_not_a_clean_report(selector, hint):
    for option in ("--select", "--ignore"):
        result = run("check", CIS, option, selector, "--format", "json")
        assert result.exit_code == 2, (option, selector)
        assert "selects nothing" in result.output and hint in result.output


def test_every_selector_form_that_names_something_runs():
    for selector in ("LEG-", "test:necessity", "category:vague-term", "pack:iccpr19", "LEG-EXTREMISM", "ALL"):
        assert run("check", CIS, "--select", selector, "--format", "json").exit_code == 0, selector


def test_ignoring_everything_judges_nothing():
    data = json.loads(run("check", CIS, "--ignore", "ALL", "--format", "json").stdout)
    p = data["provisions"][0]
    assert p["overall"]["verdict"] == "not_assessed"
    assert {t["verdict"] for t in p["tests"].values()} == {"excluded"}
    assert "LEG-EXTREMISM" in data["selection"]["excluded_rules"]


def test_markdown_shows_input_html_as_text(tmp_path):
    src = tmp_path / "x.yaml"
    src.write_text('id: "x<img src=x onerror=alert(1)>"\ntitle: "a | b"\n'
                   'text: "Distribution of <script>alert(1)</script> extremist materials."\n', "utf-8")
    md = run("check", str(src), "--format", "markdown").stdout
    assert "<img" not in md and "<script>" not in md
    assert "x&lt;img src=x onerror=alert(1)&gt;" in md
    assert "a \\| b" in md


def test_output_to_a_device_or_a_link_does_not_replace_it(tmp_path):
    import os
    import stat

    assert run("check", CIS, "--format", "json", "-o", "/dev/null").exit_code == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    target = tmp_path / "real.json"
    target.write_text("old", "utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert run("check", CIS, "--format", "json", "-o", str(link)).exit_code == 0
    assert link.is_symlink() and json.loads(target.read_text("utf-8"))["schema_version"] == 2


def test_terminal_at_80_columns_keeps_verdicts_and_summary_first():
    import io

    from rich.console import Console

    from rightscheck.engine import assess
    from rightscheck.explain import coverage, list_rules
    from rightscheck.readers.yaml_reader import read_yaml
    from rightscheck.render.table import print_coverage, print_report, print_rules
    from rightscheck.rules import load_packs

    packs = load_packs()
    drafts = EXAMPLES / "concept-note-2023-drafts.yaml"
    report = assess(read_yaml(drafts.read_text("utf-8"), drafts.name), packs)
    buf = io.StringIO()
    print_report(report, Console(file=buf, width=80))
    lines = buf.getvalue().splitlines()
    assert lines[0].startswith("Summary") and max(len(line) for line in lines) <= 80
    titles = [line for line in lines if line.startswith("╭─ ")]
    assert len(titles) == 5 and all(line[3:].split(" ")[0] in {"INCOMPATIBLE", "CONCERNS", "NO", "NOT"}
                                    for line in titles)
    # no rule id is cut or broken across lines, and the summary names the tests with concerns
    text = buf.getvalue()
    fired = {f.rule for p in report.provisions for f in p.findings}
    assert "NEC-CONTENT-OFFENCE-IN-CYBER-INSTRUMENT" in fired and not re.search(r"[A-Z]-[A-Z-]*…", text)
    assert all(re.search(rf"(?<![\w-]){rule}(?![\w-])", text) for rule in fired)
    assert "draft-terrorist-extremist-content" in lines[2] and "legality, necessity" in lines[3]
    for printer, rows in ((print_rules, json.loads(list_rules(packs, "json"))),
                          (print_coverage, json.loads(coverage(packs, "json")))):
        out = io.StringIO()
        printer(rows, Console(file=out, width=80))
        assert max(len(line) for line in out.getvalue().splitlines()) <= 80


def test_every_report_names_its_inputs_their_hash_and_the_date(tmp_path, monkeypatch):
    """check, compare, redraft and the amendments table, in each format, say which files were read
    (with their hashes) and on what day; SOURCE_DATE_EPOCH fixes the day, so output can be reproduced."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 14 November 2023, UTC
    data = json.loads(run("check", CIS, "--format", "json").stdout)
    assert data["generated_on"] == "2023-11-14"
    digest = data["inputs"][0]["hash"]
    assert digest.startswith("sha256:")
    other = tmp_path / "new.yaml"
    other.write_text(Path(CIS).read_text("utf-8").replace("extremist", "terrorist"), encoding="utf-8")
    outputs = {f"check {fmt}": run("check", CIS, "--format", fmt).stdout for fmt in ("table", "markdown", "html")}
    outputs |= {f"compare {fmt}": run("compare", CIS, str(other), "--format", fmt).stdout
                for fmt in ("table", "markdown", "html")}
    outputs |= {f"redraft {fmt}": run("redraft", CIS, "--format", fmt).stdout for fmt in ("table", "markdown")}
    outputs["amendments"] = run("redraft", CIS, "--amendments", "--format", "markdown").stdout
    for name, text in outputs.items():
        flat = " ".join(text.split())
        assert "cis-2018-extremist-materials.yaml" in flat and digest in flat and "2023-11-14" in flat, name
    docx_path = tmp_path / "report.docx"
    assert run("check", CIS, "--format", "docx", "-o", str(docx_path)).exit_code == 0
    import docx

    words = " ".join(p.text for p in docx.Document(str(docx_path)).paragraphs)
    assert digest in words and "2023-11-14" in words
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    from datetime import UTC, datetime

    today = datetime.now(UTC).date().isoformat()
    assert json.loads(run("check", CIS, "--format", "json").stdout)["generated_on"] == today


def test_a_rules_evidence_hint_reaches_the_reviewer():
    """A rule's evidence_hint (what a reviewer should look for) is shown with its finding."""
    text = "The distribution of materials containing calls for terrorist activities is punishable."
    data = json.loads(run("check", "-", "--format", "json", stdin=text).stdout)
    finding = next(f for f in data["provisions"][0]["findings"] if f["rule"] == "DEF-NO-PROTECTED-PURPOSES")
    assert finding["evidence_hint"].startswith("Check whether a general clause")
    assert "Look for: Check whether a general clause" in run("check", "-", "--format", "markdown", stdin=text).stdout


def test_jsonl_streams_the_same_provisions_as_json(tmp_path, monkeypatch):
    """--format jsonl: a header (the report without provisions), one line per provision equal to
    the JSON report's, and an end line; written atomically with -o; --fail-on still applies."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    drafts = str(EXAMPLES / "concept-note-2023-drafts.yaml")
    whole = json.loads(run("check", drafts, "--format", "json").stdout)
    result = run("check", drafts, "--format", "jsonl")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["type"] for line in lines] == ["header"] + ["provision"] * len(whole["provisions"]) + ["end"]
    header = {k: v for k, v in lines[0].items() if k not in {"type", "jsonl_version"}}
    assert header == {k: v for k, v in whole.items() if k not in {"provisions", "review"}}
    assert [{k: v for k, v in line.items() if k != "type"} for line in lines[1:-1]] == whole["provisions"]
    assert lines[-1] == {"type": "end", "provisions": len(whole["provisions"]), "review": None}
    out = tmp_path / "report.jsonl"
    assert run("check", drafts, "--format", "jsonl", "-o", str(out), "--fail-on", "incompatible").exit_code == 1
    assert out.read_text("utf-8") == result.stdout
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind


def test_a_batch_spread_over_worker_processes_gives_the_same_report(tmp_path, monkeypatch):
    """--jobs 2 assesses in worker processes: the same reports in the same order, including
    articles that inherit a definition from another article of their document."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    definition = "For the purposes of this Law, \"extremist activity\" means any activity that the authorities oppose."
    articles = [definition] + [f"Whoever finances extremist activity (case {i}) shall be punished." for i in range(60)]
    draft = tmp_path / "law.md"
    draft.write_text("\n\n".join(f"## Article {n}\n\n{text}" for n, text in enumerate(articles, 1)), "utf-8")
    one = run("check", str(draft), "--format", "json", "--jobs", "1")
    two = run("check", str(draft), "--format", "json", "--jobs", "2")
    assert one.exit_code == two.exit_code == 0 and one.stdout == two.stdout
    inherited = [f for p in json.loads(two.stdout)["provisions"][1:] for f in p["findings"]
                 if f["rule"] == "LEG-INHERITED-DEFINITION"]
    assert len(inherited) == 60
    assert run("check", str(draft), "--format", "jsonl", "--jobs", "2").stdout == \
        run("check", str(draft), "--format", "jsonl", "--jobs", "1").stdout


def test_a_clean_verdict_over_findings_does_not_say_no_concern(tmp_path):
    """A criminal libel offence with knowledge of falsity, intent, a fine and the defences of truth
    and public benefit: one low finding (defamation kept in the criminal law, GC34 para 47) leaves
    the JSON verdict `compatible`, but a reader must not be told "no concern found" above the
    findings it lists. A text with no finding at all keeps "no concern found"."""
    libel = tmp_path / "libel.yaml"
    libel.write_text(
        "provisions:\n  - id: libel\n    text: >-\n      Any person who, by print, writing or other means, "
        "unlawfully publishes any defamatory matter concerning another person, knowing it to be false and with "
        "intent to defame that other person, is liable to a fine. It is a defence that the matter was true or "
        "that its publication was for the public benefit.\n", encoding="utf-8")
    data = json.loads(run("check", str(libel), "--format", "json").stdout)
    assert data["provisions"][0]["overall"]["verdict"] == "compatible" and data["provisions"][0]["findings"]
    md = run("check", str(libel), "--format", "markdown").stdout
    assert "| libel | **no serious concern** (96) |" in md and "| Necessity | no serious concern | 96 |" in md
    assert "Overall: **no concern found" not in md
    html = run("check", str(libel), "--format", "html").stdout
    assert '<td data-label="Overall"><span class="verdict compatible">no serious concern</span> 96</td>' in html
    assert '<td data-label="Proportionality"><span class="verdict compatible">no concern found</span> 100</td>' in html
    table = run("check", str(libel)).stdout
    assert "NO SERIOUS CONCERN 96 · libel" in table and "Necessity: NO SERIOUS CONCERN 96" in table
    assert "Proportionality: NO CONCERN FOUND 100" in table
    clean = run("check", str(EXAMPLES / "good-practice.yaml"), "--format", "markdown").stdout
    assert "no concern found" in clean and "coe-cets196-art5 | **no concern found**" in clean
