"""Suggested redrafts: apply the machine edits of the rules that fired, then re-check.

Each finding whose rule has a ``remedy.edit`` becomes a :class:`Change` at its words (or, for a
missing element, at the end of the provision). Overlapping changes keep the widest. The redraft
is assessed again, and each change is tried alone on the original to say which findings it
resolves. The redraft is a suggestion for a person to review, never applied to the law.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .change_models import Assessment, Change, Justification, RedraftedProvision, RedraftReport
from .engine import assess_provision
from .lexicon import RedraftSpec
from .models import Finding, InputInfo, Provision, ProvisionReport, badness
from .rules import CompiledRule, Pack
from .schema import Edit, capitalise_like
from .worddiff import word_diff

_ITEM_LEFT = re.compile(r"[,;:(]")
_ITEM_RIGHT = re.compile(r"[,;.)]")
_SENTENCE_END = re.compile(r"(?<=[^\W\d]|[)\]\"'])\.(?=\s|$)")


@dataclass(frozen=True)
class Editing:
    """How text is edited in one language (its lexicon's ``redraft`` section): the words that
    join list items, the sentence that states the penalty, and clean-ups after an edit."""

    before: re.Pattern[str]
    after: re.Pattern[str]
    penalty_sentence: re.Pattern[str] | None
    tidy: tuple[tuple[re.Pattern[str], str], ...]
    repeated: re.Pattern[str] | None
    dangling: re.Pattern[str] | None
    connectors: frozenset[str] = frozenset()

    @classmethod
    def of(cls, spec: RedraftSpec | None) -> Editing:
        words = "|".join(re.escape(w) for w in (spec.connectors if spec else []))
        joined = f"(?:{words})" if words else "(?!)"
        return cls(
            before=re.compile(rf"(?:,\s*{joined}?|\s+{joined})\s*$"),
            after=re.compile(rf"^\s*(?:{joined}\s+|,\s*)"),
            penalty_sentence=re.compile(spec.penalty_sentence) if spec and spec.penalty_sentence else None,
            tidy=tuple((re.compile(t.regex), t.with_) for t in (spec.tidy if spec else [])),
            # a word repeated across a connector ("terrorist or terrorist activity")
            repeated=re.compile(rf"(?i)\b(\w+) {joined} \1\b") if words else None,
            dangling=_dangling(spec),
            connectors=frozenset(c.casefold() for c in (spec.connectors if spec else [])),
        )


def _dangling(spec: RedraftSpec | None) -> re.Pattern[str] | None:
    """A word that cannot end a phrase left before one that cannot follow it, or before a
    punctuation mark or the end ("leading to of young people", "disseminates about the shall")."""
    if spec is None or not spec.needs_complement:
        return None
    first = "|".join(re.escape(w) for w in spec.needs_complement)
    then = "|".join(re.escape(w) for w in spec.cannot_follow) or "(?!)"
    return re.compile(rf"(?i)\b(?:{first})\s*(?:\b(?:{then})\b|[,.;:]|$)")


PLAIN = Editing.of(None)


def editing_for(pack: Pack) -> Editing:
    """How the pack's own language is edited (its remedies' edits are written in it)."""
    lexicon = pack.lexicons.get(pack.reference_language)
    return Editing.of(lexicon.redraft if lexicon else None)


# ----------------------------------------------------------------------------- planning
def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(". ", 0, pos) + 1, text.rfind("\n", 0, pos) + 1, 0)


def _item_range(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The comma-separated list item around [start, end), with its leading separator; None when
    the words are not inside such an item (no separator before them in the sentence)."""
    floor = _sentence_start(text, start)
    left = max((m.start() for m in _ITEM_LEFT.finditer(text, floor, start)), default=-1)
    if left < 0 or text[left] not in ",;":
        return None
    right = _ITEM_RIGHT.search(text, end)
    return left, right.start() if right else len(text)


