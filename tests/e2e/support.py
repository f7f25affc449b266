"""Helpers for browser tests: the live server, signing in, and the checks every page should pass.

The fixtures in ``tests/e2e/conftest.py`` use these; tests import the checks directly::

    from tests.e2e.support import assert_no_axe_violations, assert_no_horizontal_scroll

Nothing here downloads a browser: Chromium comes from Debian (``apt-get install chromium``).
See docs/testing.md for how the pieces fit together.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voice.auth.roles import Role
from voice.demo import DEMO_PASSWORD, USERS

if TYPE_CHECKING:  # playwright is a development dependency; import it only when it is used
    from playwright.sync_api import Page
    from sqlalchemy.orm import Session

REPO_ROOT = Path(__file__).resolve().parents[2]
VENDOR = Path(__file__).resolve().parent / "vendor"
AXE_PATH = VENDOR / "axe.min.js"

# ---- the browser -------------------------------------------------------------------------------

#: Debian's Chromium (``apt-get install chromium``). Never downloaded by the test tool.
CHROMIUM = os.environ.get("VOICE_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
#: Every wait (clicks, navigation, expect) gives up after this, so a failure never hangs CI.
TIMEOUT_MS = 15_000
#: How long ``expect(...)`` waits for a page to reach the expected state.
EXPECT_TIMEOUT_MS = 10_000
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
#: A small phone: 360 CSS pixels wide, touch screen, honours the viewport meta tag.
PHONE = {"viewport": {"width": 360, "height": 640}, "has_touch": True, "is_mobile": True,
         "device_scale_factor": 2}


def browser_unavailable_reason() -> str | None:
    """Why browser tests cannot run here, or None when they can."""
    if not Path(CHROMIUM).exists():
        return (f"Chromium is not installed at {CHROMIUM}: browser tests skipped. Install it with "
                "`apt-get install chromium` (.ci/run does this in CI).")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "The playwright package is not installed: run `pip install -e '.[dev]'`."
    return None


# ---- demo accounts -------------------------------------------------------------------------------

@dataclass(frozen=True)
class DemoUser:
    username: str
    name: str
    role: Role
    organisation: str | None
    password: str = DEMO_PASSWORD


#: The demo county's accounts, one per role (``voice demo`` creates them).
DEMO_USERS: dict[Role, DemoUser] = {
    Role(role): DemoUser(username, name, Role(role), organisation)
    for username, name, role, organisation in USERS
}


def demo_user(role: Role | str) -> DemoUser:
    """The demo account for ``role``: a Role, its value ("participation_officer") or name ("PARTICIPATION")."""
    if isinstance(role, str) and not isinstance(role, Role):
        role = Role[role.upper()] if role.upper() in Role.__members__ else Role(role)
    return DEMO_USERS[role]


# ---- the live server -----------------------------------------------------------------------------

@dataclass
class LiveServer:
    """A real Voice server (gunicorn, in a subprocess) with its own database and the demo loaded."""

    url: str
    database_url: str
    folder: Path
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen | None = None
    _engine: Any = field(default=None, repr=False)

    password: str = DEMO_PASSWORD
    users: dict[Role, DemoUser] = field(default_factory=lambda: dict(DEMO_USERS))

    def address(self, path: str = "/") -> str:
        """Absolute address of ``path`` on this server (pages also accept relative paths)."""
        return self.url + (path if path.startswith("/") else "/" + path)

    def voice(self, *args: str, input: str | None = None, check: bool = True,
              timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """Run a ``voice`` command against this server's database, e.g. ``voice("demo")``.

        Returns the completed process (``.stdout``, ``.stderr``, ``.returncode``); with
        ``check`` (the default) a non-zero exit fails with the command's output.
        """
        result = subprocess.run(_voice_command(*args), cwd=REPO_ROOT, env=self.env, input=input,
                                capture_output=True, text=True, timeout=timeout)
        if check and result.returncode != 0:
            raise AssertionError(f"`voice {' '.join(args)}` exited with {result.returncode}:\n"
                                 f"{tail(result.stdout, 3000)}\n{tail(result.stderr, 6000)}")
        return result

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A database session on the live database, committed when the block ends without error.

        Use it to set up data the UI cannot make quickly, or to check what a page saved::

            with live_server.session() as session:
                user = Factory(session).user("provider")
        """
        from sqlalchemy.orm import Session

        from voice import import_models
        from voice.db import make_engine

        import_models()
        if self._engine is None:
            self._engine = make_engine(self.database_url)
        with Session(self._engine, expire_on_commit=False) as session, session.begin():
            yield session

    def log_size(self) -> int:
        return self.log_path.stat().st_size if self.log_path.exists() else 0

    def log(self, since: int = 0) -> str:
        """The server's output (access log and errors) from byte ``since``."""
        if not self.log_path.exists():
            return ""
        with self.log_path.open("rb") as handle:
            handle.seek(since)
            return handle.read().decode("utf-8", "replace")

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


