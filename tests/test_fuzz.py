"""Fuzzing: random valid requests always render a readable PDF; random bad input always
gets a clean one-line error, never a traceback.

CI runs a short pass. For a long pass by hand:

    HYPOTHESIS_PROFILE=long pytest tests/test_fuzz.py
"""

from __future__ import annotations

import io
import os
import re
from datetime import date, timedelta

from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from conftest import ROOT, exercise_yaml
from generator.cli import cli
from generator.engine import PlanRequest, build_plan
from generator.library import load_library
from generator.models import LEVELS
from generator.pdf import render_pdf

settings.register_profile("ci", max_examples=12, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("long", max_examples=int(os.environ.get("HEPGEN_FUZZ_EXAMPLES", 1500)), deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

LIB = load_library()
LINE = re.compile(r"^hepgen: error: .+")
# names as people type them: letters from many languages, apostrophes, markup characters
NAMES = st.text(alphabet=st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ '-.&<>\"ëéüößçñŁłŻżóćąęśźńØøÅå")),
    max_size=80)


NOTES = st.text(alphabet=st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ0123456789.,;:!?()[]{}/-–—'\"&<>%ëéüößçñŁłŻżó×°½")),
    max_size=300)


@st.composite
def valid_requests(draw):
    program = LIB.programs[draw(st.sampled_from(sorted(LIB.programs)))]
    weeks = draw(st.integers(program.weeks_min, min(program.weeks_max, 16)))
    ids = list(program.exercise_ids)
    exclude = draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids) - 1))
    assume(all(not {i.exercise for i in p.items} <= set(exclude) for p in program.phases))
    most = program.sessions_end
    days = draw(st.none() | st.lists(st.integers(0, 6), unique=True, min_size=most, max_size=7)
                .map(lambda d: tuple(sorted(d))))
    return program, PlanRequest(
        weeks=weeks, start=date(2027, 1, 4) + timedelta(days=draw(st.integers(0, 400))),
        level=draw(st.sampled_from(LEVELS)), exclude=tuple(exclude), days=days,
        patient=draw(NAMES), clinician=draw(NAMES), clinic=draw(NAMES),
        notes=draw(NOTES),
    )


@given(valid_requests(), st.sampled_from(["a4", "letter"]), st.booleans())
def test_every_valid_request_renders_a_readable_pdf(case, paper, large):
    program, request = case
    plan = build_plan(program, LIB.exercises, request, LIB.education)
    data = render_pdf(plan, paper=paper, large_print=large)
    reader = PdfReader(io.BytesIO(data), strict=True)
    assert "Page 1 of" in reader.pages[0].extract_text()
    whole = "\n".join(page.extract_text() for page in reader.pages)
    for heading in ("Your plan at a glance", "Your exercises", "Your log", "When to get help"):
        assert heading in whole  # every section, however few pages it takes


@given(st.text(max_size=60))
def test_any_text_renders_or_gets_a_clear_error(text):
    from generator import HepgenError

    program = LIB.programs["back-spasm-recovery"]
    request = PlanRequest(weeks=4, start=date(2027, 1, 4), patient=text[:80], notes=text)
    try:
        data = render_pdf(build_plan(program, LIB.exercises, request, LIB.education))
    except HepgenError as error:
        assert any(words in str(error) for words in ("cannot print", "control character",
                                                      "line break")), str(error)
    else:
        PdfReader(io.BytesIO(data), strict=True)


def _clean(result) -> None:
    """Exit 0, 1 or 2; errors on their own lines; never a traceback."""
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        assert all(LINE.match(line) for line in result.stderr.strip().splitlines()), result.stderr


TOKENS = st.one_of(st.text(max_size=12), st.sampled_from(
    ["0", "-1", "53", "6", "2027-01-04", "2027-02-30", "mon,wed", "mon,mon,fri", "plank",
     "plankk", "beginner", "expert", "", "a4", "desk-worker", "∞", "1e9"]))
OPTIONS = ["--weeks", "--start", "--level", "--days", "--exclude", "--patient", "--notes",
           "--from-week", "--hold", "--regress", "--paper"]


@given(st.lists(st.tuples(st.sampled_from(OPTIONS), TOKENS), max_size=4),
       st.one_of(st.none(), TOKENS))
def test_random_command_lines_never_crash(pairs, program):
    args = ["generate", "--format", "json", "-o", "-"]
    if program is not None:
        args.insert(1, program)
    for option, value in pairs:
        args += [option, value]
    _clean(CliRunner().invoke(cli, args))


PLAN = (ROOT / "tests" / "data" / "plan.yaml")


def _mutations():
    """A valid file, changed a little: a line dropped, doubled, or a value replaced."""
    return st.tuples(st.sampled_from(["drop", "double", "replace", "insert"]),
                     st.integers(0, 40), TOKENS)


