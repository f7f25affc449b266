"""The foundation in a real browser: sign in, add a service, and every page is accessible,
keyboard-friendly, fits a 360 px phone and works without JavaScript."""

from __future__ import annotations

import json
import os
import secrets
import urllib.request

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.e2e.support import (
    assert_error_summary,
    assert_no_axe_violations,
    assert_no_cookies,
    assert_no_horizontal_scroll,
    assert_skip_link_works,
    demo_user,
    page_weight,
)
from tests.support.factories import Factory
from voice.auth.roles import Role
from voice.directory.models import Service

pytestmark = pytest.mark.e2e

PUBLIC_PAGES = ["/", "/sign-in", "/help", "/privacy", "/accessibility"]
STAFF_PAGES = ["/home", "/directory/services", "/directory/services/new"]


def test_live_server_runs_on_the_suites_database_engine(live_server):
    on_postgres = os.environ.get("VOICE_TEST_DATABASE_URL", "").startswith("postgresql")
    assert live_server.database_url.startswith("postgresql" if on_postgres else "sqlite")
    with urllib.request.urlopen(live_server.address("/healthz"), timeout=5) as response:
        assert json.load(response) == {"status": "ok", "database": "ok"}
    assert "Participation officer" in live_server.voice("addresses").stdout


def test_participation_officer_signs_in_and_adds_a_service(page, live_server):
    officer = demo_user(Role.PARTICIPATION)
    name = f"Young Carers' Hub {secrets.token_hex(3)}"

    # Sign in through the real form, after one empty attempt.
    page.goto("/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Sign in").click()
    assert_error_summary(page, "Enter your username or email", "Enter your password")
    assert_no_axe_violations(page)
    page.get_by_label("Username or email").fill(officer.username)
    page.get_by_label("Password", exact=True).fill(officer.password)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(f"{live_server.url}/home")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {officer.name}")
    assert_no_axe_violations(page)

    # The services list, from the main navigation.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Services").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Services")
    expect(page.get_by_role("link", name="Short Breaks for Disabled Children")).to_be_visible()
    assert_no_axe_violations(page)

    # An empty form is refused with an error summary that links to each field.
    page.get_by_role("link", name="Add a service").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a service")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Save service").click()
    assert_error_summary(page, "Enter the service's name", "Enter the youngest age served, from 0 to 25",
                         "Enter the oldest age served, from 0 to 25")
    expect(page.locator("#name-error")).to_contain_text("Enter the service's name")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Enter the service's name").click()
    expect(page.get_by_label("Service name")).to_be_focused()

    # Fill in every field and save.
    page.get_by_label("Service name").fill(name)
    page.get_by_label("Provided by").select_option(label="Open Door Youth Counselling")
    page.get_by_label("Category").select_option(label="Counselling")
    page.get_by_label("What the service does").fill(
        "A weekly drop-in where young carers can take a break, talk and get advice.")
    page.get_by_label("How young people can contact it").fill(
        "Drop in on Tuesdays, 4pm to 6pm, or call 01632 960 900.")
    page.get_by_label("Youngest age served").fill("8")
    page.get_by_label("Oldest age served").fill("18")
    cohorts = page.get_by_role("group", name="Groups of young people it focuses on")
    cohorts.get_by_label("Young carers", exact=True).check()
    cohorts.get_by_label("Children in care", exact=True).check()
    areas = page.get_by_role("group", name="Areas it serves")
    areas.get_by_label("Westbridge (Place)", exact=True).check()
    areas.get_by_label("Saltcombe Coast (Place)", exact=True).check()
    page.get_by_label("Safeguarding lead").select_option(label="Dr Helen Clarke")
    page.get_by_role("button", name="Save service").click()

    # The service's own page shows what was saved.
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("status")).to_have_text(f"Added {name}.")
    details = page.locator(".summary-list")
    for text in ("Open Door Youth Counselling", "Counselling", "8 to 18", "Young carers",
                 "Children in care", "Westbridge", "Saltcombe Coast", "Dr Helen Clarke"):
        expect(details).to_contain_text(text)
    assert_no_axe_violations(page)

    # …and it is in the list.
    page.get_by_role("link", name="Back to services").click()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=name))
    expect(row).to_contain_text("Open Door Youth Counselling")
    expect(row).to_contain_text("Westbridge")
    expect(row).to_contain_text("Saltcombe Coast")

    with live_server.session() as session:
        service = session.scalars(select(Service).where(Service.name == name)).one()
        assert sorted(service.cohorts) == ["looked_after", "young_carers"]
        assert sorted(a.name for a in service.areas) == ["Saltcombe Coast", "Westbridge"]
        assert (service.min_age, service.max_age) == (8, 18)


