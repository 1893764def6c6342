"""What a run of the command line loads: --help does not load the engine, and a check neither
runs pydantic plugins nor imports the code that looks for them (a tenth of a short check's cold
start). Each case runs in a fresh interpreter, as a user's command does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import EXAMPLES


def _run(code: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_help_does_not_load_the_engine():
    found = _run(
        "import json, sys\n"
        "from click.testing import CliRunner\n"
        "from rightscheck.cli import main\n"
        "out = CliRunner().invoke(main, ['--help']).output\n"
        "print(json.dumps({'engine': 'rightscheck.engine' in sys.modules, 'usage': 'Usage' in out}))\n")
    assert found == {"engine": False, "usage": True}


def test_a_check_runs_no_pydantic_plugin_and_does_not_load_their_loader(tmp_path: Path):
    out = tmp_path / "report.json"
    found = _run(
        "import json, sys\n"
        "from click.testing import CliRunner\n"
        "from rightscheck.cli import main\n"
        f"result = CliRunner().invoke(main, ['check', {str(EXAMPLES / 'cis-2018-extremist-materials.yaml')!r}, "
        f"'--format', 'json', '--output', {str(out)!r}])\n"
        "loader = sys.modules['pydantic.plugin._loader']\n"
        "print(json.dumps({'exit': result.exit_code, 'stand_in': 'rightscheck.no_plugins' in (loader.__doc__ or ''),\n"
        "                  'plugins': list(loader.get_plugins())}))\n")
    assert found["exit"] in (0, 1) and found["stand_in"] and found["plugins"] == []
    report = json.loads(out.read_text("utf-8"))
    assert report["provisions"] and report["provisions"][0]["overall"]["verdict"] == "incompatible"


def test_what_else_pydantic_asks_of_its_plugin_loader_comes_from_the_real_one():
    """A later pydantic that needs more of its loader than ``get_plugins`` gets it (at the cost
    of the time saved), rather than failing."""
    found = _run(
        "import json, sys\n"
        "from rightscheck import no_plugins\n"
        "no_plugins.disable()\n"
        "import pydantic.plugin._schema_validator\n"
        "from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP as group\n"
        "real = sys.modules['pydantic.plugin._loader']\n"
        "print(json.dumps({'group': group, 'replaced': 'rightscheck.no_plugins' not in (real.__doc__ or '')}))\n")
    assert found == {"group": "pydantic", "replaced": True}
