"""`hepgen validate` on broken files: one clear `file:line:col: ...` line each, exit 1."""

from __future__ import annotations

import re
import time


from conftest import exercise_yaml

LOCATED = re.compile(r"^hepgen: error: (?P<file>[^:]+\.ya?ml):(?P<line>\d+):(?P<col>\d+): (?P<msg>.+)$")


def check(run, tmp_path, text: str | bytes, name: str = "side-plank.yaml", folder="exercises",
          want: str = ""):
    """Validate one file; return (line, col, message) of its error (the one with *want*)."""
    target = tmp_path / folder
    target.mkdir(exist_ok=True)
    path = target / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert lines, "no error printed"
    for line in lines:
        assert "Traceback" not in line
    found = []
    for line in lines:
        match = LOCATED.match(line)
        assert match, line
        found.append((int(match["line"]), int(match["col"]), match["msg"]))
    return found[0] if len(found) == 1 or not want else next(f for f in found if want in f[2])


def test_the_valid_sample_passes(run, tmp_path):
    (tmp_path / "exercises").mkdir()
    path = tmp_path / "exercises" / "side-plank.yaml"
    path.write_text(exercise_yaml())
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
    assert "1 file checked: all good" in result.output


def test_syntax_error(run, tmp_path):
    line, col, msg = check(run, tmp_path, exercise_yaml(**{"reps: 3": "reps: [3, 4"}))
    assert "syntax" in msg or "missing" in msg
    assert line >= 17


def test_tab_indentation(run, tmp_path):
    line, col, msg = check(run, tmp_path, exercise_yaml(**{"      reps: 3": "\treps: 3"}))
    assert "tab" in msg and "spaces" in msg
    assert line == 18


def test_unknown_key_with_hint(run, tmp_path):
    line, col, msg = check(run, tmp_path, exercise_yaml(**{"    steps:": "    stpes:"}))
    assert "unknown key 'stpes'" in msg and "did you mean 'steps'" in msg
    assert (line, col) == (9, 5)


def test_unknown_top_level_key_lists_what_is_allowed(run, tmp_path):
    line, col, msg = check(run, tmp_path, exercise_yaml() + "colour: blue\n")
    assert "unknown key 'colour'" in msg and "allowed here" in msg


def test_wrong_type(run, tmp_path):
    line, col, msg = check(run, tmp_path, exercise_yaml(**{"sets: 1": "sets: one"}))
    assert "must be a whole number" in msg and "'one'" in msg
    assert line == 19


def test_list_where_text_belongs(run, tmp_path):
    line, col, msg = check(run, tmp_path, exercise_yaml(**{"name: Side plank\n": "name: [a, b]\n"}))
    assert "must be text" in msg


def test_negative_number(run, tmp_path):
    line, col, msg = check(run, tmp_path, exercise_yaml(**{"start: 10": "start: -5"}))
    assert "at least 1" in msg and "-5" in msg
    assert line == 17


def test_absurd_number(run, tmp_path):
    line, col, msg = check(run, tmp_path, exercise_yaml(**{"max: 30}": "max: 3000}"}))
    assert "at most 120" in msg


def test_start_above_max(run, tmp_path):
    line, col, msg = check(run, tmp_path, exercise_yaml(**{"start: 10": "start: 40"}))
    assert "start must not be above max" in msg


def test_missing_field(run, tmp_path):
    line, col, msg = check(run, tmp_path, exercise_yaml(**{"    mistakes:\n      - Hips sagging.\n": ""}))
    assert "missing required key 'mistakes'" in msg
    assert line == 7  # the variant that lacks it


def test_empty_file(run, tmp_path):
    line, col, msg = check(run, tmp_path, "# nothing here yet\n\n")
    assert "empty" in msg


def test_duplicate_key(run, tmp_path):
    line, col, msg = check(run, tmp_path, exercise_yaml(**{"kind: hold\n": "kind: hold\nkind: reps\n"}))
    assert "duplicate key 'kind'" in msg and "line 3" in msg
    assert line == 4


def test_python_tag(run, tmp_path):
    line, col, msg = check(run, tmp_path, exercise_yaml(
        **{"name: Side plank\n": "name: !!python/object/apply:os.system ['echo hacked']\n"}))
    assert "not allowed" in msg and "python" in msg
    assert line == 2


