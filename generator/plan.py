"""The finished plan: what renderers receive. They never recompute doses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from .i18n import _, ngettext
from .models import EducationSection, Exercise
from .progression import Dose, weekly_load


class Change(str, Enum):
    """What happened to an exercise this week. The values are the JSON plan's words."""

    START = "start"  # its first week
    PROGRESS = "progress"  # one step up within its variant
    NEXT_VARIANT = "next variant"  # the next, harder variant, at its start
    EASIER_VARIANT = "easier variant"  # a later phase allows less
    SAME = "same"  # no change this week
    DELOAD = "deload"  # a lighter week
    TIME_CAP = "time cap"  # a step held back to keep the session short
    HOLD = "hold"  # review: last week's dose again
    BACK_A_STEP = "back a step"  # review: one step easier

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Prescription:
    """One exercise in one week."""

    exercise: str
    exercise_name: str
    variant: str
    variant_name: str
    rung: int  # 0 = easiest variant
    rungs: int
    sets: int
    reps: int
    hold_s: int | None
    per_side: bool
    rest_s: int
    change: Change
    drop: int = 0  # reps fewer in each later set (a descending pyramid)
    minutes: int | None = None  # an activity's minutes a day, done outside the sessions
    rounds: bool = False  # a movement done in slow rounds, pausing *hold_s* at each end

    @property
    def daily(self) -> bool:
        """An activity such as walking: done every day, not in a session."""
        return self.minutes is not None

    def short(self, side: bool = True) -> str:
        """The dose in a few characters, for tables (without '/ side' if not *side*).

        >>> p = Prescription("p", "P", "v", "V", 0, 3, 1, 3, 20, False, 30, Change.START)
        >>> p.short()
        '3 × 20 s'
        >>> Prescription("b", "B", "v", "V", 0, 3, 2, 8, None, True, 30, Change.START).short()
        '2 × 8 / side'
        >>> Prescription("c", "C", "v", "V", 0, 3, 3, 5, 10, True, 30, Change.START, 2).short()
        '5-3-1 × 10 s / side'
        >>> Prescription("w", "W", "v", "V", 0, 3, 1, 1, None, False, 0, Change.START, 0, 15).short()
        '15 min a day'
        """
        if self.daily:
            return _("{minutes} min a day").format(minutes=self.minutes)
        if self.drop:
            text = "-".join(map(str, self.reps_per_set()))
            text += f" × {self.hold_s} s" if self.hold_s is not None else ""
        elif self.hold_s is not None:
            text = f"{self.reps} × {self.hold_s} s"
            if self.sets > 1:
                text = f"{self.sets} × {text}"
        else:
            text = f"{self.sets} × {self.reps}"
        return _("{dose} / side").format(dose=text) if self.per_side and side else text

    def sentence(self) -> str:
        """The dose in words, for people.

        >>> Prescription("p", "P", "v", "V", 0, 3, 1, 3, 20, False, 30, Change.START).sentence()
        '3 times, holding 20 seconds each time'
        >>> Prescription("b", "B", "v", "V", 0, 3, 2, 8, None, True, 30, Change.START).sentence()
        '2 sets of 8 on each side, 30 seconds rest between sets'
        >>> Prescription("c", "C", "v", "V", 0, 3, 3, 5, 10, False, 30, Change.START, 2).sentence()
        '3 sets of 5, then 3, then 1, holding 10 seconds each time, 30 seconds rest between sets'
        >>> Prescription("w", "W", "v", "V", 0, 3, 1, 1, None, False, 0, Change.START, 0, 15).sentence()
        '15 minutes every day'
        >>> Prescription("m", "M", "v", "V", 0, 3, 1, 12, 5, False, 0, Change.START, rounds=True).sentence()
        '12 slow rounds, pausing 5 seconds at each end'
        """
        if self.daily:
            return _("{minutes} minutes every day").format(minutes=self.minutes)
        if self.rounds and not self.drop and self.hold_s is not None:
            text = _("{reps} slow rounds, pausing {hold} seconds at each end").format(
                reps=self.reps, hold=self.hold_s)
            if self.sets > 1:
                text = _("{sets} sets of {reps}").format(sets=self.sets, reps=text)
                text = _("{dose}, {rest} seconds rest between sets").format(dose=text,
                                                                            rest=self.rest_s)
            return text
        if self.drop:
            counts = _(", then ").join(str(n) for n in self.reps_per_set())
            text = _("{sets} sets of {reps}").format(sets=self.sets, reps=counts)
        elif self.sets > 1:
            text = _("{sets} sets of {reps}").format(sets=self.sets, reps=self.reps)
        else:
            text = ngettext("{reps} time", "{reps} times", self.reps).format(reps=self.reps)
        if self.per_side:
            text = _("{dose} on each side").format(dose=text)
        if self.hold_s is not None:
            text = _("{dose}, holding {hold} seconds each time").format(dose=text, hold=self.hold_s)
        if self.sets > 1:
            text = _("{dose}, {rest} seconds rest between sets").format(dose=text, rest=self.rest_s)
        return text

    def reps_per_set(self) -> tuple[int, ...]:
        return Dose(self.sets, self.reps, self.hold_s, self.drop).reps_per_set()


