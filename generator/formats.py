"""A finished plan as the bytes of each output format (generate, batch and the wizard)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .options import RenderOptions

if TYPE_CHECKING:  # the command line imports FORMATS at start-up; keep that cheap
    from .plan import Plan

FORMATS = ("pdf", "json", "txt", "ics")


def choose(fmt: str | None, output: str | None) -> tuple[str, str]:
    """The format and file to write: an explicit format wins, else the file's suffix, else
    PDF; the file defaults to plan.FORMAT.

    >>> choose(None, "ann.ics"), choose(None, None), choose("json", "-"), choose(None, "a.doc")
    (('ics', 'ann.ics'), ('pdf', 'plan.pdf'), ('json', '-'), ('pdf', 'a.doc'))
    """
    from pathlib import PurePath

    suffix = PurePath(output).suffix.lower().lstrip(".") if output and output != "-" else ""
    fmt = fmt or (suffix if suffix in FORMATS else "pdf")
    return fmt, f"plan.{fmt}" if output is None else output


def render(plan: Plan, fmt: str, options: RenderOptions = RenderOptions()) -> bytes:
    """The plan as *fmt*; renderers load only when their format is asked for."""
    if fmt == "json":
        return (json.dumps(plan.to_dict(), indent=2, ensure_ascii=False) + "\n").encode()
    if fmt == "txt":
        from .text import render_text

        return render_text(plan).encode()
    if fmt == "ics":
        from .calendar import render_ics

        return render_ics(plan)
    from .pdf import render_pdf

    return render_pdf(plan, options)
