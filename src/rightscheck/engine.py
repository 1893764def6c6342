"""The engine: provisions + rule packs -> an assessment report. Pure: no printing, no exiting.

Flow for each provision: normalise -> read the penalty -> decide what it engages (scope) ->
run the selected rules -> score each test -> build the checklist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, NamedTuple, Protocol, TypeVar, cast

from . import __version__, regexes
from .checklist import build_checklist
from .matchers import Context, DefinedTerms, Inheritance, Result, merge_ranges
from .models import (
    ChecklistItem,
    Finding,
    InputInfo,
    PackInfo,
    Provision,
    ProvisionReport,
    Report,
    ReviewEntry,
    ReviewSummary,
    ScoringInfo,
    Selection,
    SourceOut,
    SpanOut,
    TestResult,
    ToolInfo,
    badness,
    document_key,
    text_hash,
)
from .morphology import KeyText, Morphology
from .penalty import parse_penalty
from .review import Decisions
from .rules import CompiledRule, LanguageView, Pack, language_data, local_scopes, scoped, select_rules
from .schema import TESTS, Scoring, TestId
from .scoring import excluded_test, finding_points, needs_words, not_assessed, overall, score_test
from .text import NormText, Range, inside, normalise

MAX_QUOTED = 4


def _fill(template: str, quoted: str, ctx: Context) -> str:
    text = template.replace("{match}", quoted)
    if "{penalty}" in text:
        text = text.replace("{penalty}", ctx.penalty.describe())
    if "{defined_in}" in text:
        where = "; ".join(f"'{i.term}' in {i.provision} ({', '.join(i.rules)})" for i in ctx.inherited)
        text = text.replace("{defined_in}", where or "another article")
    return text


def _wording(cr: CompiledRule, own: Any, distinct: list[str], ctx: Context) -> str | None:
    """The suggested wording of a finding: the lexicon's own for the rule, else made from the
    rule's machine edit (in the pack's own language, where the edit applies), else the rule's."""
    remedy = cr.rule.remedy
    if own is not None and own.redraft:
        return str(own.redraft)
    if remedy.edit is not None:
        return remedy.edit.wording(distinct) if ctx.language == cr.pack.reference_language else None
    return remedy.redraft


def _sources(cr: CompiledRule) -> list[SourceOut]:
    """The rule's sources as reports cite them (made once per rule: they are frozen)."""
    if cr.sources_out is None:
        registry = cr.pack.meta.sources
        cr.sources_out = [
            SourceOut(ref=registry[c.ref].symbol, pinpoint=c.pinpoint, verified=c.verified,
                      title=registry[c.ref].title, key=c.ref)
            for c in cr.rule.sources
        ]
    return cr.sources_out


def _rationale(cr: CompiledRule, own: Any, language: str) -> str:
    """The rule's rationale in the provision's language (the lexicon's, else the rule's), as
    reports print it: made once per rule and language."""
    found = cr.rationales.get(language)
    if found is None:
        found = cr.rationales[language] = " ".join(((own and own.rationale) or cr.rule.rationale).split())
    return found


def run_rule(cr: CompiledRule, ctx: Context, view: LanguageView | None = None) -> Finding | None:
    """Apply one compiled rule to one provision; None when it does not fire. ``view``: the rule's
    pack compiled for the provision's language, when the caller has it at hand. (A rule none of
    whose needed term lists has words in the text cannot fire: :func:`assess_provision` passes
    over it through ``LanguageView.runnable`` before calling this.)"""
    rule = cr.rule
    if not cr.applies(ctx.engages):
        return None
    view = view or cr.pack.view(ctx.language)
    compiled = view.rules.get(rule.id)
    if compiled is None:
        return None  # no words for this rule in the provision's language (see LanguageView.missing)
    matcher, unless = compiled
    result = matcher(ctx)
    if not result.matched:
        return None
    hits = _counted_words(list(result.hits), rule.ignore_words_in, ctx)
    if result.hits and not hits:
        return None
    if unless is not None and unless(ctx).matched:
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
    lexicon = cr.pack.lexicons.get(ctx.language)
    own = lexicon.texts.get(rule.id) if lexicon is not None else None  # the rule's words in the language
    return Finding(
        rule=rule.id,
        title=(own and own.title) or rule.title,
        test=rule.test,
        category=rule.category,
        severity=rule.severity,
        confidence=rule.confidence,
        message=_fill((own and own.message) or rule.message, quoted or "this provision", ctx),
        spans=spans,
        sources=_sources(cr),  # validation makes the finding its own list
        remedy=_fill((own and own.advice) or rule.remedy.advice, quoted, ctx),
        redraft=_fill(redraft, quoted, ctx) if (redraft := _wording(cr, own, distinct, ctx)) else None,
        evidence_hint=rule.evidence_hint,
        question=(own and own.question) or rule.question,
        rationale=_rationale(cr, own, ctx.language),
        points=finding_points(cr.pack.meta.scoring, rule.severity, rule.confidence),
    )


