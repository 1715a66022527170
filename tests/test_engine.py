"""The progression engine's invariants, over random requests (hypothesis)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import MONDAY
from test_clinical_rules import problems
from generator import HepgenError, PlanRequest, build_plan
from generator.engine import _as_pyramid
from generator.library import load_library
from generator.models import LEVELS
from generator.progression import Dose

LIB = load_library()


@st.composite
def requests(draw):
    program = LIB.programs[draw(st.sampled_from(sorted(LIB.programs)))]
    weeks = draw(st.integers(program.weeks_min, program.weeks_max))
    ids = list(program.exercise_ids)
    exclude = draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids) - 1))
    assume(all(not {i.exercise for i in phase.items} <= set(exclude) for phase in program.phases))
    start = MONDAY + timedelta(days=draw(st.integers(-400, 400)))
    return program, PlanRequest(weeks=weeks, start=start, level=draw(st.sampled_from(LEVELS)),
                                exclude=tuple(exclude))


def dose_of(p) -> Dose:
    return Dose(p.sets, p.reps, p.hold_s, p.drop, p.minutes)


def one_step_apart(window, before: Dose, after: Dose) -> bool:
    changed = [f for f in ("sets", "reps", "hold_s") if getattr(before, f) != getattr(after, f)]
    if not changed:
        return True
    if len(changed) != 1:
        return False
    field = changed[0]
    return 0 < getattr(after, field) - getattr(before, field) <= getattr(window, field).step


@settings(max_examples=150, deadline=None)
@given(requests())
def test_invariants(case):
    program, request = case
    plan = build_plan(program, LIB.exercises, request)
    assert len(plan.weeks) == request.weeks
    assert problems(plan.to_dict(), program.id, lighter=(0.0, 0.9)) == []  # with exclusions too
    # dates are consecutive weeks from the start
    for i, week in enumerate(plan.weeks):
        assert week.week == i + 1
        assert week.start == request.start + timedelta(weeks=i)
        assert 1 <= week.sessions <= 7 and week.minutes >= 1
    # sessions never fall, from the program's start towards its end count, one at a time,
    # never rising in a lighter week
    sessions = [w.sessions for w in plan.weeks]
    assert sessions == sorted(sessions)
    assert sessions[0] == program.sessions_start and sessions[-1] <= program.sessions_end
    for before, week in zip(plan.weeks, plan.weeks[1:]):
        assert week.sessions - before.sessions <= (0 if week.deload else 1)
        # a lighter week lowers the whole week's load (sessions x a session's seconds)
        if week.deload:
            assert week.load <= 0.9 * before.load, (week.week, before.load, week.load)
    # at most five exercises a session, none excluded
    for week in plan.weeks:
        names = [p.exercise for p in week.exercises]
        assert 1 <= len([p for p in week.exercises if not p.daily]) <= 5  # walking is extra
        assert not set(names) & set(request.exclude)

    last: dict[str, tuple] = {}  # exercise -> (rung, dose) of its last normal week
    for week in plan.weeks:
        phase = next(ph for ph in reversed(program.phases) if ph.from_week <= week.week)
        pyramids = {i.exercise: i.pyramid for i in phase.items}
        for p in week.exercises:
            exercise = _as_pyramid(LIB.exercises[p.exercise], pyramids[p.exercise])
            variant = exercise.variants[p.rung]
            window = variant.dose
            dose = dose_of(p)
            # every dose within its variant's window (a lighter week may go below it)
            if week.deload:
                assert p.sets <= window.sets.max and p.reps <= window.reps.max
            else:
                assert window.sets.start <= p.sets <= window.sets.max
                assert window.reps.start <= p.reps <= window.reps.max
            if window.hold_s is None:
                assert p.hold_s is None
            else:
                assert p.hold_s <= window.hold_s.max
                assert week.deload or window.hold_s.start <= p.hold_s
            if p.exercise not in last:
                assert p.change == "start"
                assert p.variant == program.start_variant(p.exercise, request.level)
            elif week.deload:
                rung, before = last[p.exercise]
                assert p.rung == rung and dose.volume() < before.volume()
                continue  # a deload does not move the plan on
            elif plan.weeks[week.week - 2].deload:  # back to the last full week's dose
                assert (p.rung, dose) == last[p.exercise]
            else:
                rung, before = last[p.exercise]
                if p.rung == rung:  # one step at most within the variant
                    assert one_step_apart(window, before, dose), (before, dose)
                else:  # or the next variant, from its start
                    assert p.rung == rung + 1 and p.change == "next variant"
                    assert (p.sets, p.reps, p.hold_s) == (window.sets.start, window.reps.start,
                                                          window.hold_s.start if window.hold_s else None)
            last[p.exercise] = (p.rung, dose)
    # phase caps hold
    for week in plan.weeks:
        phase = next(ph for ph in reversed(program.phases) if ph.from_week <= week.week)
        caps = {i.exercise: i.up_to for i in phase.items if i.up_to}
        for p in week.exercises:
            if p.exercise in caps:
                assert p.rung <= LIB.exercises[p.exercise].rung(caps[p.exercise])


@settings(max_examples=40, deadline=None)
@given(requests())
def test_deterministic(case):
    program, request = case
    assert build_plan(program, LIB.exercises, request) == build_plan(program, LIB.exercises, request)


def test_the_default_plan_progresses_every_exercise():
    program = LIB.programs["back-spasm-recovery"]
    plan = build_plan(program, LIB.exercises, PlanRequest(start=MONDAY))
    assert [w.sessions for w in plan.weeks] == [2, 2, 2, 2, 3, 3]  # never up in a lighter week
    assert [w.deload for w in plan.weeks] == [False, False, False, True, False, False]
    seen = {p.exercise for w in plan.weeks for p in w.exercises}
    assert seen == {"plank", "bird-dog", "back-extension", "cat-cow", "hamstring-stretch", "walking"}
    for name in seen:
        doses = [(p.rung, dose_of(p).volume()) for w in plan.weeks if not w.deload
                 for p in w.exercises if p.exercise == name]
        assert doses[-1] > doses[0], name  # a higher rung or more work by the end


def test_deload_week_is_lighter_than_the_week_before():
    """Issue #11: week 4 asked for 3 x ~9 min after week 3's 2 x ~11 min."""
    plan = build_plan(LIB.programs["back-spasm-recovery"], LIB.exercises, PlanRequest(start=MONDAY))
    before, deload, after = plan.weeks[2], plan.weeks[3], plan.weeks[4]
    assert deload.deload
    assert sum(dose_of(p).volume() for p in deload.exercises) < sum(dose_of(p).volume() for p in before.exercises)
    assert deload.sessions == before.sessions and deload.minutes < before.minutes
    assert deload.load <= 0.75 * before.load  # about a third less work for the week
    # the rise in sessions moves to the week after, with last full week's doses
    assert after.sessions == 3 and after.seconds == before.seconds
    assert {p.change for p in after.exercises if not p.daily} == {"same"}


def test_levels_choose_the_starting_variant():
    program = LIB.programs["back-spasm-recovery"]
    beginner = build_plan(program, LIB.exercises, PlanRequest(start=MONDAY, level="beginner"))
    advanced = build_plan(program, LIB.exercises, PlanRequest(start=MONDAY, level="advanced"))
    rungs = lambda plan: sum(p.rung for p in plan.weeks[0].exercises)
    assert rungs(advanced) > rungs(beginner)


def test_session_length_cap_holds_progress_back():
    program = dataclasses.replace(LIB.programs["back-care-maintenance"], max_minutes=5)
    plan = build_plan(program, LIB.exercises, PlanRequest(start=MONDAY, weeks=8, level="advanced"))
    changes = {p.change for w in plan.weeks for p in w.exercises}
    assert "time cap" in changes
    for week in plan.weeks[1:]:
        assert week.minutes <= max(5, plan.weeks[0].minutes)


@pytest.mark.parametrize("request_, message", [
    (PlanRequest(weeks=3), "4 to 12 weeks"),
    (PlanRequest(level="expert"), "unknown level"),
    (PlanRequest(exclude=("plankk",)), "did you mean 'plank'"),
    (PlanRequest(exclude=("plank", "bird-dog", "cat-cow", "back-extension", "hamstring-stretch",
                          "walking")),
     "every exercise"),
    (PlanRequest(patient="x" * 81), "keep it to 80"),
    (PlanRequest(exclude=("hamstring-stretch", "bird-dog", "cat-cow", "back-extension")),
     "phase 'Settle and move'.*no exercises left"),
])
def test_bad_requests(request_, message):
    with pytest.raises(HepgenError, match=message):
        build_plan(LIB.programs["back-spasm-recovery"], LIB.exercises, request_)


@st.composite
def reviews(draw):
    program = LIB.programs[draw(st.sampled_from(sorted(LIB.programs)))]
    weeks = draw(st.integers(program.weeks_min, min(program.weeks_max, 16)))
    from_week = draw(st.integers(2, weeks))
    level = draw(st.sampled_from(LEVELS))
    # the exercises under way by the review (one new a week: not every one of a phase)
    plan = build_plan(program, LIB.exercises, PlanRequest(weeks=weeks, start=MONDAY, level=level))
    started = sorted({p.exercise for w in plan.weeks[:from_week - 1] for p in w.exercises})
    assume(started)
    return program, weeks, from_week, started, level


