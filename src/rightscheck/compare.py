"""Compare two versions of a draft, provision by provision: score and verdict before and after, the
findings resolved and introduced, and the text changes.

Provisions are paired by their text, the article number and title tipping close calls, so that a
renumbered article ("art-7" now "art-6") is compared with itself rather than reported as removed
and added; an added article that holds the words of an old one says it was split from it, and a
removed one whose words went into a new article says it was merged into it."""

from __future__ import annotations

from collections import Counter

from .change_models import Comparison, ProvisionChange, Side
from .models import ProvisionReport, Report, badness
from .worddiff import word_diff


def _status(before: Side, after: Side) -> str:
    b = badness(before.verdict, before.score)
    a = badness(after.verdict, after.score)
    return "improved" if a < b else "worsened" if a > b else "unchanged"


RENUMBERED_SIMILARITY = 0.6  # share of words two texts must have in common to be one article
SAME_LABEL_BONUS = 0.1  # an unchanged number, or an unchanged title, tips a close call
CONTAINED = 0.8  # share of an article's words found in another for "split from" / "merged into"


def _words(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in text.split())


def _similarity(a: Counter[str], b: Counter[str]) -> float:
    """Share of words two texts have in common (Dice over word counts): 1 for the same words."""
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 1.0


def _contained(part: Counter[str], whole: Counter[str]) -> float:
    size = sum(part.values())
    return sum((part & whole).values()) / size if size else 0.0


def _pairs(before: dict[str, ProvisionReport], after: dict[str, ProvisionReport]) -> dict[str, str]:
    """Old id -> new id. Articles are paired by their text first, the number and title only tipping
    close calls, so that a draft renumbered by one (art 7 now art 6, art 8 now art 7) pairs each
    article with itself; the most similar pairs are taken first while they share at least
    RENUMBERED_SIMILARITY of their words. Left over, the same number still pairs (an article
    rewritten in place)."""
    words_b = {i: _words(p.text) for i, p in before.items()}
    words_a = {i: _words(p.text) for i, p in after.items()}
    scored = []
    for o, wb in words_b.items():
        for n, wa in words_a.items():
            sim = _similarity(wb, wa)
            title = before[o].title and before[o].title == after[n].title
            bonus = SAME_LABEL_BONUS * ((o == n) + bool(title))
            if sim >= RENUMBERED_SIMILARITY or o == n:
                scored.append((sim + bonus, o == n, o, n, sim))
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    pairs: dict[str, str] = {}
    taken: set[str] = set()
    for _, _, o, n, sim in scored:
        if sim >= RENUMBERED_SIMILARITY and o not in pairs and n not in taken:
            pairs[o] = n
            taken.add(n)
    for o in before:
        if o not in pairs and o in after and o not in taken:
            pairs[o] = o
            taken.add(o)
    return pairs


def _containing(ids: list[str], source: dict[str, ProvisionReport],
                target: dict[str, ProvisionReport]) -> dict[str, str]:
    """For each id left unpaired, the article of the other version that holds most of its words
    (at least CONTAINED of them): where a split article came from, or a merged one went."""
    found: dict[str, str] = {}
    for i in ids:
        words = _words(source[i].text)
        if sum(words.values()) < 5:
            continue
        best = max(target, key=lambda t: _contained(words, _words(target[t].text)), default=None)
        if best is not None and _contained(words, _words(target[best].text)) >= CONTAINED:
            found[i] = best
    return found


def compare(old: Report, new: Report) -> Comparison:
    before = {p.id: p for p in old.provisions}
    after = {p.id: p for p in new.provisions}
    pairs = _pairs(before, after)
    paired_new = set(pairs.values())
    added = [i for i in after if i not in paired_new]
    split_from = _containing(added, after, before)
    merged_into = _containing([i for i in before if i not in pairs], before, after)
    rows: list[ProvisionChange] = []
    sides: list[tuple[str, ProvisionReport | None, ProvisionReport | None]] = [
        (pid, before[pid], after[pairs[pid]] if pid in pairs else None) for pid in before]
    sides += [(pid, None, after[pid]) for pid in added]
    for pid, b, a in sides:
        if b is None or a is None:
            p = a or b
            assert p is not None
            side = Side(score=p.overall.score, verdict=p.overall.verdict)
            rows.append(ProvisionChange(
                id=pid, title=p.title, status="added" if b is None else "removed",
                before=None if b is None else side, after=None if a is None else side,
                introduced=[f.rule for f in a.findings] if a else [],
                split_from=split_from.get(pid) if b is None else None,
                merged_into=merged_into.get(pid) if a is None else None,
            ))
            continue
        sb = Side(score=b.overall.score, verdict=b.overall.verdict)
        sa = Side(score=a.overall.score, verdict=a.overall.verdict)
        rb, ra = [f.rule for f in b.findings], [f.rule for f in a.findings]
        changed = b.text != a.text
        rows.append(ProvisionChange(
            id=a.id, previous_id=pid if pid != a.id else None, title=a.title or b.title,
            status=_status(sb, sa), before=sb, after=sa,
            resolved=[r for r in rb if r not in ra], introduced=[r for r in ra if r not in rb],
            text_changed=changed, diff=word_diff(b.text, a.text) if changed else [],
        ))
    return Comparison(old=[i.path for i in old.inputs], new=[i.path for i in new.inputs],
                      inputs=[*old.inputs, *new.inputs], generated_on=new.generated_on, provisions=rows)