def _counted_words(hits: list[Range], ignore_words_in: Sequence[str], ctx: Context) -> list[Range]:
    """The hits that count for a rule or a scope: without those in the parts of the text it ignores
    (terms the provision defines, saving clauses)."""
    if hits and "definitions" in ignore_words_in and ctx.defined:
        hits = [h for h in hits if not inside(h, ctx.defined)]
    if hits and "saving-clauses" in ignore_words_in and ctx.saving:
        hits = [h for h in hits if not inside(h, ctx.saving)]
    return hits


def _engaged(result: Result, ignore_words_in: Sequence[str], ctx: Context) -> bool:
    """Whether a scope's matcher engages it: it matched, and not only with words in the parts of the
    text the scope ignores."""
    return result.matched and (not result.hits or bool(_counted_words(list(result.hits), ignore_words_in, ctx)))


def make_context(
    provision: Provision, packs: Sequence[Pack] = (), document: DocumentView | None = None,
    nt: NormText | None = None,
) -> Context:
    """Normalise the text, read its penalty, definitions and saving clauses, and decide which
    of the packs' scopes (e.g. ``expression``) it engages. ``document`` tells what the other
    provisions of the same document define; ``nt`` is the text already normalised, if it is."""
    data = language_data(packs, provision.language)
    nt = nt or normalise(provision.text, data.fold, data.drop)
    words = data.definitions
    saving = words.saving_ranges(nt)
    ctx = Context(nt=nt, penalty=parse_penalty(nt.norm, provision.penalty, data.penalty, saving),
                  defined=words.defined_ranges(nt), saving=saving,
                  optional=words.optional_ranges(nt), language=provision.language,
                  morphology=data.morphology)
    if document is not None:
        ctx.document_defined = document.defined
        used = document.used_in(ctx.key_text(data.morphology), data.morphology)
        if used:
            own = set(words.defined_terms(nt))
            ctx.inherited = [
                inh for inh in document.inheritances
                if inh.term in used and inh.provision != provision.id and inh.term not in own
            ]
    engaged: set[str] = set()
    for pack in packs:
        names = [name for name, m in pack.view(ctx.language).scope.items()
                 if _engaged(m(ctx), pack.meta.scope[name].ignore_words_in, ctx)]
        # a scope engages the scopes it implies (incitement is expression, whatever words it uses)
        names += [other for name in names for other in pack.meta.scope[name].implies]
        engaged.update(scoped(pack.name, name) for name in names)
    ctx.engages = frozenset(engaged)
    return ctx


def engaged_names(engages: frozenset[str], packs: Sequence[Pack]) -> list[str]:
    """Scopes for the report: the first pack's by their own names (as reports always showed them),
    any other pack's qualified ("pack:scope")."""
    own = local_scopes(engages, packs[0].name) if packs else frozenset()
    return sorted(own | {s for s in engages if not packs or not s.startswith(packs[0].name + ":")})


class _OfATest(Protocol):
    @property
    def test(self) -> str: ...


_Item = TypeVar("_Item", bound=_OfATest)


