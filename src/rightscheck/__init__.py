"""rightscheck: a human-rights impact checklist for draft offences that restrict expression.

The library entry point is :func:`rightscheck.engine.assess`; the command line lives in
:mod:`rightscheck.cli`.
"""

__version__ = "0.1.0"  # the one place: pyproject.toml reads it (hatch dynamic version)
