"""The engine: provisions + rule packs -> an assessment report. Pure: no printing, no exiting.

Flow for each provision: normalise -> read the penalty -> decide what it engages (scope) ->
run the selected rules -> score each test -> build the checklist.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from . import __version__
from .checklist import build_checklist
from .definitions import defined_ranges, saving_ranges
from .matchers import Context, Range, merge_ranges
from .models import (
    Finding,
    InputInfo,
    PackInfo,
    Provision,
    ProvisionReport,
    Report,
    ScoringInfo,
    SourceOut,
    SpanOut,
    ToolInfo,
)
from .penalty import parse_penalty
from .rules import CompiledRule, Pack, select_rules
from .schema import TESTS, Scoring
from .scoring import finding_points, not_assessed, overall, score_test
from .text import normalise

MAX_QUOTED = 4


def text_hash(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _fill(template: str, quoted: str, ctx: Context) -> str:
    return template.replace("{match}", quoted).replace("{penalty}", ctx.penalty.describe())


def _inside(hit: Range, ranges: list[Range]) -> bool:
    return any(r[0] <= hit[0] and hit[1] <= r[1] for r in ranges)


def run_rule(cr: CompiledRule, ctx: Context) -> Finding | None:
    """Apply one compiled rule to one provision; None when it does not fire."""
    rule = cr.rule
    if rule.when.engages and rule.when.engages not in ctx.engages:
        return None
    if rule.when.not_engages and rule.when.not_engages in ctx.engages:
        return None
    result = cr.matcher(ctx)
    if not result.matched:
        return None
    hits = list(result.hits)
    if hits:
        if rule.unless.defined_in_text and ctx.defined:
            hits = [h for h in hits if not _inside(h, ctx.defined)]
        if rule.unless.in_saving_clause and ctx.saving:
            hits = [h for h in hits if not _inside(h, ctx.saving)]
        if not hits:
            return None
    if cr.unless is not None and cr.unless(ctx).matched:
        return None
    nt = ctx.nt
    spans: list[SpanOut] = []
    for start, end in merge_ranges(hits):
        span = nt.to_original(start, end)
        spans.append(SpanOut(start=span.start, end=span.end, text=nt.original[span.start:span.end]))
    distinct: list[str] = []
    for s in spans:
        word = " ".join(s.text.split())
        if word.lower() not in (d.lower() for d in distinct):
            distinct.append(word)
    quoted = ", ".join(f"'{d}'" for d in distinct[:MAX_QUOTED])
    if len(distinct) > MAX_QUOTED:
        quoted += f" and {len(distinct) - MAX_QUOTED} more"
    registry = cr.pack.meta.sources
    return Finding(
        rule=rule.id,
        title=rule.title,
        test=rule.test,
        category=rule.category,
        severity=rule.severity,
        confidence=rule.confidence,
        message=_fill(rule.message, quoted or "this provision", ctx),
        spans=spans,
        sources=[
            SourceOut(ref=registry[c.ref].symbol, pinpoint=c.pinpoint, verified=c.verified,
                      title=registry[c.ref].title, key=c.ref)
            for c in rule.sources
        ],
        remedy=_fill(rule.remedy.advice, quoted, ctx),
        redraft=_fill(rule.remedy.redraft, quoted, ctx) if rule.remedy.redraft else None,
        question=rule.question,
        points=finding_points(cr.pack.meta.scoring, rule.severity, rule.confidence),
    )


def make_context(provision: Provision, packs: Sequence[Pack] = ()) -> Context:
    """Normalise the text, read its penalty, definitions and saving clauses, and decide which
    of the packs' scopes (e.g. ``expression``) it engages."""
    nt = normalise(provision.text)
    ctx = Context(nt=nt, penalty=parse_penalty(nt.norm, provision.penalty),
                  defined=defined_ranges(nt), saving=saving_ranges(nt))
    ctx.engages = frozenset(name for pack in packs for name, m in pack.scope.items() if m(ctx).matched)
    return ctx


def assess_provision(
    provision: Provision, packs: Sequence[Pack], rules: Sequence[CompiledRule]
) -> ProvisionReport:
    languages = {lang for pack in packs for lang in pack.meta.languages}
    base = {
        "id": provision.id, "title": provision.title, "source": provision.source,
        "language": provision.language, "input_hash": text_hash(provision.text),
        "text": provision.text,
    }
    if provision.language not in languages:
        reason = (
            f"language {provision.language!r} is not covered by the rule packs "
            f"({', '.join(sorted(languages))}); no test was run"
        )
        tests, over = not_assessed(reason)
        return ProvisionReport(
            **base, engages_expression=False, overall=over, tests=tests, findings=[],
            checklist=[], notes=[reason],
        )
    ctx = make_context(provision, packs)
    engages = ctx.engages
    findings: list[Finding] = []
    for cr in rules:
        if provision.language not in cr.rule.languages:
            continue
        finding = run_rule(cr, ctx)
        if finding is not None:
            findings.append(finding)
    findings.sort(key=lambda f: (TESTS.index(f.test), -f.points, f.rule))
    scoring = packs[0].meta.scoring
    tests = {t: score_test([f for f in findings if f.test == t], scoring) for t in TESTS}
    notes = []
    if "expression" not in engages:
        notes.append(
            "The provision does not appear to criminalise expression (no communicative act or "
            "content object found); only the rules that apply to every offence were run."
        )
    if ctx.penalty.stated:
        notes.append(f"Penalty read: {ctx.penalty.describe()}.")
    return ProvisionReport(
        **base,
        engages_expression="expression" in engages,
        engages=sorted(engages),
        overall=overall(tests),
        tests=tests,
        findings=findings,
        checklist=build_checklist(list(packs), findings, ctx),
        notes=notes,
    )


def scoring_info(scoring: Scoring) -> ScoringInfo:
    return ScoringInfo(
        points=dict(scoring.points), confidence=dict(scoring.confidence),
        explanation=scoring.explanation,
    )


def assess(
    provisions: Sequence[Provision],
    packs: Sequence[Pack],
    *,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    preview: bool = False,
    inputs: Sequence[InputInfo] = (),
) -> Report:
    """Assess provisions against rule packs: the one entry point for the CLI and other tools."""
    rules = select_rules(list(packs), select, ignore, preview)
    return Report(
        tool=ToolInfo(version=__version__),
        rule_packs=[
            PackInfo(name=p.name, version=p.version, hash=p.hash, rules=len(p.rules)) for p in packs
        ],
        inputs=list(inputs),
        scoring=scoring_info(packs[0].meta.scoring),
        provisions=[assess_provision(p, packs, rules) for p in provisions],
    )
