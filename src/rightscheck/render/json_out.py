"""JSON report, schema_version 2 (see schema/report-v2.json; version 1 is kept in schema/report-v1.json),
and the JSON Lines stream (a header line, one line per provision, an end line)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from ..models import JSONL_VERSION, ProvisionReport, Report, ReviewSummary

if TYPE_CHECKING:
    from pydantic import TypeAdapter


def render_json(report: Report) -> str:
    return report.model_dump_json(indent=2) + "\n"


_OPENING, _CLOSING = '{\n  "p": [', "\n  ]\n}"  # around a report in a one-item list, as _in_list writes it


@lru_cache(maxsize=1)
def _in_list() -> TypeAdapter[dict[str, list[ProvisionReport]]]:
    """Writes a report inside a list inside an object, so that pydantic indents it to the depth where
    provisions stand in the report (a fifth faster than indenting its text again; made once, after the
    report model, which it reuses)."""
    from pydantic import TypeAdapter

    return TypeAdapter(dict[str, list[ProvisionReport]])


def json_piece(report: ProvisionReport) -> str:
    """One provision as it stands in the JSON report's list (indented to its place)."""
    return _in_list().dump_json({"p": [report]}, indent=2).decode()[len(_OPENING):-len(_CLOSING)]


def stream_json(head: Report, pieces: Iterable[str]) -> Iterator[str]:
    """The text :func:`render_json` makes of the report ``head`` with the provisions whose
    :func:`json_piece` texts are ``pieces``, piece by piece, each provision as it comes: a large
    batch is written without holding every report. ``head`` is the report without provisions,
    its review already known."""
    opening, closing = head.model_dump_json(indent=2).rsplit('"provisions": []', 1)
    yield opening + '"provisions": ['
    first = True
    for piece in pieces:
        yield piece if first else "," + piece
        first = False
    yield ("]" if first else "\n  ]") + closing + "\n"


def jsonl_header(head: Report) -> str:
    fields = head.model_dump(mode="json", exclude={"provisions", "review"})
    return json.dumps({"type": "header", "jsonl_version": JSONL_VERSION, **fields}, ensure_ascii=False) + "\n"


def jsonl_line(report: ProvisionReport) -> str:
    """One provision's line of the JSON Lines stream."""
    return json.dumps({"type": "provision", **report.model_dump(mode="json")}, ensure_ascii=False) + "\n"


def jsonl_end(count: int, review: ReviewSummary | None) -> str:
    return json.dumps({"type": "end", "provisions": count,
                       "review": review.model_dump(mode="json") if review else None}, ensure_ascii=False) + "\n"