def by_test(items: Iterable[_Item]) -> dict[str, list[_Item]]:
    """Findings or checklist questions grouped by their test, each group in their order."""
    groups: dict[str, list[_Item]] = {}
    for item in items:
        groups.setdefault(item.test, []).append(item)
    return groups


def score_tests(
    found: Mapping[str, Sequence[Finding]], checklist: Sequence[ChecklistItem], scoring: Scoring | Sequence[Scoring],
    excluded: frozenset[str] = frozenset(), unavailable: dict[str, list[str]] | None = None,
    language: str = "",
) -> dict[TestId, TestResult]:
    """Each test's score and verdict, from the findings grouped by test (``found``, see
    :func:`by_test`). A test has a handle when one of its checklist questions was answered from the
    text (satisfied or flagged); without one, and without a finding, it needs review rather than
    passing. Each finding carries its own pack's points; with several packs, each pack's thresholds
    are applied and the strictest verdict stands."""
    tables = [scoring] if isinstance(scoring, Scoring) else list(scoring)
    tests: dict[TestId, TestResult] = {}
    questions = by_test(checklist)
    for t in TESTS:
        if t in excluded:
            tests[t] = excluded_test("no rule of this test was selected")
            continue
        items = questions.get(t, [])
        results = [
            score_test(found.get(t, ()), table,
                       handle=any(c.status != "needs_review" for c in items),
                       open_items=[c.id for c in items if c.status == "needs_review"])
            for table in tables
        ]
        result = max(results, key=lambda r: badness(r.verdict, r.score))
        missing = (unavailable or {}).get(t)
        if missing and result.verdict in {"compatible", "needs_review"}:
            result = needs_words(result, missing, language)
        tests[t] = result
    return tests


@dataclass
class DocumentView:
    """What the provisions of one document define, and which of those definitions drew findings."""

    defined: frozenset[str]
    inheritances: list[Inheritance]

    def __post_init__(self) -> None:
        self._patterns: dict[int, DefinedTerms] = {}

    def used_in(self, key: KeyText, morphology: Morphology) -> set[str]:
        """The inherited terms a normalised text uses (one scan for all of them), in the forms
        its language inflects them."""
        found = self._patterns.get(id(morphology))
        if found is None:
            found = self._patterns[id(morphology)] = DefinedTerms.of((i.term for i in self.inheritances), morphology)
        return found.used_in(key)


def _documents(provisions: Sequence[Provision]) -> dict[str, list[int]]:
    """Indices of the provisions of each document that has several provisions in the input."""
    groups: dict[str, list[int]] = {}
    for i, p in enumerate(provisions):
        groups.setdefault(document_key(p), []).append(i)
    return {k: v for k, v in groups.items() if len(v) > 1}


def _inheritances(provision: Provision, terms: list[str], report: ProvisionReport) -> list[Inheritance]:
    """The terms a provision defines, where its own text drew findings with words."""
    found = [f for f in report.findings if f.spans]
    if not found:
        return []
    rules = tuple(sorted({f.rule for f in found}))
    categories = frozenset(f.category for f in found)
    tests = frozenset(f.test for f in found)
    return [Inheritance(t, provision.id, rules, categories, tests) for t in terms]


