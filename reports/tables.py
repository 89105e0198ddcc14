"""The report's tables as CSV (streamed, one tidy row per number) and as an XLSX workbook.

Every number is already suppressed: a hidden one is written as "*". Every text cell is made
formula-safe: a spreadsheet must never run what a resident or a partner typed (a cell that
starts with = + - @, a tab or a carriage return, even after spaces, no-break spaces or
direction marks, gets a leading apostrophe). No Flask, no `app` imports.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from reports import suppression
from reports.content import (
    Breakdown,
    Comparison,
    Count,
    PrincipleSection,
    QuestionResult,
    Report,
)


class Percent(str):
    """A percentage as report text ("42%"); a spreadsheet gets the number with a % format."""


class Average(str):
    """An average as report text ("3.4"); a spreadsheet gets the number, one decimal shown."""


Cell = Count | str | None
COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "0%"
AVERAGE_FORMAT = "0.0"
CSV_COLUMNS = ["table", "row", "column", "value"]
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters a spreadsheet skips before it decides whether a cell is a formula.
_INVISIBLE = "".join(
    [" ", "\u00a0", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff"]
    + [chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
)


@dataclass(frozen=True)
class Table:
    """One table of the report: a name, a short sheet name, column headings and rows."""

    name: str
    sheet: str
    columns: list[str]
    rows: list[list[Cell]]


def formula_safe(text: str) -> str:
    """Return text that no spreadsheet will read as a formula."""
    stripped = text.lstrip(_INVISIBLE)
    if text.startswith(("\t", "\r")) or stripped.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def report_tables(report: Report) -> list[Table]:
    """Return every table of the report, in the report's order."""
    heard = report.how_we_heard
    tables = [notes_table(report)]
    tables += [
        breakdown_table(heard.channels, "How people answered", "Channels"),
        breakdown_table(heard.partners, "Partners", "Partners"),
    ]
    for result in report.questions:
        tables.append(question_table(result, f"Q{result.position}"))
        if result.themes:
            tables.append(theme_table(result))
    for section in report.sections:
        for comparison in (section.by_channel, section.by_partner):
            if comparison is not None:
                tables.append(comparison_table(section, comparison))
    tables += [question_table(result, f"About you {n}") for n, result in
               enumerate(report.about_you, start=1)]  # fmt: skip
    return tables


def notes_table(report: Report) -> Table:
    """Return what a reader of the tables needs to know: the survey, the filters, the stars."""
    rows: list[list[Cell]] = [
        ["Survey", report.title],
        ["Council", report.council_name],
        ["Framework", report.framework_title],
        ["Hidden numbers", f"* means {suppression.hidden_label(report.threshold)}, or hidden "
                           "so that another hidden number cannot be worked out"],
        ["Percentages", f"Not given when fewer than {report.threshold} responses answered"],
    ]  # fmt: skip
    rows += [["Which responses", words] for words in report.filters]
    rows += [
        [comparison_name(section, comparison), comparison.note]
        for section in report.sections
        for comparison in (section.by_channel, section.by_partner)
        if comparison is not None and comparison.note
    ]
    return Table("Notes", "Notes", ["Note", "Text"], rows)


def breakdown_table(breakdown: Breakdown, name: str, sheet: str) -> Table:
    """Return a "how we heard" table with its total line."""
    rows: list[list[Cell]] = [
        [row.label, row.responses, row.people] for row in [*breakdown.rows, breakdown.total]
    ]
    return Table(name, sheet, [breakdown.heading, "Responses", "People"], rows)


def question_table(result: QuestionResult, sheet: str) -> Table:
    """Return a question's full results: every answer, then how many answered."""
    name = f"Question {result.position}: {result.text}"
    rows: list[list[Cell]] = [
        [row.label, row.count, Percent(row.percentage) if row.percentage else None]
        for row in result.rows
    ]
    if result.is_free_text:
        rows.append(["Answered in their own words", result.answered, None])
    else:
        rows.append(["Responses that answered", result.answered, None])
    if result.mean:
        rows.append(["Average answer", Average(result.mean), None])
    return Table(name, sheet, [result.row_heading, "Responses", "Per cent"], rows)


def comparison_table(section: PrincipleSection, comparison: Comparison) -> Table:
    """Return a principle's balance of views by channel or partner: only the rows shown."""
    columns = [comparison.heading]
    for column in comparison.columns:
        columns += [column, f"{column} (per cent)"]
    columns.append(comparison.total_heading)
    rows: list[list[Cell]] = []
    for row in comparison.rows:
        cells: list[Cell] = [row.label]
        for count, share in zip(row.counts, row.percentages, strict=True):
            cells += [count, Percent(share) if share else None]
        rows.append([*cells, row.total])
    return Table(comparison_name(section, comparison), _comparison_sheet(section, comparison),
                 columns, rows)  # fmt: skip


def comparison_name(section: PrincipleSection, comparison: Comparison) -> str:
    """Return the name of a principle's comparison table."""
    return f"Principle {section.position} by {comparison.heading.lower()}: {section.title}"


def _comparison_sheet(section: PrincipleSection, comparison: Comparison) -> str:
    return f"P{section.position} by {comparison.heading.lower()}"


def theme_table(result: QuestionResult) -> Table:
    """Return the themes found in a question's free-text answers."""
    rows: list[list[Cell]] = [[theme.name, theme.answers] for theme in result.themes]
    name = f"Themes in question {result.position}: {result.text}"
    return Table(name, f"Q{result.position} themes", ["Theme", "Answers"], rows)


def csv_lines(report: Report) -> Iterator[str]:
    """Yield the report's tables as CSV lines, one row per number, a byte-order mark first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield "\ufeff"
    for row in [CSV_COLUMNS, *_tidy_rows(report_tables(report))]:
        writer.writerow([formula_safe(value) for value in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _tidy_rows(tables: list[Table]) -> Iterator[list[str]]:
    for table in tables:
        for row in table.rows:
            label = _csv_text(row[0])
            for column, cell in zip(table.columns[1:], row[1:], strict=True):
                if cell is not None:
                    yield [table.name, label, column, _csv_text(cell)]


def csv_bytes(report: Report) -> bytes:
    """Return the report's tables as one UTF-8 CSV file."""
    return "".join(csv_lines(report)).encode("utf-8")


def xlsx_bytes(report: Report) -> bytes:
    """Return the report's tables as an XLSX workbook, one sheet per table."""
    workbook = Workbook(write_only=True)
    for table in report_tables(report):
        sheet = workbook.create_sheet(title=table.sheet[:31])
        sheet.append([formula_safe(table.name)])
        sheet.append([formula_safe(column) for column in table.columns])
        for row in table.rows:
            sheet.append([_xlsx_cell(sheet, cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_text(cell: Cell) -> str:
    if isinstance(cell, Count):
        return cell.csv
    return cell or ""


def _xlsx_cell(sheet: Any, cell: Cell) -> Any:
    """Return a spreadsheet cell: numbers as numbers with a number format, text made safe."""
    if isinstance(cell, Count) and not cell.hidden:
        return _number(sheet, cell.value or 0, COUNT_FORMAT)
    if isinstance(cell, Count):
        return cell.csv
    if isinstance(cell, Percent):
        return _number(sheet, int(cell.rstrip("%")) / 100, PERCENT_FORMAT)
    if isinstance(cell, Average):
        return _number(sheet, float(cell), AVERAGE_FORMAT)
    return None if cell is None else formula_safe(cell)


def _number(sheet: Any, value: float, number_format: str) -> Any:
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell
