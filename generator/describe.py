"""What the library holds, for people: ``hepgen list`` and ``hepgen show``."""

from __future__ import annotations

import json

from .errors import HepgenError, did_you_mean
from .models import Exercise, Library, Program, Variant
from .wording import dose_limit, plural


def _window(label: str, window, unit: str = "") -> str:
    if window is None:
        return ""
    if window.fixed:
        return f"{label} {window.start}{unit}"
    return f"{label} {window.start}{unit} → {window.max}{unit} (+{window.step} a week)"


def variant_lines(variant: Variant, number: int) -> list[str]:
    dose = variant.dose
    parts = [_window("hold", dose.hold_s, " s"), _window("reps", dose.reps),
             _window("sets", dose.sets),
             # rest is between sets: none to tell where there is only ever one
             f"rest {dose.rest_s} s between sets" if dose.sets.max > 1 else ""]
    if dose.minutes is not None:  # an activity
        parts = [_window("minutes a day", dose.minutes), "outside the sessions"]
    lines = [f"{number}. {variant.name} [{variant.id}]"]
    if variant.summary:
        lines.append(f"   {variant.summary}")
    lines.append("   Dose: " + ", ".join(p for p in parts if p)
                 + ("; on each side" if variant.per_side else ""))
    lines.append("   Steps:")
    lines += [f"     {i}. {step}" for i, step in enumerate(variant.steps, 1)]
    lines.append("   Cues: " + " ".join(variant.cues))
    lines.append("   Common mistakes: " + " ".join(variant.mistakes))
    if variant.stop_if or variant.cautions:
        lines.append("   Stop if / take care: " + " ".join(variant.stop_if + variant.cautions))
    if variant.video:
        lines.append(f"   Video: {variant.video}")
    return lines


def exercise_text(exercise: Exercise) -> str:
    lines = [f"{exercise.name} [{exercise.id}] ({exercise.kind})", exercise.purpose, ""]
    if exercise.also_daily:
        lines += ["Gentle enough to do every day.", ""]
    lines.append("Variants, easiest first:")
    for number, variant in enumerate(exercise.variants, 1):
        lines += variant_lines(variant, number)
    lines += ["", "Stop if:"] + [f"  - {item}" for item in exercise.stop_if]
    if exercise.cautions:
        lines += ["Cautions:"] + [f"  - {item}" for item in exercise.cautions]
    if exercise.sources:
        lines += ["Sources:"] + [f"  - {item}" for item in exercise.sources]
    return "\n".join(lines)


def program_text(program: Program, library: Library) -> str:
    lines = [
        f"{program.title} [{program.id}]",
        program.summary,
        "",
        f"Weeks: {program.weeks_default} (allowed {program.weeks_min} to {program.weeks_max})",
        f"Sessions a week: {program.sessions_start} growing to {program.sessions_end}",
    ]
    if program.deload_every:
        lines.append(f"A lighter week every {program.deload_every} weeks")
    if program.max_minutes:
        lines.append(f"Sessions kept under about {program.max_minutes} minutes")
    if program.cautions:
        lines += ["On the cover, take care:"] + [f"  - {c}" for c in program.cautions]
    lines.append("")
    for phase in program.phases:
        lines.append(f"From week {phase.from_week}: {phase.name}")
        if phase.focus:
            lines.append(f"  {phase.focus}")
        for item in phase.items:
            notes = [f"up to {item.up_to}"] if item.up_to else []
            notes += [dose_limit(k, v) for k, v in item.cap]
            if item.pyramid:
                notes.append("descending pyramid, first set {0} to {2} reps, {1} fewer each set"
                             .format(*item.pyramid))
            if library.exercises[item.exercise].kind == "activity":
                notes.append("every day, outside the sessions")
            cap = f" ({'; '.join(notes)})" if notes else ""
            lines.append(f"  - {library.exercises[item.exercise].name}{cap}")
    lines += ["", "Starting variants (beginner / intermediate / advanced):"]
    for exercise, levels in program.start:
        lines.append(f"  {exercise}: " + " / ".join(v for _, v in levels))
    if program.education:
        lines += ["", "Education: " + ", ".join(library.education[e].title for e in program.education)]
    return "\n".join(lines)


def describe(library: Library, ident: str) -> str:
    if ident in library.exercises:
        return exercise_text(library.exercises[ident])
    if ident in library.programs:
        return program_text(library.programs[ident], library)
    if ident in library.education:
        section = library.education[ident]
        lines = [f"{section.title} [{section.id}]"]
        if section.intro:
            lines.append(section.intro)
        return "\n".join(lines + [f"  - {point}" for point in section.points])
    try:
        exercise, variant = library.variant(ident)
    except KeyError:
        pass
    else:
        number = exercise.variants.index(variant) + 1
        return "\n".join([f"A variant of {exercise.name} [{exercise.id}]"]
                         + variant_lines(variant, number))
    known = [*library.exercises, *library.programs, *library.education,
             *(v.id for e in library.exercises.values() for v in e.variants)]
    raise HepgenError(f"nothing called '{ident}'{did_you_mean(ident, known)} (see 'hepgen list')")


def _groups(library: Library) -> dict[str, list[tuple[str, str, str]]]:
    """(id, name, detail) rows for each kind of thing the library holds, sorted by id."""
    return {
        "programs": sorted((p.id, p.title, f"{p.weeks_default} weeks")
                           for p in library.programs.values()),
        "exercises": sorted((e.id, e.name, f"{plural(len(e.variants), 'variant')}: "
                             + ", ".join(v.id for v in e.variants))
                            for e in library.exercises.values()),
        "education": sorted((s.id, s.title, "") for s in library.education.values()),
    }


def listing(library: Library, kinds: tuple[str, ...]) -> str:
    """``hepgen list``: each kind's ids and names in aligned columns."""
    groups, lines = _groups(library), []
    for kind in kinds:
        lines.append(f"{kind.capitalize()}:")
        width = max((len(r[0]) for r in groups[kind]), default=0)
        lines += [f"  {ident:<{width}}  {name}" + (f"  ({extra})" if extra else "")
                  for ident, name, extra in groups[kind]]
    return "\n".join(lines) + "\n"


def listing_json(library: Library, kinds: tuple[str, ...]) -> str:
    """``hepgen list --json``: ids and names, for scripts."""
    groups = _groups(library)
    return json.dumps({k: [{"id": i, "name": n} for i, n, _ in groups[k]] for k in kinds},
                      indent=2, ensure_ascii=False) + "\n"


def _share(done: int, total: int) -> str:
    """'100%', '97% (3 of 118 left)'.

    >>> _share(118, 118), _share(115, 118), _share(0, 0)
    ('100%', '97% (3 of 118 left)', '100%')
    """
    if done >= total:
        return "100%"
    return f"{100 * done // total}% ({total - done} of {total} left)"


def languages_table(rows: list[dict]) -> str:
    """``hepgen list --languages``: one line per language."""
    lines = ["Languages (--lang):"]
    for row in rows:
        lines.append(f"  {row['lang']:<4}{row['name']:<12}fixed text {_share(*row['fixed']):<24}"
                     f"library {_share(*row['library'])}")
    lines.append("Missing library text: hepgen validate --lang CODE. Adding a language: see the "
                 "README.")
    return "\n".join(lines) + "\n"


def languages_json(rows: list[dict]) -> str:
    import json

    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
