"""Learning from corrections: how long each step takes, on a fresh SQLite database.

    .venv/bin/python benchmarks/bench_learning.py [--items 3000] [--corrections 1000] \\
        [--data ../shared/data/nhs_fft_phase1.csv]

Comments are real NHS Friends and Family Test feedback (the file above; synthetic sentences if
it is missing). What is timed, each printed as a figure:

* ``record_voice_item`` with the live engine (what every new comment goes through), per item;
* ``live_engine()`` when nothing changed: cached (within the check interval) and re-checked
  (two indexed queries);
* rebuilding the engine when the live model changes: unpacking the model blob from the database;
* ``retrain()`` on ``--corrections`` corrections (sentiment from the file's criticality, themes
  from its hand-labelled categories mapped to Voice's taxonomy), with the decision it took;
* ``reanalyse_items()`` after a rules change, in items per second.

These are timings, not accuracy figures: the built-in model was trained on this same file, so it
has seen the held-back comments and the comparison is tilted in its favour.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# NHS categories -> the nearest Voice theme (benchmark only: a rough mapping, not a taxonomy).
NHS_TO_VOICE = {
    "Access": "waiting_and_access",
    "Communication": "communication",
    "Staff": "staff_attitude",
    "Environment/ facilities": "place_and_travel",
    "Transition/coordination": "joined_up_care",
    "Dignity": "feeling_safe_and_privacy",
    "Care received": "quality_of_support",
    "Couldn't be improved": "praise",
}


def _comments(path: Path, limit: int) -> list[tuple[str, str | None, str | None]]:
    """(text, sentiment, theme) triples."""
    if path.exists():
        from voice.analysis.data import load_nhs_fft

        rows = [c for c in load_nhs_fft(path) if c.text.strip()]
        return [(c.text, c.sentiment, NHS_TO_VOICE.get(c.label)) for c in rows[:limit]]
    print(f"({path} not found: using synthetic sentences)")
    words = ["waiting", "staff", "kind", "bus", "phone", "letters", "help", "rude", "lovely"]
    return [(f"the {words[i % 9]} was {words[(i * 7) % 9]} number {i}",
             ("negative", "neutral", "positive")[i % 3], None) for i in range(limit)]


def _median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=3000)
    parser.add_argument("--corrections", type=int, default=1000)
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" /
                                              "data" / "nhs_fft_phase1.csv"))
    args = parser.parse_args()

    from voice import create_app
    from voice.db import db, utcnow
    from voice.directory.models import Organisation, Service
    from voice.learning import engine as live
    from voice.learning import rules as rule_services
    from voice.learning.corrections import record_correction
    from voice.learning.reanalysis import reanalyse_items
    from voice.learning.training import retrain
    from voice.loop.items import record_voice_item
    from voice.migrate import upgrade

    folder = Path(tempfile.mkdtemp(prefix="voice-bench-learning-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    upgrade(url)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench-" * 8,
                      "ANALYSIS_ENGINE_CHECK_SECONDS": 10})
    comments = _comments(Path(args.data), args.items)
    with app.app_context():
        session = db.session
        org = Organisation(name="Bench Trust", kind="provider")
        session.add(org)
        session.flush()
        service = Service(name="Bench service", slug="bench", provider_id=org.id,
                          category="Counselling")
        session.add(service)
        session.commit()

        live.reset_live_engine()
        started = time.perf_counter()
        items = [record_voice_item(session, source="answer", text=text, service_id=service.id)
                 for text, _, _ in comments]
        session.commit()
        per_item = (time.perf_counter() - started) * 1000 / len(items)
        print(f"record_voice_item with the live engine: {per_item:.2f} ms per item "
              f"({len(items):,} items, including the insert)")

        live_engine_cached = _median_ms(lambda: live.live_engine(session), 2000)
        live_engine_checked = _median_ms(lambda: live.live_engine(session, max_age=0), 200)
        print(f"live_engine() cached: {live_engine_cached * 1000:.1f} µs; "
              f"re-checked against the database: {live_engine_checked:.2f} ms")

        officer = None
        started = time.perf_counter()
        corrected = 0
        for item, (_, sentiment, theme) in zip(items, comments, strict=False):
            if corrected >= args.corrections:
                break
            if sentiment is None:
                continue
            record_correction(session, officer, item, themes=[theme] if theme else [],
                              sentiment=sentiment)
            corrected += 1
        session.commit()
        print(f"record_correction: {(time.perf_counter() - started) * 1000 / max(corrected, 1):.2f}"
              f" ms per correction ({corrected:,})")

        started = time.perf_counter()
        result = retrain(session, None, utcnow(), min_records=50)
        session.commit()
        run = result.run
        print(f"retrain on {run.n_corrections:,} corrections ({run.n_train:,} trained on, "
              f"{run.n_held_back:,} held back): {time.perf_counter() - started:.1f} s; "
              f"decision: {run.outcome}: {run.message}")
        if run.model is not None:
            size = run.model.files_size
            blob = run.model.files
            unpack = _median_ms(lambda: live.unpack_model(blob), 5)
            print(f"model blob: {size / 1024:.0f} KB; unpacking it (once per process per "
                  f"version): {unpack:.0f} ms")

        rule_services.save_theme_rules(session, None, "place_and_travel", patterns="bus\nthe hub")
        session.commit()
        started = time.perf_counter()
        done = 0
        while True:
            report = reanalyse_items(session, 1000, utcnow())
            session.commit()
            done += report.updated
            if not report.remaining or not report.checked:
                break
        seconds = time.perf_counter() - started
        print(f"reanalyse_items after a rules change: {done:,} items in {seconds:.1f} s "
              f"({done / seconds:,.0f} items per second, batches of 1,000)")


if __name__ == "__main__":
    main()
