"""A finished plan as the bytes of each output format (generate, batch and the wizard)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .options import RenderOptions

if TYPE_CHECKING:  # the command line imports FORMATS at start-up; keep that cheap
    from .plan import Plan

FORMATS = ("pdf", "json", "txt", "ics")


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
