"""Problems found in user input, as data: where, how bad, what, and what to do.

Every stage returns problems instead of raising, so that a build can report all of
them at once (sorted, one per line) and then fail.  A location is either a text
position (``content/notices/x.yaml:12``) or a spreadsheet cell
(``catalogues/a.xlsx!Sheet1!F7``); both are formatted here and nowhere else.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in the site root: ``path`` is relative to the root, with ``/``."""

    path: str
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        if self.sheet is not None:
            return f"{self.path}!{self.sheet}!{self.cell}" if self.cell else f"{self.path}!{self.sheet}"
        if self.line is not None:
            return f"{self.path}:{self.line}"
        return self.path

    def sort_key(self) -> tuple:
        return (self.path, self.sheet or "", _cell_order(self.cell), self.line or 0)


def _cell_order(cell: str | None) -> tuple[int, int]:
    """Order A1-style cells by row, then column, so F7 comes before A10."""
    if not cell:
        return (0, 0)
    letters = "".join(c for c in cell if c.isalpha())
    digits = "".join(c for c in cell if c.isdigit())
    col = 0
    for c in letters.upper():
        col = col * 26 + (ord(c) - 64)
    return (int(digits or 0), col)


# A message quotes what the user wrote, which may hold a line break (a key "a\nb", a file
# named with one): shown escaped, so that every problem stays one line, path:line: message.
_LINE_BREAKS = {c: f"\\x{c:02x}" for c in (*range(9), *range(11, 32), 0x7F, 0x85)} | {
    10: "\\n", 13: "\\r", 0x2028: "\\u2028", 0x2029: "\\u2029"}


@dataclass(frozen=True)
class Problem:
    location: Location
    message: str
    severity: Severity = Severity.ERROR
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        if self.severity is Severity.WARNING:
            text = f"{self.location}: warning: {self.message}"
        return (f"{text} ({self.hint})" if self.hint else text).translate(_LINE_BREAKS)

    def sort_key(self) -> tuple:
        return (*self.location.sort_key(), self.message)


def error(location: Location, message: str, hint: str = "") -> Problem:
    return Problem(location, message, Severity.ERROR, hint)


def warning(location: Location, message: str, hint: str = "") -> Problem:
    return Problem(location, message, Severity.WARNING, hint)


def did_you_mean(word: str, choices, n: int = 1) -> str:
    """`"; did you mean 'publisher'?"` or an empty string when nothing is close."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=n, cutoff=0.5)
    return f"; did you mean '{close[0]}'?" if close else ""


def sorted_problems(problems) -> list[Problem]:
    return sorted(problems, key=Problem.sort_key)


def errors_in(problems) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def cell_name(row: int, column: int) -> str:
    """(7, 6) -> 'F7' (1-based row and column, as openpyxl counts)."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"
