"""Gunicorn memory and start-up time, with the app loaded once before forking and without.

    .venv/bin/python benchmarks/bench_workers.py [--workers 2] [--seconds 15] [--clients 20]

For each setting (``gunicorn.conf.py`` as ``make run`` uses it: ``preload_app`` on, then
``VOICE_PRELOAD=0`` for comparison) on a fresh SQLite database with the survey benchmark's
surveys (``benchmarks/_survey_setup.py``):

* **start to first served request**: from starting gunicorn to the first ``200`` from
  ``/healthz`` (polled every 20 ms), and the CPU time gunicorn's processes had used by then
  (master and workers: what the start costs on a machine with nothing else to do);
* **memory under load**: after ``--seconds`` of survey submissions with free text (every one is
  analysed with the live engine, so the analysis model and the safeguarding check are in use),
  the master's and each worker's RSS, and their PSS (proportional set size: shared pages are
  divided between the processes that share them, so the PSS of all of them adds up to what the
  machine really spends) and each worker's private memory (USS: what one more worker adds);
* **a new worker**: gunicorn is asked for one more worker (``TTIN``); the time until it exists
  and, with preload, has nothing left to load.

The app's bytecode is compiled first (``compileall``, into the ignored ``__pycache__``
folders), as an installed app has it: with ``PYTHONDONTWRITEBYTECODE`` set, as on the
project's shared machine, every process would otherwise compile the app's source as it
starts (0.3 s of CPU and 2 MB more in each process). ``--source`` skips that.

Targets (issue 16): total RSS of gunicorn with 2 workers under load <= 300 MB; start to first
served request <= 3 s; a worker adds <= 100 MB. Exits 1 if a target is missed with preload on.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from _survey_setup import BENCH_SECRET, build  # noqa: E402
from bench_survey_submit import (  # noqa: E402
    GUNICORN,
    free_port,
    question_ids,
    run_phase,
    stop,
    voice_bodies,
    worker_pids,
)

MB = 1024 * 1024


def memory(pid: int) -> dict[str, int]:
    """RSS, PSS and USS (private) of one process, in bytes, from /proc/<pid>/smaps_rollup."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, _, rest = line.partition(":")
        values[name.strip()] = int(rest.split()[0]) * 1024
    private = values.get("Private_Clean", 0) + values.get("Private_Dirty", 0)
    return {"rss": values.get("Rss", 0), "pss": values.get("Pss", 0), "uss": private}


