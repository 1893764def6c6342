"""How much one run reads (a module of its own, so that the command line can show its defaults
without importing the readers and the models)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """How much one run reads. Each limit can be raised on the command line."""

    max_file_mb: float = 10.0
    max_provisions: int = 10_000
    max_text_chars: int = 200_000

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)


# A batch run allocates many small objects that live until their report is written: collecting
# the youngest generation less often saves about a fifth of a run of 2,000 provisions, with no
# effect on the result. The command line sets it; benchmarks/speed.py measures with it too.
GC_THRESHOLD = (50_000, 50, 100)
