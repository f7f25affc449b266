"""Commissioner dashboard server time at county scale, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/bench_summaries.py [--runs 7] [--regenerate] [--sqlite-only]

Data: benchmarks/generate_summaries_data.py (100,000 survey responses with 800,000 answers,
300,000 voice items, 5,000 action cards, 1,000 commitments, 100 services, April 2024 to March
2026). The SQLite file is instance/bench_summaries.db; PostgreSQL is VOICE_BENCH_DATABASE_URL
(default postgresql+psycopg://postgres@127.0.0.1:5432/voice_summaries_bench, created if missing;
skipped with the reason if PostgreSQL does not answer). Each is generated once and reused;
``--regenerate`` makes it again.

What is timed: a signed-in commissioner's GET of the dashboard, through the whole app (filters,
every aggregate query, suppression, charts, the template), as the server's time to produce the
full response. First the scheduler's job counts the closed months (as it does every 15
minutes in production); then, per database:

* the whole system for one year (2025 to 2026, compared with 2024 to 2025): target < 500 ms;
* one service for the same year: target < 150 ms;
* for the record, the same whole-system summary counted entirely live (as snapshots are), and a
  place-sized area (live: filtered views never use the kept months).

Figures are the median of ``--runs`` requests after one warm-up request. Exits 1 if a target
is missed.
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
TARGETS = {"whole system, one year": 500.0, "one service, one year": 150.0}


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


def _needs_data(url: str) -> bool:
    from sqlalchemy import text

    from voice.db import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            count = conn.execute(text("SELECT count(*) FROM survey_responses")).scalar()
            return count != RESPONSES
    except Exception:  # noqa: BLE001 - no schema yet
        return True
    finally:
        engine.dispose()


def _timed(fn, runs: int) -> list[float]:
    fn()  # warm-up: connection pool, template compilation, the database's own caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def bench(url: str, runs: int, regenerate: bool) -> dict[str, list[float]]:
    from voice import create_app
    from voice.db import db
    from voice.summaries import cache
    from voice.summaries.filters import parse_selection, resolve_scope
    from voice.summaries.summary import build_summary

    label = url.split("@")[-1] if "@" in url else url
    if regenerate or _needs_data(url):
        print(f"  generating data in {label} (once)...", flush=True)
        started = time.perf_counter()
        build_schema(url, fresh=True)
        generate(url)
        print(f"  generated in {time.perf_counter() - started:.0f} s", flush=True)
    else:
        from voice.migrate import upgrade

        upgrade(url)

    # CSRF is off only so the bench client can sign in with one POST.
    app = create_app({"DATABASE_URL": url, "RATELIMIT_ENABLED": False, "WTF_CSRF_ENABLED": False,
                      "SECRET_KEY": "bench-secret-not-for-production", "BASE_URL":
                      "http://127.0.0.1:5000"})
    with app.app_context():
        started = time.perf_counter()
        months = cache.refresh_months(db.session, limit=1000)
        db.session.commit()
        full = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        cache.refresh_months(db.session)
        db.session.commit()
        routine = (time.perf_counter() - started) * 1000
    print(f"  scheduler job: counted {len(months)} closed months in {full:,.0f} ms; a routine "
          f"15-minute run took {routine:,.0f} ms", flush=True)

    client = app.test_client()
    response = client.post("/sign-in", data={"username": "bench-commissioner",
                                             "password": BENCH_PASSWORD})
    assert response.status_code == 302, "could not sign in as the bench commissioner"

    def page(query: str):
        def get():
            got = client.get(f"/summaries/?{query}")
            assert got.status_code == 200, got.status_code
            return got
        return get

    results = {
        "whole system, one year": _timed(page(YEAR), runs),
        "one service, one year": _timed(page(f"service=7&{YEAR}"), runs),
    }

    def live(args):
        def run():
            with app.app_context():
                today = date(2026, 11, 23)
                selection = parse_selection(db.session, args, today)
                scope = resolve_scope(db.session, selection.filters)
                build_summary(db.session, selection, scope, today=today,
                              now=datetime.now(UTC), use_cache=False)
        return run

    results["whole system, one year, counted live (as snapshots are)"] = _timed(
        live({"period": "year:2025"}), max(3, runs // 2))
    results["a place (about a quarter of services), one year, live"] = _timed(
        page(f"area=2&{YEAR}"), max(3, runs // 2))
    return results


def report(name: str, results: dict[str, list[float]]) -> bool:
    ok = True
    print(f"\n{name}")
    for what, times in results.items():
        median = statistics.median(times)
        target = TARGETS.get(what)
        verdict = ""
        if target is not None:
            passed = median < target
            ok &= passed
            verdict = f"  target < {target:.0f} ms: {'PASS' if passed else 'FAIL'}"
        print(f"  {what:<58} median {median:7.0f} ms  (best {min(times):.0f}, "
              f"worst {max(times):.0f}){verdict}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    try:
        load = os.getloadavg()[0]
        print(f"Machine: {os.cpu_count()} cores, load average {load:.1f} at the start")
    except OSError:
        pass
    ok = True
    print(f"\nSQLite ({DEFAULT_URL.removeprefix('sqlite:///')})", flush=True)
    ok &= report("SQLite", bench(DEFAULT_URL, args.runs, args.regenerate))
    if not args.sqlite_only:
        problem = _postgres_ready(PG_URL)
        if problem:
            print(f"\nPostgreSQL skipped: {problem}")
        else:
            print(f"\nPostgreSQL ({PG_URL.split('@')[-1]})", flush=True)
            ok &= report("PostgreSQL", bench(PG_URL, args.runs, args.regenerate))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
