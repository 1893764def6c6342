"""Move a rule pack from rule language 1 to 2, in place, keeping comments and layout.

What changes (docs/rule-language.md, "Version 2"):

- ``pack.yaml`` states ``rule_language: 2``;
- a rule's ``unless`` is gone: ``unless.match`` becomes ``when.not_text`` (one place says when a
  rule applies), and the word filters become an explicit ``ignore_words_in`` list
  (``definitions`` for ``defined_in_text: true``; ``saving-clauses``, which version 1 applied to
  every rule unless told otherwise);
- ``near``/``not_near`` read as a sentence: ``a``/``b`` become ``find``/``of``, ``within: 4``
  becomes ``within: 4 words``, ``same: clause`` becomes ``within: same clause``, ``direction``
  becomes ``placed`` and ``report`` (``a``/``b``) becomes ``mark`` (``find``/``of``);
- ``not`` becomes ``absent`` (they meant the same);
- an edit's regular-expression ``substitute`` list becomes a ``swap`` table where each expression
  is a plain word or list of alternatives, and ``swap_regex`` where it is not;
- a remedy with an ``edit`` loses its hand-written ``redraft`` (the suggested wording is made from
  the edit); ``since``, ``tags`` and a rule's ``languages`` are gone.

Round-trip editing needs ruamel.yaml (``pip install 'rightscheck[migrate]'``)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from .errors import RuleError

PLAIN_ALTERNATIVES = re.compile(r"^\^\(?([\w ,'-]+(?:\|[\w ,'-]+)*)\)?\$$")
WORDS_THEN_ALTERNATIVES = re.compile(r"^\^([\w ]+?) \(([\w ]+(?:\|[\w ]+)*)\)\$$")


def _yaml() -> Any:
    try:
        from ruamel.yaml import YAML
    except ImportError:
        raise RuleError("migrating a rule pack needs ruamel.yaml, which keeps comments and layout",
                        fix="pip install 'rightscheck[migrate]'") from None
    yaml = YAML()  # round-trip: comments, key order and flow style are kept
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _swap_keys(regex: str) -> list[str] | None:
    """The plain words a version-1 substitution expression stands for, or None when it needs a
    regular expression (groups used in the replacement, wildcards)."""
    m = PLAIN_ALTERNATIVES.match(regex)
    if m:
        return m.group(1).split("|")
    m = WORDS_THEN_ALTERNATIVES.match(regex)
    if m:
        return [f"{m.group(1)} {alt}" for alt in m.group(2).split("|")]
    return None


def _replace_key(mapping: Any, old: str, new: str, value: Any) -> None:
    """Put ``new: value`` where ``old`` was, keeping the key's place."""
    keys = list(mapping.keys())
    position = keys.index(old)
    del mapping[old]
    mapping.insert(position, new, value)


def _matcher(m: Any) -> None:
    if not isinstance(m, dict):
        return
    if "not" in m:
        _replace_key(m, "not", "absent", m["not"])
    for kind in ("near", "not_near"):
        spec = m.get(kind)
        if isinstance(spec, dict):
            _near(spec)
    for key in ("absent", "undefined_in_document"):
        _matcher(m.get(key))
    for key in ("all", "any"):
        for child in m.get(key) or []:
            _matcher(child)


def _near(spec: Any) -> None:
    if "a" in spec:
        _replace_key(spec, "a", "find", spec["a"])
    if "b" in spec:
        _replace_key(spec, "b", "of", spec["b"])
    same, within = spec.get("same"), spec.get("within")
    if isinstance(within, str):  # already version 2
        within = None
    if within is not None:
        words = f"{within} word" + ("" if within == 1 else "s")
        _replace_key(spec, "within", "within", words + (" in the same clause" if same == "clause" else ""))
    elif same is not None:
        _replace_key(spec, "same", "within", f"same {same}")
    if "same" in spec:
        del spec["same"]
    if "direction" in spec:
        if spec["direction"] == "either":
            del spec["direction"]
        else:
            _replace_key(spec, "direction", "placed", spec["direction"])
    if "report" in spec:
        report = {"a": "find", "b": "of"}.get(spec["report"], spec["report"])
        if report == "find":
            del spec["report"]
        else:
            _replace_key(spec, "report", "mark", report)
    # the order a sentence reads in: find ... within ... of
    for key in ("find", "within", "of", "placed", "mark"):
        if key in spec:
            value = spec[key]
            del spec[key]
            spec[key] = value
    for key in ("find", "of"):
        _matcher(spec.get(key))


