"""The baseline for the submission benchmark: a bare Flask + SQLAlchemy endpoint that inserts one
row per POST and redirects, on the same engine settings as Voice (voice.db.make_engine).

    gunicorn -w 2 -b 127.0.0.1:PORT benchmarks._survey_bare_app:app
    (VOICE_BENCH_BARE_DATABASE_URL says which database)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask import Flask, abort, redirect, request  # noqa: E402
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, func  # noqa: E402
from sqlalchemy.exc import IntegrityError  # noqa: E402

from voice.db import make_engine  # noqa: E402

metadata = MetaData()
rows = Table(
    "bench_bare_rows", metadata,
    Column("id", Integer, primary_key=True),
    Column("token", String(64), unique=True, nullable=False),
    Column("value", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), server_default=func.now()),
)

engine = make_engine(os.environ.get("VOICE_BENCH_BARE_DATABASE_URL", "sqlite:///bench-bare.db"))
app = Flask(__name__)


@app.post("/insert")
def insert():
    token = request.form.get("token", "")
    if not token:
        abort(400)
    try:
        with engine.begin() as conn:
            conn.execute(rows.insert().values(token=token, value=request.form.get("value", "")))
    except IntegrityError:
        pass  # a resend: already stored
    return redirect(f"/done/{token}", 303)
