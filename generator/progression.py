"""Progression rules: small pure functions of the week and a dose.

Each rule is separate so it can be read, tested and swapped on its own; the engine
(:mod:`generator.engine`) only strings them together week by week.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .models import DOSE_FIELDS, DoseWindow

SETUP_S = 20
"""Seconds to get into position for an exercise, for the time estimate."""


@dataclass(frozen=True)
class Dose:
    """What a person does of one exercise in one session."""

    sets: int
    reps: int  # in the first set; with a drop, each later set has *drop* fewer
    hold_s: int | None = None
    drop: int = 0
    minutes: int | None = None  # an activity's minutes a day (then sets = reps = 1)

    def reps_per_set(self) -> tuple[int, ...]:
        """Repetitions in each set: the same in every set, or a descending pyramid.

        >>> Dose(2, 8).reps_per_set(), Dose(3, 5, 10, drop=2).reps_per_set()
        ((8, 8), (5, 3, 1))
        """
        return tuple(max(1, self.reps - self.drop * i) for i in range(self.sets))

    def volume(self) -> int:
        """Work in one session, for comparing doses of one variant: reps x hold (or 1).

        >>> Dose(2, 8).volume(), Dose(1, 3, 20).volume(), Dose(3, 5, 10, drop=2).volume()
        (16, 60, 90)
        """
        if self.minutes is not None:
            return self.minutes
        return sum(self.reps_per_set()) * (self.hold_s or 1)


def start_dose(window: DoseWindow) -> Dose:
    """The first dose of a rung: every number at its start.

    >>> from generator.models import Window
    >>> start_dose(DoseWindow(reps=Window(3, 0, 3), sets=Window(1, 0, 1), rest_s=30,
    ...                       hold_s=Window(10, 5, 30)))
    Dose(sets=1, reps=3, hold_s=10, drop=0, minutes=None)
    """
    return _at(window, lambda w: w.start)


def middle_dose(window: DoseWindow) -> Dose:
    """Half way up a rung: every number at the whole step nearest below its middle.

    >>> from generator.models import Window
    >>> middle_dose(DoseWindow(reps=Window(6, 1, 10), sets=Window(1, 0, 1), rest_s=30,
    ...                        hold_s=Window(10, 5, 30)))
    Dose(sets=1, reps=8, hold_s=20, drop=0, minutes=None)
    """
    def middle(w) -> int:
        return w.start if w.fixed else w.start + (w.max - w.start) // (2 * w.step) * w.step
    return _at(window, middle)


def _at(window: DoseWindow, pick) -> Dose:
    return Dose(sets=pick(window.sets), reps=pick(window.reps),
                hold_s=pick(window.hold_s) if window.hold_s else None, drop=window.drop,
                minutes=pick(window.minutes) if window.minutes else None)


def grow(window: DoseWindow, dose: Dose) -> Dose | None:
    """One step up within a rung: the first number in the progress order below its max
    grows by its step. None when the rung is done.

    >>> from generator.models import Window
    >>> w = DoseWindow(reps=Window(3, 0, 3), sets=Window(1, 1, 2), rest_s=30,
    ...                hold_s=Window(10, 5, 15))
    >>> grow(w, Dose(1, 3, 10)), grow(w, Dose(1, 3, 15)), grow(w, Dose(2, 3, 15))
    (Dose(sets=1, reps=3, hold_s=15, drop=0, minutes=None), Dose(sets=2, reps=3, hold_s=15, drop=0, minutes=None), None)

    A number below the rung's start (after a lighter week or a step back) first returns
    to the start.
    """
    for name in DOSE_FIELDS + ("minutes",):
        limits = window.window(name)
        value = getattr(dose, name)
        if limits is not None and value is not None and value < limits.start:
            return replace(dose, **{name: limits.start})
    for name in window.progress:
        limits = window.window(name)
        value = getattr(dose, name)
        if limits is not None and value is not None and value < limits.max:
            return replace(dose, **{name: limits.grow(value)})
    return None


def shrink(window: DoseWindow, dose: Dose) -> Dose | None:
    """One step down within a rung: the undoing of :func:`grow`. The last number in the
    progress order that is above its start drops by its step. None at the rung's start.

    >>> from generator.models import Window
    >>> w = DoseWindow(reps=Window(3, 0, 3), sets=Window(1, 1, 2), rest_s=30,
    ...                hold_s=Window(10, 5, 15))
    >>> shrink(w, Dose(2, 3, 15)), shrink(w, Dose(1, 3, 15)), shrink(w, Dose(1, 3, 10))
    (Dose(sets=1, reps=3, hold_s=15, drop=0, minutes=None), Dose(sets=1, reps=3, hold_s=10, drop=0, minutes=None), None)
    """
    for name in reversed(window.progress):
        limits = window.window(name)
        value = getattr(dose, name)
        if limits is not None and value is not None and value > limits.start:
            return replace(dose, **{name: max(limits.start, value - max(1, limits.step))})
    return None


def lighter(dose: Dose) -> Dose:
    """A lighter week's dose: about a third less work. For that week only, it may go
    below the rung's start.

    Drops a set if there is more than one, else about a third of the reps, else a
    third of the hold; a pyramid's sets all get shorter; minutes a day drop a third.

    >>> lighter(Dose(3, 7, 10, drop=2)).reps_per_set()
    (5, 3, 1)
    >>> lighter(Dose(2, 10, 5)), lighter(Dose(1, 9, 5)), lighter(Dose(1, 1, 30))
    (Dose(sets=1, reps=10, hold_s=5, drop=0, minutes=None), Dose(sets=1, reps=6, hold_s=5, drop=0, minutes=None), Dose(sets=1, reps=1, hold_s=20, drop=0, minutes=None))
    """
    if dose.minutes is not None:
        return replace(dose, minutes=max(1, dose.minutes - round(dose.minutes / 3)))
    if dose.drop:  # a pyramid: shorter sets rather than one set fewer (7-5-3 -> 5-3-1)
        less = dose
        while less.reps > 1 and less.volume() * 3 > dose.volume() * 2:
            less = replace(less, reps=less.reps - 1)
        return less
    if dose.sets > 1:
        return replace(dose, sets=dose.sets - 1)
    if dose.reps > 1:
        return replace(dose, reps=dose.reps - max(1, round(dose.reps / 3)))
    if dose.hold_s is not None and dose.hold_s > 1:
        return replace(dose, hold_s=dose.hold_s - max(1, round(dose.hold_s / 3)))
    return dose


def sessions_for_week(week: int, weeks: int, start: int, end: int) -> int:
    """Sessions a week, growing evenly from *start* to *end* over the plan.

    The plan is cut into (end - start + 1) equal blocks, one per count.

    >>> [sessions_for_week(w, 6, 2, 3) for w in range(1, 7)]
    [2, 2, 2, 3, 3, 3]
    >>> [sessions_for_week(w, 4, 2, 2) for w in range(1, 5)]
    [2, 2, 2, 2]
    """
    return start + (week - 1) * (end - start + 1) // weeks


def is_deload(week: int, weeks: int, every: int | None) -> bool:
    """Every *every*-th week is lighter, except the last week of the plan, which ends
    at its peak so the person is reviewed at their best.

    >>> [w for w in range(1, 13) if is_deload(w, 12, 4)]
    [4, 8]
    >>> is_deload(4, 6, None)
    False
    """
    return bool(every) and week % every == 0 and week != weeks


def exercise_seconds(window: DoseWindow, dose: Dose, per_side: bool) -> int:
    """Estimated seconds one exercise takes in a session, set-up and rests included.

    >>> from generator.models import Window
    >>> w = DoseWindow(reps=Window(3, 0, 3), sets=Window(1, 0, 1), rest_s=30,
    ...                hold_s=Window(10, 5, 30), tempo_s=10)
    >>> exercise_seconds(w, Dose(1, 3, 10), per_side=False)
    80
    """
    if dose.minutes is not None:
        return 0  # an activity is done on its own, not in a session
    sides = 2 if per_side else 1
    work = sum(dose.reps_per_set()) * sides * ((dose.hold_s or 0) + window.tempo_s)
    return SETUP_S + work + (dose.sets - 1) * window.rest_s


def weekly_load(sessions: int, session_seconds: int) -> int:
    """A week's load: the estimated seconds of one session times the sessions that week.

    The one measure of "more" or "less" work between weeks: lighter weeks, the growth
    limit, the chart and the tests all use it.

    >>> weekly_load(3, 400)
    1200
    """
    return sessions * session_seconds


def minutes(seconds: int) -> int:
    """Whole minutes, to the nearest (halves up), at least 1: the same rounding as the
    weekly chart, so '2 × ~11 min' and the chart's 22 agree.

    >>> minutes(89), minutes(90), minutes(0)
    (1, 2, 1)
    """
    return max(1, (seconds + 30) // 60)
