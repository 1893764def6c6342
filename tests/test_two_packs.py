"""Several rule packs in one run: each keeps its own scopes, points and thresholds (a user's pack
beside the built-in one, as `--rules` gives it)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from rightscheck.cli import main
from rightscheck.engine import assess
from rightscheck.models import Provision
from rightscheck.rules import builtin_rules_dir, load_packs

USER_PACK = """
rule_language: 2
name: userpack
version: "1"
title: A reviewer's own pack
description: Flags posting on social media, with strict thresholds.
languages: [en]
scoring:
  points: {critical: 70, high: 40, medium: 15, low: 5, info: 0}
  confidence: {high: 1.0, medium: 0.8, low: 0.5}
  incompatible: {score_below: 30, any_severity: [critical, high]}
  concerns: {score_below: 90, any_severity: [medium]}
  explanation: Strict.
scope:
  expression:
    description: In this pack, expression means posting on social media only.
    match: {terms: ["tweet*", "social media post*"]}
checklist:
  - id: user.posting
    test: legality
    question: Is posting on social media punished?
    categories: [posting]
    review_hint: Nothing to check.
sources:
  OWN: {symbol: "Own guidance", title: "The reviewer's own guidance"}
"""
USER_RULE = """
- id: USR-POSTING
  title: Punishes posting on social media
  test: legality
  category: posting
  severity: high
  confidence: high
  when: {engages: expression}
  match: {terms: ["post*"]}
  message: "{match}: posting is punished."
  rationale: The reviewer's own concern.
  question: Is posting on social media punished?
  sources: [{ref: OWN, pinpoint: "1", verified: false}]
  remedy: {advice: Do not punish posting.}
  examples:
    flag: [{text: "whoever tweets or makes a social media post", marks: ["post"]}]
    pass: ["whoever posts a letter"]
"""


def _user_pack(tmp_path: Path) -> Path:
    folder = tmp_path / "userpack"
    folder.mkdir()
    (folder / "pack.yaml").write_text(USER_PACK, "utf-8")
    (folder / "rules.yaml").write_text(USER_RULE, "utf-8")
    return folder


def test_each_pack_keeps_its_scopes_and_thresholds(tmp_path):
    packs = load_packs([builtin_rules_dir(), _user_pack(tmp_path)])
    assert [p.name for p in packs] == ["iccpr19", "userpack"]
    # "posts a letter" engages iccpr19's expression scope? no; userpack's? no: its scope is social media only
    letter = assess([Provision(id="a", text="Whoever posts a letter insulting the State shall be fined.")],
                    packs).provisions[0]
    assert "USR-POSTING" not in {f.rule for f in letter.findings}
    assert "AIM-STATE-REPUTATION" in {f.rule for f in letter.findings}
    post = assess([Provision(id="b", text="Whoever makes a social media post that tweets a rumour shall be "
                                           "fined.")], packs).provisions[0]
    finding = next(f for f in post.findings if f.rule == "USR-POSTING")
    assert finding.points == 40  # the user pack's own points
    # the user pack's table makes a high finding incompatible; the strictest verdict stands
    assert post.tests["legality"].verdict == "incompatible"
    assert "userpack:expression" in post.engages and "expression" in post.engages
    assert any(c.id == "user.posting" and c.status == "flagged" for c in post.checklist)


def test_two_packs_from_the_command_line(tmp_path):
    src = tmp_path / "draft.yaml"
    src.write_text("id: x\ntext: Whoever makes a social media post about extremist materials shall be fined.\n",
                   "utf-8")
    result = CliRunner().invoke(main, ["check", str(src), "--rules", str(builtin_rules_dir()),
                                       "--rules", str(_user_pack(tmp_path)), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"USR-POSTING"' in result.output and '"LEG-EXTREMISM"' in result.output
    assert CliRunner().invoke(main, ["validate-rules", str(tmp_path / "userpack")]).exit_code == 0
