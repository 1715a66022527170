"""The progression engine: (program, exercises, request) -> plan. A pure function.

Week by week, each exercise in the current phase moves up one step at most (see
:mod:`generator.progression`): its hold or reps grow to the variant's max, then sets,
then it moves to the next variant at that variant's start dose, never past the phase's
``up_to``. Sessions per week grow on the program's schedule; deload weeks are lighter;
the level picks the starting variant; a session never grows past the program's time cap.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Mapping

from . import progression as rules
from .models import Exercise, Phase, Program, Window
from .plan import Plan, Prescription, Week
from .progression import Dose
from .request import (  # noqa: F401 - the request's types and rules, re-exported
    DAY_NAMES, DECISIONS, ExerciseChoice, PlanRequest, next_monday, parse_days,
)
from .request import check as _check_request

DEFAULT_DAYS = {1: (0,), 2: (0, 3), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 3, 4),
                6: (0, 1, 2, 3, 4, 5), 7: (0, 1, 2, 3, 4, 5, 6)}
"""Session days when none are given: spread out, strength work never on two days running
where the count allows it (2 -> Mon/Thu, 3 -> Mon/Wed/Fri)."""


def session_days(start: date, sessions: int, pool: tuple[int, ...] | None) -> tuple[date, ...]:
    """The dates of a week's sessions: *sessions* days spread over the *pool* of weekdays.

    >>> [d.isoformat() for d in session_days(date(2027, 1, 4), 2, (0, 2, 4))]
    ['2027-01-04', '2027-01-08']
    >>> [d.strftime("%a") for d in session_days(date(2027, 1, 4), 3, None)]
    ['Mon', 'Wed', 'Fri']
    """
    pool = DEFAULT_DAYS[sessions] if pool is None else pool
    if sessions == 1:
        chosen = [pool[0]]
    else:
        chosen = [pool[round(i * (len(pool) - 1) / (sessions - 1))] for i in range(sessions)]
    monday = start - timedelta(days=start.weekday())
    return tuple(sorted(d if d >= start else d + timedelta(weeks=1)
                        for d in (monday + timedelta(days=day) for day in chosen)))


@dataclass
class _State:
    rung: int
    dose: Dose


def _check(program: Program, exercises: Mapping[str, Exercise], request: PlanRequest) -> int:
    """Refuse a request that breaks a rule (see :mod:`generator.request`); the plan's length."""
    return _check_request(program, exercises, request)


def _phase(phases: tuple[Phase, ...], week: int) -> Phase:
    current = phases[0]
    for phase in phases:
        if phase.from_week <= week:
            current = phase
    return current


def _tailor(exercise: Exercise, choice: ExerciseChoice | None) -> Exercise:
    """The exercise with a clinician's cap or set dose written into its variants' windows."""
    if choice is None or not (choice.cap or choice.dose):
        return exercise
    variants = []
    for variant in exercise.variants:
        window = variant.dose
        changes = {}
        for name in ("hold_s", "reps", "sets"):
            limits = window.window(name)
            if limits is None:
                continue
            if name in choice.dose or choice.dose:  # a set dose fixes every number
                value = choice.dose.get(name, limits.start)
                changes[name] = Window(value, 0, value)
            elif name in choice.cap:
                ceiling = choice.cap[name]
                start = min(limits.start, ceiling)
                changes[name] = Window(start, limits.step, min(limits.max, ceiling))
        variants.append(replace(variant, dose=replace(window, **changes)))
    return replace(exercise, variants=tuple(variants))


def _regress(exercise: Exercise, history: list[_State], floor: int) -> _State:
    """One step back, taken off *history*: the dose before the current one, else the
    easier variant at its top dose, else (at the very start) the same dose."""
    current = history.pop()
    if history:
        return history[-1]
    if current.rung > floor:
        return _State(current.rung - 1, rules.top_dose(exercise.variants[current.rung - 1].dose))
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
    total = _check(program, exercises, request)
    exercises = {name: _tailor(e, request.choices.get(name)) for name, e in exercises.items()}
    history: dict[str, list[_State]] = {}
    done: dict[str, _State] = {}  # what each exercise's last week actually asked for
    weeks: list[Week] = []
    for number in range(1, total + 1):
        phase = _phase(program.phases, number)
        deload = rules.is_deload(number, total, program.deload_every)
        rows: list[tuple[str, _State, Dose, str, _State | None]] = []
        for item in phase.items:
            if item.exercise in request.exclude:
                continue
            exercise = exercises[item.exercise]
            choice = request.choices.get(item.exercise, ExerciseChoice())
            cap = exercise.rung(item.up_to) if item.up_to else len(exercise.variants) - 1
            pinned = exercise.rung(choice.pin) if choice.pin else None
            past = history.setdefault(item.exercise, [])
            before = past[-1] if past else None
            decision = request.decisions.get(item.exercise) if number == request.from_week else None
            if before is None:
                variant = choice.pin or program.start_variant(item.exercise, request.level)
                rung = exercise.rung(variant)
                if choice.dose and pinned is None:
                    pinned = rung  # a set dose stays on its variant
                state, change = _State(rung, rules.start_dose(exercise.variants[rung].dose)), "start"
                if decision == "regress":  # starting at the review: one step easier than planned
                    state, change = _regress(exercise, [state], pinned or 0), "back a step"
            elif decision == "hold":  # the pain rule speaks of what was done: last week's dose
                state, change = done[item.exercise], "hold"
            elif decision == "regress":
                state, change = _regress(exercise, past, pinned or 0), "back a step"
                last = done[item.exercise]
                if (state.rung, state.dose.volume()) > (last.rung, last.dose.volume()):
                    state = last  # after a lighter week, that lighter dose is already a step back
            elif deload:
                state, change = before, "deload"
            else:
                if choice.dose and pinned is None:
                    pinned = before.rung
                state, change = _advance(exercise, before, cap if pinned is None else pinned)
            dose = state.dose
            if change == "deload":  # a review decision replaces the lighter week's rule
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

        for name, state, dose, _, _ in rows:  # each exercise's doses so far, without repeats
            if not history[name] or history[name][-1] != state:
                history[name].append(state)
            done[name] = _State(state.rung, dose)
        start = request.start + timedelta(weeks=number - 1)
        sessions = rules.sessions_for_week(number, total, program.sessions_start,
                                           program.sessions_end)
        weeks.append(Week(
            week=number,
            start=start,
            phase=phase.name,
            focus=phase.focus,
            sessions=sessions,
            deload=deload,
            minutes=rules.minutes(sum(seconds)),
            exercises=tuple(_prescription(exercises[n], s, d, c) for n, s, d, c, _ in rows),
            days=session_days(start, sessions, request.days),
        ))

    used = [exercises[name] for name in program.exercise_ids if name not in request.exclude]
    sections = tuple(education[s] for s in program.education) if education else ()
    shown = tuple(w for w in weeks if w.week >= request.from_week)
    return Plan(
        program_id=program.id, program_title=program.title, program_summary=program.summary,
        level=request.level, start=shown[0].start, weeks=shown,
        patient=request.patient, clinician=request.clinician, clinic=request.clinic,
        notes=request.notes, exercises=tuple(used), education=sections,
        exercise_notes={n: c.note for n, c in request.choices.items() if c.note},
        total_weeks=total, cautions=program.cautions,
    )
