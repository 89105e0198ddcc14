"""Health checks for load balancers and monitoring: never logged, never rate-limited.

- `/healthz`: the process answers (it does not touch the database, so a database outage does
  not make an orchestrator restart every web worker).
- `/readyz`: the database answers and its schema is at the newest migration, so an instance
  whose migrations have not run yet is kept out of the pool. 503 with the reasons otherwise.
"""

from functools import cache
from pathlib import Path

from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory
from flask import Blueprint, Flask, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db, limiter

blueprint = Blueprint("health", __name__)
HEALTH_PATHS = frozenset({"/healthz", "/readyz"})
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def register(app: Flask) -> None:
    """Add the two routes, outside every rate limit."""
    limiter.exempt(blueprint)
    app.register_blueprint(blueprint)


@blueprint.get("/healthz")
def healthz():
    return _answer({"status": "ok"}, 200)


@blueprint.get("/readyz")
def readyz():
    problems = readiness_problems()
    if problems:
        return _answer({"status": "not ready", "problems": problems}, 503)
    return _answer({"status": "ready"}, 200)


def readiness_problems() -> list[str]:
    """Return why this instance should not take requests yet; empty when it is ready."""
    try:
        db.session.execute(text("select 1"))
        current = db.session.execute(text("select version_num from alembic_version")).scalars()
        revisions = set(current)
    except SQLAlchemyError:
        db.session.rollback()
        return ["the database does not answer, or has no migrations yet"]
    finally:
        db.session.remove()
    if revisions != {newest_migration()}:
        return [
            f"the database is at migration {', '.join(sorted(revisions)) or 'none'}, "
            f"not {newest_migration()}: run flask db upgrade"
        ]
    return []


@cache
def newest_migration() -> str:
    """Return the newest migration's revision (read once per process)."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head() or ""


def _answer(body: dict, status: int):
    response = jsonify(body)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response
