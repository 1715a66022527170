"""A finished plan as the bytes of each output format (generate, batch and the wizard)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command line imports FORMATS at start-up; keep that cheap
    from .plan import Plan

FORMATS = ("pdf", "json", "txt", "ics", "html")


def render(plan: Plan, fmt: str, paper: str = "a4", large_print: bool = False,
           logo: str | bytes | None = None) -> bytes:
    """The plan as *fmt*; renderers load only when their format is asked for.

    *logo* is a file name, or the bytes of an uploaded image already checked.
    """
    if fmt == "json":
        return (json.dumps(plan.to_dict(), indent=2, ensure_ascii=False) + "\n").encode()
    if fmt == "txt":
        from .text import render_text

        return render_text(plan).encode()
    if fmt == "ics":
        from .calendar import render_ics

        return render_ics(plan)
    if fmt == "html":
        from .htmlplan import render_html

        return render_html(plan, large_print=large_print)
    from .files import read_logo
    from .pdf import render_pdf

    image = logo if isinstance(logo, bytes) else read_logo(logo)  # bytes: an upload, checked
    return render_pdf(plan, paper=paper, large_print=large_print, logo=image)
