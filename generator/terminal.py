"""Fitting text to a terminal: ``hepgen preview``, ``list``, ``show`` and the wizard's summary.

A long line is broken at its ``  ·  `` separators (a week's title) or between words (an
exercise row, a sentence), and goes on indented under itself, so nothing runs past the
edge of an 80-column window (or of the terminal, when it is wider or narrower).
"""

from __future__ import annotations

import shutil
import textwrap

SEPARATOR = "  ·  "
NARROWEST = 40


def width() -> int:
    """The terminal's width in columns (80 when it cannot be told, as in a pipe)."""
    return max(NARROWEST, shutil.get_terminal_size((80, 24)).columns)


def fit(text: str, columns: int = 80) -> str:
    r"""*text* with every line at most *columns* wide, where words allow; a table (rows of
    cells set apart by two or more spaces) keeps its columns, its widest column wrapped.

    >>> print(fit("Week 1  4 to 10 Jan  ·  Settle and move  ·  2 sessions", 36))
    Week 1  4 to 10 Jan
      ·  Settle and move  ·  2 sessions
    >>> print(fit("  Plank  Knee plank on a long mat  3 × 10 s  new\n"
    ...           "  Bird dog  Brace  6 × 5 s  up", 42))
      Plank     Knee plank on a  3 × 10 s  new
                long mat
      Bird dog  Brace            6 × 5 s   up
    """
    out: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _cells(lines[j]) is not None:
            j += 1
        if j > i:
            out += _table(lines[i:j], columns)
            i = j
        else:
            out += _line(lines[i], columns)
            i += 1
    return "\n".join(out)


def _cells(line: str) -> list[str] | None:
    """The cells of an indented table row, or None for other lines."""
    import re

    if not line.startswith("  ") or SEPARATOR in line:
        return None
    cells = re.split(r" {2,}", line.strip())
    return cells if len(cells) >= 3 else None


def _table(rows: list[str], columns: int) -> list[str]:
    if all(len(row) <= columns for row in rows):
        return rows
    cells = [_cells(row) for row in rows]
    count = max(len(c) for c in cells)
    cells = [c + [""] * (count - len(c)) for c in cells]
    widths = [max(len(c[k]) for c in cells) for k in range(count)]
    widest = widths.index(max(widths))
    room = columns - 2 - sum(widths) + widths[widest] - 2 * (count - 1)
    if room < 10:
        return [part for row in rows for part in _line(row, columns)]
    widths[widest] = room
    out = []
    for row in cells:
        wrapped = textwrap.wrap(row[widest], room, break_long_words=False,
                                break_on_hyphens=False) or [""]  # ids stay whole
        for n, piece in enumerate(wrapped):
            parts = [piece if k == widest else (row[k] if n == 0 else "") for k in range(count)]
            out.append(("  " + "  ".join(p.ljust(w) for p, w in zip(parts, widths))).rstrip())
    return out


def _line(line: str, columns: int) -> list[str]:
    if len(line) <= columns:
        return [line]
    lines = []
    indent = line[:len(line) - len(line.lstrip())]
    if SEPARATOR in line:
        parts = line.split(SEPARATOR)
        current = parts[0]
        for part in parts[1:]:
            if len(current) + len(SEPARATOR) + len(part) <= columns:
                current += SEPARATOR + part
            else:
                lines.append(current)
                current = indent + SEPARATOR + part
        if len(current) <= columns:
            return lines + [current]
        line = current
    return lines + (textwrap.wrap(line, columns, subsequent_indent=indent + "    ",
                                  break_long_words=False, break_on_hyphens=False) or [line])
