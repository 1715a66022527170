"""The library's values: exercises, their variants and doses, programs and education.

Frozen dataclasses built by :mod:`generator.builders` from validated YAML. They hold no
behaviour beyond small derived facts, so the engine and renderers can trust them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .figures.pose import Figure

LEVELS = ("beginner", "intermediate", "advanced")
DEFAULT_PROGRAM = "back-spasm-recovery"
DOSE_FIELDS = ("hold_s", "reps", "sets")


@dataclass(frozen=True)
class Window:
    """Where one number of a dose starts, how much it grows in a week, and its ceiling.

    >>> Window(10, 5, 30).grow(25), Window(10, 5, 30).grow(30)
    (30, 30)
    """

    start: int
    step: int
    max: int

    def grow(self, value: int) -> int:
        return min(self.max, value + self.step)

    @property
    def fixed(self) -> bool:
        return self.step == 0 or self.start == self.max


@dataclass(frozen=True)
class DoseWindow:
    """A variant's dose: its windows for hold, reps and sets, plus rest and tempo."""

    reps: Window
    sets: Window
    rest_s: int
    hold_s: Window | None = None
    tempo_s: int = 4
    progress: tuple[str, ...] = DOSE_FIELDS
    drop: int = 0  # reps fewer in each later set: a descending pyramid such as 5-3-1
    minutes: Window | None = None  # an activity's minutes a day (then reps = sets = 1)

    def window(self, name: str) -> Window | None:
        return getattr(self, name)


@dataclass(frozen=True)
class Variant:
    id: str
    name: str
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    mistakes: tuple[str, ...]
    dose: DoseWindow
    per_side: bool = False
    summary: str = ""
    video: str | None = None
    figure: Figure | None = field(default=None, compare=False, hash=False)
    stop_if: tuple[str, ...] = ()  # only for this variant, besides the exercise's own
    cautions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    kind: str
    purpose: str
    variants: tuple[Variant, ...]
    stop_if: tuple[str, ...]
    cautions: tuple[str, ...] = ()
    also_daily: bool = False
    sources: tuple[str, ...] = ()
    file: str = ""

    def rung(self, variant_id: str) -> int:
        """The index of a variant in the ladder (0 = easiest)."""
        for index, variant in enumerate(self.variants):
            if variant.id == variant_id:
                return index
        raise KeyError(variant_id)

    def not_a_variant(self, variant_id: str) -> str | None:
        """None if *variant_id* is one of this exercise's variants, else why not."""
        ids = [variant.id for variant in self.variants]
        if variant_id in ids:
            return None
        from .errors import did_you_mean

        return f"'{variant_id}' is not a variant of {self.id}{did_you_mean(variant_id, ids)}"


@dataclass(frozen=True)
class PhaseItem:
    exercise: str
    up_to: str | None = None
    cap: tuple[tuple[str, int], ...] = ()  # ceilings on hold_s/reps/sets in this phase
    pyramid: tuple[int, int, int] | None = None  # (start, drop, max) reps of a descending pyramid


@dataclass(frozen=True)
class Phase:
    name: str
    from_week: int
    items: tuple[PhaseItem, ...]
    focus: str = ""


@dataclass(frozen=True)
class Program:
    id: str
    title: str
    summary: str
    weeks_default: int
    weeks_min: int
    weeks_max: int
    sessions_start: int
    sessions_end: int
    start: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    phases: tuple[Phase, ...]
    deload_every: int | None = None
    max_minutes: int | None = None
    education: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    file: str = ""
    cautions: tuple[str, ...] = ()  # printed on the cover

    def start_variant(self, exercise: str, level: str) -> str:
        return dict(dict(self.start)[exercise])[level]

    @property
    def exercise_ids(self) -> tuple[str, ...]:
        """Every exercise the program uses, in order of first appearance."""
        seen: dict[str, None] = {}
        for phase in self.phases:
            for item in phase.items:
                seen.setdefault(item.exercise)
        return tuple(seen)


@dataclass(frozen=True)
class EducationSection:
    id: str
    title: str
    points: tuple[str, ...]
    intro: str = ""
    sources: tuple[str, ...] = ()
    file: str = ""


@dataclass(frozen=True)
class Library:
    exercises: dict[str, Exercise] = field(hash=False)
    programs: dict[str, Program] = field(hash=False)
    education: dict[str, EducationSection] = field(hash=False)
    extra: tuple[str, ...] = ()  # the extra library folders it was loaded with
    lang: str = "en"  # the language of its text
    missing: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    """Per file ('exercise:plank'), the texts printed in English for want of a translation into *lang*
    ("" alone: the file has no translation at all)."""

    def variant(self, variant_id: str) -> tuple[Exercise, Variant]:
        for exercise in self.exercises.values():
            for variant in exercise.variants:
                if variant.id == variant_id:
                    return exercise, variant
        raise KeyError(variant_id)
