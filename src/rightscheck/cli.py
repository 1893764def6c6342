"""The command line: check, compare, redraft, review init, rules, validate-rules, migrate-rules.

Exit status: 0 done, 1 the --fail-on threshold was reached, 2 bad usage or bad input (one
message naming the file and line; never a traceback). Each command imports lazily what it needs.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__, no_plugins
from .clock import today
from .errors import RightscheckError
from .limits import GC_THRESHOLD

# The command line runs no pydantic plugin: looking for them costs a tenth of a short check's time.
no_plugins.disable()


class _Group(click.Group):
    """Turns every error into one line and exit status 2 (RIGHTSCHECK_DEBUG=1 shows the traceback
    of an unexpected one), so that no input ever ends in a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except RightscheckError as exc:
            click.echo(f"error: {exc.render()}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except Exception as exc:  # the last line of defence for the user
            if os.environ.get("RIGHTSCHECK_DEBUG"):
                raise
            click.echo(f"error: internal error ({type(exc).__name__}: {exc}); nothing was written. "
                       "Please report it with the input; RIGHTSCHECK_DEBUG=1 shows the details.", err=True)
            sys.exit(2)
        finally:
            # the patterns compiled afresh in this run are kept for the next, whatever the exit status
            # (--fail-on exits 1); a cache that cannot be written only saves no time
            if "rightscheck.regexes" in sys.modules:
                with contextlib.suppress(Exception):
                    sys.modules["rightscheck.regexes"].save()


# ----------------------------------------------------------------------------- helpers
def _split(values: tuple[str, ...]) -> list[str] | None:
    items = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return items or None


def _selectors(packs: list, select: tuple[str, ...], ignore: tuple[str, ...]) -> tuple[list[str] | None, ...]:
    """--select and --ignore as lists, each selector checked against the packs."""
    from .rules import check_selectors

    out = []
    for option, values in (("--select", select), ("--ignore", ignore)):
        items = _split(values)
        check_selectors(packs, option, items)
        out.append(items)
    return tuple(out)


def _load(rules_dirs: tuple[str, ...]):
    from .rules import load_packs

    return load_packs([Path(d) for d in rules_dirs] or None)


def _docx_layout(path: str, packs: list, tracked: str) -> Any:  # -> wordml.DocxDraft
    """Which paragraphs of a Word draft each provision came from (for comments and tracked changes
    written back into it), split as the assessment read it."""
    from .readers.docx_reader import read_docx
    from .readers.headings import headings_of

    return read_docx(Path(path), headings_of(packs), tracked)


def _read(paths: tuple[str, ...], max_file_mb: float, max_provisions: int, max_text_chars: int,
          language: str | None = None, packs: list | None = None, tracked: str = "accepted"):
    """Read the inputs; article headings are those of the packs' languages."""
    from .readers import Limits, read_inputs
    from .readers.headings import headings_of

    headings = headings_of(packs) if packs else None
    return read_inputs(list(paths), Limits(max_file_mb, max_provisions, max_text_chars), language, headings,
                       tracked)


def _emit(value: Any, fmt: str, output: str | None, render: Callable[[Any], str | bytes],
          printer: Callable[[Any, Any], None]) -> None:
    """Write ``value`` rendered to --output (atomically), or show it: rich on the terminal for
    the table format, the rendered text on standard output otherwise."""
    if output:
        from .output import write_atomic

        write_atomic(Path(output), render(value))
    elif fmt == "table":
        from rich.console import Console

        printer(value, Console())
    else:
        sys.stdout.write(render(value))  # type: ignore[arg-type]


def _stream(fmt: str, provisions: list, packs: list, inputs: list, output: str | None, jobs: int | None,
            **options: Any) -> str:
    """Assess and write each provision as it is done, so that memory stays flat however many
    provisions there are: JSON Lines (a header line, the report without its provisions; one line
    per provision; an end line with the count and review), or the JSON report itself (the same
    text as when it is made whole; not with a review, whose summary comes before the provisions).
    Returns the worst overall verdict."""
    from .engine import iter_encoded, prepare
    from .models import VERDICT_RANK
    from .output import open_atomic
    from .render.json_out import json_piece, jsonl_end, jsonl_header, jsonl_line, stream_json

    run = prepare(packs, **options)
    head = run.head(inputs, today())
    worst, count = "not_engaged", 0
    decided: list[Any] = []  # findings a reviewer decided on, for the review summary

    def counted() -> Any:
        """Each provision's text, as its worker wrote it."""
        nonlocal worst, count
        for done in iter_encoded(provisions, run, json_piece if fmt == "json" else jsonl_line, jobs):
            count += 1
            if VERDICT_RANK[done.verdict] > VERDICT_RANK[worst]:
                worst = done.verdict
            if run.decisions is not None and done.report is not None:  # (decisions: one process)
                decided.extend(f for f in done.report.findings if f.decision)
            yield done.text

    target = open_atomic(Path(output)) if output else contextlib.nullcontext(sys.stdout)
    with target as out:
        if fmt == "json":
            for piece in stream_json(head, counted()):
                out.write(piece)
            return worst
        out.write(jsonl_header(head))
        for line in counted():
            out.write(line)
        out.write(jsonl_end(count, run.review_summary(decided)))
    return worst


def _progress(count: int, fmt: str, output: str | None):
    """A rich progress bar on the terminal for long runs; none in JSON or when piped."""
    if count < 20 or fmt == "json" or not (sys.stderr.isatty() and (output or sys.stdout.isatty())):
        return None, None
    from rich.console import Console
    from rich.progress import Progress

    bar = Progress(transient=True, console=Console(stderr=True))
    task = bar.add_task("Checking provisions", total=count)
    bar.start()
    return bar, (lambda done: bar.update(task, completed=done))


def limits_options(func):
    """--max-file-mb, --max-provisions, --max-text-chars, and --language (how inputs are read)."""
    from .limits import Limits

    defaults = Limits()
    func = click.option(
        "--language", metavar="CODE", default=None,
        help="The language of every provision (en, ru, fr, es, ar, zh); by default the input's "
        "'language' field, else detected provision by provision.")(func)
    func = click.option("--max-text-chars", type=click.IntRange(1), default=defaults.max_text_chars,
                        show_default=True, help="Longest provision text accepted.")(func)
    func = click.option("--max-provisions", type=click.IntRange(1), default=defaults.max_provisions,
                        show_default=True, help="Most provisions in one run.")(func)
    return click.option("--max-file-mb", type=click.FloatRange(min=0, min_open=True),
                        default=defaults.max_file_mb, show_default=True,
                        help="Largest input file accepted, in MB.")(func)


rules_option = click.option(
    "--rules", "rules_dirs", multiple=True, metavar="DIR",
    help="Rule pack folder (or a folder of packs) to use instead of the built-in packs. Repeatable.",
)
select_options = [
    click.option("--select", multiple=True, metavar="IDS",
                 help="Run only these rules: ids, prefixes (LEG-), test:NAME, category:NAME."),
    click.option("--ignore", multiple=True, metavar="IDS", help="Do not run these rules (beats --select)."),
]


def with_select(func):
    for option in reversed(select_options):
        func = option(func)
    return func


# ----------------------------------------------------------------------------- commands
@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rightscheck")
def main() -> None:
    """Check draft criminal offences against the tests international human-rights law sets for
    restricting freedom of expression (ICCPR art 19(3)), and produce a checklist."""
    import gc

    gc.set_threshold(*GC_THRESHOLD)


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(["table", "markdown", "json", "jsonl", "html", "docx"]),
              default="table", show_default=True,
              help="Report format (docx needs --output; json and jsonl are written provision by provision, "
                   "jsonl one line each).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to FILE.")
