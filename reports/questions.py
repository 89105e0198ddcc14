"""Per-question figures: counts, percentages and averages, every number suppressed first.

Pure functions from the small frames of `reports.frames` to `QuestionResult`s. A percentage
or an average is given only when enough responses answered and the count itself is shown.
No Flask, no `app` imports.
"""

from typing import Any

import pandas as pd

from reports import suppression
from reports.answer_counts import NUMBER_BINS
from reports.content import (
    Count,
    OptionRow,
    QuestionResult,
    ThemeResult,
    single_count,
    visible_counts,
)
from reports.frames import ABOUT_YOU, SurveyData

# Kinds where each response chooses exactly one option, so the counts add up to the total.
ONE_ANSWER_KINDS = frozenset({"single_choice", "yes_no", "smiley_scale"})
# Kinds whose answers run in order from good to bad, so neighbours can be added together.
ORDERED_KINDS = frozenset({"smiley_scale"})


def question_results(data: SurveyData, threshold: int) -> dict[int, QuestionResult]:
    """Return the result of every question of the survey, keyed by question id."""
    answered = data.question_totals.set_index("question_id").responses
    return {
        int(question.question_id): question_result(
            question, int(answered.get(question.question_id, 0)), data, threshold
        )
        for question in data.questions.itertuples()
    }


def question_result(
    question: Any, answered: int, data: SurveyData, threshold: int
) -> QuestionResult:
    """Return the suppressed figures of one question (a row of the questions frame)."""
    common = {
        "question_id": int(question.question_id),
        "position": int(question.position),
        "text": question.text,
        "easy_read_text": question.easy_read_text or question.text,
        "kind": str(question.kind),
        "picture_key": question.picture_key or "question",
    }
    if question.kind == "free_text":
        question_id = int(question.question_id)
        quotes = [] if question.section == ABOUT_YOU else quotes_of(data, question_id)
        return QuestionResult(
            **common,
            answered=single_count(answered, threshold),
            themes=theme_results(data, question_id, threshold),
            quotes=quotes,
        )
    if question.kind == "whole_number":
        return _number_result(common, data, threshold)
    return _option_result(common, answered, data, threshold)


def _option_result(common: dict, answered: int, data: SurveyData, threshold: int) -> QuestionResult:
    question_id = common["question_id"]
    options = data.options[data.options.question_id == question_id]
    chosen = data.option_counts[data.option_counts.question_id == question_id].set_index(
        "option_id"
    )
    counts = _per_option(chosen.responses, options)
    one_answer = common["kind"] in ONE_ANSWER_KINDS
    cells, total = visible_counts(counts, threshold, adds_up=one_answer)
    people_cells, people_total = visible_counts(
        _per_option(chosen.get("people", chosen.responses), options),
        threshold,
        adds_up=one_answer,
    )
    answered_count = total if one_answer else single_count(answered, threshold)
    if not one_answer:
        people_total = single_count(_people_answered(data, question_id, answered), threshold)
    rows = [
        OptionRow(
            label=option.label,
            easy_read_label=option.easy_read_label or option.label,
            count=cell,
            percentage=percentage(cell, answered_count),
            picture_key=option.picture_key or "",
            # A group's people beside a hidden count would give the count away, and back.
            people=Count(None, threshold) if cell.hidden else people,
        )
        for option, cell, people in zip(options.itertuples(), cells, people_cells, strict=True)
    ]
    balance = []
    if common["kind"] in ORDERED_KINDS:
        balance = balance_rows(options, counts, threshold, answered_count)
    return QuestionResult(
        **common,
        answered=answered_count,
        rows=rows,
        balance=balance,
        people_answered=Count(None, threshold) if answered_count.hidden else people_total,
    )


def _per_option(counts: pd.Series, options: pd.DataFrame) -> pd.Series:
    return counts.reindex(options.option_id, fill_value=0).fillna(0).astype("int64")


def _people_answered(data: SurveyData, question_id: int, answered: int) -> int:
    totals = data.question_totals.set_index("question_id")
    if "people" not in totals or question_id not in totals.index:
        return answered
    return int(totals.at[question_id, "people"])


