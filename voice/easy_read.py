"""Easy read on the public pages (issue 15, point 3).

An easy-read version of every public page: short sentences, one idea a line, a simple picture
beside each key sentence, larger text and more space. It is chosen by the address,
``?read=easy`` (a poster or link can be made for it, and the switch on every public page links to
the same page with or without it); once chosen it is kept in every link and form on the page,
like the language (voice/i18n.py), with no cookie.

Templates get ``easy_read`` (True or False) and ``easy_read_links()`` (the switch). Easy-read
wording lives in include files (``templates/**/easy/*.html``); how it was written:
docs/easy-read.md.
"""

from __future__ import annotations

from flask import Flask, g, has_request_context, request, url_for

EASY = "easy"


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


def init_app(app: Flask) -> None:
    app.url_defaults(_keep_easy_read)

    @app.before_request
    def _remember_link_read() -> None:
        g.link_read = read_from_link()

    @app.context_processor
    def _easy_read() -> dict:
        return {"easy_read": is_easy_read(), "easy_read_links": switch_links}
