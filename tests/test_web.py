"""The local web page (rightscheck serve): what a reviewer does with it, its safety as a server,
and a real browser (Chromium from the Debian packages, driven through chromedriver)."""

from __future__ import annotations

import io
import json
import re
import shutil
import socket
import threading
import time
import warnings
import zipfile
from pathlib import Path

import pytest
import yaml

warnings.filterwarnings("ignore", message=".*httpx.*")

from starlette.testclient import TestClient  # noqa: E402

from rightscheck.engine import assess  # noqa: E402
from rightscheck.readers import Limits  # noqa: E402
from rightscheck.readers.yaml_reader import read_yaml  # noqa: E402
from rightscheck.web import Settings, create_app  # noqa: E402

from .test_documents import MD, make_docx  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CIS = (ROOT / "examples" / "cis-2018-extremist-materials.yaml").read_text("utf-8")
CIS_TEXT = yaml.safe_load(CIS)["provisions"][0]["text"]


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(), base_url="http://127.0.0.1:8000")


def _key(html: str) -> str:
    return re.search(r"/download/([^/]+)/json", html).group(1)


# ----------------------------------------------------------------------------- what a reviewer does
def test_paste_gives_the_report_with_marks_and_verdict(client):
    page = client.post("/check", data={"text": CIS_TEXT})
    assert page.status_code == 200
    assert "incompatible" in page.text and re.search(r"<mark[^>]*>[^<]*extremist[^<]*</mark>", page.text)
    assert "English (en)" in page.text


def test_a_pasted_article_in_another_language_is_detected_and_assessed(client):
    russian = ("Статья 205.2. Публичное оправдание терроризма\n\n"
               "Публичное оправдание терроризма наказывается лишением свободы на срок до пяти лет.")
    page = client.post("/check", data={"text": russian})
    assert page.status_code == 200
    assert "Russian (ru)" in page.text and "detected" in page.text
    assert re.search(r"<mark[^>]*>оправдание</mark>", page.text)
    chosen = client.post("/check", data={"text": russian, "language": "fr"})  # the reviewer's choice wins
    assert "French (fr)" in chosen.text


def test_the_web_report_is_the_cli_report(client, packs):
    page = client.post("/check", data={"text": CIS})
    data = client.get(f"/download/{_key(page.text)}/json").json()
    expected = json.loads(assess(read_yaml(CIS, "x.yaml"), packs).model_dump_json())
    assert data["provisions"][0]["findings"] == expected["provisions"][0]["findings"]
    assert data["provisions"][0]["overall"] == expected["provisions"][0]["overall"]


def test_downloads(client, tmp_path):
    word = make_docx(MD, tmp_path / "draft.docx").read_bytes()
    page = client.post("/check", files={"file": ("my draft.docx", word)})
    assert page.status_code == 200 and "Your Word document with comments" in page.text
    key = _key(page.text)
    commented = client.get(f"/download/{key}/docx-comments")
    assert commented.status_code == 200
    with zipfile.ZipFile(io.BytesIO(commented.content)) as z:
        assert "word/comments.xml" in z.namelist()
    for fmt, marker in (("docx-report", b"PK"), ("html", b"<!doctype html>"), ("markdown", b"# rightscheck report")):
        got = client.get(f"/download/{key}/{fmt}")
        assert got.status_code == 200 and got.content.startswith(marker), fmt
    assert client.get("/download/unknown/json").status_code == 404


def test_compare_redraft_and_rules_pages(client):
    old = CIS_TEXT
    new = CIS_TEXT.replace("recognized in accordance with established procedure as extremist", "inciting violence")
    page = client.post("/compare", data={"old_text": old, "new_text": new})
    assert page.status_code == 200 and "<ins>" in page.text and "<del>" in page.text
    redraft = client.post("/redraft", data={"text": CIS_TEXT})
    assert redraft.status_code == 200 and "Suggested text" in redraft.text
    rules = client.get("/rules", params={"q": "glorif"})
    assert "LEG-GLORIFICATION" in rules.text and "LEG-EXTREMISM" not in rules.text
    assert "rationale" in client.get("/rules/LEG-GLORIFICATION").text.lower()


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"files": {"file": ("draft.docx", b"\x00\x01\x02 not a zip" * 50)}}, "not a readable Word"),
    ({"data": {"text": "   "}}, "nothing to check"),
    ({"data": {"text": CIS_TEXT, "select": "test:necesity"}}, "did you mean test:necessity"),
])
def test_errors_are_messages_on_the_page(client, kwargs, message):
    page = client.post("/check", **kwargs)
    assert page.status_code == 400 and message in page.text and "Traceback" not in page.text
    assert 'role="alert"' in page.text


