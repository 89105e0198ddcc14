"""The first guess at how an upload matches a survey, before staff correct it on the preview:
the time, source-id and channel columns by their headers, and each question's column by the
header closest to its wording (numbering like "Q3." and a required "*" ignored). Answers are
matched to options by label as the preview reads them (`mapping.auto_option`).

Service layer, no database writes.
"""

import re
from difflib import SequenceMatcher

from app.models import ImportBatch, Survey
from app.services.imports import provenance
from app.services.imports.mapping import Mapping
from app.services.imports.shapes import ID_HEADERS, TIME_HEADERS, header_key

# How close a header must be to a question's wording (difflib's ratio) to be its column.
CLOSE_ENOUGH = 0.75
_NUMBERING = re.compile(r"^(?:q?[0-9]{1,3}[.):]|q[0-9]{1,3}\b)\s*")
_ASTERISK = re.compile(r"\s*\*$")


def auto_mapping(survey: Survey, batch: ImportBatch) -> Mapping:
    """Return the first guess: columns by question wording, answers by option label."""
    keys = [header_key(header) for header in batch.headers]
    time_column = next((i for i, key in enumerate(keys) if key in TIME_HEADERS), None)
    source_id_column = next((i for i, key in enumerate(keys) if key in ID_HEADERS), None)
    channel_column = provenance.auto_channel_column(batch.headers)
    taken = {c for c in (time_column, source_id_column, channel_column) if c is not None}
    return Mapping(
        time_column,
        _auto_columns(survey, batch.headers, taken),
        {},
        source_id_column=source_id_column,
        channel_column=channel_column,
    )


def _question_key(text: str) -> str:
    return _ASTERISK.sub("", _NUMBERING.sub("", header_key(text)))


def _closeness(header: str, wordings: set[str]) -> float:
    if header in wordings:
        return 1.0
    best = 0.0
    for wording in wordings:
        matcher = SequenceMatcher(None, header, wording, autojunk=False)
        if matcher.real_quick_ratio() >= CLOSE_ENOUGH and matcher.quick_ratio() >= CLOSE_ENOUGH:
            best = max(best, matcher.ratio())
    return best


def _auto_columns(survey: Survey, headers: list[str], taken: set[int]) -> dict[int, int]:
    """Match each question to its closest header; a column answers one question at most."""
    keys = [_question_key(header) for header in headers]
    scored = []
    for question in survey.questions:
        wordings = {_question_key(question.text), _question_key(question.easy_read_text)} - {""}
        for index, key in enumerate(keys):
            score = _closeness(key, wordings) if index not in taken and key else 0.0
            if score >= CLOSE_ENOUGH:
                scored.append((-score, question.position, index, question.id))
    columns: dict[int, int] = {}
    for _score, _position, index, question_id in sorted(scored):
        if question_id not in columns and index not in columns.values():
            columns[question_id] = index
    return columns