def assess_provision(
    provision: Provision, packs: Sequence[Pack], rules: Sequence[CompiledRule],
    decisions: Decisions | None = None, excluded_tests: frozenset[str] = frozenset(),
    document: DocumentView | None = None, nt: NormText | None = None,
) -> ProvisionReport:
    languages = {lang for pack in packs for lang in pack.languages}
    base = {
        "id": provision.id, "title": provision.title, "source": provision.source,
        "language": provision.language, "language_detection": provision.language_detection,
        "origin": provision.origin,
        "input_hash": text_hash(provision.text),
        "text": provision.text,
    }
    if provision.language not in languages:
        how = provision.language_detection
        found = (f"detected language {provision.language!r} (confidence {how.confidence:.2f})"
                 if how is not None and how.method != "given" and how.confidence is not None
                 else f"language {provision.language!r}")
        reason = (
            f"{found} is not covered by the rule packs ({', '.join(sorted(languages))}); no test was run"
            + ("; if the language is wrong, give it with --language"
               if how is not None and how.method != "given" else "")
        )
        tests, over = not_assessed(reason)
        return ProvisionReport(
            **base, engages_expression=False, overall=over, tests=tests, findings=[],
            checklist=[], notes=[reason],
        )
    packs = [p for p in packs if provision.language in p.languages]  # a pack runs in its own languages
    ctx = make_context(provision, packs, document, nt)
    exempt = {scoped(p.name, s) for p in packs for s in p.meta.exempt_scopes if scoped(p.name, s) in ctx.engages}
    if exempt:  # e.g. a repeal: it restricts nothing, and the words it quotes are not enacted
        ctx.engages = frozenset(exempt)
    engages = ctx.engages
    findings: list[Finding] = []
    unavailable: dict[str, list[str]] = {}  # test -> rules with no words in this language
    views = {id(p): p.view(ctx.language) for p in packs}  # the packs that run in this language
    # per pack, the rules one of whose needed term lists has words in the text (the rest cannot fire)
    runnable = {key: view.runnable(ctx.lists_found(view.index)) for key, view in views.items()
                if view.index is not None and not exempt}
    for key, view in views.items() if not exempt else ():
        plan = view.plan(rules)
        for cr in plan.missing:
            if cr.applies(engages):
                unavailable.setdefault(cr.rule.test, []).append(cr.rule.id)
        may = runnable.get(key)
        # only the rules that may fire, in the run's order (findings are sorted below in any case)
        chosen = plan.present if may is None else [
            plan.present[i] for i in sorted(plan.order[r] for r in may if r in plan.order)]
        for cr in chosen:
            finding = run_rule(cr, ctx, view)
            if finding is not None:
                findings.append(finding)
    findings.sort(key=lambda f: (TESTS.index(f.test), -f.points, f.rule))
    if decisions is not None:
        for f in findings:
            f.decision = decisions.decide(provision.id, f)
    # Findings a reviewer decided on stay in the report but leave the score and the checklist.
    active = [f for f in findings if not (f.decision and f.decision.sets_aside)]
    grouped = by_test(active)
    checklist = build_checklist(list(packs), grouped, ctx)
    tests = score_tests(grouped, checklist, [p.meta.scoring for p in packs], excluded_tests, unavailable,
                        provision.language)
    notes = [
        " ".join(note.split())
        for pack in packs for name, scope in pack.meta.scope.items()
        for note in [scope.note_if_engaged if scoped(pack.name, name) in engages else scope.note_if_not_engaged]
        if note
    ]
    if len(active) < len(findings):
        notes.append(f"{len(findings) - len(active)} finding(s) set aside by review decisions "
                     "(shown, not scored).")
    if ctx.penalty.stated:
        notes.append(f"Penalty read: {ctx.penalty.describe()}.")
    how = provision.language_detection
    if how is not None and how.method != "given":
        whose = "its document's text" if how.method == "document" else "the text"
        notes.append(f"Language: {provision.language}, detected from {whose} (confidence {how.confidence:.2f}); "
                     "give --language if it is wrong.")
    expression = any(scoped(p.name, s) in engages for p in packs for s in p.meta.engaging_scopes)
    return ProvisionReport(
        **base,
        engages_expression=expression,
        engages=engaged_names(engages, packs),
        overall=overall(tests, expression),
        tests=tests,
        findings=findings,
        checklist=checklist,
        notes=notes,
    )


def scoring_info(scoring: Scoring) -> ScoringInfo:
    return ScoringInfo(
        points=dict(scoring.points), confidence=dict(scoring.confidence),
        explanation=scoring.explanation,
    )


