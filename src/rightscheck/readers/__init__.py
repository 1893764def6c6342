"""Readers: turn input files into :class:`~rightscheck.models.Provision` objects.

``read_inputs`` picks the reader by file extension (``.yaml``/``.yml`` YAML provisions; anything
else plain text or Markdown); ``-`` reads standard input and guesses the same way from content.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import InputError
from ..models import InputInfo, Provision
from .text_reader import read_text
from .yaml_reader import looks_like_yaml_provisions, read_yaml

YAML_SUFFIXES = {".yaml", ".yml"}


def _read_file_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", file=str(path), fix="check the path") from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", file=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", file=str(path)) from None
    return decode(data, str(path))


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with BOM; refuse anything else."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    raise InputError(
        "not a text file in UTF-8 (or UTF-16 with a byte-order mark)",
        file=name,
        fix="save the draft as plain text (UTF-8), Markdown or YAML",
    )


def read_inputs(paths: list[str]) -> tuple[list[Provision], list[InputInfo]]:
    """Read every path (or '-' for standard input); ids must be unique across all of them."""
    from ..engine import text_hash

    provisions: list[Provision] = []
    infos: list[InputInfo] = []
    seen: dict[str, str] = {}
    for raw in paths:
        if raw == "-":
            name = "<stdin>"
            text = decode(sys.stdin.buffer.read(), name)
            is_yaml = looks_like_yaml_provisions(text)
        else:
            path = Path(raw)
            name = str(path)
            text = _read_file_text(path)
            is_yaml = path.suffix.lower() in YAML_SUFFIXES
        found = read_yaml(text, name) if is_yaml else read_text(text, name)
        for p in found:
            if p.id in seen:
                raise InputError(
                    f"provision id {p.id!r} is used twice (also in {seen[p.id]})",
                    file=name, fix="give each provision its own id",
                )
            seen[p.id] = name
        provisions.extend(found)
        infos.append(InputInfo(path=name, hash=text_hash(text)))
    return provisions, infos
