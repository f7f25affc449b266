"""Survey submissions per second and p95 latency under gunicorn (2 workers), 50 concurrent
clients, on SQLite and on PostgreSQL, against a bare Flask + SQLAlchemy endpoint that inserts one
row, in the same run. Then checks that every acknowledged submission is in the database.

    .venv/bin/python benchmarks/bench_survey_submit.py [--clients 50] [--requests 3000]
                                 [--seconds 30] [--workers 2] [--rounds 3] [--only sqlite]

PostgreSQL: VOICE_BENCH_DATABASE_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/
voice_bench_surveys; the database is created if missing and emptied each run; skipped with the
reason if PostgreSQL does not answer). Only 127.0.0.1 is used.

What one submission is: the final POST of the "How was your visit today?" template (smiley,
yes / no, tick-all, a short free-text answer, age), as a phone sends it: a fresh one-time form
token, the whole form, the rate limit consulted, the response and its answers stored, the
free text analysed in the request and stored as a voice item, the funnel's "started" counted,
and a 303 to the thank-you page. Form tokens are made beforehand with the app's own function
(so the figure is the submission, not the page views before it).

Voice (one gunicorn) and the bare endpoint (another) run side by side; after a warm-up, Voice
with free text, Voice without and the bare endpoint each send a third of --requests in turn,
for --rounds rounds, so that changes in the load on a shared machine weigh on all of them
alike. Then Voice with free text paced at --rate a second (open loop). CPU time used by the
workers and by this load generator is shown per submission.

Targets (issue 3, restated by issue 16 point 4): submissions *without free text* at least 60%
of the bare endpoint's submissions per second in the same run, and p95 under 100 ms, at 50
concurrent clients; nothing acknowledged lost. The analysis of free text is measured on its own
(bench_analysis_throughput.py); the with-free-text row is still shown (--no-free-text-only
leaves it out). On a shared machine the throughput share moves with the load from minute to
minute; the CPU share (the bare endpoint's worker CPU per submission over Voice's) moves less
and is printed beside it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _survey_setup import (  # noqa: E402
    BENCH_SECRET,
    DEFAULT_PG_URL,
    ROOT,
    build,
    postgres_available,
    reset_postgres,
)

GUNICORN = str(Path(sys.executable).parent / "gunicorn")
TEXTS = [
    "The nurse was really kind and explained everything 😊",
    "waited ages in reception, nobody told us why",
    "I liked that I could talk on my own",
    "more evening appointments please",
    "they actually listened to me for once",
    "the room was too noisy",
    "Nothing, it was good",
    "please text me reminders the day before",
]


@dataclass
class Phase:
    label: str
    latencies: list[float] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0
    stored: int = 0
    # CPU seconds used during the run by the gunicorn workers and by this load generator
    # (which shares the machine's cores with them), where the OS says (Linux /proc).
    worker_cpu: float | None = None
    client_cpu: float | None = None
    round_rates: list[float] = field(default_factory=list)

    def cpu_each(self) -> float | None:
        """Worker CPU seconds per acknowledged submission, where known."""
        if self.worker_cpu is None or not self.acknowledged:
            return None
        return self.worker_cpu / len(self.acknowledged)

    def cpu_ms(self, seconds: float | None) -> str:
        """CPU milliseconds per acknowledged submission."""
        if seconds is None or not self.acknowledged:
            return "-"
        return f"{1000 * seconds / len(self.acknowledged):.2f}"

    @property
    def rate(self) -> float:
        return len(self.acknowledged) / self.elapsed if self.elapsed else 0.0

    def pct(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(app: str, port: int, workers: int, env: dict) -> subprocess.Popen:
    # The log goes to a file: a pipe nobody reads would fill up and stall the workers.
    log = tempfile.NamedTemporaryFile(prefix="voice-bench-gunicorn-", suffix=".log", delete=False)
    process = subprocess.Popen(
        [GUNICORN, "-w", str(workers), "-b", f"127.0.0.1:{port}", "--log-level", "warning",
         "--timeout", "60", app],
        cwd=ROOT, env=os.environ | env, stdout=log, stderr=log)
    process.log_path = log.name
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped: {Path(log.name).read_text()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("gunicorn did not start within 60 seconds")


def worker_pids(master: int) -> list[int]:
    """The gunicorn workers (children of the master), from /proc; [] where there is none."""
    try:
        return [int(pid) for pid in
                Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    except OSError:
        return []


def cpu_seconds(pids: list[int]) -> float | None:
    """User + system CPU seconds of these processes so far (Linux), else None."""
    if not pids:
        return None
    total = 0.0
    try:
        for pid in pids:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None
    return total


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


async def post(port: int, path: str, body: bytes) -> tuple[int, str]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n".encode() + body)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    await reader.read()  # the body, to the end (the worker closes the connection)
    writer.close()
    status = int(head[9:12])
    location = re.search(rb"\r\nLocation: ([^\r]+)", head)
    return status, location.group(1).decode() if location else ""


async def run_phase(label: str | Phase, port: int, bodies: list[tuple[str, str, bytes]],
                    clients: int, seconds: float) -> Phase:
    """``bodies``: (path, receipt expected in the redirect, body). Each client sends the next
    one as soon as its last is answered (closed loop). Given a Phase, adds to it."""
    phase = label if isinstance(label, Phase) else Phase(label)
    queue = iter(bodies)
    deadline = time.perf_counter() + seconds

    async def client():
        for path, receipt, body in queue:
            if time.perf_counter() > deadline:
                return
            began = time.perf_counter()
            try:
                status, location = await post(port, path, body)
            except (OSError, asyncio.IncompleteReadError) as error:
                phase.errors[type(error).__name__] = phase.errors.get(type(error).__name__, 0) + 1
                continue
            phase.latencies.append(time.perf_counter() - began)
            if status == 303 and location.endswith(receipt):
                phase.acknowledged.append(receipt)
            else:
                phase.errors[str(status)] = phase.errors.get(str(status), 0) + 1

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    phase.elapsed += time.perf_counter() - started
    return phase


async def run_paced(label: str, port: int, bodies: list[tuple[str, str, bytes]], clients: int,
                    rate: float) -> Phase:
    """Open loop: one submission every 1/rate seconds whatever the server does, at most
    ``clients`` in flight. Latency counts from when the submission was due, so time spent
    waiting for a free client (queueing) is included."""
    phase = Phase(label)
    slots = asyncio.Semaphore(clients)
    started = time.perf_counter()

    async def one(due: float, path: str, receipt: str, body: bytes):
        async with slots:
            try:
                status, location = await post(port, path, body)
            except (OSError, asyncio.IncompleteReadError) as error:
                phase.errors[type(error).__name__] = phase.errors.get(type(error).__name__, 0) + 1
                return
            phase.latencies.append(time.perf_counter() - due)
            if status == 303 and location.endswith(receipt):
                phase.acknowledged.append(receipt)
            else:
                phase.errors[str(status)] = phase.errors.get(str(status), 0) + 1

    tasks = []
    for index, (path, receipt, body) in enumerate(bodies):
        due = started + index / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        tasks.append(asyncio.create_task(one(due, path, receipt, body)))
    await asyncio.gather(*tasks)
    phase.elapsed = time.perf_counter() - started
    return phase


def voice_bodies(info: dict, question_ids: dict[str, int], count: int, offset: int,
                 with_text: bool = True) -> list[tuple[str, str, bytes]]:
    from surveys.receipts import receipt_for
    from surveys.tokens import make_form_token, read_form_token

    bodies = []
    for n in range(count):
        token = make_form_token(BENCH_SECRET, info["link_id"])
        nonce = read_form_token(BENCH_SECRET, token, info["link_id"]).nonce
        fields = [("form_token", token), ("step", "0"), ("started", "0"), ("action", "send"),
                  (f"q{question_ids['visit_today']}", str(1 + (n + offset) % 5)),
                  (f"q{question_ids['listened_to']}", "yes"),
                  (f"q{question_ids['what_went_well']}", "i_was_seen_on_time"),
                  (f"q{question_ids['what_went_well']}", "the_staff_were_friendly"),
                  (f"q{question_ids['anything_else']}",
                   TEXTS[(n + offset) % len(TEXTS)] if with_text else ""),
                  (f"q{question_ids['about_age']}", "14-15"), ("leave_blank", "")]
        # The thank-you address carries the receipt made from the nonce (surveys.receipts).
        receipt = receipt_for(BENCH_SECRET, nonce)
        bodies.append((f"/s/{info['token']}", f"/thanks/{receipt}", urlencode(fields).encode()))
    return bodies


def bare_bodies(count: int, offset: int) -> list[tuple[str, str, bytes]]:
    bodies = []
    for n in range(count):
        token = f"bare-{offset}-{n}-{os.urandom(6).hex()}"
        body = urlencode({"token": token, "value": TEXTS[n % len(TEXTS)]}).encode()
        bodies.append(("/insert", f"/done/{token}", body))
    return bodies


def verify(url: str, table: str, column: str, receipts: list[str]) -> int:
    """How many acknowledged receipts are in the database."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    found = 0
    with engine.connect() as conn:
        for start in range(0, len(receipts), 500):
            chunk = receipts[start:start + 500]
            params = {f"r{i}": r for i, r in enumerate(chunk)}
            names = ", ".join(f":r{i}" for i in range(len(chunk)))
            found += conn.execute(text(
                f"SELECT count(*) FROM {table} WHERE {column} IN ({names})"), params).scalar()
    engine.dispose()
    return found


