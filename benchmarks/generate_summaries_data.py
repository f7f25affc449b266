"""Generate a county-sized data set for the summaries benchmark.

    .venv/bin/python benchmarks/generate_summaries_data.py [--url URL] [--scale 1.0]

Creates, in a fresh database (SQLite file by default, or the PostgreSQL URL given): 100
services in 15 areas, 10 surveys with 250 links, 100,000 survey responses with their answers,
300,000 voice items (free-text answers, action cards, inspectors' findings), 5,000 action
cards, 1,000 commitments, 60 agreed inspections, and population figures for every service.
Everything falls in the two financial years April 2024 to March 2026, so the one-year
dashboard (2025 to 2026) is compared with a full year before it. Deterministic (seeded).

The schema is built by the real migrations. Rows are written in chunks as they are made, in
one transaction, by :class:`Loader` (PostgreSQL ``COPY``; SQLite ``executemany`` with the
journal off), with the big tables' secondary indexes built once at the end and the rollups
counted once after that.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from operator import itemgetter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import JSON, text  # noqa: E402

from voice import import_models  # noqa: E402
from voice.ages import AGE_CHOICES, AGE_GROUPS, OLDER_CARD_BANDS  # noqa: E402
from voice.analysis.taxonomy import THEME_KEYS  # noqa: E402
from voice.db import UTCDateTime, make_engine  # noqa: E402

DEFAULT_URL = f"sqlite:///{Path(__file__).resolve().parent.parent / 'instance' / 'bench_summaries.db'}"
START = datetime(2024, 4, 1, tzinfo=UTC)
END = datetime(2026, 4, 1, tzinfo=UTC)
SPAN = (END - START).total_seconds()

SERVICES = 100
BENCH_PASSWORD = "bench-password-not-secret"
RESPONSES = 100_000
VOICE_ITEMS = 300_000
CARDS = 5_000
COMMITMENTS = 1_000
FINDINGS = 1_200
INSPECTIONS = 60
CHUNK = 20_000  # responses made and written at a time

THEMES = list(THEME_KEYS)  # the analysis engine's taxonomy

# Every age answer (voice.ages) or none; cards also hold the two bands older cards may keep.
AGE_VALUES = [value for value, _ in AGE_CHOICES] + [None]
CARD_AGES = AGE_VALUES + list(OLDER_CARD_BANDS)
CHANNELS = ["poster", "card", "text", "email", "website"]
GENDERS = ["girl", "boy", "Girl", "female", "male", "non-binary", "prefer_not", "gender fluid"]
ETHNIC = ["white", "white", "white", "asian", "black", "mixed", "other", "prefer_not"]
YES_NO = ["yes", "no", "no", "no", "not_sure", "prefer_not"]
FFT = ["very_good"] * 5 + ["good"] * 3 + ["neither", "poor", "very_poor", "dont_know"]
PHRASES = ["The waiting list was too long", "Staff listened to me", "Nobody told me what was "
           "happening", "I liked the online chat", "I had to tell my story again",
           "The clinic is hard to get to", "Really helpful and kind", "Please text me reminders"]


def when(rng: random.Random) -> datetime:
    return START + timedelta(seconds=rng.random() * SPAN)


BIG_TABLES = ("survey_responses", "survey_answers", "voice_items", "action_cards")


class Loader:
    """Bulk writes for a throwaway benchmark database, one transaction for everything.

    PostgreSQL: ``COPY ... FROM STDIN`` through psycopg's ``cursor.copy``, with foreign-key
    triggers off for the session (``session_replication_role = replica``: the rows are made
    consistent here). SQLite: ``executemany`` with the columns' own bind processors (so
    datetimes and JSON are stored exactly as the app stores them), journal and syncing off and
    foreign keys off. Either way the secondary indexes of the big tables are dropped first and
    built once at the end (:meth:`finish`), and rows are written in chunks as they are made,
    so memory stays flat at any scale."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect
        self.postgres = engine.dialect.name == "postgresql"
        self.raw = engine.raw_connection()
        self.cursor = self.raw.cursor()
        self.indexes: list[str] = []
        self.written: dict[str, int] = {}
        if self.postgres:
            try:
                self.cursor.execute("SET session_replication_role = replica")
            except Exception:  # noqa: BLE001 - not a superuser: foreign keys stay checked
                self.raw.rollback()
        else:
            for pragma in ("journal_mode=OFF", "synchronous=OFF", "foreign_keys=OFF",
                           "cache_size=-262144"):
                self.cursor.execute(f"PRAGMA {pragma}")
            self.cursor.execute("BEGIN")
        self._drop_indexes()

    def _drop_indexes(self) -> None:
        if self.postgres:
            self.cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND "
                "tablename = ANY(%s) AND indexname NOT IN (SELECT conname FROM pg_constraint)",
                (list(BIG_TABLES),))
        else:
            marks = ", ".join("?" * len(BIG_TABLES))
            self.cursor.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                                f"sql IS NOT NULL AND tbl_name IN ({marks})", BIG_TABLES)
        for name, definition in self.cursor.fetchall():
            self.indexes.append(definition)
            self.cursor.execute(f'DROP INDEX "{name}"')

    def write(self, table, rows: list[dict]) -> None:
        """Write ``rows`` (dicts with the same keys) to ``table``; columns they leave out take
        their Python default."""
        if not rows:
            return
        given = [c for c in table.columns if c.key in rows[0]]
        added = [c for c in table.columns if c.key not in rows[0] and c.default is not None
                 and (c.default.is_scalar or c.default.is_callable)]
        columns = given + added
        convert = {i: self._converter(c) for i, c in enumerate(columns)}
        convert = {i: f for i, f in convert.items() if f is not None}
        tail = [c.default.arg if c.default.is_scalar else c.default.arg(None) for c in added]
        tail = [convert[i](v) if i in convert else v for i, v in enumerate(tail, len(given))]
        pick = itemgetter(*[c.key for c in given])
        changes = [(i, f) for i, f in convert.items() if i < len(given)]

        def values(row):
            out = list(pick(row))
            for i, f in changes:
                out[i] = f(out[i])
            return out + tail

        names = ", ".join(f'"{c.name}"' for c in columns)
        if self.postgres:
            with self.cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(values(row))
        else:
            marks = ", ".join("?" * len(columns))
            self.cursor.executemany(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})',
                                    map(values, rows))
        self.written[table.name] = self.written.get(table.name, 0) + len(rows)

    def _converter(self, column):
        """What a value of ``column`` needs before it is written: JSON as text; on SQLite the
        column type's own bind processor (datetimes as the app stores them: the generator's
        are all UTC, so the fast path formats them directly)."""
        if self.postgres:
            return json.dumps if isinstance(column.type, JSON) else None
        if isinstance(column.type, UTCDateTime):
            return _sqlite_utc_text
        return column.type._cached_bind_processor(self.dialect)

    def finish(self) -> None:
        """Build the dropped indexes, commit, and give the connection back as it was."""
        for definition in self.indexes:
            self.cursor.execute(definition)
        if self.postgres:
            for name in self.written:  # ids were given: move each table's sequence past them
                self.cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), max(id)) "
                    f'FROM "{name}" HAVING max(id) IS NOT NULL'
                    if name != "service_areas" else "SELECT 1")
            self.cursor.execute("SET session_replication_role = DEFAULT")
            self.raw.commit()
        else:
            self.cursor.execute("COMMIT")
            self.cursor.execute("PRAGMA journal_mode=WAL")
            self.cursor.execute("PRAGMA foreign_keys=ON")
        self.cursor.close()
        self.raw.close()


