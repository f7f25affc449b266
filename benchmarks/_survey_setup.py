"""Shared set-up for the survey benchmarks: a database with a service, the ready-made templates
turned into open surveys, and one poster link each. Not a benchmark itself."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

BENCH_SECRET = "benchmark-secret-key-not-for-production"
DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/voice_bench_surveys"

# One question of every type (the page-weight stress case).
EVERY_TYPE = [
    {"kind": "fft", "code": "fft", "text": "Overall, how was your time with us?", "is_required": True},
    {"kind": "smiley", "code": "visit", "text": "How was your visit today?"},
    {"kind": "single", "code": "how_heard", "text": "How did you hear about us?",
     "option_lines": "School\nDoctor\nFriend\nOnline\nSomewhere else"},
    {"kind": "multiple", "code": "good_bits", "text": "What was good?",
     "option_lines": "On time\nFriendly staff\nSafe place\nEasy to get to"},
    {"kind": "yes_no", "code": "listened", "text": "Did you feel listened to?"},
    {"kind": "short_text", "code": "one_word", "text": "One word for us?"},
    {"kind": "long_text", "code": "better", "text": "What could we do better?",
     "asks_about": "could_improve"},
    {"kind": "number", "code": "visits", "text": "How many times have you been?",
     "min_value": 0, "max_value": 100},
    {"kind": "about_age"}, {"kind": "about_gender"}, {"kind": "about_ethnicity"},
    {"kind": "about_disability"}, {"kind": "about_care"}, {"kind": "about_carer"},
]


def reset_postgres(url: str) -> None:
    """Create the benchmark database if needed and empty it (only ever this database)."""
    name = url.rsplit("/", 1)[1]
    if not name.startswith("voice_bench"):
        raise SystemExit(f"Refusing to reset {name}: benchmark databases start with voice_bench")
    admin = create_engine(url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}):
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def postgres_available(url: str) -> str | None:
    """None when PostgreSQL answers, else the reason."""
    try:
        engine = create_engine(url.rsplit("/", 1)[0] + "/postgres")
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as error:  # any failure means "skip PostgreSQL", with the reason
        return str(error).splitlines()[0]
    return None


def make_app(database_url: str, base_url: str = "http://127.0.0.1:5000"):
    os.environ.setdefault("VOICE_SECRET_KEY", BENCH_SECRET)
    from voice import create_app

    return create_app({"DATABASE_URL": database_url, "SECRET_KEY": BENCH_SECRET,
                       "BASE_URL": base_url, "SURVEY_SUBMIT_LIMIT": "1000000/minute",
                       "SURVEY_VIEW_LIMIT": "1000000/minute"})


def build(database_url: str, base_url: str = "http://127.0.0.1:5000") -> dict:
    """Migrate, then add a service and one open survey (with a poster link) per template and
    one with every question type. Returns {name: {"survey_id", "link_id", "token"}}."""
    from surveys import operations
    from voice.db import db
    from voice.directory.models import Service
    from voice.directory.services import create_area, create_organisation, create_service
    from voice.migrate import upgrade

    upgrade(database_url)
    app = make_app(database_url, base_url)
    made = {}
    with app.app_context():
        session = db.session
        org = create_organisation(session, None, name="Bench Trust", kind="provider")
        area = create_area(session, None, name="Bench Town", kind="place")
        lead = {}
        if hasattr(Service, "safeguarding_lead_id"):  # a service that takes answers has one
            from voice.auth.models import User
            from voice.auth.roles import Role

            user = User(username="bench-lead", display_name="Bench Lead",
                        role=Role.PARTICIPATION.value, password_hash="x",
                        organisation_id=org.id)
            session.add(user)
            session.flush()
            lead = {"safeguarding_lead_id": user.id}
        service = create_service(session, None, name="Bench Clinic", provider_id=org.id,
                                 category="Counselling", min_age=0, max_age=25,
                                 area_ids=[area.id], contact="Call 01632 960 000.", **lead)
        surveys = {t.template_key: operations.copy_survey(session, None, t)
                   for t in operations.install_builtin_templates(session)}
        every = operations.create_survey(session, None, title="Every question type",
                                         intro="A test of every kind of question.")
        for spec in EVERY_TYPE:
            operations.add_question(session, None, every, **spec)
        surveys["every_type"] = every
        for name, survey in surveys.items():
            operations.open_survey(session, None, survey)
            link = operations.create_link(session, None, survey, service_id=service.id,
                                          area_id=area.id, channel="poster")
            made[name] = {"survey_id": survey.id, "link_id": link.id, "token": link.token}
        session.commit()
    return made
