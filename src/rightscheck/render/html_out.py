"""A self-contained HTML report: no remote assets, works offline, prints well.

Flagged words are ``<mark>``ed, with their explanation on hover and on keyboard focus and a
numbered note linking to the finding in the list below; verdicts and checklist statuses are
written out in words, so colour is never the only signal.
"""

from __future__ import annotations

from html import escape

from ..models import ProvisionReport, Report
from . import DISCLAIMER, TEST_NAMES, citations, review_sentence
from .segments import marked_pieces
from .view import ProvisionView, report_view

CSS = """
:root { --ink:#1b1b1b; --muted:#555; --line:#ccc; --ok:#1a7f37; --warn:#9a6700; --bad:#cf222e; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem; }
a { color: #0645ad; }
header, footer { color: var(--muted); border-bottom: 1px solid var(--line); }
footer { border-top: 1px solid var(--line); border-bottom: 0; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
.verdict { font-weight: 700; padding: 0 .3rem; border-radius: .2rem; border: 1px solid currentColor; }
.compatible { color: var(--ok); } .concerns { color: var(--warn); } .incompatible { color: var(--bad); }
.not_assessed, .excluded { color: var(--muted); } .needs_review, .not_engaged { color: #1f5fa8; }
.text { white-space: pre-wrap; background: #fafafa; border-left: 4px solid var(--line); padding: .75rem 1rem; }
mark { background: #fff3b0; border-bottom: 2px solid var(--warn); position: relative; cursor: help; }
mark.severe { background: #ffd6d6; border-bottom-color: var(--bad); }
mark:focus { outline: 2px solid #0645ad; }
mark[data-note]:hover::after, mark[data-note]:focus::after {
  content: attr(data-note); position: absolute; left: 0; top: 1.6em; z-index: 10; width: 26rem;
  background: #fff; color: var(--ink); border: 1px solid var(--line); padding: .5rem;
  box-shadow: 0 2px 6px rgba(0,0,0,.2); white-space: normal; font-size: .9rem; }
sup a { text-decoration: none; font-size: .75rem; }
ol.findings li { margin-bottom: .75rem; }
.meta { color: var(--muted); font-size: .9rem; }
.decision { border: 1px dashed var(--muted); padding: .2rem .4rem; display: inline-block; }
ul.checklist { list-style: none; padding-left: 0; }
ul.checklist li { margin: .4rem 0; padding-left: 1.8rem; text-indent: -1.8rem; }
.status { font-weight: 700; }
.status.satisfied { color: var(--ok); } .status.flagged { color: var(--bad); }
/* text differences (compare, redraft): colour and marking, not colour alone */
ins { background: #dafbe1; color: #116329; text-decoration: underline; }
del { background: #ffebe9; color: #82071e; text-decoration: line-through; }
/* On a phone, tables reflow: each row a block, each cell labelled; nothing wider than the screen. */
@media (max-width: 40rem) {
  body { padding: .5rem .75rem; overflow-wrap: anywhere; }
  table, thead, tbody, tr, th, td, caption { display: block; width: 100%; }
  thead { position: absolute; left: -9999px; }
  tr { border: 1px solid var(--line); margin-bottom: .5rem; }
  th, td { border: 0; border-bottom: 1px solid var(--line); }
  td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
  mark[data-note]:hover::after, mark[data-note]:focus::after { width: 85vw; }
}
.status.needs_review { color: var(--warn); }
@media print {
  body { max-width: none; font-size: 11pt; } nav { display: none; }
  mark[data-note]:hover::after, mark[data-note]:focus::after { display: none; }
  section.provision { break-before: page; } a { color: inherit; text-decoration: none; }
}
"""
UNVERIFIED = " <em>(pinpoint not verified)</em>"
ICON = {"satisfied": "✔", "flagged": "✘", "needs_review": "?"}



def _verdict(verdict: str, word: str) -> str:
    return f'<span class="verdict {verdict}">{escape(word)}</span>'


