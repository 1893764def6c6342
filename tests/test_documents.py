"""Real documents in and out (issue 4): Markdown, Word and PDF drafts; Word comments; HTML
reports; comparing versions; review decisions. Fixtures are made here from the examples."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner

from rightscheck.cli import main
from rightscheck.readers import read_inputs
from rightscheck.readers.text_reader import read_text

from .conftest import EXAMPLES, ROOT

MD = EXAMPLES / "draft-chapter.md"
TWO_ARTICLES = [("art-16", "Public justification of terrorism"),
                ("art-17", "Public provocation to commit a terrorist offence")]


def run(*args, stdin=None):
    return CliRunner().invoke(main, list(args), input=stdin)


def make_docx(md: Path, out: Path) -> Path:
    """A Word version of a Markdown draft, headings as Word headings."""
    document = docx.Document()
    for line in md.read_text("utf-8").split("\n"):
        if line.startswith("## "):
            document.add_heading(line[3:], level=2)
        elif line.startswith("# "):
            document.add_heading(line[2:], level=1)
        else:
            document.add_paragraph(line)
    document.save(str(out))
    return out


def make_pdf(md: Path, out: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in md.read_text("utf-8").split("\n"):
        pdf.multi_cell(0, 6, line.lstrip("# ").replace("—", "-"), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(out))
    return out


# ----------------------------------------------------------------------------- readers
def test_markdown_and_docx_give_the_same_two_provisions(tmp_path):
    md_provisions, _ = read_inputs([str(MD)])
    assert [(p.id, p.title) for p in md_provisions] == TWO_ARTICLES
    word = make_docx(MD, tmp_path / "draft.docx")
    doc_provisions, _ = read_inputs([str(word)])
    assert [(p.id, p.title) for p in doc_provisions] == TWO_ARTICLES
    assert [" ".join(p.text.split()) for p in doc_provisions] == [" ".join(p.text.split()) for p in md_provisions]
    assert doc_provisions[0].origin.endswith("paragraph 8")


def test_pdf_reader(tmp_path):
    pdf = make_pdf(MD, tmp_path / "draft.pdf")
    provisions, _ = read_inputs([str(pdf)])
    assert [(p.id, p.title) for p in provisions] == TWO_ARTICLES
    assert "public justification of terrorism" in provisions[0].text
    assert provisions[0].origin.endswith("page 1")


def test_scanned_pdf_without_text_is_refused_clearly(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")  # an "image" of a page, no text layer
    pdf.output(str(tmp_path / "scan.pdf"))
    result = run("check", str(tmp_path / "scan.pdf"))
    assert result.exit_code == 2 and "no text layer" in result.stderr and "OCR" in result.stderr


def test_damaged_docx_and_pdf_are_refused(tmp_path):
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 garbage")
    for name in ("bad.docx", "bad.pdf"):
        result = run("check", str(tmp_path / name))
        assert result.exit_code == 2 and "Traceback" not in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("line", "pid", "title"),
    [("Art. 16 - Public calls", "art-16", "Public calls"), ("Section 3: Definitions", "sec-3", "Definitions"),
     ("ARTICLE 12", "art-12", None), ("**Article 7.** Incitement", "art-7", "Incitement"),
     ("Article 16bis. Glorification", "art-16bis", "Glorification")],
)
def test_heading_forms(line, pid, title):
    (p,) = read_text(f"Preamble text.\n{line}\nWhoever publishes extremist materials.\n", "d.md")
    assert (p.id, p.title) == (pid, title)


def test_chapter_titles_between_articles_are_not_assessed():
    provisions = read_text("CHAPTER I. Criminalization\nArticle 1. A\nThe distribution of extremist materials.\n\n"
                           "Chapter II\nProcedural measures and law enforcement\n\nArticle 2. B\nBlocking.\n", "d.md")
    assert [p.id for p in provisions] == ["art-1", "art-2"]
    assert provisions[0].text == "The distribution of extremist materials."


def test_sentence_starting_with_article_is_not_a_heading():
    provisions = read_text("Article 2. Offence\nWhoever publishes such material.\nArticle 3 shall apply "
                           "to this offence.\n", "d.md")
    assert [p.id for p in provisions] == ["art-2"]
    assert "Article 3 shall apply" in provisions[0].text


# ----------------------------------------------------------------------------- Word out
def test_docx_comes_back_with_one_comment_per_flagged_span(tmp_path):
    word = make_docx(MD, tmp_path / "draft.docx")
    out = tmp_path / "reviewed.docx"
    result = run("check", str(word), "--format", "docx", "--output", str(out))
    assert result.exit_code == 0, result.stderr
    report = json.loads(run("check", str(word), "--format", "json").stdout)
    # one comment per flagged span, one per missing element, and the verdict on each article heading
    expected = sum(max(len(f["spans"]), 1) for p in report["provisions"] for f in p["findings"])
    expected += len(report["provisions"])
    reviewed = docx.Document(str(out))
    comments = list(reviewed.comments)
    assert len(comments) == expected > 0
    verdicts = [c for c in comments if c.text.startswith("rightscheck: ")]
    assert len(verdicts) == len(report["provisions"])
    assert any("incompatible" in c.text or "concerns" in c.text for c in verdicts)
    assert {c.author for c in comments} == {"rightscheck"}
    assert any("LEG-EXTREMISM" in c.text and "Source:" in c.text and "Remedy:" in c.text for c in comments)
    # everything else unchanged: the same paragraphs with the same text
    original = docx.Document(str(word))
    assert [p.text for p in reviewed.paragraphs] == [p.text for p in original.paragraphs]


def test_docx_report_for_other_inputs(tmp_path):
    out = tmp_path / "report.docx"
    result = run("check", str(EXAMPLES / "cis-2018-extremist-materials.yaml"), "--format", "docx", "-o", str(out))
    assert result.exit_code == 0
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "cis-2018-art3-extremist-materials" in text and "LEG-EXTREMISM" in text
    assert document.tables and document.tables[0].rows[1].cells[1].text.startswith("incompatible")
    highlighted = [r.text for p in document.paragraphs for r in p.runs if r.font.highlight_color]
    assert "recognized in accordance with established procedure as extremist" in "".join(highlighted)
    if shutil.which("libreoffice"):  # laid out, no word of the summary table is broken across lines
        subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                       check=True, capture_output=True, timeout=180)
        from pypdf import PdfReader

        text = PdfReader(str(tmp_path / "report.pdf")).pages[0].extract_text()
        assert "Proportionality" in text and "incompatible" in text


def test_docx_needs_an_output_file():
    result = run("check", str(MD), "--format", "docx")
    assert result.exit_code == 2 and "--output" in result.output


# In CI (CI=true) the tool is installed by .ci/run, so the test never skips there.
@pytest.mark.skipif(not shutil.which("libreoffice") and not os.environ.get("CI"), reason="LibreOffice is not installed")
def test_reviewed_docx_opens_in_libreoffice(tmp_path):
    word = make_docx(MD, tmp_path / "draft.docx")
    out = tmp_path / "reviewed.docx"
    run("check", str(word), "--format", "docx", "--output", str(out))
    subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180)
    from pypdf import PdfReader

    text = PdfReader(str(tmp_path / "reviewed.pdf")).pages[0].extract_text()
    assert "Article 16" in text and "justification" in text


# ----------------------------------------------------------------------------- HTML out
class _Dom(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_html_report_is_self_contained_and_accessible(tmp_path):
    out = tmp_path / "report.html"
    assert run("check", str(MD), "--format", "html", "-o", str(out)).exit_code == 0
    html = out.read_text("utf-8")
    dom = _Dom()
    dom.feed(html)
    tags = [t for t, _ in dom.tags]
    for landmark in ("header", "nav", "main", "footer", "h1", "h2", "table", "caption"):
        assert landmark in tags
    marks = [a for t, a in dom.tags if t == "mark"]
    report = json.loads(run("check", str(MD), "--format", "json").stdout)
    flagged = {s["text"] for p in report["provisions"] for f in p["findings"] for s in f["spans"]}
    assert marks and all(a.get("data-note") and a.get("tabindex") == "0" and a.get("aria-describedby") for a in marks)
    assert "justification" in flagged and ">justification</mark>" in html
    assert not [a for t, a in dom.tags if t in {"script", "link", "img"}]  # nothing remote, nothing to load
    assert "http" not in "".join(a.get("href", "") + a.get("src", "") for _, a in dom.tags)
    assert "Needs review:" in html and "Flagged:" in html and "Satisfied:" in html  # words, not only colour
    assert "@media print" in html


@pytest.mark.skipif(not shutil.which("chromium") and not os.environ.get("CI"), reason="Chromium is not installed")
def test_html_report_renders_marks_in_chromium(tmp_path):
    out = tmp_path / "report.html"
    run("check", str(MD), "--format", "html", "-o", str(out))
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(["chromium", *flags, "--dump-dom", out.as_uri()], capture_output=True, text=True,
                         timeout=120)
    assert dom.stdout.count("<mark") >= 5
    shot = tmp_path / "report.png"
    subprocess.run(["chromium", *flags, f"--screenshot={shot}", "--window-size=1200,1600", out.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 10_000


# ----------------------------------------------------------------------------- compare
OLD = """## Article 5. Public justification of terrorism