@settings(max_examples=60, deadline=None)
@given(reviews())
def test_reissue_with_progress_everywhere_is_the_rest_of_the_plan(case):
    program, weeks, from_week, started, level = case
    full = build_plan(program, LIB.exercises, PlanRequest(weeks=weeks, start=MONDAY, level=level))
    again = build_plan(program, LIB.exercises, PlanRequest(
        weeks=weeks, start=MONDAY, level=level, from_week=from_week,
        decisions={name: "progress" for name in started}))
    assert again.weeks == full.weeks[from_week - 1:]


@settings(max_examples=60, deadline=None)
@given(reviews(), st.data())
def test_hold_repeats_last_week_and_regress_goes_back(case, data):
    program, weeks, from_week, started, level = case
    name = data.draw(st.sampled_from(started))
    decision = data.draw(st.sampled_from(["hold", "regress"]))
    full = build_plan(program, LIB.exercises, PlanRequest(weeks=weeks, start=MONDAY, level=level))
    again = build_plan(program, LIB.exercises, PlanRequest(
        weeks=weeks, start=MONDAY, level=level, from_week=from_week, decisions={name: decision}))
    def dose(plan, week):
        return next(((p.rung, dose_of(p)) for w in plan.weeks if w.week == week
                     for p in w.exercises if p.exercise == name), None)
    last, now = dose(full, from_week - 1), dose(again, from_week)
    assume(last is not None and now is not None)
    if decision == "hold":
        assert now == last
    else:  # always less than a hold, and at most one variant easier
        assert now[0] < last[0] or (now[0] == last[0] and now[1].volume() < last[1].volume())
        assert now[0] >= last[0] - 1
    assert [w.week for w in again.weeks] == list(range(from_week, weeks + 1))


def lighter_week(plan) -> int:
    return next(w.week for w in plan.weeks if w.deload)


def test_a_descending_pyramid_of_short_holds_grows_by_reps():
    """McGill's 5-3-1 of ~10 s holds, one more rep in every set each full week."""
    program = LIB.programs["back-spasm-recovery"]
    phases = tuple(dataclasses.replace(phase, items=tuple(
        dataclasses.replace(i, pyramid=(5, 2, 8)) if i.exercise == "bird-dog" else i
        for i in phase.items)) for phase in program.phases)
    plan = build_plan(dataclasses.replace(program, phases=phases), LIB.exercises,
                      PlanRequest(start=MONDAY, weeks=8))
    bird = [(w.week, p) for w in plan.weeks for p in w.exercises if p.exercise == "bird-dog"]
    assert bird[0][1].short() == "5-3-1 × 5 s"  # the all-fours brace holds 5 s
    assert bird[1][1].short() == "6-4-2 × 5 s"
    lighter = next(p for w, p in bird if plan.weeks[w - 1].deload)
    full = next(p for w, p in bird if w == lighter_week(plan) - 1)
    assert len(lighter.reps_per_set()) == 3  # every set shorter, about a third less
    assert sum(lighter.reps_per_set()) * 3 <= sum(full.reps_per_set()) * 2
    assert bird[0][1].sentence() == "3 sets of 5, then 3, then 1, holding 5 seconds each time, " \
                                    "30 seconds rest between sets"
    item = plan.to_dict()["weeks"][0]["exercises"][3]
    assert item["dose"] == "5-3-1 × 5 s" and item["reps_per_set"] == [5, 3, 1]
    # the minutes count every rep of every set, and the rests between sets
    plain = build_plan(program, LIB.exercises, PlanRequest(start=MONDAY, weeks=8))
    assert plan.weeks[0].seconds - plain.weeks[0].seconds == (9 - 6) * (5 + 3) + 2 * 30


def test_a_second_new_exercise_waits_a_week():
    """Desk plans add bird dog in week 2 and plank the week after, one a week."""
    plan = build_plan(LIB.programs["desk-worker"], LIB.exercises, PlanRequest(start=MONDAY))
    assert _first_weeks(plan)["bird-dog"] == 2 and _first_weeks(plan)["plank"] == 3


def _first_weeks(plan) -> dict[str, int]:
    first = {}
    for week in plan.weeks:
        for p in week.exercises:
            first.setdefault(p.exercise, week.week)
    return first


def test_no_exercise_starts_in_a_lighter_week_or_the_week_after():
    """Two exercises due in week 3: the second skips the lighter week 4 and week 5, which
    returns to week 3's work, and starts in week 6; the rest hold that week."""
    from dataclasses import replace

    program = LIB.programs["desk-worker"]
    late = replace(program, phases=(program.phases[0], replace(program.phases[1], from_week=3)))
    plan = build_plan(late, LIB.exercises, PlanRequest(start=MONDAY, weeks=8))
    assert _first_weeks(plan)["bird-dog"] == 3 and _first_weeks(plan)["plank"] == 6
    week5, week6 = plan.weeks[4], plan.weeks[5]
    assert week6.sessions == week5.sessions
    assert [p.change for p in week6.exercises if p.exercise != "plank"] == ["same"] * 4