def balance_rows(
    options: pd.DataFrame, counts: pd.Series, threshold: int, answered: Count | None = None
) -> list[OptionRow]:
    """Return an ordered question's answers added into good, middle and bad, then suppressed.

    Statistical offices add neighbouring answers together before hiding small numbers, so that
    "Sad: fewer than 10" and "Very sad: fewer than 10" can still read "Sad or very sad: 15".
    The first half of the answers is good, the last half bad, and an odd one in the middle.
    Only small groups are hidden: a small middle must not hide the bad answers with it. A
    group worked out from the question's total and the other groups is only known to within
    the rounding of each (tests/reports/test_subtraction.py checks it).
    """
    labels = list(options.label)
    easy = [e or label for e, label in zip(options.easy_read_label, labels, strict=True)]
    values = [int(value) for value in counts]
    groups = [group for group in balance_groups(len(values)) if len(group)]
    sums = pd.Series([sum(values[i] for i in group) for group in groups])
    cells, _ = visible_counts(sums, threshold, adds_up=False)
    total = answered or Count.published(int(sums.sum()), False, threshold)
    return [
        OptionRow(
            label=_either(labels, group),
            easy_read_label=_either(easy, group),
            count=cell,
            percentage=percentage(cell, total),
        )
        for group, cell in zip(groups, cells, strict=True)
    ]


def balance_groups(answers: int) -> list[range]:
    """Return the positions of the good, middle and bad answers of an ordered question.

    The first half is good (nearest the middle first), the last half bad, and an odd one in
    the middle; the middle is empty when the number of answers is even.
    """
    half = answers // 2
    return [
        range(half - 1, -1, -1),
        range(half, answers - half),
        range(answers - half, answers),
    ]


def _either(labels: list[str], group: range) -> str:
    """Return answers as one: "Sad or very sad" (the one nearest the middle first)."""
    words = [labels[i] for i in group]
    return " or ".join([words[0], *(word[:1].lower() + word[1:] for word in words[1:])])


def _number_result(common: dict, data: SurveyData, threshold: int) -> QuestionResult:
    question_id = common["question_id"]
    bins = data.number_bins[data.number_bins.question_id == question_id]
    counts = (
        bins.set_index("bin")
        .responses.reindex(range(len(NUMBER_BINS)), fill_value=0)
        .fillna(0)
        .astype("int64")
    )
    cells, answered = visible_counts(counts, threshold)
    rows = [
        OptionRow(label, label, cell, percentage(cell, answered))
        for (label, _, _), cell in zip(NUMBER_BINS, cells, strict=True)
    ]
    means = data.number_means.set_index("question_id")["mean"]
    mean = None
    if answered.allows_percentages and question_id in means.index:
        mean = f"{float(means[question_id]):.1f}"
    return QuestionResult(
        **common, answered=answered, rows=rows, row_heading="Number given", mean=mean
    )


def percentage(count: Count, answered: Count) -> str | None:
    """Return a count as a percentage of the responses that answered, when it may be shown."""
    if count.hidden or answered.hidden:
        return None
    value = count.value or 0
    return suppression.format_percentage(
        value, max(answered.value or 0, value), count.threshold, hidden=False
    )


def theme_results(data: SurveyData, question_id: int, threshold: int) -> list[ThemeResult]:
    """Return the themes staff found in one question's free-text answers, with their quotes."""
    themes = data.themes[data.themes.question_id == question_id]
    if themes.empty:
        return []
    cells, _ = visible_counts(themes.answers, threshold, adds_up=False)
    return [
        ThemeResult(name=theme.name, answers=cell)
        for theme, cell in zip(themes.itertuples(), cells, strict=True)
    ]


def quotes_of(data: SurveyData, question_id: int) -> list[str]:
    """Return the approved, redacted quotes of one question."""
    return [str(text) for text in data.quotes.loc[data.quotes.question_id == question_id, "text"]]
