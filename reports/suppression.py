"""Hide small numbers in report tables: the only place that does it.

Every count that a "what we heard" report shows goes through this module first, so that nobody
can be picked out from a small number. It is pure Python and pandas: it must not import Flask or
anything from ``app.*``.

Rules, for a threshold ``t`` between 5 and 10 (10 unless told otherwise):

* Primary: a count from 1 to ``t - 1`` is hidden. A 0 is hidden when its row total is from 1 to
  ``t - 1`` ("none of the 4 people in this group said yes" gives away the other answer). A 0 in
  an empty row (total 0) is shown, because there is nobody to pick out. Totals from 1 to ``t - 1``
  are hidden too, and so is the grand total.
* Secondary: the table is read as lines, each adding up to a total: every row (if row totals are
  shown), every column (if column totals are shown), the row totals (adding up to the grand
  total) and the column totals (likewise). In a line whose total is visible, the hidden numbers
  must be at least two and must add up to at least ``t``, so no hidden number can be worked out by
  subtraction and their sum never gives away a small number. Otherwise the smallest visible
  non-zero number in the line is hidden too (ties go to the first one); if there is none, the
  line's total is hidden. In a line whose total is hidden, at least one number must be hidden, or
  the total could be worked out by adding up. This repeats until nothing changes.

Every hidden number is shown with the same words, ``hidden_label(t)``, so readers cannot tell which
numbers were hidden for being small and which were hidden to protect them.

Rounding: every number that is shown is then published rounded to the nearest 5 (``published``),
by the 10/5 rule of the ONS ``cell-key-perturbation`` package (its perturbation table: a count
under 10 is dropped, any other moves to the nearest multiple of 5). Suppression alone protects
one table; two reports of nearly the same responses (``?to=`` one day earlier) would give a
hidden number away by subtraction. Rounded, the difference of two reports is only known to
within a few people either way, so no hidden number can be worked out exactly
(docs/reporting-method.md).
"""

from __future__ import annotations

import dataclasses
import functools
import numbers
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from cell_key_perturbation.utils.generate_test_ptable import generate_ptable_10_5_rule

DEFAULT_THRESHOLD = 10
MIN_THRESHOLD = 5
MAX_THRESHOLD = 10
CSV_HIDDEN = "*"
ROUNDING_BASE = 5
# The ONS table covers counts up to 750; larger ones reuse its rows 501 to 750, as the package does.
_TABLE_TOP, _TABLE_REUSE = 750, 250

_Cell = tuple[int, int]
_Line = tuple[list[_Cell], _Cell]
_Render = Callable[[int, bool], str]


def check_threshold(threshold: int) -> int:
    """Return the threshold, or raise ValueError unless it is a whole number from 5 to 10."""
    if isinstance(threshold, bool) or not isinstance(threshold, numbers.Integral):
        raise ValueError(f"threshold must be a whole number, not {threshold!r}")
    if not MIN_THRESHOLD <= threshold <= MAX_THRESHOLD:
        raise ValueError(
            f"threshold must be from {MIN_THRESHOLD} to {MAX_THRESHOLD}, not {threshold}"
        )
    return int(threshold)


def hidden_label(threshold: int = DEFAULT_THRESHOLD) -> str:
    """Return the words shown instead of a hidden number, e.g. "fewer than 10"."""
    return f"fewer than {check_threshold(threshold)}"


@functools.cache
def _ons_perturbations() -> dict[int, int]:
    """Return the ONS 10/5 rule's change to each count (the same for every cell key)."""
    table = generate_ptable_10_5_rule(max_pcv=_TABLE_TOP, key_range=0)
    return {int(pcv): int(change) for pcv, change in zip(table.pcv, table.pvalue, strict=True)}


