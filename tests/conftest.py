from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.library import load_library

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def library():
    return load_library()


@pytest.fixture
def run():
    """Run hepgen in-process; returns the click Result (stdout and stderr kept apart)."""

    def invoke(*args: str, input: str | None = None):
        runner = CliRunner()
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


MONDAY = date(2027, 1, 4)


def exercise_yaml(**changes: str) -> str:
    """A small valid exercise file, with lines replaced by *changes* (key -> new text)."""
    text = (ROOT / "tests" / "data" / "side-plank.yaml").read_text()
    for old, new in changes.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def library_dir(tmp_path) -> Path:
    """An extra library folder holding the small exercise file, under *tmp_path*/lib."""
    folder = tmp_path / "lib"
    (folder / "exercises").mkdir(parents=True)
    (folder / "exercises" / "side-plank.yaml").write_text(exercise_yaml())
    return folder


def pytest_configure(config):
    """Tests use their own library cache, never the user's: set before any test file is
    collected, as some load the library at import (a session fixture would come too late)."""
    import os
    import tempfile

    config._hepgen_cache = os.environ["HEPGEN_CACHE_DIR"] = tempfile.mkdtemp(
        prefix="hepgen-test-cache-")


def pytest_unconfigure(config):
    import shutil

    if getattr(config, "_hepgen_cache", None):
        shutil.rmtree(config._hepgen_cache, ignore_errors=True)


@pytest.fixture
def cache_on(monkeypatch):
    """The disk cache on for this test, even when the run has HEPGEN_NO_CACHE=1."""
    monkeypatch.delenv("HEPGEN_NO_CACHE", raising=False)