def _extra_words(text: str, start: int, end: int, hit: tuple[int, int], editing: Editing) -> int:
    """How many words a deletion of [start, end) takes besides the flagged words ``hit`` and the
    connectors that join them to a list."""
    outside = text[start:hit[0]] + " " + text[hit[1]:end]
    words = re.findall(r"\w+", outside)
    return sum(1 for w in words if w.casefold() not in editing.connectors)


def _delete_range(text: str, start: int, end: int, scope: str, editing: Editing) -> tuple[int, int]:
    if scope == "item":
        item = _item_range(text, start, end)
        if item:
            return item
    if scope == "phrase":
        right = _ITEM_RIGHT.search(text, end)
        end = right.start() if right else len(text)
        before = editing.before.search(text[max(0, start - 12):start])
        if before:
            return start - len(before.group(0)), end
        return start, end
    before = editing.before.search(text[max(0, start - 12):start])
    if before:
        return start - len(before.group(0)), end
    after = editing.after.search(text[end:end + 12])
    if after:
        return start, end + len(after.group(0))
    # a bare word: take one neighbouring space with it
    if end < len(text) and text[end] == " ":
        return start, end + 1
    if start > 0 and text[start - 1] == " ":
        return start - 1, end
    return start, end


def _drop(words: str, drop: list[str]) -> str:
    out = words
    for w in sorted(drop, key=len, reverse=True):
        out = re.sub(r"(?i)(?<!\w)" + re.escape(w) + r"(?!\w)\s*", "", out)
    return re.sub(r"\s{2,}", " ", out).strip()


def _replacement(edit: Edit, words: str) -> str | None:
    """The new words, or None when the edit has nothing to say about these words."""
    return edit.replacement(words)


def plan_changes(text: str, findings: Sequence[Finding], rules: dict[str, CompiledRule],
                 editing: Editing = PLAIN) -> list[Change]:
    """The changes the findings' edits ask for, overlapping ones resolved to the widest."""
    spans: list[Change] = []
    appends: list[Change] = []
    for f in findings:
        edit = rules[f.rule].rule.remedy.edit if f.rule in rules else None
        if edit is None:
            continue
        if edit.action == "append":
            if all(c.after.strip(" ,.") != edit.text.strip(" ,.") for c in appends):  # type: ignore[union-attr]
                appends.append(Change(rule=f.rule, action="append", start=len(text), end=len(text),
                                      before="", after=edit.text or ""))
                if edit.position == "sentence":
                    appends[-1].action = "append-sentence"
            continue
        for s in f.spans:
            start, end, after = s.start, s.end, ""
            if edit.action == "replace":
                new = _replacement(edit, s.text)
                if new is None:
                    continue
                after = new
            elif edit.action == "drop":
                after = _drop(s.text, edit.words)
                if not after:
                    start, end = _delete_range(text, s.start, s.end, "words", editing)
            elif edit.scope == "item" and _item_range(text, s.start, s.end) is None:
                if not edit.text:
                    continue  # not an item of a list: deleting the words alone would break the phrase
                after = capitalise_like(edit.text.replace("{match}", s.text), s.text)
            else:
                start, end = _delete_range(text, s.start, s.end, edit.scope, editing)
                if edit.scope in {"item", "phrase"} and _extra_words(
                        text, start, end, (s.start, s.end), editing) > edit.max_extra_words:
                    continue  # it would take other elements of the offence with it: left for a person
            spans.append(Change(rule=f.rule, action=edit.action, start=start, end=end,
                                before=text[start:end], after=after))
    accepted: list[Change] = []
    for c in sorted(_merge_deletions(text, spans), key=lambda c: (-(c.end - c.start), c.start)):
        if all(c.end <= a.start or a.end <= c.start for a in accepted):
            accepted.append(c)
    return sorted(accepted, key=lambda c: c.start) + appends


