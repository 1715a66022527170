"""The progression engine: (program, exercises, request) -> plan. A pure function.

Week by week, each exercise in the current phase changes one thing at most (see
:mod:`generator.progression`): its hold or reps grow to the variant's max, then sets,
then it moves to the next variant at that variant's start dose, never past the phase's
``up_to``. A rise in sessions, or a new exercise, is a whole week's step; lighter weeks
take about a third off the week's load; weekly load grows moderately; the level picks
the starting variant; a session never grows past the program's time cap.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Mapping

from . import progression as rules
from .models import Exercise, Phase, PhaseItem, Program, Window
from .plan import Change, Plan, Prescription, Week
from .progression import Dose
from .request import (  # noqa: F401 - the request's types and rules, re-exported
    DAY_NAMES, DECISIONS, ExerciseChoice, PlanRequest, next_monday, parse_days,
)
from .errors import HepgenError
from .request import check as _check_request
from .request import not_started, raise_all
from .request import with_sessions

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


@dataclass(frozen=True)
class _State:
    """Where an exercise stands: its variant (rung) and dose."""

    rung: int
    dose: Dose


@dataclass(frozen=True)
class _Row:
    """One exercise in a week being built: where it stands, what the week asks for,
    what changed, and where it stood in the last full week (None in its first week)."""

    name: str
    state: _State
    dose: Dose
    change: Change
    before: _State | None


GROWTH = 1.2
"""A week's load is at most this times the week before's, plus an exercise starting that
week (see README "How a plan grows"). A week in which sessions rise, or a session
exercise starts, holds every other dose."""
STEPS = (Change.PROGRESS, Change.NEXT_VARIANT)


def _check(program: Program, exercises: Mapping[str, Exercise], request: PlanRequest) -> int:
    """Refuse a request that breaks a rule (see :mod:`generator.request`); the plan's length."""
    return _check_request(program, exercises, request)


def _phase(phases: tuple[Phase, ...], week: int) -> Phase:
    current = phases[0]
    for phase in phases:
        if phase.from_week <= week:
            current = phase
    return current


def _tailor(exercise: Exercise, choice: ExerciseChoice | None,
            ceilings: Mapping[str, int] | None = None) -> Exercise:
    """The exercise with a clinician's cap or set dose, and a phase's ceilings, written
    into its variants' windows."""
    caps = dict(ceilings or {})
    if choice is not None:
        caps.update({k: min(v, caps.get(k, v)) for k, v in choice.cap.items()})
    fixed = choice.dose if choice is not None else {}
    if not (caps or fixed):
        return exercise
    variants = []
    for variant in exercise.variants:
        window = variant.dose
        changes = {}
        for name in ("hold_s", "reps", "sets"):
            limits = window.window(name)
            if limits is None:
                continue
            if fixed:  # a set dose fixes every number
                value = fixed.get(name, limits.start)
                changes[name] = Window(value, 0, value)
            elif name in caps:
                ceiling = caps[name]
                start = min(limits.start, ceiling)
                changes[name] = Window(start, limits.step, min(limits.max, ceiling))
        variants.append(replace(variant, dose=replace(window, **changes)))
    return replace(exercise, variants=tuple(variants))


def _as_pyramid(exercise: Exercise, pyramid: tuple[int, int, int] | None) -> Exercise:
    """Every variant as a descending pyramid of its starting hold: first-set reps from
    *start* to *max*, each later set *drop* fewer, down to 1 (5, 2 -> 5-3-1)."""
    if pyramid is None:
        return exercise
    start, drop, top = pyramid
    sets = (start - 1) // drop + 1
    variants = []
    for variant in exercise.variants:
        window = variant.dose
        hold = Window(window.hold_s.start, 0, window.hold_s.start) if window.hold_s else None
        variants.append(replace(variant, dose=replace(
            window, sets=Window(sets, 0, sets), reps=Window(start, 1, top), hold_s=hold,
            drop=drop, progress=("reps",))))
    return replace(exercise, variants=tuple(variants))


def _regress(exercise: Exercise, last: _State, floor: int) -> _State:
    """One step back from what last week asked for, always less than a hold: one step
    down within the variant; else the easier variant at its middle dose (its start, if
    the middle would take longer than last week); else, on the easiest allowed variant,
    about a third less."""
    window = exercise.variants[last.rung].dose
    smaller = rules.shrink(window, last.dose)
    if smaller is not None:
        return _State(last.rung, smaller)
    if last.rung > floor:
        easier = exercise.variants[last.rung - 1]
        dose = rules.middle_dose(easier.dose)
        if (rules.exercise_seconds(easier.dose, dose, easier.per_side) >
                rules.exercise_seconds(window, last.dose, exercise.variants[last.rung].per_side)):
            dose = rules.start_dose(easier.dose)
        return _State(last.rung - 1, dose)
    return _State(last.rung, rules.lighter(last.dose))