def question_ids(url: str, survey_id: int) -> dict[str, int]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT code, id FROM survey_questions WHERE survey_id = :s"),
                            {"s": survey_id}).all()
    engine.dispose()
    return dict(rows)


def bench_backend(name: str, url: str, args) -> list[Phase]:
    made = build(url)
    info = made["visit_today"]
    ids = question_ids(url, info["survey_id"])
    env = {"VOICE_DATABASE_URL": url, "VOICE_SECRET_KEY": BENCH_SECRET,
           "VOICE_BENCH_BARE_DATABASE_URL": url, "VOICE_BASE_URL": "http://127.0.0.1"}
    from sqlalchemy import create_engine

    sys.path.insert(0, str(ROOT))
    from benchmarks import _survey_bare_app as bare

    engine = create_engine(url)
    bare.metadata.create_all(engine)
    engine.dispose()

    voice_app, bare_app = "benchmarks._survey_wsgi:app", "benchmarks._survey_bare_app:app"
    kinds = [  # (label, app, bodies)
        (f"{name}: Voice, with free text", voice_app,
         lambda count, offset: voice_bodies(info, ids, count, offset)),
        (f"{name}: Voice, no free text", voice_app,
         lambda count, offset: voice_bodies(info, ids, count, offset, with_text=False)),
        (f"{name}: bare Flask + SQLAlchemy insert", bare_app, bare_bodies),
    ]
    if args.no_free_text_only:
        kinds = kinds[1:]
    ports = {app: free_port() for app in (voice_app, bare_app)}
    servers = {}
    phases = [Phase(label) for label, _, _ in kinds]
    try:
        for app, port in ports.items():
            servers[app] = start_gunicorn(app, port, args.workers, env)
        for index, (_, app, make) in enumerate(kinds):
            asyncio.run(run_phase("warm-up", ports[app], make(args.warmup, 9_000_000 + 100_000 *
                                                                 index), min(args.clients, 10), 30))
        # Rounds, each kind in turn (in a different order each round): the load on a shared
        # machine changes from minute to minute, and this way it weighs on every kind alike.
        per_round = max(1, args.requests // args.rounds)
        for number in range(args.rounds):
            order = list(range(len(kinds)))
            order = order[number % len(order):] + order[:number % len(order)]
            for index in order:
                _, app, make = kinds[index]
                phase = phases[index]
                bodies = make(per_round, 1_000_000 * (index + 1) + per_round * number)
                workers = worker_pids(servers[app].pid)
                worker_before, client_before = cpu_seconds(workers), own_cpu_seconds()
                done_before, elapsed_before = len(phase.acknowledged), phase.elapsed
                asyncio.run(run_phase(phase, ports[app], bodies, args.clients,
                                      args.seconds / args.rounds))
                worker_after = cpu_seconds(workers)
                phase.client_cpu = (phase.client_cpu or 0.0) + own_cpu_seconds() - client_before
                if worker_before is not None and worker_after is not None:
                    phase.worker_cpu = (phase.worker_cpu or 0.0) + worker_after - worker_before
                slice_time = phase.elapsed - elapsed_before
                phase.round_rates.append(
                    (len(phase.acknowledged) - done_before) / slice_time if slice_time else 0.0)
        # Last, open loop: a realistic burst rather than 50 phones sending flat out.
        paced = Phase(f"{name}: Voice, {'no ' if args.no_free_text_only else ''}free text, "
                      f"{args.rate:g}/s paced")
        count = max(1, int(args.rate * min(args.seconds, 20)))
        workers = worker_pids(servers[voice_app].pid)
        worker_before, client_before = cpu_seconds(workers), own_cpu_seconds()
        paced = asyncio.run(run_paced(paced.label, ports[voice_app],
                                      kinds[0][2](count, 5_000_000), args.clients, args.rate))
        worker_after = cpu_seconds(workers)
        paced.client_cpu = own_cpu_seconds() - client_before
        if worker_before is not None and worker_after is not None:
            paced.worker_cpu = worker_after - worker_before
        phases.append(paced)
    finally:
        for process in servers.values():
            stop(process)
    for phase in phases:
        receipts = [r.rsplit("/", 1)[1] for r in phase.acknowledged]
        if "Voice" in phase.label:
            from surveys.receipts import hash_receipt

            phase.stored = verify(url, "survey_responses", "receipt_hash",
                                  [hash_receipt(BENCH_SECRET, r) for r in receipts])
        else:
            phase.stored = verify(url, "bench_bare_rows", "token", receipts)
    return phases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds in which each kind sends its share of --requests in turn")
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--rate", type=float, default=25.0,
                        help="submissions per second for the paced (open-loop) run")
    parser.add_argument("--no-free-text-only", action="store_true",
                        help="leave out the with-free-text runs (the target is without)")
    args = parser.parse_args()

    backends = []
    folder = None
    if args.only != "postgresql":
        folder = Path(tempfile.mkdtemp(prefix="voice-bench-submit-"))
        backends.append(("SQLite", f"sqlite:///{folder / 'bench.db'}"))
    pg_url = os.environ.get("VOICE_BENCH_DATABASE_URL", DEFAULT_PG_URL)
    if args.only != "sqlite":
        problem = postgres_available(pg_url)
        if problem:
            print(f"PostgreSQL skipped: {problem}")
        else:
            reset_postgres(pg_url)
            backends.append(("PostgreSQL", pg_url))

    print(f"gunicorn {args.workers} workers (sync), {args.clients} concurrent clients, up to "
          f"{args.requests} submissions or {args.seconds:g} s per run, 127.0.0.1 only; load "
          f"average {os.getloadavg()[0]:.1f} at the start.\nCPU ms: per acknowledged "
          "submission, used by the gunicorn workers (app) and by this load generator "
          "(client), which share the machine's cores.\n")
    header = (f"{'run':<46} {'done':>6} {'per s':>7} {'p50 ms':>7} {'p95 ms':>7} "
              f"{'p99 ms':>7} {'errors':>7} {'stored':>7} {'CPU ms: app':>12} {'client':>7}")
    failed = False
    try:
        for name, url in backends:
            phases = bench_backend(name, url, args)
            if args.no_free_text_only:
                voice_phase = None
                plain_phase, bare_phase, paced_phase = phases
            else:
                voice_phase, plain_phase, bare_phase, paced_phase = phases
            print(header)
            for phase in phases:
                errors = sum(phase.errors.values())
                print(f"{phase.label:<46} {len(phase.acknowledged):>6} {phase.rate:>7.1f} "
                      f"{phase.pct(0.50):>7.1f} {phase.pct(0.95):>7.1f} {phase.pct(0.99):>7.1f} "
                      f"{errors:>7} {phase.stored:>7} {phase.cpu_ms(phase.worker_cpu):>12} "
                      f"{phase.cpu_ms(phase.client_cpu):>7}")
                if phase.errors:
                    print(f"    errors: {phase.errors}")
                if phase.stored != len(phase.acknowledged):
                    failed = True
                    print(f"    LOST: {len(phase.acknowledged) - phase.stored} acknowledged "
                          "submissions are not in the database")
            plain_ratio = plain_phase.rate / bare_phase.rate if bare_phase.rate else 0.0
            p95 = plain_phase.pct(0.95)
            verdict = "meets" if plain_ratio >= 0.6 and p95 < 100 and not failed else "MISSES"
            voice_cpu, bare_cpu = plain_phase.cpu_each(), bare_phase.cpu_each()
            cpu_share = f"{100 * bare_cpu / voice_cpu:.0f}%" if voice_cpu and bare_cpu else "-"
            print(f"{name}: without free text Voice reaches {100 * plain_ratio:.0f}% of the bare "
                  f"endpoint's throughput (target >= 60%; CPU share {cpu_share}), p95 {p95:.0f} ms "
                  f"at {args.clients} clients flat out (target < 100 ms): {verdict} the targets. "
                  f"Paced at {args.rate:g}/s: p95 {paced_phase.pct(0.95):.0f} ms. Every "
                  f"acknowledged submission stored: {'yes' if not failed else 'NO'}")
            rounds = [f"{100 * v / b:.0f}%" for v, b in
                      zip(plain_phase.round_rates, bare_phase.round_rates, strict=True) if b]
            print(f"{name}: without free text as a share of bare, round by round: "
                  f"{', '.join(rounds)}")
            if voice_phase is not None:
                ratio = voice_phase.rate / bare_phase.rate if bare_phase.rate else 0.0
                print(f"{name}: with free text (analysed in the request): {100 * ratio:.0f}%, "
                      f"p95 {voice_phase.pct(0.95):.0f} ms")
            print()
    finally:
        if folder is not None:  # the throwaway SQLite database
            shutil.rmtree(folder, ignore_errors=True)
    if failed:
        print("Some acknowledged submissions were lost.")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
