"""Longer fuzzing of the readers and the engine than the test suite affords.

    python benchmarks/fuzz.py [EXAMPLES]     (default 5000 per target)

Runs the test suite's fuzz properties (tests/test_hardening.py) with a larger hypothesis budget.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests import test_hardening as t

from rightscheck.rules import load_packs


def _call(prop):
    def run(text: str) -> None:
        prop(text)

    return run


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    packs = load_packs()
    budget = settings(max_examples=n, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    targets = [
        ("text reader + engine", t.FUZZ_DRAFTS, lambda text: t.engine_property(packs, text)),
        ("YAML reader", t.FUZZ_YAML, t.yaml_property),
        ("normalisation offsets", st.text(max_size=300), t.normalisation_property),
    ]
    import tempfile

    tmp = Path(tempfile.mkdtemp())
    binaries = st.one_of(st.binary(max_size=2000), st.binary(max_size=1000).map(lambda b: b"PK\x03\x04" + b),
                         st.binary(max_size=1000).map(lambda b: b"%PDF-1.4\n" + b))
    targets += [
        ("Word reader", binaries, lambda data: t.binary_property(data, ".docx", tmp)),
        ("PDF reader", binaries, lambda data: t.binary_property(data, ".pdf", tmp)),
    ]
    failures = 0
    for name, strategy, prop in targets:
        test = budget(given(text=strategy)(_call(prop)))
        start = time.perf_counter()
        try:
            test()
            print(f"{name}: {n} examples, no failure ({time.perf_counter() - start:.1f} s)")
        except Exception as exc:  # report every target, then fail
            failures += 1
            print(f"{name}: FAILED after {time.perf_counter() - start:.1f} s: {type(exc).__name__}: {exc}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
