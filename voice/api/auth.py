"""Token authentication for the JSON API.

``@token_required`` is the API's access rule (like ``@roles_required`` for pages): it sets
``view.access = API_TOKEN`` so the permission test knows the view is guarded. A browser sign-in
never opens the API: a request without a token gets 401 (with ``WWW-Authenticate: Bearer``),
or 403 if it carries a signed-in session instead of a token, so a session cookie can never be
used to read the API from another site.
"""

from __future__ import annotations

import functools

from flask import g, jsonify, request
from flask_login import current_user

from voice.db import db, utcnow

API_TOKEN = "api_token"


def _unauthorised(detail: str):
    response = jsonify({"error": "You need a valid API token", "detail": detail})
    response.status_code = 401
    response.headers["WWW-Authenticate"] = 'Bearer realm="voice", charset="UTF-8"'
    return response


def token_required(view):
    """Allow only requests carrying a usable API token; the token is then ``g.api_token``."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        from voice.api.tokens import authenticate

        header = request.headers.get("Authorization", "")
        scheme, _, secret = header.partition(" ")
        if not header:
            if current_user.is_authenticated:
                from voice.auth.roles import deny

                deny("the API accepts tokens, not sign-in sessions")
            return _unauthorised("Send your token in the Authorization header: "
                                 "Authorization: Bearer <token>. Admins and commissioners make "
                                 "tokens in Voice under Summaries, API tokens.")
        if scheme.lower() != "bearer" or not secret.strip():
            return _unauthorised("Use the Bearer scheme: Authorization: Bearer <token>")
        token = authenticate(db.session, secret.strip(), utcnow())
        if token is None:
            db.session.rollback()
            return _unauthorised("That token is not recognised, or it was revoked or has "
                                 "expired")
        if db.session.is_modified(token):
            db.session.commit()  # records when the token was last used
        g.api_token = token
        return view(*args, **kwargs)

    wrapper.access = API_TOKEN
    return wrapper
