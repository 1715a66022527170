"""Does printing the cards in their numbers' order ever cost a page?

render_pdf takes number order only where its estimate says the pages after the cards stay
the same (generator.pdf.no_page_lost). This renders every program at every level, 6 and 12
weeks, on A4, Letter, in large print and with a contact line, in English and Spanish, with
the estimate and with number order never taken, and lists any plan that has more pages with
it. Run: python benchmarks/packing_order.py (a few minutes)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from pypdf import PdfReader

import generator.pdf as pdf
from generator.engine import PlanRequest, build_plan
from generator.library import load_library, localized


def pages(plan, **choices) -> int:
    return len(PdfReader(io.BytesIO(pdf.render_pdf(plan, **choices))).pages)


def main() -> None:
    library, estimate = load_library(), pdf.no_page_lost
    tried = worse = 0
    for lang in ("en", "es"):
        spoken = localized(library, lang)
        for program in sorted(spoken.programs.values(), key=lambda p: p.id):
            for level in ("beginner", "intermediate", "advanced"):
                for weeks in (None, 12):
                    plan = build_plan(program, spoken.exercises, PlanRequest(
                        start=date(2027, 1, 4), level=level, lang=lang, weeks=weeks),
                        spoken.education)
                    for choices, contact in (({}, ""), ({"paper": "letter"}, ""),
                                             ({"large_print": True}, ""), ({}, "Clinic 0123")):
                        made = replace(plan, contact=contact) if contact else plan
                        pdf.no_page_lost = estimate
                        ordered = pages(made, **choices)
                        pdf.no_page_lost = lambda *args: False
                        packed = pages(made, **choices)
                        tried += 1
                        if ordered > packed:
                            worse += 1
                            print("a page more:", lang, program.id, level, weeks, choices,
                                  contact, ordered, packed)
    pdf.no_page_lost = estimate
    print(f"{tried} plans, {worse} with a page more in number order")


if __name__ == "__main__":
    main()