def _sqlite_utc_text(moment: datetime | None) -> str | None:
    """A UTC datetime as SQLAlchemy's SQLite DATETIME stores it (``2025-01-02 03:04:05.000006``)."""
    return None if moment is None else moment.isoformat(" ", "microseconds")[:26]


def build_schema(url: str, fresh: bool) -> None:
    from voice.migrate import upgrade

    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        if fresh and path.exists():
            path.unlink()
        for suffix in ("-wal", "-shm"):
            extra = path.with_name(path.name + suffix)
            if fresh and extra.exists():
                extra.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
    elif fresh:
        engine = make_engine(url)
        with engine.connect() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
            conn.commit()
        engine.dispose()
    upgrade(url)


def generate(url: str, scale: float = 1.0, seed: int = 2026) -> dict[str, int]:
    import_models()
    from inspectors.models import (
        Framework,
        Inspection,
        SelfAssessment,
        Standard,
        TeamRating,
    )
    from surveys.models import Answer, Question, Survey, SurveyLink, SurveyResponse
    from voice.auth.models import User
    from voice.directory.models import Area, Organisation, Service, service_areas
    from voice.loop.models import ActionCard, CardLink, Commitment, VoiceItem
    from voice.summaries.models import ServicePopulation

    rng = random.Random(seed)
    engine = make_engine(url)
    # Rows go in without the rollup triggers (one mark per row would slow this down); the
    # rollups are counted once at the end, as migration 0012 does for existing data.
    triggers = _rollup_triggers()
    with engine.begin() as conn:
        triggers.drop_triggers(conn)
    n_responses = int(RESPONSES * scale)
    n_items = int(VOICE_ITEMS * scale)
    n_cards = int(CARDS * scale)
    n_answer_items = n_items - n_cards - FINDINGS
    counts: dict[str, int] = {}
    now = END
    started = time.perf_counter()
    load = Loader(engine)

    # --- people, places, services ---
    from voice.auth.passwords import hash_password

    password = hash_password(BENCH_PASSWORD)
    load.write(User.__table__, [
        {"id": 1, "username": "bench-admin", "display_name": "Bench Admin", "role": "admin",
         "password_hash": password, "created_at": now},
        {"id": 2, "username": "bench-commissioner", "display_name": "Bench Commissioner",
         "role": "commissioner", "password_hash": password, "created_at": now},
        {"id": 3, "username": "bench-inspector", "display_name": "Jo",
         "role": "young_inspector", "password_hash": "x", "created_at": now},
    ])
    areas = [{"id": 1, "name": "Bench ICS", "kind": "system", "parent_id": None,
              "created_at": now}]
    for i in range(2, 6):
        areas.append({"id": i, "name": f"Place {i}", "kind": "place", "parent_id": 1,
                      "created_at": now})
    for i in range(6, 16):
        areas.append({"id": i, "name": f"Neighbourhood {i}", "kind": "neighbourhood",
                      "parent_id": 2 + (i % 4), "created_at": now})
    load.write(Area.__table__, areas)
    load.write(Organisation.__table__, [
        {"id": i, "name": f"Provider {i}", "kind": "provider", "created_at": now}
        for i in range(1, 11)])
    cohorts = ["send", "looked_after", "care_leavers", "young_carers", "transition"]
    services = [{"id": i, "name": f"Service {i:03d}", "slug": f"service-{i}",
                 "provider_id": 1 + i % 10, "category": "Counselling", "description": "",
                 "contact": "", "min_age": 0, "max_age": 25,
                 "cohorts": rng.sample(cohorts, rng.randint(0, 2)), "created_at": now}
                for i in range(1, SERVICES + 1)]
    load.write(Service.__table__, services)
    service_area = {s: [6 + s % 10] + ([2 + s % 4] if s % 3 == 0 else [])
                    for s in range(1, SERVICES + 1)}
    load.write(service_areas, [{"service_id": s, "area_id": a}
                               for s, ids in service_area.items() for a in ids])

    # --- surveys, questions, links ---
    kinds = [("fft", "fft"), ("smiley", "smiley"), ("about_age", "age"),
             ("about_gender", "gender"), ("about_ethnicity", "ethnicity"),
             ("about_disability", "disability"), ("about_care", "care"),
             ("long_text", "better"), ("long_text", "good"), ("short_text", "else")]
    surveys, questions, qid = [], [], 0
    question_ids: dict[int, dict[str, int]] = {}
    for sid in range(1, 11):
        surveys.append({"id": sid, "title": f"Survey {sid}", "intro": "", "min_age": 0,
                        "max_age": 25, "status": "open", "layout": "one_page",
                        "closed_message": "", "is_template": False, "created_at": now})
        question_ids[sid] = {}
        for pos, (kind, code) in enumerate(kinds):
            qid += 1
            question_ids[sid][code] = qid
            questions.append({"id": qid, "survey_id": sid, "position": pos, "code": code,
                              "kind": kind, "text": code, "hint": "", "is_required": False,
                              "options": [], "asks_about": "could_improve"
                              if code == "better" else "nonspecific",
                              "show_if_values": [], "created_at": now})
    load.write(Survey.__table__, surveys)
    load.write(Question.__table__, questions)
    links = []
    for s in range(1, SERVICES + 1):
        for j in range(2 + s % 2):
            lid = len(links) + 1
            links.append({"id": lid, "survey_id": 1 + (s + j) % 10, "service_id": s,
                          "area_id": service_area[s][j % len(service_area[s])],
                          "channel": CHANNELS[(s + j) % 5], "token": f"b{lid:015d}",
                          "note": "", "is_paused": False, "opened_count": 0,
                          "started_count": 0, "created_at": START})
    # --- responses, answers, voice items from text answers (written in chunks) ---
    responses, answers, items = [], [], []
    link_responses = [0] * (len(links) + 1)
    aid = n_answer_rows = made_items = 0
    text_answers_per_response = max(1, round(n_answer_items / n_responses))
    for rid in range(1, n_responses + 1):
        link = links[rng.randrange(len(links))]
        link_responses[link["id"]] += 1
        created = when(rng)
        age = rng.choice(AGE_VALUES)
        responses.append({"id": rid, "survey_id": link["survey_id"], "link_id": link["id"],
                          "submission_token": f"r{rid:020d}", "created_at": created,
                          "age_band": age, "has_safeguarding_concern": False})
        q = question_ids[link["survey_id"]]
        picks = []
        if rng.random() < 0.9:
            picks.append((q["fft"], rng.choice(FFT)))
        if rng.random() < 0.8:
            picks.append((q["smiley"], str(rng.choice([5, 5, 4, 4, 3, 2, 1]))))
        if age is not None:
            picks.append((q["age"], age))
        for code, values in (("gender", GENDERS), ("ethnicity", ETHNIC),
                             ("disability", YES_NO), ("care", YES_NO)):
            if rng.random() < 0.6:
                picks.append((q[code], rng.choice(values)))
        for code in ("better", "good", "else")[:text_answers_per_response]:
            picks.append((q[code], rng.choice(PHRASES)))
        for question_id, value in picks:
            aid += 1
            answers.append({"id": aid, "response_id": rid, "question_id": question_id,
                            "value": value})
            if question_id in (q["better"], q["good"], q["else"]) \
                    and made_items < n_answer_items:
                made_items += 1
                item = _item(rng, made_items, "answer", aid, link["service_id"],
                             link["area_id"], link["channel"], age, value, created)
                if item["state"] == "duplicate":  # backs a card: cards' items come later
                    item["state"] = "new"
                items.append(item)
        if len(responses) == CHUNK:
            load.write(SurveyResponse.__table__, responses)
            load.write(Answer.__table__, answers)
            load.write(VoiceItem.__table__, items)
            n_answer_rows += len(answers)
            responses, answers, items = [], [], []
    load.write(SurveyResponse.__table__, responses)
    load.write(Answer.__table__, answers)
    n_answer_rows += len(answers)
    for link in links:
        link["opened_count"] = int(link_responses[link["id"]] * rng.uniform(1.2, 3.0))
        link["started_count"] = int(link_responses[link["id"]] * rng.uniform(1.0, 1.3))
    load.write(SurveyLink.__table__, links)
    counts.update(responses=n_responses, answers=n_answer_rows)

    # --- action cards (each with its voice item) ---
    card_links = [{"id": s, "token": f"c{s:015d}", "service_id": s,
                   "area_id": service_area[s][0], "place": "Reception",
                   "is_paused": False, "created_at": START} for s in range(1, SERVICES + 1)]
    load.write(CardLink.__table__, card_links)
    # Backing: some items say the same as an earlier card (a "duplicate" that picks itself or
    # a later card stays new, as every answer's item does).
    first_card_item = made_items + 1

    def backing(item):
        if item["state"] == "duplicate":
            item["duplicate_of_id"] = first_card_item + rng.randrange(n_cards)
            if item["duplicate_of_id"] >= item["id"]:
                item["state"], item["duplicate_of_id"] = "new", None
        return item

    cards = []
    for cid in range(1, n_cards + 1):
        service = rng.randint(1, SERVICES)
        created = when(rng)
        age = rng.choice(CARD_AGES)
        channel = "qr" if rng.random() < 0.8 else "paper"
        item_id = made_items + 1
        made_items += 1
        items.append(backing(_item(rng, item_id, "card", cid, service, service_area[service][0],
                                   channel, age, rng.choice(PHRASES), created)))
        cards.append({"id": cid, "service_id": service, "link_id": service,
                      "kind": rng.choice(["stop", "start", "change", "change"]),
                      "what": rng.choice(PHRASES), "why": "", "age_band": age,
                      "channel": channel, "submission_key": f"k{cid:020d}",
                      "voice_item_id": item_id, "created_at": created})
    for fid in range(1, FINDINGS + 1):
        service = rng.randint(1, SERVICES)
        made_items += 1
        items.append(backing(_item(rng, made_items, "finding", fid, service, None,
                                   "inspection", None, rng.choice(PHRASES), when(rng))))
    load.write(VoiceItem.__table__, items)
    load.write(ActionCard.__table__, cards)
    counts.update(voice_items=made_items, cards=len(cards))

    # --- commitments ---
    commitments = []
    for cid in range(1, COMMITMENTS + 1):
        service = rng.randint(1, SERVICES)
        created = when(rng)
        status = rng.choice(["not_started", "in_progress", "in_progress", "done", "cant_do"])
        due = (created + timedelta(days=rng.randint(14, 240))).date()
        rag = {"done": "green", "cant_do": "none"}.get(status) or (
            "red" if due < date(2026, 3, 31) else "amber")
        completed = created + timedelta(days=rng.randint(5, 200)) if status in (
            "done", "cant_do") else None
        commitments.append({
            "id": cid, "service_id": service, "you_said": rng.choice(PHRASES),
            "we_will": f"Fix {rng.choice(THEMES).replace('_', ' ')} at service {service}",
            "status": status, "due_date": due, "owner_organisation_id": 1 + service % 10,
            "owner_user_id": 2, "rag": rag, "rag_changed_at": created, "is_public": True,
            "completed_at": completed, "cant_do_reason": "Funding" if status == "cant_do"
            else None, "created_at": created, "updated_at": completed or created})
    load.write(Commitment.__table__, commitments)
    counts["commitments"] = len(commitments)

    # --- young inspectors ---
    load.write(Framework.__table__, [{"id": 1, "family": "ten-wishes", "version": 1,
                                      "name": "10 Wishes", "description": "",
                                      "created_at": START}])
    load.write(Standard.__table__, [{"id": i, "framework_id": 1, "position": i,
                                     "code": f"W{i}", "title": f"Wish {i}",
                                     "wording": f"Wish {i}", "prompts": ""}
                                    for i in range(1, 11)])
    inspections, ratings, selfs = [], [], []
    for iid in range(1, INSPECTIONS + 1):
        visit = (START + timedelta(days=rng.randint(0, 700))).date()
        inspections.append({"id": iid, "service_id": 1 + (iid * 7) % SERVICES,
                            "framework_id": 1, "method": "visit",
                            "state": rng.choice(["shared", "published"]),
                            "visit_from": visit, "visit_to": visit, "brief": "",
                            "summary": "", "certificate_awarded": rng.random() < 0.5,
                            "created_at": START, "updated_at": START})
        for sid in range(1, 11):
            team = rng.choice(["green", "green", "amber", "red"])
            ratings.append({"inspection_id": iid, "standard_id": sid, "rating": team,
                            "not_checked": False, "reason": "Seen on the visit",
                            "updated_at": START})
            selfs.append({"inspection_id": iid, "standard_id": sid,
                          "rating": team if rng.random() < 0.7 else "green", "note": "",
                          "updated_at": START})
    load.write(Inspection.__table__, inspections)
    load.write(TeamRating.__table__, ratings)
    load.write(SelfAssessment.__table__, selfs)
    counts["inspections"] = len(inspections)

    # --- population figures ---
    populations = []
    for s in range(1, SERVICES + 1):
        for dim, cats in (("age", list(AGE_GROUPS)),
                          ("ethnicity", ["asian", "black", "mixed", "white", "other"]),
                          ("gender", ["girl", "boy", "non_binary", "another_way"])):
            for cat in cats:
                populations.append({"service_id": s, "dimension": dim, "category": cat,
                                    "people": rng.randint(0, 400), "source": "caseload",
                                    "created_at": now, "updated_at": now})
    load.write(ServicePopulation.__table__, populations)
    counts["rows_seconds"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    load.finish()
    counts["index_seconds"] = round(time.perf_counter() - started, 1)
    with engine.begin() as conn:
        triggers.install_triggers(conn)
    started = time.perf_counter()
    from sqlalchemy.orm import Session

    from voice.summaries.rollups import rebuild

    with Session(bind=engine) as session:
        counts["rollup_months"] = rebuild(session)
        session.commit()
    counts["rollup_seconds"] = round(time.perf_counter() - started, 1)
    if url.startswith("sqlite"):
        with engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
    else:
        with engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
    engine.dispose()
    return counts


def _rollup_triggers():
    """Migration 0012, where the rollup triggers are defined."""
    import importlib.util

    path = next((Path(__file__).resolve().parent.parent / "migrations" / "versions")
                .glob("*_0012_rollups.py"))
    spec = importlib.util.spec_from_file_location("rollups_migration", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _item(rng, item_id, source, source_id, service, area, channel, age, words, created):
    roll = rng.random()
    state = ("approved" if roll < 0.55 else "new" if roll < 0.8 else "hidden" if roll < 0.85
             else "duplicate" if roll < 0.97 else "escalated")
    picked = sorted(rng.sample(range(len(THEMES)), rng.choice([0, 1, 1, 1, 2, 2, 3])))
    sentiment = rng.choice(["positive", "positive", "neutral", "negative", "negative"])
    return {"id": item_id, "source": source, "source_id": source_id, "service_id": service,
            "area_id": area, "channel": channel, "age_band": age, "question_kind": "nonspecific",
            "text": words, "redacted_text": words,
            "public_text": words if state == "approved" else None, "sentiment": sentiment,
            "sentiment_score": 0.5, "themes": [THEMES[i] for i in picked],
            "is_safeguarding": state == "escalated", "safeguarding_reasons": [],
            "state": state, "created_at": created, "duplicate_of_id": None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=DEFAULT_URL, help="database URL (default: %(default)s)")
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full size")
    parser.add_argument("--keep", action="store_true", help="do not drop an existing database")
    args = parser.parse_args()
    started = time.perf_counter()
    build_schema(args.url, fresh=not args.keep)
    counts = generate(args.url, args.scale)
    print(json.dumps(counts))
    print(f"Generated in {time.perf_counter() - started:.0f} s: {args.url.split('@')[-1]}")


if __name__ == "__main__":
    main()
