"""Tests for reports.suppression: literal tables plus property tests over random tables."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.suppression import (
    DEFAULT_THRESHOLD,
    SuppressedTable,
    csv_text,
    display_text,
    format_percentage,
    hidden_label,
    percentage_allowed,
    suppress_counts,
    suppress_series,
)

Table = list[list[int]]
Cell = tuple[int, int]
Line = tuple[list[Cell], int, bool]
Constraint = tuple[tuple[int, ...], int]


def hidden_cells(table: SuppressedTable) -> set[Cell]:
    """Return the (row, column) positions of hidden cells."""
    mask = table.hidden.to_numpy()
    return {(i, j) for i in range(mask.shape[0]) for j in range(mask.shape[1]) if mask[i, j]}


def shown(table: SuppressedTable, row: object, column: object) -> str:
    """Return a cell as the report shows it."""
    value = table.counts.loc[row, column]
    return display_text(value, table.is_hidden(row, column), table.threshold)


def in_csv(table: SuppressedTable, row: object, column: object) -> str:
    """Return a cell as the CSV writes it."""
    return csv_text(table.counts.loc[row, column], table.is_hidden(row, column))


# Example tests on literal tables


def test_default_threshold_and_label() -> None:
    assert DEFAULT_THRESHOLD == 10
    assert hidden_label() == "fewer than 10"
    assert hidden_label(5) == "fewer than 5"


@pytest.mark.parametrize("value", range(1, 10))
def test_counts_one_to_nine_are_hidden(value: int) -> None:
    table = suppress_counts([[value, 40, 50], [30, 40, 50]])
    assert table.is_hidden(0, 0)
    assert shown(table, 0, 0) == "fewer than 10"
    assert in_csv(table, 0, 0) == "*"


def test_ten_is_shown() -> None:
    table = suppress_counts([[10, 40], [30, 40]])
    assert not table.hidden.to_numpy().any()
    assert shown(table, 0, 0) == "10"
    assert in_csv(table, 1, 1) == "40"


def test_zero_with_small_row_total_is_hidden() -> None:
    table = suppress_counts(pd.DataFrame({"yes": [4, 30], "no": [0, 25]}, index=["a", "b"]))
    assert table.is_hidden("a", "no")
    assert table.row_total_hidden["a"]


def test_zero_with_big_row_total_is_shown() -> None:
    table = suppress_counts(pd.DataFrame({"yes": [40, 30], "no": [0, 25]}, index=["a", "b"]))
    assert not table.is_hidden("a", "no")
    assert shown(table, "a", "no") == "0"


def test_zero_in_empty_row_is_shown() -> None:
    table = suppress_counts([[0, 0], [30, 25]])
    assert hidden_cells(table) == set()
    assert table.row_totals[0] == 0


def test_single_hidden_cell_forces_a_second_hidden_cell() -> None:
    table = suppress_counts([[3, 20, 12], [15, 25, 30], [16, 26, 31]], show_column_totals=False)
    assert hidden_cells(table) == {(0, 0), (0, 2)}
    assert not table.row_total_hidden[0]
    assert shown(table, 0, 2) == "fewer than 10"


def test_secondary_cascades_across_rows_and_columns() -> None:
    table = suppress_counts([[3, 20, 12], [15, 25, 30], [16, 26, 31]])
    hidden = hidden_cells(table)
    assert {(0, 0), (0, 2)} <= hidden
    for j in range(3):
        assert sum((i, j) in hidden for i in range(3)) in {0, 2, 3}
    for i in range(3):
        assert sum((i, j) in hidden for j in range(3)) in {0, 2, 3}


def test_total_is_hidden_when_no_other_cell_can_be_hidden() -> None:
    table = suppress_counts([[30], [25], [4]])
    assert hidden_cells(table) == {(2, 0), (1, 0)}
    assert table.row_total_hidden[2]
    assert table.row_total_hidden[1]
    assert not table.column_total_hidden[0]


def test_small_totals_and_grand_total_are_hidden() -> None:
    table = suppress_counts([[2, 3], [1, 0]])
    assert table.hidden.to_numpy().all()
    assert table.row_total_hidden.all()
    assert table.column_total_hidden.all()
    assert table.grand_total == 6
    assert table.grand_total_hidden


def test_big_grand_total_is_shown() -> None:
    table = suppress_counts([[20, 30], [40, 50]])
    assert table.grand_total == 140
    assert not table.grand_total_hidden


def test_lone_small_row_total_is_protected_from_subtraction() -> None:
    table = suppress_counts([[3, 0], [20, 25], [15, 12]])
    row_hidden = table.row_total_hidden.tolist()
    assert row_hidden[0]
    assert sum(row_hidden) >= 2


def test_the_display_frame_has_the_totals_that_are_switched_on() -> None:
    counts = pd.DataFrame({"yes": [3, 20], "no": [12, 25]}, index=["a", "b"])
    table = suppress_counts(counts, show_column_totals=False)
    assert table.display_frame().loc["a"].tolist() == ["fewer than 10"] * 2 + ["15"]
    assert table.display_frame().loc["b"].tolist() == ["20", "25", "45"]
    assert "Total" not in table.display_frame().index


def test_display_text_uses_thousands_separator() -> None:
    assert display_text(1234, hidden=False) == "1,234"
    assert display_text(1234, hidden=True, threshold=5) == "fewer than 5"
    assert csv_text(1234, hidden=False) == "1234"
    assert csv_text(1234, hidden=True) == "*"


def test_input_is_not_mutated() -> None:
    counts = pd.DataFrame({"yes": [3, 20], "no": [0, 25]}, index=["a", "b"])
    before = counts.copy()
    table = suppress_counts(counts)
    pd.testing.assert_frame_equal(counts, before)
    table.counts.iloc[0, 0] = 99
    pd.testing.assert_frame_equal(counts, before)
    rows = [[3, 20], [0, 25]]
    suppress_counts(rows)
    assert rows == [[3, 20], [0, 25]]


def test_threshold_five_works() -> None:
    assert hidden_cells(suppress_counts([[5, 9], [20, 20]], threshold=5)) == set()
    assert hidden_cells(suppress_counts([[5, 9], [20, 20]])) >= {(0, 0), (0, 1)}
    table = suppress_counts([[4, 30, 30], [20, 20, 20]], threshold=5, show_column_totals=False)
    assert hidden_cells(table) == {(0, 0), (0, 1)}
    assert shown(table, 0, 0) == "fewer than 5"


@pytest.mark.parametrize("threshold", [4, 11, 0, -1, 10.5, True])
def test_threshold_outside_five_to_ten_raises(threshold: object) -> None:
    with pytest.raises(ValueError, match="threshold"):
        suppress_counts([[20, 30]], threshold=threshold)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="threshold"):
        hidden_label(threshold)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ([[1, -2]], "negative"),
        ([[1.5, 2]], "whole number"),
        ([[float("nan"), 2]], "whole number"),
        ([["3", 2]], "whole number"),
        ([[True, 2]], "whole number"),
        ([[1, 2], [3]], "same number"),
        ([], "empty"),
    ],
)
def test_bad_counts_raise(counts: list[list[object]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        suppress_counts(counts)  # type: ignore[arg-type]


def test_whole_floats_are_accepted() -> None:
    table = suppress_counts(pd.DataFrame({"a": [20.0, 30.0]}))
    assert table.counts["a"].tolist() == [20, 30]


def test_duplicate_labels_raise() -> None:
    with pytest.raises(ValueError, match="unique"):
        suppress_counts(pd.DataFrame([[20, 30]], columns=["a", "a"]))


def test_suppress_series_hides_small_option_and_its_partner() -> None:
    counts = pd.Series({"Yes": 3, "No": 20, "Not sure": 0}, name="Q1")
    table = suppress_series(counts)
    assert table.hidden["Q1"].tolist() == [True, True, False]
    assert shown(table, "Not sure", "Q1") == "0"
    assert table.column_totals["Q1"] == 23
    assert not table.column_total_hidden["Q1"]
    # Shown numbers are published rounded to the nearest 5: the total of 23 reads 25.
    assert table.display_frame()["Q1"].tolist() == ["fewer than 10"] * 2 + ["0", "25"]
    assert counts.tolist() == [3, 20, 0]


def test_suppress_series_with_small_total_hides_everything() -> None:
    table = suppress_series(pd.Series([4, 0, 2]))
    assert table.hidden.to_numpy().all()
    assert table.column_total_hidden.all()
    assert table.display_frame().iloc[:, 0].tolist() == ["fewer than 10"] * 4


def test_suppress_series_rejects_non_series() -> None:
    with pytest.raises(ValueError, match="Series"):
        suppress_series([1, 2])  # type: ignore[arg-type]


def test_percentages() -> None:
    assert percentage_allowed(10)
    assert not percentage_allowed(9)
    assert percentage_allowed(5, threshold=5)
    assert format_percentage(21, 50) == "42%"
    assert format_percentage(1, 8) is None
    assert format_percentage(0, 40) == "0%"
    assert format_percentage(3, 40) is None
    assert format_percentage(30, 40, hidden=True) is None
    assert format_percentage(1, 8, threshold=5) is None
    assert format_percentage(5, 8, threshold=5) == "63%"
    with pytest.raises(ValueError, match="more than"):
        format_percentage(5, 4)
    with pytest.raises(ValueError, match="negative"):
        format_percentage(-1, 40)


# Property tests over random tables

small_weighted = st.one_of(st.integers(0, 9), st.integers(0, 40))


@st.composite
def tables(draw: st.DrawFn, max_side: int, counts: st.SearchStrategy[int]) -> Table:
    """Draw a rectangular table of counts."""
    n_rows = draw(st.integers(1, max_side))
    n_cols = draw(st.integers(1, max_side))
    row = st.lists(counts, min_size=n_cols, max_size=n_cols)
    return draw(st.lists(row, min_size=n_rows, max_size=n_rows))


@settings(max_examples=300, deadline=None)
@given(
    counts=tables(5, small_weighted),
    threshold=st.integers(5, 10),
    show_rows=st.booleans(),
    show_columns=st.booleans(),
)
def test_no_small_number_is_visible(
    counts: Table, threshold: int, show_rows: bool, show_columns: bool
) -> None:
    table = suppress_counts(
        counts, threshold=threshold, show_row_totals=show_rows, show_column_totals=show_columns
    )
    values = table.counts.to_numpy()
    visible = values[~table.hidden.to_numpy()]
    assert not ((visible >= 1) & (visible < threshold)).any()
    for totals, mask in [
        (table.row_totals, table.row_total_hidden),
        (table.column_totals, table.column_total_hidden),
    ]:
        shown = totals[~mask]
        assert not ((shown >= 1) & (shown < threshold)).any()
    if not table.grand_total_hidden:
        assert not 1 <= table.grand_total < threshold


@settings(max_examples=300, deadline=None)
@given(counts=tables(5, small_weighted), threshold=st.integers(5, 10))
def test_lines_with_visible_totals_have_zero_or_two_plus_hidden_cells(
    counts: Table, threshold: int
) -> None:
    table = suppress_counts(counts, threshold=threshold)
    hidden = hidden_cells(table)
    for cells, _, off in lines_of(table)[:-1]:
        assert off or sum(cell in hidden for cell in cells) != 1


@settings(max_examples=100, deadline=None)
@given(counts=tables(5, small_weighted))
def test_input_frame_is_never_mutated(counts: Table) -> None:
    frame = pd.DataFrame(counts)
    before = frame.copy()
    suppress_counts(frame)
    pd.testing.assert_frame_equal(frame, before)


def feasible(n_vars: int, constraints: Sequence[Constraint]) -> bool:
    """Say whether whole numbers >= 0 for n_vars unknowns can meet every (unknowns, sum) rule."""
    uses = [[k for k, (names, _) in enumerate(constraints) if i in names] for i in range(n_vars)]
    remaining = [rhs for _, rhs in constraints]
    open_count = [len(names) for names, _ in constraints]

    def search(i: int) -> bool:
        if i == n_vars:
            return all(r == 0 for r in remaining)
        if not uses[i]:
            return search(i + 1)
        top = min(remaining[k] for k in uses[i])
        forced = {remaining[k] for k in uses[i] if open_count[k] == 1}
        if len(forced) > 1 or (forced and max(forced) > top):
            return False
        for value in forced or range(top + 1):
            for k in uses[i]:
                remaining[k] -= value
                open_count[k] -= 1
            found = search(i + 1)
            for k in uses[i]:
                remaining[k] += value
                open_count[k] += 1
            if found:
                return True
        return False

    return all(r >= 0 for r in remaining) and search(0)


def lines_of(table: SuppressedTable) -> list[Line]:
    """Return every row, every column and the whole table, each with its total and mask."""
    n_rows, n_cols = table.counts.shape
    rows = [
        ([(i, j) for j in range(n_cols)], table.row_totals.iloc[i], table.row_total_hidden.iloc[i])
        for i in range(n_rows)
    ]
    cols = [
        (
            [(i, j) for i in range(n_rows)],
            table.column_totals.iloc[j],
            table.column_total_hidden.iloc[j],
        )
        for j in range(n_cols)
    ]
    everything = [(i, j) for i in range(n_rows) for j in range(n_cols)]
    return [*rows, *cols, (everything, table.grand_total, table.grand_total_hidden)]


def reader_rules(table: SuppressedTable, index: dict[Cell, int]) -> list[Constraint]:
    """Return what a reader knows: for each visible total, what its hidden cells add up to."""
    values, hidden = table.counts.to_numpy(), table.hidden.to_numpy()
    rules = []
    for cells, total, off in lines_of(table):
        if not off:
            known = sum(int(values[c]) for c in cells if not hidden[c])
            rules.append((tuple(index[c] for c in cells if hidden[c]), int(total) - known))
    return rules


def can_differ(n_vars: int, known: list[Constraint], names: tuple[int, ...], true: int) -> bool:
    """Say whether the sum of the named unknowns could be other than its true value.

    The rules form a network-flow system, so the possible values form an unbroken range and
    checking one step either side of the true value is enough.
    """
    return any(
        value >= 0 and feasible(n_vars, [*known, (names, value)]) for value in (true - 1, true + 1)
    )


@settings(max_examples=250, deadline=None)
@given(counts=tables(3, st.integers(0, 12)), threshold=st.integers(5, 10))
def test_no_hidden_number_can_be_worked_out(counts: Table, threshold: int) -> None:
    table = suppress_counts(counts, threshold=threshold)
    values = table.counts.to_numpy()
    index = {cell: k for k, cell in enumerate(sorted(hidden_cells(table)))}
    rules = reader_rules(table, index)
    for cell, k in index.items():
        assert can_differ(len(index), rules, (k,), int(values[cell])), cell
    for cells, _, off in lines_of(table):
        if off:
            names = tuple(index[c] for c in cells if c in index)
            hidden_sum = sum(int(values[c]) for c in cells if c in index)
            assert can_differ(len(index), rules, names, hidden_sum), cells


def test_hiding_whole_rows_hides_a_row_with_any_hidden_cell_and_nothing_else():
    counts = pd.DataFrame({"responses": [30, 4, 25], "people": [30, 12, 40]})
    table = suppress_counts(counts, show_row_totals=False).hiding_whole_rows()
    assert table.is_hidden(1, "responses")
    assert table.is_hidden(1, "people")
    assert not table.is_hidden(0, "people")
    assert counts.equals(pd.DataFrame({"responses": [30, 4, 25], "people": [30, 12, 40]}))