@rules_option
@with_select
@click.option("--preview", is_flag=True, help="Also run rules whose status is 'preview'.")
@click.option("--fail-on", type=click.Choice(["concerns", "incompatible"]),
              help="Exit with status 1 if any provision's overall verdict is this or worse.")
@click.option("--review", "review_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Apply a reviewer's decisions (see 'rightscheck review init').")
@click.option("--jobs", type=click.IntRange(1, 64), default=None,
              help="Worker processes for a large batch (default: every core, up to 8, from 400 provisions).")
@click.option("--tracked-changes", "tracked", type=click.Choice(["accepted", "original"]), default="accepted",
              show_default=True, help="How to read a Word draft's tracked changes: as the text reads with them "
              "accepted, or the original; the report says which was assessed.")
@limits_options
def check(paths: tuple[str, ...], fmt: str, output: str | None, rules_dirs: tuple[str, ...],
          select: tuple[str, ...], ignore: tuple[str, ...], preview: bool, fail_on: str | None,
          review_path: str | None, jobs: int | None, tracked: str, max_file_mb: float, max_provisions: int,
          max_text_chars: int, language: str | None) -> None:
    """Assess provisions in PATH (YAML, plain text, Markdown, Word .docx or PDF; '-' for
    standard input)."""
    from .engine import assess
    from .models import VERDICT_RANK
    from .render import renderer

    if fmt == "docx" and not output:
        raise click.UsageError("--format docx writes a Word file: give --output FILE.docx")
    packs = _load(rules_dirs)
    selected, ignored = _selectors(packs, select, ignore)
    provisions, inputs = _read(paths, max_file_mb, max_provisions, max_text_chars, language, packs, tracked)
    review = None
    if review_path:
        from .review import load_review

        review = load_review(Path(review_path))
    if fmt == "jsonl" or (fmt == "json" and review is None):
        worst = _stream(fmt, provisions, packs, inputs, output, jobs, select=selected, ignore=ignored,
                        preview=preview, review=review, review_file=review_path or "")
        if fail_on and VERDICT_RANK[worst] >= VERDICT_RANK[fail_on]:
            sys.exit(1)
        return
    bar, progress = _progress(len(provisions), fmt, output)
    try:
        report = assess(provisions, packs, select=selected, ignore=ignored, preview=preview, inputs=inputs,
                        generated_on=today(), review=review, review_file=review_path or "", progress=progress,
                        jobs=jobs)
    finally:
        if bar is not None:
            bar.stop()
    if fmt == "docx":
        from .render.docx_out import annotate_docx, render_docx_report

        # A single Word draft comes back annotated; anything else gets a report document.
        if len(paths) == 1 and paths[0].lower().endswith(".docx"):
            layout = _docx_layout(paths[0], packs, tracked)
            render: Callable[[Any], str | bytes] = lambda r: annotate_docx(Path(paths[0]), r, layout)  # noqa: E731
        else:
            render = render_docx_report
    else:
        render = renderer(fmt)

    def print_report(value: Any, console: Any) -> None:
        from .render.table import print_report as show

        show(value, console)

    _emit(report, fmt, output, render, print_report)
    if fail_on and any(VERDICT_RANK[p.overall.verdict] >= VERDICT_RANK[fail_on] for p in report.provisions):
        sys.exit(1)