def _merge_deletions(text: str, changes: list[Change]) -> list[Change]:
    """Deletions by the same rule that overlap or touch become one ("reposting or liking")."""
    out: list[Change] = []
    for c in sorted(changes, key=lambda c: (c.rule, c.start)):
        last = out[-1] if out else None
        if (last is not None and last.rule == c.rule and not last.after and not c.after
                and c.start < last.end):
            last.end = max(last.end, c.end)
            last.before = text[last.start:last.end]
        else:
            out.append(c)
    return out


def apply_changes(text: str, changes: Sequence[Change], editing: Editing = PLAIN) -> str:
    out = text
    for c in sorted((c for c in changes if not c.action.startswith("append")), key=lambda c: -c.start):
        out = out[:c.start] + c.after + out[c.end:]
    clauses = [c.after.strip().rstrip(".") for c in changes if c.action == "append"]
    sentences = [c.after.strip() for c in changes if c.action == "append-sentence"]
    body = out.rstrip()
    tail = out[len(body):]
    if clauses:
        # Elements belong to the sentence that defines the offence: the last one that is not
        # about the penalty.
        ends = [m.end() for m in _SENTENCE_END.finditer(body)]
        if not ends or ends[-1] < len(body.rstrip()):
            ends.append(len(body))
        starts = [0, *ends[:-1]]
        target = len(ends) - 1
        for i in range(len(ends) - 1, -1, -1):
            if editing.penalty_sentence is None or not editing.penalty_sentence.search(body[starts[i]:ends[i]]):
                target = i
                break
        cut = ends[target] - 1 if body[ends[target] - 1:ends[target]] == "." else ends[target]
        addition = "".join(f", {c}" for c in clauses)
        body = body[:cut] + addition + (body[cut:] if cut < len(body) else ".")
    for s in sentences:
        body = body + (" " if body.endswith(".") else ". ") + (s if s.endswith(".") else s + ".")
    return _tidy(body, editing) + tail


def _tidy(text: str, editing: Editing) -> str:
    """Clean the seams that deletions leave: doubled spaces and commas, a space before a comma,
    and a word repeated across 'or'/'and' ("terrorist or terrorist activity")."""
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r" +([,.;:)])", r"\1", text)
    text = re.sub(r",(\s*,)+", ",", text)
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"[ \t]+(?=\n|$)", "", text)  # a space left at the end of a line or of the text
    for regex, new in editing.tidy:
        text = regex.sub(new, text)
    return editing.repeated.sub(r"\1", text) if editing.repeated else text


_DOUBLED = re.compile(r"(?i)\b(\w+(?:\s+\w+){0,3})\s+\1\b")  # a word or phrase said twice
_BAD_PUNCTUATION = re.compile(r"[,;:]\s*[,;:.]|\(\s*\)|\s[,.;:]|\.\s*\.")


def _reads_badly(before: str, after: str, editing: Editing = PLAIN) -> bool:
    """Whether an edit made the text read worse: a doubled word, stray punctuation, or a word
    left without what must follow it, that the text did not have before."""
    def count(rx: re.Pattern[str], text: str) -> int:
        return len(rx.findall(text))

    checks = [_DOUBLED, _BAD_PUNCTUATION, *([editing.dangling] if editing.dangling else [])]
    return any(count(rx, after) > count(rx, before) for rx in checks)


def _assessment(report: ProvisionReport) -> Assessment:
    return Assessment(overall=report.overall, tests=report.tests, findings=[f.rule for f in report.findings])




