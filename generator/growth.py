"""What grows when: a few sentences about a plan's weeks, for the cover and the text plan.

A pure function of the finished plan; it reads the changes the engine recorded and never
recomputes a dose.
"""

from __future__ import annotations

from .i18n import _, ngettext
from .plan import Change, Plan, Week


def _join(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(words) == 1:
        return words[0]
    return _("{items} and {last}").format(items=", ".join(words[:-1]), last=words[-1])


def _names(items) -> str:
    return _join([p.exercise_name.lower() for p in items])


def _lighter(weeks: list[int]) -> list[str]:
    """'Week 4 is lighter ...' or 'Every 4th week (4 to 48) is lighter ...'."""
    if not weeks:
        return []
    gaps = {b - a for a, b in zip(weeks, weeks[1:])}
    if len(weeks) >= 3 and len(gaps) == 1 and weeks[0] == min(gaps):
        every = (_("Every 3rd week ({first} to {last}) is lighter (about a third less), then "
                   "back to the amounts before.") if weeks[0] == 3 else
                 _("Every {n}th week ({first} to {last}) is lighter (about a third less), then "
                   "back to the amounts before."))
        return [every.format(n=weeks[0], first=weeks[0], last=weeks[-1])]
    return [ngettext("Week {weeks} is lighter (about a third less), then back to the amounts "
                     "before.",
                     "Weeks {weeks} are lighter (about a third less), then back to the amounts "
                     "before.", len(weeks)).format(weeks=_join([str(n) for n in weeks]))]


def what_grows(plan: Plan, starts: bool = True) -> list[str]:
    """Short sentences, for the cover and the text plan: what starts (unless *starts* is
    False: the cover lists that beside), gets harder or rises in which week, the lighter
    weeks, and the week from which nothing grows.

    >>> from datetime import date
    >>> from generator.plan import Prescription
    >>> def week(n, sessions, change, deload=False):
    ...     p = Prescription("p", "Plank", "v", "V", 0, 2, 1, 3, 10, False, 30, change)
    ...     return Week(n, date(2027, 1, 4), "A", "", sessions, deload, 5, (p,))
    >>> weeks = (week(1, 2, Change.START), week(2, 2, Change.NEXT_VARIANT),
    ...          week(3, 2, Change.DELOAD, True), week(4, 3, Change.SAME), week(5, 3, Change.SAME))
    >>> for line in what_grows(Plan("x", "X", "", "beginner", date(2027, 1, 4), weeks)):
    ...     print(line)
    Week 2: harder plank.
    Week 4: 3 sessions a week, same amounts.
    Week 3 is lighter (about a third less), then back to the amounts before.
    From week 5 the plan maintains: nothing more grows.
    """
    lines = []
    steps = (Change.PROGRESS, Change.NEXT_VARIANT)
    last_growth = plan.weeks[0].week
    for previous, week in zip(plan.weeks, plan.weeks[1:]):
        started = [p for p in week.exercises if p.change == Change.START and not p.daily]
        held = [p for p in week.exercises if p.change == Change.SAME and not p.daily]
        events = [ngettext("{names} starts", "{names} start", len(started)).format(
            names=_names(started))] if started and starts else []
        if events and held and len(held) + len(started) == len(
                [p for p in week.exercises if not p.daily]):  # the start is the week's step
            events[0] = _("{event}, other amounts stay the same").format(event=events[0])
        harder = [p for p in week.exercises if p.change == Change.NEXT_VARIANT]
        events += [_("{name} starts ({dose}, outside the sessions)").format(
            name=p.exercise_name.lower(), dose=p.short())
            for p in week.exercises if p.change == Change.START and p.daily]
        events += [_("harder {names}").format(names=_names(harder))] if harder else []
        if week.sessions > previous.sessions:
            events.append(_("{n} sessions a week, same amounts").format(n=week.sessions))
        if events:
            lines.append(_("Week {week}: {events}.").format(week=week.week,
                                                            events="; ".join(events)))
        if started or events or any(p.change in steps for p in week.exercises):
            last_growth = week.week
    lines += _lighter([w.week for w in plan.weeks if w.deload])
    if last_growth < plan.weeks[-1].week:
        lines.append(_("From week {week} the plan maintains: nothing more grows.").format(
            week=last_growth + 1))
    return lines


def dose_notes(plan: Plan) -> list[str]:
    """How to read the doses only some plans have: pyramids, slow rounds and minutes a day."""
    items = [p for w in plan.weeks for p in w.exercises]
    notes = []
    pyramid = next((p for p in items if p.drop), None)
    if pyramid:
        counts = pyramid.reps_per_set()
        text = (_("'{dose}' is {sets} sets: {counts} holds of {hold} seconds, with a rest "
                  "between sets.") if pyramid.hold_s else
                _("'{dose}' is {sets} sets: {counts} times, with a rest between sets."))
        notes.append(text.format(dose=pyramid.short(side=False), sets=len(counts),
                                 counts=_(", then ").join(str(n) for n in counts),
                                 hold=pyramid.hold_s))
    rounds = next((p for p in items if p.rounds and not p.drop), None)
    if rounds:
        notes.append(_("For the {name}, '{dose}' means {sentence}.").format(
            name=rounds.exercise_name.lower(), dose=rounds.short(), sentence=rounds.sentence()))
    if any(p.daily for p in items):
        notes.append(_("'min a day' is done every day, outside the sessions, and is not in "
                       "their minutes."))
    return notes
