"""Run every rule against its own examples (the gate for rule authors).

A ``flag`` example must produce the rule's finding with spans exactly equal to its ``marks``
(``marks: []`` for an absence finding); a ``pass`` example must not produce it; ``known_gaps``
are reported but never fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .engine import assess, make_context, run_rule
from .models import Finding, Provision
from .rules import CompiledRule, Pack


@dataclass
class ExampleFailure:
    rule: str
    file: str
    line: int
    kind: str  # "flag" | "pass"
    text: str
    problem: str


@dataclass
class ValidationReport:
    rules: int = 0
    examples: int = 0
    failures: list[ExampleFailure] = field(default_factory=list)
    # known gaps: (rule, expect, note, closed) — a gap is a text the rule should `expect` (flag or
    # pass) but does not yet; "closed" when the rule now does, so the case can become an example
    gaps: list[tuple[str, str, str, bool]] = field(default_factory=list)


def run_example(cr: CompiledRule, text: str, document: list[str] | None = None) -> Finding | None:
    """Apply one rule to an example text, exactly as the engine would; with ``document``, the
    example is the last article of a document whose other articles are given."""
    if document:
        articles = [Provision(id=f"art-{i}", source="example", text=t) for i, t in enumerate(document, 1)]
        example = Provision(id="example", source="example", text=text)
        report = assess([*articles, example], [cr.pack]).provisions[-1]
        return next((f for f in report.findings if f.rule == cr.rule.id), None)
    ctx = make_context(Provision(id="example", text=text), [cr.pack])
    return run_rule(cr, ctx)


def _edit_problem(cr: CompiledRule, text: str, finding: Finding) -> str:
    """Applying the rule's own edit to a flag example must make the rule stop firing."""
    from .redraft import apply_changes, plan_changes

    changes = plan_changes(text, [finding], {cr.rule.id: cr})
    if not changes:
        return ""  # the edit has nothing to say about these words: left to a person
    redrafted = apply_changes(text, changes)
    if run_example(cr, redrafted) is not None:
        return f"its remedy edit does not resolve it: redraft {redrafted!r} still fires"
    return ""


def validate_packs(packs: list[Pack]) -> ValidationReport:
    report = ValidationReport()
    for pack in packs:
        for cr in pack.rules:
            report.rules += 1
            rule = cr.rule
            for ex in rule.examples.flag:
                report.examples += 1
                finding = run_example(cr, ex.text, ex.document)
                if finding is None:
                    problem = "did not fire"
                else:
                    got = [s.text for s in finding.spans]
                    problem = "" if got == ex.marks else f"marked {got}, expected {ex.marks}"
                if not problem and finding is not None and rule.remedy.edit is not None and not ex.document:
                    problem = _edit_problem(cr, ex.text, finding)
                if problem:
                    report.failures.append(
                        ExampleFailure(rule.id, cr.file, cr.line, "flag", ex.text, problem)
                    )
            for text in rule.examples.pass_:
                report.examples += 1
                finding = run_example(cr, text)
                if finding is not None:
                    got = [s.text for s in finding.spans]
                    report.failures.append(
                        ExampleFailure(rule.id, cr.file, cr.line, "pass", text, f"fired on {got}")
                    )
            for gap in rule.examples.known_gaps:
                fired = run_example(cr, gap.text) is not None
                report.gaps.append((rule.id, gap.expect, gap.note, fired == (gap.expect == "flag")))
    return report
