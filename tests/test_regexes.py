"""Patterns built from the code kept between runs behave exactly as re.compile's (regexes)."""

from __future__ import annotations

import re

import pytest

from rightscheck import regexes

# patterns of the kinds the engine compiles: terms with boundaries and gaps, named groups, inline
# flags, classes, Arabic and Chinese letters, a penalty template
PATTERNS = [
    r"(?<!\w)glorif\w*(?!\w)",
    r"(?<!\w)informat[ -]?support(?!\w)",
    r"(?<!\w)extremis\w*(?:[ ,'\"()/-]+\w+){0,6}?[ ,'\"()/-]+materi\w*(?!\w)",
    r"(?P<lo>\d+(?:[.,]\d+)?)(?: \((?P<lo_d>\d+)\))? to (?P<hi>\d+) years",
    r"(?i)Article\s+(?P<n>\d+)",
    r"\w*تحريض|الإرهاب",
    r"为恐怖主义\s?辩护|宣扬[^.;:!?。；：！？]{0,24}?极端主义",
    r"[^\s\u0300-\u036f](?![\u0300-\u036f])+",
]
TEXTS = [
    "Glorification of terrorism, information support and extremist printed materials, 2 (two) to 5 years.",
    "ARTICLE 16. The glorifying of extremist and other materials; informationsupport.",
    "التحريض على الإرهاب بالإرهاب",
    "公开为恐怖主义辩护的，宣扬恐怖主义、极端主义的，处五年以下有期徒刑",
    "nothing at all",
]


def _behaviour(rx: re.Pattern[str]) -> list[object]:
    found: list[object] = [rx.pattern, rx.flags, rx.groups, dict(rx.groupindex)]
    for text in TEXTS:
        found.append([(m.span(), m.groupdict(), m.lastgroup) for m in rx.finditer(text.lower())])
        found.append([(m.span(), m.groupdict()) for m in rx.finditer(text)])
    return found


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty cache folder, and nothing of it held in memory."""
    monkeypatch.setenv("RIGHTSCHECK_CACHE", str(tmp_path))
    monkeypatch.setattr(regexes, "_saved", {})
    monkeypatch.setattr(regexes, "_new", {})
    return tmp_path


def _forget() -> None:
    """As a new process: what was saved is read again from the cache folder."""
    regexes._saved.clear()
    regexes._new.clear()


@pytest.mark.parametrize("flags", [0, re.IGNORECASE, re.MULTILINE])
def test_a_pattern_built_from_kept_code_matches_as_re_compile(fresh_cache, flags):
    first = [regexes.compile(p, flags, "test") for p in PATTERNS]
    regexes.save()
    assert list(fresh_cache.glob("*regex*test*")), "the code was kept in the cache folder"
    _forget()
    again = [regexes.compile(p, flags, "test") for p in PATTERNS]
    assert "test" in regexes._saved and not regexes._new, "the second run compiled nothing afresh"
    for pattern, a, b in zip(PATTERNS, first, again, strict=True):
        expected = _behaviour(re.compile(pattern, flags))
        assert _behaviour(a) == expected, pattern
        assert _behaviour(b) == expected, pattern


def test_code_the_engine_refuses_is_compiled_afresh(fresh_cache):
    pattern = PATTERNS[0]
    regexes.compile(pattern, 0, "test")
    regexes.save()
    _forget()
    kept = regexes._group("test")
    final, code, groups, index, names = kept[(pattern, 0)]
    kept[(pattern, 0)] = (final, b"\xff\xff\xff\xff" + code[4:], groups, index, names)  # a damaged copy
    rx = regexes.compile(pattern, 0, "test")
    assert _behaviour(rx) == _behaviour(re.compile(pattern))


def test_a_damaged_cache_file_is_ignored(fresh_cache):
    regexes.compile(PATTERNS[1], 0, "test")
    regexes.save()
    _forget()
    for path in fresh_cache.glob("*regex*test*"):
        path.write_bytes(b"not a pickle")
    assert _behaviour(regexes.compile(PATTERNS[1], 0, "test")) == _behaviour(re.compile(PATTERNS[1]))


def test_a_bad_pattern_is_the_same_error_as_in_re(fresh_cache):
    with pytest.raises(re.error, match="missing \\)"):
        regexes.compile("(unclosed", 0, "test")


def test_a_remembered_fact_is_worked_out_once_across_runs(fresh_cache):
    calls = []

    def make() -> tuple[str, ...]:
        calls.append(1)
        return ("needle",)

    assert regexes.remember("test", ("needles", "x", 0), make) == ("needle",)
    assert regexes.remember("test", ("needles", "x", 0), make) == ("needle",)
    regexes.save()
    _forget()
    assert regexes.remember("test", ("needles", "x", 0), make) == ("needle",)
    assert len(calls) == 1


def test_a_second_run_built_from_kept_code_reports_the_same(tmp_path):
    """End to end, in six languages: the first run compiles and keeps the code; the second, as a
    user's next check, builds its patterns from it and writes the same report."""
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    env = {**os.environ, "RIGHTSCHECK_CACHE": str(tmp_path / "cache")}
    reports = []
    for run in ("first", "second"):
        out = tmp_path / f"{run}.json"
        subprocess.run([sys.executable, "-m", "rightscheck", "check", str(ROOT / "examples" / "originals.yaml"),
                        "--format", "json", "-o", str(out)], env=env, check=True, capture_output=True)
        reports.append(out.read_text("utf-8"))
        if run == "first":
            kept = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "cache").glob("*regex*")}
            assert {"ru", "fr", "es", "ar", "zh"} <= {name.rsplit("-", 1)[1].split(".")[0] for name in kept}
    assert reports[0] == reports[1]
    again = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "cache").glob("*regex*")}
    assert again == kept, "the second run found every pattern it needed kept"