The public justification of terrorism using the Internet is a criminal offence.

## Article 6. Financing

The financing of extremist activity is a criminal offence.
"""
NEW = """## Article 5. Public provocation

The distribution of a message to the public, with the intent to incite the commission of a terrorist
offence, where such conduct causes a danger that such an offence may be committed, is a criminal offence.

## Article 7. Illegal access

The access to a computer system without right, when committed intentionally, is a criminal offence.
"""


def test_compare_shows_improvement_with_resolved_findings(tmp_path):
    (tmp_path / "old.md").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.md").write_text(NEW, encoding="utf-8")
    result = run("compare", str(tmp_path / "old.md"), str(tmp_path / "new.md"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    rows = {r["id"]: r for r in data["provisions"]}
    art5 = rows["art-5"]
    assert art5["status"] == "improved"
    assert {"before", "after", "resolved", "introduced"} <= set(art5)
    assert {"NEC-NO-DANGER", "LEG-NO-INTENT", "LEG-JUSTIFICATION"} <= set(art5["resolved"])
    assert art5["after"]["verdict"] == "compatible" and art5["before"]["verdict"] != "compatible"
    assert rows["art-6"]["status"] == "removed" and rows["art-7"]["status"] == "added"
    md = run("compare", str(tmp_path / "old.md"), str(tmp_path / "new.md"), "--format", "markdown")
    assert "**improved**" in md.stdout and "~~" in md.stdout
    html = run("compare", str(tmp_path / "old.md"), str(tmp_path / "new.md"), "--format", "html")
    assert "<ins>" in html.stdout and "<del>" in html.stdout
    assert "ins { background" in html.stdout and "del { background" in html.stdout  # coloured, and marked
    table = run("compare", str(tmp_path / "old.md"), str(tmp_path / "new.md"))
    assert "improved" in table.stdout
    # piped or written to a file, colour is lost: the changed words carry visible markers instead
    assert "[-public justification-] {+distribution+}" in table.stdout


# ----------------------------------------------------------------------------- review decisions
def test_review_init_then_decisions_set_findings_aside(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(MD.read_text("utf-8"), encoding="utf-8")
    review = tmp_path / "review.yaml"
    assert run("review", "init", str(draft), "-o", str(review)).exit_code == 0
    data = yaml.safe_load(review.read_text("utf-8"))
    assert data["decisions"] and {d["status"] for d in data["decisions"]} == {"under_review"}
    before = json.loads(run("check", str(draft), "--format", "json").stdout)["provisions"][0]
    for d in data["decisions"]:
        if d["rule"] == "LEG-EXTREMISM":
            d.update(status="false_positive", justification="defined elsewhere as violent extremism conducive "
                     "to terrorism", reviewer="A. Reviewer", date="2026-11-29")
    review.write_text(yaml.safe_dump(data), encoding="utf-8")
    after_run = run("check", str(draft), "--format", "json", "--review", str(review))
    assert after_run.exit_code == 0, after_run.stderr
    after_report = json.loads(after_run.stdout)
    after = after_report["provisions"][0]
    finding = next(f for f in after["findings"] if f["rule"] == "LEG-EXTREMISM")
    assert finding["decision"]["status"] == "false_positive"  # still visible, marked
    assert after["tests"]["legality"]["score"] > before["tests"]["legality"]["score"]
    assert "LEG-EXTREMISM" not in [s["rule"] for s in after["tests"]["legality"]["steps"]]
    assert after_report["review"]["set_aside"] == 1 and after_report["review"]["stale"] == []
    md = run("check", str(draft), "--format", "markdown", "--review", str(review)).stdout
    assert "Review decision: false positive" in md
    # undecided entries are neither "applied" nor printed as an empty decision
    assert after_report["review"]["applied"] == 1
    assert f"1 of {len(data['decisions'])} decisions applied" in md
    assert "under review" not in md.lower().replace("needs review", "") and "(, )" not in md


def test_stale_decisions_survive_a_redraft_and_are_reported(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("## Article 1. X\n\nThe distribution of extremist materials is an offence.\n", encoding="utf-8")
    review = tmp_path / "review.yaml"
    review.write_text(yaml.safe_dump({"decisions": [
        {"provision": "art-1", "rule": "LEG-EXTREMISM", "match": "extremist", "status": "accepted",
         "justification": "context", "reviewer": "R", "date": "2026-11-29"},
        {"provision": "art-1", "rule": "LEG-GLORIFICATION", "match": "glorification", "status": "accepted",
         "justification": "context", "reviewer": "R", "date": "2026-11-29"},
    ]}), encoding="utf-8")
    # a redraft that moves the words: keyed by words, the first decision still applies
    draft.write_text("## Article 1. X\n\nWhoever distributes, by any means, extremist materials commits an offence.\n",
                     encoding="utf-8")
    report = json.loads(run("check", str(draft), "--format", "json", "--review", str(review)).stdout)
    assert report["review"]["applied"] == 1
    assert [e["rule"] for e in report["review"]["stale"]] == ["LEG-GLORIFICATION"]
    table = run("check", str(draft), "--review", str(review))
    assert "stale decision" in table.stdout


def test_a_decision_without_justification_is_refused(tmp_path):
    review = tmp_path / "review.yaml"
    review.write_text("decisions:\n  - provision: art-16\n    rule: LEG-EXTREMISM\n    match: extremist\n"
                      "    status: false_positive\n", encoding="utf-8")
    result = run("check", str(MD), "--review", str(review))
    assert result.exit_code == 2
    assert "review.yaml:2:" in result.stderr and "justification" in result.stderr


def test_no_progress_bar_when_piped_or_json(tmp_path):
    many = "\n".join(f"## Article {i}. T\n\nThe distribution of extremist materials.\n" for i in range(1, 30))
    (tmp_path / "many.md").write_text(many, encoding="utf-8")
    result = run("check", str(tmp_path / "many.md"), "--format", "json")
    assert result.exit_code == 0 and "Checking provisions" not in result.stderr
    assert len(json.loads(result.stdout)["provisions"]) == 29


def test_compare_follows_renumbered_articles(tmp_path):
    old = tmp_path / "v1.md"
    new = tmp_path / "v2.md"
    old.write_text("## Article 7\n\nWhoever publicly justifies terrorism shall be punished by imprisonment for up to "
                   "five years.\n\n## Article 11\n\nWhoever distributes extremist materials shall be fined.\n",
                   encoding="utf-8")
    new.write_text("## Article 6\n\nWhoever publicly justifies terrorism, with intent to incite a terrorist offence, "
                   "shall be punished by imprisonment for up to five years.\n\n## Article 10\n\nWhoever distributes "
                   "extremist materials shall be fined.\n\n## Article 12\n\nAn entirely new rule on data.\n",
                   encoding="utf-8")
    data = json.loads(run("compare", str(old), str(new), "--format", "json").stdout)
    rows = {r["id"]: r for r in data["provisions"]}
    assert rows["art-6"]["previous_id"] == "art-7" and rows["art-6"]["text_changed"]
    assert rows["art-10"]["previous_id"] == "art-11" and rows["art-10"]["status"] == "unchanged"
    assert rows["art-12"]["status"] == "added" and len(rows) == 3
    md = run("compare", str(old), str(new), "--format", "markdown").stdout
    assert "art-6 (was art-7)" in md


# ----------------------------------------------------------------------------- batches
def test_a_folder_of_laws_is_one_report_with_file_names_and_no_id_clash(tmp_path, packs):
    from rightscheck.engine import assess
    from rightscheck.readers import read_inputs

    (tmp_path / "penal").mkdir()
    (tmp_path / "media").mkdir()
    (tmp_path / "penal" / "code.txt").write_text(
        "Section 24. Whoever publishes extremist materials shall be punished.\n", "utf-8")
    (tmp_path / "media" / "law.md").write_text(
        "Section 24. Whoever glorifies terrorism shall be punished.\n\n"
        "Section 25. Whoever publicly incites violence, with intent to incite it, shall be punished.\n", "utf-8")
    (tmp_path / ".notes.txt").write_text("not a law", "utf-8")  # hidden files are left out
    (tmp_path / "media" / "logo.png").write_bytes(b"\x89PNG")  # so are other kinds of file
    provisions, inputs = read_inputs([str(tmp_path)])
    assert [p.id for p in provisions] == ["law/sec-24", "sec-25", "code/sec-24"]
    assert [Path(i.path).name for i in inputs] == ["law.md", "code.txt"]
    report = assess(provisions, packs)
    origins = {p.id: p.origin for p in report.provisions}
    assert origins["code/sec-24"].endswith("code.txt:1") and origins["sec-25"].endswith("law.md:3")
    assert {f.rule for f in report.provisions[2].findings} >= {"LEG-EXTREMISM"}
    # a pattern the shell did not expand reads the files it matches
    provisions, _ = read_inputs([str(tmp_path / "*" / "*.txt")])
    assert [p.id for p in provisions] == ["sec-24"]


def test_an_id_repeated_within_one_file_is_still_an_error(tmp_path):
    from rightscheck.errors import InputError
    from rightscheck.readers import read_inputs

    draft = tmp_path / "d.yaml"
    draft.write_text("provisions:\n  - {id: a, text: one}\n  - {id: a, text: two}\n", "utf-8")
    with pytest.raises(InputError, match="used twice"):
        read_inputs([str(draft)])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no draft in this folder"):
        read_inputs([str(empty)])


# ----------------------------------------------------------------------------- tracked changes
def _tracked_docx(path: Path) -> Path:
    """A draft whose colleague deleted 'publishes extremist materials' and inserted 'glorifies
    terrorism', both as tracked changes."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def change(kind: str, text: str, ident: str):
        element = OxmlElement(f"w:{kind}")
        for key, value in (("w:id", ident), ("w:author", "Colleague"), ("w:date", "2026-11-01T00:00:00Z")):
            element.set(qn(key), value)
        run = OxmlElement("w:r")
        t = OxmlElement("w:delText" if kind == "del" else "w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        run.append(t)
        element.append(run)
        return element

    document = docx.Document()
    document.add_paragraph("Article 5. Offence")
    paragraph = document.add_paragraph("Whoever ")
    paragraph._p.append(change("del", "publishes extremist materials", "1"))
    paragraph._p.append(change("ins", "glorifies terrorism", "2"))
    paragraph.add_run(" shall be punished by imprisonment for up to five years.")
    document.save(str(path))
    return path


def test_tracked_changes_are_read_accepted_and_the_report_says_so(tmp_path):
    word = _tracked_docx(tmp_path / "draft.docx")
    report = json.loads(run("check", str(word), "--format", "json").stdout)
    (p,) = report["provisions"]
    assert p["text"] == "Whoever glorifies terrorism shall be punished by imprisonment for up to five years."
    assert report["inputs"][0]["tracked_changes"] == "accepted"
    rules = {f["rule"] for f in p["findings"]}
    assert "LEG-GLORIFICATION" in rules and "LEG-EXTREMISM" not in rules
    original = json.loads(run("check", str(word), "--tracked-changes", "original", "--format", "json").stdout)
    assert original["provisions"][0]["text"].startswith("Whoever publishes extremist materials")
    assert original["inputs"][0]["tracked_changes"] == "original"
    assert "LEG-EXTREMISM" in {f["rule"] for f in original["provisions"][0]["findings"]}


def test_the_reviewed_copy_keeps_the_colleagues_tracked_changes(tmp_path):
    word = _tracked_docx(tmp_path / "draft.docx")
    out = tmp_path / "reviewed.docx"
    assert run("check", str(word), "--format", "docx", "--output", str(out)).exit_code == 0
    reviewed = docx.Document(str(out))
    body = reviewed.element.body
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert [e.get(f"{w}author") for e in body.iter(f"{w}ins", f"{w}del")] == ["Colleague", "Colleague"]
    comments = list(reviewed.comments)
    glorify = next(c for c in comments if "LEG-GLORIFICATION" in c.text)
    # the comment sits on the inserted words
    start = next(e for e in body.iter(f"{w}commentRangeStart") if e.get(f"{w}id") == str(glorify.comment_id))
    inserted = next(body.iter(f"{w}ins"))
    assert start.getparent() is inserted or start.getnext() is inserted or start in list(inserted.iter())
    if shutil.which("libreoffice"):
        subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                       check=True, capture_output=True, timeout=180)
        from pypdf import PdfReader

        assert "glorifies" in PdfReader(str(tmp_path / "reviewed.pdf")).pages[0].extract_text()


