"""Where the shipped rule packs are."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def builtin_rules_dir() -> Path:
    """The rule packs shipped with rightscheck (inside the wheel, or the repository's rules/)."""
    packaged = resources.files("rightscheck") / "rules"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "rules"
