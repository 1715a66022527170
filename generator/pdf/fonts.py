"""The handout's font, from :mod:`generator.fonts` (kept here for the PDF modules)."""

from ..fonts import BOLD, FAMILY, ITALIC, REGULAR, missing_glyphs, register  # noqa: F401
