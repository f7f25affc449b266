"""Moderation at real volume (issue 13): keystrokes and page loads for 100 items, and the
server's time per queue page with 5,000 items waiting.

    .venv/bin/python benchmarks/bench_moderation.py            # both parts
    .venv/bin/python benchmarks/bench_moderation.py --server   # only the server time
    .venv/bin/python benchmarks/bench_moderation.py --browser  # only the keyboard run
    VOICE_BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/<your database> \\
        .venv/bin/python benchmarks/bench_moderation.py --server   # on PostgreSQL (EMPTIES it)

1. **Keyboard only, in headless Chromium, over the demo county** (the same live server the
   browser tests use: a fresh SQLite database, ``voice demo``, gunicorn): the participation
   officer opens /moderation and decides with the documented shortcuts only (A approve,
   H hide every fifth item, S save the page) until 100 items are approved or hidden, counting
   every key pressed and every page the browser loaded. Targets: <= 3 keystrokes per item,
   <= 10 page loads per 100 items.
2. **Server time per page with 5,000 waiting**: a database with 5,000 waiting items (cards and
   survey answers over 40 days, some backed by duplicates), the queue page rendered through the
   app 30 times per view (first page, a filtered page, page 50), median and worst printed.
   Target: < 150 ms per page.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from _survey_setup import BENCH_SECRET, postgres_available  # noqa: E402

TARGET_KEYS_PER_ITEM = 3
TARGET_LOADS_PER_100 = 10
TARGET_SERVER_MS = 150
WAITING = 5000
ROUNDS = 30


# ---- 1. keyboard only in headless Chromium ---------------------------------------------------------

def browser_run(items_wanted: int = 100) -> dict:
    from playwright.sync_api import expect, sync_playwright

    from tests.e2e import support
    from voice.auth.roles import Role

    reason = support.browser_unavailable_reason()
    if reason:
        raise SystemExit(reason)
    with support.run_live_server() as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=support.CHROMIUM,
                                             args=support.CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1366, "height": 900},
                                   base_url=server.url).new_page()
        officer = server.users[Role.PARTICIPATION]
        support.sign_in(page, officer.username, server.password)
        loads = 0

        def count_load(frame):
            nonlocal loads
            if frame == page.main_frame:
                loads += 1

        page.on("framenavigated", count_load)
        page.goto(server.address("/moderation"))
        waiting_before = int(re.search(r"(\d[\d,]*) items? waiting",
                                       page.locator("#queue-summary").inner_text())
                             .group(1).replace(",", ""))
        keys = decided = approved = hidden = left = 0
        n = 0
        while decided < items_wanted:
            on_page = page.locator(".queue__item").count()
            if on_page == 0:
                break
            to_decide = min(on_page, items_wanted - decided)
            for _ in range(to_decide):
                n += 1
                page.keyboard.press("h" if n % 5 == 0 else "a")
                keys += 1
            loads_before = loads
            page.keyboard.press("s")
            keys += 1
            expect(page.locator(".notice").first).to_be_visible()
            assert loads > loads_before
            text = " ".join(page.locator(".notice").all_inner_texts())
            a = re.search(r"approved (\d+)", text)
            h = re.search(r"hid (\d+)", text)
            left_now = re.search(r"(\d+) left waiting", text)
            approved += int(a.group(1)) if a else 0
            hidden += int(h.group(1)) if h else 0
            left += int(left_now.group(1)) if left_now else 0
            decided = approved + hidden
        browser.close()
    return {"waiting_before": waiting_before, "decided": decided, "approved": approved,
            "hidden": hidden, "left_waiting": left, "keys": keys, "loads": loads}


# ---- 2. server time with 5,000 waiting -------------------------------------------------------------

def build_waiting(database_url: str, waiting: int = WAITING) -> None:
    from sqlalchemy import insert

    from voice import create_app
    from voice.auth.roles import Role
    from voice.db import db, utcnow
    from voice.loop.models import ModerationState, VoiceItem
    from voice.migrate import upgrade

    upgrade(database_url)
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": BENCH_SECRET})
    with app.app_context():
        from voice.auth import services as auth_services
        from voice.directory.models import Organisation, Service

        org = Organisation(name="Bench Health", kind="provider")
        db.session.add(org)
        db.session.flush()
        services = []
        for n in range(12):
            service = Service(name=f"Bench service {n}", slug=f"bench-service-{n}",
                              provider_id=org.id, category="health", description="", contact="",
                              cohorts=[])
            db.session.add(service)
            services.append(service)
        db.session.flush()
        auth_services.create_user(db.session, None, username="bench-officer",
                                  display_name="Bench Officer", email="bench@example.org",
                                  role=Role.PARTICIPATION, password="bench-password-2026")
        rng = random.Random(13)
        now = utcnow()
        themes = ["waiting_and_access", "listened_to", "communication", "staff_attitude"]
        rows = []
        for n in range(waiting):
            source = "card" if n % 3 == 0 else "answer"
            words = f"Please make the waiting room better and tell us how long the wait is ({n})"
            rows.append(dict(
                source=source, source_id=None, service_id=rng.choice(services).id, area_id=None,
                channel=None, age_band=rng.choice(["11-13", "14-15", "16-17", "18-21", None]),
                question_kind="nonspecific", text=words, redacted_text=words, public_text=None,
                sentiment=rng.choice(["positive", "neutral", "negative"]), sentiment_score=0.0,
                themes=rng.sample(themes, 2), is_safeguarding=False, safeguarding_reasons=[],
                model_version="bench", analysed_at=now, state=ModerationState.NEW.value,
                created_at=now - timedelta(minutes=rng.randint(0, 40 * 24 * 60))))
        db.session.execute(insert(VoiceItem), rows)
        db.session.flush()
        # Some waiting items are backed by others: 300 duplicates of the first 100 cards.
        from sqlalchemy import select

        first = db.session.scalars(select(VoiceItem.id).where(VoiceItem.source == "card")
                                   .order_by(VoiceItem.id).limit(100)).all()
        db.session.execute(insert(VoiceItem), [dict(
            source="card", source_id=None, service_id=services[0].id, area_id=None, channel=None,
            age_band=None, question_kind="nonspecific", text="the same", redacted_text="the same",
            public_text=None, sentiment="neutral", sentiment_score=0.0, themes=[],
            is_safeguarding=False, safeguarding_reasons=[], model_version="bench",
            analysed_at=now, state=ModerationState.DUPLICATE.value,
            duplicate_of_id=first[i % len(first)], created_at=now) for i in range(300)])
        db.session.commit()
    if database_url.startswith("postgresql"):
        from sqlalchemy import create_engine, text

        engine = create_engine(database_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("ANALYZE"))
        engine.dispose()


def empty_postgres(url: str) -> None:
    """Empty the database you named (its public schema is dropped and made again)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def server_run(database_url: str) -> dict[str, list[float]]:
    from voice import create_app

    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": BENCH_SECRET,
                      "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    client = app.test_client()
    response = client.post("/sign-in", data={"username": "bench-officer",
                                             "password": "bench-password-2026"})
    assert response.status_code == 302, response.status_code
    views = {"first page": "/moderation",
             "one service, cards, 14 or 15": "/moderation?service=1&source=card&age=14_15",
             "page 50": "/moderation?page=50"}
    timings: dict[str, list[float]] = {}
    for name, path in views.items():
        page = client.get(path)
        assert page.status_code == 200 and b"queue__item" in page.data, (name, page.status_code)
        times = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        timings[name] = times
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--browser", action="store_true", help="only the keyboard run")
    parser.add_argument("--server", action="store_true", help="only the server time")
    args = parser.parse_args()
    both = not (args.browser or args.server)
    ok = True
    if args.browser or both:
        result = browser_run()
        per_item = result["keys"] / max(result["decided"], 1)
        loads_per_100 = result["loads"] * 100 / max(result["decided"], 1)
        print(f"Keyboard only over the demo county ({result['waiting_before']} waiting): "
              f"{result['decided']} items decided ({result['approved']} approved, "
              f"{result['hidden']} hidden, {result['left_waiting']} left waiting by the server's "
              "checks)")
        print(f"  keystrokes per item: {per_item:.2f} ({result['keys']} keys; target <= "
              f"{TARGET_KEYS_PER_ITEM})")
        print(f"  page loads per 100 items: {loads_per_100:.1f} ({result['loads']} loads, counting "
              f"the first; target <= {TARGET_LOADS_PER_100})")
        ok &= per_item <= TARGET_KEYS_PER_ITEM and loads_per_100 <= TARGET_LOADS_PER_100
    if args.server or both:
        url = os.environ.get("VOICE_BENCH_DATABASE_URL")
        folder = tempfile.mkdtemp(prefix="voice-bench-moderation-")
        if url:
            problem = postgres_available(url)
            if problem:
                raise SystemExit(problem)
            empty_postgres(url)
        else:
            url = f"sqlite:///{folder}/bench.db"
        build_waiting(url)
        timings = server_run(url)
        backend = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
        print(f"Server time per queue page with {WAITING:,} waiting ({backend}, {ROUNDS} runs, "
              "through the app in one process):")
        for name, times in timings.items():
            median, worst = statistics.median(times), max(times)
            print(f"  {name:<30} median {median:6.1f} ms, worst {worst:6.1f} ms "
                  f"(target < {TARGET_SERVER_MS} ms)")
            ok &= median < TARGET_SERVER_MS
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
