"""The plan as an iCalendar file: one all-day event per session, doses in the description.

Built with the ``icalendar`` library so it imports into common calendar apps. UIDs are
stable for the same plan and person, and DTSTAMP is derived from the plan, so the same
input gives the same bytes and re-importing a re-issued plan updates its events.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta, timezone

from .clinical import GET_HELP_NOW, pain_rule_line
from .i18n import _, speaking
from .plan import Plan


def _uid_stem(plan: Plan) -> str:
    who = hashlib.sha256(f"{plan.patient}|{plan.clinician}".encode()).hexdigest()[:10]
    try:
        first = plan.start - timedelta(weeks=plan.first_week - 1)
    except OverflowError:  # before year 1: the stem only needs to be stable
        first = plan.start
    return f"{plan.program_id}-{first:%Y%m%d}-{who}"


def _one_line(text: str) -> str:
    """*text* with line breaks and control characters as spaces: a calendar property
    holds one line (the patient's name goes into the calendar's name).

    >>> _one_line("Ann\\nLee\\u2028\\x01")
    'Ann Lee'
    """
    import unicodedata

    cleaned = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)
    return " ".join(cleaned.split())


@speaking
def render_ics(plan: Plan) -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//hepgen//home exercise plan//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    name = f"{plan.program_title}" + (f": {plan.patient}" if plan.patient else "")
    calendar.add("x-wr-calname", _one_line(name))
    stamp = datetime.combine(plan.start, time(0, 0), tzinfo=timezone.utc)
    stem = _uid_stem(plan)
    rule = pain_rule_line()
    for week in plan.weeks:
        for number, day in enumerate(week.days, 1):
            event = Event()
            event.add("uid", f"{stem}-w{week.week}-s{number}@hepgen")
            event.add("dtstamp", stamp)
            event.add("dtstart", day)
            if day < date.max:  # an all-day event without an end lasts its one day
                event.add("dtend", day + timedelta(days=1))
            event.add("summary", (_("Back exercises: week {week}, session {number} (lighter week)")
                                  if week.deload else
                                  _("Back exercises: week {week}, session {number}")).format(
                                      week=week.week, number=number))
            lines = [_("{title}, week {week} ({phase}), about {minutes} minutes.").format(
                title=plan.program_title, week=week.week, phase=week.phase, minutes=week.minutes)]
            lines += [f"- {p.exercise_name}, {p.variant_name}: {p.short()}" for p in week.exercises
                      if not p.daily]
            lines += [_("Every day, outside the session: {name}, {dose} ({variant}).").format(
                name=p.exercise_name.lower(), dose=p.short(), variant=p.variant_name.lower())
                for p in week.exercises if p.daily]
            lines += [_("Note on {exercise}: {note}").format(
                exercise=p.exercise_name, note=plan.exercise_notes[p.exercise])
                for p in week.exercises if p.exercise in plan.exercise_notes]
            if plan.notes:  # as the text plan has them
                lines += ["", _("Notes from your clinician:") + f" {plan.notes}"]
            lines += ["", rule, "", _(GET_HELP_NOW)]
            event.add("description", "\n".join(lines))
            event.add("transp", "TRANSPARENT")
            event.add("categories", ["Health"])
            calendar.add_component(event)
    return calendar.to_ical()