def test_the_code_is_kept_when_the_check_exits_1(tmp_path):
    """--fail-on makes a pipeline's check exit 1 on every run: the patterns are kept all the same."""
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    env = {**os.environ, "RIGHTSCHECK_CACHE": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "rightscheck", "check",
                           str(ROOT / "examples" / "cis-2018-extremist-materials.yaml"), "--fail-on", "concerns",
                           "--format", "json", "-o", str(tmp_path / "out.json")], env=env, capture_output=True)
    assert done.returncode == 1
    assert list(tmp_path.glob("*regex*-en.pickle"))


def test_internals_not_as_expected_fall_back_to_re_compile(fresh_cache, monkeypatch):
    """Another Python whose regex internals differ: the patterns are compiled by re.compile."""
    def broken(*args, **kwargs):
        raise TypeError("changed internals")

    monkeypatch.setattr(regexes._compiler, "_code", broken)
    rx = regexes.compile(PATTERNS[2], 0, "test")
    assert _behaviour(rx) == _behaviour(re.compile(PATTERNS[2]))
    assert not regexes._new, "nothing is kept from a failed build"
    monkeypatch.setattr(regexes._parser, "parse", broken)
    assert _behaviour(regexes.compile(PATTERNS[3], 0, "test")) == _behaviour(re.compile(PATTERNS[3]))


def test_patterns_a_worker_compiled_are_kept_by_its_parent(fresh_cache):
    regexes.compile(PATTERNS[0], 0, "test")  # compiled by the parent before the workers start
    regexes.inherited()  # in the worker: the parent's are read, not sent back
    assert not regexes._new
    regexes.compile(PATTERNS[0], 0, "test")
    assert not regexes._new, "what the parent compiled is not compiled again"
    regexes.compile(PATTERNS[1], 0, "test")  # compiled by the worker
    sent = regexes.taken()
    assert list(sent["test"]) == [(PATTERNS[1], 0)] and not regexes._new
    _forget()  # the parent
    regexes.adopt(sent)
    regexes.save()
    _forget()  # the next run
    rx = regexes.compile(PATTERNS[1], 0, "test")
    assert not regexes._new, "the worker's pattern was kept"
    assert _behaviour(rx) == _behaviour(re.compile(PATTERNS[1]))
