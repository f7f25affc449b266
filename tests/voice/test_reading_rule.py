"""The reading rule, walked: every route, export and API table, for every role, with young
people's words in every state.

Each survey answer and action card below carries a marker in its original words, another in
its redacted text and another in its public wording, one set for each moderation state
(waiting, approved, hidden, escalated, duplicate). The test walks the app's route table (as
tests/voice/test_permissions.py does, with the same example values, so a new route is walked
without anyone adding it here), plus the summaries for this month and every API table, and
checks which markers each role was shown:

- the participation team and administrators may read everything;
- the service's safeguarding lead may also read the escalated item (it is theirs to act on);
- everyone else only the approved public wording, never an original, never the redacted text
  of something a person has not approved, never wording from a hidden, escalated or duplicate
  item;
- the API never returns words at all.
"""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest
from sqlalchemy import select

from tests.support.loop_factories import LoopFactory
from tests.support.route_examples import load_all
from tests.support.surveys_factories import SurveyFactory
from voice.api.auth import API_TOKEN
from voice.auth.roles import MANAGERS, PUBLIC, SIGNED_IN, Role
from voice.db import utcnow
from voice.loop import cards
from voice.loop.models import ModerationState, VoiceItem
from voice.summaries.periods import london_today
from voice.summaries.summary import TABLE_KEYS

STATES = ("new", "approved", "hidden", "escalated", "duplicate")
SOURCES = {"a": "survey answer", "c": "action card"}
KINDS = {"o": "original", "r": "redacted", "p": "public wording"}
MARKER = re.compile(r"zq[ac][orp](?:new|approved|hidden|escalated|duplicate)zq")
SKIP_ENDPOINTS = {"static", "auth.logout"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def marker(source: str, kind: str, state: str) -> str:
    return f"zq{source}{kind}{state}zq"


def allowed_markers(role: str | None) -> set[str]:
    """What this role may be shown."""
    everything = {marker(s, k, st) for s in SOURCES for k in KINDS for st in STATES}
    if role in {r.value for r in MANAGERS}:
        return everything
    allowed = {marker(s, "p", "approved") for s in SOURCES}
    if role == Role.SAFEGUARDING.value:  # the example service's lead
        allowed |= {marker(s, k, "escalated") for s in SOURCES for k in KINDS}
    return allowed


def _set_state(item: VoiceItem, source: str, state: str, approved: VoiceItem | None) -> None:
    item.redacted_text = marker(source, "r", state)
    item.public_text = marker(source, "p", state)
    item.themes = ["waiting_and_access"]
    item.is_safeguarding = False
    item.state = {"new": ModerationState.NEW, "approved": ModerationState.APPROVED,
                  "hidden": ModerationState.HIDDEN, "escalated": ModerationState.ESCALATED,
                  "duplicate": ModerationState.DUPLICATE}[state].value
    if state == "hidden":
        item.hidden_reason = "Not about the service"
    if state == "escalated":
        item.is_safeguarding = True
        item.escalated_at = utcnow()
        item.escalation_note = "Flagged automatically when it arrived"
    if state == "duplicate":
        item.duplicate_of_id = approved.id


@pytest.fixture()
def world(factory, session):
    """One user per role, the example service (the provider's, with the example lead), and
    marked answers and cards in every state, wired into the route examples."""
    provider_org = factory.organisation("Example Provider Trust")
    users = {role.value: factory.user(role, organisation=provider_org if role == Role.PROVIDER
                                      else None) for role in Role}
    area = factory.area("Reading Rule Town")
    service = factory.service("Example Service", provider=provider_org, areas=[area],
                              safeguarding_lead=users[Role.SAFEGUARDING.value])
    surveys = SurveyFactory(session, factory)
    survey = surveys.survey(services=[service])
    survey_link = surveys.link(survey, service=service, area=area)
    card_link = cards.create_card_link(session, None, service_id=service.id, place="Waiting room",
                                       area_id=area.id)
    items: dict[tuple[str, str], VoiceItem] = {}
    first_response = None
    for state in STATES:
        response = surveys.response(survey_link, {"fft": "good",
                                                   "better": marker("a", "o", state)})
        first_response = first_response or response
        submitted = cards.submit_card(
            session, card_link, cards.CardInput(kind="change", what=marker("c", "o", state),
                                                why="", age_band=None),
            submission_key=f"reading-rule-{state}")
        items[("c", state)] = submitted.item
        items[("a", state)] = session.scalar(select(VoiceItem).where(
            VoiceItem.text == marker("a", "o", state)))
    for (source, state), item in items.items():
        _set_state(item, source, state, items[(source, "approved")])
    session.flush()
    loop = LoopFactory(factory)
    commitment = loop.commitment(service, owner=provider_org, items=[
        items[(s, st)] for s in SOURCES for st in ("new", "approved", "duplicate")])
    ctx = {"users": users, "provider_org": provider_org, "service": service, "area": area,
           "surveys": {"survey": survey, "link": survey_link, "response": first_response},
           "card_link": card_link, "voice_item": items[("a", "new")],
           "escalated_item": items[("a", "escalated")], "commitment": commitment,
           "items": items}
    return ctx


def _text(response) -> str:
    """Everything a person could read in the response, spreadsheets included."""
    if response.mimetype == XLSX:
        book = openpyxl.load_workbook(io.BytesIO(response.data), read_only=True)
        return " ".join(str(cell) for sheet in book.worksheets
                        for row in sheet.iter_rows(values_only=True) for cell in row
                        if cell is not None)
    if response.mimetype.startswith("image/") and response.mimetype != "image/svg+xml":
        return ""
    data = response.get_data()
    if data[:2] == b"PK":  # any other zip
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return " ".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return data.decode("utf-8", "replace")


def _allowed_to_call(access, role: str | None) -> bool:
    if access == PUBLIC:
        return True
    if role is None or access == API_TOKEN:
        return False
    return access == SIGNED_IN or role in access


def _urls(app, factory, ctx, role):
    """Every GET route this role may use, with example values; the summaries also for this
    month (their default period may hold none of today's words)."""
    examples = load_all()
    month = f"month:{london_today():%Y-%m}"
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint in SKIP_ENDPOINTS or "GET" not in rule.methods:
            continue
        access = getattr(app.view_functions[rule.endpoint], "access", None)
        if access is None or not _allowed_to_call(access, role):
            continue
        values = {name: examples[name](factory, ctx) for name in rule.arguments}
        url = rule.build(values, append_unknown=False)[1]
        yield url
        if rule.endpoint.startswith("summaries."):
            yield f"{url}?period={month}"
    for key in ("cards_most_backed", "themes"):
        if _allowed_to_call(getattr(app.view_functions["summaries.export"], "access", None),
                            role):
            for fmt in ("csv", "xlsx"):
                yield f"/summaries/export/{key}.{fmt}?period={month}"


def _sign_in(client, factory, user) -> None:
    response = client.post("/sign-in", data={"username": user.username,
                                             "password": factory.PASSWORD})
    assert response.status_code == 302


@pytest.mark.parametrize("role", [None, *[r.value for r in Role]], ids=lambda r: r or "anonymous")
def test_each_role_reads_only_the_words_the_rule_gives_it(app, client, factory, world, role):
    if role is not None:
        _sign_in(client, factory, world["users"][role])
    allowed = allowed_markers(role)
    seen: dict[str, set[str]] = {}
    failures = []
    for url in _urls(app, factory, world, role):
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"GET {url}: server error {response.status_code}")
            continue
        found = set(MARKER.findall(_text(response)))
        for found_marker in found:
            seen.setdefault(found_marker, set()).add(url)
        wrong = sorted(found - allowed)
        if wrong:
            failures.append(f"GET {url} showed {wrong}")
    assert not failures, "\n".join(failures)
    # Not a walk past empty pages: what each role may read, it was shown somewhere.
    if role in {Role.COMMISSIONER.value, Role.PROVIDER.value}:
        assert marker("a", "p", "approved") in seen, "no approved answer was shown anywhere"
        assert marker("c", "p", "approved") in seen, "no approved card was shown anywhere"
    if role in {r.value for r in MANAGERS}:
        assert marker("a", "o", "new") in seen and marker("c", "o", "escalated") in seen
    if role == Role.SAFEGUARDING.value:
        assert marker("a", "o", "escalated") in seen


