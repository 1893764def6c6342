"""Languages: detection, the lexicons, and no language's words in the Python code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "rightscheck"
LEXICONS = ROOT / "rules" / "iccpr19" / "lexicons"
# group names and template placeholders are syntax, not words of a language
_SYNTAX = re.compile(r"\(\?P<\w+>|\(\?P=\w+\)|\{\w+\}|\\[a-zA-Z]")
REGEX_CALLS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}


def _words(value: object) -> set[str]:
    """Every run of four or more letters in a lexicon's data."""
    out: set[str] = set()
    if isinstance(value, str):
        out |= {w.lower() for w in re.findall(r"[^\W\d_]{4,}", _SYNTAX.sub(" ", value))}
    elif isinstance(value, dict):
        for k, v in value.items():
            if k != "examples":
                out |= _words(k) | _words(v)
    elif isinstance(value, list):
        for v in value:
            out |= _words(v)
    return out


def _regex_literals(tree: ast.AST) -> list[tuple[int, str]]:
    """String constants given to a function of ``re`` (the code that reads text)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in REGEX_CALLS
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args):
            for sub in ast.walk(node.args[0]):
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                    found.append((sub.lineno, sub.value))
    return found


def _lexicon_words() -> set[str]:
    words: set[str] = set()
    for path in LEXICONS.glob("*.yaml"):
        data = yaml.safe_load(path.read_text("utf-8"))
        words |= _words({k: v for k, v in data.items() if k not in {"name", "examples", "forms"}})
    return words


def _offending(source: str, name: str, lexicon_words: set[str]) -> list[str]:
    out: list[str] = []
    for line, literal in _regex_literals(ast.parse(source)):
        hits = sorted({w.lower() for w in re.findall(r"[^\W\d_]{4,}", _SYNTAX.sub(" ", literal))} & lexicon_words)
        if hits:
            out.append(f"{name}:{line}: {', '.join(hits)}")
    return out


def test_no_language_words_in_python():
    """The words the lexicons give (English, and every other language) never appear in an
    expression the Python code matches text with: drafting words are data, in rules/."""
    lexicon_words = _lexicon_words()
    planted = 'import re\nPENALTY = re.compile(r"\\b(?:imprisonment|deprivation of liberty)\\b")\n'
    assert _offending(planted, "planted.py", lexicon_words) == ["planted.py:2: deprivation, imprisonment, liberty"]
    offending = [hit for path in SRC.rglob("*.py")
                 for hit in _offending(path.read_text("utf-8"), str(path.relative_to(ROOT)), lexicon_words)]
    assert offending == [], "language words in Python (move them to a lexicon):\n" + "\n".join(offending)