def cpu_seconds(pid: int) -> float:
    """User and system CPU time one process has used so far, from /proc/<pid>/stat."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # gone already
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def healthz(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
            conn.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            return conn.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def run(preload: bool, args, url: str, made: dict) -> dict:
    port = free_port()
    env = os.environ | {"VOICE_DATABASE_URL": url, "VOICE_SECRET_KEY": BENCH_SECRET,
                        "VOICE_BASE_URL": "http://127.0.0.1", "HOST": "127.0.0.1",
                        "PORT": str(port), "VOICE_WORKERS": str(args.workers),
                        "VOICE_PRELOAD": "1" if preload else "0"}
    log = tempfile.NamedTemporaryFile(prefix="voice-bench-workers-", suffix=".log", delete=False)
    started = time.perf_counter()
    process = subprocess.Popen(
        [GUNICORN, "-c", "gunicorn.conf.py", "--log-level", "warning",
         "benchmarks._survey_wsgi:app"], cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        while not healthz(port):
            if process.poll() is not None:
                raise SystemExit(f"gunicorn stopped: {Path(log.name).read_text()[-2000:]}")
            if time.perf_counter() - started > 120:
                raise SystemExit("gunicorn did not answer within 120 seconds")
            time.sleep(0.02)
        first = time.perf_counter() - started
        first_cpu = sum(cpu_seconds(pid) for pid in [process.pid, *worker_pids(process.pid)])
        info = made["visit_today"]
        ids = question_ids(url, info["survey_id"])
        bodies = voice_bodies(info, ids, 100_000, 1_000_000 if preload else 2_000_000)
        phase = asyncio.run(run_phase("load", port, bodies, args.clients, args.seconds))
        workers = worker_pids(process.pid)
        master = memory(process.pid)
        each = [memory(pid) for pid in workers]
        # One more worker: how long until it exists (with preload it has nothing to load).
        before = set(workers)
        asked = time.perf_counter()
        os.kill(process.pid, signal.SIGTTIN)
        new = None
        while time.perf_counter() - asked < 60 and new is None:
            extra = set(worker_pids(process.pid)) - before
            new = next(iter(extra), None)
            time.sleep(0.01)
        forked = time.perf_counter() - asked
        ready = None
        if new is not None:
            # A worker is ready when its app is loaded: wait for its memory to stop growing
            # by more than 1 MB in 100 ms (with preload it never grows: it shares the master's).
            last = memory(new)["rss"]
            while time.perf_counter() - asked < 60:
                time.sleep(0.1)
                now = memory(new)["rss"]
                if now - last < MB:
                    ready = time.perf_counter() - asked - 0.1
                    break
                last = now
        return {"first": first, "first_cpu": first_cpu, "master": master, "workers": each, "forked": forked,
                "ready": ready, "submissions": len(phase.acknowledged),
                "per_second": len(phase.acknowledged) / phase.elapsed,
                "errors": dict(phase.errors)}
    finally:
        stop(process)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--source", action="store_true",
                        help="do not compile the app's bytecode first")
    args = parser.parse_args()
    print(f"Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    if not args.source:
        for package in ("voice", "surveys", "inspectors"):
            compileall.compile_dir(ROOT / package, quiet=1, workers=0)
    print("The app's bytecode: " + ("not compiled first (--source)" if args.source
                                     else "compiled first, as an installed app has it"))
    ok = True
    with tempfile.TemporaryDirectory(prefix="voice-bench-workers-") as folder:
        url = f"sqlite:///{folder}/voice.db"
        made = build(url)
        for preload in (True, False):
            result = run(preload, args, url, made)
            workers = result["workers"]
            rss = result["master"]["rss"] + sum(w["rss"] for w in workers)
            pss = result["master"]["pss"] + sum(w["pss"] for w in workers)
            adds = max(w["uss"] for w in workers) if workers else 0
            name = "preload_app on (gunicorn.conf.py)" if preload else "preload_app off"
            print(f"\n{name}, {args.workers} workers, after {args.seconds:.0f} s of submissions "
                  f"with free text ({result['submissions']} at {result['per_second']:.0f}/s, "
                  f"errors {result['errors'] or 'none'})")
            print(f"  start to first served request   {result['first']:6.2f} s "
                  f"(CPU used by then: {result['first_cpu']:.2f} s)")
            each = ", ".join(f"{w['rss'] / MB:.0f}" for w in workers)
            print(f"  total RSS (master + workers)    {rss / MB:6.0f} MB  "
                  f"(master {result['master']['rss'] / MB:.0f}, workers {each})")
            print(f"  total PSS (shared pages split)  {pss / MB:6.0f} MB")
            print(f"  a worker's own memory (USS)     {adds / MB:6.0f} MB (the largest)")
            ready = result["ready"]
            print(f"  one more worker: forked after {result['forked']:.2f} s, ready after "
                  f"{ready:.2f} s" if ready is not None else "  one more worker: not seen")
            if preload:
                checks = [("total RSS <= 300 MB", rss <= 300 * MB),
                          ("start to first request <= 3 s", result["first"] <= 3),
                          ("a worker adds <= 100 MB", adds <= 100 * MB),
                          ("a new worker ready < 2 s", ready is not None and ready < 2)]
                for label, passed in checks:
                    print(f"  target {label}: {'PASS' if passed else 'FAIL'}")
                    ok &= passed
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