def test_provider_changes_how_young_people_contact_their_service(page, signed_in, live_server):
    with live_server.session() as session:
        factory = Factory(session)
        trust = factory.organisation(f"Harbour Health {secrets.token_hex(3)}")
        service = factory.service(f"Harbour Drop-in {secrets.token_hex(3)}", provider=trust,
                                  contact="Call 01632 960 001.", min_age=11, max_age=18)
        provider = factory.user(Role.PROVIDER, organisation=trust)

    signed_in(page, username=provider.username, password=Factory.PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Services").click()
    expect(page.get_by_role("link", name="Short Breaks for Disabled Children")).to_have_count(0)
    page.get_by_role("link", name=service.name).click()
    page.get_by_role("link", name="Change details").click()
    assert_no_axe_violations(page)
    page.get_by_label("How young people can contact it").fill("Text 07700 900 123, 9am to 5pm.")
    page.get_by_role("button", name="Save service").click()

    expect(page.get_by_role("status")).to_have_text(f"Saved {service.name}.")
    expect(page.locator(".summary-list")).to_contain_text("Text 07700 900 123, 9am to 5pm.")


def test_young_person_finds_a_service_on_the_help_page_on_a_phone(phone_page, live_server):
    with live_server.session() as session:
        service = Factory(session).service(f"Riverside Youth Hub {secrets.token_hex(3)}",
                                           contact="Drop in on Fridays, 3pm to 6pm.")

    phone_page.goto("/help")
    expect(phone_page.get_by_text(service.name)).to_be_visible()
    expect(phone_page.get_by_text("Drop in on Fridays, 3pm to 6pm.")).to_be_visible()
    assert_no_horizontal_scroll(phone_page)
    assert_no_axe_violations(phone_page)
    assert_no_cookies(phone_page)


@pytest.mark.parametrize("path", ["/", "/help", "/privacy", "/accessibility"])
def test_public_page_is_accessible_light_and_sets_no_cookies(page, path):
    weight = page_weight(page, path)
    assert weight.html <= 14_000 and weight.total <= 30_000, f"{path} is too heavy: {weight}"
    assert_no_axe_violations(page)
    assert_no_cookies(page)


def test_service_page_is_accessible(page, signed_in, live_server):
    with live_server.session() as session:
        service_id = session.scalars(select(Service.id).where(Service.name == "School Nursing")).one()
    signed_in(page, Role.PARTICIPATION)
    page.goto(f"/directory/services/{service_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("School Nursing")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("path", ["/", "/home"])
def test_skip_link_moves_focus_to_main_content(page, signed_in, path):
    if path == "/home":
        signed_in(page, Role.PARTICIPATION)
    page.goto(path)
    assert_skip_link_works(page)


def test_pages_fit_a_360px_phone_without_sideways_scrolling(phone_page, signed_in, live_server):
    for path in PUBLIC_PAGES:
        phone_page.goto(path)
        assert_no_horizontal_scroll(phone_page)
    assert_skip_link_works(phone_page)

    signed_in(phone_page, Role.PARTICIPATION)
    with live_server.session() as session:
        service_id = session.scalars(select(Service.id).where(Service.name == "School Nursing")).one()
    for path in [*STAFF_PAGES, f"/directory/services/{service_id}"]:
        phone_page.goto(path)
        assert_no_horizontal_scroll(phone_page)
    # The form with every error showing, still within the screen and still accessible.
    phone_page.goto("/directory/services/new")
    phone_page.get_by_role("button", name="Save service").click()
    assert_error_summary(phone_page, "Enter the service's name")
    assert_no_horizontal_scroll(phone_page)
    assert_no_axe_violations(phone_page)


def test_public_pages_and_sign_in_work_without_javascript(no_js_page):
    for path in PUBLIC_PAGES:
        response = no_js_page.goto(path)
        assert response.status == 200, path
        expect(no_js_page.get_by_role("heading", level=1)).to_be_visible()
    officer = demo_user(Role.PARTICIPATION)
    no_js_page.goto("/sign-in")
    no_js_page.get_by_label("Username or email").fill(officer.username)
    no_js_page.get_by_label("Password", exact=True).fill(officer.password)
    no_js_page.get_by_role("button", name="Sign in").click()
    expect(no_js_page.get_by_role("heading", level=1)).to_have_text(f"Hello, {officer.name}")


def test_the_checks_catch_real_problems(phone_page, browser_problems):
    """The helpers above would fail on a broken page (so their passing means something)."""
    phone_page.goto("/help")
    # Wait for the browser's report of the blocked style rather than sleeping.
    with phone_page.expect_console_message(
            lambda message: "Content Security Policy" in message.text) as blocked:
        phone_page.evaluate("""() => {
          const main = document.querySelector('main');
          const wide = document.createElement('div');
          wide.className = 'too-wide';
          wide.style.width = '900px';  // CSSOM, which the CSP allows: the page still overflows
          wide.style.height = '1px';
          main.append(wide);
          main.append(document.createElement('img'));
          document.querySelector('h1').setAttribute('style', 'color: red');  // blocked by the CSP
        }""")
    with pytest.raises(AssertionError, match=r"scrolls sideways at 360px.*div\.too-wide"):
        assert_no_horizontal_scroll(phone_page)
    with pytest.raises(AssertionError, match=r"image-alt \(critical\): Images must have alternative text"):
        assert_no_axe_violations(phone_page)
    assert "Content Security Policy" in blocked.value.text
    assert any("Content Security Policy" in problem for problem in browser_problems)
    browser_problems.clear()
