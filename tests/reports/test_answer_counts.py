"""Splitting the one-pass answer count into the frames the analysis reads (literal frames)."""

import pandas as pd

from reports.answer_counts import split
from reports.frames import ANSWER_COUNT_COLUMNS

# Question 1: single choice; 2: multiple choice; 3: whole number; 4: free text.
COUNTS = pd.DataFrame(
    [
        (1, 11, None, 30, None, 34),
        (1, 12, None, 12, None, 12),
        (2, 21, None, 25, None, 25),
        (2, 22, None, 20, None, 20),
        (3, None, 0, 4, 0, 4),
        (3, None, 1, 6, 9, 6),
        (3, None, 4, 2, 30, 2),
        (4, None, None, 17, None, 17),
    ],
    columns=ANSWER_COUNT_COLUMNS,
)
MULTIPLE = pd.DataFrame([(2, 33, 40)], columns=["question_id", "responses", "people"])


def test_options_bands_and_averages_come_from_one_count():
    frames = split(COUNTS, MULTIPLE)
    assert frames["option_counts"].to_dict("records") == [
        {"question_id": 1, "option_id": 11, "responses": 30, "people": 34},
        {"question_id": 1, "option_id": 12, "responses": 12, "people": 12},
        {"question_id": 2, "option_id": 21, "responses": 25, "people": 25},
        {"question_id": 2, "option_id": 22, "responses": 20, "people": 20},
    ]
    assert frames["number_bins"].to_dict("records") == [
        {"question_id": 3, "bin": 0, "responses": 4},
        {"question_id": 3, "bin": 1, "responses": 6},
        {"question_id": 3, "bin": 4, "responses": 2},
    ]
    assert frames["number_means"].to_dict("records") == [{"question_id": 3, "mean": 39 / 12}]


def test_multiple_choice_totals_count_responses_not_answer_rows():
    totals = split(COUNTS, MULTIPLE)["question_totals"]
    assert dict(zip(totals.question_id, totals.responses, strict=True)) == {
        1: 42,
        2: 33,
        3: 12,
        4: 17,
    }
    # A group's answer counts everyone in the group: 30 responses from 34 people chose 11.
    assert dict(zip(totals.question_id, totals.people, strict=True)) == {
        1: 46,
        2: 40,
        3: 12,
        4: 17,
    }


def test_a_survey_without_answers_gives_empty_frames():
    frames = split(
        pd.DataFrame(columns=ANSWER_COUNT_COLUMNS),
        pd.DataFrame(columns=["question_id", "responses"]),
    )
    assert all(frame.empty for frame in frames.values())
    assert list(frames["option_counts"].columns) == [
        "question_id",
        "option_id",
        "responses",
        "people",
    ]
