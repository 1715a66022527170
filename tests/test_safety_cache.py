"""The library cache runs no code, is never stale, never follows links and leaves nothing behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT, exercise_yaml, library_dir
from generator.cache import cache_dir, cached, decode, encode
from generator.library import _load_checked, _roots, library_files, load_library

pytestmark = pytest.mark.usefixtures("cache_on")  # these tests need the cache


def test_the_whole_builtin_library_round_trips(tmp_path, monkeypatch):
    library = _load_checked(_roots(()))
    text = json.dumps(encode(library))
    again = decode(json.loads(text))
    assert again == library
    # fields left out of == (figures) must survive too
    pairs = [(a, b) for e in library.exercises for a, b in
             zip(library.exercises[e].variants, again.exercises[e].variants)]
    assert all(a.figure == b.figure for a, b in pairs)
    assert any(a.figure is not None for a, _ in pairs)
    assert encode(again) == encode(library)


def test_a_planted_pickle_never_runs(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    monkeypatch.setenv("HEPGEN_CACHE_DIR", str(cache))
    marker = tmp_path / "ran"
    import pickle

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    files = library_files(ROOT)
    cached([ROOT], files, lambda: "clean")
    for name in [p.name for p in cache.iterdir()] + [f"library-{i:08x}.pickle" for i in range(3)]:
        (cache / name.replace(".json", ".pickle")).write_bytes(pickle.dumps(("x", Evil())))
    load_library.cache_clear()
    env = dict(os.environ, HEPGEN_CACHE_DIR=str(cache))
    done = subprocess.run([sys.executable, "-m", "generator", "list"], env=env,
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 0 and "back-spasm-recovery" in done.stdout, done.stderr
    assert not marker.exists()
    assert not list(cache.glob("*.pickle")) or all(
        p.read_bytes().startswith(b"\x80") for p in cache.glob("*.pickle"))  # never read


def test_the_cache_is_plain_json(tmp_path, monkeypatch):
    monkeypatch.setenv("HEPGEN_CACHE_DIR", str(tmp_path / "cache"))
    cached([ROOT], library_files(ROOT), lambda: {"a": (1, 2)})
    (entry,) = (tmp_path / "cache").glob("library-*.json")
    json.loads(entry.read_text())


def test_a_same_second_same_size_edit_is_seen(tmp_path, monkeypatch):
    monkeypatch.setenv("HEPGEN_CACHE_DIR", str(tmp_path / "cache"))
    folder = library_dir(tmp_path)
    path = folder / "exercises" / "side-plank.yaml"
    load_library.cache_clear()
    assert load_library((str(folder),)).exercises["side-plank"].name == "Side plank"
    before = path.stat()
    path.write_text(exercise_yaml(**{"name: Side plank\n": "name: Side PLANK\n"}))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # touch -r, a restore
    assert path.stat().st_size == before.st_size
    load_library.cache_clear()
    assert load_library((str(folder),)).exercises["side-plank"].name == "Side PLANK"


def test_file_names_from_the_cache_are_relative_to_where_you_are(tmp_path, monkeypatch):
    monkeypatch.setenv("HEPGEN_CACHE_DIR", str(tmp_path / "cache"))
    folder = library_dir(tmp_path)
    exercise = folder / "exercises" / "side-plank.yaml"
    monkeypatch.chdir(tmp_path)
    load_library.cache_clear()
    assert load_library(("lib",)).exercises["side-plank"].file == os.path.join(
        "lib", "exercises", "side-plank.yaml")
    monkeypatch.chdir(folder)
    load_library.cache_clear()
    found = load_library((str(folder),)).exercises["side-plank"].file
    assert found == os.path.relpath(exercise)


def test_a_planted_symlink_is_never_followed(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    monkeypatch.setenv("HEPGEN_CACHE_DIR", str(cache))
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    files = library_files(ROOT)
    cached([ROOT], files, lambda: "v")
    (entry,) = cache.glob("library-*.json")
    entry.unlink()
    entry.symlink_to(victim)
    for pid in range(os.getpid(), os.getpid() + 3):
        (cache / f".{entry.name}.{pid}.part").symlink_to(victim)
    assert cached([ROOT], files, lambda: "fresh") == "fresh"
    assert victim.read_text() == "precious"


def test_a_cache_folder_others_can_write_is_not_used(tmp_path, monkeypatch):
    cache = tmp_path / "shared"
    cache.mkdir()
    cache.chmod(0o777)
    monkeypatch.setenv("HEPGEN_CACHE_DIR", str(cache))
    files = library_files(ROOT)
    cached([ROOT], files, lambda: "one")
    assert list(cache.iterdir()) == []
    assert cached([ROOT], files, lambda: "two") == "two"


def test_nothing_left_when_the_cache_folder_is_a_file(tmp_path, monkeypatch):
    blocker = tmp_path / "cache"
    blocker.write_text("")
    monkeypatch.setenv("HEPGEN_CACHE_DIR", str(blocker))
    assert cached([ROOT], library_files(ROOT), lambda: "ok") == "ok"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache"]


def test_nothing_left_when_the_disk_is_full(tmp_path):
    """A file-size limit makes every write past 1 KB fail, as on a full disk."""
    cache = tmp_path / "cache"
    script = (
        "import resource, signal\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))\n"
        "from generator.cli import main\n"
        "main()\n"
    )
    env = dict(os.environ, HEPGEN_CACHE_DIR=str(cache))
    done = subprocess.run([sys.executable, "-c", script, "list"], env=env, capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "Exercises:" in done.stdout
    assert list(cache.iterdir()) == []


def test_a_cache_entry_of_the_wrong_kind_is_not_used(tmp_path, monkeypatch, run):
    """A cache file that decodes to something other than a library (written by hand, or by
    another version) is ignored like a corrupt one: the library is read again."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("HEPGEN_CACHE_DIR", str(cache))
    monkeypatch.delenv("HEPGEN_NO_CACHE", raising=False)
    folder = library_dir(tmp_path)
    load_library.cache_clear()
    assert run("list", "--library", str(folder)).exit_code == 0
    (entry,) = cache.glob("library-*.json")
    stored = json.loads(entry.read_text())
    for planted in ([1, 2], {"c": "generator.settings:Settings", "f": {}}):
        entry.write_text(json.dumps({"key": stored["key"], "value": planted}))
        load_library.cache_clear()  # from the disk, not from this process's memory
        result = run("list", "--library", str(folder))
        assert result.exit_code == 0, result.stderr
        assert "side-plank" in result.output
