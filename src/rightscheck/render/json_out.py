"""JSON report, schema_version 2 (see schema/report-v2.json; version 1 is kept in schema/report-v1.json)."""

from __future__ import annotations

from ..models import Report


def render_json(report: Report) -> str:
    return report.model_dump_json(indent=2) + "\n"
