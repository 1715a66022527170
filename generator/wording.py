"""How dates and spans of weeks are written, for every face: text, PDF, calendar, CLI.

Plain functions of dates and plans, no reportlab and no click, so any renderer can use them.
Fixed words live here, not in the renderers. Dates are written by Babel in the language
being rendered (:func:`generator.i18n.using`); each pattern is itself a translatable string,
so a translator decides the order of day and month ('lunes 4 de enero').
"""

from __future__ import annotations

from datetime import date

from .i18n import N_, _, current, ngettext

LEVEL_WORDS = {"beginner": N_("beginner"), "intermediate": N_("intermediate"),
               "advanced": N_("advanced")}


def level(name: str) -> str:
    """A level's name in the language being rendered.

    >>> level("beginner")
    'beginner'
    """
    return _(LEVEL_WORDS.get(name, name))


def _format(value: date, pattern: str) -> str:
    from babel.dates import format_date  # loaded when a date is first written, not at start-up

    return format_date(value, pattern, locale=current())


def day(value: date, year: bool = True) -> str:
    """A date the way people write it: 'Mon 4 Jan 2027' (or 'Mon 4 Jan').

    >>> day(date(2027, 1, 4)), day(date(2027, 1, 4), year=False)
    ('Mon 4 Jan 2027', 'Mon 4 Jan')
    """
    # Translators: a Babel (CLDR) date pattern: EEE short weekday, d day, MMM short month, y year.
    return _format(value, _("EEE d MMM y") if year else _("EEE d MMM"))


def weekday(value: date) -> str:
    """The short name of a date's weekday: 'Mon'.

    >>> weekday(date(2027, 1, 4))
    'Mon'
    """
    return _format(value, "EEE")


def weekday_name(number: int) -> str:
    """The short name of weekday *number* (Monday 0) in the language being rendered.

    >>> weekday_name(0), weekday_name(6)
    ('Mon', 'Sun')
    """
    from babel.dates import get_day_names  # loaded only when a day is asked for

    return get_day_names("abbreviated", locale=current())[number].rstrip(".")


def day_words() -> dict[str, int]:
    """The weekdays' names in the language being rendered, short and full, each also without
    its accents, to their numbers (Monday 0): what a person may type for a day.

    >>> from .i18n import using
    >>> with using("es"):
    ...     words = day_words()
    >>> words["lun"], words["mié"], words["mie"], words["miércoles"], words["domingo"]
    (0, 2, 2, 2, 6)
    """
    import unicodedata

    from babel.dates import get_day_names  # loaded only when a day is asked for

    words = {}
    for width in ("abbreviated", "wide"):
        for number, name in get_day_names(width, locale=current()).items():
            name = name.lower().rstrip(".")
            plain = "".join(c for c in unicodedata.normalize("NFD", name)
                            if unicodedata.category(c) != "Mn")
            words[name] = words[plain] = number
    return words


def long_day(value: date) -> str:
    """'Monday 4 January', for a sentence.

    >>> long_day(date(2027, 1, 4))
    'Monday 4 January'
    """
    # Translators: a Babel (CLDR) date pattern: EEEE weekday, d day, MMMM month; quote words.
    return _format(value, _("EEEE d MMMM"))


def span(start: date, end: date, short: bool = False) -> str:
    """A week's dates, short: '4 to 10 Jan' or '29 Mar to 4 Apr'; *short* for a narrow
    table column: '4–10 Jan', '29 Mar–4 Apr'.

    >>> span(date(2027, 1, 4), date(2027, 1, 10)), span(date(2027, 3, 29), date(2027, 4, 4))
    ('4 to 10 Jan', '29 Mar to 4 Apr')
    >>> span(date(2027, 3, 29), date(2027, 4, 4), short=True)
    '29 Mar–4 Apr'
    """
    first = _format(start, "d") if start.month == end.month else _format(start, _("d MMM"))
    last = _format(end, _("d MMM"))
    return f"{first}\u2013{last}" if short else _("{start} to {end}").format(start=first, end=last)


def week_range(first: int, last: int, heading: bool = False) -> str:
    """'weeks 3 to 6', 'weeks 1 and 2', or 'week 6' for one week; *heading* for the start of
    a line or a table cell: 'Weeks 3 to 6', 'Week 6'.

    >>> week_range(3, 6), week_range(1, 2), week_range(6, 6), week_range(6, 6, heading=True)
    ('weeks 3 to 6', 'weeks 1 and 2', 'week 6', 'Week 6')
    """
    if first == last:
        return (_("Week {week}") if heading else _("week {week}")).format(week=first)
    if last == first + 1:
        return (_("Weeks {first} and {last}") if heading else
                _("weeks {first} and {last}")).format(first=first, last=last)
    return (_("Weeks {first} to {last}") if heading else
            _("weeks {first} to {last}")).format(first=first, last=last)


def weeks_shown(plan) -> str:
    """Which weeks a plan prints: '6 weeks', or 'weeks 3 to 6' when re-issued after a review."""
    if plan.first_week == 1:
        return ngettext("{n} week", "{n} weeks", len(plan.weeks)).format(n=len(plan.weeks))
    return week_range(plan.first_week, plan.weeks[-1].week)


def plural(count: int, word: str) -> str:
    """'1 session', '3 sessions' (English only: for the command line's own messages).

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
