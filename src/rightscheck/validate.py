"""Run every rule against its own examples (the gate for rule authors).

A ``flag`` example must produce the rule's finding with spans exactly equal to its ``marks``
(``marks: []`` for an absence finding); a ``pass`` example must not produce it; ``known_gaps``
are reported but never fail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .engine import assess, make_context, run_rule
from .lexicon import plain_terms
from .matchers import vocab_names
from .models import Finding, Provision
from .morphology import Morphology
from .penalty import parse_penalty
from .rules import CompiledRule, Pack, language_data
from .schema import Examples, Matcher, Near
from .text import normalise


@dataclass
class ExampleFailure:
    rule: str
    file: str
    line: int
    kind: str  # "flag" | "pass" | "form" | "penalty" | "missing" | "exception"
    text: str
    problem: str
    language: str = ""


@dataclass
class ValidationReport:
    rules: int = 0
    examples: int = 0
    failures: list[ExampleFailure] = field(default_factory=list)
    # known gaps: (rule, expect, note, closed) — a gap is a text the rule should `expect` (flag or
    # pass) but does not yet; "closed" when the rule now does, so the case can become an example
    gaps: list[tuple[str, str, str, bool]] = field(default_factory=list)


def run_example(cr: CompiledRule, text: str, document: list[str] | None = None,
                language: str | None = None) -> Finding | None:
    """Apply one rule to an example text, exactly as the engine would; with ``document``, the
    example is the last article of a document whose other articles are given. The example is in
    the pack's own language unless ``language`` says otherwise."""
    lang = language or cr.pack.reference_language
    if document:
        articles = [Provision(id=f"art-{i}", source="example", text=t, language=lang)
                    for i, t in enumerate(document, 1)]
        example = Provision(id="example", source="example", text=text, language=lang)
        report = assess([*articles, example], [cr.pack]).provisions[-1]
        return next((f for f in report.findings if f.rule == cr.rule.id), None)
    ctx = make_context(Provision(id="example", text=text, language=lang), [cr.pack])
    return run_rule(cr, ctx)


def _check_examples(cr: CompiledRule, examples: Examples, language: str | None, file: str, line: int,
                    report: ValidationReport, edits: bool) -> None:
    """Run one rule's flag and pass examples (in one language) and record what fails."""
    rule = cr.rule
    for ex in examples.flag:
        report.examples += 1
        finding = run_example(cr, ex.text, ex.document, language)
        if finding is None:
            problem = "did not fire"
        else:
            got = [s.text for s in finding.spans]
            problem = "" if got == ex.marks else f"marked {got}, expected {ex.marks}"
        if edits and not problem and finding is not None and rule.remedy.edit is not None and not ex.document:
            problem = _edit_problem(cr, ex.text, finding, ex.redraft)
        elif ex.redraft is not None and not problem:
            problem = "gives an expected 'redraft' but the rule has no edit"
        if problem:
            report.failures.append(ExampleFailure(rule.id, file, line, "flag", ex.text, problem, language or ""))
    for item in examples.pass_:
        report.examples += 1
        text, document = (item, []) if isinstance(item, str) else (item.text, item.document)
        finding = run_example(cr, text, document, language)
        if finding is not None:
            got = [s.text for s in finding.spans]
            report.failures.append(ExampleFailure(rule.id, file, line, "pass", text, f"fired on {got}", language or ""))
    for gap in examples.known_gaps:
        fired = run_example(cr, gap.text, language=language) is not None
        report.gaps.append((rule.id, gap.expect, gap.note, fired == (gap.expect == "flag")))


def _check_lexicon(pack: Pack, language: str, report: ValidationReport) -> None:
    """A lexicon's own checks: its inflected forms match their terms, its penalty examples read
    as stated, every rule it gives words for has examples in it (for a complete lexicon), and
    those examples pass."""
    lexicon = pack.lexicons[language]
    file = pack.lexicon_files[language]
    view = pack.view(language)
    morph = view.morphology
    data = language_data([pack], language)

    def norm(text: str) -> str:
        return normalise(text, data.fold, data.drop).norm

    for check in lexicon.forms:
        pattern = re.compile(morph.term_pattern(check.term))
        for form in check.forms:
            report.examples += 1
            key = morph.key_text(norm(form))
            if not pattern.search(key.text):
                report.failures.append(ExampleFailure("(morphology)", file, 1, "form", form,
                                                      f"does not match the term {check.term!r}", language))
    for pex in lexicon.penalty.examples if lexicon.penalty else []:
        report.examples += 1
        got = parse_penalty(norm(pex.text), None, view.penalty_reader)
        wrong = [f"{name} {getattr(got, name)!r}, expected {want!r}"
                 for name, want in pex.model_dump(exclude={"text"}).items()
                 if want is not None and getattr(got, name) != want]
        if wrong:
            report.failures.append(
                ExampleFailure("(penalty)", file, 1, "penalty", pex.text, "; ".join(wrong), language))
    if morph.stems:
        _check_exceptions(pack, language, morph, file, report)
    for cr in pack.rules:
        if cr.rule.id not in view.rules:
            continue
        examples = lexicon.examples.get(cr.rule.id)
        if examples is None:
            # the rules' own examples are in the pack's own language
            if lexicon.coverage == "complete" and language != pack.reference_language:
                report.failures.append(ExampleFailure(cr.rule.id, file, 1, "missing", "",
                                                      f"no examples in {language} (the lexicon says it is complete)",
                                                      language))
            continue
        report.rules += 1
        _check_examples(cr, examples, language, file, 1, report, edits=False)


