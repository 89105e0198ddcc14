"""Easy-read checks for what a lead writes: pure functions over plain text and dataclasses (no
Flask, no database) that return Findings, each with its docs/accessibility.md rule, plain words
for the lead and, where one exists, a one-click replacement (`apply_suggestion`). Errors block
opening a survey; warnings can be accepted. Errors are kept to what is certain and what a lead
can always fix: easy-read words missing for the title, the introduction or a question (E13),
more than 8 answers on one page (E12), and a question that asks two things (E2: two questions
in one text, a second question joined on by "and" / "or", or "and" in a yes / no question such
as "Do you feel safe and happy?"). Everything that depends on context is a warning: sentences
over 15 words (E1), "and" in an open question (E2), capitals or italics for emphasis (E4), a
question or answer without a picture (E5), hard words and initials from `plain_words.yaml`
(E7: a listed word can be right in its place, and is not flagged when the next sentence
explains it), numbers as words and percentages (E10). The reading-ease figure from textstat is
information shown beside the findings, never a finding. `from_models` builds the inputs from
saved surveys.
"""

from app.services.easy_read_checks.checks import (
    check_question,
    check_survey,
    check_text,
    question_reading_ease,
    survey_reading_ease,
)
from app.services.easy_read_checks.findings import ERROR, WARNING, Finding, place
from app.services.easy_read_checks.hard_words import apply_suggestion
from app.services.easy_read_checks.inputs import OptionText, QuestionText, SurveyText
from app.services.easy_read_checks.reading_ease import describe, reading_ease

__all__ = [
    "ERROR",
    "WARNING",
    "Finding",
    "OptionText",
    "QuestionText",
    "SurveyText",
    "apply_suggestion",
    "check_question",
    "check_survey",
    "check_text",
    "describe",
    "place",
    "question_reading_ease",
    "reading_ease",
    "survey_reading_ease",
]
