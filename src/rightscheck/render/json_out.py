"""JSON report, schema_version 2 (see schema/report-v2.json; version 1 is kept in schema/report-v1.json)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..models import ProvisionReport, Report


def render_json(report: Report) -> str:
    return report.model_dump_json(indent=2) + "\n"


def stream_json(head: Report, provisions: Iterable[ProvisionReport]) -> Iterator[str]:
    """The text :func:`render_json` makes of the report ``head`` with ``provisions``, piece by
    piece, each provision as it comes: a large batch is written without holding every report.
    ``head`` is the report without provisions, its review already known."""
    opening, closing = head.model_dump_json(indent=2).rsplit('"provisions": []', 1)
    yield opening + '"provisions": ['
    first = True
    for report in provisions:
        yield ("" if first else ",") + "\n    " + report.model_dump_json(indent=2).replace("\n", "\n    ")
        first = False
    yield ("]" if first else "\n  ]") + closing + "\n"