def _advance(exercise: Exercise, state: _State, cap: int) -> tuple[_State, Change]:
    """One week's step for an exercise already under way."""
    if state.rung > cap:  # a later phase allows less: the hardest allowed variant, half way
        return _State(cap, rules.middle_dose(exercise.variants[cap].dose)), Change.EASIER_VARIANT
    window = exercise.variants[state.rung].dose
    grown = rules.grow(window, state.dose)
    if grown is not None:
        return _State(state.rung, grown), Change.PROGRESS
    if state.rung < cap:
        nxt = state.rung + 1
        return _State(nxt, rules.start_dose(exercise.variants[nxt].dose)), Change.NEXT_VARIANT
    return state, Change.SAME


def _prescription(exercise: Exercise, state: _State, dose: Dose, change: Change) -> Prescription:
    variant = exercise.variants[state.rung]
    return Prescription(
        exercise=exercise.id, exercise_name=exercise.name, variant=variant.id,
        variant_name=variant.name, rung=state.rung, rungs=len(exercise.variants),
        sets=dose.sets, reps=dose.reps, hold_s=dose.hold_s, per_side=variant.per_side,
        rest_s=variant.dose.rest_s, change=change, drop=dose.drop, minutes=dose.minutes,
        rounds=exercise.kind == "mobility",
    )


def _seconds(exercise: Exercise, state: _State, dose: Dose) -> int:
    variant = exercise.variants[state.rung]
    return rules.exercise_seconds(variant.dose, dose, variant.per_side)


@dataclass(frozen=True)
class _WeekKind:
    """What sort of week it is, for every exercise's one change."""

    number: int
    deload: bool  # a lighter week
    after_deload: bool  # the week after a lighter week: back to the last full doses
    whole: bool  # sessions rise or a session exercise starts: that is the week's one
    # step, so every other dose holds


def _row(exercise: Exercise, item: PhaseItem, program: Program, request: PlanRequest,
         week: _WeekKind, before: _State | None, last: _State | None) -> _Row:
    """One exercise's line for the week: its start, a review decision, a lighter dose, a
    return to full doses, or one step. *before* is its last full week, *last* its last week."""
    choice = request.choices.get(item.exercise, ExerciseChoice())
    decision = request.decisions.get(item.exercise) if week.number == request.from_week else None
    cap = exercise.rung(item.up_to) if item.up_to else len(exercise.variants) - 1
    pinned = exercise.rung(choice.pin) if choice.pin else None
    if before is None:
        rung = exercise.rung(choice.pin or program.start_variant(item.exercise, request.level))
        state, change = _State(rung, rules.start_dose(exercise.variants[rung].dose)), Change.START
        if decision == "regress":  # starting at the review: one step easier than planned
            floor = rung if choice.dose and pinned is None else (pinned or 0)
            state, change = _regress(exercise, state, floor), Change.BACK_A_STEP
    elif decision == "hold":  # the pain rule speaks of what was done: last week's dose
        state, change = last, Change.HOLD
    elif decision == "regress":
        state, change = _regress(exercise, last, pinned or 0), Change.BACK_A_STEP
    elif week.deload:  # a clinician's set dose stays exactly as set
        state, change = before, Change.SAME if choice.dose else Change.DELOAD
    elif (week.after_deload or week.whole) and before.rung <= cap:
        state, change = before, Change.SAME
    else:
        if choice.dose and pinned is None:
            pinned = before.rung  # a set dose stays on its variant
        state, change = _advance(exercise, before, cap if pinned is None else pinned)
    dose = rules.lighter(state.dose) if change == Change.DELOAD else state.dose
    return _Row(item.exercise, state, dose, change, before)


def _started_by_review(weeks: list[Week], request: PlanRequest) -> None:
    """Refuse a hold or regress for an exercise whose phase has begun but which itself
    starts after the review week (one new exercise a week, none around a lighter week);
    "progress" means as planned, which it is."""
    present = {p.exercise for p in weeks[request.from_week - 1].exercises}
    late = [name for name, decision in request.decisions.items()
            if name not in present and decision != "progress"]
    if late:
        first = {name: next((w.week for w in weeks if any(p.exercise == name
                                                          for p in w.exercises)), None)
                 for name in late}
        raise_all([HepgenError(not_started(name, first[name], request.from_week))
                   for name in late])


