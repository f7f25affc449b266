"""build_summary server time in-process (no HTTP, no template): whole system, one service, a place.

    .venv/bin/python benchmarks/bench_summary_views.py sqlite:///instance/bench_summaries_s10.db

Median of 3 after a warm-up, wall clock and CPU. Data: generate_summaries_data.py (any scale).
"""

import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from voice import create_app  # noqa: E402
from voice.db import db  # noqa: E402
from voice.summaries.filters import parse_selection, resolve_scope  # noqa: E402
from voice.summaries.summary import build_summary  # noqa: E402

VIEWS = (("whole system", {"period": "year:2025"}),
         ("one service", {"period": "year:2025", "service": "7"}),
         ("a place", {"period": "year:2025", "area": "2"}))

app = create_app({"DATABASE_URL": sys.argv[1]})
today = date(2026, 11, 23)
with app.app_context():
    session = db.session
    for name, args in VIEWS:
        selection = parse_selection(session, args, today)
        scope = resolve_scope(session, selection.filters)
        walls, cpus = [], []
        for run in range(4):
            wall, cpu = time.perf_counter(), time.process_time()
            build_summary(session, selection, scope, today=today, now=datetime.now(UTC))
            if run:
                walls.append((time.perf_counter() - wall) * 1000)
                cpus.append((time.process_time() - cpu) * 1000)
        print(f"{name}: wall median {statistics.median(walls):.0f} ms (best {min(walls):.0f}), "
              f"CPU median {statistics.median(cpus):.0f} ms", flush=True)