def test_the_api_never_returns_young_peoples_words(app, client, factory, world):
    from voice.api.tokens import create_token

    _, secret = create_token(factory.session, world["users"]["commissioner"], name="Reading rule",
                             area_ids=[world["area"].id])
    headers = {"Authorization": f"Bearer {secret}"}
    month = f"month:{london_today():%Y-%m}"
    urls = [f"/api/v1/tables/{key}?period={month}" for key in TABLE_KEYS]
    urls += [f"/api/v1/summary?period={month}", "/api/v1/summary", "/api/v1/tables",
             "/api/v1/services", "/api/v1/areas", "/api/v1/openapi.json"]
    covered = {r.rule for r in app.url_map.iter_rules() if r.endpoint.startswith("api.")}
    assert covered <= {"/api/v1/tables/<name>", "/api/v1/summary", "/api/v1/tables",
                       "/api/v1/services", "/api/v1/areas", "/api/v1/openapi.json"}, (
        "a new API route: add it to this test")
    failures = []
    backed = None
    for url in urls:
        response = client.get(url, headers=headers)
        assert response.status_code == 200, url
        if "cards_most_backed" in url:
            backed = response.get_json()
        found = sorted(set(MARKER.findall(_text(response))))
        if found:
            failures.append(f"GET {url} returned {found}")
    assert not failures, "\n".join(failures)
    # The table is still there, with its figures (the card was backed by its duplicate).
    assert backed["rows"] and backed["rows"][0]["backers"] is None  # 2: fewer than 5
    assert "text" not in backed["rows"][0]


CONTACT = "ring 07700 900123 or zq@example.com, 12 High Street AB1 2CD"


@pytest.mark.parametrize("role", [None, Role.COMMISSIONER.value, Role.PROVIDER.value],
                         ids=lambda r: r or "anonymous")
def test_published_wording_never_carries_contact_details_or_an_address(app, client, factory,
                                                                      world, role):
    """The publish-time guard: however wording with contact details got approved (before the
    moderation check, or by another route), no page, export or quote shows it."""
    for source in SOURCES:
        world["items"][(source, "approved")].public_text = (
            f"{marker(source, 'p', 'approved')} {CONTACT}")
    if role is not None:
        _sign_in(client, factory, world["users"][role])
    failures = []
    for url in _urls(app, factory, world, role):
        text = _text(client.get(url))
        for detail in ("07700 900123", "zq@example.com", "High Street", "AB1 2CD"):
            if detail in text:
                failures.append(f"GET {url} showed {detail!r}")
    assert not failures, "\n".join(failures)


def test_a_commitment_page_does_not_say_which_linked_item_was_escalated(client, factory, world):
    item = world["items"][("a", "new")]
    item.state, item.is_safeguarding = ModerationState.ESCALATED.value, True
    _sign_in(client, factory, world["users"]["commissioner"])
    body = client.get(f"/commitments/{world['commitment'].id}").get_data(as_text=True)
    assert "escalated" not in body.lower()  # it said "hidden or escalated" before
    assert marker("a", "p", "approved") in body
