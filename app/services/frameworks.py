"""Load frameworks from their YAML files into the database, idempotently.

A framework is data: re-loading a file updates titles and adds principles, never duplicates.
Loading is one transaction (`@transactional`), however many files it reads.
"""

from pathlib import Path

import yaml
from sqlalchemy import select

from app.extensions import db
from app.models import Framework, Principle
from app.services.transactions import transactional

FRAMEWORKS_FOLDER = Path(__file__).resolve().parent.parent / "frameworks"
DEFAULT_FRAMEWORK_KEY = "working-together-for-change"


@transactional
def load_framework_file(path: Path) -> Framework:
    """Create or update one framework and its principles from a YAML file."""
    return _upsert_framework(yaml.safe_load(path.read_text(encoding="utf-8")))


@transactional
def load_all_frameworks() -> list[Framework]:
    """Load every framework file shipped with Heard."""
    return [load_framework_file(path) for path in sorted(FRAMEWORKS_FOLDER.glob("*.yaml"))]


def list_frameworks() -> list[Framework]:
    """Return the loaded frameworks, by title."""
    return list(db.session.scalars(select(Framework).order_by(Framework.title)))


def get_framework(key: str) -> Framework | None:
    """Return the framework with this key, if it has been loaded."""
    return db.session.scalar(select(Framework).where(Framework.key == key))


def _upsert_framework(data: dict) -> Framework:
    framework = get_framework(data["key"]) or Framework(key=data["key"])
    framework.title = data["title"]
    framework.easy_read_title = data.get("easy_read_title", data["title"])
    framework.description = data.get("description", "")
    framework.source = data.get("source", "")
    db.session.add(framework)
    existing = {principle.key: principle for principle in framework.principles}
    for position, item in enumerate(data["principles"], start=1):
        principle = existing.get(item["key"]) or Principle(key=item["key"])
        principle.position = position
        principle.title = item["title"]
        principle.easy_read_title = item.get("easy_read_title", item["title"])
        principle.description = item.get("description", "")
        principle.picture_key = item.get("picture_key", "")
        if principle.key not in existing:
            framework.principles.append(principle)
    return framework
