"""Read provisions from YAML: one provision mapping, or a list under ``provisions:``."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ..errors import InputError
from ..models import Provision
from ..yamlio import load_yaml_text


def looks_like_yaml_provisions(text: str) -> bool:
    """Guess, for standard input, whether the text is YAML provisions rather than a plain draft."""
    lines = text.lstrip("\ufeff").splitlines()
    body = [ln for ln in lines[:200] if ln.strip() and not ln.lstrip().startswith("#")]
    head = body[0].lstrip() if body else ""
    return head.startswith(("provisions:", "id:", "---")) or "\ntext:" in text[:4000]


def read_yaml(text: str, name: str) -> list[Provision]:
    doc = load_yaml_text(text, file=name, error=InputError)
    data = doc.data
    if isinstance(data, dict) and "provisions" in data:
        extra = sorted(set(data) - {"provisions"})
        if extra:
            raise InputError(
                f"unknown top-level field(s): {', '.join(map(str, extra))}",
                file=name, line=doc.line_of((extra[0],)),
                fix="a provisions file has only 'provisions:' at the top",
            )
        items: Any = data["provisions"]
        base: tuple[Any, ...] = ("provisions",)
        if not isinstance(items, list) or not items:
            raise InputError(
                "'provisions' must be a non-empty list", file=name, line=doc.line_of(base),
                fix="list each provision under 'provisions:' as '- id: …'",
            )
    elif isinstance(data, dict):
        items, base = [data], ()
    else:
        raise InputError(
            "a YAML input is one provision (with 'id' and 'text') or a list under 'provisions:'",
            file=name, line=1, fix="see examples/ for the format",
        )
    provisions: list[Provision] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        loc = (*base, index) if base else ()
        if not isinstance(item, dict):
            raise InputError(
                f"provision #{index + 1} is not a mapping", file=name, line=doc.line_of(loc),
                fix="each provision is a mapping with 'id' and 'text'",
            )
        try:
            line = doc.id_lines.get(str(item.get("id")))
            provision = Provision.model_validate({**item, "origin": f"{name}:{line}" if line else name})
        except ValidationError as exc:
            # Unknown fields first: a typo ("txt") also makes the real field look missing.
            errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
            problems = []
            for err in errors:
                field = ".".join(str(p) for p in err["loc"])
                msg = {"extra_forbidden": "unknown field (a typo?)",
                       "missing": "required field is missing"}.get(err["type"], err["msg"])
                problems.append(f"{field}: {msg}")
            raise InputError(
                f"provision #{index + 1}: " + "; ".join(problems),
                file=name, line=doc.line_of((*loc, *errors[0]["loc"])),
                fix="fields: id, title, source, jurisdiction, language, text, penalty",
            ) from None
        if not provision.text.strip():
            raise InputError(
                f"provision {provision.id!r} has an empty text", file=name,
                line=doc.line_of((*loc, "text")), fix="paste the offence definition under 'text:'",
            )
        if provision.id in seen:
            raise InputError(
                f"provision id {provision.id!r} is used twice", file=name,
                line=doc.line_of((*loc, "id")), fix="give each provision its own id",
            )
        seen.add(provision.id)
        provisions.append(provision)
    return provisions
