"""The progression engine: (program, exercises, request) -> plan. A pure function.

Week by week, each exercise in the current phase moves up one step at most (see
:mod:`generator.progression`): its hold or reps grow to the variant's max, then sets,
then it moves to the next variant at that variant's start dose, never past the phase's
``up_to``. Sessions per week grow on the program's schedule; deload weeks are lighter;
the level picks the starting variant; a session never grows past the program's time cap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Mapping

from . import progression as rules
from .errors import HepgenError, did_you_mean
from .models import LEVELS, Exercise, Phase, Program
from .plan import Plan, Prescription, Week
from .progression import Dose

MAX_NAME = 80
MAX_NOTES = 600


def next_monday(today: date) -> date:
    """The coming Monday (today, if today is a Monday).

    >>> next_monday(date(2026, 11, 24)), next_monday(date(2026, 11, 30))
    (datetime.date(2026, 11, 30), datetime.date(2026, 11, 30))
    """
    return today + timedelta(days=(7 - today.weekday()) % 7)


@dataclass(frozen=True)
class PlanRequest:
    """What a person asks for. ``weeks=None`` means the program's default."""

    weeks: int | None = None
    start: date = field(default_factory=lambda: next_monday(date.today()))
    level: str = "beginner"
    exclude: tuple[str, ...] = ()
    patient: str = ""
    clinician: str = ""
    clinic: str = ""
    notes: str = ""


@dataclass
class _State:
    rung: int
    dose: Dose


def _check(program: Program, request: PlanRequest) -> int:
    weeks = program.weeks_default if request.weeks is None else request.weeks
    if not program.weeks_min <= weeks <= program.weeks_max:
        raise HepgenError(
            f"{program.title} runs for {program.weeks_min} to {program.weeks_max} weeks; "
            f"choose --weeks in that range (you asked for {weeks})"
        )
    if request.level not in LEVELS:
        raise HepgenError(
            f"unknown level '{request.level}'{did_you_mean(request.level, LEVELS)}; "
            f"use one of: {', '.join(LEVELS)}"
        )
    used = program.exercise_ids
    for name in request.exclude:
        if name not in used:
            raise HepgenError(
                f"cannot exclude '{name}': {program.id} has no such exercise"
                f"{did_you_mean(name, used)} (it has: {', '.join(used)})"
            )
    if set(used) <= set(request.exclude):
        raise HepgenError("every exercise of the program is excluded; leave at least one in")
    for phase in program.phases:
        names = [item.exercise for item in phase.items]
        if phase.from_week <= weeks and set(names) <= set(request.exclude):
            raise HepgenError(
                f"with these exclusions the phase '{phase.name}' (from week {phase.from_week}) "
                f"has no exercises left; keep at least one of: {', '.join(names)}"
            )
    for label, value, limit in (
        ("patient name", request.patient, MAX_NAME),
        ("clinician name", request.clinician, MAX_NAME),
        ("clinic name", request.clinic, MAX_NAME),
        ("notes", request.notes, MAX_NOTES),
    ):
        if len(value) > limit:
            raise HepgenError(f"the {label} is {len(value)} characters; keep it to {limit}")
    return weeks


def _phase(phases: tuple[Phase, ...], week: int) -> Phase:
    current = phases[0]
    for phase in phases:
        if phase.from_week <= week:
            current = phase
    return current


def _advance(exercise: Exercise, state: _State, cap: int) -> tuple[_State, str]:
    """One week's step for an exercise already under way."""
    if state.rung > cap:  # a later phase allows less: go to the hardest allowed variant
        window = exercise.variants[cap].dose
        return _State(cap, rules.top_dose(window)), "easier variant"
    window = exercise.variants[state.rung].dose
    grown = rules.grow(window, state.dose)
    if grown is not None:
        return _State(state.rung, grown), "progress"
    if state.rung < cap:
        nxt = state.rung + 1
        return _State(nxt, rules.start_dose(exercise.variants[nxt].dose)), "next variant"
    return state, "same"


def _prescription(exercise: Exercise, state: _State, dose: Dose, change: str) -> Prescription:
    variant = exercise.variants[state.rung]
    return Prescription(
        exercise=exercise.id, exercise_name=exercise.name, variant=variant.id,
        variant_name=variant.name, rung=state.rung, rungs=len(exercise.variants),
        sets=dose.sets, reps=dose.reps, hold_s=dose.hold_s, per_side=variant.per_side,
        rest_s=variant.dose.rest_s, change=change,
    )


def _seconds(exercises: Mapping[str, Exercise], state: _State, dose: Dose, name: str) -> int:
    variant = exercises[name].variants[state.rung]
    return rules.exercise_seconds(variant.dose, dose, variant.per_side)


def build_plan(
    program: Program,
    exercises: Mapping[str, Exercise],
    request: PlanRequest,
    education: Mapping | None = None,
) -> Plan:
    """Turn a program and a request into a week-by-week plan. Same input, same plan."""
    total = _check(program, request)
    states: dict[str, _State] = {}
    weeks: list[Week] = []
    for number in range(1, total + 1):
        phase = _phase(program.phases, number)
        deload = rules.is_deload(number, total, program.deload_every)
        rows: list[tuple[str, _State, Dose, str, _State | None]] = []
        for item in phase.items:
            if item.exercise in request.exclude:
                continue
            exercise = exercises[item.exercise]
            cap = exercise.rung(item.up_to) if item.up_to else len(exercise.variants) - 1
            before = states.get(item.exercise)
            if before is None:
                rung = exercise.rung(program.start_variant(item.exercise, request.level))
                state, change = _State(rung, rules.start_dose(exercise.variants[rung].dose)), "start"
            elif deload:
                state, change = before, "deload"
            else:
                state, change = _advance(exercise, before, cap)
            dose = state.dose
            if deload and before is not None:
                dose = rules.lighter(exercise.variants[state.rung].dose, state.dose)
            rows.append((item.exercise, state, dose, change, before))

        seconds = [_seconds(exercises, s, d, n) for n, s, d, _, _ in rows]
        if program.max_minutes:  # undo this week's steps, last first, until it fits
            for i in reversed(range(len(rows))):
                if sum(seconds) <= program.max_minutes * 60:
                    break
                name, state, dose, change, before = rows[i]
                if change in ("progress", "next variant") and before is not None:
                    rows[i] = (name, before, before.dose, "time cap", before)
                    seconds[i] = _seconds(exercises, before, before.dose, name)

        for name, state, _, _, _ in rows:
            states[name] = state
        weeks.append(Week(
            week=number,
            start=request.start + timedelta(weeks=number - 1),
            phase=phase.name,
            focus=phase.focus,
            sessions=rules.sessions_for_week(
                number, total, program.sessions_start, program.sessions_end),
            deload=deload,
            minutes=rules.minutes(sum(seconds)),
            exercises=tuple(_prescription(exercises[n], s, d, c) for n, s, d, c, _ in rows),
        ))

    used = [exercises[name] for name in program.exercise_ids if name not in request.exclude]
    sections = tuple(education[s] for s in program.education) if education else ()
    return Plan(
        program_id=program.id, program_title=program.title, program_summary=program.summary,
        level=request.level, start=request.start, weeks=tuple(weeks),
        patient=request.patient, clinician=request.clinician, clinic=request.clinic,
        notes=request.notes, exercises=tuple(used), education=sections,
    )
