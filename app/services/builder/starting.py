"""Start a survey from a starter survey or from a survey definition file a lead uploads.

Starter surveys are definition files shipped beside their framework
(app/frameworks/starters/<framework key>.yaml), loaded through the same path as an upload,
so whatever a lead can upload a starter can be, and the other way round.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.models import Survey
from app.services import audit, definitions
from app.services.builder import details
from app.services.errors import NotFound
from app.services.transactions import transactional

STARTERS_FOLDER = Path(__file__).resolve().parents[2] / "frameworks" / "starters"


@dataclass(frozen=True)
class Starter:
    """A ready-made survey a lead can start from."""

    framework_key: str
    title: str
    questions: int
    path: Path


@cache
def starters() -> tuple[Starter, ...]:
    """Return the shipped starter surveys, one per framework that has one."""
    found = []
    for path in sorted(STARTERS_FOLDER.glob("*.yaml")):
        definition = _read(path)
        found.append(
            Starter(definition.framework, definition.title, len(definition.questions), path)
        )
    return tuple(found)


@transactional
def create_from_starter(actor: audit.Actor, framework_key: str) -> Survey:
    """Create a draft survey from the framework's starter survey."""
    starter = next((s for s in starters() if s.framework_key == framework_key), None)
    if starter is None:
        raise NotFound("There is no starter survey for this framework")
    definition = _read(starter.path)
    survey = definitions.create_survey(definition, slug=details.free_slug(definition.slug))
    _record(actor, survey, "survey.created", starter=framework_key)
    return survey


@transactional
def create_from_file(actor: audit.Actor, data: bytes, filename: str) -> Survey:
    """Create a draft survey from an uploaded definition file, or refuse it, writing nothing."""
    definition = definitions.parse(data, filename=filename)
    survey = definitions.create_survey(definition)
    _record(actor, survey, "survey.created", file=filename[:200])
    return survey


def _read(path: Path) -> definitions.SurveyDefinition:
    return definitions.parse(path.read_bytes(), filename=path.name)


def _record(actor: audit.Actor, survey: Survey, action: str, **details: object) -> None:
    audit.record(
        actor, action, subject="survey", subject_id=survey.id, survey_id=survey.id,
        version=survey.version, **details,
    )  # fmt: skip