def _mutate(text: str, how: str, index: int, token: str) -> str:
    lines = text.splitlines()
    i = index % len(lines)
    if how == "drop":
        del lines[i]
    elif how == "double":
        lines.insert(i, lines[i])
    elif how == "replace" and ":" in lines[i]:
        key = lines[i].split(":", 1)[0]
        lines[i] = f"{key}: {token}"
    else:
        lines.insert(i, token)
    return "\n".join(lines) + "\n"


@given(_mutations())
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_mutated_plan_files_never_crash(tmp_path, mutation):
    path = tmp_path / "plan.yaml"
    path.write_text(_mutate(PLAN.read_text(), *mutation), encoding="utf-8")
    _clean(CliRunner().invoke(cli, ["generate", "--plan-file", str(path), "--format", "json", "-o", "-"]))


@given(_mutations())
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_mutated_exercise_files_never_crash(tmp_path, mutation):
    folder = tmp_path / "exercises"
    folder.mkdir(exist_ok=True)
    path = folder / "side-plank.yaml"
    path.write_text(_mutate(exercise_yaml(), *mutation), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    _clean(result)
    if result.exit_code == 1:
        assert all(re.match(rf"^hepgen: error: {re.escape(str(path))}(:\d+:\d+)?: ", line)
                   for line in result.stderr.strip().splitlines()), result.stderr


@given(st.binary(max_size=400))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_random_bytes_as_a_library_file(tmp_path, blob):
    folder = tmp_path / "exercises"
    folder.mkdir(exist_ok=True)
    path = folder / "junk.yaml"
    path.write_bytes(blob)
    result = CliRunner().invoke(cli, ["validate", str(path)])
    _clean(result)
    assert result.exit_code == 1


# --- hostile values in every text field: dates, control characters, extreme years ---------

TEXT_FIELDS = ("patient", "clinician", "clinic", "notes", "logo", "program", "start", "weeks",
               "sessions", "level", "days", "exclude", "paper", "large_print")
HOSTILE_WORDS = st.sampled_from(
    ["2027-01-04", "9999-12-27", "9999-12-31", "0001-01-01", "0001-01-03", "1900-02-29",
     "10000-01-01", "2027-01-04T10:00:00", "1e400", "-0", "~", "null", "yes", ".inf"])
CONTROL = st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Lu", "Ll", "Zs"]),
                  max_size=20)
HOSTILE = st.one_of(HOSTILE_WORDS, CONTROL)


def _yaml_value(value: str, raw: bool) -> str:
    """*value* written bare (YAML reads dates and numbers) or as a quoted string."""
    import json

    return value if raw and value.isprintable() and value.strip() == value and value else json.dumps(value)


@given(st.dictionaries(st.sampled_from(TEXT_FIELDS + ("note", "pin")),
                       st.tuples(HOSTILE, st.booleans()), min_size=1, max_size=4),
       st.sampled_from(["json", "txt", "ics", "pdf", "html"]))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_hostile_values_in_a_plan_file(tmp_path, fields, fmt):
    lines = []
    for key, (value, raw) in fields.items():
        if key in ("note", "pin"):
            lines.append(f"exercises:\n  plank:\n    {key}: {_yaml_value(value, raw)}")
        else:
            lines.append(f"{key}: {_yaml_value(value, raw)}")
    path = tmp_path / "plan.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _clean(CliRunner().invoke(cli, ["generate", "--plan-file", str(path), "--format", fmt, "-o", "-"]))


@given(st.lists(st.tuples(st.sampled_from(["--patient", "--clinician", "--clinic", "--notes",
                                           "--start", "--logo", "--days", "--exclude"]),
                          HOSTILE), max_size=3),
       st.sampled_from(["json", "txt", "ics", "pdf", "html", "preview"]))
def test_hostile_values_on_the_command_line(pairs, fmt):
    args = ["preview"] if fmt == "preview" else ["generate", "--format", fmt, "-o", "-"]
    for option, value in pairs:
        args += [option, value.replace("\x00", "")]  # a NUL cannot be passed in argv
    result = CliRunner().invoke(cli, args)
    _clean(result)
    if fmt in ("txt", "preview"):  # what reaches a terminal: no escapes, no reordering
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e"
                             "\u2066-\u2069]", result.output), repr(result.output[:200])


@given(st.lists(st.tuples(st.sampled_from(["patient", "clinician", "clinic", "notes", "start",
                                           "logo", "weeks", "days", "exclude", "sessions"]),
                          HOSTILE), min_size=1, max_size=3))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_hostile_values_in_a_batch_row(tmp_path, cells):
    import csv as csv_module

    row = dict(cells)
    path = tmp_path / "list.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv_module.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", str(path), "--out-dir", str(out), "--jobs", "1",
                                      "--format", "ics", "--overwrite"])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    problems = [line for line in result.stderr.splitlines() if "error" in line]
    assert all(LINE.match(line) for line in problems), result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Wrote ") or LINE.match(last), result.stderr  # the rows, or the file
