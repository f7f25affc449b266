"""A malformed-input fuzzer over every form in Voice: no input gives a 500 (issue 11, part C).

For each role (and nobody signed in) it opens every page that role may open, reads the forms
on it as a browser would (field names, types, hidden fields such as the survey's form token,
the options of each choice), and sends each form back filled the way a broken phone, a bot or
a curious person would: NUL and other control characters, CR/LF, very long text, unusual
Unicode, huge and negative numbers, words where numbers go, impossible dates, every field
missing, every field repeated, every field empty. Forms that search (GET) get the same in the
query string. Every route's URL variables also get ids out of range, negative ids and control
characters. Nothing may answer 500 or above (503 only for a database blip, which never
happens here). It runs on SQLite and on PostgreSQL (``VOICE_TEST_DATABASE_URL``).

``tests/voice/test_malformed_requests.py`` is its older sibling: junk field names, invalid
UTF-8, oversized and JSON bodies sent to every route without reading its form first.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from sqlalchemy import update
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from tests.support.factories import _PASSWORD_HASH
from tests.support.route_examples import load_all
from tests.voice.test_permissions import _access, _build_url, _expected, _rules
from voice.auth.models import User
from voice.auth.roles import Role

TEXT_TYPES = {"text", "search", "email", "tel", "url", "password", "textarea"}
DATE_TYPES = {"date", "month", "week", "datetime-local", "time"}
CHOICE_TYPES = {"select", "radio", "checkbox"}
# Fields that prove the form came from our page; kept as they are so the fuzzer reaches the
# code behind them (their own tampering is tested where they are made).
PROTECTED = {"csrf_token", "form_token"}
SKIP_ENDPOINTS = {"auth.logout", "static"}

HUGE = "99999999999999999999"
NUL_TEXT = "Before\x00after\x01\x07\x1b\x7f\x85 end"
CRLF_TEXT = "line one\r\nSet-Cookie: voice=1\r\n\r\nline\rtwo\nthree"
UNICODE_TEXT = "Zoë 🙂 \u202eevil\u202c \ufeff 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u200d\u0301 עברית"


@dataclass
class Field:
    name: str
    kind: str
    value: str = ""
    checked: bool = False
    options: list[str] = field(default_factory=list)
    selected: str | None = None


@dataclass
class Form:
    method: str
    action: str
    fields: list[Field] = field(default_factory=list)

    def key(self, endpoint: str) -> tuple:
        """The same form on another object (another theme, another service) is the same code:
        fuzz it once."""
        return (self.method, endpoint, tuple(sorted({f.name for f in self.fields})))


class _FormReader(HTMLParser):
    """Every <form> on a page, with its fields, as a browser would send them."""

    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._option: str | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            action = a.get("action") or self.page_url
            self._form = Form((a.get("method") or "get").upper(), action)
            self.forms.append(self._form)
            return
        if self._form is None or (tag != "option" and not a.get("name")):
            if tag == "option" and self._select is not None:
                self._option_start(a)
            return
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                if kind == "submit" and not any(f.kind == "submit" for f in self._form.fields):
                    self._form.fields.append(Field(a["name"], "submit", a.get("value", "")))
                return
            self._form.fields.append(Field(a["name"], kind, a.get("value", ""),
                                           checked="checked" in a))
        elif tag == "button" and (a.get("type") or "submit") == "submit":
            if not any(f.kind == "submit" for f in self._form.fields):
                self._form.fields.append(Field(a["name"], "submit", a.get("value", "")))
        elif tag == "textarea":
            self._textarea = Field(a["name"], "textarea")
            self._form.fields.append(self._textarea)
        elif tag == "select":
            self._select = Field(a["name"], "select")
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option_start(a)

    def _option_start(self, a):
        value = a.get("value")
        self._option = value
        if value is not None:
            self._select.options.append(value)
            if "selected" in a:
                self._select.selected = value

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data
        elif self._select is not None and self._option is None and data.strip():
            # <option>text</option> without a value attribute sends its text.
            self._select.options.append(data.strip())

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "option":
            self._option = None


def read_forms(html: str, page_url: str) -> list[Form]:
    reader = _FormReader(page_url)
    reader.feed(html)
    return reader.forms


def _plausible(f: Field) -> list[tuple[str, str]]:
    """What a person filling the form in properly would send for this field."""
    if f.kind in ("radio", "checkbox"):
        return [(f.name, f.value or "on")] if f.checked else []
    if f.kind == "select":
        choice = f.selected if f.selected is not None else next(
            (o for o in f.options if o), f.options[0] if f.options else "")
        return [(f.name, choice)]
    if f.value:
        return [(f.name, f.value)]
    if f.kind == "email":
        return [(f.name, "someone@example.org")]
    if f.kind == "number":
        return [(f.name, "3")]
    if f.kind in DATE_TYPES:
        return [(f.name, "2026-05-01")]
    if f.kind in TEXT_TYPES:
        return [(f.name, "Hello there")]
    return [(f.name, "")]


def plausible(form: Form) -> list[tuple[str, str]]:
    pairs = [pair for f in form.fields for pair in _plausible(f)]
    # A radio group with nothing checked: a person picks the first choice.
    for name in {f.name for f in form.fields if f.kind == "radio"}:
        if not any(n == name for n, _ in pairs):
            first = next(f for f in form.fields if f.name == name)
            pairs.append((name, first.value))
    return pairs


def _replace(form: Form, pairs, wanted, value) -> list[tuple[str, str]]:
    kinds = {f.name: f.kind for f in form.fields}
    out = []
    for name, old in pairs:
        kind = kinds.get(name, "text")
        out.append((name, value if name not in PROTECTED and wanted(name, kind) else old))
    # Choices a person did not pick are malformed too.
    for f in form.fields:
        if (f.kind in ("radio", "checkbox") and f.name not in PROTECTED
                and wanted(f.name, f.kind) and not any(n == f.name for n, _ in out)):
            out.append((f.name, value))
    return out


def _is_text(name, kind):
    return kind in TEXT_TYPES


def _is_not_text(name, kind):
    return kind not in TEXT_TYPES and kind != "submit"


def _is_date(name, kind):
    return kind in DATE_TYPES or any(word in name for word in ("date", "from", "to", "until"))


def mutations(form: Form, *, long_text: int = 20_000):
    """(label, pairs) for each malformed way of sending ``form``."""
    base = plausible(form)
    text = any(_is_text(f.name, f.kind) for f in form.fields)
    other = any(_is_not_text(f.name, f.kind) and f.name not in PROTECTED for f in form.fields)
    if text:
        yield "NUL, control characters and unusual Unicode", _replace(
            form, base, _is_text, NUL_TEXT + UNICODE_TEXT)
        yield "CR/LF", _replace(form, base, _is_text, CRLF_TEXT)
        yield "very long text", _replace(form, base, _is_text, "long " * (long_text // 5))
    if other:
        yield "huge number", _replace(form, base, _is_not_text, HUGE)
        yield "negative number", _replace(form, base, _is_not_text, "-1")
        yield "wrong type with control characters", _replace(form, base, _is_not_text,
                                                             "not-a-number\x00\r\nb")
    if any(_is_date(f.name, f.kind) for f in form.fields):
        yield "impossible date", _replace(form, base, _is_date, "2026-02-31")
        yield "year zero", _replace(form, base, _is_date, "0000-00-00")
    yield "every field missing", [(n, v) for n, v in base if n in PROTECTED]
    yield "every field empty", [(n, "" if n not in PROTECTED else v) for n, v in base]
    yield "every field twice", [pair for n, v in base for pair in ((n, v), (n, v + "2"))]


@pytest.fixture()
def world(factory):
    provider_org = factory.organisation("Fuzzed Provider")
    users = {role.value: factory.user(role, organisation=provider_org if role == Role.PROVIDER
                                      else None) for role in Role}
    service = factory.service("Fuzzed Service", provider=provider_org,
                              safeguarding_lead=users[Role.SAFEGUARDING.value])
    return {"users": users, "provider_org": provider_org, "service": service}


class Fuzzer:
    def __init__(self, app, client, factory, world, session, role):
        self.app, self.client, self.factory, self.world = app, client, factory, world
        self.session, self.role = session, role
        self.failures: list[str] = []
        self.sent = 0
        self.adapter = app.url_map.bind("voice.test")

    def sign_in(self):
        if self.role is None:
            return
        user = self.world["users"][self.role]
        # A fuzzed "change password" form may have changed it: put it back first.
        self.session.execute(update(User).where(User.id == user.id)
                             .values(password_hash=_PASSWORD_HASH[self.factory.PASSWORD]))
        response = self.client.post("/sign-in", data={"username": user.username,
                                                      "password": self.factory.PASSWORD})
        assert response.status_code == 302, f"could not sign in as {self.role}"

    def send(self, label, method, url, pairs=None):
        self.sent += 1
        if method == "GET":
            response = self.client.get(url, query_string=MultiDict(pairs or []))
        else:
            response = self.client.open(url, method=method, data=MultiDict(pairs or []))
        if response.status_code >= 500:
            self.failures.append(f"{response.status_code} {method} {url} ({label})")
        if (self.role is not None and response.status_code in (302, 303)
                and "/sign-in" in (response.location or "")):
            self.sign_in()  # a fuzzed form signed us out, or a page wants a fresh sign-in
        return response

    def pages(self):
        """Every page this role may open, with real examples for its URL variables."""
        examples = load_all()
        for rule in sorted(_rules(self.app), key=lambda r: r.rule):
            if rule.endpoint in SKIP_ENDPOINTS or "GET" not in rule.methods:
                continue
            access = _access(self.app, rule)
            if access is None or _expected(access, self.role) != "ok":
                continue
            if rule.rule.startswith("/api/"):
                continue  # tested with schemathesis in tests/voice/api/test_schema_fuzzing.py
            try:
                values = {n: examples[n](self.factory, self.world) for n in rule.arguments}
            except KeyError:
                continue
            yield rule, _build_url(rule, values)

    def run(self, seen: set[tuple]):
        self.sign_in()
        for _rule, url in list(self.pages()):
            response = self.send("open the page", "GET", url)
            if response.status_code != 200 or response.mimetype != "text/html":
                continue
            for form in read_forms(response.get_data(as_text=True), url):
                action = urlsplit(form.action)
                if action.netloc or not action.path.startswith("/"):
                    continue
                endpoint = self._endpoint(action.path, form.method)
                if endpoint in SKIP_ENDPOINTS or form.key(endpoint) in seen:
                    continue
                seen.add(form.key(endpoint))
                self.fuzz(form)

    def _endpoint(self, path: str, method: str) -> str:
        try:
            return self.adapter.match(path, method="GET" if method == "GET" else "POST")[0]
        except HTTPException:
            return path  # not a route: the fuzzer still sends it (and expects a 404 or 405)

    def fuzz(self, form: Form):
        method = "GET" if form.method == "GET" else "POST"
        url = form.action
        if method == "GET":
            url = urlsplit(url).path
        for label, pairs in mutations(form, long_text=20_000 if method == "POST" else 2_000):
            if method == "POST" and any(n == "form_token" for n, _ in pairs):
                # The survey and card form tokens are one-time: take a fresh one each time.
                pairs = self._fresh_form_token(form, pairs)
            self.send(label, method, url, pairs)

    def _fresh_form_token(self, form, pairs):
        page = self.client.get(form.action)
        if page.status_code != 200:
            return pairs
        for fresh in read_forms(page.get_data(as_text=True), form.action):
            token = next((f.value for f in fresh.fields if f.name == "form_token"), None)
            if token:
                return [(n, token if n == "form_token" else v) for n, v in pairs]
        return pairs

    def fuzz_url_variables(self):
        """Ids out of range, negative ids and control characters in every URL variable."""
        examples = load_all()
        for rule in sorted(_rules(self.app), key=lambda r: r.rule):
            if rule.endpoint in SKIP_ENDPOINTS or not rule.arguments:
                continue
            try:
                values = {n: examples[n](self.factory, self.world) for n in rule.arguments}
            except KeyError:
                continue
            good = _build_url(rule, values)
            method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"OPTIONS"})[0]
            for name, value in values.items():
                text = str(value)
                bads = (HUGE, "2147483648", "-1") if isinstance(value, int) else (
                    "%00", "a%0d%0ab", "x" * 2000)
                for bad in bads:
                    self.send(f"URL variable {name}={bad[:20]}", method,
                              good.replace(text, bad, 1) if text in good else good)


ROLES = [None, *[role.value for role in Role]]
# Each form (route and field names) is fuzzed once, by the first role that can open its page
# (every role still opens every page it may, and fuzzes the forms only it sees). Kept across
# this module's tests.
_FORMS_SEEN: set[tuple] = set()


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_no_form_gives_a_server_error_whatever_is_sent(app, client, factory, world, session,
                                                      role, quick_analysis_and_passwords):
    started = time.perf_counter()
    fuzzer = Fuzzer(app, client, factory, world, session, role)
    fuzzer.run(_FORMS_SEEN)
    assert fuzzer.sent > 20, "the fuzzer found almost nothing to send"
    assert not fuzzer.failures, "\n".join(fuzzer.failures)
    print(f"{role or 'anonymous'}: {fuzzer.sent} requests in {time.perf_counter() - started:.1f}s")


def test_no_url_variable_gives_a_server_error(app, client, factory, world, session):
    fuzzer = Fuzzer(app, client, factory, world, session, Role.ADMIN.value)
    fuzzer.sign_in()
    fuzzer.fuzz_url_variables()
    assert not fuzzer.failures, "\n".join(fuzzer.failures)
    print(f"URL variables: {fuzzer.sent} requests")


def test_the_form_reader_reads_forms_as_a_browser_sends_them():
    html = """<form method="post" action="/x"><input type="hidden" name="csrf_token" value="t">
    <input name="title" value="Hi"><textarea name="body">Old words</textarea>
    <select name="kind"><option value="">Choose</option><option value="a" selected>A</option>
    </select><input type="radio" name="r" value="1"><input type="radio" name="r" value="2">
    <input type="checkbox" name="c" value="yes" checked><button name="action" value="next">
    Next</button></form><form><input name="q"></form>"""
    post, get = read_forms(html, "/page")
    assert post.method == "POST" and post.action == "/x"
    assert plausible(post) == [("csrf_token", "t"), ("title", "Hi"), ("body", "Old words"),
                               ("kind", "a"), ("c", "yes"), ("action", "next"), ("r", "1")]
    assert get.method == "GET" and get.action == "/page"
    labels = [label for label, _ in mutations(post)]
    assert "CR/LF" in labels and "huge number" in labels
    nul = dict(next(pairs for label, pairs in mutations(post) if label.startswith("NUL")))
    assert nul["title"].startswith(NUL_TEXT) and nul["csrf_token"] == "t" and nul["kind"] == "a"


@pytest.fixture()
def quick_analysis_and_passwords(monkeypatch):
    """The fuzzer is about input handling: the predictable analyser and cheap password hashes
    (a forms' worth of Argon2 at full strength takes most of a minute) keep it fast."""
    from argon2 import PasswordHasher

    import voice.auth.passwords
    from tests.support.fake_analysis import fake_analyser
    from tests.voice.loop.conftest import fake_analyse

    fake_analyser(monkeypatch, fake_analyse)
    monkeypatch.setattr(voice.auth.passwords, "_hasher",
                        PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