def test_text_in_word_tables_is_read_and_what_is_not_read_is_said(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Article 1"
    table.cell(0, 1).text = "Whoever publishes extremist materials shall be punished."
    table.cell(1, 0).text = "Article 2"
    table.cell(1, 1).text = "Whoever publicly justifies terrorism shall be punished."
    document.sections[0].header.paragraphs[0].text = "DRAFT - not for circulation"
    word = tmp_path / "table.docx"
    document.save(str(word))
    report = json.loads(run("check", str(word), "--format", "json").stdout)
    assert [p["id"] for p in report["provisions"]] == ["art-1", "art-2"]
    assert "LEG-EXTREMISM" in {f["rule"] for f in report["provisions"][0]["findings"]}
    assert report["inputs"][0]["not_read"] == ["1 header(s) or footer(s)"]
    out = tmp_path / "reviewed.docx"
    assert run("check", str(word), "--format", "docx", "--output", str(out)).exit_code == 0
    reviewed = docx.Document(str(out))
    assert any("LEG-EXTREMISM" in c.text for c in reviewed.comments)  # anchored inside the table


def test_an_opendocument_draft_is_read_and_old_formats_are_refused_with_the_way_out(tmp_path):
    from odf import text as odf_text
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    document.text.addElement(odf_text.H(outlinelevel=1, text="Article 7. Extremist materials"))
    document.text.addElement(odf_text.P(text="Whoever distributes extremist materials shall be punished."))
    document.text.addElement(odf_text.H(outlinelevel=1, text="Article 8"))
    document.text.addElement(odf_text.P(text="Whoever publicly justifies terrorism shall be punished."))
    odt = tmp_path / "draft.odt"
    document.save(str(odt))
    report = json.loads(run("check", str(odt), "--format", "json").stdout)
    assert [p["id"] for p in report["provisions"]] == ["art-7", "art-8"]
    assert "LEG-EXTREMISM" in {f["rule"] for f in report["provisions"][0]["findings"]}
    for suffix, advice in ((".doc", "save it as .docx"), (".rtf", "save it as .docx")):
        old = tmp_path / f"draft{suffix}"
        old.write_bytes(b"{\\rtf1\\ansi Whoever publishes extremist materials}")
        result = run("check", str(old))
        assert result.exit_code == 2 and advice in result.output and "Traceback" not in result.output


def test_a_redraft_comes_back_as_word_tracked_changes(tmp_path):
    from rightscheck.readers.docx_reader import body_paragraphs, paragraph_text

    document = docx.Document()
    document.add_paragraph("Article 16. Extremist materials")
    paragraph = document.add_paragraph("Each Party shall establish as a criminal offence the distribution of "
                                       "materials recognized in accordance with established procedure as extremist ")
    paragraph.add_run("or containing justification of terrorism").bold = True
    paragraph.add_run(", using the Internet.")
    document.add_paragraph("Article 17")
    document.add_paragraph("Whoever publicly justifies terrorism shall be punished by imprisonment "
                           "for up to seven years.")
    word = tmp_path / "draft.docx"
    document.save(str(word))
    proposal = tmp_path / "proposal.docx"
    result = run("redraft", str(word), "--format", "docx", "--output", str(proposal))
    assert result.exit_code == 0, result.output
    redrafts = {p["id"]: p for p in json.loads(run("redraft", str(word), "--format", "json").stdout)["provisions"]}
    out = docx.Document(str(proposal))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    changes = list(out.element.body.iter(f"{w}ins", f"{w}del"))
    assert changes and {c.get(f"{w}author") for c in changes} == {"rightscheck"}
    accepted = [paragraph_text(p, "accepted") for p in body_paragraphs(out)]
    original = [paragraph_text(p, "original") for p in body_paragraphs(out)]
    # accepted one by one or all at once, the document reads as the redraft; rejected, as before
    assert accepted[1] == redrafts["art-16"]["redraft"] and accepted[3] == redrafts["art-17"]["redraft"]
    assert original == [p.text for p in document.paragraphs]
    assert "publicly publicly" not in accepted[3]
    if shutil.which("libreoffice"):
        subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(proposal)],
                       check=True, capture_output=True, timeout=180)
        assert (tmp_path / "proposal.pdf").stat().st_size > 0
    assert run("redraft", str(word), "--format", "docx").exit_code == 2  # needs --output


