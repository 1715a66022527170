"""How fast the web app answers: ``python benchmarks/bench_web.py [--requests N]``.

Starts ``hepgen serve``'s app under waitress on 127.0.0.1 (a free port, in a child
process, so the clients do not share its interpreter), warms it up, then sends a bounded
number of ``POST /plan.pdf`` requests from 8 concurrent clients and prints requests per
second and latency percentiles. Also times the HTML plan render in process. Stops by
itself; nothing listens on any other address. Not part of the test run.
"""

from __future__ import annotations

import argparse
import http.client
import platform
import statistics
import subprocess
import sys
import threading
import time
from datetime import date
from urllib.parse import urlencode

SERVER = """
import logging, sys
logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # the queue is meant to fill here
from waitress.server import create_server
from generator.web import create_app
server = create_server(create_app(), host="127.0.0.1", port=0, threads=int(sys.argv[1]))
print(server.effective_port, flush=True)
server.run()
"""
FORM = urlencode({"patient": "Ann Lee", "clinician": "Sam Patel", "clinic": "Riverside Physio",
                  "start": "2027-01-04", "weeks": "6", "level": "beginner",
                  "exercises.bird-dog.note": "Keep the movement small for now."})


def post(port: int, path: str) -> float:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("POST", path, FORM, {"Content-Type": "application/x-www-form-urlencoded"})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    if response.status != 200 or not body.startswith(b"%PDF" if path.endswith("pdf") else b"<"):
        raise SystemExit(f"{path}: status {response.status}")
    return time.perf_counter() - started


def load(port: int, path: str, clients: int, total: int) -> tuple[float, list[float]]:
    times: list[float] = []
    lock = threading.Lock()
    counter = iter(range(total))

    def client():
        while True:
            with lock:
                if next(counter, None) is None:
                    return
            elapsed = post(port, path)
            with lock:
                times.append(elapsed)
    workers = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return time.perf_counter() - started, times


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of process *pid* so far (Linux's /proc; None elsewhere). On a
    busy machine wall-clock times grow with the load; CPU time per request does not."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    import os

    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def html_render_ms(runs: int = 20) -> float:
    from generator.htmlplan import render_html
    from generator.library import load_library
    from generator.settings import Settings

    plan = Settings(patient="Ann Lee", start=date(2027, 1, 4)).build(load_library())
    render_html(plan)  # templates compiled, figures drawn once
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        render_html(plan)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="PDF requests in all")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--threads", type=int, default=4, help="waitress threads (serve's default)")
    args = parser.parse_args()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(args.threads)],
                              stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline())
        for _ in range(5):  # warm: library read, fonts registered, figures cached
            post(port, "/plan.pdf")
        single = [post(port, "/plan.pdf") for _ in range(20)]
        cpu_before = cpu_seconds(server.pid)
        wall, times = load(port, "/plan.pdf", args.clients, args.requests)
        cpu_after = cpu_seconds(server.pid)
        _, html_times = load(port, "/plan.html", args.clients, min(args.requests, 80))
    finally:
        server.terminate()
        server.wait(timeout=10)
    rows = [
        ("PDF, one client, median", f"{statistics.median(single) * 1000:.0f} ms", "< 200 ms"),
        (f"PDF, {args.clients} clients, requests/s", f"{len(times) / wall:.1f}", ""),
        (f"PDF, {args.clients} clients, median", f"{statistics.median(times) * 1000:.0f} ms", ""),
        (f"PDF, {args.clients} clients, p95", f"{percentile(times, 0.95) * 1000:.0f} ms", ""),
        (f"web page, {args.clients} clients, p95", f"{percentile(html_times, 0.95) * 1000:.0f} ms",
         ""),
        ("HTML plan render, in process", f"{html_render_ms():.1f} ms", ""),
    ]
    if cpu_before is not None and cpu_after is not None:
        rows.insert(1, ("PDF, server CPU time per request",
                        f"{(cpu_after - cpu_before) / len(times) * 1000:.0f} ms", "< 200 ms"))
    import os

    print(f"{len(times)} PDF requests, waitress with {args.threads} threads on 127.0.0.1; "
          f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{date.today().isoformat()}; load average {os.getloadavg()[0]:.1f}")
    for label, value, target in rows:
        print(f"{label:<36}{value:>10}  {target}")


if __name__ == "__main__":
    main()