def redraft_provision(
    provision: Provision, packs: Sequence[Pack], rules: Sequence[CompiledRule]
) -> RedraftedProvision:
    by_id = {cr.rule.id: cr for cr in rules}
    original = assess_provision(provision, packs, rules)
    # The remedies' edits are written in the pack's own language: a provision in another
    # language gets none (its findings keep their advice, for a person to apply).
    own = [p for p in packs if p.reference_language == provision.language]
    editing = editing_for(own[0]) if own else PLAIN
    edited_rules = {k: cr for k, cr in by_id.items() if cr.pack in own}
    planned = plan_changes(provision.text, original.findings, edited_rules, editing)
    # Additions one at a time, each only if its finding is still there: an earlier addition
    # (e.g. a likelihood element) may already supply what a later one would add.
    changes = [c for c in planned if not c.action.startswith("append")]
    for addition in (c for c in planned if c.action.startswith("append")):
        current = apply_changes(provision.text, changes, editing)
        still = assess_provision(provision.model_copy(update={"text": current}), packs, rules)
        if addition.rule in {f.rule for f in still.findings}:
            changes.append(addition)
    # A redraft never lies: an edit that leaves the words its finding flagged, or that makes the
    # text read badly, is withheld and listed for a person.
    withheld: list[str] = []
    spans_of = {f.rule: {" ".join(s.text.lower().split()) for s in f.spans} for f in original.findings}

    def words(f: Finding) -> set[str]:
        return {" ".join(s.text.lower().split()) for s in f.spans}

    full = assess_provision(provision.model_copy(update={"text": apply_changes(provision.text, changes, editing)}),
                            packs, rules)
    for rule_id in list(dict.fromkeys(c.rule for c in changes)):
        group = [c for c in changes if c.rule == rule_id]
        again = next((f for f in full.findings if f.rule == rule_id), None)
        why = ""
        if again is not None and spans_of.get(rule_id, set()) & words(again):
            why = "its edit left the words it flagged"
        elif _reads_badly(provision.text, apply_changes(provision.text, group, editing), editing):
            why = "its edit would not read as a sentence"
        if why:
            changes = [c for c in changes if c.rule != rule_id]
            withheld.append(f"{rule_id}: {why}")
    new_text = apply_changes(provision.text, changes, editing)
    after = assess_provision(provision.model_copy(update={"text": new_text}), packs, rules)
    before_rules = {f.rule for f in original.findings}
    after_rules = {f.rule for f in after.findings}

    def findings_of(text: str) -> set[str]:
        return {f.rule for f in assess_provision(provision.model_copy(update={"text": text}), packs, rules).findings}

    for rule_id in dict.fromkeys(c.rule for c in changes):
        group = [c for c in changes if c.rule == rule_id]
        # What this rule's changes resolve on their own; failing that, what comes back when they
        # are left out of the full redraft (they resolve it together with other changes).
        resolved = before_rules - findings_of(apply_changes(provision.text, group, editing))
        if not resolved:
            rest = [c for c in changes if c.rule != rule_id]
            resolved = (findings_of(apply_changes(provision.text, rest, editing)) - after_rules) & before_rules
        for change in group:
            change.resolves = sorted(resolved)
    edited = {c.rule for c in changes}
    not_addressed = [f.rule for f in original.findings if f.rule not in edited and f.rule in {
        x.rule for x in after.findings}]
    improved = badness(after.overall.verdict, after.overall.score) < badness(
        original.overall.verdict, original.overall.score)
    return RedraftedProvision(
        id=provision.id, title=provision.title, original=provision.text, redraft=new_text,
        changes=changes, not_addressed=not_addressed, withheld=withheld, before=_assessment(original),
        justification={f.rule: Justification(
            title=f.title, message=f.message,
            sources=[f"{s.ref}, {s.pinpoint}" + ("" if s.verified else " (pinpoint not verified)") for s in f.sources])
            for f in original.findings if f.rule in {c.rule for c in changes}},
        note=None if own else (f"The machine edits are written in {', '.join(p.reference_language for p in packs)}; "
                               f"this provision is in {provision.language!r}, so its findings keep their advice "
                               "for a person to apply."),
        after=_assessment(after), diff=word_diff(provision.text, new_text), improved=improved,
    )


def redraft(provisions: Sequence[Provision], packs: Sequence[Pack], rules: Sequence[CompiledRule],
            inputs: Sequence[InputInfo] = (), generated_on: str | None = None) -> RedraftReport:
    return RedraftReport(inputs=list(inputs), generated_on=generated_on,
                         provisions=[redraft_provision(p, packs, rules) for p in provisions])
