"""Review decisions kept outside the draft: a YAML file of decisions per provision, rule and
matched words (accepted, not applicable, false positive, under review), each decided one with a
justification, a reviewer and a date.

Decided findings stay in every report, marked, and drop out of the score; decisions that match no
finding any more are reported as stale, never dropped silently.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from .errors import InputError
from .models import Decision, Finding, Report, ReviewEntry
from .yamlio import load_yaml_file

HEADER = """\
# rightscheck review file: one decision per finding, keyed by provision, rule and matched words.
# status: under_review | accepted (the risk is accepted as justified) | not_applicable |
#         false_positive. Every status but under_review needs a justification, a reviewer and a
#         date. Decided findings stay in reports, marked, and drop out of the score.
# Use it with: rightscheck check DRAFT --review THIS_FILE
"""


def match_key(finding: Finding) -> str:
    """The words a finding marked, as one string: its key in a review file."""
    return " | ".join(" ".join(s.text.split()) for s in finding.spans)


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def load_review(path: Path) -> list[ReviewEntry]:
    doc = load_yaml_file(path, error=InputError)
    data = doc.data
    if data is None:
        return []
    if not isinstance(data, dict) or set(data) - {"decisions"}:
        raise InputError("a review file has one top-level field, 'decisions:'", file=str(path), line=1,
                         fix="run 'rightscheck review init DRAFT -o FILE' to start one")
    entries = data.get("decisions") or []
    if not isinstance(entries, list):
        raise InputError("'decisions' must be a list", file=str(path), line=doc.line_of(("decisions",)))
    out: list[ReviewEntry] = []
    for i, entry in enumerate(entries):
        try:
            out.append(ReviewEntry.model_validate(entry))
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"]) or "decision"
            msg = err["msg"].removeprefix("Value error, ")
            raise InputError(
                f"decision #{i + 1}: {where}: {msg}", file=str(path),
                line=doc.line_of(("decisions", i, *err["loc"])),
                fix="each decision has provision, rule, match, status, and (once decided) "
                "justification, reviewer and date",
            ) from None
    return out


class Decisions:
    """Review entries, looked up by (provision, rule or alias, matched words)."""

    def __init__(self, entries: list[ReviewEntry], aliases: dict[str, str] | None = None) -> None:
        self.entries = entries
        self.aliases = aliases or {}
        self.used: set[int] = set()
        self._index = {
            (e.provision, self.aliases.get(e.rule, e.rule), _norm(e.match)): i for i, e in enumerate(entries)
        }

    def decide(self, provision_id: str, finding: Finding) -> Decision | None:
        i = self._index.get((provision_id, finding.rule, _norm(match_key(finding))))
        if i is None:
            return None
        self.used.add(i)
        e = self.entries[i]
        return Decision(status=e.status, justification=e.justification, reviewer=e.reviewer, date=e.date)

    def stale(self) -> list[ReviewEntry]:
        return [e for i, e in enumerate(self.entries) if i not in self.used]


def init_review(report: Report) -> str:
    """A review file with every current finding marked under_review."""
    import yaml  # (here: a check imports this module, and reads no YAML when its input is text)

    decisions = [
        {"provision": p.id, "rule": f.rule, "match": match_key(f), "status": "under_review",
         "justification": "", "reviewer": "", "date": ""}
        for p in report.provisions for f in p.findings
    ]
    return HEADER + yaml.safe_dump({"decisions": decisions}, sort_keys=False, allow_unicode=True, width=100)
