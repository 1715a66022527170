"""The plan as plain text: the terminal preview and ``--format txt``."""

from __future__ import annotations

from . import clinical
from .growth import dose_notes, what_grows
from .i18n import N_, _, ngettext, speaking
from .plan import Change, Plan, Week
from .wording import day, level, weekday, weeks_shown

CHANGE_WORDS = {
    Change.START: N_("new"),
    Change.PROGRESS: N_("up"),
    Change.NEXT_VARIANT: N_("harder"),
    Change.EASIER_VARIANT: N_("easier"),
    Change.DELOAD: N_("lighter"),
    Change.HOLD: N_("held"),
    Change.BACK_A_STEP: N_("back a step"),
}
"""A word for what changed this week, after each exercise's dose (none: no change)."""


def header(plan: Plan) -> list[str]:
    lines = [_("{title}: {weeks}, {start} to {end}").format(
        title=plan.program_title, weeks=weeks_shown(plan), start=day(plan.start), end=day(plan.end))]
    who = [_("Level: {level}").format(level=level(plan.level))]
    if plan.patient:
        who.insert(0, _("For: {name}").format(name=plan.patient))
    if plan.clinician:
        who.append(_("Clinician: {name}").format(name=plan.clinician))
    if plan.clinic:
        who.append(_("Clinic: {name}").format(name=plan.clinic))
    if plan.contact:
        who.append(_("Contact: {contact}").format(contact=plan.contact))
    lines.append("   ".join(who))
    return lines


def week_block(week: Week) -> list[str]:
    sessions = ngettext("{n} session", "{n} sessions", week.sessions).format(n=week.sessions)
    days = "/".join(weekday(d) for d in week.days)
    title = (
        _("Week {week}").format(week=week.week) + "  "
        + _("{start} to {end}").format(start=day(week.start), end=day(week.end))
        + f"  ·  {week.phase}  ·  {sessions}" + (f" ({days})" if days else "") + "  ·  "
        + _("about {minutes} min each").format(minutes=week.minutes)
    )
    if week.deload:
        title += "  ·  " + _("LIGHTER WEEK")
    rows = [(p.exercise_name, p.variant_name, p.short(),
             _(CHANGE_WORDS[p.change]) if p.change in CHANGE_WORDS else "")
            for p in week.exercises]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [title]
    for name, variant, dose, change in rows:
        lines.append(
            f"  {name:<{widths[0]}}  {variant:<{widths[1]}}  {dose:<{widths[2]}}  {change}".rstrip()
        )
    return lines


@speaking
def preview(plan: Plan) -> str:
    lines = header(plan) + [""]
    for name, note in plan.exercise_notes.items():
        exercise = next((e.name for e in plan.exercises if e.id == name), name)
        lines.insert(-1, _("Note on {exercise}: {note}").format(exercise=exercise, note=note))
    lines += [_("What grows when:")] + [f"  {line}" for line in what_grows(plan)] + [""]
    for week in plan.weeks:
        lines += week_block(week) + [""]
    lines.append(_("How to read the numbers: '3 × 20 s' is 3 holds of 20 seconds; '2 × 8' is 2 "
                   "sets of 8; '/ side' means on each side."))
    lines += dose_notes(plan)
    return "\n".join(lines) + "\n"


@speaking
def render_text(plan: Plan) -> str:
    """The whole plan as text a person can print: weeks, pain rule, warning signs."""
    lines = [preview(plan).rstrip("\n"), ""]
    if plan.notes:
        lines += [_("Notes from your clinician:"), f"  {plan.notes}", ""]
    if plan.cautions:
        lines += [_("TAKE CARE")] + [f"  - {item}" for item in plan.cautions] + [""]
    lines += [_(clinical.PAIN_RULE_TITLE).upper(), _(clinical.PAIN_RULE_INTRO)]
    lines += [f"  {_(zone)}: {_(text)}" for zone, text in clinical.PAIN_RULE]
    lines += [f"  {_(clinical.FLARE_UP_TITLE)}: {_(clinical.FLARE_UP)} {_(clinical.BACK_ON_PLAN)}"]
    lines += ["", _("WARNING SIGNS"), _(clinical.EMERGENCY_TITLE) + ":"]
    lines += [f"  - {_(item)}" for item in clinical.EMERGENCY]
    lines += [_(clinical.SEE_DOCTOR_TITLE) + ":"]
    lines += [f"  - {_(item)}" for item in clinical.SEE_DOCTOR]
    lines += [_(clinical.SEEK_HELP_TITLE) + ":"]
    lines += [f"  - {_(item)}" for item in clinical.SEEK_HELP]
    return "\n".join(lines) + "\n"
