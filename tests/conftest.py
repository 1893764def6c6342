from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
import yaml

from rightscheck.engine import assess
from rightscheck.models import Provision, ProvisionReport
from rightscheck.readers.yaml_reader import read_yaml
from rightscheck.rules import Pack, load_packs

# The parsed-pack cache of this test run lives in a folder of its own, away from the user's.
os.environ.setdefault("RIGHTSCHECK_CACHE", tempfile.mkdtemp(prefix="rightscheck-test-cache-"))

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
EXAMPLES = ROOT / "examples"


def eval_dir() -> Path:
    """The small evaluation set: RIGHTSCHECK_EVAL if set, else the copy in tests/data."""
    env = os.environ.get("RIGHTSCHECK_EVAL")
    for candidate in (Path(env) if env else None, ROOT / "tests" / "data"):
        if candidate and (candidate / "dev-provisions.yaml").is_file():
            return candidate
    raise FileNotFoundError("no evaluation set found")


@pytest.fixture(scope="session")
def packs() -> list[Pack]:
    return load_packs()


@pytest.fixture(scope="session")
def check(packs):
    def run(text: str, **fields) -> ProvisionReport:
        provision = Provision(id=fields.pop("id", "t"), text=text, **fields)
        return assess([provision], packs).provisions[0]

    return run


@pytest.fixture(scope="session")
def dev_set():
    d = eval_dir()
    provisions = read_yaml((d / "dev-provisions.yaml").read_text("utf-8"), "dev-provisions.yaml")
    expected = yaml.safe_load((d / "dev-expected.yaml").read_text("utf-8"))["expected"]
    return provisions, expected


def rules_of(report: ProvisionReport) -> set[str]:
    return {f.rule for f in report.findings}


def serious_rules(report: ProvisionReport) -> set[str]:
    """The rules of the report's high and critical findings."""
    return {f.rule for f in report.findings if f.serious}
