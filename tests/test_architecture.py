"""The direction of the code: read -> segment -> match -> score -> checklist -> render. Renderers
lay out models and never run the engine; readers turn files into provisions with models and text
helpers only. Every import is checked, those inside functions too."""

from __future__ import annotations

import ast

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "src" / "rightscheck"
# what each layer may import from the rest of rightscheck
ALLOWED = {
    "render": {"models", "change_models", "worddiff", "wordml"},
    "readers": {"models", "errors", "lexicon", "language", "yamlio", "paths", "wordml", "limits", "regexes"},
}


def _imports(layer: str) -> set[tuple[str, str]]:
    """(file, module of rightscheck) for every import from outside the layer."""
    found = set()
    for path in (PACKAGE / layer).glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 2:
                if node.module:
                    found.add((path.name, node.module.split(".")[0]))
                else:  # from .. import x
                    found |= {(path.name, alias.name) for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("rightscheck"):
                found.add((path.name, (node.module or "").split(".")[1] if "." in (node.module or "") else "?"))
            elif isinstance(node, ast.Import):
                found |= {(path.name, a.name.split(".")[1]) for a in node.names if a.name.startswith("rightscheck.")}
    return found


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layers_import_only_what_they_may(layer):
    wrong = sorted((f, m) for f, m in _imports(layer) if m not in ALLOWED[layer])
    assert not wrong, f"{layer}/ imports {wrong}: move the shared part into a model or text helper"


def test_the_check_catches_an_engine_import(tmp_path, monkeypatch):
    """The check itself can fail: a renderer that imported the engine would be reported."""
    fake = tmp_path / "render"
    fake.mkdir()
    (fake / "bad.py").write_text("def f():\n    from ..engine import assess\n", "utf-8")
    monkeypatch.setattr(__import__(__name__, fromlist=["PACKAGE"]), "PACKAGE", tmp_path)
    assert ("bad.py", "engine") in _imports("render")


def test_every_matcher_kind_is_in_the_schema_the_registry_and_the_docs():
    """Adding a matcher kind is a field of the Matcher model and one @kind entry (compilation and
    documentation); the documented table is the one the registry generates."""
    from rightscheck.matchers import KINDS, matcher_table
    from rightscheck.schema import Matcher

    assert set(Matcher.model_fields) == set(KINDS)
    docs = (ROOT / "docs" / "rule-language.md").read_text("utf-8")
    assert matcher_table() in docs