@dataclass(frozen=True)
class Week:
    week: int
    start: date
    phase: str
    focus: str
    sessions: int
    deload: bool
    minutes: int
    exercises: tuple[Prescription, ...]
    days: tuple[date, ...] = ()  # the dates of the sessions
    seconds: int = 0  # one session's estimated length, unrounded

    @property
    def load(self) -> int:
        """The week's load in seconds (see :func:`generator.progression.weekly_load`)."""
        return weekly_load(self.sessions, self.seconds)

    @property
    def end(self) -> date:
        from datetime import timedelta

        return self.start + timedelta(days=6)


@dataclass(frozen=True)
class Plan:
    program_id: str
    program_title: str
    program_summary: str
    level: str
    start: date
    weeks: tuple[Week, ...]
    patient: str = ""
    clinician: str = ""
    clinic: str = ""
    notes: str = ""
    exercises: tuple[Exercise, ...] = field(default=(), compare=False)
    education: tuple[EducationSection, ...] = field(default=(), compare=False)
    exercise_notes: dict[str, str] = field(default_factory=dict)
    total_weeks: int = 0  # the whole plan's length; more than len(weeks) when re-issued
    cautions: tuple[str, ...] = ()  # the program's cover cautions
    contact: str = ""  # how to reach the clinic: 'Riverside Physio 01234 567890'
    lang: str = "en"  # the language of its library text, and so of every renderer

    @property
    def first_week(self) -> int:
        return self.weeks[0].week
    @property
    def end(self) -> date:
        return self.weeks[-1].end

    def to_dict(self) -> dict:
        """The JSON plan (see the contract in the README)."""
        return {
            "program": {"id": self.program_id, "title": self.program_title},
            "patient": self.patient,
            "clinician": self.clinician,
            "clinic": self.clinic,
            "contact": self.contact,
            "notes": self.notes,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "level": self.level,
            "lang": self.lang,
            "from_week": self.first_week,
            "total_weeks": self.total_weeks or len(self.weeks),
            "exercise_notes": dict(self.exercise_notes),
            "weeks": [
                {
                    "week": w.week,
                    "start": w.start.isoformat(),
                    "phase": w.phase,
                    "sessions": w.sessions,
                    "deload": w.deload,
                    "minutes": w.minutes,
                    "load_s": w.load,
                    "days": [d.isoformat() for d in w.days],
                    "exercises": [
                        {
                            "exercise": p.exercise,
                            "variant": p.variant,
                            "sets": p.sets,
                            "reps": p.reps,
                            "hold_s": p.hold_s,
                            "per_side": p.per_side,
                            "rest_s": p.rest_s,
                            "name": p.exercise_name,
                            "variant_name": p.variant_name,
                            "rung": p.rung + 1,
                            "rungs": p.rungs,
                            "change": p.change.value,
                            "reps_per_set": list(p.reps_per_set()),
                            "minutes_a_day": p.minutes,
                            "dose": p.short(),
                        }
                        for p in w.exercises
                    ],
                }
                for w in self.weeks
            ],
        }


def daily_ids(plan: Plan) -> set[str]:
    """The exercises done every day, outside the sessions (walking)."""
    return {p.exercise for w in plan.weeks for p in w.exercises if p.daily}


def card_numbers(plan: Plan) -> dict[str, int]:
    """Each exercise's number on its card, in the table, the log and the summary: the
    program's order, with what is done every day after the session exercises. So a plan's
    numbers are the same on A4, Letter and in large print, in either language, on the
    summary and the clinician's screen, and the log's numbered boxes run 1, 2, 3... with no
    gap. Where the cards go on the paper (see pdf.cards.packed) does not change them."""
    daily = daily_ids(plan)
    ordered = sorted(plan.exercises, key=lambda e: e.id in daily)  # stable: program order
    return {e.id: n for n, e in enumerate(ordered, 1)}
