"""Text for `rightscheck rules`: the list of rules, and one rule explained in full."""

from __future__ import annotations

import json

from .errors import RightscheckError
from .rules import CompiledRule, Pack


def _find(packs: list[Pack], rule_id: str) -> CompiledRule:
    for pack in packs:
        for cr in pack.rules:
            if rule_id in (cr.rule.id, *cr.rule.aliases):
                return cr
    raise RightscheckError(f"no rule has the id {rule_id!r}",
                           fix="run 'rightscheck rules' to list the ids")


def list_rules(packs: list[Pack], fmt: str) -> str:
    rows = [
        {"id": cr.rule.id, "pack": cr.pack.name, "test": cr.rule.test, "category": cr.rule.category,
         "severity": cr.rule.severity, "confidence": cr.rule.confidence, "title": cr.rule.title,
         "status": cr.rule.status}
        for pack in packs for cr in pack.rules
    ]
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    width = max(len(r["id"]) for r in rows)
    lines = [f"{'ID':<{width}}  {'TEST':<15} {'SEVERITY':<9} TITLE"]
    lines += [f"{r['id']:<{width}}  {r['test']:<15} {r['severity']:<9} {r['title']}" for r in rows]
    lines.append(f"\n{len(rows)} rules in {len(packs)} pack(s). "
                 "'rightscheck rules --explain ID' shows one in full.")
    return "\n".join(lines) + "\n"


def explain_rule(packs: list[Pack], rule_id: str, fmt: str) -> str:
    cr = _find(packs, rule_id)
    rule = cr.rule
    registry = cr.pack.meta.sources
    if fmt == "json":
        data = rule.model_dump(mode="json", by_alias=True, exclude_none=True)
        data["file"] = f"{cr.file}:{cr.line}"
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    out = [
        f"{rule.id} — {rule.title}",
        f"pack {cr.pack.name} v{cr.pack.version} · {cr.file}:{cr.line}",
        f"test: {rule.test} · category: {rule.category} · severity: {rule.severity} · "
        f"confidence: {rule.confidence} · status: {rule.status}",
        "",
        f"Question: {rule.question}",
        "",
        "Why (rationale):",
        f"  {rule.rationale.strip()}",
        "",
        "Sources:",
    ]
    for c in rule.sources:
        doc = registry[c.ref]
        mark = "verified" if c.verified else "NOT VERIFIED"
        out.append(f"  - {doc.symbol}, {c.pinpoint} [{mark}] — {doc.title}")
    if rule.precedents:
        out += ["", "Precedents:"]
        for p in rule.precedents:
            out.append(f"  - {p.body}, {p.document}{', ' + p.pinpoint if p.pinpoint else ''} "
                       f"({p.about}): {p.finding}")
    out += ["", "Remedy:", f"  {rule.remedy.advice.strip()}"]
    if rule.remedy.redraft:
        out.append(f"  Suggested wording: {rule.remedy.redraft}")
    out += ["", "Examples that must be flagged:"]
    for ex in rule.examples.flag:
        marks = ", ".join(f"“{m}”" for m in ex.marks) or "(missing element)"
        out.append(f"  - {ex.text}  → {marks}")
    out += ["Examples that must pass:"]
    out += [f"  - {t}" for t in rule.examples.pass_]
    return "\n".join(out) + "\n"