@dataclass
class Run:
    """What one assessment runs with, and what it knows before any provision is read: the
    selected rules, the excluded tests, the reviewer's decisions, and the report's head."""

    packs: Sequence[Pack]
    rules: list[CompiledRule]
    selection: Selection
    excluded: frozenset[str]
    decisions: Decisions | None
    review_file: str
    preview: bool = False

    def head(self, inputs: Sequence[InputInfo] = (), generated_on: str | None = None) -> Report:
        """The report without its provisions (for a stream: its first line)."""
        return Report(
            tool=ToolInfo(version=__version__),
            rule_packs=[PackInfo(name=p.name, version=p.version, hash=p.hash, rules=len(p.rules)) for p in self.packs],
            inputs=list(inputs), generated_on=generated_on, selection=self.selection,
            scoring=scoring_info(self.packs[0].meta.scoring), provisions=[],
        )

    def review_summary(self, findings: Iterable[Finding]) -> ReviewSummary | None:
        """How the reviewer's decisions applied, from the findings of every provision."""
        if self.decisions is None:
            return None
        # applied: decisions that decide something (accepted, not applicable, false positive)
        decided = [f for f in findings if f.decision and f.decision.status != "under_review"]
        return ReviewSummary(
            file=self.review_file, decisions=len(self.decisions.entries), applied=len(decided),
            set_aside=sum(1 for f in decided if f.decision and f.decision.sets_aside),
            stale=self.decisions.stale(),
        )


def prepare(packs: Sequence[Pack], *, select: list[str] | None = None, ignore: list[str] | None = None,
            preview: bool = False, review: Sequence[ReviewEntry] | None = None, review_file: str = "") -> Run:
    rules = select_rules(list(packs), select, ignore, preview)
    selection = Selection(select=list(select or []), ignore=list(ignore or []))
    if select or ignore:
        chosen = {cr.rule.id for cr in rules}
        default = select_rules(list(packs), None, None, preview)
        selection.excluded_rules = sorted(cr.rule.id for cr in default if cr.rule.id not in chosen)
        selection.excluded_tests = [t for t in TESTS if not any(cr.rule.test == t for cr in rules)]
    decisions = None
    if review is not None:
        aliases = {a: cr.rule.id for p in packs for cr in p.rules for a in cr.rule.aliases}
        decisions = Decisions(list(review), aliases)
    return Run(packs, rules, selection, frozenset(selection.excluded_tests), decisions, review_file, preview)


KEEP_NORMALISED = 1000  # texts of a document kept normalised between its two passes (memory stays flat)


class Encoded(NamedTuple):
    """A provision's report as text, made where the report was made (in a worker process, so
    that the report itself never crosses between processes), with what the caller needs of it."""

    verdict: str
    text: str
    report: ProvisionReport | None  # the report itself, where it was made in this process


Encoder = Callable[[ProvisionReport], str]  # a module-level function: it goes to the workers


def _encoded(report: ProvisionReport, encode: Encoder, keep: bool) -> Encoded:
    """``report`` written by ``encode``; the report kept beside its text where it stays in this process."""
    return Encoded(report.overall.verdict, encode(report), report if keep else None)


def iter_assess(provisions: Sequence[Provision], run: Run, jobs: int | None = None) -> Iterator[ProvisionReport]:
    """Each provision's report, in input order, one at a time: a caller that writes each as it
    comes (JSON Lines) holds one report, not all of them.

    A definition in one article applies to every article of the document that uses the term, so
    the articles that define terms are assessed first; the others then know what their document
    defines and which definitions drew findings. Each provision is assessed once. A large batch
    is spread over ``jobs`` worker processes (by default every core, up to 8), both passes; the
    reports, and their order, are the same."""
    return cast(Iterator[ProvisionReport], _iterate(provisions, run, jobs, None))


def iter_encoded(provisions: Sequence[Provision], run: Run, encode: Encoder,
                 jobs: int | None = None) -> Iterator[Encoded]:
    """:func:`iter_assess`, each report written as text by ``encode`` where it is made: a
    worker sends back the text, not the report (rebuilding a report in this process costs more
    than writing it)."""
    return cast(Iterator[Encoded], _iterate(provisions, run, jobs, encode))


