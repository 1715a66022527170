"""`hepgen validate` on broken files: one clear `file:line:col: ...` line each, exit 1."""

from __future__ import annotations

import re

import pytest
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


def _alias_bomb() -> str:
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefghi"):
        bomb.append(f"{name}: &{name} [" + ", ".join([f"*{'abcdefghi'[i]}"] * 10) + "]")
    return "\n".join(bomb) + "\n"


def _program(old: str = "", new: str = "") -> str:
    return PROGRAM.replace(old, new) if old else PROGRAM


_SIX = "".join(f"      - exercise: {e}\n" for e in
               ["plank", "bird-dog", "cat-cow", "back-extension", "hamstring-stretch", "plank"])

BROKEN = [
    # (what, file text, file name, words the message must hold, (line, col) or line, or None)
    ("syntax", lambda: exercise_yaml(**{"reps: 3": "reps: [3, 4"}), None, ("syntax",), None),
    ("tab", lambda: exercise_yaml(**{"      reps: 3": "\treps: 3"}), None, ("tab", "spaces"), 18),
    ("unknown key", lambda: exercise_yaml(**{"    steps:": "    stpes:"}), None,
     ("unknown key 'stpes'", "did you mean 'steps'"), (9, 5)),
    ("unknown top-level key", lambda: exercise_yaml() + "colour: blue\n", None,
     ("unknown key 'colour'", "allowed here"), None),
    ("wrong type", lambda: exercise_yaml(**{"sets: 1": "sets: one"}), None,
     ("must be a whole number", "'one'"), 19),
    ("list for text", lambda: exercise_yaml(**{"name: Side plank\n": "name: [a, b]\n"}), None,
     ("must be text",), 2),
    ("negative", lambda: exercise_yaml(**{"start: 10": "start: -5"}), None, ("at least 1", "-5"), 17),
    ("absurd", lambda: exercise_yaml(**{"max: 30}": "max: 3000}"}), None, ("at most 120",), 17),
    ("start above max", lambda: exercise_yaml(**{"start: 10": "start: 40"}), None,
     ("start must not be above max",), 17),
    ("missing key", lambda: exercise_yaml(**{"    mistakes:\n      - Hips sagging.\n": ""}), None,
     ("missing required key 'mistakes'",), 7),  # the variant that lacks it
    ("empty", lambda: "# nothing here yet\n\n", None, ("empty",), None),
    ("duplicate key", lambda: exercise_yaml(**{"kind: hold\n": "kind: hold\nkind: reps\n"}), None,
     ("duplicate key 'kind'", "line 3"), 4),
    ("python tag", lambda: exercise_yaml(
        **{"name: Side plank\n": "name: !!python/object/apply:os.system ['echo hacked']\n"}), None,
     ("not allowed", "python"), 2),
    ("alias bomb", _alias_bomb, None, ("aliases",), None),
    ("binary", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), None,
     ("binary",), None),
    ("not UTF-8", lambda: exercise_yaml().replace("Side plank\n", "Side plank caf\xe9\n")
     .encode("latin-1"), None, ("UTF-8",), 2),
    ("too big", lambda: "a: " + "x" * 400_000 + "\n", None, ("too big",), None),
    ("id is not the file name", exercise_yaml, "exercises/other.yaml",
     ("does not match the file name",), 1),
    ("variant id used twice", lambda: exercise_yaml(**{"id: side-plank-knees": "id: knee-plank"}),
     None, ("knee-plank", "unique across the library"), None),
    ("unknown exercise", lambda: _program("- exercise: plank", "- exercise: plankk"),
     "programs/my-program.yaml", ("unknown exercise 'plankk'", "did you mean 'plank'"), (12, 19)),
    ("unknown variant", lambda: _program("advanced: forearm-plank", "advanced: forearm-plonk"),
     "programs/my-program.yaml", ("'forearm-plonk' is not a variant of plank", "forearm-plank"),
     None),
    ("weeks out of order", lambda: _program("{default: 4, min: 4, max: 8}",
                                            "{default: 10, min: 4, max: 8}"),
     "programs/my-program.yaml", ("min ≤ default ≤ max",), 4),
    ("six exercises in a phase", lambda: _program("      - exercise: plank\n", _SIX),
     "programs/my-program.yaml", ("at most 5",), None),
]


@pytest.mark.parametrize("text, name, words, where", [case[1:] for case in BROKEN],
                         ids=[case[0] for case in BROKEN])
def test_a_broken_file_gets_one_placed_line(run, tmp_path, text, name, words, where):
    folder, _, file_name = (name or "exercises/side-plank.yaml").partition("/")
    line, col, msg = check(run, tmp_path, text(), name=file_name, folder=folder, want=words[0])
    assert [w for w in words if w not in msg] == [], msg
    if isinstance(where, tuple):
        assert (line, col) == where, msg
    elif where is not None:
        assert line == where, msg


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