def _exceptions(m: Matcher) -> list[Near]:
    """The exceptions in a matcher: `not_near` with `within: same words`."""
    found = [m.not_near] if m.not_near is not None and m.not_near.within_words == -1 else []
    return found + [e for child in m.children() for e in _exceptions(child)]


def _check_exceptions(pack: Pack, language: str, morph: Morphology, file: str, report: ValidationReport) -> None:
    """An exception word must not share its stem with a word it qualifies: in a language whose
    terms are compared stem by stem, a single word listed as an exception ("not near ... within
    same words") excuses every word with its stem, so « profession » would excuse « professer »
    wherever it stands, and the rule would never see that word. Such an exception is written as a
    phrase that carries its other sense (« exercice de la profession »)."""

    def words_of(names: set[str]) -> list[str]:
        found: list[str] = []
        for name in sorted(names):
            found += plain_terms(pack.words(language, name))
        return found

    matchers = [(f"scope {name}", scope.match) for name, scope in pack.meta.scope.items()]
    matchers += [(cr.rule.id, m) for cr in pack.rules for m in (cr.rule.match, cr.rule.when.not_text) if m]
    reported: set[tuple[str, str]] = set()
    for owner, matcher in matchers:
        for near in _exceptions(matcher):
            stems = {w: morph.key_text(w).text for term in words_of(vocab_names(near.find))
                     for w in (part.rstrip("*") for part in term.lower().split()) if w and w not in {"...", "…"}}
            for term in words_of(vocab_names(near.of)):
                if " " in term.strip() or (term, owner) in reported:
                    continue
                single = re.compile(morph.term_pattern(term))
                excused = sorted(w for w, stem in stems.items() if single.fullmatch(stem))
                if excused:
                    reported.add((term, owner))
                    report.failures.append(ExampleFailure(
                        owner, file, _line_of_term(file, term), "exception", term,
                        f"the exception word {term!r} has the stem of {', '.join(map(repr, excused))}, which it "
                        "qualifies: it would excuse that word wherever it stands; write the exception as a phrase "
                        "that carries its other sense", language))


def _line_of_term(file: str, term: str) -> int:
    """The line where a lexicon lists ``term`` (quoted), for the message; 1 if it is not found."""
    try:
        lines = Path(file).read_text("utf-8").splitlines()
    except OSError:
        return 1
    return next((i for i, line in enumerate(lines, 1) if f'"{term}"' in line), 1)


def _edit_problem(cr: CompiledRule, text: str, finding: Finding, expected: str | None = None) -> str:
    """Applying the rule's own edit to a flag example must make the rule stop firing, and give
    exactly the example's expected ``redraft`` when it states one."""
    from .redraft import apply_changes, editing_for, plan_changes

    editing = editing_for(cr.pack)
    changes = plan_changes(text, [finding], {cr.rule.id: cr}, editing)
    if not changes:
        return "" if expected is None else "its edit changed nothing; the example expects a redraft"
    redrafted = apply_changes(text, changes, editing)
    if redrafted == text and expected is None:
        return ""  # the edit has nothing to drop in these words: left to a person, as above
    if expected is not None and redrafted != expected:
        return f"its edit gives {redrafted!r}, the example expects {expected!r}"
    touched = [(c.start, c.end) for c in changes]
    if any(not any(a <= s.start and s.end <= b for a, b in touched) for s in finding.spans):
        return ""  # some of the words have no machine edit: left to a person, so not resolved here
    if run_example(cr, redrafted) is not None:
        return f"its remedy edit does not resolve it: redraft {redrafted!r} still fires"
    return ""


def validate_packs(packs: list[Pack]) -> ValidationReport:
    """Run every rule against its examples: those in the rule (the pack's own language) and those
    of each lexicon (its language)."""
    report = ValidationReport()
    for pack in packs:
        for cr in pack.rules:
            report.rules += 1
            _check_examples(cr, cr.rule.examples, None, cr.file, cr.line, report, edits=True)
        for language in pack.lexicons:
            _check_lexicon(pack, language, report)
    return report
