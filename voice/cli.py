"""The ``voice`` command: ``voice db upgrade``, ``voice demo``, ``voice users …``, ``voice run``…

Feature packages add their own groups in :func:`register_commands`.
"""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext


def _create_app():
    from voice import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False,
             help="Voice: manage the database, demo data, users and background jobs.")
def main() -> None:
    pass


# ---- database ----------------------------------------------------------------------------------

@click.group("db", help="Database schema (Alembic migrations).")
def db_group() -> None:
    pass


@db_group.command("upgrade")
@click.argument("revision", default="head")
@with_appcontext
def db_upgrade(revision: str) -> None:
    """Bring the schema up to REVISION (default: the newest)."""
    from voice.migrate import upgrade

    upgrade(current_app.config["DATABASE_URL"], revision)
    click.echo(f"Database is at {revision}.")


@db_group.command("downgrade")
@click.argument("revision")
@with_appcontext
def db_downgrade(revision: str) -> None:
    """Step the schema back to REVISION (for example -1)."""
    from voice.migrate import downgrade

    downgrade(current_app.config["DATABASE_URL"], revision)
    click.echo(f"Database is at {revision}.")


@db_group.command("is-empty")
@with_appcontext
def db_is_empty() -> None:
    """Exit 0 if no user exists yet (used by `make run` to decide whether to load the demo)."""
    from sqlalchemy import func, select

    from voice.auth.models import User
    from voice.db import db

    raise SystemExit(0 if (db.session.scalar(select(func.count(User.id))) or 0) == 0 else 1)


# ---- users ---------------------------------------------------------------------------------

@click.group("users", help="Accounts.")
def users_group() -> None:
    pass


@users_group.command("create-admin")
@click.option("--username", prompt=True)
@click.option("--name", "display_name", prompt="Name")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@with_appcontext
def create_admin(username: str, display_name: str, password: str) -> None:
    """Make the first administrator."""
    from voice.auth.services import create_user
    from voice.db import db
    from voice.errors import VoiceError

    try:
        create_user(db.session, None, username=username, display_name=display_name,
                    role="admin", password=password)
    except VoiceError as error:
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"Administrator {username} created. Sign in at {current_app.config['BASE_URL']}/sign-in")


@users_group.command("reset-password")
@click.argument("username")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@with_appcontext
def cli_reset_password(username: str, password: str) -> None:
    """Set a new password for USERNAME (and unlock the account)."""
    from voice.auth.services import find_user, reset_password
    from voice.db import db
    from voice.errors import VoiceError

    user = find_user(db.session, username)
    if user is None:
        raise click.ClickException(f"No user called {username}")
    try:
        reset_password(db.session, None, user, password)
    except VoiceError as error:
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"Password reset for {user.username}.")


# ---- demo ----------------------------------------------------------------------------------

@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Load a realistic demo county (safe to run twice) and print the demo sign-ins."""
    from voice.db import db
    from voice.demo import DEMO_PASSWORD, load_demo, public_addresses

    users = load_demo(db.session)
    db.session.commit()
    click.echo(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
    for user in users:
        click.echo(f"  {user.role_label:<24} {user.username}")
    for label, url in public_addresses(db.session, current_app.config["BASE_URL"]):
        click.echo(f"{label}: {url}")


@click.command("addresses")
@with_appcontext
def addresses_command() -> None:
    """Print the demo sign-ins and public addresses (used by `make run` at every start)."""
    from voice.db import db
    from voice.demo import DEMO_PASSWORD, demo_users, public_addresses

    click.echo(f"Voice is starting at {current_app.config['BASE_URL']}/sign-in")
    users = demo_users(db.session)
    if users:
        click.echo(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for user in users:
            click.echo(f"  {user.role_label:<24} {user.username}")
    for label, url in public_addresses(db.session, current_app.config["BASE_URL"]):
        click.echo(f"{label}: {url}")


def register_commands(app) -> None:
    app.cli.add_command(db_group)
    app.cli.add_command(users_group)
    app.cli.add_command(demo_command)
    app.cli.add_command(addresses_command)
    from voice.scheduler import scheduler_command

    app.cli.add_command(scheduler_command)
    from voice.analysis.cli import analyse

    app.cli.add_command(analyse)
    from voice.learning.safeguarding import learning_group

    app.cli.add_command(learning_group)
