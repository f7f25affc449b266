"""Does choosing a language cost a survey page any time? (issue 15)

    .venv/bin/python benchmarks/bench_survey_languages.py [--rounds 300] [--page card]

``--page card`` (the action card's page) or ``--page board`` (the "You said, we did" board)
times those pages the same way instead of the survey page.

Builds a throwaway SQLite database with the ready-made templates opened as surveys (as
bench_survey_page.py does), then fetches the first page of the longest survey through the app
in English (no ``lang``), Welsh (``?lang=cy``), Arabic (``?lang=ar``) and with the browser's
``Accept-Language: cy`` only, the four interleaved round by round so that a busy machine slows
them alike. Prints the median and 90th percentile server time of each, and each language's
median minus English's.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _interleaved import print_medians, time_pages  # noqa: E402
from _survey_setup import build, make_app  # noqa: E402

BASE = "http://127.0.0.1:5000"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--page", choices=("survey", "card", "board"), default="survey")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="voice-bench-lang-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    made = build(url, BASE)
    app = make_app(url, BASE)
    client = app.test_client()
    page = f"/s/{made['every_type']['token']}"
    if args.page != "survey":
        from bench_survey_page import build_loop

        loop = build_loop(app)
        page = f"/card/{loop['card']}" if args.page == "card" else "/you-said-we-did"
    cases = {
        "English": (page, {}),
        "Welsh (?lang=cy)": (f"{page}?lang=cy", {}),
        "Arabic (?lang=ar)": (f"{page}?lang=ar", {}),
        "Welsh (browser)": (page, {"Accept-Language": "cy"}),
    }
    times = time_pages(client, cases, args.rounds)
    print(f"{page} ({args.page} page)")
    print_medians(times, "English", args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
