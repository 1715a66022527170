"""How a finished plan is rendered: paper, print size, logo, sections.

:class:`RenderOptions` is what every face (command line, batch worker, wizard, web app)
hands to :func:`generator.formats.render`. The logo is carried as bytes the caller has read
(:func:`generator.files.read_logo`), so no renderer touches the disk.
"""

from __future__ import annotations

from dataclasses import dataclass

PAPER_NAMES = {"a4": "A4", "letter": "US Letter"}
"""Paper sizes the handout is laid out for, with the names people know them by."""
PAPERS = tuple(PAPER_NAMES)
"""The papers' ids; the first is the default."""

ALL_SECTIONS = ("cover", "glance", "summary", "cards", "logs", "safety", "education")
"""Every section the handout can print, in the order they are printed."""
SECTIONS = ("cover", "glance", "cards", "logs", "safety", "education")
"""The sections printed when none are chosen."""
ALWAYS = "safety"
"""The section that is printed whatever is chosen: the warning signs."""


@dataclass(frozen=True)
class RenderOptions:
    """Choices about how a plan looks, not what it asks a person to do."""

    paper: str = PAPERS[0]
    large_print: bool = False
    logo: bytes | None = None  # PNG or JPEG bytes, read by the caller
    sections: tuple[str, ...] = SECTIONS
    summary: bool = False
    # The language is not a rendering choice: the plan carries it (Plan.lang), as its
    # library text was chosen in that language when it was built.
