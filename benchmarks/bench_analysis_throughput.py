"""Throughput of the analysis engine: comments analysed per second on one core.

    .venv/bin/python benchmarks/bench_analysis_throughput.py [path/to/comments.csv]

Runs the built-in engine (sentiment with the shipped model, themes, safeguarding,
redaction) over the NHS Friends and Family Test comments, pinned to one CPU core,
through the batch path (``analyse_many``, batches of 1,000 as the scheduler uses) and
the one-at-a-time path (``analyse``, as a new submission is handled). Prints the best
of three timed runs after a warm-up, measured two ways: by the wall clock, and by
the CPU time this process used -- on a shared machine other work steals the core
from under the wall clock, while CPU time shows what one core of its own delivers.
Development figures.
"""

from __future__ import annotations

import os

# One core means one thread everywhere, set before NumPy is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import csv  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

DEFAULT_DATA = Path("/work/shared/data/nhs_fft_phase1.csv")
TARGET = 3000
BATCH = 1000
SINGLE_SAMPLE = 2000


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DATA
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    from voice.analysis import Engine

    with path.open(encoding="utf-8", newline="") as handle:
        texts = [row["feedback"] for row in csv.DictReader(handle)]
    engine = Engine.default()
    engine.analyse_many(texts[:BATCH])  # warm-up: lexicons loaded, caches filled

    def timed(work, count: int) -> tuple[float, float]:
        """(comments per wall-clock second, comments per CPU second)."""
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        return count / (time.perf_counter() - wall), count / (time.process_time() - cpu)

    def batch_work() -> None:
        for i in range(0, len(texts), BATCH):
            engine.analyse_many(texts[i : i + BATCH])

    sample = texts[:SINGLE_SAMPLE]

    def single_work() -> None:
        for text in sample:
            engine.analyse(text)

    batch = [timed(batch_work, len(texts)) for _ in range(3)]
    single = [timed(single_work, len(sample)) for _ in range(3)]
    mean_chars = statistics.mean(len(t) for t in texts)
    print(f"engine {engine.version}; {len(texts)} comments, mean {mean_chars:.0f} characters")
    for name, runs in (
        (f"batch  (analyse_many, batches of {BATCH})", batch),
        ("single (analyse, one at a time)        ", single),
    ):
        print(
            f"{name}: {max(r[1] for r in runs):,.0f} comments/s per CPU second,"
            f" {max(r[0] for r in runs):,.0f} by the wall clock"
            f" (wall-clock runs: {', '.join(f'{r[0]:,.0f}' for r in runs)})"
        )
    print(f"target: {TARGET:,} comments/s on one core (batch path)")
    print("development figures: best of three runs, pinned to one core of a shared machine")


if __name__ == "__main__":
    main()
