"""Write a report file atomically: to a temporary file beside it, then moved into place.

Only a regular file (or a new path) is replaced that way. A device (``/dev/null``), a FIFO or
anything else that is not a regular file is written in place, and a symbolic link is followed, so
that what it points to is written and the link itself stays."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from .errors import InputError


def _write_in_place(path: Path, content: str | bytes) -> None:
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    with open(path, "wb") as handle:
        handle.write(data)


@contextmanager
def open_atomic(path: Path) -> Iterator[TextIO]:
    """A text file to write a report into piece by piece (a stream); it replaces ``path`` only
    when the block ends without an error, so nothing is ever half-written. A device, a FIFO or
    another special file is written in place, and a symbolic link is followed."""
    if path.is_symlink():
        path = path.resolve()
    if path.exists() and not path.is_file():
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        return
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InputError("the output folder does not exist", file=str(path),
                         fix="create the folder or choose another --output path")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, content: str | bytes) -> None:
    if path.is_symlink():
        path = path.resolve()
    if path.exists() and not path.is_file():
        _write_in_place(path, content)
        return
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InputError("the output folder does not exist", file=str(path),
                         fix="create the folder or choose another --output path")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        if isinstance(content, bytes):
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(content)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # as an ordinary new file would be, not mkstemp's 0600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
