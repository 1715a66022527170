"""The one error type for problems with user input.

Every problem a person can fix (a typo in a YAML file, an unknown exercise on the command
line) becomes a :class:`HepgenError` carrying where it is and one sentence saying what is
wrong and, where we can tell, what to do. The CLI prints it on one line and exits 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class Location:
    """A place in a file; line and column are 1-based, 0 when unknown.

    *file* may also name a command-line option (``--weeks``) or a form field; *column* is
    a CSV column's name, for a cell of a table.

    *label* names what is at the place, such as the patient of a CSV row.

    >>> str(Location("ann.yaml", 6, 8)), str(Location("list.csv", 14, column="weeks"))
    ('ann.yaml:6:8', 'list.csv:14, column weeks')
    >>> str(Location("list.csv", 14, column="weeks", label="Ann Lee"))
    'list.csv:14 (Ann Lee), column weeks'
    """

    file: str
    line: int = 0
    col: int = 0
    column: str = ""
    label: str = ""

    def __str__(self) -> str:
        if self.line and self.label:
            return f"{self.file}:{self.line} ({self.label})" + (
                f", column {self.column}" if self.column else "")
        if self.line and self.column:
            return f"{self.file}:{self.line}, column {self.column}"
        if self.line:
            return f"{self.file}:{self.line}:{self.col or 1}"
        return self.file


class HepgenError(Exception):
    """A problem with user input, with the place it was found. *field* names the setting it
    is about where no place is known (a form shows the problem beside that field)."""

    def __init__(self, message: str, where: Location | None = None, field: str = ""):
        super().__init__(message)
        self.message = message
        self.where = where
        self.field = field

    def __str__(self) -> str:
        if self.where is None:
            return one_line(self.message)
        return one_line(f"{self.where}: {self.message}")

    @property
    def errors(self) -> list["HepgenError"]:
        """Each problem on its own: this one, or every one an :class:`ErrorList` holds."""
        return [self]


def one_line(text: str) -> str:
    """Show control characters and line breaks escaped, so an error stays on one line
    whatever a user typed.

    >>> one_line("unknown program 'a\\x85b\\nc'")
    "unknown program 'a\\\\x85b\\\\nc'"
    """
    import unicodedata

    if text.isprintable():
        return text
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in text
    )


HIDDEN = ("Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn")
"""Unicode categories that print as nothing, as an empty box, reorder the text around them
(U+202E) or steer a terminal (ESC): control, format, line and paragraph separators,
private use, surrogates and unassigned code points."""


def hidden_character(text: str, allow: str = "") -> str | None:
    """The first character of *text* that a reader cannot see as typed, named
    (``U+202E RIGHT-TO-LEFT OVERRIDE``); None when there is none. *allow* lists exceptions.

    >>> hidden_character("Ann\u202eLee"), hidden_character("Zoë O'Brien")
    ('U+202E RIGHT-TO-LEFT OVERRIDE', None)
    """
    import unicodedata

    if text.isprintable() and not allow:
        return None
    for ch in text:
        if ch not in allow and unicodedata.category(ch) in HIDDEN:
            name = unicodedata.name(ch, "")
            return f"U+{ord(ch):04X}{' ' + name if name else ''}"
    return None


class ErrorList(HepgenError):
    """Several problems found at once (validation reports them all)."""

    def __init__(self, errors: list[HepgenError]):
        self._errors = errors
        super().__init__("; ".join(str(e) for e in errors))
        self.where = errors[0].where if errors else None  # the first problem's, for sorting

    @property
    def errors(self) -> list[HepgenError]:
        return self._errors

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' — did you mean ...?' hint, or '' when nothing is close.

    >>> did_you_mean("plankk", ["plank", "bird-dog"])
    " — did you mean 'plank'?"
    >>> did_you_mean("zzz", ["plank"])
    ''
    """
    import difflib  # only when there is a mistake to explain

    close = difflib.get_close_matches(str(word), sorted(set(choices)), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""
