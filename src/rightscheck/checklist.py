"""Build the checklist: each question of the pack is satisfied (the text shows the element, with
the words cited), flagged (with the findings) or needs_review (only a person can judge it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .matchers import Context, mentioned_only, merge_ranges
from .models import ChecklistItem, Evidence, Finding
from .rules import Pack, local_scopes

MAX_EVIDENCE = 4


def build_checklist(packs: list[Pack], by_test: Mapping[str, Sequence[Finding]], ctx: Context) -> list[ChecklistItem]:
    """The checklist of the provision whose findings, grouped by test, are ``by_test``: each question
    looks only at the findings of its test."""
    items: list[ChecklistItem] = []
    for pack in packs:
        local = local_scopes(ctx.engages, pack.name)
        for check in pack.view(ctx.language).checklist:
            item = check.item
            if not check.applies(local):
                continue
            flagged = [
                f.rule for f in by_test.get(item.test, ())
                if f.category in item.categories or f.rule in item.rules
            ]
            if flagged:
                items.append(ChecklistItem(
                    id=item.id, test=item.test, question=item.question, status="flagged",
                    rules=sorted(set(flagged), key=flagged.index),
                    note="see the findings of these rules",
                ))
                continue
            hits = merge_ranges(check.evidence(ctx).hits) if check.evidence else []
            if mentioned_only(hits, ctx):
                hits = []
            if hits:
                # the first few distinct wordings, in order (a text may hit hundreds of times)
                evidence: list[Evidence] = []
                seen: set[str] = set()
                for start, end in hits:
                    span = ctx.nt.to_original(start, end)
                    text = ctx.nt.original[span.start:span.end]
                    if text.lower() not in seen:
                        seen.add(text.lower())
                        evidence.append(Evidence(text=text, start=span.start, end=span.end))
                        if len(evidence) == MAX_EVIDENCE:
                            break
                satisfied = item.evidence_means == "satisfied"
                items.append(ChecklistItem(
                    id=item.id, test=item.test, question=item.question, status=item.evidence_means,
                    evidence=evidence,
                    note=(item.evidence_label or "the text states the element") if satisfied
                    else item.review_hint,
                ))
                continue
            if check.open_item is None:  # the same for every provision: made once (it is frozen)
                check.open_item = ChecklistItem(
                    id=item.id, test=item.test, question=item.question, status="needs_review",
                    note=item.review_hint,
                )
            items.append(check.open_item)
    return items