def _voice_command(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("voice")
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-c", "from voice.cli import main; main()", *args]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres(url: str, *statements: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()


def _sibling_postgres_database(test_url: str, suffix: str) -> str:
    """Drop and create ``<test database>_<suffix>`` next to the test database; return its URL."""
    from sqlalchemy.engine import make_url

    base = make_url(test_url)
    name = f"{base.database}_{suffix}"
    _postgres(test_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    return base.set(database=name).render_as_string(hide_password=False)


def _drop_postgres_database(test_url: str, url: str) -> None:
    from sqlalchemy.engine import make_url

    _postgres(test_url, f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


def _server_env(database_url: str, base_url: str) -> dict[str, str]:
    # Start from this environment without any VOICE_*/FLASK_* setting of the developer's own.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VOICE_", "FLASK_"))}
    env.update({
        "VOICE_DATABASE_URL": database_url,
        "VOICE_SECRET_KEY": "e2e-secret-key-not-for-production-" + os.urandom(8).hex(),
        "VOICE_BASE_URL": base_url,
        "VOICE_RATELIMIT_STORAGE": "memory://",
        "VOICE_ENV": "development",
        "PYTHONUNBUFFERED": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    })
    return env


def tail(text: str, chars: int = 4000) -> str:
    return text if len(text) <= chars else "…" + text[-chars:]


@contextmanager
def run_live_server(test_database_url: str | None = None, *, worker: str = "",
                    startup_timeout: float = 60) -> Iterator[LiveServer]:
    """Migrate a fresh database, load the demo, serve it with gunicorn, and stop it afterwards.

    The database is a new SQLite file in a temporary folder, or, when ``test_database_url`` is a
    PostgreSQL URL, a sibling database ``<name>_e2e`` (dropped and created here).
    """
    folder = Path(tempfile.mkdtemp(prefix="voice-e2e-"))
    suffix = "e2e" + (f"_{worker}" if worker else "")
    postgres = bool(test_database_url and test_database_url.startswith("postgresql"))
    database_url = (_sibling_postgres_database(test_database_url, suffix) if postgres
                    else f"sqlite:///{folder / 'voice-e2e.db'}")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = LiveServer(url=url, database_url=database_url, folder=folder,
                        env=_server_env(database_url, url), log_path=folder / "server.log")
    try:
        _prepare_database(server)
        with server.log_path.open("ab") as log:
            server.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
                 "--workers", "1", "--threads", "8", "--timeout", "60", "--graceful-timeout", "3",
                 "--access-logfile", "-", "--access-logformat", '%(s)s %(m)s %(U)s%(q)s %(M)sms',
                 "--error-logfile", "-", "wsgi:app"],
                cwd=REPO_ROOT, env=server.env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        _wait_until_healthy(server, startup_timeout)
        yield server
    finally:
        _stop(server.process)
        server.dispose()
        if postgres:
            _drop_postgres_database(test_database_url, database_url)
        if os.environ.get("VOICE_E2E_KEEP"):
            print(f"\nE2E server files kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


# `voice db upgrade` then `voice demo`, through the real command line but in one process: the
# app's imports take seconds, and paying for them once matters on a busy 2-core machine.
_PREPARE = """
from voice.cli import main
for command in (["db", "upgrade"], ["demo"]):
    main(command, prog_name="voice", standalone_mode=False)
"""


def _prepare_database(server: LiveServer) -> None:
    result = subprocess.run([sys.executable, "-c", _PREPARE], cwd=REPO_ROOT, env=server.env,
                            capture_output=True, text=True, timeout=300)
    server.log_path.write_text(result.stdout + result.stderr, encoding="utf-8")
    if result.returncode != 0:
        raise RuntimeError("`voice db upgrade` and `voice demo` failed for the browser tests' "
                           f"database (exit {result.returncode}):\n"
                           + tail(result.stdout, 2000) + "\n" + tail(result.stderr, 6000))


def _wait_until_healthy(server: LiveServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last_error = ""
    while time.monotonic() < deadline:
        if server.process is not None and server.process.poll() is not None:
            raise RuntimeError(f"The Voice server stopped while starting (exit {server.process.returncode}):\n"
                               + tail(server.log()))
        try:
            with urllib.request.urlopen(server.address("/healthz"), timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            last_error = str(error)
        time.sleep(0.1)
    raise RuntimeError(f"The Voice server did not answer /healthz within {timeout:.0f}s "
                       f"({last_error}):\n" + tail(server.log()))


def _stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except (ProcessLookupError, PermissionError):
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


# ---- signing in ---------------------------------------------------------------------------------

@dataclass
class OpenSurvey:
    survey_id: int
    token: str
    link_id: int
    questions: dict[str, int]  # code -> question id


def open_survey(session: Session, title: str, questions: list[dict], *,
                service: str = "School Nursing", place: str = "Eastmoor",
                **survey: Any) -> OpenSurvey:
    """An open survey for one of the demo county's services, with these questions (each as
    ``operations.add_question`` takes it; ``show_if`` as ``(code, values)``) and a poster link
    in ``place``. The title gets a random ending so that tests never meet each other's."""
    import secrets

    from sqlalchemy import select

    from surveys import operations
    from voice.directory.models import Area, Service

    service_row = session.scalars(select(Service).where(Service.name == service)).one()
    area = session.scalars(select(Area).where(Area.name == place)).one()
    made = operations.create_survey(session, None, title=f"{title} {secrets.token_hex(3)}",
                                    service_ids=[service_row.id], **survey)
    by_code: dict[str, int] = {}
    for spec in questions:
        spec = dict(spec)
        condition = spec.pop("show_if", None)
        if condition:
            spec["show_if_question_id"] = by_code[condition[0]]
            spec["show_if_values"] = list(condition[1])
        question = operations.add_question(session, None, made, **spec)
        by_code[question.code] = question.id
    operations.open_survey(session, None, made)
    link = operations.create_link(session, None, made, service_id=service_row.id,
                                  area_id=area.id, channel="poster")
    return OpenSurvey(made.id, link.token, link.id, by_code)


def sign_in(page: Page, username: str, password: str) -> Page:
    """Sign in through the real sign-in form; fails with the page's error if it does not work."""
    page.goto("/sign-in")
    page.get_by_label("Username or email").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    # Wait for the page the form leads to (home, or the sign-in page again with a message):
    # straight after the click, page.url is still the old page's.
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Sign in").click()
    if "/sign-in" in page.url or page.locator(".error-summary").count():
        problem = page.locator(".error-summary, .error-message, main").first.inner_text()
        raise AssertionError(f"Could not sign in as {username}: {problem.strip()[:500]}")
    return page


# ---- checks every page should pass ---------------------------------------------------------------

#: WCAG 2.0, 2.1 and 2.2 at levels A and AA.
AXE_WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")


@cache
def axe_source() -> str:
    return AXE_PATH.read_text(encoding="utf-8")


_AXE_RUN = """async ([context, options]) => {
  const results = await window.axe.run(context === null ? document : context, options);
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    tags: v.tags.filter(t => t.startsWith('wcag') || t === 'best-practice'),
    nodes: v.nodes.map(n => ({target: n.target.map(String), html: n.html, summary: n.failureSummary}))
  }));
}"""


def axe_violations(page: Page, context: str | Mapping[str, Any] | None = None, *,
                   best_practice: bool = True, disable: tuple[str, ...] | list[str] = ()) -> list[dict]:
    """Run axe-core on the page as it is now and return its violations (an empty list is good).

    ``context`` narrows the check (a CSS selector, or axe's ``{"include": …, "exclude": …}``).
    The script is injected through the DevTools protocol, so the page's Content Security Policy
    (``script-src 'self'``) stays on and is still checked.
    """
    _require_javascript(page, "axe-core")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    tags = list(AXE_WCAG_TAGS) + (["best-practice"] if best_practice else [])
    options: dict[str, Any] = {"runOnly": {"type": "tag", "values": tags},
                               "resultTypes": ["violations"]}
    if disable:
        options["rules"] = {rule: {"enabled": False} for rule in disable}
    return page.evaluate(_AXE_RUN, [context, options])


def format_violations(violations: list[dict], where: str, max_nodes: int = 5) -> str:
    lines = [f"axe-core found {len(violations)} accessibility problem(s) on {where}:"]
    for number, violation in enumerate(violations, 1):
        lines.append(f"\n{number}. {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"   {', '.join(violation['tags'])} · {violation['helpUrl']}")
        for node in violation["nodes"][:max_nodes]:
            lines.append(f"   - {' '.join(node['target'])}")
            lines.append(f"     {node['html'][:200]}")
            for summary_line in (node["summary"] or "").splitlines():
                lines.append(f"       {summary_line.strip()}")
        hidden = len(violation["nodes"]) - max_nodes
        if hidden > 0:
            lines.append(f"   … and {hidden} more element(s)")
    return "\n".join(lines)


def assert_no_axe_violations(page: Page, context: str | Mapping[str, Any] | None = None, *,
                             best_practice: bool = True,
                             disable: tuple[str, ...] | list[str] = ()) -> None:
    """Fail with a readable list (rule, impact, elements, how to fix) if axe-core finds problems.

    Checks WCAG 2.0/2.1/2.2 A and AA, plus axe's best practices unless ``best_practice=False``.
    Switch off a rule only with a comment saying why (``disable=("region",)``).
    """
    violations = axe_violations(page, context, best_practice=best_practice, disable=disable)
    if violations:
        where = f'"{page.title()}" ({page.url})' + (f" within {json.dumps(context)}" if context else "")
        raise AssertionError(format_violations(violations, where))


def mark_javascript_disabled(context: Any) -> None:
    """Remember that a browser context runs without JavaScript (evaluate() would hang there)."""
    context.voice_javascript_disabled = True


def _require_javascript(page: Page, check: str) -> None:
    if getattr(page.context, "voice_javascript_disabled", False):
        raise AssertionError(f"{check} needs JavaScript in the browser: run this check on a page "
                             "with JavaScript on (the `page` or `phone_page` fixture).")


_WIDE_ELEMENTS = """([width, limit]) => {
  const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  const wide = [];
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    const parent = e.parentElement && e.parentElement.getBoundingClientRect();
    if (r.right > width + 1 && (!parent || parent.right <= width + 1)) {
      wide.push(describe(e) + ' reaches ' + Math.round(r.right) + 'px');
      if (wide.length >= limit) break;
    }
  }
  return wide;
}"""


def assert_no_horizontal_scroll(page: Page) -> None:
    """The page fits its viewport's width (no sideways scrolling, WCAG 1.4.10 Reflow)."""
    _require_javascript(page, "The sideways-scrolling check")
    # Compare with the viewport set for the page, not window.innerWidth: a phone browser zooms
    # out to show a page that is too wide, which makes innerWidth grow with it.
    viewport_width = (page.viewport_size or {}).get("width") or page.evaluate("() => window.innerWidth")
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    if scroll_width > viewport_width:
        culprits = page.evaluate(_WIDE_ELEMENTS, [viewport_width, 5])
        raise AssertionError(
            f"{page.url} scrolls sideways at {viewport_width}px: the page is {scroll_width}px wide. "
            "Widest elements: " + ("; ".join(culprits) or "none found"))


def assert_skip_link_works(page: Page) -> None:
    """The first Tab shows a "Skip to main content" link, and following it moves focus to <main>.

    Call it straight after ``page.goto(…)``, before anything else has had focus.
    """
    _require_javascript(page, "The skip link check")
    page.evaluate("() => { if (document.activeElement) document.activeElement.blur(); }")
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => {
      const e = document.activeElement, r = e.getBoundingClientRect();
      return {text: (e.textContent || '').trim(), href: e.getAttribute('href'),
              visible: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 &&
                       r.right <= window.innerWidth && r.bottom <= window.innerHeight};
    }""")
    assert focused["text"] == "Skip to main content", f"First Tab stop is {focused!r}, not the skip link"
    assert focused["visible"], "The skip link is not visible on screen when it has focus"
    target = (focused["href"] or "").lstrip("#")
    page.keyboard.press("Enter")
    active = page.evaluate("() => [document.activeElement.id, document.activeElement.tagName]")
    assert active == [target, "MAIN"], f"After the skip link, focus is on {active}, not <main id={target}>"


def assert_error_summary(page: Page, *messages: str) -> list[str]:
    """An error summary is shown, each of its links points at a field on the page, and it
    includes ``messages``. Returns the summary's messages."""
    from playwright.sync_api import expect

    summary = page.locator(".error-summary")
    # Called straight after a click: wait for the page that has the summary (and the messages
    # asked for, in case the page before had a summary too) before reading anything.
    expect(summary, f"No error summary on {page.url}").to_have_count(1)
    expect(summary).to_be_visible()
    for message in messages:
        expect(summary.locator("a", has_text=message).first).to_be_visible()
    assert summary.get_attribute("role") == "alert"
    links = summary.locator("a")
    texts = [text.strip() for text in links.all_inner_texts()]
    for index in range(links.count()):
        href = links.nth(index).get_attribute("href") or ""
        assert href.startswith("#"), f"Error summary link {texts[index]!r} goes to {href!r}"
        assert page.locator(f"[id='{href[1:]}']").count() == 1, \
            f"Error summary link {texts[index]!r} points at #{href[1:]}, which is not on the page"
    for message in messages:
        assert message in texts, f"{message!r} is not in the error summary: {texts}"
    return texts


def assert_no_cookies(page: Page) -> None:
    """Nothing has set a cookie (public pages for young people set none unless a form needs it)."""
    names = sorted(cookie["name"] for cookie in page.context.cookies())
    assert not names, f"Cookies were set: {', '.join(names)}"


@dataclass(frozen=True)
class PageWeight:
    html: int
    total: int
    files: list[tuple[str, int]]

    def __str__(self) -> str:
        files = ", ".join(f"{url.rsplit('/', 1)[-1] or url} {size:,} B" for url, size in self.files)
        return f"HTML {self.html:,} bytes; everything {self.total:,} bytes ({files})"


def page_weight(page: Page, path: str) -> PageWeight:
    """Open ``path`` and add up the bytes of everything it loads.

    Use a fresh page (the ``page`` or ``phone_page`` fixture): files already in its cache
    would not be counted. Public pages' budget: ``assert weight.html <= 14_000 and
    weight.total <= 30_000``.
    """
    finished: list = []

    def record(request) -> None:
        finished.append(request)

    page.on("requestfinished", record)
    try:
        response = page.goto(path)
        page.wait_for_load_state("load")
    finally:
        page.remove_listener("requestfinished", record)
    assert response is not None, f"No response for {path}"
    html = len(response.body())
    files = [(request.url, request.sizes()["responseBodySize"]) for request in finished]
    if not any(request is response.request for request in finished):
        files.insert(0, (response.url, html))
    return PageWeight(html=html, total=sum(size for _, size in files), files=files)