def _edit(edit: Any) -> None:
    subs = edit.get("substitute")
    if subs is None:
        return
    swap: dict[str, str] = {}
    regexes = []
    for s in subs:
        keys = _swap_keys(str(s["regex"]))
        if keys is None or "\\" in str(s["with"]):
            regexes.append(s)
        else:
            for key in keys:
                swap[key] = str(s["with"])
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    table = CommentedMap(swap)
    table.fa.set_flow_style()
    position = list(edit.keys()).index("substitute")
    del edit["substitute"]
    if regexes:
        seq = CommentedSeq(regexes)
        seq.fa.set_flow_style()
        edit.insert(position, "swap_regex", seq)
    if swap:
        edit.insert(position, "swap", table)


def migrate_rule(rule: Any) -> None:
    """One version-1 rule (a round-trip mapping) made version 2, in place."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    for gone in ("since", "tags", "languages"):
        if gone in rule:
            del rule[gone]
    _matcher(rule.get("match"))
    unless = rule.get("unless") or {}
    ignore = []
    if unless.get("defined_in_text"):
        ignore.append("definitions")
    if unless.get("in_saving_clause", True):
        ignore.append("saving-clauses")
    if unless.get("match") is not None:
        when = rule.get("when")
        if when is None:
            when = CommentedMap()
            rule.insert(list(rule.keys()).index("match"), "when", when)
        when.fa.set_block_style()  # the words that switch the rule off read better on their own lines
        _matcher(unless["match"])
        when["not_text"] = unless["match"]
    if "unless" in rule:
        del rule["unless"]
    listed = CommentedSeq(ignore)
    listed.fa.set_flow_style()
    rule.insert(list(rule.keys()).index("match") + 1, "ignore_words_in", listed)
    remedy = rule.get("remedy") or {}
    if isinstance(remedy.get("edit"), dict):
        _edit(remedy["edit"])
        if "redraft" in remedy:
            del remedy["redraft"]


def migrate_pack_meta(meta: Any) -> None:
    if "rule_language" not in meta:
        meta.insert(0, "rule_language", 2)
    for scope in (meta.get("scope") or {}).values():
        _matcher(scope.get("match"))
    for item in meta.get("checklist") or []:
        _matcher(item.get("evidence"))
        when = item.get("when")
        if isinstance(when, dict):
            _matcher(when.get("not_text"))


def migrate_pack(path: Path) -> list[Path]:
    """Rewrite the pack at ``path`` in rule language 2; the files changed. A pack already in
    version 2 is left as it is."""
    yaml = _yaml()
    meta_file = path / "pack.yaml"
    if not meta_file.is_file():
        raise RuleError("no pack.yaml here", file=str(path), fix="give the folder of a rule pack")
    meta = yaml.load(meta_file.read_text("utf-8"))
    if meta.get("rule_language") == 2:
        return []
    changed: list[tuple[Path, str]] = []
    migrate_pack_meta(meta)
    changed.append((meta_file, _dump(yaml, meta)))
    for rule_file in sorted(path.glob("*.yaml")):
        if rule_file.name == "pack.yaml":
            continue
        rules = yaml.load(rule_file.read_text("utf-8"))
        for rule in rules or []:
            migrate_rule(rule)
        changed.append((rule_file, _dedent_top_list(_dump(yaml, rules))))
    for file, text in changed:  # written only once every file has been migrated
        file.write_text(text, encoding="utf-8")
    return [file for file, _ in changed]


def _dedent_top_list(text: str) -> str:
    """Rule files write their list of rules at the margin (``- id: …``) and nested lists indented
    under their key; ruamel.yaml indents both alike, so the top level moves back two columns."""
    return "".join(line[2:] if line.startswith("  ") else line for line in text.splitlines(keepends=True))


SINGLE_PAIRS = re.compile(r"\[((?:vocab: [\w-]+, )*vocab: [\w-]+)\]")


def _braced(text: str) -> str:
    """``[{vocab: a}, {vocab: b}]`` as the pack writes it (ruamel.yaml drops the braces of
    one-key mappings in a flow list; the meaning is the same)."""
    return SINGLE_PAIRS.sub(lambda m: "[" + ", ".join("{" + p + "}" for p in m.group(1).split(", ")) + "]", text)


def _dump(yaml: Any, data: Any) -> str:
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return _braced(buffer.getvalue())
