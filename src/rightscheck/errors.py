"""Errors a person can act on: each names the file, the line where known, and the fix."""

from __future__ import annotations


class RightscheckError(Exception):
    """A problem with a rule file or an input file. The CLI prints it and exits with status 2."""

    def __init__(
        self, message: str, *, file: str | None = None, line: int | None = None, fix: str = ""
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.fix = fix
        super().__init__(self.render())

    def render(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        text = f"{where}{self.message}"
        if self.fix:
            text += f"\n  fix: {self.fix}"
        return text


class RuleError(RightscheckError):
    """A rule pack is malformed."""


class InputError(RightscheckError):
    """An input (provision) file is malformed."""
