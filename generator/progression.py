"""Progression rules: small pure functions of the week and a dose.

Each rule is separate so it can be read, tested and swapped on its own; the engine
(:mod:`generator.engine`) only strings them together week by week.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from .models import DoseWindow

SETUP_S = 20
"""Seconds to get into position for an exercise, for the time estimate."""


@dataclass(frozen=True)
class Dose:
    """What a person does of one exercise in one session."""

    sets: int
    reps: int
    hold_s: int | None = None

    def volume(self) -> int:
        """Work in one session, for comparing weeks: sets x reps x hold (or 1).

        >>> Dose(2, 8).volume(), Dose(1, 3, 20).volume()
        (16, 60)
        """
        return self.sets * self.reps * (self.hold_s or 1)


def start_dose(window: DoseWindow) -> Dose:
    """The first dose of a rung: every number at its start.

    >>> from generator.models import Window
    >>> start_dose(DoseWindow(reps=Window(3, 0, 3), sets=Window(1, 0, 1), rest_s=30,
    ...                       hold_s=Window(10, 5, 30)))
    Dose(sets=1, reps=3, hold_s=10)
    """
    return Dose(
        sets=window.sets.start,
        reps=window.reps.start,
        hold_s=window.hold_s.start if window.hold_s else None,
    )


def top_dose(window: DoseWindow) -> Dose:
    """The last dose of a rung: every number at its max."""
    return Dose(
        sets=window.sets.max,
        reps=window.reps.max,
        hold_s=window.hold_s.max if window.hold_s else None,
    )


def grow(window: DoseWindow, dose: Dose) -> Dose | None:
    """One step up within a rung: the first number in the progress order below its max
    grows by its step. None when the rung is done.

    >>> from generator.models import Window
    >>> w = DoseWindow(reps=Window(3, 0, 3), sets=Window(1, 1, 2), rest_s=30,
    ...                hold_s=Window(10, 5, 15))
    >>> grow(w, Dose(1, 3, 10)), grow(w, Dose(1, 3, 15)), grow(w, Dose(2, 3, 15))
    (Dose(sets=1, reps=3, hold_s=15), Dose(sets=2, reps=3, hold_s=15), None)
    """
    for name in window.progress:
        limits = window.window(name)
        value = getattr(dose, name)
        if limits is not None and value is not None and value < limits.max:
            return replace(dose, **{name: limits.grow(value)})
    return None


def lighter(window: DoseWindow, dose: Dose) -> Dose:
    """A deload dose: a third or so less work, never below the rung's start.

    Drops a set if there is more than one, else about a third of the reps, else one
    step of hold time. A dose already at the rung's start stays as it is.

    >>> from generator.models import Window
    >>> w = DoseWindow(reps=Window(6, 1, 10), sets=Window(1, 1, 2), rest_s=30,
    ...                hold_s=Window(5, 0, 5))
    >>> lighter(w, Dose(2, 10, 5)), lighter(w, Dose(1, 9, 5)), lighter(w, Dose(1, 6, 5))
    (Dose(sets=1, reps=10, hold_s=5), Dose(sets=1, reps=6, hold_s=5), Dose(sets=1, reps=6, hold_s=5))
    """
    if dose.sets > window.sets.start:
        return replace(dose, sets=dose.sets - 1)
    if dose.reps > window.reps.start:
        return replace(dose, reps=max(window.reps.start, dose.reps - max(1, round(dose.reps / 3))))
    if window.hold_s is not None and dose.hold_s is not None and dose.hold_s > window.hold_s.start:
        return replace(dose, hold_s=max(window.hold_s.start, dose.hold_s - window.hold_s.step))
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
    sides = 2 if per_side else 1
    work = dose.sets * dose.reps * sides * ((dose.hold_s or 0) + window.tempo_s)
    return SETUP_S + work + (dose.sets - 1) * window.rest_s


def minutes(seconds: int) -> int:
    """Whole minutes, rounded up, at least 1.

    >>> minutes(61), minutes(0)
    (2, 1)
    """
    return max(1, math.ceil(seconds / 60))
