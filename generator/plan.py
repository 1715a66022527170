"""The finished plan: what renderers receive. They never recompute doses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .models import EducationSection, Exercise


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
    change: str  # start, progress, next variant, easier variant, same, deload, time cap

    def short(self) -> str:
        """The dose in a few characters, for tables.

        >>> p = Prescription("p", "P", "v", "V", 0, 3, 1, 3, 20, False, 30, "start")
        >>> p.short()
        '3 × 20 s'
        >>> Prescription("b", "B", "v", "V", 0, 3, 2, 8, None, True, 30, "start").short()
        '2 × 8 / side'
        """
        if self.hold_s is not None:
            text = f"{self.reps} × {self.hold_s} s"
            if self.sets > 1:
                text = f"{self.sets} × {text}"
        else:
            text = f"{self.sets} × {self.reps}"
        return text + (" / side" if self.per_side else "")

    def sentence(self) -> str:
        """The dose in words, for people.

        >>> Prescription("p", "P", "v", "V", 0, 3, 1, 3, 20, False, 30, "start").sentence()
        '3 times, holding 20 seconds each time'
        >>> Prescription("b", "B", "v", "V", 0, 3, 2, 8, None, True, 30, "start").sentence()
        '2 sets of 8 on each side, 30 seconds rest between sets'
        """
        if self.sets > 1:
            text = f"{self.sets} sets of {self.reps}"
        else:
            text = f"{self.reps} time{'s' if self.reps != 1 else ''}"
        if self.per_side:
            text += " on each side"
        if self.hold_s is not None:
            text += f", holding {self.hold_s} seconds each time"
        if self.sets > 1:
            text += f", {self.rest_s} seconds rest between sets"
        return text


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
            "notes": self.notes,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "level": self.level,
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
                            "change": p.change,
                            "dose": p.short(),
                        }
                        for p in w.exercises
                    ],
                }
                for w in self.weeks
            ],
        }
