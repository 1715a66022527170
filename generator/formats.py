"""A finished plan as the bytes of each output format (generate, batch and the wizard)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .options import RenderOptions

if TYPE_CHECKING:  # the command line imports FORMATS at start-up; keep that cheap
    from .plan import Plan

FORMATS = ("pdf", "json", "txt", "ics", "html")


def choose(fmt: str | None, output: str | None) -> tuple[str, str]:
    """The format and file to write: an explicit format wins, else the file's suffix, else
    PDF; the file defaults to plan.FORMAT (see :func:`check_suffix` for a suffix that does
    not fit).

    >>> choose(None, "ann.ics"), choose(None, None), choose("json", "-"), choose("PDF", "ann")
    (('ics', 'ann.ics'), ('pdf', 'plan.pdf'), ('json', '-'), ('pdf', 'ann'))
    """
    fmt = fmt.lower() if fmt else None
    suffix = _suffix(output)
    fmt = fmt or (suffix if suffix in FORMATS else "pdf")
    return fmt, f"plan.{fmt}" if output is None else output


def _suffix(output: str | None) -> str:
    from pathlib import PurePath

    return PurePath(output).suffix.lower().lstrip(".") if output and output != "-" else ""


def check_suffix(fmt: str, output: str) -> None:
    """Refuse a file name whose suffix hepgen does not write (``plan.docx``), or one that
    disagrees with the format (``--format txt -o x.pdf``): either would give a file that
    opens as something else."""
    from .errors import HepgenError, Location

    suffix = _suffix(output)
    if suffix and suffix not in FORMATS:
        raise HepgenError(f"hepgen does not write .{suffix} files; end the name with "
                          f"{', '.join('.' + f for f in FORMATS[:-1])} or .{FORMATS[-1]}",
                          Location(output))
    if suffix and suffix != fmt:
        raise HepgenError(f"the file name ends in .{suffix} but the format is {fmt}; make them "
                          "agree (or leave --format out)", Location(output))


def render(plan: Plan, fmt: str, options: RenderOptions = RenderOptions()) -> bytes:
    """The plan as *fmt*; renderers load only when their format is asked for."""
    if fmt == "json":
        from .i18n import using

        with using(plan.lang):  # its doses in words ('2 × 20 s / side') follow the plan
            return (json.dumps(plan.to_dict(), indent=2, ensure_ascii=False) + "\n").encode()
    if fmt == "txt":
        from .text import render_text

        return render_text(plan).encode()
    if fmt == "ics":
        from .calendar import render_ics

        return render_ics(plan)
    if fmt == "html":
        from .htmlplan import render_html

        return render_html(plan, large_print=options.large_print)
    from .pdf import render_pdf

    return render_pdf(plan, options)