def published(value: int) -> int:
    """Return a count that may be shown as it is published: rounded to the nearest 5.

    0 stays 0. Counts from 5 to 9 are shown only when the threshold is under 10; the ONS table
    would drop them, so they go to the nearest 5 the same way (5 to 7 become 5, 8 and 9 become 10).
    """
    value = _whole(value, "count")
    if value < 10:
        return ROUNDING_BASE * ((value + 2) // ROUNDING_BASE)
    row = (
        value if value <= _TABLE_TOP else (value - 1) % _TABLE_REUSE + _TABLE_TOP - _TABLE_REUSE + 1
    )
    return value + _ons_perturbations()[row]


def display_text(value: int, hidden: bool, threshold: int = DEFAULT_THRESHOLD) -> str:
    """Return a number as report text, or the hidden label if it is hidden."""
    return hidden_label(threshold) if hidden else f"{int(value):,}"


def csv_text(value: int, hidden: bool) -> str:
    """Return a number as CSV text, or "*" if it is hidden."""
    return CSV_HIDDEN if hidden else str(int(value))


def percentage_allowed(n: int, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """Say whether a percentage or average may be given for a group of n people."""
    return n >= check_threshold(threshold)


def format_percentage(
    count: int, n: int, threshold: int = DEFAULT_THRESHOLD, *, hidden: bool = False
) -> str | None:
    """Return count as a whole percentage of n, e.g. "42%", or None if it must not be shown.

    Pass ``hidden=True`` when the count is hidden in its table: its percentage would give it away.
    """
    count, n = _whole(count, "count"), _whole(n, "n")
    if count > n:
        raise ValueError(f"count ({count}) cannot be more than n ({n})")
    if hidden or not percentage_allowed(n, threshold) or 0 < count < threshold:
        return None
    return f"{(200 * count + n) // (2 * n)}%"


@dataclass(frozen=True, eq=False)
class SuppressedTable:
    """A table of counts with the cells and totals that must be hidden.

    Masks are True where the number must not be published. Totals that are switched off are
    marked hidden as well, so they are never shown by mistake.
    """

    counts: pd.DataFrame
    hidden: pd.DataFrame
    row_totals: pd.Series
    row_total_hidden: pd.Series
    column_totals: pd.Series
    column_total_hidden: pd.Series
    grand_total: int
    grand_total_hidden: bool
    threshold: int = DEFAULT_THRESHOLD
    show_row_totals: bool = True
    show_column_totals: bool = True

    def is_hidden(self, row: Hashable, column: Hashable) -> bool:
        """Say whether the cell at (row, column) is hidden."""
        return bool(self.hidden.loc[row, column])

    def hiding_whole_rows(self) -> SuppressedTable:
        """Return the table with every row that has a hidden cell hidden whole.

        For rows whose numbers mirror each other (responses and the people they speak for are
        often equal), showing one would give the hidden other away. This only hides more.
        """
        hidden = self.hidden.copy()
        hidden.loc[self.hidden.any(axis=1), :] = True
        return dataclasses.replace(self, hidden=hidden)

    def display_frame(self, total_label: str = "Total") -> pd.DataFrame:
        """Return the table as report text, rounded, with the totals that are switched on."""

        def render(value: int, hidden: bool) -> str:
            return display_text(0 if hidden else published(value), hidden, self.threshold)

        frame = pd.DataFrame(
            [
                [render(v, h) for v, h in zip(values, mask, strict=True)]
                for values, mask in zip(self.counts.to_numpy(), self.hidden.to_numpy(), strict=True)
            ],
            index=self.counts.index,
            columns=self.counts.columns,
        )
        if self.show_row_totals:
            frame[total_label] = _render_all(render, self.row_totals, self.row_total_hidden)
        if self.show_column_totals:
            row = _render_all(render, self.column_totals, self.column_total_hidden)
            if self.show_row_totals:
                row.append(render(self.grand_total, self.grand_total_hidden))
            frame.loc[total_label] = row
        return frame


def _render_all(render: _Render, values: pd.Series, mask: pd.Series) -> list[str]:
    return [render(v, h) for v, h in zip(values, mask, strict=True)]


def suppress_counts(
    counts: pd.DataFrame | Iterable[Iterable[int]],
    *,
    threshold: int = DEFAULT_THRESHOLD,
    show_row_totals: bool = True,
    show_column_totals: bool = True,
) -> SuppressedTable:
    """Hide the small numbers in a table of counts (rows are groups, columns are answers)."""
    threshold = check_threshold(threshold)
    frame = _validated_frame(counts)
    values = _extended(frame.to_numpy(dtype=np.int64))
    hidden = _primary_mask(values, threshold)
    lines = _lines(frame.shape, rows=show_row_totals, columns=show_column_totals)
    _apply_secondary(values, hidden, lines, threshold)
    return _build_table(frame, values, hidden, threshold, show_row_totals, show_column_totals)


def suppress_series(counts: pd.Series, *, threshold: int = DEFAULT_THRESHOLD) -> SuppressedTable:
    """Hide the small numbers in one question's option counts (a one-column table with total)."""
    if not isinstance(counts, pd.Series):
        raise ValueError(f"counts must be a pandas Series, not {type(counts).__name__}")
    name = "count" if counts.name is None else counts.name
    as_row = counts.to_frame(name=name).T
    table = suppress_counts(as_row, threshold=threshold, show_column_totals=False)
    return _transpose(table)


def rows_to_leave_out(counts: pd.DataFrame, *, threshold: int = DEFAULT_THRESHOLD) -> pd.Series:
    """Return, per row of a table of counts, whether the row must be left out whole.

    For tables whose rows are shown whole or not at all (a principle compared by channel): a
    row with a number from 1 to ``t - 1``, or a total from 1 to ``t - 1``, is left out. The rows
    left out are then secondary-suppressed as one: there must be at least two, their totals
    must add up to at least ``t``, and in every column they must add up to 0 or at least
    ``t``, as if the column totals were shown (a 0 across ``t`` or more responses gives nobody
    away, as a 0 in a row of ``t`` or more is shown); otherwise the smallest row still shown
    (ties: the first) is left out too.
    """
    threshold = check_threshold(threshold)
    frame = _validated_frame(counts)
    values = frame.to_numpy(dtype=np.int64)
    table = np.column_stack([values, values.sum(axis=1)])
    out = ((table >= 1) & (table < threshold)).any(axis=1)

    def unsafe() -> bool:
        left = table[out]
        sums = left.sum(axis=0)
        small = ((sums >= 1) & (sums < threshold)).any() or sums[-1] < threshold
        return bool(out.any()) and (len(left) < 2 or bool(small))

    while unsafe() and not out.all():
        shown = np.flatnonzero(~out)
        out[shown[np.argmin(table[shown, -1])]] = True
    return pd.Series(out, index=frame.index)


def _whole(value: object, what: str) -> int:
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise ValueError(f"{what} must be a whole number, not {value!r}")
    if not float(value).is_integer():
        raise ValueError(f"{what} must be a whole number, not {value!r}")
    if value < 0:
        raise ValueError(f"{what} cannot be negative, got {value!r}")
    return int(value)


def _validated_frame(counts: pd.DataFrame | Iterable[Iterable[int]]) -> pd.DataFrame:
    if isinstance(counts, pd.DataFrame):
        frame = counts.copy()
    else:
        rows = [list(row) for row in counts]
        if len({len(row) for row in rows}) > 1:
            raise ValueError("counts table rows must all have the same number of counts")
        frame = pd.DataFrame(rows)
    if frame.empty:
        raise ValueError("counts table is empty: it needs at least one row and one column")
    if not (frame.index.is_unique and frame.columns.is_unique):
        raise ValueError("counts table row and column labels must be unique")
    whole = [
        [
            _whole(frame.iat[i, j], f"count at row {row!r}, column {column!r}")
            for j, column in enumerate(frame.columns)
        ]
        for i, row in enumerate(frame.index)
    ]
    return pd.DataFrame(whole, index=frame.index, columns=frame.columns, dtype=np.int64)


def _extended(cells: np.ndarray) -> np.ndarray:
    """Add row totals as a last column and column totals (and grand total) as a last row."""
    with_rows = np.column_stack([cells, cells.sum(axis=1)])
    return np.vstack([with_rows, with_rows.sum(axis=0)])


def _primary_mask(values: np.ndarray, threshold: int) -> np.ndarray:
    hidden = (values >= 1) & (values < threshold)
    row_totals = values[:-1, -1:]
    small_row = (row_totals >= 1) & (row_totals < threshold)
    hidden[:-1, :-1] |= (values[:-1, :-1] == 0) & small_row
    return hidden


def _lines(shape: tuple[int, int], *, rows: bool, columns: bool) -> list[_Line]:
    n_rows, n_cols = shape
    lines: list[_Line] = []
    if rows:
        lines += [([(i, j) for j in range(n_cols)], (i, n_cols)) for i in range(n_rows)]
        lines.append(([(i, n_cols) for i in range(n_rows)], (n_rows, n_cols)))
    if columns:
        lines += [([(i, j) for i in range(n_rows)], (n_rows, j)) for j in range(n_cols)]
        lines.append(([(n_rows, j) for j in range(n_cols)], (n_rows, n_cols)))
    return lines


def _apply_secondary(
    values: np.ndarray, hidden: np.ndarray, lines: list[_Line], threshold: int
) -> None:
    changed = True
    while changed:
        changed = False
        for line in lines:
            cell = _next_to_hide(values, hidden, line, threshold)
            while cell is not None:
                hidden[cell] = changed = True
                cell = _next_to_hide(values, hidden, line, threshold)


def _next_to_hide(
    values: np.ndarray, hidden: np.ndarray, line: _Line, threshold: int
) -> _Cell | None:
    """Return the next number to hide so the line is safe, or None if it already is."""
    entries, total = line
    hidden_entries = [cell for cell in entries if hidden[cell]]
    if hidden[total]:
        return None if hidden_entries else _smallest_visible(values, hidden, entries, zeros=True)
    if not hidden_entries:
        return None
    hidden_sum = int(sum(values[cell] for cell in hidden_entries))
    if len(hidden_entries) >= 2 and hidden_sum >= threshold:
        return None
    choice = _smallest_visible(values, hidden, entries, zeros=hidden_sum >= threshold)
    return total if choice is None else choice


def _smallest_visible(
    values: np.ndarray, hidden: np.ndarray, entries: list[_Cell], *, zeros: bool
) -> _Cell | None:
    candidates = [
        (values[cell] == 0, int(values[cell]), position, cell)
        for position, cell in enumerate(entries)
        if not hidden[cell] and (zeros or values[cell] > 0)
    ]
    return min(candidates)[3] if candidates else None


def _build_table(
    frame: pd.DataFrame,
    values: np.ndarray,
    hidden: np.ndarray,
    threshold: int,
    show_row_totals: bool,
    show_column_totals: bool,
) -> SuppressedTable:
    row_mask = hidden[:-1, -1] | (not show_row_totals)
    column_mask = hidden[-1, :-1] | (not show_column_totals)
    grand_withheld = not (show_row_totals or show_column_totals)
    return SuppressedTable(
        counts=frame,
        hidden=pd.DataFrame(hidden[:-1, :-1], index=frame.index, columns=frame.columns),
        row_totals=pd.Series(values[:-1, -1], index=frame.index, name="total"),
        row_total_hidden=pd.Series(row_mask, index=frame.index, name="total"),
        column_totals=pd.Series(values[-1, :-1], index=frame.columns, name="total"),
        column_total_hidden=pd.Series(column_mask, index=frame.columns, name="total"),
        grand_total=int(values[-1, -1]),
        grand_total_hidden=bool(hidden[-1, -1] or grand_withheld),
        threshold=threshold,
        show_row_totals=show_row_totals,
        show_column_totals=show_column_totals,
    )


def _transpose(table: SuppressedTable) -> SuppressedTable:
    return SuppressedTable(
        counts=table.counts.T.copy(),
        hidden=table.hidden.T.copy(),
        row_totals=table.column_totals.copy(),
        row_total_hidden=table.column_total_hidden.copy(),
        column_totals=table.row_totals.copy(),
        column_total_hidden=table.row_total_hidden.copy(),
        grand_total=table.grand_total,
        grand_total_hidden=table.grand_total_hidden,
        threshold=table.threshold,
        show_row_totals=table.show_column_totals,
        show_column_totals=table.show_row_totals,
    )
