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
from typing import IO, Any, TextIO, cast

from .errors import InputError


@contextmanager
def _open_atomic(path: Path, binary: bool) -> Iterator[IO[Any]]:
    """The one way a report is written: text (UTF-8, ``\\n`` line ends) or bytes."""
    mode = "wb" if binary else "w"
    encoding, newline = (None, None) if binary else ("utf-8", "\n")
    if path.is_symlink():
        path = path.resolve()
    if path.exists() and not path.is_file():
        with open(path, mode, encoding=encoding, newline=newline) as handle:
            yield handle
        return
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InputError("the output folder does not exist", file=str(path),
                         fix="create the folder or choose another --output path")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # as an ordinary new file would be, not mkstemp's 0600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def open_atomic(path: Path) -> Iterator[TextIO]:
    """A text file to write a report into piece by piece (a stream); it replaces ``path`` only
    when the block ends without an error, so nothing is ever half-written. A device, a FIFO or
    another special file is written in place, and a symbolic link is followed."""
    with _open_atomic(path, binary=False) as handle:
        yield cast(TextIO, handle)


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write a whole report at once, as :func:`open_atomic` does piece by piece."""
    with _open_atomic(path, binary=isinstance(content, bytes)) as handle:
        handle.write(content)
