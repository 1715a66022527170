"""hepgen: home exercise programs from YAML, as printable multi-week plans.

Use it as a library::

    from generator import load_library, PlanRequest, build_plan
    library = load_library()
    plan = build_plan(library.programs["back-spasm-recovery"], library.exercises,
                      PlanRequest(weeks=6))

Rendering (``render_pdf``) is imported lazily, so reading the library never loads reportlab.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .engine import PlanRequest, build_plan
from .errors import HepgenError
from .library import load_library

__all__ = ["HepgenError", "PlanRequest", "__version__", "build_plan", "load_library"]
