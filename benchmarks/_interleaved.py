"""Timing pages through the app, interleaved round by round so that a busy machine slows them
alike (used by bench_survey_languages.py and bench_survey_content.py)."""

from __future__ import annotations

import statistics
import time


def time_pages(client, cases: dict[str, tuple[str, dict]], rounds: int) -> dict[str, list[float]]:
    """Milliseconds per request for each case (name -> (path, headers)), after a warm-up."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for name, (path, headers) in cases.items():
        assert client.get(path, headers=headers).status_code == 200, name
    for _ in range(rounds):
        for name, (path, headers) in cases.items():
            start = time.perf_counter()
            response = client.get(path, headers=headers)
            times[name].append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (name, response.status_code)
    return times


def print_medians(times: dict[str, list[float]], baseline: str, rounds: int,
                  title: str = "page", width: int = 20) -> None:
    """Median and 90th percentile of each case, and its median minus the baseline's."""
    base = statistics.median(times[baseline])
    print(f"{title:<{width}} {'median ms':>10} {'p90 ms':>8} {'vs ' + baseline:>11}"
          f"   ({rounds} rounds)")
    for name, values in times.items():
        median = statistics.median(values)
        p90 = statistics.quantiles(values, n=10)[-1]
        print(f"{name:<{width}} {median:>10.2f} {p90:>8.2f} {median - base:>+11.2f}")
