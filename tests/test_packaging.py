"""The YAML library is found from a checkout and from an installed wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

PROBE = (
    "from generator.library import builtin_root, load_library\n"
    "lib = load_library()\n"
    "print(builtin_root())\n"
    "print(len(lib.exercises), len(lib.programs), len(lib.education))\n"
)

# exercises, programs and education sections: as many as there are files in the checkout
COUNTS = " ".join(str(len(list((ROOT / f).glob("*.yaml"))))
                  for f in ("exercises", "programs", "education"))


def _probe(path_entry: Path, cwd: Path) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(path_entry)}
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            cwd=cwd, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_library_from_the_checkout(tmp_path):
    root, counts = _probe(ROOT, tmp_path)
    assert Path(root) == ROOT
    assert counts == COUNTS


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return next(out.glob("hepgen-*.whl"))


def test_wheel_ships_the_library(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for expected in ("generator/data/exercises/plank.yaml",
                     "generator/data/programs/back-spasm-recovery.yaml",
                     "generator/data/education/relief.yaml",
                     "generator/schemas/exercise.json",
                     # the plan as a web page, and the web app's pages
                     "generator/templates/plan.html", "generator/templates/plan.css",
                     "generator/web/templates/base.html", "generator/web/static/site.css"):
        assert expected in names
    entry_points = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "hepgen = generator.cli:main" in entry_points


def test_library_from_an_installed_wheel(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)  # what installing a pure wheel does
    root, counts = _probe(site, tmp_path)
    assert Path(root) == site / "generator" / "data"
    assert counts == COUNTS


def test_the_wheel_ships_the_languages(wheel, tmp_path):
    names = zipfile.ZipFile(wheel).namelist()
    assert "generator/locale/es/LC_MESSAGES/messages.mo" in names
    for overlay in (ROOT / "exercises").glob("es/*.yaml"):
        assert f"generator/data/exercises/es/{overlay.name}" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = ("from generator.i18n import _, languages, using\n"
            "from generator.library import load_library\n"
            "with using('es'):\n    print(_('The pain rule'))\n"
            "print(languages(), len(load_library(lang='es').missing))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(site)})
    untranslated = sum(1 for folder in ("exercises", "programs", "education")
                       for path in (ROOT / folder).glob("*.yaml")
                       if not (ROOT / folder / "es" / path.name).exists())
    assert result.stdout.splitlines() == ["La regla del dolor", f"('en', 'es') {untranslated}"], \
        result.stderr
