"""Entry point for gunicorn: ``gunicorn wsgi:app``."""

from voice import create_app

app = create_app()
