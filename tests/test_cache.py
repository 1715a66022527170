"""The on-disk library cache: used when nothing changed, never stale, never in the way."""

from __future__ import annotations

import os
import time

import pytest

from conftest import ROOT, exercise_yaml, library_dir
from generator.cache import cached, cache_dir
from generator.library import library_files, load_library

pytestmark = pytest.mark.usefixtures("cache_on")  # these tests need the cache


def test_second_load_comes_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("HEPGEN_CACHE_DIR", str(tmp_path / "cache"))
    calls = []
    roots = [ROOT]
    files = library_files(ROOT)
    first = cached(roots, files, lambda: calls.append(1) or {"value": 1})
    second = cached(roots, files, lambda: calls.append(1) or {"value": 2})
    assert first == second == {"value": 1} and calls == [1]
    assert len(list((tmp_path / "cache").glob("library-*.json"))) == 1


def test_an_edit_is_seen_at_once(tmp_path, monkeypatch, run):
    monkeypatch.setenv("HEPGEN_CACHE_DIR", str(tmp_path / "cache"))
    folder = library_dir(tmp_path)
    load_library.cache_clear()
    assert load_library((str(folder),)).exercises["side-plank"].name == "Side plank"
    path = folder / "exercises" / "side-plank.yaml"
    path.write_text(exercise_yaml(**{"name: Side plank\n": "name: Side bridge\n"}))
    os.utime(path, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    load_library.cache_clear()
    assert load_library((str(folder),)).exercises["side-plank"].name == "Side bridge"


def test_a_broken_file_is_never_hidden_by_the_cache(tmp_path, monkeypatch, run):
    monkeypatch.setenv("HEPGEN_CACHE_DIR", str(tmp_path / "cache"))
    folder = library_dir(tmp_path)
    assert run("list", "--library", str(folder)).exit_code == 0
    path = folder / "exercises" / "side-plank.yaml"
    path.write_text(exercise_yaml(**{"kind: hold": "kind: holdd"}))
    load_library.cache_clear()
    result = run("list", "--library", str(folder))
    assert result.exit_code == 1 and "did you mean 'hold'" in result.stderr


def test_a_corrupt_or_unwritable_cache_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("HEPGEN_CACHE_DIR", str(tmp_path / "cache"))
    roots, files = [ROOT], library_files(ROOT)
    cached(roots, files, lambda: "good")
    for entry in cache_dir().glob("library-*.json"):
        entry.write_bytes(b"not json")
    assert cached(roots, files, lambda: "fresh") == "fresh"
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("HEPGEN_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    assert cached(roots, files, lambda: "still works") == "still works"


def test_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("HEPGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("HEPGEN_NO_CACHE", "1")
    assert cached([ROOT], library_files(ROOT), lambda: "x") == "x"
    assert not (tmp_path / "cache").exists()


def test_the_test_run_never_writes_to_the_users_home(tmp_path):
    """Some test files load the library when they are imported, before any fixture runs;
    the cache must already point away from the user's home then."""
    import subprocess
    import sys

    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("HEPGEN_CACHE_DIR", "XDG_CACHE_HOME", "HEPGEN_NO_CACHE")}
    env["HOME"] = str(home)
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "--collect-only", "tests/test_engine.py"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert list(home.rglob("*")) == []