def _iterate(provisions: Sequence[Provision], run: Run, jobs: int | None,
             encode: Encoder | None) -> Iterator[ProvisionReport | Encoded]:
    normalised: dict[int, NormText] = {}
    documents = _documents(provisions)
    with _assessor(provisions, run, normalised, _workers(jobs, len(provisions), run)) as (assess_all, define):
        # the terms each article of a document with several articles defines
        in_documents = [i for members in documents.values() for i in members]
        terms = dict(zip(in_documents, define(in_documents), strict=True))
        defined = {key: frozenset(t for i in members for t in terms[i]) for key, members in documents.items()}
        # the articles that define terms, with their document's terms
        first = {i: DocumentView(defined[key], []) for key, members in documents.items() for i in members if terms[i]}
        # without an encoder, the first pass gives reports: their findings are needed here
        early = dict(zip(first, cast(Iterator[ProvisionReport], assess_all(list(first), first)), strict=True))
        views: dict[int, DocumentView] = {}
        for key, members in documents.items():
            inheritances = [h for i in members if terms[i] for h in _inheritances(provisions[i], terms[i], early[i])]
            # one inheritance per term and defining article text (a document may repeat an article)
            unique = list({(h.term, h.rules, h.categories): h for h in reversed(inheritances)}.values())[::-1]
            views.update((i, DocumentView(defined[key], unique)) for i in members if i not in early)
        rest = assess_all([i for i in range(len(provisions)) if i not in early], views, encode)
        for i in range(len(provisions)):
            found = early.pop(i, None)
            if found is None:
                yield next(rest)
            else:  # the articles that define terms come back as reports: their findings are needed here
                yield found if encode is None else _encoded(found, encode, keep=True)


T = TypeVar("T")
PARALLEL_FROM = 400  # provisions: below this, starting worker processes costs more than it saves
CHUNK = 50  # provisions a worker takes at a time

class Assessor(Protocol):
    """Assesses the provisions at some indices, each with its document's view: their reports, or
    with ``encode`` their texts, in that order."""

    def __call__(self, indices: list[int], views: dict[int, DocumentView],
                 encode: Encoder | None = None) -> Iterator[ProvisionReport | Encoded]: ...


Definer = Callable[[list[int]], Iterable[list[str]]]  # the terms the provisions at some indices define


def _defined_terms(provision: Provision, packs: Sequence[Pack]) -> tuple[list[str], NormText]:
    """The terms a provision defines, and its text normalised to find them."""
    data = language_data(packs, provision.language)
    nt = normalise(provision.text, data.fold, data.drop)
    return data.definitions.defined_terms(nt), nt


def _workers(jobs: int | None, count: int, run: Run) -> int:
    """How many processes to use: ``jobs`` if given, else every core for a large batch. One with
    a reviewer's decisions (their bookkeeping is shared) or a small batch."""
    if run.decisions is not None or (count < PARALLEL_FROM and jobs is None):
        return 1
    import os

    return max(1, jobs if jobs is not None else min(os.cpu_count() or 1, 8))


