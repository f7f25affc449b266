"""What showing a survey's own words in the page's language costs (issue 15, point 2).

    .venv/bin/python benchmarks/bench_survey_content.py [--rounds 200]

Builds a throwaway SQLite database with the ready-made templates opened as surveys (as
bench_survey_page.py does; they carry Welsh, Arabic and easy-read wording), then:

1. times every ``localised`` / ``option_label`` lookup one page of "Were our promises kept?"
   (the longest template) makes, in English (nothing to look up: straight to the English), in
   Arabic (found) and in Welsh easy read (not found, then found in Welsh), and prints the cost
   per page;
2. fetches that page through the app in the same three versions, interleaved round by round so
   a busy machine slows them alike, and prints the median and 90th percentile of each.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _interleaved import print_medians, time_pages  # noqa: E402
from _survey_setup import build, make_app  # noqa: E402

BASE = "http://127.0.0.1:5000"
VERSIONS = {"English": "", "Arabic": "?lang=ar", "Welsh easy read": "?lang=cy&read=easy"}


def lookups_per_page(app, token: str, query: str, repeat: int) -> float:
    """Microseconds for all the lookups one page makes (each question's text and hint, every
    answer label, the title twice and the intro twice)."""
    from sqlalchemy import select

    from surveys import content
    from surveys.models import SurveyLink
    from surveys.questions import QuestionSpec
    from voice.db import db

    with app.test_request_context(f"/s/{token}{query}"):
        app.preprocess_request()
        link = db.session.scalar(select(SurveyLink).where(SurveyLink.token == token))
        survey = link.survey
        specs = [QuestionSpec.of(q) for q in survey.questions]
        start = time.perf_counter()
        for _ in range(repeat):
            for _ in range(2):
                content.page_localised(survey, "title")
                content.page_localised(survey, "intro")
            for spec in specs:
                content.page_localised(spec, "text")
                content.page_localised(spec, "hint")
                for option in spec.options:
                    content.page_option_label(spec, option["value"])
        return (time.perf_counter() - start) / repeat * 1e6


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="voice-bench-content-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    made = build(url, BASE)
    app = make_app(url, BASE)
    token = made["promises_kept"]["token"]

    print("Lookups of the survey's own words for one page of 'Were our promises kept?':")
    for name, query in VERSIONS.items():
        micro = lookups_per_page(app, token, query, repeat=200)
        print(f"  {name:<16} {micro:>8.1f} µs per page")

    print()
    cases = {name: (f"/s/{token}{query}", {}) for name, query in VERSIONS.items()}
    print_medians(time_pages(app.test_client(), cases, args.rounds), "English", args.rounds,
                  title="whole page")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
