"""Small, quick workers (issue 16): serving a request that analyses text imports none of the
training libraries. SciPy, scikit-learn, TextBlob and NLTK cost about a second and 150 MB
in every process; they are for training and for checking the sentiment lexicon only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sklearn", "scipy", "textblob", "nltk")

# A fresh interpreter: the test process itself has imported them for other tests.
SCRIPT = """
import json, sys, tempfile
from pathlib import Path

from tests.support.factories import Factory
from voice import create_app
from voice.auth.roles import Role
from voice.db import db
from voice.learning.engine import live_engine
from voice.migrate import upgrade

url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='voice-imports-')) / 'voice.db'}"
app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "x" * 32,
                  "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
                  "BASE_URL": "http://voice.test", "SERVER_NAME": None})
upgrade(url)
with app.app_context():
    user = Factory(db.session).user(Role.PARTICIPATION)
    db.session.commit()
    username = user.username
client = app.test_client()
assert client.post("/sign-in", data={"username": username,
                                     "password": Factory.PASSWORD}).status_code == 302
# one comment as a page analyses it ...
page = client.get("/analysis/rules?text=the+nurse+was+lovely+but+i+waited+ages+and+he+hurts+me")
assert page.status_code == 200 and "Themes found" in page.get_data(as_text=True)
# ... and many at once, as reanalysis does
with app.app_context():
    results = live_engine(db.session).analyse_many(
        ["great staff :)", "waited far too long", "i want to hurt myself", ""])
    assert len(results) == 4
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in %r)))
"""


def test_analysing_text_imports_no_training_library():
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    env.pop("VOICE_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-c", SCRIPT % (HEAVY,)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    imported = json.loads(done.stdout.strip().splitlines()[-1])
    assert imported == []


def test_the_written_out_timing_hash_is_a_current_argon2_hash():
    """voice.auth.passwords no longer hashes at import; its dummy hash must still be one the
    hasher would make today, so that a sign-in for no one costs as long as one for someone."""
    from voice.auth import passwords

    assert not passwords.needs_rehash(passwords._DUMMY_HASH)
    assert passwords.verify_password(None, "voice-timing-equaliser") is False
    assert passwords._hasher.verify(passwords._DUMMY_HASH, "voice-timing-equaliser")


def test_safeguarding_patterns_are_compiled_when_first_needed():
    """Importing the check compiles none of its patterns; gunicorn's master builds the screens
    (build_screens) and a comment compiles only the few patterns its screen lets through."""
    code = """
import voice.analysis.safeguarding as sg
patterns = [p for *_, p in (*sg._ALTERNATIVES, *sg._CUE_ALTERNATIVES)]
assert not any(p._compiled for p in patterns) and sg._SCREEN._screen is None
sg.build_screens()
assert sg._SCREEN._screen is not None and not any(p._compiled for p in patterns)
assert sg.safeguarding_check("my stepdad hits me when he is drunk")[0]
assert not sg.safeguarding_check("the nurse was lovely")[0]
print(sum(1 for p in patterns if p._compiled), len(patterns))
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          env=os.environ | {"PYTHONPATH": str(ROOT)}, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    compiled, total = map(int, done.stdout.split())
    assert 0 < compiled < total / 10