def test_alias_bomb_is_refused_quickly(run, tmp_path):
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        bomb.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    began = time.perf_counter()
    line, col, msg = check(run, tmp_path, "\n".join(bomb) + "\n")
    assert time.perf_counter() - began < 5
    assert "aliases" in msg


def test_binary_junk(run, tmp_path):
    line, col, msg = check(run, tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary" in msg


def test_not_utf8(run, tmp_path):
    line, col, msg = check(run, tmp_path, exercise_yaml().replace("Side plank\n", "Side plank caf\xe9\n").encode("latin-1"))
    assert "UTF-8" in msg
    assert line == 2


def test_oversized_file(run, tmp_path):
    line, col, msg = check(run, tmp_path, "a: " + "x" * 400_000 + "\n")
    assert "too big" in msg


def test_id_must_match_file_name(run, tmp_path):
    line, col, msg = check(run, tmp_path, exercise_yaml(), name="other.yaml")
    assert "does not match the file name" in msg


def test_duplicate_variant_id_across_library(run, tmp_path):
    line, col, msg = check(run, tmp_path, exercise_yaml(**{"id: side-plank-knees": "id: knee-plank"}))
    assert "knee-plank" in msg and "unique across the library" in msg


PROGRAM = """\
id: my-program
title: My program
summary: A short test program.
weeks: {default: 4, min: 4, max: 8}
sessions_per_week: {start: 2, end: 3}
start:
  plank: {beginner: knee-plank, intermediate: knee-plank, advanced: forearm-plank}
phases:
  - name: Only phase
    from_week: 1
    exercises:
      - exercise: plank
"""


def test_a_valid_program_passes(run, tmp_path):
    (tmp_path / "programs").mkdir()
    path = tmp_path / "programs" / "my-program.yaml"
    path.write_text(PROGRAM)
    result = run("validate", str(path))
    assert result.exit_code == 0, result.stderr


def test_unknown_exercise_in_program(run, tmp_path):
    text = PROGRAM.replace("- exercise: plank", "- exercise: plankk")
    line, col, msg = check(run, tmp_path, text, name="my-program.yaml", folder="programs",
                           want="unknown exercise")
    assert "unknown exercise 'plankk'" in msg and "did you mean 'plank'" in msg
    assert (line, col) == (12, 19)


def test_unknown_variant_in_program(run, tmp_path):
    text = PROGRAM.replace("advanced: forearm-plank", "advanced: forearm-plonk")
    line, col, msg = check(run, tmp_path, text, name="my-program.yaml", folder="programs")
    assert "'forearm-plonk' is not a variant of plank" in msg and "forearm-plank" in msg


def test_weeks_out_of_order(run, tmp_path):
    text = PROGRAM.replace("{default: 4, min: 4, max: 8}", "{default: 10, min: 4, max: 8}")
    line, col, msg = check(run, tmp_path, text, name="my-program.yaml", folder="programs")
    assert "min ≤ default ≤ max" in msg


def test_too_many_exercises_in_a_phase(run, tmp_path):
    many = "".join(f"      - exercise: {e}\n" for e in
                   ["plank", "bird-dog", "cat-cow", "back-extension", "hamstring-stretch", "plank"])
    text = PROGRAM.replace("      - exercise: plank\n", many)
    line, col, msg = check(run, tmp_path, text, name="my-program.yaml", folder="programs")
    assert "at most 5" in msg


def test_every_problem_is_reported(run, tmp_path):
    (tmp_path / "exercises").mkdir()
    path = tmp_path / "exercises" / "side-plank.yaml"
    path.write_text(exercise_yaml(**{"sets: 1": "sets: 0", "rest_s: 30": "rest_s: -1", "kind: hold": "kind: holdd"}))
    result = run("validate", str(path))
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3, lines
    assert "did you mean 'hold'" in lines[0]


def test_missing_path(run):
    result = run("validate", "no/such/file.yaml")
    assert result.exit_code == 1
    assert result.stderr.startswith("hepgen: error: no/such/file.yaml: no such file")