def test_an_oversized_file_is_refused_with_a_message():
    small = TestClient(create_app(Settings(limits=Limits(max_file_mb=0.01))), base_url="http://127.0.0.1")
    page = small.post("/check", files={"file": ("draft.txt", b"a" * 50_000)})
    assert page.status_code == 413 and "above the limit" in page.text


# ----------------------------------------------------------------------------- safety
def test_input_is_shown_as_text(client):
    page = client.post("/check", data={"text": "Distribution of <script>alert(1)</script> extremist materials."})
    assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_a_foreign_host_header_is_refused(client):
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 421
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200


def test_a_non_loopback_bind_needs_the_token():
    app = create_app(Settings(host="10.1.2.3", token="s3cret"))
    c = TestClient(app, base_url="http://10.1.2.3:8000")
    assert c.get("/").status_code == 401
    assert c.get("/", params={"token": "wrong"}).status_code == 401
    assert c.get("/", params={"token": "s3cret"}).status_code == 200
    assert c.get("/rules").status_code == 200  # the cookie set with the token
    c.cookies.clear()
    assert c.post("/check", data={"text": CIS_TEXT}).status_code == 401


def test_a_100_mb_upload_is_refused_without_reading_it():
    import asyncio

    app = create_app()
    reads = []
    scope = {"type": "http", "method": "POST", "path": "/check", "raw_path": b"/check", "query_string": b"",
             "headers": [(b"host", b"127.0.0.1:8000"), (b"content-length", str(100 * 1024 * 1024).encode()),
                         (b"content-type", b"multipart/form-data; boundary=x")],
             "scheme": "http", "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 5000),
             "http_version": "1.1", "root_path": ""}
    sent = []

    async def receive():
        reads.append(1)
        return {"type": "http.request", "body": b"x" * 65536, "more_body": True}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 413
    assert len(reads) <= 1  # at most the first chunk: the body is never read whole


