"""End-to-end tests: a real Voice server in a subprocess, driven by Debian's headless Chromium.

Read docs/testing.md. Fixtures are in ``conftest.py``; helpers in ``support.py``.
"""
