"""`flask backup` and `flask restore` for the embedded SQLite database.

The backup uses SQLite's online backup API, so it is safe while Heard is serving: it copies a
consistent snapshot, page by page, without stopping writers for long. A restore writes a
backup into the database file after checking that it is a Heard database; stop Heard first.
PostgreSQL is backed up with `pg_dump` and `pg_restore` (docs/deploying.md).
"""

import sqlite3
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

from app.extensions import db


class BackupRefused(click.ClickException):
    """A backup or restore that cannot be done, with the reason in plain words."""


def register(app: Flask) -> None:
    """Add the two commands to `flask`."""
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)


def sqlite_path(database_url: str) -> Path:
    """Return the file of a SQLite database address, or refuse another kind of database."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        raise BackupRefused(
            "flask backup and flask restore are for SQLite. For PostgreSQL use pg_dump and "
            "pg_restore (docs/deploying.md)."
        )
    if not url.database or url.database == ":memory:":
        raise BackupRefused("This SQLite database is in memory: there is no file to back up")
    return Path(url.database)


def backup(source: Path, target: Path) -> int:
    """Copy the database at `source` into a new file `target`; return its number of pages."""
    if target.exists():
        raise BackupRefused(f"{target} already exists: choose a new file name")
    with (
        sqlite3.connect(f"file:{source}?mode=ro", uri=True) as live,
        sqlite3.connect(target) as copy,
    ):
        live.backup(copy, pages=256)
        pages = copy.execute("pragma page_count").fetchone()[0]
    _check_heard_database(target)
    return pages


def restore(backup_file: Path, target: Path) -> None:
    """Replace the database at `target` with the backup, after checking the backup."""
    if not backup_file.is_file():
        raise BackupRefused(f"There is no file {backup_file}")
    _check_heard_database(backup_file)
    with (
        sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True) as saved,
        sqlite3.connect(target) as live,
    ):
        saved.backup(live)


def _check_heard_database(path: Path) -> None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            ok = connection.execute("pragma integrity_check").fetchone()[0]
            revision = connection.execute("select version_num from alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise BackupRefused(f"{path} is not a Heard database ({error})") from error
    if ok != "ok" or revision is None:
        raise BackupRefused(f"{path} is damaged or is not a Heard database")


def _database_file() -> Path:
    path = sqlite_path(current_app.config["SQLALCHEMY_DATABASE_URI"])
    if not path.is_absolute():
        # Flask-SQLAlchemy keeps a relative SQLite file in the instance folder.
        path = Path(current_app.instance_path) / path
    return path


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(target: Path) -> None:
    """Back up the SQLite database into a new file TARGET (safe while Heard runs)."""
    pages = backup(_database_file(), target)
    click.echo(f"Backed up {pages} pages to {target}")


@click.command("restore")
@click.argument("backup_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
@with_appcontext
def restore_command(backup_file: Path, yes: bool) -> None:
    """Replace the SQLite database with BACKUP_FILE. Stop Heard first."""
    target = _database_file()
    if not yes:
        click.confirm(f"Replace every answer in {target} with {backup_file}?", abort=True)
    db.engine.dispose()
    restore(backup_file, target)
    click.echo(f"Restored {backup_file} into {target}")
