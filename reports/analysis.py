"""Per-question and per-principle figures: pure functions from frames to plain dataclasses.

No database, no Flask: the inputs are the small aggregated frames of `reports.frames`.
"""

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from reports.frames import SurveyData


@dataclass(frozen=True)
class OptionRow:
    """One answer of a question with how many chose it."""

    label: str
    count: int
    percentage: float | None


@dataclass(frozen=True)
class QuestionResult:
    """The figures of one question."""

    question_id: int
    position: int
    text: str
    kind: str
    answered: int
    rows: list[OptionRow]

    @property
    def has_options(self) -> bool:
        """Say whether the question's answers were chosen from options."""
        return bool(self.rows)


@dataclass(frozen=True)
class PrincipleSection:
    """One principle of the framework and the questions that serve it."""

    position: int
    title: str
    easy_read_title: str
    questions: list[QuestionResult] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    """Everything the "what we heard" report says, as plain values."""

    title: str
    council_name: str
    framework_title: str
    framework_source: str
    opens_on: date | None
    closes_on: date | None
    responses: int
    people: int
    sections: list[PrincipleSection]
    threshold: int


def report(data: SurveyData, *, council_name: str, threshold: int) -> Report:
    """Return the report of one survey from its frames."""
    results = {row.question_id: question_result(row, data) for row in data.questions.itertuples()}
    sections = []
    for principle in data.principles.itertuples():
        tagged = data.tags.loc[data.tags.principle_id == principle.principle_id, "question_id"]
        questions = sorted((results[q] for q in tagged if q in results), key=lambda r: r.position)
        sections.append(
            PrincipleSection(
                principle.position, principle.title, principle.easy_read_title, questions
            )
        )
    survey = data.survey
    return Report(
        title=survey.title,
        council_name=council_name,
        framework_title=survey.framework_title,
        framework_source=survey.framework_source,
        opens_on=_as_date(survey.opens_on),
        closes_on=_as_date(survey.closes_on),
        responses=int(data.totals.responses),
        people=int(data.totals.people),
        sections=sections,
        threshold=threshold,
    )


def question_result(question, data: SurveyData) -> QuestionResult:
    """Return the counts and percentages of one question, every option listed."""
    totals = data.question_totals.set_index("question_id")
    answered = int(totals.responses.get(question.question_id, 0))
    options = data.options[data.options.question_id == question.question_id]
    counts = data.option_counts[data.option_counts.question_id == question.question_id]
    merged = options.merge(counts[["option_id", "responses"]], on="option_id", how="left")
    merged["responses"] = merged.responses.fillna(0).astype(int)
    rows = [
        OptionRow(
            label=row.label,
            count=row.responses,
            percentage=round(100 * row.responses / answered, 1) if answered else None,
        )
        for row in merged.itertuples()
    ]
    return QuestionResult(
        question_id=int(question.question_id),
        position=int(question.position),
        text=question.text,
        kind=question.kind,
        answered=answered,
        rows=rows,
    )


def _as_date(value) -> date | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
