"""Survey definition files: a survey as a versioned YAML or JSON file, checked and given back.

`parse` turns a file into a `SurveyDefinition` (plain frozen dataclasses) or refuses it with
`DefinitionRefused`, whose problems name the line and the field in plain words; `validate`
checks a definition built in code the same way; `create_survey` writes one as a draft survey
in one transaction; `export` gives a survey back as a file that imports to the same survey.
Only `create_survey` and `export` touch the database. The schema is in
docs/survey-definition.md.
"""

from app.services.definitions.building import build
from app.services.definitions.checks import FrameworkFacts, validate
from app.services.definitions.exporting import definition_of, dump, export, to_mapping
from app.services.definitions.reading import read
from app.services.definitions.schema import (
    MAX_FILE_BYTES,
    MAX_OPTIONS,
    MAX_QUESTIONS,
    SCHEMA_VERSION,
    BranchDefinition,
    DefinitionRefused,
    OptionDefinition,
    Problem,
    QuestionDefinition,
    SurveyDefinition,
)
from app.services.definitions.slugs import slugify
from app.services.definitions.writing import create_survey


def parse(text: str | bytes, *, filename: str) -> SurveyDefinition:
    """Return the definition in a survey file, or refuse it with every problem found."""
    definition = build(read(text, filename=filename))
    problems = validate(definition)
    if problems:
        raise DefinitionRefused(problems)
    return definition


__all__ = [
    "MAX_FILE_BYTES",
    "MAX_OPTIONS",
    "MAX_QUESTIONS",
    "SCHEMA_VERSION",
    "BranchDefinition",
    "DefinitionRefused",
    "FrameworkFacts",
    "OptionDefinition",
    "Problem",
    "QuestionDefinition",
    "SurveyDefinition",
    "create_survey",
    "definition_of",
    "dump",
    "export",
    "parse",
    "slugify",
    "to_mapping",
    "validate",
]
