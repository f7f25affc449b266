"""Browser-test fixtures: a live Voice server and Debian's headless Chromium driven by Playwright.

Every test in tests/e2e/ is marked ``e2e`` and is skipped (with the reason) when Chromium is not
installed. The server and the browser start once, for the first e2e test that needs them, and
stop after the last one: running the rest of the suite never starts them.

Fixtures
  live_server   the running app: ``.url``, ``.database_url``, ``.voice(*args)``, ``.session()``
  page          a fresh browser (no cookies) at 1280 px; relative URLs: ``page.goto("/help")``
  phone_page    the same at 360 x 640 with touch
  no_js_page    the same with JavaScript switched off (public pages must work without it)
  new_context   ``new_context(**playwright_options)`` for anything else (two users at once…)
  signed_in     ``signed_in(page, Role.PARTICIPATION)`` signs in as that demo user, on /home
  browser_problems  CSP violations and uncaught script errors seen so far (a test fails if any)
  short_survey  the token of a new open survey: FFT, "What could be better?" and age
  card_token    the demo action card link for School Nursing

Checks (tests.e2e.support): assert_no_axe_violations, assert_no_horizontal_scroll,
assert_skip_link_works, assert_error_summary. See docs/testing.md.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest

from tests.e2e import support
from voice.auth.roles import Role

E2E_DIR = Path(__file__).resolve().parent
ARTIFACTS = Path(os.environ.get("VOICE_E2E_ARTIFACTS")
                 or Path(tempfile.gettempdir()) / "voice-e2e-artifacts")


def pytest_collection_modifyitems(config, items):
    browser_tests = [item for item in items if E2E_DIR in Path(str(item.path)).resolve().parents]
    reason = support.browser_unavailable_reason() if browser_tests else None
    for item in browser_tests:
        item.add_marker(pytest.mark.e2e)
        if reason:
            item.add_marker(pytest.mark.skip(reason=reason))


# ---- the server and the browser (one each for the whole e2e folder) ----------------------------

def _worker(config) -> str:
    workerinput = getattr(config, "workerinput", None)
    return workerinput["workerid"] if workerinput else ""


@pytest.fixture(scope="package")
def live_server(request) -> support.LiveServer:
    """The real app in a subprocess with the demo county loaded, on its own database.

    SQLite by default; with VOICE_TEST_DATABASE_URL (PostgreSQL), the database ``<name>_e2e``.
    """
    with support.run_live_server(os.environ.get("VOICE_TEST_DATABASE_URL"),
                                 worker=_worker(request.config)) as server:
        yield server


@pytest.fixture(scope="package")
def browser():
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=support.EXPECT_TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=support.CHROMIUM, headless=True,
                                              args=support.CHROMIUM_ARGS, timeout=30_000)
        yield chromium
        chromium.close()


# ---- pages ---------------------------------------------------------------------------------------

_CSP = re.compile(r"Content Security Policy|Refused to (apply|execute|load)", re.I)


@pytest.fixture()
def browser_problems() -> list[str]:
    """What the browser complained about during this test: CSP violations, uncaught errors.

    The test fails at teardown if this is not empty; clear it in a test that expects them.
    """
    return []


@pytest.fixture()
def new_context(browser, live_server, browser_problems, request):
    """``new_context(**options)``: a fresh browser context (own cookies) on the live server.

    Options are Playwright's ``browser.new_context`` options (``support.PHONE`` for a phone,
    ``java_script_enabled=False``…). Closed at the end of the test.
    """
    contexts = []

    def make(**options):
        settings = {"base_url": live_server.url, "locale": "en-GB", "timezone_id": "Europe/London",
                    **support.DESKTOP, **options}
        context = browser.new_context(**settings)
        context.set_default_timeout(support.TIMEOUT_MS)
        context.set_default_navigation_timeout(support.TIMEOUT_MS)
        if settings.get("java_script_enabled") is False:
            support.mark_javascript_disabled(context)
        context.on("console", lambda message: _console(message, browser_problems))
        context.on("weberror", lambda error: browser_problems.append(f"Uncaught error: {error.error}"))
        contexts.append(context)
        return context

    make.contexts = contexts
    make.server = live_server
    make.log_start = live_server.log_size()
    request.node.voice_contexts = make
    yield make
    for context in contexts:
        context.close()
    if browser_problems and not getattr(request.node, "voice_failed", False):
        pytest.fail("The browser reported problems (no inline script or style: the CSP blocks "
                    "them):\n- " + "\n- ".join(dict.fromkeys(browser_problems)), pytrace=False)


def _console(message, problems: list[str]) -> None:
    if message.type == "error" and _CSP.search(message.text):
        problems.append(f"{message.text} (at {message.location.get('url', '?')})")


@pytest.fixture()
def page(new_context):
    """A desktop-sized page (1280 px) in a fresh context: nobody is signed in."""
    return new_context().new_page()


@pytest.fixture()
def phone_page(new_context):
    """A 360 x 640 touch-screen phone page in a fresh context."""
    return new_context(**support.PHONE).new_page()


@pytest.fixture()
def no_js_page(new_context):
    """A page with JavaScript switched off, as some young people's browsers will be."""
    return new_context(java_script_enabled=False).new_page()