def build_plan(
    program: Program,
    exercises: Mapping[str, Exercise],
    request: PlanRequest,
    education: Mapping | None = None,
) -> Plan:
    """Turn a program and a request into a week-by-week plan. Same input, same plan.

    One thing changes per exercise per week. A week in which sessions rise, or a session
    exercise starts, holds every other dose; at most one exercise starts a week after the
    first; a lighter week takes about a third off every dose and never adds sessions or
    exercises; the week after it returns to the last full week's doses and starts no
    session exercise; a week's load grows by at most
    :data:`GROWTH` besides a starting exercise, steps held back last first.
    """
    total = _check(program, exercises, request)
    program = with_sessions(program, request.sessions)  # a clinician's cap on sessions a week
    full: dict[str, _State] = {}  # each exercise's dose in its last full (not lighter) week
    done: dict[str, _State] = {}  # what each exercise's last week actually asked for
    weeks: list[Week] = []
    sessions = program.sessions_start
    last_load = 0
    for number in range(1, total + 1):
        phase = _phase(program.phases, number)
        deload = rules.is_deload(number, total, program.deload_every)
        items = [i for i in phase.items if i.exercise not in request.exclude]
        after_deload = bool(weeks) and weeks[-1].deload
        new = [i.exercise for i in items if i.exercise not in full]
        if number > 1:  # one new exercise a week; none in a lighter week, and no session
            # exercise in the week after it, which returns to the last full week's work
            new = [] if deload else [name for name in new[:1] if not after_deload
                                     or exercises[name].kind == "activity"]
        starts = any(exercises[name].kind != "activity" for name in new)
        planned = rules.sessions_for_week(number, total, program.sessions_start,
                                          program.sessions_end)
        # sessions rise in a week without a lighter load or a new session exercise (an
        # activity such as walking is done outside the sessions)
        rise = number > 1 and planned > sessions and not deload and not starts
        sessions += rise
        kind = _WeekKind(number, deload, after_deload, number > 1 and (rise or starts))
        tailored = {i.exercise: _tailor(_as_pyramid(exercises[i.exercise], i.pyramid),
                                        request.choices.get(i.exercise), dict(i.cap))
                    for i in items if i.exercise in full or i.exercise in new}
        rows = [_row(tailored[i.exercise], i, program, request, kind, full.get(i.exercise),
                     done.get(i.exercise)) for i in items if i.exercise in tailored]

        seconds = [_seconds(tailored[r.name], r.state, r.dose) for r in rows]
        limit = program.max_minutes * 60 if program.max_minutes else None
        starting = sum(t for r, t in zip(rows, seconds) if r.before is None)
        grow_limit = None if deload or kind.after_deload or kind.whole or number == 1 else \
            int(last_load * GROWTH) + rules.weekly_load(sessions, starting)
        for i in reversed(range(len(rows))):  # undo this week's steps, last first, until it fits
            fits_time = limit is None or sum(seconds) <= limit
            if fits_time and (grow_limit is None or
                              rules.weekly_load(sessions, sum(seconds)) <= grow_limit):
                break
            row = rows[i]
            if row.change in STEPS and row.before is not None:
                rows[i] = _Row(row.name, row.before, row.before.dose,
                               Change.SAME if fits_time else Change.TIME_CAP, row.before)
                seconds[i] = _seconds(tailored[row.name], row.before, row.before.dose)

        for row in rows:
            if row.change != Change.DELOAD:
                full[row.name] = _State(row.state.rung, row.dose)
            done[row.name] = _State(row.state.rung, row.dose)
        start = request.start + timedelta(weeks=number - 1)
        week = Week(
            week=number,
            start=start,
            phase=phase.name,
            focus=phase.focus,
            sessions=sessions,
            deload=deload,
            minutes=rules.minutes(sum(seconds)),
            exercises=tuple(_prescription(tailored[r.name], r.state, r.dose, r.change)
                            for r in rows),
            days=session_days(start, sessions, request.days),
            seconds=sum(seconds),
        )
        weeks.append(week)
        if not deload:
            last_load = week.load

    _started_by_review(weeks, request)
    used = [_tailor(exercises[name], request.choices.get(name))
            for name in program.exercise_ids if name not in request.exclude]
    sections = tuple(education[s] for s in program.education) if education else ()
    shown = tuple(w for w in weeks if w.week >= request.from_week)
    return Plan(
        program_id=program.id, program_title=program.title, program_summary=program.summary,
        level=request.level, start=shown[0].start, weeks=shown,
        patient=request.patient, clinician=request.clinician, clinic=request.clinic,
        contact=request.contact,
        notes=request.notes, exercises=tuple(used), education=sections,
        exercise_notes={n: c.note for n, c in request.choices.items() if c.note},
        total_weeks=total, cautions=program.cautions, lang=request.lang,
    )
