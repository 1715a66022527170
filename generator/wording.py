"""How dates and spans of weeks are written, for every face: text, PDF, calendar, CLI.

Plain functions of dates and plans, no reportlab and no click, so any renderer (and the
coming translations) can use them. Fixed words live here, not in the renderers.
"""

from __future__ import annotations

from datetime import date


def day(value: date, year: bool = True) -> str:
    """A date the way people write it: 'Mon 4 Jan 2027' (or 'Mon 4 Jan').

    >>> day(date(2027, 1, 4)), day(date(2027, 1, 4), year=False)
    ('Mon 4 Jan 2027', 'Mon 4 Jan')
    """
    text = f"{value:%a} {value.day} {value:%b}"
    return f"{text} {value.year}" if year else text


def long_day(value: date) -> str:
    """'Monday 4 January', for a sentence.

    >>> long_day(date(2027, 1, 4))
    'Monday 4 January'
    """
    return f"{value:%A} {value.day} {value:%B}"


def span(start: date, end: date) -> str:
    """A week's dates, short: '4 to 10 Jan' or '29 Mar to 4 Apr'.

    >>> span(date(2027, 1, 4), date(2027, 1, 10)), span(date(2027, 3, 29), date(2027, 4, 4))
    ('4 to 10 Jan', '29 Mar to 4 Apr')
    """
    if start.month == end.month:
        return f"{start.day} to {end.day} {end:%b}"
    return f"{start.day} {start:%b} to {end.day} {end:%b}"


def week_range(first: int, last: int) -> str:
    """'weeks 3 to 6', or 'week 6' for one week.

    >>> week_range(3, 6), week_range(6, 6)
    ('weeks 3 to 6', 'week 6')
    """
    return f"week {first}" if first == last else f"weeks {first} to {last}"


def weeks_shown(plan) -> str:
    """Which weeks a plan prints: '6 weeks', or 'weeks 3 to 6' when re-issued after a review."""
    if plan.first_week == 1:
        return plural(len(plan.weeks), "week")
    return week_range(plan.first_week, plan.weeks[-1].week)


def plural(count: int, word: str) -> str:
    """'1 session', '3 sessions'.

    >>> plural(1, "session"), plural(3, "plan")
    ('1 session', '3 plans')
    """
    return f"{count} {word}{'s' if count != 1 else ''}"


def dose_limit(field: str, value: int) -> str:
    """A phase's cap on one number of a dose, in words.

    >>> dose_limit("hold_s", 10), dose_limit("reps", 8), dose_limit("sets", 1)
    ('holds of at most 10 s', 'at most 8 reps', 'at most 1 set')
    """
    if field == "hold_s":
        return f"holds of at most {value} s"
    return f"at most {plural(value, field.rstrip('s'))}"