@main.command("compare")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option("--format", "fmt", type=click.Choice(["table", "markdown", "json", "html"]), default="table",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the comparison to FILE.")
@rules_option
@limits_options
def compare_cmd(old: str, new: str, fmt: str, output: str | None, rules_dirs: tuple[str, ...],
                max_file_mb: float, max_provisions: int, max_text_chars: int, language: str | None) -> None:
    """Compare two versions of a draft article by article: scores, verdicts, findings resolved
    and introduced, and the text changes."""
    from .compare import compare
    from .engine import assess
    from .render import compare_view as view

    packs = _load(rules_dirs)
    reports = []
    for path in (old, new):
        provisions, inputs = _read((path,), max_file_mb, max_provisions, max_text_chars, language, packs)
        reports.append(assess(provisions, packs, inputs=inputs, generated_on=today()))
    render = {"table": view.render_compare_text, "markdown": view.render_compare_markdown,
              "json": view.render_compare_json, "html": view.render_compare_html}[fmt]
    _emit(compare(*reports), fmt, output, render, view.print_compare)


@main.command("redraft")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(["table", "markdown", "json", "html", "docx"]), default="table",
              show_default=True, help="docx: your Word draft back with each edit as a tracked change (needs --output).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the redraft to FILE.")
@click.option("--amendments", is_flag=True,
              help="As a table of proposed amendments (per article and paragraph: current text, proposed text, "
              "justification with its source), in markdown, html or docx.")
