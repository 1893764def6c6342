"""A local web page for reviewers who do not use a terminal (``rightscheck serve``).

Server-rendered pages on Starlette with Jinja2 templates; the engine, readers and renderers are the
CLI's, so the same input gives the same report. The page asks nothing of the network: the one
script and the style sheet are served from the package.

Safety, because it is a server:
- bound to 127.0.0.1 unless ``--host`` says otherwise, and then every request needs the access
  token printed at start (``?token=…`` once, then a cookie);
- the Host header must name the bound host (no DNS rebinding);
- a request body longer than the upload limit is refused from its Content-Length, before it is
  read; uploads live in memory, or in a private temporary folder only while a reader needs a
  path, removed after the response;
- no path named by the client is ever opened; everything from the input is escaped;
- a Content-Security-Policy forbids inline and remote scripts.
"""

from __future__ import annotations

import hashlib
import secrets
import shutil
import tempfile
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..clock import today
from ..errors import RightscheckError
from ..readers import Limits

HERE = Path(__file__).parent
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
ACCEPT = ".docx,.odt,.pdf,.txt,.md,.markdown,.yaml,.yml"
FORMATS = {
    "html": ("text/html; charset=utf-8", "html"),
    "markdown": ("text/markdown; charset=utf-8", "md"),
    "json": ("application/json", "json"),
    "docx-report": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "docx-comments": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
LANGUAGES = {"en": "English", "fr": "French", "es": "Spanish", "ru": "Russian", "ar": "Arabic", "zh": "Chinese"}


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    limits: Limits = field(default_factory=Limits)
    rules_dirs: tuple[str, ...] = ()
    language: str | None = None  # --language: the language of every draft unless the form says
    keep_seconds: int = 1800
    keep_entries: int = 20


@dataclass
class Draft:
    """An input kept in memory for its downloads: the name the user gave and the bytes."""

    name: str
    data: bytes
    select: list[str] | None
    ignore: list[str] | None
    language: str | None
    created: float = field(default_factory=time.monotonic)
    report: Any = None  # the report of the check, kept for its downloads


@contextmanager
def on_disk(draft: Draft) -> Iterator[Path]:
    """The draft as a file in a private temporary folder (the readers and the Word annotator take
    a path), removed when the block ends."""
    folder = Path(tempfile.mkdtemp(prefix="rightscheck-"))
    try:
        path = folder / draft.name
        path.write_bytes(draft.data)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class Drafts:
    """Recent inputs, in memory only, for the downloads of a report page (oldest dropped first)."""

    def __init__(self, seconds: int, entries: int) -> None:
        self.seconds, self.entries = seconds, entries
        self.items: OrderedDict[str, Draft] = OrderedDict()

    def add(self, draft: Draft) -> str:
        self._expire()
        key = secrets.token_urlsafe(16)
        self.items[key] = draft
        while len(self.items) > self.entries:
            self.items.popitem(last=False)
        return key

    def get(self, key: str) -> Draft | None:
        self._expire()
        return self.items.get(key)

    def _expire(self) -> None:
        now = time.monotonic()
        for key in [k for k, d in self.items.items() if now - d.created > self.seconds]:
            del self.items[key]


class PageError(Exception):
    """A refusal shown on the page: what went wrong and what to do."""

    def __init__(self, message: str, fix: str = "", status: int = 400) -> None:
        super().__init__(message)
        self.message, self.fix, self.status = message, fix, status


def _safe_name(name: str | None, fallback: str) -> str:
    """Only the suffix of a client's file name is used, never its path."""
    suffix = Path(name or "").suffix.lower()
    allowed = {".docx", ".pdf", ".txt", ".md", ".markdown", ".yaml", ".yml"}
    return f"draft{suffix}" if suffix in allowed else fallback


class Guard(BaseHTTPMiddleware):
    """Host check, access token, body-size limit and security headers, on every request."""

    def __init__(self, app: Any, settings: Settings) -> None:
        super().__init__(app)
        self.settings = settings
        self.hosts = {settings.host, "127.0.0.1", "localhost", "[::1]"}

    async def dispatch(self, request: Request, call_next: Any) -> Response:
        host = request.headers.get("host", "")
        name = host.rsplit(":", 1)[0] if not host.startswith("[") else host.split("]")[0] + "]"
        if name not in self.hosts:
            return PlainTextResponse("refused: unknown Host header", status_code=421)
        token = self.settings.token
        if token:
            given = request.query_params.get("token") or request.cookies.get("rightscheck_token")
            if not given or not secrets.compare_digest(given, token):
                return PlainTextResponse("refused: this server needs its access token (?token=...)",
                                         status_code=401)
        if request.method == "POST":
            length = request.headers.get("content-length")
            if length is None:
                return PlainTextResponse("refused: the request must state its length", status_code=411)
            # two files of the upload limit and the form fields around them
            if int(length) > 2 * self.settings.limits.max_file_bytes + 1_000_000:
                return _error_page(PageError(
                    f"the upload is {int(length) / 1024 / 1024:.0f} MB, above the limit of "
                    f"{self.settings.limits.max_file_mb:g} MB",
                    "split the draft, or start the server with a higher --max-file-mb", 413))
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        if token and request.query_params.get("token"):
            response.set_cookie("rightscheck_token", token, httponly=True, samesite="strict")
        return response


ENV = Environment(loader=PackageLoader("rightscheck.web", "templates"), autoescape=select_autoescape(["html"]))


def _render(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    context = {"languages": LANGUAGES, "accept": ACCEPT, **context}
    return HTMLResponse(ENV.get_template(template).render(**context), status_code=status)


def _error_page(err: PageError) -> HTMLResponse:
    return _render("error.html", status=err.status, message=err.message, fix=err.fix)


def create_app(settings: Settings | None = None) -> Starlette:
    """The web application (a pure function of its settings: tests build it without a server)."""
    from ..rules import load_packs

    settings = settings or Settings()
    packs = load_packs([Path(d) for d in settings.rules_dirs] or None)
    drafts = Drafts(settings.keep_seconds, settings.keep_entries)
    from ..readers.headings import headings_of

    headings = headings_of(packs)

    def read_draft(draft: Draft) -> tuple[list, list]:
        """Read the draft with the CLI's readers from a private temporary folder, removed after."""
        from ..readers import read_inputs

        with on_disk(draft) as path:
            provisions, inputs = read_inputs([str(path)], settings.limits, draft.language or settings.language,
                                             headings)
        for i in inputs:
            i.path = draft.name
        return provisions, inputs

    def assess_draft(draft: Draft):
        from ..engine import assess

        provisions, inputs = read_draft(draft)
        return assess(provisions, packs, select=draft.select, ignore=draft.ignore, inputs=inputs, generated_on=today())

    async def draft_from_form(request: Request, text_field: str, file_field: str) -> Draft:
        try:
            form = await request.form(max_files=2, max_fields=20, max_part_size=settings.limits.max_file_bytes + 1)
        except Exception as exc:  # a malformed or oversized form: say so on the page
            detail = getattr(exc, "detail", None) or str(exc)
            raise PageError(f"the form could not be read ({detail}); text or file above the limit of "
                            f"{settings.limits.max_file_mb:g} MB?",
                            "paste less text or choose a smaller file", 413) from None
        upload = form.get(file_field)
        text = str(form.get(text_field) or "")
        language = str(form.get("language") or "") or None
        if language and language not in LANGUAGES:
            raise PageError(f"unknown language {language!r}", "choose one from the list")
        select = _selectors(form.get("select"))
        ignore = _selectors(form.get("ignore"))
        _check_selectors(select, ignore)
        if isinstance(upload, UploadFile) and upload.filename:
            data = await upload.read(settings.limits.max_file_bytes + 1)
            if len(data) > settings.limits.max_file_bytes:
                raise PageError(f"the file is above the limit of {settings.limits.max_file_mb:g} MB",
                                "split the draft, or start the server with a higher --max-file-mb", 413)
            if not data:
                raise PageError("the uploaded file is empty", "choose the file again")
            return Draft(_safe_name(upload.filename, "draft.txt"), data, select, ignore, language)
        if not text.strip():
            raise PageError("there is nothing to check: the text box is empty and no file was chosen",
                            "paste the article(s) into the box, or choose a Word, PDF, text or YAML file")
        from ..readers.yaml_reader import looks_like_yaml_provisions

        name = "draft.yaml" if looks_like_yaml_provisions(text) else "draft.md"
        return Draft(name, text.encode("utf-8"), select, ignore, language)

    def _selectors(value: Any) -> list[str] | None:
        items = [s.strip() for s in str(value or "").replace(",", " ").split() if s.strip()]
        return items or None

    def _check_selectors(select: list[str] | None, ignore: list[str] | None) -> None:
        from ..rules import check_selectors

        try:
            check_selectors(packs, "only these rules", select)
            check_selectors(packs, "not these rules", ignore)
        except RightscheckError as exc:
            raise PageError(exc.message, exc.fix) from None

    async def index(request: Request) -> Response:
        return _render("index.html", page="check")

    async def check(request: Request) -> Response:
        from ..render.html_out import report_parts

        try:
            draft = await draft_from_form(request, "text", "file")
            report = assess_draft(draft)
        except PageError as err:
            return _error_page(err)
        except RightscheckError as err:
            return _error_page(PageError(err.message, err.fix or "", 400))
        draft.report = report
        key = drafts.add(draft)
        body, nav, _ = report_parts(report)
        languages = sorted({p.language for p in report.provisions})
        return _render("report.html", page="check", body=body, nav=nav, key=key, name=draft.name,
                       is_docx=draft.name.endswith(".docx"), report=report, detected=languages,
                       digest=_digest(draft))

    async def download(request: Request) -> Response:
        key, fmt = request.path_params["key"], request.path_params["fmt"]
        draft = drafts.get(key)
        if draft is None or fmt not in FORMATS:
            return _error_page(PageError("that report is no longer kept", "check the draft again", 404))
        report = draft.report
        media, suffix = FORMATS[fmt]
        if fmt == "docx-comments":
            if not draft.name.endswith(".docx"):
                return _error_page(PageError("comments go into a Word draft", "upload a .docx file", 400))
            from ..readers.docx_reader import read_docx
            from ..render.docx_out import annotate_docx

            with on_disk(draft) as path:
                content: str | bytes = annotate_docx(path, report, read_docx(path, headings))
        elif fmt == "docx-report":
            from ..render.docx_out import render_docx_report

            content = render_docx_report(report)
        else:
            from ..render import renderer

            content = renderer(fmt)(report)
        filename = f"rightscheck-{fmt}.{suffix}"
        return Response(content, media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    async def compare_page(request: Request) -> Response:
        if request.method == "GET":
            return _render("compare.html", page="compare")
        from ..compare import compare
        from ..render.compare_view import compare_body

        try:
            old = await draft_from_form(request, "old_text", "old_file")
            new = await draft_from_form(request, "new_text", "new_file")
            comparison = compare(assess_draft(old), assess_draft(new))
        except PageError as err:
            return _error_page(err)
        except RightscheckError as err:
            return _error_page(PageError(err.message, err.fix or "", 400))
        return _render("result.html", page="compare", title="Comparison", body=compare_body(comparison))

    async def redraft_page(request: Request) -> Response:
        from ..redraft import redraft
        from ..render.redraft_view import render_redraft_markdown
        from ..rules import select_rules

        try:
            draft = await draft_from_form(request, "text", "file")
            provisions, inputs = read_draft(draft)
            result = redraft(provisions, packs, select_rules(packs, draft.select, draft.ignore), inputs, today())
        except PageError as err:
            return _error_page(err)
        except RightscheckError as err:
            return _error_page(PageError(err.message, err.fix or "", 400))
        return _render("redraft.html", page="check", markdown=render_redraft_markdown(result), result=result)

    async def rules_page(request: Request) -> Response:
        query = request.query_params.get("q", "").strip().lower()
        rows = [cr for pack in packs for cr in pack.rules
                if not query or query in f"{cr.rule.id} {cr.rule.title} {cr.rule.test} {cr.rule.category}".lower()]
        return _render("rules.html", page="rules", rows=rows, q=query)

    async def rule_page(request: Request) -> Response:
        from ..explain import explain_rule

        rule_id = request.path_params["rule_id"]
        if not any(cr.rule.id == rule_id for p in packs for cr in p.rules):
            return _error_page(PageError(f"no rule has the id {rule_id!r}", "see the list of rules", 404))
        return _render("rule.html", page="rules", rule_id=rule_id, text=explain_rule(packs, rule_id, "markdown"))

    async def report_css(request: Request) -> Response:
        from ..render.html_out import CSS

        return Response(CSS, media_type="text/css")

    routes = [
        Route("/", index),
        Route("/check", check, methods=["POST"]),
        Route("/download/{key}/{fmt}", download),
        Route("/compare", compare_page, methods=["GET", "POST"]),
        Route("/redraft", redraft_page, methods=["POST"]),
        Route("/rules", rules_page),
        Route("/rules/{rule_id}", rule_page),
        Route("/report.css", report_css),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]

    async def not_found(request: Request, exc: Exception) -> Response:
        return _error_page(PageError("there is no such page", "go back to the start page", 404))

    async def server_error(request: Request, exc: Exception) -> Response:
        return _error_page(PageError("something went wrong while checking this draft",
                                     "try again; if it happens again, report it with the draft", 500))

    return Starlette(routes=routes, middleware=[Middleware(Guard, settings=settings)],
                     exception_handlers={404: not_found, 500: server_error})


def _digest(draft: Draft) -> str:
    return "sha256:" + hashlib.sha256(draft.data).hexdigest()[:16]
