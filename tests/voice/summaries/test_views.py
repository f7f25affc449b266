"""The summaries pages: who may read them, bad filters, charts beside tables, forms."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tests.support.summaries_factories import SummariesFactory, at
from voice.audit.models import AuditEvent
from voice.auth.roles import Role
from voice.summaries.models import DigestSubscription, ReportSnapshot, ServicePopulation


@pytest.fixture()
def small_world(factory):
    w = SummariesFactory(factory)
    provider = factory.organisation("Trust A")
    service = factory.service("CAMHS", provider=provider, areas=[factory.area("Westbridge")])
    link = w.link(service)
    w.responses(link, 6, at(2026, 5, 15), fft="very_good")
    w.items(service, 6, themes=["waiting_and_access"], sentiment="negative", when=at(2026, 5, 16))
    w.service, w.provider = service, provider
    return w


def test_a_commissioner_reads_the_dashboard_with_charts_beside_their_tables(
        small_world, factory, login, client):
    login(factory.user(Role.COMMISSIONER))
    page = client.get("/summaries/?period=quarter:2026-Q1").get_data(as_text=True)
    assert "In a paragraph" in page
    assert "received 6 survey responses" in page
    # each chart is an image with a title and a description, and no script
    svgs = re.findall(r'<svg class="chart" id="([^"]+)" role="img" aria-labelledby="\1-title '
                      r'\1-desc"', page)
    assert len(svgs) >= 10
    assert "<script" not in page and 'style="' not in page
    assert '<table class="table summary-table" id="table-fft"' in page
    assert "/summaries/themes/waiting_and_access?" in page  # the drill-down link


@pytest.mark.parametrize("query, field, words", [
    ("area=999999", "area", "Choose an area from the list"),
    ("service=abc", "service", "Choose a service from the list"),
    ("provider=-4", "provider", "Choose a provider from the list"),
    ("cohort=pirates", "cohort", "Choose a group of young people from the list"),
    ("age_band=200", "age_band", "Choose an age band from the list"),
    ("channel=pigeon", "channel", "Choose how the feedback reached us from the list"),
    ("period=month:2026-13", "period", "Choose a month from the list"),
    ("period=custom&from=2026-06-01&to=2026-01-01", "from", "on or before the end date"),
    ("period=custom&from=1/1/2001&to=1/1/2026", "from", "5 years or less"),
    ("period=custom&from=2026-01-01&to=tomorrow", "to", "as a real date"),
    ("period=quarter:2099-Q1", "period", "not started yet"),
    ("compare=custom&compare_from=2020-01-01", "compare_to", "Enter the comparison end date"),
    ("period=week:12", "period", "kind of period"),
])
def test_bad_filters_get_a_clear_message_not_an_error(factory, login, client, query, field,
                                                      words):
    login(factory.user(Role.COMMISSIONER))
    response = client.get(f"/summaries/?{query}")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f'<a href="#{field}">' in page and words in page
    assert 'class="error-summary"' in page


def test_bad_filters_on_exports_and_quotes_are_400_too(factory, login, client):
    login(factory.user(Role.COMMISSIONER))
    assert client.get("/summaries/export/themes.csv?area=999999").status_code == 400
    assert client.get("/summaries/themes/waiting_and_access?period=year:1").status_code == 400
    assert client.get("/summaries/themes/waiting_and_access?page=x").status_code == 400
    assert client.get("/summaries/themes/NOT%20A%20THEME").status_code == 404
    assert client.get("/summaries/export/nope.csv").status_code == 404
    assert client.get("/summaries/export/themes.pdf").status_code == 404


def test_providers_see_only_their_own_services(small_world, factory, login, client):
    login(factory.user(Role.PROVIDER, organisation=small_world.provider))
    own = client.get(f"/summaries/?service={small_world.service.id}&period=quarter:2026-Q1")
    assert own.status_code == 200 and "received 6 survey responses" in own.get_data(as_text=True)
    other = factory.service("Someone else's service")
    assert client.get(f"/summaries/?service={other.id}").status_code == 403
    refused = AuditEvent.action == "permission.denied"
    assert client.application and factory.session.scalar(select(AuditEvent).where(refused))


def test_a_provider_from_elsewhere_sees_nothing_of_this_service(small_world, factory, login,
                                                                client):
    login(factory.user(Role.PROVIDER))
    page = client.get("/summaries/?period=quarter:2026-Q1").get_data(as_text=True)
    assert "Your organisation&#39;s services" in page
    assert "received no survey responses" in page


@pytest.mark.parametrize("role", [Role.SAFEGUARDING, Role.INSPECTOR])
def test_others_may_not_read_summaries(factory, login, client, role):
    login(factory.user(role))
    assert client.get("/summaries/").status_code == 403


def test_the_board_report_is_a_printable_page(small_world, factory, login, client):
    login(factory.user(Role.COMMISSIONER))
    page = client.get("/summaries/report?period=quarter:2026-Q1").get_data(as_text=True)
    assert 'class="staff summary-report"' in page
    assert "Save as PDF" in page
    assert "received 6 survey responses" in page


def test_a_full_table_page_and_unknown_tables(small_world, factory, login, client):
    login(factory.user(Role.COMMISSIONER))
    page = client.get("/summaries/tables/links?period=quarter:2026-Q1")
    assert page.status_code == 200 and "Responses by survey link" in page.get_data(as_text=True)
    assert client.get("/summaries/tables/secrets").status_code == 404


def test_saving_a_snapshot_and_subscribing(small_world, factory, login, client, session):
    user = factory.user(Role.COMMISSIONER)
    login(user)
    response = client.post("/summaries/snapshots", data={"selection": "period=quarter:2026-Q1"})
    assert response.status_code == 302
    snapshot = session.scalar(select(ReportSnapshot))
    assert snapshot.kind == "manual" and "Quarter 1 of 2026 to 2027" in snapshot.title
    page = client.get(response.location).get_data(as_text=True)
    assert "This is a saved snapshot" in page and "have not changed since" in page

    response = client.post("/summaries/digests", data={
        "selection": f"service={small_world.service.id}&period=month:2026-05",
        "name": "CAMHS every month"})
    assert response.status_code == 302
    subscription = session.scalar(select(DigestSubscription))
    assert subscription.filters == {"service": small_world.service.id}
    assert "CAMHS every month" in client.get("/summaries/digests").get_data(as_text=True)
    assert client.post("/summaries/digests", data={
        "selection": f"service={small_world.service.id}", "name": "Again"}).status_code == 302
    assert client.post(f"/summaries/digests/{subscription.id}/stop").status_code == 302
    assert session.get(DigestSubscription, subscription.id).is_active is False


def test_a_commissioner_cannot_stop_someone_elses_digest(factory, login, client, session):
    from voice.summaries.filters import Filters
    from voice.summaries.snapshots import subscribe

    owner = factory.user(Role.COMMISSIONER)
    subscription = subscribe(session, owner, Filters(), "Mine")
    login(factory.user(Role.COMMISSIONER))
    assert client.post(f"/summaries/digests/{subscription.id}/stop").status_code == 403


def test_providers_cannot_save_snapshots_or_subscribe(small_world, factory, login, client):
    login(factory.user(Role.PROVIDER, organisation=small_world.provider))
    assert client.post("/summaries/snapshots", data={"selection": ""}).status_code == 403
    assert client.post("/summaries/digests", data={"selection": "", "name": "x"}).status_code == 403


def test_population_figures_form(small_world, factory, login, client, session):
    login(factory.user(Role.PARTICIPATION))
    url = f"/summaries/population/{small_world.service.id}"
    assert "Who uses CAMHS" in client.get(url).get_data(as_text=True)
    response = client.post(url, data={"source": "Caseload", "as_of": "31/3/2026",
                                      "age__11_13": "120", "age__14_15": "", "gender__girl": "-3"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Enter a whole number of people, 0 or more" in page
    assert 'value="120"' in page  # what they typed is kept
    response = client.post(url, data={"source": "Caseload", "as_of": "31/3/2026",
                                      "age__11_13": "120", "gender__girl": "60"})
    assert response.status_code == 302
    figures = {(p.dimension, p.category): p.people
               for p in session.scalars(select(ServicePopulation))}
    assert figures == {("age", "11_13"): 120, ("gender", "girl"): 60}
    assert client.post(url, data={"as_of": "31/2/2026"}).status_code == 200


def test_population_figures_are_for_the_participation_team(small_world, factory, login, client):
    login(factory.user(Role.COMMISSIONER))
    assert client.get(f"/summaries/population/{small_world.service.id}").status_code == 403
    assert client.get("/summaries/population/999999").status_code == 403


def _ids(page: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', page)


def test_pages_have_no_repeated_ids(small_world, factory, login, client):
    login(factory.user(Role.PARTICIPATION))
    for path in ("/summaries/?period=quarter:2026-Q1",
                 "/summaries/themes/waiting_and_access?period=quarter:2026-Q1",
                 "/summaries/report?period=quarter:2026-Q1", "/summaries/digests"):
        ids = _ids(client.get(path).get_data(as_text=True))
        assert len(ids) == len(set(ids)), (path, sorted({i for i in ids if ids.count(i) > 1}))


def test_the_snapshot_form_works_with_csrf_protection_on(small_world, factory, login, client,
                                                         csrf_app, session):
    user = factory.user(Role.COMMISSIONER)
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    assert client.post("/sign-in", data={"username": user.username, "password": factory.PASSWORD,
                                         "csrf_token": token}).status_code == 302
    page = client.get("/summaries/?period=quarter:2026-Q1").get_data(as_text=True)
    form = page.split('action="/summaries/snapshots"')[1].split("</form>")[0]
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))
    fields = {k: v.replace("&amp;", "&") for k, v in fields.items()}
    assert client.post("/summaries/snapshots", data=fields).status_code == 302
    assert client.post("/summaries/snapshots", data={"selection": fields["selection"]}
                       ).status_code == 400  # no token
    assert session.scalar(select(ReportSnapshot.id)) is not None
