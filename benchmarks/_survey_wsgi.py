"""Voice as gunicorn runs it for the submission benchmark: the real app, with the survey rate
limits raised so that 50 clients on one address measure the app rather than the limiter (the
limiter is still consulted on every submission).

    gunicorn -w 2 -b 127.0.0.1:PORT benchmarks._survey_wsgi:app
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from voice import create_app  # noqa: E402

app = create_app({"DATABASE_URL": os.environ["VOICE_DATABASE_URL"],
                  "SURVEY_SUBMIT_LIMIT": "1000000/minute",
                  "SURVEY_VIEW_LIMIT": "1000000/minute"})
