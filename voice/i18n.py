"""Languages on the public pages (Flask-Babel, gettext catalogs in ``voice/translations``).

The language of a page comes, in this order, from
1. the address: ``?lang=cy`` on any public address (a poster or link can be made for a
   language, and the switcher on every page links to the same page with another ``lang``);
   once chosen this way it is kept in every link and form on the page, with no cookie;
2. the browser's preference (``Accept-Language``);
3. English.

Staff pages are in English only: their ``<html lang>`` stays ``en`` whatever the browser asks.
How a team adds a language: docs/translating.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale
from flask import Flask, current_app, g, has_request_context, request, url_for
from flask_babel import Babel, get_locale
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup

from voice.auth.roles import PUBLIC

DEFAULT = "en"


@dataclass(frozen=True)
class Language:
    code: str
    name: str          # the language's name in itself, as its speakers look for it
    direction: str     # "ltr" or "rtl"


LANGUAGES: dict[str, Language] = {
    "en": Language("en", "English", "ltr"),
    "cy": Language("cy", "Cymraeg", "ltr"),
    "ar": Language("ar", "العربية", "rtl"),
}

babel = Babel()

# Parsed once: Flask-Babel takes a Locale from the selector as it is, where a code would be
# parsed again on every request.
_LOCALES = {code: Locale.parse(code) for code in LANGUAGES}
_CODES = list(LANGUAGES)


def language_from_link() -> str | None:
    """The language the address asks for (``?lang=cy``), if Voice has it."""
    if not has_request_context():
        return None
    asked = (request.args.get("lang") or "").strip().lower()
    return asked if asked in LANGUAGES else None


def is_public_page() -> bool:
    """Pages for young people: public views (not sign-in or the API), and error pages for
    anyone not signed in. Staff pages are in English only."""
    if request.endpoint is None:
        return not current_user.is_authenticated
    if request.blueprint in ("auth", "api") or request.endpoint == "static":
        return False
    view = current_app.view_functions.get(request.endpoint)
    return getattr(view, "access", None) == PUBLIC


def select_locale() -> Locale:
    if not has_request_context() or not is_public_page():
        return _LOCALES[DEFAULT]
    chosen = language_from_link()
    if not chosen:
        chosen = request.accept_languages.best_match(_CODES, default=DEFAULT) or DEFAULT
    return _LOCALES[chosen]


def current_language() -> Language:
    locale = get_locale() if has_request_context() else None
    return LANGUAGES.get(str(locale) if locale else DEFAULT, LANGUAGES[DEFAULT])


def switch_links() -> list[dict]:
    """The same page in each language: for the switcher (plain links, no JavaScript)."""
    here = current_language().code
    args = {k: v for k, v in request.args.items() if k != "lang"}
    links = []
    for language in LANGUAGES.values():
        href = None
        if request.endpoint and request.method in ("GET", "HEAD"):
            try:
                href = url_for(request.endpoint, **(request.view_args or {}), **args,
                               lang=language.code)
            except Exception:  # a page that cannot be linked to again (shown after a POST)
                href = None
        if href is None:
            href = url_for("public.home", lang=language.code)
        links.append({"code": language.code, "name": language.name, "href": href,
                      "current": language.code == here})
    return links


def _keep_language(endpoint: str, values: dict) -> None:
    """A language chosen by the address stays in every address the page links to."""
    if endpoint == "static" or "lang" in values or not has_request_context():
        return
    chosen = g.get("link_language")
    if chosen and chosen != DEFAULT:
        values["lang"] = chosen


# Unicode's first-strong isolate and pop directional isolate: what Fluent puts around every value
# it places in a message. They work in titles and attributes too, where <bdi> cannot go.
FSI, PDI = "\u2068", "\u2069"


def isolate(value):
    """A value placed in a right-to-left sentence (a service's name, words a young person or a
    team wrote in English) keeps its own direction: "You said: Stop being late." would
    otherwise show its full stop on the wrong side. Numbers are left alone (plurals need them)."""
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, Markup):
        return Markup(FSI) + value + Markup(PDI)
    return f"{FSI}{value}{PDI}"


def _isolating(translate):
    """Wrap a template's ``gettext`` / ``ngettext`` so that on a right-to-left page every value
    placed in a message is isolated (left-to-right pages are unchanged)."""
    @pass_context
    def translated(context, *args, **variables):
        if variables and current_language().direction == "rtl":
            variables = {name: isolate(value) for name, value in variables.items()}
        return translate(context, *args, **variables)
    return translated


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale,
                   default_translation_directories="translations",
                   default_domain="messages")
    for name in ("gettext", "ngettext"):
        app.jinja_env.globals[name] = _isolating(app.jinja_env.globals[name])
    app.url_defaults(_keep_language)

    @app.before_request
    def _remember_link_language() -> None:
        g.link_language = language_from_link()

    @app.context_processor
    def _language() -> dict:
        return {"page_language": current_language, "language_links": switch_links}
