"""Realistic exports to import, generated in the test run (never committed as files).

`council_export` writes what a council's consultation platform hands over: a Microsoft
Forms-like layout with an ID and completion time, the survey's questions, a channel column
and a client number, and enough other columns (postcodes, grid references, wards, officer
notes) to make 60. Its options let a test add US or UK dates, control characters pasted from
another system and misspelt answers, every so many rows. The benchmark uses it too.
"""

import csv
import io
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.models import Question, QuestionKind, Survey

MISSPELLINGS = {"Yes": "Yse", "No": "Noo", "Not sure": "Not shure"}
CHANNELS = ["Online", "Telephone", "E-mail", "Paper form", "Online", "Online"]
COMMENTS = [
    "The bus to the day centre is late most days",
    "Staff are kind and listen",
    "I would like more activities at the weekend",
    "Hard to get through on the phone",
    "",
]
_OTHER_COLUMNS = [
    "Postcode",
    "Grid reference",
    "Ward",
    "Officer notes",
    "Consent to contact",
    "Preferred language",
    "Referral source",
    "Case reference",
]


@dataclass(frozen=True)
class Options:
    """What to put in the export besides clean answers."""

    rows: int = 1_000
    columns: int = 60
    dates: str = "uk"  # "uk", "us", "us-no-time", "iso" or "ambiguous"
    control_every: int = 0  # a vertical tab in the free text of every n-th row
    misspell_every: int = 0  # "Yse" for "Yes" in every n-th row's first choice question
    repeat_people_every: int = 0  # every n-th row has the client number of the row before
    seed: int = 12


def council_export(survey: Survey, options: Options = Options()) -> bytes:
    """Return a CSV export of `options.rows` responses to `survey`, 60 columns wide."""
    rng = random.Random(options.seed)
    questions = list(survey.questions)
    header = ["ID", "Start time", "Completion time", "Email", "Name", "How they responded"]
    header += ["Client number"] + [q.text for q in questions]
    fillers = [f"{_OTHER_COLUMNS[n % len(_OTHER_COLUMNS)]} {n // 8 + 1}" for n in range(60)]
    header += fillers[: max(0, options.columns - len(header))]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    start = datetime(2021, 10, 1, 9, 0)  # noqa: DTZ001 - an export's wall-clock time
    for number in range(1, options.rows + 1):
        moment = start + timedelta(minutes=17 * number)
        row = [str(1000 + number), "", _written(moment, options.dates), "", ""]
        row += [rng.choice(CHANNELS), _client(number, options)]
        row += [_answer(q, number, rng, options) for q in questions]
        row += _other_cells(len(header) - len(row), number, rng)
        writer.writerow(row)
    return out.getvalue().encode("utf-8-sig")


def _written(moment: datetime, style: str) -> str:
    if style == "ambiguous":
        moment = moment.replace(day=moment.day % 12 + 1)
    formats = {
        "uk": "%d/%m/%Y %H:%M:%S",
        "us": "%m/%d/%Y %I:%M:%S %p",
        "us-no-time": "%m/%d/%Y",
        "iso": "%Y-%m-%d %H:%M:%S",
        "ambiguous": "%d/%m/%Y",
    }
    return moment.strftime(formats[style])


def _client(number: int, options: Options) -> str:
    if options.repeat_people_every and number % options.repeat_people_every == 0:
        number -= 1
    return f"C{70000 + number}"


def _answer(question: Question, number: int, rng: random.Random, options: Options) -> str:
    if question.kind == QuestionKind.FREE_TEXT:
        text = rng.choice(COMMENTS) or "No comment"
        if options.control_every and number % options.control_every == 0:
            text = text.replace(" ", "\x0b", 1)
        return text
    if question.kind == QuestionKind.WHOLE_NUMBER:
        low = question.min_number or 0
        return str(rng.randint(low, min(question.max_number or 10, low + 10)))
    ordinary = [o.label for o in question.options if not o.exclusive]
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        limit = question.max_choices or len(ordinary)
        return ";".join(rng.sample(ordinary, rng.randint(1, min(2, limit, len(ordinary)))))
    if options.misspell_every and number % options.misspell_every == 0:
        return next((MISSPELLINGS[label] for label in ordinary if label in MISSPELLINGS), "?")
    return rng.choice(ordinary)


def _other_cells(count: int, number: int, rng: random.Random) -> list[str]:
    """Mostly empty, as in real exports; a postcode and a grid reference now and then."""
    cells = [""] * count
    if count >= 2 and number % 3 == 0:
        cells[0] = f"NE{rng.randint(1, 40)} {rng.randint(1, 9)}HH"
        cells[1] = f"NZ {rng.randint(20000, 29999)} {rng.randint(60000, 69999)}"
    return cells