# ----------------------------------------------------------------------------- a real browser
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(create_app(Settings(port=port)), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    # In CI (CI=true) .ci/run installs chromium and chromium-driver, so this never skips there.
    import os

    if not (shutil.which("chromium") and shutil.which("chromedriver")) and not os.environ.get("CI"):
        pytest.skip("Chromium and chromedriver are not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                              options=options)
    driver.set_window_size(1280, 1000)
    driver.downloads = downloads
    yield driver
    driver.quit()


def _submit(driver, button_text: str = "Check") -> None:
    """Press the button and wait for the next page (its <h1> differs from the form's)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    before = driver.find_element(By.TAG_NAME, "h1").text
    driver.find_element(By.XPATH, f"//button[normalize-space()='{button_text}']").click()
    from selenium.common.exceptions import WebDriverException

    # While the next page replaces the old one, Chrome may report the old heading as stale, missing
    # or "not belonging to the document" (a plain WebDriverException): each poll looks again.
    WebDriverWait(driver, 60, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.find_element(By.TAG_NAME, "h1").text != before)


def test_browser_paste_upload_compare_and_errors(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    # paste the CIS provision: the verdict and a mark on "extremist"
    browser.get(server + "/")
    browser.find_element(By.ID, "text").send_keys(CIS_TEXT)
    _submit(browser)
    assert "incompatible" in browser.find_element(By.TAG_NAME, "main").text.lower()
    marks = [m.text for m in browser.find_elements(By.TAG_NAME, "mark")]
    assert any("extremist" in m for m in marks)  # nested marks are one highlight
    browser.save_screenshot(str(tmp_path / "report-1280.png"))
    browser.set_window_size(390, 900)
    browser.save_screenshot(str(tmp_path / "report-390.png"))
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 400, width  # nothing forces sideways scrolling on a phone
    browser.set_window_size(1280, 1000)

    # upload a .docx and download the commented .docx
    word = make_docx(MD, tmp_path / "draft.docx")
    browser.get(server + "/")
    browser.find_element(By.ID, "file").send_keys(str(word))
    _submit(browser)
    browser.find_element(By.PARTIAL_LINK_TEXT, "Your Word document with comments").click()
    target = browser.downloads / "rightscheck-docx-comments.docx"
    for _ in range(100):
        if target.exists():
            break
        time.sleep(0.1)
    with zipfile.ZipFile(target) as z:
        assert "word/comments.xml" in z.namelist()

    # compare two versions
    browser.get(server + "/compare")
    browser.find_element(By.ID, "old_text").send_keys(CIS_TEXT)
    browser.find_element(By.ID, "new_text").send_keys(CIS_TEXT.replace("extremist", "terrorist"))
    _submit(browser, "Compare")
    assert browser.find_elements(By.TAG_NAME, "ins") and browser.find_elements(By.TAG_NAME, "del")

    # three errors: a binary file, an oversized file, an empty paste
    binary = tmp_path / "binary.pdf"
    binary.write_bytes(bytes(range(256)) * 40)
    big = tmp_path / "big.txt"
    big.write_bytes(b"Article 1. " + b"x" * (11 * 1024 * 1024))
    for upload, message in ((binary, "PDF"), (big, "above the limit")):
        browser.get(server + "/")
        browser.find_element(By.ID, "file").send_keys(str(upload))
        _submit(browser)
        alert = browser.find_element(By.CSS_SELECTOR, "[role=alert]").text
        assert message in alert, alert
    browser.get(server + "/")
    _submit(browser)
    assert "nothing to check" in browser.find_element(By.CSS_SELECTOR, "[role=alert]").text


def test_serve_command_starts_the_page_on_loopback():
    import subprocess
    import sys
    import urllib.request

    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "rightscheck", "serve", "--port", str(port), "--no-browser"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = proc.stdout.readline()
        assert f"http://localhost:{port}/" in line and "token" not in line
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as page:
                    assert page.status == 200 and "Check a draft" in page.read().decode()
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("the server did not answer")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_pages_have_landmarks_and_labelled_controls(client):
    from html.parser import HTMLParser

    class Dom(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags = []

        def handle_starttag(self, tag, attrs):
            self.tags.append((tag, dict(attrs)))

    for path in ("/", "/compare", "/rules"):
        dom = Dom()
        dom.feed(client.get(path).text)
        tags = [t for t, _ in dom.tags]
        assert {"header", "nav", "main", "footer", "h1"} <= set(tags), path
        labels = {a.get("for") for t, a in dom.tags if t == "label"}
        controls = [a for t, a in dom.tags if t in {"input", "textarea", "select"} and a.get("type") != "hidden"]
        assert controls and all(c.get("id") in labels for c in controls), path
        assert ("html", {"lang": "en"}) in dom.tags
        # the only script is the package's own file
        assert [a.get("src") for t, a in dom.tags if t == "script"] == ["/static/app.js"]


def test_the_html_report_fits_a_phone_screen(browser, tmp_path, packs):
    from rightscheck.render.html_out import render_html

    report = assess(read_yaml((ROOT / "examples" / "concept-note-2023-drafts.yaml").read_text("utf-8"), "x.yaml"),
                    packs)
    page = tmp_path / "report.html"
    page.write_text(render_html(report), "utf-8")
    browser.set_window_size(390, 844)
    try:
        browser.get(page.as_uri())
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the page is {overflow} px wider than a 390 px screen"
        labels = browser.execute_script(
            "return getComputedStyle(document.querySelector('td[data-label]'), '::before').content")
        assert "Overall" in labels or "Verdict" in labels
    finally:
        browser.set_window_size(1280, 1000)
