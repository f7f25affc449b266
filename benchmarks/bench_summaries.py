"""Commissioner dashboard server time at county scale and ten times it, SQLite and PostgreSQL.

    .venv/bin/python benchmarks/bench_summaries.py [--scales 1 10] [--runs 7] [--regenerate]
                                                   [--sqlite-only | --postgres-only]

Data: benchmarks/generate_summaries_data.py at each ``--scale`` (1: 100,000 survey responses
with 800,000 answers, 300,000 voice items, 5,000 action cards; 10: ten times that; 1,000
commitments and 100 services either way, April 2024 to March 2026), with the rollups counted
once as migration 0012 does for existing data. SQLite: instance/bench_summaries.db (scale 1)
or bench_summaries_s10.db; PostgreSQL: VOICE_BENCH_DATABASE_URL (default
postgresql+psycopg://postgres@127.0.0.1:5432/voice_summaries_bench), with _s10 added for
scale 10 (created if missing; skipped with the reason if PostgreSQL does not answer). Each is
generated once and reused; ``--regenerate`` makes it again.

First it checks that the rollups equal counting live (the raw counts of every month for the
whole system, one service and a place, and the whole-system summary table by table) and times
the scheduler recounting one changed service month. Then, through the whole app (filters,
queries, suppression, charts, template) as a signed-in commissioner, for April 2025 to March
2026 compared with the year before: the whole system, one service, a place (about a quarter of
the services), the board report, saving a snapshot; for the record the whole system counted
live from the rows, and the whole system while ten services' March is marked changed (those
counted live). Figures are the median of ``--runs`` after one warm-up.

Targets (issue 16) at scale 10: whole system < 300 ms, one service < 150 ms, a place < 300 ms,
the board report < 1 s, a snapshot < 2 s; each at most 1.5 times its time at the first scale
given. Exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_summaries_data import (  # noqa: E402
    BENCH_PASSWORD,
    DEFAULT_URL,
    RESPONSES,
    build_schema,
    generate,
)

PG_URL = os.environ.get("VOICE_BENCH_DATABASE_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/voice_summaries_bench")
YEAR = "period=year:2025"
# Targets at scale 10 (issue 16); at smaller scales the same figures are printed for the ratio.
TARGETS = {"whole system, one year": 300.0, "one service, one year": 150.0,
           "a place (about a quarter of services), one year": 300.0,
           "the board report, whole system": 1000.0,
           "a snapshot, whole system": 2000.0}
RATIO = 1.5


def urls_for(scale: float) -> tuple[str, str]:
    """SQLite file and PostgreSQL database for one scale (each kept and reused)."""
    suffix = "" if scale == 1 else f"_s{scale:g}".replace(".", "_")
    sqlite = DEFAULT_URL.replace("bench_summaries.db", f"bench_summaries{suffix}.db")
    return sqlite, PG_URL + suffix


def _postgres_ready(url: str) -> str | None:
    """None if the database answers (creating it if needed), else why not."""
    import psycopg

    plain = url.replace("postgresql+psycopg://", "postgresql://")
    server, _, name = plain.rpartition("/")
    try:
        with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                  (name,)).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as error:  # noqa: BLE001 - any failure means "skip PostgreSQL"
        return f"PostgreSQL did not answer at {server.split('@')[-1]}: {error}"
    return None


def _needs_data(url: str, scale: float) -> bool:
    from sqlalchemy import text

    from voice.db import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            count = conn.execute(text("SELECT count(*) FROM survey_responses")).scalar()
            kept = conn.execute(text("SELECT count(*) FROM summary_rollups")).scalar()
            return count != int(RESPONSES * scale) or not kept
    except Exception:  # noqa: BLE001 - no schema yet
        return True
    finally:
        engine.dispose()


class Times(list):
    """Wall-clock milliseconds, with the process's CPU milliseconds for the same runs in
    ``cpu`` (on SQLite that is the app and the database together, and it hardly changes with
    the load other work puts on a shared machine; on PostgreSQL the database's share is not
    in it)."""

    cpu: list[float]


def _timed(fn, runs: int) -> Times:
    fn()  # warm-up: connection pool, template compilation, the database's own caches
    times = Times()
    times.cpu = []
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - started) * 1000)
        times.cpu.append((time.process_time() - cpu) * 1000)
    return times


def bench(url: str, runs: int, regenerate: bool, scale: float, check: bool = True
          ) -> dict[str, list[float]]:
    from sqlalchemy import select

    from voice import create_app
    from voice.db import db
    from voice.summaries import cache, rollups
    from voice.summaries.filters import parse_selection, resolve_scope
    from voice.summaries.queries import TimeGrid
    from voice.summaries.summary import build_summary

    label = url.split("@")[-1] if "@" in url else url
    if regenerate or _needs_data(url, scale):
        print(f"  generating data at scale {scale:g} in {label} (once)...", flush=True)
        started = time.perf_counter()
        build_schema(url, fresh=True)
        counts = generate(url, scale)
        print(f"  generated in {time.perf_counter() - started:.0f} s, of which counting the "
              f"rollups ({counts['rollup_months']} service months, as migration 0012 does for "
              f"existing data) took {counts['rollup_seconds']:.0f} s", flush=True)
    else:
        from voice.migrate import upgrade

        upgrade(url)

    # CSRF is off only so the bench client can sign in with one POST.
    app = create_app({"DATABASE_URL": url, "RATELIMIT_ENABLED": False, "WTF_CSRF_ENABLED": False,
                      "SECRET_KEY": "bench-secret-not-for-production", "BASE_URL":
                      "http://127.0.0.1:5000"})
    today = date(2026, 11, 23)
    with app.app_context():
        session = db.session
        cards = session.scalar(select(func_count()).select_from(rollups.SummaryRollup)
                               .where(rollups.SummaryRollup.grain == rollups.CARDS))
        if not cards:  # made before the rollups kept each card's backing
            started = time.perf_counter()
            rollups.rebuild(session)
            session.commit()
            print(f"  rollups counted again in {time.perf_counter() - started:.0f} s", flush=True)
        rows = session.scalar(select(func_count()).select_from(rollups.SummaryRollup))
        # Rollups equal live counts: the whole system, one service and a place, month by month.
        equal = True
        for args in () if not check else ({"period": "year:2025"}, {"period": "year:2025", "service": "7"},
                     {"period": "year:2025", "area": "2"}):
            selection = parse_selection(session, args, today)
            scope = resolve_scope(session, selection.filters)
            grid = TimeGrid.for_periods(selection.period, selection.comparison,
                                        selection.period.months(), cut_months=True)
            kept = cache.normalised(cache.collect(session, scope, grid))
            live = cache.normalised(cache.count_live(session, scope, grid))
            equal &= kept == live
        selection = parse_selection(session, {"period": "year:2025"}, today)
        scope = resolve_scope(session, selection.filters)
        now = datetime.now(UTC)
        documents, counted_live = [None, None], None
        for live in (False, True) if check else ():
            started = time.perf_counter()
            documents[live] = build_summary(session, selection, scope, today=today, now=now,
                                            live=live)
            counted_live = (time.perf_counter() - started) * 1000
        same = documents[0] == documents[1]
        if not check:
            print(f"  rollups: {rows:,} rows (not checked against counting live: --no-check)")
        else:
            print(f"  rollups: {rows:,} rows; raw counts equal to counting live (whole system, one "
                  f"service, a place, every month of two years): {'yes' if equal else 'NO'}; "
                  f"the whole-system summary, every table: "
                  f"{'identical' if same else 'DIFFERENT'}", flush=True)
        # The scheduler's routine run: one service's day changed (a submission came in).
        rollups.mark_dirty(session, 7, date(2026, 3, 15))
        started = time.perf_counter()
        rollups.refresh(session)
        session.commit()
        routine = (time.perf_counter() - started) * 1000
    print(f"  scheduler: recounting one changed service month took {routine:,.0f} ms",
          flush=True)

    client = app.test_client()
    response = client.post("/sign-in", data={"username": "bench-commissioner",
                                             "password": BENCH_PASSWORD})
    assert response.status_code == 302, "could not sign in as the bench commissioner"

    def page(path: str):
        def get():
            got = client.get(path)
            assert got.status_code == 200, got.status_code
            return got
        return get

    def snapshot():
        got = client.post("/summaries/snapshots", data={"selection": YEAR})
        assert got.status_code == 302, got.status_code

    results = {
        "whole system, one year": _timed(page(f"/summaries/?{YEAR}"), runs),
        "one service, one year": _timed(page(f"/summaries/?service=7&{YEAR}"), runs),
        "a place (about a quarter of services), one year": _timed(
            page(f"/summaries/?area=2&{YEAR}"), runs),
        "the board report, whole system": _timed(page(f"/summaries/report?{YEAR}"),
                                                 max(3, runs // 2)),
        "a snapshot, whole system": _timed(snapshot, max(3, runs // 2)),
    }

    # Timed once, in the check above (no warm-up: the database had just read everything).
    if counted_live is not None:
        results["for the record: whole system counted live from the rows"] = [counted_live]

    # A month just changed for ten services (not yet recounted by the scheduler): those
    # services' month is counted live, the rest read from the rollups.
    with app.app_context():
        for service_id in range(1, 11):
            rollups.mark_dirty(db.session, service_id, date(2026, 3, 10))
        db.session.commit()
    results["whole system, ten services changed in March"] = _timed(
        page(f"/summaries/?{YEAR}"), runs)
    with app.app_context():
        rollups.refresh(db.session)
        db.session.commit()
    return results


def func_count():
    from sqlalchemy import func

    return func.count()


def report(name: str, results: dict[str, list[float]], scale: float,
           baseline: dict[str, list[float]] | None = None) -> bool:
    ok = True
    print(f"\n{name}, scale {scale:g}")
    for what, times in results.items():
        median = statistics.median(times)
        target = TARGETS.get(what) if scale >= 10 else None
        verdict = ""
        if target is not None:
            passed = median < target
            ok &= passed
            verdict = f"  target < {target:.0f} ms: {'PASS' if passed else 'FAIL'}"
        if baseline and what in baseline and what in TARGETS:
            ratio = median / statistics.median(baseline[what])
            passed = ratio <= RATIO
            ok &= passed
            verdict += f"  {ratio:.2f}x scale 1 (<= {RATIO}x: {'PASS' if passed else 'FAIL'})"
            if getattr(times, "cpu", None) and getattr(baseline[what], "cpu", None):
                cpu_ratio = statistics.median(times.cpu) / statistics.median(baseline[what].cpu)
                verdict += f", CPU {cpu_ratio:.2f}x"
        cpu = getattr(times, "cpu", None)
        cpu_text = f", CPU {statistics.median(cpu):.0f} ms" if cpu else ""
        print(f"  {what:<58} median {median:7.0f} ms  (best {min(times):.0f}, "
              f"worst {max(times):.0f}{cpu_text}){verdict}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--postgres-only", action="store_true")
    parser.add_argument("--no-check", action="store_true",
                        help="skip checking the rollups against counting live (minutes at scale 10)")
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0],
                        help="data sizes to measure, e.g. 1 10 (1 = 100,000 responses); the "
                             "first is the baseline for the ratio")
    args = parser.parse_args()
    try:
        load = os.getloadavg()[0]
        print(f"Machine: {os.cpu_count()} cores, load average {load:.1f} at the start")
    except OSError:
        pass
    ok = True
    backends = []
    if not args.postgres_only:
        backends.append("SQLite")
    if not args.sqlite_only:
        backends.append("PostgreSQL")
    for backend in backends:
        baseline = None
        for scale in args.scales:
            sqlite, pg = urls_for(scale)
            if backend == "SQLite":
                print(f"\nSQLite ({sqlite.removeprefix('sqlite:///')})", flush=True)
                url = sqlite
            else:
                problem = _postgres_ready(pg)
                if problem:
                    print(f"\nPostgreSQL skipped: {problem}")
                    break
                print(f"\nPostgreSQL ({pg.split('@')[-1]})", flush=True)
                url = pg
            results = bench(url, args.runs, args.regenerate, scale, check=not args.no_check)
            ok &= report(backend, results, scale, baseline)
            baseline = baseline or results
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