def _anchor(pid: str, n: int) -> str:
    return f"finding-{escape(pid)}-{n}"


def _marked_text(p: ProvisionReport) -> str:
    out: list[str] = []
    for piece in marked_pieces(p.text, p.findings):
        text = escape(piece.text)
        if piece.findings:
            notes = " | ".join(
                f"[{n}] {p.findings[n - 1].rule}: {p.findings[n - 1].message}" for n in piece.findings
            )
            severe = any(p.findings[n - 1].serious for n in piece.findings)
            described = " ".join(_anchor(p.id, n) for n in piece.findings)
            text = (f'<mark tabindex="0" class="{"severe" if severe else ""}" data-note="{escape(notes)}" '
                    f'aria-describedby="{described}">{text}</mark>')
        out.append(text)
        for n in piece.ends:
            out.append(f'<sup><a href="#{_anchor(p.id, n)}" aria-label="finding {n}">[{n}]</a></sup>')
    return "".join(out)


def _provision(v: ProvisionView) -> str:
    p = v.report
    pid = escape(p.id)
    title = f" — {escape(p.title)}" if p.title else ""
    rows = "".join(
        f"<tr><th scope=\"row\">{escape(t.name)}</th><td data-label=\"Verdict\">{_verdict(t.verdict, t.word)}</td>"
        f"<td data-label=\"Score\">{t.score}</td>"
        f"<td data-label=\"How\">{escape(t.reason)}" + "".join(f"; {escape(s.rule)} {s.points}" for s in t.steps)
        + "</td></tr>"
        for t in v.tests
    )
    parts = [
        f'<section class="provision" aria-labelledby="h-{pid}" id="p-{pid}">',
        f'<h2 id="h-{pid}">{pid}{title}</h2>',
        f"<p>Overall: {_verdict(p.overall.verdict, v.verdict_word)} score {v.score} — {escape(p.overall.reason)}</p>",
    ]
    if p.source:
        parts.append(f'<p class="meta">Source: {escape(p.source)}</p>')
    if p.origin:
        parts.append(f'<p class="meta">Read from: {escape(p.origin)}</p>')
    parts.append('<table><caption>Tests</caption><thead><tr><th scope="col">Test</th><th scope="col">Verdict</th>'
                 '<th scope="col">Score</th><th scope="col">How the score was reached</th></tr></thead>'
                 f"<tbody>{rows}</tbody></table>")
    parts += [f'<h3>Text</h3><div class="text">{_marked_text(p)}</div>']
    parts += [f'<p class="meta">{escape(n)}</p>' for n in p.notes]
    if v.findings:
        parts.append('<h3>Findings</h3><ol class="findings">')
        for line in v.findings:
            f = line.finding
            words = ", ".join(f"“{escape(s.text)}”" for s in f.spans) or "missing element"
            decision = f'<p class="decision">{escape(line.decision)}</p>' if line.decision else ""
            parts.append(
                f'<li id="{_anchor(p.id, line.number)}"><strong>{escape(f.rule)}</strong> — {escape(f.title)} '
                f'<span class="meta">({escape(f.test)}, {escape(f.severity)}, confidence {escape(f.confidence)})</span>'
                f"<br>Words: {words}<br>{escape(f.message)}"
                + (f"<br><span class=\"meta\">Why: {escape(f.rationale)}</span>" if f.rationale else "")
                + f"<br>Source: {citations(f, escape, UNVERIFIED)}<br>Remedy: {escape(f.remedy)}"
                + (f"<br>Suggested wording: {escape(f.redraft)}" if f.redraft else "")
                + (f"<br>Look for: {escape(f.evidence_hint)}" if f.evidence_hint else "")
                + decision + "</li>"
            )
        parts.append("</ol>")
    if v.checklist:
        parts.append('<h3>Checklist</h3><ul class="checklist">')
        for c in v.checklist:
            detail = ""
            if c.evidence:
                detail = "Evidence: " + ", ".join(f"“{escape(e)}”" for e in c.evidence)
            elif c.rules:
                detail = "Findings: " + ", ".join(escape(r) for r in c.rules)
            if c.note:
                detail += (" — " if detail else "") + escape(c.note)
            status = c.item.status
            parts.append(
                f'<li><span class="status {status}" aria-hidden="true">{ICON[status]}</span> '
                f'<span class="status {status}">{escape(c.status_word.capitalize())}:</span> '
                f"{escape(c.item.question)}<br><span class=\"meta\">{detail}</span></li>"
            )
        parts.append("</ul>")
    parts.append("</section>")
    return "\n".join(parts)


