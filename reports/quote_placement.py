"""Print each quote once in a report: in the first principle its question serves.

Part of the reporting layer; pure Python, no Flask. A question tagged to two principles appears
in both sections of the report, and so did its quotes, so a resident's words were printed
twice. `place_quotes_once` keeps the quotes in the first section and, in the later ones, leaves
a reference to that section instead (`QuestionResult.quotes_in_section`).
"""

from __future__ import annotations

from dataclasses import replace

from reports.content import PrincipleSection


def place_quotes_once(sections: list[PrincipleSection]) -> list[PrincipleSection]:
    """Return the sections with each question's quotes in its first section only."""
    first: dict[int, int] = {}
    placed = []
    for section in sections:
        questions = []
        for result in section.questions:
            shown_in = first.setdefault(result.question_id, section.position)
            if shown_in != section.position and result.quotes:
                result = replace(result, quotes=[], quotes_in_section=shown_in)
            questions.append(result)
        placed.append(replace(section, questions=questions))
    return placed
