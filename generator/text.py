"""The plan as plain text: the terminal preview and ``--format txt``."""

from __future__ import annotations

from . import clinical
from .growth import dose_notes, what_grows
from .plan import Change, Plan, Week
from .wording import day, plural, weeks_shown

CHANGE_WORDS = {
    Change.START: "new",
    Change.PROGRESS: "up",
    Change.NEXT_VARIANT: "harder",
    Change.EASIER_VARIANT: "easier",
    Change.DELOAD: "lighter",
    Change.SAME: "",
    Change.TIME_CAP: "",
    Change.HOLD: "held",
    Change.BACK_A_STEP: "back a step",
}


def header(plan: Plan) -> list[str]:
    lines = [f"{plan.program_title}: {weeks_shown(plan)}, {day(plan.start)} to {day(plan.end)}"]
    who = [f"Level: {plan.level}"]
    if plan.patient:
        who.insert(0, f"For: {plan.patient}")
    if plan.clinician:
        who.append(f"Clinician: {plan.clinician}")
    if plan.clinic:
        who.append(f"Clinic: {plan.clinic}")
    if plan.contact:
        who.append(f"Contact: {plan.contact}")
    lines.append("   ".join(who))
    return lines


def week_block(week: Week) -> list[str]:
    sessions = plural(week.sessions, "session")
    days = "/".join(f"{d:%a}" for d in week.days)
    title = (
        f"Week {week.week}  {day(week.start)} to {day(week.end)}  ·  {week.phase}  ·  "
        f"{sessions}" + (f" ({days})" if days else "") + f"  ·  about {week.minutes} min each"
    )
    if week.deload:
        title += "  ·  LIGHTER WEEK"
    rows = [(p.exercise_name, p.variant_name, p.short(), CHANGE_WORDS.get(p.change, ""))
            for p in week.exercises]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [title]
    for name, variant, dose, change in rows:
        lines.append(
            f"  {name:<{widths[0]}}  {variant:<{widths[1]}}  {dose:<{widths[2]}}  {change}".rstrip()
        )
    return lines


def preview(plan: Plan) -> str:
    lines = header(plan) + [""]
    for name, note in plan.exercise_notes.items():
        exercise = next((e.name for e in plan.exercises if e.id == name), name)
        lines.insert(-1, f"Note on {exercise}: {note}")
    lines += ["What grows when:"] + [f"  {line}" for line in what_grows(plan)] + [""]
    for week in plan.weeks:
        lines += week_block(week) + [""]
    lines.append("How to read the numbers: '3 × 20 s' is 3 holds of 20 seconds; '2 × 8' is 2 sets of 8; "
                 "'/ side' means on each side.")
    lines += dose_notes(plan)
    return "\n".join(lines) + "\n"


def render_text(plan: Plan) -> str:
    """The whole plan as text a person can print: weeks, pain rule, warning signs."""
    lines = [preview(plan).rstrip("\n"), ""]
    if plan.notes:
        lines += ["Notes from your clinician:", f"  {plan.notes}", ""]
    if plan.cautions:
        lines += ["TAKE CARE"] + [f"  - {item}" for item in plan.cautions] + [""]
    lines += [clinical.PAIN_RULE_TITLE.upper(), clinical.PAIN_RULE_INTRO]
    lines += [f"  {zone}: {text}" for zone, text in clinical.PAIN_RULE]
    lines += [f"  {clinical.FLARE_UP_TITLE}: {clinical.FLARE_UP} {clinical.BACK_ON_PLAN}"]
    lines += ["", "WARNING SIGNS", clinical.EMERGENCY_TITLE + ":"]
    lines += [f"  - {item}" for item in clinical.EMERGENCY]
    lines += [clinical.SEE_DOCTOR_TITLE + ":"]
    lines += [f"  - {item}" for item in clinical.SEE_DOCTOR]
    lines += [clinical.SEEK_HELP_TITLE + ":"]
    lines += [f"  - {item}" for item in clinical.SEEK_HELP]
    return "\n".join(lines) + "\n"
