"""Measure hepgen's speed and size against the targets; prints a table.

Run by hand (not part of the test suite), from the project folder with hepgen installed:

    python benchmarks/bench.py            # about a minute
    python benchmarks/bench.py --quick    # fewer repetitions

Times are medians over repetitions. Process start-up is compared with the floor of
importing the libraries it cannot avoid, since that is what a user waits for anyway.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path


def hepgen_command() -> list[str]:
    found = shutil.which("hepgen")
    return [found] if found else [sys.executable, "-m", "generator"]


def median_run(args: list[str], repeat: int, cwd: str) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        subprocess.run(args, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def peak_memory_mb(args: list[str], cwd: str) -> float:
    """Peak resident memory of one run, from a fresh interpreter that only runs it."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
             "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *args], cwd=cwd, check=True,
                         capture_output=True, text=True).stdout
    return int(out.strip()) / 1024  # kilobytes on Linux


def in_process(repeat: int) -> dict[str, float]:
    from generator import PlanRequest, build_plan, load_library
    from generator.pdf import render_pdf

    library = load_library()
    results = {}
    for weeks, program in ((6, "back-spasm-recovery"), (12, "back-spasm-recovery"),
                           (52, "back-care-maintenance")):
        request = PlanRequest(weeks=weeks, start=date(2027, 1, 4), patient="Ann Lee")
        def build():
            return build_plan(library.programs[program], library.exercises, request,
                              library.education)
        plan = build()
        render_pdf(plan)  # warm: fonts registered, figures cached, as in a long-lived process
        results[f"build {weeks} weeks"] = statistics.median(_times(build, repeat))
        results[f"render {weeks} weeks"] = statistics.median(_times(lambda: render_pdf(plan), repeat))
    return results


def _times(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        out.append(time.perf_counter() - began)
    return out


def batch_rate(jobs: int, rows: int, work: Path) -> float:
    table = work / f"batch-{jobs}.csv"
    with table.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["patient", "start", "weeks", "level"])
        for i in range(rows):
            writer.writerow([f"Patient {i}", "2027-01-04", 4 + i % 9,
                             ("beginner", "intermediate", "advanced")[i % 3]])
    out = work / f"out-{jobs}"
    began = time.perf_counter()
    subprocess.run([*hepgen_command(), "batch", str(table), "--out-dir", str(out), "--jobs",
                    str(jobs)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return rows / (time.perf_counter() - began)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    repeat = 5 if args.quick else 15
    hepgen = hepgen_command()
    rows: list[tuple[str, str, str, bool | None]] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        floor_gen = median_run([sys.executable, "-c", "import reportlab.platypus, yaml, click"],
                               repeat, folder)
        generate = median_run([*hepgen, "generate", "-o", "plan.pdf"], repeat, folder)
        rows.append(("generate, whole process", f"{generate * 1000:.0f} ms",
                     f"{generate / floor_gen:.2f}x floor of {floor_gen * 1000:.0f} ms (<= 1.6x)",
                     generate / floor_gen <= 1.6))
        floor_list = median_run([sys.executable, "-c", "import click, yaml"], repeat, folder)
        listing = median_run([*hepgen, "list"], repeat, folder)
        rows.append(("list, whole process", f"{listing * 1000:.0f} ms",
                     f"{listing / floor_list:.2f}x floor of {floor_list * 1000:.0f} ms (<= 1.5x)",
                     listing / floor_list <= 1.5))
        size = (work / "plan.pdf").stat().st_size
        rows.append(("default PDF size", f"{size / 1024:.0f} KB", "<= 150 KB", size <= 150 * 1024))
        memory = peak_memory_mb([*hepgen, "generate", "-o", "plan2.pdf"], folder)
        rows.append(("peak memory, generate", f"{memory:.0f} MB", "<= 80 MB", memory <= 80))
        for name, seconds in in_process(repeat).items():
            limit = {"render 6 weeks": 0.080, "render 52 weeks": 0.500}.get(name)
            rows.append((f"{name}, in process", f"{seconds * 1000:.1f} ms",
                         f"<= {limit * 1000:.0f} ms" if limit else "",
                         seconds <= limit if limit else None))
        rate_rows = 60 if args.quick else 200
        for jobs in (1, 2):
            rate = batch_rate(jobs, rate_rows, work)
            rows.append((f"batch {rate_rows} plans, {jobs} job{'s' if jobs > 1 else ''}",
                         f"{rate:.1f} plans/s", ">= 25 plans/s" if jobs == 2 else "",
                         rate >= 25 if jobs == 2 else None))
    print(f"hepgen benchmarks on {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.system()}")
    width = max(len(r[0]) for r in rows)
    for name, value, target, ok in rows:
        mark = "" if ok is None else ("ok" if ok else "MISSED")
        print(f"{name:<{width}}  {value:>13}  {target:<44} {mark}")


if __name__ == "__main__":
    main()
