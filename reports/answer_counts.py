"""One pass over the answers, split into the small frames the analysis reads.

The database counts answer rows once per question, option and band of whole numbers
(`frames.answer_counts_frame`); this module splits that into option counts, number bands,
averages and how many responses answered each question. Only multiple-choice questions need a
count of distinct responses, because a response has one answer row per option it chose.
Pure pandas: no database, no Flask, no `app` imports.
"""

import pandas as pd

OPTION_COUNT_COLUMNS = ["question_id", "option_id", "responses", "people"]
QUESTION_TOTAL_COLUMNS = ["question_id", "responses", "people"]
NUMBER_BIN_COLUMNS = ["question_id", "bin", "responses"]
NUMBER_MEAN_COLUMNS = ["question_id", "mean"]
# Whole-number answers are counted in these bands: (label, lowest, highest or None).
NUMBER_BINS = [
    ("0", 0, 0), ("1 or 2", 1, 2), ("3 to 5", 3, 5), ("6 to 10", 6, 10), ("More than 10", 11, None),
]  # fmt: skip


def split(counts: pd.DataFrame, multiple_choice_totals: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Return option counts, number bands, averages and question totals from one count."""
    counts = counts.copy()
    counts["answers"] = counts.answers.astype("int64")
    # The people a response speaks for (a group's answer counts everyone in the group).
    people = counts.people if "people" in counts else counts.answers
    counts["people"] = people.fillna(counts.answers).astype("int64")
    return {
        "option_counts": option_counts(counts),
        "number_bins": number_bins(counts),
        "number_means": number_means(counts),
        "question_totals": question_totals(counts, multiple_choice_totals),
    }


def option_counts(counts: pd.DataFrame) -> pd.DataFrame:
    """Return how many responses chose each option."""
    chosen = counts[counts.option_id.notna()]
    frame = chosen.groupby(["question_id", "option_id"], as_index=False)[
        ["answers", "people"]
    ].sum()
    frame = frame.rename(columns={"answers": "responses"})
    return frame.astype({"question_id": "int64", "option_id": "int64"})[OPTION_COUNT_COLUMNS]


def number_bins(counts: pd.DataFrame) -> pd.DataFrame:
    """Return how many whole-number answers fall in each band."""
    banded = counts[counts.band.notna()]
    frame = banded.groupby(["question_id", "band"], as_index=False).answers.sum()
    frame = frame.rename(columns={"band": "bin", "answers": "responses"})
    return frame.astype({"question_id": "int64", "bin": "int64"})[NUMBER_BIN_COLUMNS]


def number_means(counts: pd.DataFrame) -> pd.DataFrame:
    """Return the average whole-number answer of each question."""
    banded = counts[counts.band.notna()].astype({"number_sum": "float64"})
    sums = banded.groupby("question_id", as_index=False)[["number_sum", "answers"]].sum()
    sums["mean"] = sums.number_sum / sums.answers
    return sums.astype({"question_id": "int64"})[NUMBER_MEAN_COLUMNS]


def question_totals(counts: pd.DataFrame, multiple_choice: pd.DataFrame) -> pd.DataFrame:
    """Return how many responses answered each question.

    Every other kind has one answer row per response, so its rows are its responses.
    """
    rows = counts.groupby("question_id")[["answers", "people"]].sum()
    rows = rows.rename(columns={"answers": "responses"})
    if "people" not in multiple_choice:
        multiple_choice = multiple_choice.assign(people=multiple_choice.responses)
    distinct = multiple_choice.set_index("question_id")[["responses", "people"]].astype("int64")
    rows.update(distinct)
    frame = rows.reset_index()
    kinds = {"question_id": "int64", "responses": "int64", "people": "int64"}
    return frame.astype(kinds)[QUESTION_TOTAL_COLUMNS]