@rules_option
@with_select
@limits_options
def redraft_cmd(paths: tuple[str, ...], fmt: str, output: str | None, amendments: bool, rules_dirs: tuple[str, ...],
                select: tuple[str, ...], ignore: tuple[str, ...], max_file_mb: float, max_provisions: int,
                max_text_chars: int, language: str | None) -> None:
    """Suggest a redraft of each provision that applies the remedies of its findings, show the
    changes, and re-check it."""
    from .redraft import redraft
    from .render import redraft_view as view
    from .rules import select_rules

    if amendments and fmt not in {"markdown", "html", "docx"}:
        raise click.UsageError("--amendments comes as --format markdown, html or docx")
    if amendments and fmt == "docx" and not output:
        raise click.UsageError("--format docx writes a Word file: give --output FILE.docx")
    if fmt == "docx" and not amendments and (not output or len(paths) != 1 or not paths[0].lower().endswith(".docx")):
        raise click.UsageError("--format docx gives one Word draft back with tracked changes: give one .docx "
                               "file and --output FILE.docx")
    packs = _load(rules_dirs)
    selected, ignored = _selectors(packs, select, ignore)
    provisions, inputs = _read(paths, max_file_mb, max_provisions, max_text_chars, language, packs)
    report = redraft(provisions, packs, select_rules(packs, selected, ignored), inputs, today())
    if amendments:
        from .render import amendments as table

        makers: dict[str, Callable[[Any], str | bytes]] = {
            "markdown": table.amendments_markdown, "html": table.amendments_html, "docx": table.amendments_docx}
        make = makers[fmt]
        _emit(report, "markdown" if fmt != "docx" else fmt, output, make, view.print_redraft)
        return
    if fmt == "docx":
        from .render.docx_redraft import redraft_docx

        layout = _docx_layout(paths[0], packs, inputs[0].tracked_changes or "accepted")
        _emit(report, fmt, output, lambda r: redraft_docx(Path(paths[0]), r, layout), view.print_redraft)
        return
    render = {"table": view.render_redraft_text, "markdown": view.render_redraft_markdown,
              "json": view.render_redraft_json}[fmt]
    _emit(report, fmt, output, render, view.print_redraft)


@main.group("review")
def review_group() -> None:
    """Reviewer decisions kept outside the draft."""


@review_group.command("init")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="The review file to write (YAML).")
@rules_option
@limits_options
def review_init(paths: tuple[str, ...], output: str, rules_dirs: tuple[str, ...], max_file_mb: float,
                max_provisions: int, max_text_chars: int, language: str | None) -> None:
    """Write a review file with every current finding marked under_review."""
    from .engine import assess
    from .output import write_atomic
    from .review import init_review

    packs = _load(rules_dirs)
    provisions, inputs = _read(paths, max_file_mb, max_provisions, max_text_chars, language, packs)
    report = assess(provisions, packs, inputs=inputs)
    write_atomic(Path(output), init_review(report))
    count = sum(len(p.findings) for p in report.provisions)
    click.echo(f"wrote {output}: {count} finding(s) under review")


@main.command("rules")
@click.option("--explain", metavar="RULE-ID", help="Show one rule in full.")
@click.option("--coverage", is_flag=True, help="Show which rules implement each signal of the doctrine brief.")
@click.option("--languages", is_flag=True, help="Show which rules run in which language (words in its lexicon).")
@click.option("--schema", "schema_of", type=click.Choice(["rule-file", "lexicon", "pack"]),
              help="Print the JSON Schema of a rule file, a lexicon or pack.yaml (for editors that check YAML).")
@click.option("--format", "fmt", type=click.Choice(["table", "markdown", "json"]), default="table",
              show_default=True)
