"""Easy read on the public pages (issue 15, point 3).

An easy-read version of every public page: short sentences, one idea a line, a simple picture
beside each key sentence, larger text and more space. It is chosen by the address,
``?read=easy`` (a poster or link can be made for it, and the switch on every public page links to
the same page with or without it); once chosen it is kept in every link and form on the page,
like the language (voice/i18n.py), with no cookie.

Templates get ``easy_read`` (True or False) and ``easy_read_links()`` (the switch). Easy-read
wording lives in include files (``templates/**/easy/*.html``); how it was written:
docs/easy-read.md.

Staff choose the *version* a poster, card or QR code opens (``?version=cy-easy`` on the staff
page: Welsh, easy read): :func:`address_for` adds ``?lang=cy&read=easy`` to the public address.
It is a choice made when printing or copying, not stored.
"""

from __future__ import annotations

from flask import Flask, g, has_request_context, request, url_for

from voice.i18n import DEFAULT, LANGUAGES

EASY = "easy"
VERSION_ARG = "version"
# Staff pages are in English: each language's English name.
_ENGLISH_NAMES = {"en": "English", "cy": "Welsh (Cymraeg)", "ar": "Arabic (العربية)"}


def read_from_link() -> str | None:
    """``"easy"`` when the address asks for easy read (``?read=easy``)."""
    if not has_request_context():
        return None
    asked = (request.args.get("read") or "").strip().lower()
    return EASY if asked == EASY else None


def is_easy_read() -> bool:
    """Whether this request shows the easy-read version (``?read=easy`` in the address)."""
    return read_from_link() == EASY


def _keep_easy_read(endpoint: str, values: dict) -> None:
    """Easy read chosen by the address stays in every address the page links to."""
    if endpoint == "static" or "read" in values or not has_request_context():
        return
    if g.get("link_read") == EASY:
        values["read"] = EASY


def switch_links() -> list[dict]:
    """The same page in standard and in easy read: for the switch (plain links; the template
    words them, so they are translated with the page)."""
    args = {k: v for k, v in request.args.items() if k != "read"}
    links = []
    for read in (None, EASY):
        href = None
        if request.endpoint and request.method in ("GET", "HEAD"):
            try:
                href = url_for(request.endpoint, **(request.view_args or {}), **args, read=read)
            except Exception:  # a page that cannot be linked to again (shown after a POST)
                href = None
        if href is None:
            href = url_for("public.home", read=read, **({"lang": args["lang"]}
                                                        if "lang" in args else {}))
        links.append({"read": read or "standard", "href": href,
                      "current": (read == EASY) == is_easy_read()})
    return links


def versions() -> list[tuple[str, str]]:
    """Every version a public address can open, for staff: ``[("en", "English"),
    ("en-easy", "English, easy read"), ("cy", "Welsh (Cymraeg)"), …]``."""
    found = []
    for code, language in LANGUAGES.items():
        name = _ENGLISH_NAMES.get(code, language.name)
        found += [(code, name), (f"{code}-{EASY}", f"{name}, easy read")]
    return found


def chosen_version() -> str:
    """The version a staff page was asked for (``?version=cy-easy``); English if none or unknown."""
    asked = request.args.get(VERSION_ARG, "") if has_request_context() else ""
    return asked if asked in dict(versions()) else DEFAULT


def address_for(url: str, version: str | None) -> str:
    """The public address that opens ``version``: ``…/s/abc`` and ``"cy-easy"`` give
    ``…/s/abc?lang=cy&read=easy``; English (``"en"`` or None) leaves it as it is."""
    language, _, read = (version or DEFAULT).partition("-")
    params = [f"lang={language}"] if language in LANGUAGES and language != DEFAULT else []
    if read == EASY:
        params.append(f"read={EASY}")
    return f"{url}?{'&'.join(params)}" if params else url


def init_app(app: Flask) -> None:
    app.url_defaults(_keep_easy_read)

    @app.before_request
    def _remember_link_read() -> None:
        g.link_read = read_from_link()

    @app.context_processor
    def _easy_read() -> dict:
        return {"easy_read": is_easy_read(), "easy_read_links": switch_links,
                "link_versions": versions, "link_version": chosen_version}