def page(title: str, body: str, nav: str = "", footer: str = "") -> str:
    return (
        f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{escape(title)}</title>\n'
        f"<style>{CSS}</style>\n</head>\n<body>\n"
        f'<header role="banner"><h1>{escape(title)}</h1><p><em>{escape(DISCLAIMER)}</em></p></header>\n'
        + (f'<nav aria-label="Provisions">{nav}</nav>\n' if nav else "")
        + f'<main id="main">\n{body}\n</main>\n<footer role="contentinfo">{footer}</footer>\n</body>\n</html>\n'
    )


def render_html(report: Report) -> str:
    body, nav, footer = report_parts(report)
    return page("rightscheck report", body, nav, footer)


def report_parts(report: Report) -> tuple[str, str, str]:
    """The report's body, navigation and footer as HTML (for the report page and the web page)."""
    views = report_view(report)
    rows = "".join(
        f'<tr><th scope="row"><a href="#p-{escape(v.report.id)}">{escape(v.report.id)}</a></th>'
        f'<td data-label="Overall">{_verdict(v.report.overall.verdict, v.verdict_word)} {v.score}</td>'
        + "".join(f'<td data-label="{escape(t.name)}">{_verdict(t.verdict, t.word)} {t.score}</td>' for t in v.tests)
        + "</tr>"
        for v in views
    )
    summary = ('<table><caption>Summary</caption><thead><tr><th scope="col">Provision</th><th scope="col">Overall</th>'
               + "".join(f'<th scope="col">{escape(n)}</th>' for n in TEST_NAMES.values())
               + f"</tr></thead><tbody>{rows}</tbody></table>")
    review = ""
    if report.review:
        r = report.review
        stale = "".join(f"<li>{escape(e.provision)} · {escape(e.rule)} · “{escape(e.match)}” ({escape(e.status)})</li>"
                        for e in r.stale)
        review = (f"<section aria-labelledby=\"h-review\"><h2 id=\"h-review\">Review decisions</h2>"
                  f"<p>{escape(review_sentence(r))}</p>"
                  + (f"<p>Stale decisions (they match no finding any more):</p><ul>{stale}</ul>" if stale else "")
                  + "</section>")
    links = "".join(f'<li><a href="#p-{escape(p.id)}">{escape(p.id)}</a></li>' for p in report.provisions)
    nav = f"<ul>{links}</ul>"
    packs = ", ".join(f"{p.name} v{p.version} ({p.hash})" for p in report.rule_packs)
    footer = (f"<p>rightscheck {escape(report.tool.version)} · rule packs: {escape(packs)} · "
              f"{escape(report.generated_on or 'date not recorded')}</p>"
              f"<p>{escape(report.scoring.explanation)}</p>"
              + "".join(f"<p>Input: {escape(i.path)} ({escape(i.hash)})"
                        + (f"; tracked changes read as {escape(i.tracked_changes)}" if i.tracked_changes else "")
                        + (f"; not read: {escape(', '.join(i.not_read))}" if i.not_read else "")
                        + "</p>" for i in report.inputs))
    body = summary + review + "\n".join(_provision(v) for v in views)
    return body, nav, footer
