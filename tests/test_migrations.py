"""Migrations build the whole schema from empty, and the models have not drifted from them."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect

from app import create_app
from app.extensions import db
from config import TestConfig

MIGRATIONS = __import__("pathlib").Path(__file__).resolve().parents[1] / "migrations" / "versions"


def test_migration_files_are_numbered_and_named_by_what_they_do():
    names = sorted(path.name for path in MIGRATIONS.glob("*.py"))
    assert names, "There are no migrations"
    for number, name in enumerate(names, start=1):
        assert name.startswith(f"{number:04d}_"), name


def test_upgrade_from_empty_to_head_and_back(tmp_path):
    class EmptyDatabase(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'empty.db'}"

    application = create_app(EmptyDatabase)
    with application.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert {"survey", "question", "option", "response", "answer", "draft"} <= tables
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        db.engine.dispose()


def test_models_match_the_migrated_schema(app):
    with app.app_context():
        engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "render_as_batch": True}
            )
            assert compare_metadata(context, db.metadata) == []
        engine.dispose()
