"""Sample exports in the shapes Microsoft Forms, Google Forms, SurveyMonkey and LimeSurvey write.

Each builder takes the survey's question texts and a few responses, and returns the bytes of
a file as the tool would export it (metadata columns included), so tests read like the files.
"""

import csv
import io
import re
import zipfile
from datetime import date, datetime

from openpyxl import Workbook

from app.extensions import db

# The day the sample surveys opened: every time in the sample exports is later.
OPENED = date(2021, 9, 1)
# (answer to a single choice question, options ticked in a multiple choice one, free text)
RESPONSES = [
    ("Yes", ["Yes", "Not sure"], "More buses, please"),
    ("no", ["Sometimes"], "The café is lovely"),
    ("Not sure", ["None of these"], "Line one\nline two"),
]


def opened_before_the_exports(survey):
    """Return the survey, opened on `OPENED`, so the exports' times are after it opened."""
    survey.opens_on = OPENED
    db.session.commit()
    return survey


def csv_bytes(rows: list[list], *, delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    """Return rows written as a CSV file."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list]) -> bytes:
    """Return rows written as the first sheet of an Excel file."""
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def microsoft_forms(questions: list[str], responses=RESPONSES) -> bytes:
    """Microsoft Forms: ID, times, e-mail and name first; choices joined by ";", one at the end."""
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]
    rows = [header + questions]
    for number, (single, multiple, text) in enumerate(responses, start=1):
        times = ["27/03/2024 10:00:00", f"27/03/2024 10:{number:02}:00"]
        rows.append([number, *times, "anonymous", "", "", single, ";".join(multiple) + ";", text])
    return csv_bytes(rows, encoding="utf-8-sig")


def google_forms(questions: list[str], responses=RESPONSES) -> bytes:
    """Google Forms: a timestamp and e-mail address first; choices joined by ", "."""
    rows = [["Timestamp", "Email Address", *questions]]
    for number, (single, multiple, text) in enumerate(responses, start=1):
        rows.append([f"2024/07/01 09:{number % 60:02}:00", f"person{number}@example.com"])
        rows[-1] += [single, ", ".join(multiple), text]
    return csv_bytes(rows)


def lime_survey(questions: list[str], options: list[str], responses=RESPONSES) -> bytes:
    """LimeSurvey: its metadata columns, then one "Question [Option]" column per option (Y or
    empty), and semicolons between cells."""
    metadata = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp"]
    single, multiple, text = questions
    header = [*metadata, "refurl", single]
    header += [f"{multiple} [{option}]" for option in options] + [f"{multiple} [Other]", text]
    rows = [header]
    for number, (answer, ticked, words) in enumerate(responses, start=1):
        row = [number, f"2024-03-27 1{number}:00:00", 3, "en", 123, "", "", "", answer]
        row += ["Y" if option in ticked else "" for option in options] + ["", words]
        rows.append(row)
    return csv_bytes(rows, delimiter=";")


def survey_monkey(questions: list[str], options: list[str], responses=RESPONSES) -> bytes:
    """SurveyMonkey (.xlsx): two header rows, one column per option holding its label when
    ticked, an "Other (please specify)" column, and real Excel times."""
    metadata = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address"]
    metadata += ["Email Address", "First Name", "Last Name", "Custom Data 1"]
    single, multiple, text = questions
    first = [*metadata, single, multiple] + [None] * len(options) + [text]
    second = [None] * len(metadata) + ["Response", *options, "Other (please specify)"]
    second += ["Open-Ended Response"]
    rows = [first, second]
    for number, (answer, ticked, words) in enumerate(responses, start=1):
        ended = datetime(2024, 7, 1, 9, number)  # noqa: DTZ001 - Excel times have no zone
        row = [1000 + number, 42, ended, ended, "192.0.2.1", "", "", "", ""]
        row += [answer] + [option if option in ticked else None for option in options]
        rows.append([*row, None, words])
    return xlsx_bytes(rows)


def xlsx_declaring(dimension: str, rows: list[list], *, last_row: int | None = None) -> bytes:
    """Return a small Excel file whose sheet claims the size `dimension` (say "A1:XFD1048576"),
    and, given `last_row`, one more cell that far down with nothing in between."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(rows)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member in source.namelist():
            content = source.read(member)
            if member == "xl/worksheets/sheet1.xml":
                content = re.sub(
                    rb'<dimension ref="[^"]*"/>',
                    f'<dimension ref="{dimension}"/>'.encode(),
                    content,
                )
                if last_row is not None:
                    cell = f'<c r="A{last_row}" t="inlineStr"><is><t>x</t></is></c>'
                    far = f'<row r="{last_row}">{cell}</row>'
                    content = content.replace(b"</sheetData>", far.encode() + b"</sheetData>")
            archive.writestr(member, content)
    return out.getvalue()