def test_a_colleagues_comment_survives_the_review(tmp_path):
    document = docx.Document()
    document.add_paragraph("Article 3. Offence")
    paragraph = document.add_paragraph("Whoever distributes extremist materials shall be punished.")
    document.add_comment(paragraph.runs, text="Check with the capital", author="Colleague", initials="C")
    word = tmp_path / "draft.docx"
    document.save(str(word))
    out = tmp_path / "reviewed.docx"
    assert run("check", str(word), "--format", "docx", "--output", str(out)).exit_code == 0
    report = json.loads(run("check", str(word), "--format", "json").stdout)
    assert report["inputs"][0]["not_read"] == ["1 comment(s)"]
    authors = [c.author for c in docx.Document(str(out)).comments]
    assert "Colleague" in authors and "rightscheck" in authors


def test_overlapping_findings_are_one_highlight_with_all_their_notes(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("Whoever provides access to extremist materials shall be punished.\n", "utf-8")
    html = run("check", str(draft), "--format", "html").stdout
    marks = re.findall(r"<mark[^>]*>([^<]*)</mark>", html)
    assert "provides access to" in marks and "access" not in marks  # not cut into pieces
    whole = re.search(r'<mark[^>]*data-note="([^"]*)"[^>]*>provides access to</mark>', html).group(1)
    assert "NEC-PROVIDING-ACCESS" in whole and "NEC-POSSESSION-ACCESS" in whole


def _yaml_draft(path: Path, articles: list[tuple[str, str]]) -> Path:
    path.write_text(yaml.safe_dump({"provisions": [{"id": i, "language": "en", "text": t} for i, t in articles]},
                                   allow_unicode=True), encoding="utf-8")
    return path


def test_compare_of_a_draft_renumbered_by_one_reports_every_article_renumbered_unchanged(tmp_path):
    """Art 7..14 become art 6..13: every new number is also an old one, so pairing by number alone
    would compare each article with its neighbour."""
    corpus = yaml.safe_load((ROOT / "tests" / "corpus" / "international.yaml").read_text("utf-8"))
    texts = [p["text"] for p in corpus["provisions"] if p.get("language") == "en"][:8]
    old = _yaml_draft(tmp_path / "v1.yaml", [(f"art-{7 + i}", t) for i, t in enumerate(texts)])
    new = _yaml_draft(tmp_path / "v2.yaml", [(f"art-{6 + i}", t) for i, t in enumerate(texts)])
    rows = json.loads(run("compare", str(old), str(new), "--format", "json").stdout)["provisions"]
    assert len(rows) == 8
    assert [(r["previous_id"], r["id"]) for r in rows] == [(f"art-{7 + i}", f"art-{6 + i}") for i in range(8)]
    assert all(r["status"] == "unchanged" and not r["text_changed"] and not r["resolved"] and not r["introduced"]
               for r in rows)


def test_compare_says_which_article_was_split_or_merged(tmp_path):
    intent = ("Whoever distributes a message to the public with the intent to incite the commission of a "
              "terrorist offence, where such conduct causes a danger that such an offence may be committed, "
              "shall be punished.")
    access = "Whoever accesses the whole or any part of a computer system without right shall be punished."
    data = "Whoever damages, deletes or alters computer data without right shall be punished."
    old = _yaml_draft(tmp_path / "v1.yaml", [("art-5", intent + "\n\n" + access), ("art-8", data)])
    new = _yaml_draft(tmp_path / "v2.yaml", [("art-5", intent), ("art-5a", access), ("art-8", data)])
    rows = {r["id"]: r for r in json.loads(run("compare", str(old), str(new), "--format", "json").stdout)["provisions"]}
    assert rows["art-5a"]["status"] == "added" and rows["art-5a"]["split_from"] == "art-5"
    assert rows["art-8"]["status"] == "unchanged"
    merged = _yaml_draft(tmp_path / "v3.yaml", [("art-5", intent + "\n\n" + access + "\n\n" + data)])
    result = run("compare", str(old), str(merged), "--format", "json")
    rows = {r["id"]: r for r in json.loads(result.stdout)["provisions"]}
    assert rows["art-8"]["status"] == "removed" and rows["art-8"]["merged_into"] == "art-5"
    assert "art-8 (merged into art-5)" in run("compare", str(old), str(merged), "--format", "markdown").stdout


def test_compare_of_a_real_revision_reports_what_its_critics_said():
    """Nigeria's Cybercrimes Act s 24(1), as enacted (2015) and as substituted in 2024. The ECOWAS
    Court had found the insult and annoyance limbs vague; the amendment removed them, and SERAP's
    new suit (2025) says "causing a breakdown of law and order" is still unclear and undefined."""
    revisions = ROOT / "tests" / "data" / "revisions"
    result = run("compare", str(revisions / "nigeria-cca-s24-2015.yaml"), str(revisions / "nigeria-cca-s24-2024.yaml"),
                 "--format", "json")
    (row,) = json.loads(result.stdout)["provisions"]
    assert row["status"] == "improved" and row["text_changed"]
    assert {"LEG-INSULT", "LEG-OFFENSIVE-CONTENT"} <= set(row["resolved"])
    assert "LEG-PUBLIC-ORDER-VAGUE" in row["introduced"]
    assert row["after"]["verdict"] != "compatible"  # knowingly false messages are still an offence


def test_check_on_a_folder_of_fifty_laws_is_one_report(tmp_path):
    """Fifty real English provisions, each a law of its own whose first article is "Section 1": one
    report, every input named with its hash, every provision traced to its file, no id refused."""
    texts = []
    for path in sorted((ROOT / "tests" / "corpus").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        texts += [p["text"] for p in data.get("provisions", []) if p.get("language") == "en"]
    folder = tmp_path / "laws"
    folder.mkdir()
    for n, text in enumerate(texts[:50]):
        (folder / f"law-{n:02}.md").write_text(f"## Section 1. Offence\n\n{' '.join(text.split())}\n", "utf-8")
    result = run("check", str(folder), "--format", "json")
    assert result.exit_code in {0, 1}, result.stderr
    data = json.loads(result.stdout)
    assert len(data["inputs"]) == 50 and all(i["hash"].startswith("sha256:") for i in data["inputs"])
    ids = [p["id"] for p in data["provisions"]]
    assert len(ids) == 50 and len(set(ids)) == 50 and "law-07/sec-1" in ids
    assert all(p["origin"].split(":")[0].endswith(".md") for p in data["provisions"])
    table = run("check", str(folder))
    assert table.stdout.startswith("Summary") and "law-49/sec-1" in table.stdout