# ---- signing in ----------------------------------------------------------------------------------

@pytest.fixture(scope="package")
def _session_cookies() -> dict[str, list]:
    return {}


@pytest.fixture()
def signed_in(live_server, _session_cookies):
    """``signed_in(page, role)``: sign ``page`` in as the demo user for ``role`` and open /home.

    The first time per user it fills in the real sign-in form; after that it reuses that
    session's cookie (checked by loading /home), which keeps tests fast and well under the
    sign-in rate limit. ``fresh=True`` always uses the form. For your own users:
    ``signed_in(page, username=user.username, password=Factory.PASSWORD)``.
    """

    def sign_in_as(page, role: Role | str | None = None, *, username: str | None = None,
                   password: str | None = None, fresh: bool = False):
        if username is None:
            if role is None:
                raise TypeError("signed_in(page, role) needs a role or a username")
            user = support.demo_user(role)
            username, password = user.username, password or user.password
        if password is None:
            raise TypeError("signed_in(page, username=…) needs the password too")
        context = page.context
        cookies = _session_cookies.get(username)
        if cookies and not fresh:
            context.clear_cookies()
            context.add_cookies(cookies)
            page.goto("/home")
            if "/sign-in" not in page.url:
                return page
        context.clear_cookies()
        support.sign_in(page, username, password)
        if not page.url.endswith("/home"):
            page.goto("/home")
        _session_cookies[username] = context.cookies()
        return page

    return sign_in_as


# ---- on failure: screenshots, page addresses and the server's log ---------------------------------

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not report.failed:
        return
    item.voice_failed = True
    make = getattr(item, "voice_contexts", None)
    if make is None or report.when == "teardown":
        return
    lines = []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^\w.-]+", "_", item.nodeid)[-120:]
    for c, context in enumerate(make.contexts):
        for p, page in enumerate(context.pages):
            try:
                path = ARTIFACTS / f"{stem}-{c}{p}.png"
                page.screenshot(path=str(path), full_page=True, timeout=5_000)
                (ARTIFACTS / f"{stem}-{c}{p}.html").write_text(page.content(), encoding="utf-8")
                lines.append(f"{page.url}\n  screenshot: {path}\n  html: {path.with_suffix('.html')}")
            except Exception as error:  # a screenshot must never hide the real failure
                lines.append(f"{page.url} (no screenshot: {error})")
    if lines:
        report.sections.append(("browser pages", "\n".join(lines)))
    report.sections.append(("live server log", support.tail(make.server.log(make.log_start))))


@pytest.fixture()
def short_survey(live_server) -> str:
    """A new open survey of three questions (FFT, "What could be better?", age): its token."""
    with live_server.session() as session:
        return support.open_survey(session, "Quick one", [
            {"kind": "fft", "code": "fft", "text": "How was it?", "is_required": True},
            {"kind": "long_text", "code": "better", "text": "What could be better?"},
            {"kind": "about_age", "code": "about_age"},
        ]).token


@pytest.fixture()
def card_token(live_server) -> str:
    """The demo action card link for School Nursing."""
    from sqlalchemy import select

    from voice.directory.models import Service
    from voice.loop.models import CardLink

    with live_server.session() as session:
        service = session.scalars(select(Service).where(Service.name == "School Nursing")).one()
        return session.scalars(select(CardLink.token).where(
            CardLink.service_id == service.id).order_by(CardLink.id)).first()
