"""Running Alembic from code: ``voice db upgrade`` and the test suite both come through here."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(url: str, connection=None) -> Config:
    if not MIGRATIONS.is_dir():
        raise RuntimeError(f"Migrations folder not found at {MIGRATIONS}: run Voice from its source tree")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("file_template", "%%(year)d_%%(month).2d_%%(day).2d_%%(rev)s_%%(slug)s")
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(url: str, revision: str = "head", connection=None) -> None:
    command.upgrade(alembic_config(url, connection), revision)


def downgrade(url: str, revision: str, connection=None) -> None:
    command.downgrade(alembic_config(url, connection), revision)
