"""Patient text reads at about age 11 to 12: short sentences and common words.

The measure is the Flesch-Kincaid grade level (a US school grade; grade 6 to 7 is age 11 to
13), computed by a small function here over every patient-facing string of the library and
of clinical.py. Sources and ids are not patient text and are left out.
"""

from __future__ import annotations

import re

from conftest import ROOT
from datetime import date

from generator import PlanRequest, build_plan, clinical, growth, intake
from generator.library import load_library

FILE_GRADE = 6.0  # a whole file's text, taken together: about age 11 to 12
STRING_GRADE = 10.0  # any one line of 10 words or more on its own; shorter lines swing too much
LONG = 10

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|\d+")  # a number counts as a short word


def syllables(word: str) -> int:
    """Vowel groups, less a silent final e; at least one.

    >>> [syllables(w) for w in ("back", "exercise", "physiotherapist", "gentle", "relaxed")]
    [1, 3, 5, 2, 2]
    """
    word = word.lower()
    if word.isdigit():
        return 1
    count = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    if word.endswith("ed") and not word.endswith(("ted", "ded")) and count > 1:
        count -= 1
    return max(1, count)


def counts(texts: list[str], word: re.Pattern, syllables) -> tuple[int, int, int]:
    """Words, sentences and syllables in some texts (any language: *word* finds its words,
    *syllables* counts a word's); each text ends at least one sentence."""
    words = sentences = syllable_count = 0
    for text in texts:
        found = word.findall(text)
        if not found:
            continue
        words += len(found)
        syllable_count += sum(syllables(w) for w in found)
        sentences += max(1, len(re.findall(r"[.!?:;]+(?:\s|$)", text.strip() + " ")))
    return words, sentences, syllable_count


def grade(texts: list[str]) -> float:
    """Flesch-Kincaid grade of some texts; each text ends at least one sentence.

    >>> round(grade(["The cat sat on the mat."]), 1)
    -1.4
    >>> grade(["Notwithstanding considerable methodological heterogeneity, physiotherapeutic "
    ...        "interventions demonstrate moderate effectiveness."]) > 12
    True
    """
    words, sentences, syllable_count = counts(texts, _WORD, syllables)
    if not words:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syllable_count / words - 15.59


def patient_texts() -> dict[str, list[str]]:
    """Every string a patient reads, by the file it comes from."""
    library = load_library()
    out: dict[str, list[str]] = {}
    for exercise in library.exercises.values():
        texts = [exercise.name, exercise.purpose, *exercise.stop_if, *exercise.cautions]
        for v in exercise.variants:
            texts += [v.name, v.summary, *v.steps, *v.cues, *v.mistakes, *v.stop_if, *v.cautions]
        out[exercise.file] = [t for t in texts if t]
    for program in library.programs.values():
        texts = [program.title, program.summary, *program.cautions]
        texts += [t for phase in program.phases for t in (phase.name, phase.focus) if t]
        out[program.file] = texts
    for section in library.education.values():
        out[section.file] = [section.title, section.intro, *section.points]
    texts = []
    for name in dir(clinical):
        value = getattr(clinical, name)
        if name.isupper() and isinstance(value, str):
            texts.append(value)
        elif name.isupper() and isinstance(value, tuple):
            for item in value:
                texts += list(item) if isinstance(item, tuple) else [item]
    out["generator/clinical.py"] = texts
    texts = [intake.NO_PLAN, intake.EMERGENCY_STOP, intake.DOCTOR_STOP]
    for stop in (intake.PREGNANCY_STOP, intake.PAIN_STOP):
        texts += [stop.title, *stop.signs, stop.advice]
    for question in (*intake.SAFETY, intake.PAIN, intake.LEG, intake.PROGRAM, intake.LEVEL,
                     *intake.SETTINGS):
        texts += [question.text, *(label for _, label in question.options)]
    for answers in ({"pain": 7, "leg": True}, {"pain": 3, "leg": True}):
        texts += list(intake.route(answers)[2])
    out["generator/intake.py"] = texts
    texts = []
    for name, program in sorted(library.programs.items()):
        for weeks in (program.weeks_min, program.weeks_max):
            plan = build_plan(program, library.exercises, PlanRequest(start=date(2027, 1, 4),
                                                                      weeks=weeks))
            texts += growth.what_grows(plan) + growth.dose_notes(plan)
    out["generator/growth.py"] = texts
    return out


def test_patient_text_reads_at_age_eleven_to_twelve():
    problems = []
    for file, texts in sorted(patient_texts().items()):
        worst = sorted(texts, key=lambda t: grade([t]), reverse=True)
        too_hard = [t for t in worst if grade([t]) > STRING_GRADE and len(_WORD.findall(t)) >= LONG]
        if grade(texts) > FILE_GRADE or too_hard:
            shown = "; ".join(f"{grade([t]):.1f} '{t}'" for t in (too_hard or worst)[:3])
            problems.append(f"{file}: grade {grade(texts):.1f} (bar {FILE_GRADE}); "
                            f"hardest: {shown}")
    assert not problems, "patient text too hard to read:\n" + "\n".join(problems)


def test_every_file_is_measured():
    """The measure covers the whole library, so a new file cannot slip past it."""
    measured = set(patient_texts())
    for folder in ("exercises", "programs", "education"):
        for path in (ROOT / folder).glob("*.yaml"):
            assert any(m.endswith(f"{folder}/{path.name}") for m in measured), path


def test_the_measure_fails_hard_text():
    hard = ("Contraindicated in symptomatic lumbar spondylolisthesis, degenerative "
            "spinal stenosis and facet arthropathy unless otherwise indicated by your clinician.")
    assert grade([hard]) > STRING_GRADE
    assert grade(["Lie on your back. Bend your knees."]) < FILE_GRADE
