"""hepgen: home exercise programs from YAML, as printable multi-week plans.

Use it as a library::

    from generator import load_library, PlanRequest, build_plan
    library = load_library()
    plan = build_plan(library.programs["back-spasm-recovery"], library.exercises,
                      PlanRequest(weeks=6))

Names are imported on first use, so the command line starts fast and reading the
library never loads reportlab (``generator.pdf.render_pdf`` does).
"""

from __future__ import annotations

__version__ = "0.1.0"

_LAZY = {
    "PlanRequest": "engine",
    "build_plan": "engine",
    "HepgenError": "errors",
    "load_library": "library",
}

__all__ = ["HepgenError", "PlanRequest", "__version__", "build_plan", "load_library"]


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'generator' has no attribute {name!r}")