@contextmanager
def _assessor(provisions: Sequence[Provision], run: Run, normalised: dict[int, NormText],
              workers: int) -> Iterator[tuple[Assessor, Definer]]:
    """A function that assesses the provisions at some indices (each with its document's view)
    and yields their reports in that order, and one that finds the terms they define: in this
    process, or in chunks over worker processes started once for the three passes, with the same
    packs (a forked worker inherits this process's, a worker started afresh loads them from the
    pack cache)."""
    if workers <= 1:
        def define_here(indices: list[int]) -> Iterator[list[str]]:
            for i in indices:
                terms, nt = _defined_terms(provisions[i], run.packs)
                if terms or len(normalised) < KEEP_NORMALISED:
                    normalised[i] = nt  # normalised once for both passes
                yield terms

        def here(indices: list[int], views: dict[int, DocumentView],
                 encode: Encoder | None = None) -> Iterator[ProvisionReport | Encoded]:
            for i in indices:
                report = assess_provision(provisions[i], run.packs, run.rules, run.decisions, run.excluded,
                                          views.get(i), normalised.pop(i, None))
                yield report if encode is None else _encoded(report, encode, keep=True)

        yield here, define_here
        return
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor
    from itertools import islice

    global _FORKED
    context = multiprocessing.get_context()
    # a forked worker starts with this process's packs, their patterns already compiled; one
    # started afresh loads them from the pack cache
    _FORKED = run if context.get_start_method() == "fork" else None
    setup = ([str(p.path) for p in run.packs], run.selection.select, run.selection.ignore, run.preview)
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_setup,
                                 initargs=setup) as pool:

            def in_chunks(indices: list[int], submit: Callable[[list[int]], Future[_Done[T]]]) -> Iterator[T]:
                """What ``submit`` gives for each chunk of the indices, in order, with a few chunks
                queued ahead for each worker; the patterns the workers compiled are kept here."""
                pending = (indices[k:k + CHUNK] for k in range(0, len(indices), CHUNK))
                futures = [submit(chunk) for chunk in islice(pending, workers * 2)]
                while futures:
                    done = futures.pop(0).result()
                    futures += [submit(chunk) for chunk in islice(pending, 1)]
                    regexes.adopt(done.compiled)
                    yield from done.items

            def spread(indices: list[int], views: dict[int, DocumentView],
                       encode: Encoder | None = None) -> Iterator[ProvisionReport | Encoded]:
                return in_chunks(indices, lambda chunk: pool.submit(
                    _worker_run, [(provisions[i], views.get(i)) for i in chunk], encode))

            def define_spread(indices: list[int]) -> Iterator[list[str]]:
                return in_chunks(indices, lambda chunk: pool.submit(_worker_define, [provisions[i] for i in chunk]))

            yield spread, define_spread
    finally:
        _FORKED = None


_WORKER: Run | None = None  # in a worker process: what it assesses with
_FORKED: Run | None = None  # in the parent, while it starts forked workers: the run they inherit


class _Done(NamedTuple, Generic[T]):
    """What a worker did with a chunk, and the patterns it compiled meanwhile (see regexes.taken)."""

    items: list[T]
    compiled: dict[str, Any]


def _worker_setup(pack_dirs: list[str], select: list[str], ignore: list[str], preview: bool) -> None:
    from pathlib import Path

    from .rules import load_packs

    global _WORKER
    if _FORKED is not None:
        _WORKER = _FORKED
        regexes.inherited()
        return
    _WORKER = prepare(load_packs([Path(d) for d in pack_dirs]), select=select or None, ignore=ignore or None,
                      preview=preview)


def _worker_define(provisions: list[Provision]) -> _Done[list[str]]:
    run = _WORKER
    assert run is not None
    return _Done([_defined_terms(p, run.packs)[0] for p in provisions], regexes.taken())


def _worker_run(items: list[tuple[Provision, DocumentView | None]],
                encode: Encoder | None = None) -> _Done[ProvisionReport | Encoded]:
    run = _WORKER
    assert run is not None
    reports = (assess_provision(p, run.packs, run.rules, None, run.excluded, view) for p, view in items)
    done: list[ProvisionReport | Encoded] = (
        list(reports) if encode is None else [_encoded(r, encode, keep=False) for r in reports])
    return _Done(done, regexes.taken())


def assess(
    provisions: Sequence[Provision],
    packs: Sequence[Pack],
    *,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    preview: bool = False,
    inputs: Sequence[InputInfo] = (),
    generated_on: str | None = None,
    review: Sequence[ReviewEntry] | None = None,
    review_file: str = "",
    progress: Callable[[int], None] | None = None,
    jobs: int | None = None,
) -> Report:
    """Assess provisions against rule packs: the one entry point for the CLI and other tools.

    ``review`` applies a reviewer's decisions; ``progress`` is called with the number of
    provisions done (for a progress bar; the engine itself never prints)."""
    run = prepare(packs, select=select, ignore=ignore, preview=preview, review=review, review_file=review_file)
    final: list[ProvisionReport] = []
    for report in iter_assess(provisions, run, jobs):
        final.append(report)
        if progress is not None:
            progress(len(final))
    head = run.head(inputs, generated_on)
    head.review = run.review_summary(f for r in final for f in r.findings)
    head.provisions = final
    return head