@rules_option
def rules_cmd(explain: str | None, coverage: bool, languages: bool, schema_of: str | None, fmt: str,
              rules_dirs: tuple[str, ...]) -> None:
    """List the rules, show one in full with --explain, the doctrine coverage with --coverage, or
    the rules each language runs with --languages."""
    from .explain import coverage as coverage_table
    from .explain import explain_rule, language_coverage, list_rules

    if schema_of:
        import json

        from .explain import file_schemas

        click.echo(json.dumps(file_schemas()[schema_of], indent=2, ensure_ascii=False))
        return
    packs = _load(rules_dirs)
    if languages:
        text = language_coverage(packs, "json" if fmt == "json" else "markdown")
        click.echo(text, nl=not text.endswith("\n"))
        return
    if fmt == "table" and not explain and sys.stdout.isatty():
        import json

        from rich.console import Console

        from .render.table import print_coverage, print_rules

        if coverage:
            print_coverage(json.loads(coverage_table(packs, "json")), Console())
        else:
            print_rules(json.loads(list_rules(packs, "json")), Console())
        return
    if coverage:
        text = coverage_table(packs, fmt)
    elif explain:
        text = explain_rule(packs, explain, fmt)
    else:
        text = list_rules(packs, fmt)
    click.echo(text, nl=not text.endswith("\n"))


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything but loopback needs the access token printed at start.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port (0 picks a free one).")
@click.option("--no-browser", is_flag=True, help="Do not open the browser.")
@rules_option
@limits_options
def serve_cmd(host: str, port: int, no_browser: bool, rules_dirs: tuple[str, ...], max_file_mb: float,
              max_provisions: int, max_text_chars: int, language: str | None) -> None:
    """Start the local web page: paste or upload a draft, read the report, download it."""
    import secrets
    import socket
    import webbrowser

    import uvicorn

    from .readers import Limits
    from .web import LOOPBACK, Settings, create_app

    token = None if host in LOOPBACK else secrets.token_urlsafe(24)
    if port == 0:
        with socket.socket() as sock:
            sock.bind((host, 0))
            port = sock.getsockname()[1]
    settings = Settings(host=host, port=port, token=token, rules_dirs=rules_dirs,
                        limits=Limits(max_file_mb, max_provisions, max_text_chars), language=language)
    app = create_app(settings)
    shown = "localhost" if host in LOOPBACK else host
    url = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    click.echo(f"rightscheck is at {url}" + ("  (keep this address: the token is shown once)" if token else ""))
    click.echo("Press Ctrl+C to stop.")
    if not no_browser:
        webbrowser.open(url)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@main.command("migrate-rules")
@click.argument("directory", metavar="DIR")
def migrate_rules(directory: str) -> None:
    """Rewrite a rule pack written in rule language 1 in version 2, in place, keeping comments and
    layout (needs: pip install 'rightscheck[migrate]'); then run validate-rules on it."""
    from .migrate import migrate_pack

    changed = migrate_pack(Path(directory))
    if not changed:
        click.echo(f"{directory}: already in rule language 2; nothing to do")
        return
    for file in changed:
        click.echo(f"migrated {file}")
    click.echo(f"now run: rightscheck validate-rules {directory}")


@main.command("validate-rules")
@click.argument("directory", required=False, metavar="[DIR]")
def validate_rules(directory: str | None) -> None:
    """Check the rule files (schema, sources, vocabularies) and run every rule's examples."""
    from .validate import validate_packs

    packs = _load((directory,) if directory else ())
    result = validate_packs(packs)
    for f in result.failures:
        lang = f" [{f.language}]" if f.language else ""
        what = "exception word" if f.kind == "exception" else f"{f.kind} example"
        click.echo(f"{f.file}:{f.line}: {f.rule}{lang}: {what} {f.text!r}: {f.problem}")
    for rule, expect, note, closed in result.gaps:
        if closed:
            click.echo(f"known gap closed: {rule} now does what it should ({expect}); make it an example — {note}")
        else:
            click.echo(f"known gap (open): {rule} should {expect} but does not yet — {note}")
    names = ", ".join(f"{p.name} v{p.version}" for p in packs)
    summary = f"{names}: {result.rules} rules, {result.examples} examples, {len(result.failures)} failing"
    if result.failures:
        click.echo(summary, err=True)
        sys.exit(2)
    click.echo(summary + " — all rules pass their examples")
