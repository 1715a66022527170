"""What grows when: a few sentences about a plan's weeks, for the cover and the text plan.

A pure function of the finished plan; it reads the changes the engine recorded and never
recomputes a dose.
"""

from __future__ import annotations

from .plan import Change, Plan, Week


def _join(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _weeks(numbers: list[int]) -> str:
    return ("week " if len(numbers) == 1 else "weeks ") + _join([str(n) for n in numbers])


def _lighter(weeks: list[int]) -> list[str]:
    """'Week 4 is lighter, ...' or 'Every 4th week from week 4 to week 48 is lighter, ...'."""
    if not weeks:
        return []
    rest = "about a third less; the week after goes back to the amounts before it."
    gaps = {b - a for a, b in zip(weeks, weeks[1:])}
    if len(weeks) >= 3 and len(gaps) == 1 and weeks[0] == min(gaps):
        every = f"{weeks[0]}{'rd' if weeks[0] == 3 else 'th'}"
        return [f"Every {every} week, from week {weeks[0]} to week {weeks[-1]}, is lighter, {rest}"]
    verb = "is" if len(weeks) == 1 else "are"
    return [f"{_weeks(weeks).capitalize()} {verb} lighter, {rest}"]


def _names(week: Week, changes: tuple[Change, ...]) -> list[str]:
    return [p.exercise_name.lower() for p in week.exercises if p.change in changes]


def what_grows(plan: Plan) -> list[str]:
    """Short sentences: how each week grows, what starts or rises when, the lighter
    weeks, and the week from which nothing grows any more.

    >>> from datetime import date
    >>> from generator.plan import Prescription
    >>> def week(n, sessions, change, deload=False):
    ...     p = Prescription("p", "Plank", "v", "V", 0, 2, 1, 3, 10, False, 30, change)
    ...     return Week(n, date(2027, 1, 4), "A", "", sessions, deload, 5, (p,))
    >>> weeks = (week(1, 2, Change.START), week(2, 2, Change.PROGRESS),
    ...          week(3, 2, Change.DELOAD, True), week(4, 3, Change.SAME), week(5, 3, Change.SAME))
    >>> for line in what_grows(Plan("x", "X", "", "beginner", date(2027, 1, 4), weeks)):
    ...     print(line)
    Each week every exercise takes one small step at most: a little longer, one more time, or a harder version.
    Week 4: 3 sessions a week; the amounts stay the same that week.
    Week 3 is lighter, about a third less; the week after goes back to the amounts before it.
    From week 5 the plan maintains: nothing more grows, keep going at this level.
    """
    lines = []
    first = plan.weeks[0]
    steps = (Change.PROGRESS, Change.NEXT_VARIANT)
    if any(p.change in steps for w in plan.weeks for p in w.exercises):
        lines.append("Each week every exercise takes one small step at most: a little longer, "
                     "one more time, or a harder version.")
    last_growth = first.week
    harder: dict[int, list[str]] = {}
    previous = first
    for week in plan.weeks[1:]:
        events = []
        started = [p for p in week.exercises if p.change == Change.START]
        session = [p.exercise_name.lower() for p in started if not p.daily]
        if session:
            events.append(f"{_join(session)} start{'s' if len(session) == 1 else ''}")
        events += [f"{p.exercise_name.lower()} starts, {p.short()} outside the sessions"
                   for p in started if p.daily]
        if week.sessions > previous.sessions:
            events.append(f"{week.sessions} sessions a week; the amounts stay the same that week")
        if events:
            lines.append(f"Week {week.week}: " + "; ".join(events) + ".")
        if _names(week, (Change.NEXT_VARIANT,)):
            harder[week.week] = _names(week, (Change.NEXT_VARIANT,))
        if events or any(p.change in steps for p in week.exercises):
            last_growth = week.week
        previous = week
    if harder:
        lines.append("Harder versions: " + "; ".join(
            f"week {n}, {_join(names)}" for n, names in harder.items()) + ".")
    lines += _lighter([w.week for w in plan.weeks if w.deload])
    if last_growth < plan.weeks[-1].week and len(plan.weeks) > 1:
        lines.append(f"From week {last_growth + 1} the plan maintains: nothing more grows, "
                     "keep going at this level.")
    return lines
