"""Public survey page weight: HTML <= 14 KB, everything it loads <= 30 KB, no third-party
requests, and it works with JavaScript off (no scripts; a plain form POST stores the answers).

    .venv/bin/python benchmarks/bench_survey_page.py

Every page is measured in English, Welsh (?lang=cy) and Arabic (?lang=ar), each in the standard
version and in easy read (?read=easy, voice/easy_read.py: its stylesheet and pictures count too).

Builds a throwaway SQLite database with every ready-made template opened as a survey (and one
survey with every question type), fetches each public page through the app, follows every
resource the HTML asks for (stylesheets, icons, images, scripts, and url() in CSS), and prints
the sizes (uncompressed). Exits 1 if any page is over budget.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _survey_setup import build, make_app  # noqa: E402
from werkzeug.datastructures import MultiDict  # noqa: E402

HTML_BUDGET = 14 * 1024
TOTAL_BUDGET = 30 * 1024
BASE = "http://127.0.0.1:5000"
RESOURCE = re.compile(r'<(?:link|script|img|source|iframe)\b[^>]*?\b(?:href|src)="([^"]+)"', re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


def resources(client, html: str, page_url: str) -> tuple[list[tuple[str, int]], list[str]]:
    """(same-site resources with their sizes, third-party addresses) the page would load."""
    seen, loaded, third_party = set(), [], []
    queue = [urljoin(page_url, u) for u in RESOURCE.findall(html)]
    while queue:
        url = queue.pop(0)
        if url in seen or url.startswith("data:"):
            continue
        seen.add(url)
        parsed = urlparse(url)
        if parsed.netloc and parsed.netloc != urlparse(BASE).netloc:
            third_party.append(url)
            continue
        response = client.get(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
        loaded.append((parsed.path, len(response.data)))
        if response.mimetype == "text/css":
            queue += [urljoin(url, u) for u in CSS_URL.findall(response.get_data(as_text=True))]
    return loaded, third_party


def form_fields(html: str) -> list[tuple[str, str]]:
    """What a browser without JavaScript sends: hidden fields and the first option of each
    radio group (enough to satisfy required questions)."""
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html)
    chosen = set()
    for name, value in re.findall(r'name="(q\d+)" type="radio" value="([^"]+)"', html):
        if name not in chosen:
            chosen.add(name)
            fields.append((name, value))
    button = re.search(r'<button[^>]*name="action" value="([^"]+)"', html)
    fields.append(("action", button.group(1) if button else "send"))
    return fields


def build_loop(app) -> dict:
    """An action card link and twelve public promises for the bench service (the card pages,
    /check and the boards)."""
    from datetime import timedelta

    from sqlalchemy import select

    from voice.db import db
    from voice.directory.models import Service
    from voice.loop import cards, commitments
    from voice.loop.rag import today_in_london

    with app.app_context():
        session = db.session
        service = session.scalars(select(Service).order_by(Service.id)).first()
        link = cards.create_card_link(session, None, service_id=service.id, place="Waiting room")
        commitments.create_commitment(
            session, None, you_said="The waiting room is boring",
            we_will="Ask young people to help redecorate it",
            owner_organisation_id=service.provider_id, service_id=service.id,
            due_date=today_in_london() + timedelta(days=60), voice_item_ids=[], is_public=True)
        # A full first page of the boards, worded at the length services write them (the
        # demo county's are 80-160 characters), in every status.
        for n in range(11):
            made = commitments.create_commitment(
                session, None, you_said=f"Tell us how long the wait is: we waited months ({n})",
                we_will=("From next month we will send a text every four weeks to everyone "
                         f"waiting, saying how long the wait is likely to be ({n})"),
                owner_organisation_id=service.provider_id, service_id=service.id,
                due_date=today_in_london() + timedelta(days=10 + 20 * n), voice_item_ids=[],
                is_public=True)
            if n % 3 == 1:
                commitments.record_progress(session, None, made, status="done", we_did=(
                    "We now text everyone on the waiting list every month with their place"))
            elif n % 3 == 2:
                commitments.record_progress(session, None, made, status="cant_do", cant_do_reason=(
                    "The booking system cannot send texts until it is replaced next year"))
        session.commit()
        return {"card": link.token, "service": service.slug}


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="voice-bench-page-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    made = build(url, BASE)
    app = make_app(url, BASE)
    loop = build_loop(app)
    client = app.test_client()
    pages: list[tuple[str, str]] = []
    failures = []
    rows = []

    def measure(label: str, path: str, response=None):
        response = response or client.get(path)
        html = response.get_data(as_text=True)
        loaded, third = resources(client, html, BASE + path)
        total = len(response.data) + sum(size for _, size in loaded)
        scripts = len(re.findall(r"<script\b", html, re.I))
        rows.append((label, len(response.data), total, len(loaded), len(third), scripts))
        if len(response.data) > HTML_BUDGET:
            failures.append(f"{label}: HTML {len(response.data):,} B > {HTML_BUDGET:,} B")
        if total > TOTAL_BUDGET:
            failures.append(f"{label}: total {total:,} B > {TOTAL_BUDGET:,} B")
        if third:
            failures.append(f"{label}: third-party requests {third}")
        if scripts:
            failures.append(f"{label}: {scripts} script tag(s); public pages need none")
        if response.headers.get("Set-Cookie"):
            failures.append(f"{label}: sets a cookie")
        return html

    # every shipped language (voice/i18n.py), standard and easy read (voice/easy_read.py)
    for lang, easy in [(lang, easy) for easy in (False, True) for lang in ("en", "cy", "ar")]:
        params = ([] if lang == "en" else [f"lang={lang}"]) + (["read=easy"] if easy else [])
        q = "?" + "&".join(params) if params else ""
        tag = f" [{' '.join(([] if lang == 'en' else [lang]) + (['easy'] if easy else []))}]"
        tag = "" if tag == " []" else tag
        for name, info in made.items():
            path = f"/s/{info['token']}{q}"
            html = measure(f"{name}: first page{tag}", path)
            pages.append((name + tag, path))
            # Works with JavaScript off: post the form as a browser would, page by page.
            for _ in range(20):
                response = client.post(path, data=MultiDict(form_fields(html)))
                if response.status_code == 303:
                    measure(f"{name}: thank-you page{tag}", response.location)
                    thanks_page = response.location.split("?")[0]
                    break
                if response.status_code != 200:
                    failures.append(f"{name}: plain form POST gave {response.status_code}")
                    break
                html = measure(f"{name}: next page{tag}", path, response)
            else:
                failures.append(f"{name}: never reached the thank-you page")
        measure(f"help page{tag}", f"/help{q}")
        measure(f"privacy page{tag}", f"/privacy{q}")
        measure(f"unknown link page{tag}", f"/s/zzzzzzz{q}")
        measure(f"check page{tag}", f"/check{q}")
        measure(f"accessibility page{tag}", f"/accessibility{q}")
        measure(f"start page{tag}", f"/{q}")
        measure(f"page not found{tag}", f"/no-such-page{q}")
        measure(f"delete answers page{tag}", f"{thanks_page}/delete{q}")
        # The action card from sending to deleting it, then the boards.
        card = f"/card/{loop['card']}"
        token = re.search(r'name="form_token"[^>]*value="([^"]+)"',
                          measure(f"card page{tag}", card + q)).group(1)
        measure(f"card received page{tag}", card + q, client.post(card + q, data={
            "form_token": token, "kind": "change", "what": "Make the wait shorter"}))
        code = re.search(r'id="code">([A-Z0-9-]+)<', measure(
            f"follow-up code page{tag}", card + q,
            client.post(f"{card}/code{q}", data={"form_token": token}))).group(1)
        measure(f"check result page{tag}", f"/check{q}",
                client.post(f"/check{q}", data={"code": code}))
        ask = measure(f"delete card page{tag}", f"/check/delete{q}",
                      client.post(f"/check/delete{q}", data={"code": code}))
        confirm = re.search(r'name="confirm" value="([^"]+)"', ask).group(1)
        measure(f"card deleted page{tag}", f"/check/delete{q}", client.post(
            f"/check/delete{q}", data={"code": code, "confirm": confirm}))
        measure(f"board{tag}", f"/you-said-we-did{q}")
        measure(f"service board{tag}", f"/you-said-we-did/{loop['service']}{q}")
        measure(f"board poster{tag}", f"/you-said-we-did/{loop['service']}/poster{q}")

    print(f"{'page':<40} {'HTML B':>8} {'total B':>8} {'files':>5} {'3rd':>4} {'js':>3}")
    for label, html_size, total, files, third, scripts in rows:
        print(f"{label:<40} {html_size:>8,} {total:>8,} {files:>5} {third:>4} {scripts:>3}")
    largest_html = max(r[1] for r in rows)
    largest_total = max(r[2] for r in rows)
    print(f"\nLargest public page HTML: {largest_html:,} bytes (budget {HTML_BUDGET:,}); "
          f"largest with everything it loads: {largest_total:,} bytes (budget {TOTAL_BUDGET:,}); "
          f"third-party requests: {sum(r[4] for r in rows)}; script tags: {sum(r[5] for r in rows)}")
    easy_rows = [r for r in rows if "easy]" in r[0]]
    print(f"Easy read: largest HTML {max(r[1] for r in easy_rows):,} bytes, largest with everything "
          f"it loads {max(r[2] for r in easy_rows):,} bytes ({len(easy_rows)} pages in 3 languages)")
    if failures:
        print("\nOVER BUDGET:\n  " + "\n  ".join(failures))
        return 1
    print("All public survey pages are within budget and work with JavaScript off.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
