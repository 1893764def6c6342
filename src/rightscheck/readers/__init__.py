"""Readers: turn input files into :class:`~rightscheck.models.Provision` objects.

``read_inputs`` picks the reader by file extension (``.yaml``/``.yml`` YAML provisions; anything
else plain text or Markdown); ``-`` reads standard input and guesses the same way from content.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path, PurePath

from ..errors import InputError
from ..limits import Limits
from ..models import InputInfo, Provision
from .headings import Headings
from .text_reader import read_text
from .yaml_reader import looks_like_yaml_provisions, read_yaml

YAML_SUFFIXES = {".yaml", ".yml"}
BINARY_SUFFIXES = {".docx", ".pdf", ".odt"}
# formats refused with the way to convert them (read as text they would be scored as their codes)
UNSUPPORTED = {
    ".doc": "the old Word format: open it in Word or LibreOffice and save it as .docx",
    ".rtf": "Rich Text: open it in Word or LibreOffice and save it as .docx",
    ".pages": "Apple Pages: export it as Word (.docx) or PDF",
    ".wpd": "WordPerfect: open it in LibreOffice and save it as .docx",
    ".odp": "a presentation, not a text: copy the draft into a .docx or .txt file",
    ".xlsx": "a spreadsheet, not a text: copy the draft into a .docx or .txt file",
}
# what a folder given as input is searched for
DRAFT_SUFFIXES = YAML_SUFFIXES | BINARY_SUFFIXES | {".txt", ".md", ".markdown"}
_GLOB = set("*?[")


def expand_paths(paths: list[str]) -> list[str]:
    """The files a run reads: a folder stands for the drafts in it and its subfolders (by
    extension, hidden files left out), a pattern (``laws/*.docx``) for the files it matches when
    the shell did not expand it; each file once, in the order given."""
    import glob

    out: list[str] = []
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            found = sorted(str(p) for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in DRAFT_SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                kinds = ", ".join(sorted(DRAFT_SUFFIXES))
                raise InputError("no draft in this folder", file=raw, fix=f"put drafts in it ({kinds})")
            out += found
        elif raw != "-" and not path.exists() and _GLOB & set(raw):
            found = sorted(glob.glob(raw, recursive=True))
            if not found:
                raise InputError("no file matches this pattern", file=raw, fix="check the pattern and the folder")
            out += found
        else:
            out.append(raw)
    return list(dict.fromkeys(out))


def _qualify(per_file: list[tuple[str, list[Provision]]]) -> None:
    """Ids used in several files (two laws that both have "Section 24") are qualified by their
    file ("penal-code/sec-24"); ids repeated within one file are an error."""
    files_of: dict[str, list[str]] = {}
    for name, found in per_file:
        seen_here: set[str] = set()
        for p in found:
            if p.id in seen_here:
                raise InputError(f"provision id {p.id!r} is used twice", file=name,
                                 fix="give each provision of a file its own id")
            seen_here.add(p.id)
            files_of.setdefault(p.id, []).append(name)
    shared = {pid for pid, names in files_of.items() if len(names) > 1}
    if not shared:
        return
    stems = [PurePath(name).stem for name, _ in per_file]
    labels = [stem if stems.count(stem) == 1 else name for stem, (name, _) in zip(stems, per_file, strict=True)]
    for label, (_name, found) in zip(labels, per_file, strict=True):
        for i, p in enumerate(found):
            if p.id in shared:
                found[i] = p.model_copy(update={"id": f"{label}/{p.id}"})


def _too_big(name: str, size: int, limits: Limits) -> InputError:
    return InputError(
        f"the file is {size / 1024 / 1024:.1f} MB, above the limit of {limits.max_file_mb:g} MB",
        file=name, fix=f"split the draft, or raise the limit with --max-file-mb {2 * limits.max_file_mb:g}",
    )


def _read_file_text(path: Path, limits: Limits) -> str:
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise _too_big(str(path), size, limits)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", file=str(path), fix="check the path") from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", file=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", file=str(path)) from None
    return decode(data, str(path))


_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f"}


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or else a single-byte Western text
    (Windows-1252, the superset of Latin-1 that Word and Windows editors save); refuse anything
    else, and text that is mostly control characters (a binary file that happens to decode)."""
    text: str | None = None
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    if encoding == "utf-16" or b"\x00" not in data:
        with contextlib.suppress(UnicodeDecodeError):
            text = data.decode(encoding)
        if text is None and encoding != "utf-16":
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
                text = data.decode("latin-1")
    if text is not None:
        sample = text[:65536]
        if sum(ch in _CONTROL for ch in sample) <= max(8, len(sample) // 100):
            return text
    raise InputError(
        "not a text file in UTF-8 (or UTF-16 with a byte-order mark)",
        file=name,
        fix="save the draft as plain text (UTF-8), Markdown or YAML",
    )


def _read_binary(path: Path, limits: Limits, headings: Headings | None = None,
                 tracked: str = "accepted") -> tuple[list[Provision], str, InputInfo]:
    """A .docx or .pdf draft: its provisions, the text they came from (for the input hash), and
    what the report should say about the file (tracked changes read, parts not read)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError("file not found", file=str(path), fix="check the path") from None
    if size > limits.max_file_bytes:
        raise _too_big(str(path), size, limits)
    if path.suffix.lower() == ".odt":
        from .odt_reader import read_odt

        found = read_odt(path, headings)
        info = InputInfo(path=str(path), hash="")
    elif path.suffix.lower() == ".docx":
        from .docx_reader import read_docx

        draft = read_docx(path, headings, tracked)
        found = draft.provisions
        info = InputInfo(path=str(path), hash="", tracked_changes=draft.tracked, not_read=draft.not_read)
    else:
        from .pdf_reader import read_pdf

        found = read_pdf(path, headings)
        info = InputInfo(path=str(path), hash="")
    return found, "\n".join(p.text for p in found), info


def read_inputs(paths: list[str], limits: Limits | None = None, language: str | None = None,
                headings: Headings | None = None, tracked: str = "accepted") -> tuple[list[Provision], list[InputInfo]]:
    """Read every path (or '-' for standard input); ids must be unique across all of them. Each
    provision's language is ``language`` when given (``--language``), else the one its input
    states, else detected (see :mod:`rightscheck.language`). Article headings are those of
    ``headings`` (by default, of the built-in packs' lexicons)."""
    from ..language import assign_languages
    from ..models import document_key, text_hash

    limits = limits or Limits()
    provisions: list[Provision] = []
    infos: list[InputInfo] = []
    per_file: list[tuple[str, list[Provision]]] = []
    for raw in expand_paths(paths):
        if raw == "-":
            name = "<stdin>"
            data = sys.stdin.buffer.read(limits.max_file_bytes + 1)
            if len(data) > limits.max_file_bytes:
                raise _too_big(name, len(data), limits)
            text = decode(data, name)
            is_yaml = looks_like_yaml_provisions(text)
        elif Path(raw).suffix.lower() in UNSUPPORTED:
            raise InputError(f"{Path(raw).suffix} files are not read", file=raw,
                             fix=UNSUPPORTED[Path(raw).suffix.lower()])
        elif Path(raw).suffix.lower() in BINARY_SUFFIXES:
            path = Path(raw)
            name = str(path)
            found, text, about = _read_binary(path, limits, headings, tracked)
        else:
            path = Path(raw)
            name = str(path)
            text = _read_file_text(path, limits)
            is_yaml = path.suffix.lower() in YAML_SUFFIXES
        is_binary = raw != "-" and Path(raw).suffix.lower() in BINARY_SUFFIXES
        if not is_binary:
            found = read_yaml(text, name) if is_yaml else read_text(text, name, headings)
        for p in found:
            if len(p.text) > limits.max_text_chars:
                raise InputError(
                    f"provision {p.id!r} is {len(p.text):,} characters long, above the limit of "
                    f"{limits.max_text_chars:,}", file=name,
                    fix=f"split it into articles, or raise the limit with --max-text-chars {2 * limits.max_text_chars}",
                )
        found = [p if p.origin else p.model_copy(update={"origin": name}) for p in found]
        per_file.append((name, found))
        provisions.extend(found)
        if len(provisions) > limits.max_provisions:
            raise InputError(
                f"more than {limits.max_provisions:,} provisions in this run", file=name,
                fix=f"check fewer files at once, or raise the limit with --max-provisions {2 * limits.max_provisions}",
            )
        about = about if is_binary else InputInfo(path=name, hash="")
        infos.append(about.model_copy(update={"path": name, "hash": text_hash(text)}))
    _qualify(per_file)
    provisions = [p for _, found in per_file for p in found]
    return assign_languages(provisions, language, document_key), infos
