"""The date a report is made on: today in UTC, or the day of ``SOURCE_DATE_EPOCH`` when that is set
(the reproducible-builds convention), so that the same input can give byte-identical output."""

from __future__ import annotations

import os
from datetime import UTC, datetime


def today() -> str:
    """ISO date (YYYY-MM-DD) for a report's "generated on" line."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return moment.date().isoformat()
