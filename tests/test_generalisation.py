"""Each rule generalises beyond its own examples: paraphrases and inflections a drafter would
use must flag, near misses and mere mentions must pass (tests/data/generalisation.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rightscheck.rules import load_packs
from rightscheck.validate import run_example

CASES = yaml.safe_load((Path(__file__).parent / "data" / "generalisation.yaml").read_text("utf-8"))
RULES = {cr.rule.id: cr for pack in load_packs() for cr in pack.rules}


def test_every_rule_has_paraphrase_and_near_miss_cases():
    missing = [rid for rid in RULES if not (CASES.get(rid, {}).get("flag") and CASES.get(rid, {}).get("pass"))]
    assert missing == []
    assert set(CASES) <= set(RULES)


def _case(item) -> tuple[str, list[str]]:
    """A case is a text, or {text, document} for rules that look across a document."""
    return (item, []) if isinstance(item, str) else (item["text"], item.get("document", []))


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_paraphrases_flag(rule_id):
    cr = RULES[rule_id]
    for item in CASES[rule_id]["flag"]:
        text, document = _case(item)
        finding = run_example(cr, text, document)
        assert finding is not None, f"{rule_id} missed {text!r}"
        for s in finding.spans:
            assert text[s.start:s.end] == s.text


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_near_misses_pass(rule_id):
    cr = RULES[rule_id]
    for item in CASES[rule_id]["pass"]:
        text, document = _case(item)
        assert run_example(cr, text, document) is None, f"{rule_id} fired on {text!r}"
