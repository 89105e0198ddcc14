"""Staff import responses from another tool's CSV or XLSX export: upload, match, import."""

import io
import time
from datetime import date

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app.extensions import db
from app.models import Answer, Channel, ImportBatch, Response
from tests.factories import create_survey, create_user
from tests.imports import samples
from tests.pages import check_page, get
from tests.staff.test_access import sign_in

KINDS = ["single_choice", "multiple_choice", "free_text"]


@pytest.fixture
def survey(app_context):
    return samples.opened_before_the_exports(create_survey(questions=3, kinds=KINDS))


def upload(client, survey, data: bytes, filename: str = "responses.csv"):
    """Send a file from the upload page's form."""
    page = get(client, f"/staff/surveys/{survey.id}/import")
    return post_file(
        client, f"/staff/surveys/{survey.id}/import", page.form_fields(), data, filename
    )


def post_file(client, url: str, fields: dict, data: bytes, filename: str):
    """POST a multipart form encoded in memory (the test client's own spills big files to disk)."""
    upload = FileStorage(io.BytesIO(data), filename=filename)
    boundary, body = encode_multipart({**fields, "file": upload})
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def preview_page(client, survey, data: bytes, filename: str = "responses.csv"):
    uploaded = upload(client, survey, data, filename)
    assert uploaded.status_code == 303, check_page(uploaded).texts(".govuk-error-summary li")
    return get(client, uploaded.headers["Location"])


def chosen(page, name: str) -> str:
    """Return the value of the selected option of a select, as a browser would send it."""
    select = page.all(f"select[name='{name}']")[0]
    selected = select.cssselect("option[selected]") or select.cssselect("option")
    return selected[0].get("value")


def chosen_text(page, name: str) -> str:
    select = page.all(f"select[name='{name}']")[0]
    selected = select.cssselect("option[selected]") or select.cssselect("option")
    return selected[0].text_content().strip()


def form_values(page, **changes) -> dict:
    """Return everything the preview form sends, with some choices changed."""
    values = page.form_fields("#matches")
    for field in page.all("#matches select"):
        values[field.get("name")] = chosen(page, field.get("name"))
    return {**values, **changes}


def confirm(client, page, **changes):
    form = page.all("#matches")[0]
    return client.post(form.get("action"), data=form_values(page, action="import", **changes))


def answers_of(response: Response) -> dict:
    found: dict = {}
    for answer in sorted(response.answers, key=lambda a: (a.question_id, a.option_id or 0)):
        value = answer.option_id or answer.text_value or answer.number_value
        found.setdefault(answer.question_id, []).append(value)
    return found


def question_texts(survey) -> list[str]:
    return [q.text for q in survey.questions]


def option_labels(survey) -> list[str]:
    return [o.label for o in survey.questions[1].options]


def expected_answers(survey, responses=samples.RESPONSES) -> list[dict]:
    single, multiple, text = survey.questions
    ids = {q.id: {o.label.casefold(): o.id for o in q.options} for q in (single, multiple)}
    return [
        {
            single.id: [ids[single.id][one.casefold()]],
            multiple.id: sorted(ids[multiple.id][label.casefold()] for label in many),
            text.id: [words],
        }
        for one, many, words in responses
    ]


def imported(survey) -> list[Response]:
    return list(
        db.session.scalars(
            select(Response).where(Response.survey_id == survey.id).order_by(Response.source_row)
        )
    )


def test_the_upload_page_asks_for_a_csv_or_excel_file(client, lead, survey):
    page = get(client, f"/staff/surveys/{survey.id}/import")
    assert page.text("h1") == "Import responses"
    form = page.all("form[enctype='multipart/form-data']")[0]
    assert form.get("novalidate") is not None
    assert page.all("input[type=file][name=file]")
    assert "csrf_token" in page.form_fields("form[enctype='multipart/form-data']")


def test_only_admins_and_leads_can_import(client, survey):
    sign_in(client, create_user(role="viewer"))
    assert client.get(f"/staff/surveys/{survey.id}/import").status_code == 403
    assert client.get("/staff/imports/1").status_code == 403


@pytest.mark.parametrize(
    ("export", "filename"),
    [
        (lambda s: samples.microsoft_forms(question_texts(s)), "Forms.csv"),
        (lambda s: samples.google_forms(question_texts(s)), "google.csv"),
        (lambda s: samples.lime_survey(question_texts(s), option_labels(s)), "lime.csv"),
        (lambda s: samples.survey_monkey(question_texts(s), option_labels(s)), "monkey.xlsx"),
    ],
    ids=["microsoft-forms", "google-forms", "limesurvey", "surveymonkey"],
)
def test_each_tools_export_is_matched_and_imported(client, lead, survey, export, filename):
    page = preview_page(client, survey, export(survey), filename)
    for question in survey.questions:
        assert chosen_text(page, f"column-{question.id}").endswith(question.text)
    assert "Email" not in " ".join(page.texts("select option"))
    multiple = survey.questions[1]
    for field in page.all(f"select[name^='answer-{multiple.id}-']"):
        label = page.text(f"label[for='{field.get('id')}']")
        assert chosen_text(page, field.get("name")) in label

    done = confirm(client, page)
    assert done.status_code == 303, done.get_data(as_text=True)[:2000]
    result = get(client, done.headers["Location"])
    assert result.text("h1") == f"Imported 3 responses from {filename}"
    responses = imported(survey)
    assert [r.channel for r in responses] == [Channel.IMPORT] * 3
    assert [r.source_file for r in responses] == [filename] * 3
    first_row = 3 if filename == "monkey.xlsx" else 2
    assert [r.source_row for r in responses] == [first_row, first_row + 1, first_row + 2]
    assert [answers_of(r) for r in responses] == expected_answers(survey)


def test_completion_times_are_read_as_uk_time_and_stored_in_utc(client, lead, survey):
    page = preview_page(client, survey, samples.google_forms(question_texts(survey)))
    assert chosen_text(page, "time_column") == "A: Timestamp"
    assert confirm(client, page).status_code == 303
    times = [r.submitted_at.isoformat() for r in imported(survey)]
    # 1 July is summer time in London: one hour ahead of UTC.
    assert times == [f"2024-07-01T08:0{n}:00+00:00" for n in (1, 2, 3)]


def test_without_a_time_column_responses_are_dated_when_imported(client, lead, survey):
    rows = [question_texts(survey), ["Yes", "No", "Fine"]]
    page = preview_page(client, survey, samples.csv_bytes(rows))
    assert chosen(page, "time_column") == ""
    before = time.time()
    assert confirm(client, page).status_code == 303
    assert imported(survey)[0].submitted_at.timestamp() >= before - 1


def test_staff_can_match_a_column_and_an_answer_by_hand(client, lead, survey):
    rows = [["When", "Q-A", "Q-B", "Comments"], ["", "Ja", "Yes", "Good"]]
    page = preview_page(client, survey, samples.csv_bytes(rows))
    single, multiple, text = survey.questions
    assert chosen(page, f"column-{single.id}") == ""
    changes = {f"column-{single.id}": "1", f"column-{multiple.id}": "2", f"column-{text.id}": "3"}
    updated = check_page(
        client.post(
            page.all("#matches")[0].get("action"),
            data=form_values(page, action="update", **changes),
        )
    )
    assert updated.status == 200
    field = updated.all(f"select[name^='answer-{single.id}-']")[0].get("name")
    assert chosen(updated, field) == ""
    yes = next(o for o in single.options if o.label == "Yes")
    assert confirm(client, updated, **{field: str(yes.id)}).status_code == 303
    assert answers_of(imported(survey)[0])[single.id] == [yes.id]


def test_a_file_with_one_bad_row_imports_nothing_and_says_which_row(client, lead, survey):
    responses = [
        *samples.RESPONSES,
        ("Maybe", ["Yes"], "Hmm"),
        ("Yes", ["Yes", "None of these"], ""),
    ]
    page = preview_page(client, survey, samples.microsoft_forms(question_texts(survey), responses))
    result = confirm(client, page)
    problems = check_page(result)
    assert problems.status == 400
    assert problems.title.startswith("Error: ")
    assert problems.texts(".govuk-error-summary__list li") == [
        "“Maybe” is not one of the answers to question 1: 1 row — 5",
        "Question 2: Choose “None of these” on its own, or untick it: 1 row — 6",
        "Question 3 has no answer: 1 row — 6",
    ]
    assert "Nothing was imported" in problems.text(".govuk-inset-text")
    assert db.session.scalar(select(func.count(Response.id))) == 0
    assert db.session.scalar(select(func.count(Answer.id))) == 0


def test_whole_numbers_are_checked_like_typed_answers(client, lead, app_context):
    survey = create_survey(questions=1, kinds=["whole_number"])
    rows = [question_texts(survey), ["3"], ["12"], ["two"], ["5"]]
    result = check_page(confirm(client, preview_page(client, survey, samples.csv_bytes(rows))))
    assert result.texts(".govuk-error-summary__list li") == [
        "Question 1: Enter a whole number from 1 to 5: 2 rows — 3, 4",
    ]
    assert imported(survey) == []


def test_completely_empty_rows_are_left_out_not_errors(client, lead, survey):
    rows = [question_texts(survey), ["Yes", "No", "Fine"], ["", "", ""], [], ["No", "Yes", "Ok"]]
    page = preview_page(client, survey, samples.csv_bytes(rows))
    assert confirm(client, page).status_code == 303
    assert [r.source_row for r in imported(survey)] == [2, 5]


def test_only_the_first_50_problems_are_listed_with_a_count(client, lead, survey):
    rows = [question_texts(survey)] + [[f"Maybe {n}", "Yes", "x"] for n in range(120)]
    result = check_page(confirm(client, preview_page(client, survey, samples.csv_bytes(rows))))
    assert len(result.texts(".govuk-error-summary__list li")) == 50
    assert "We found 120 problems" in result.text(".govuk-inset-text")


def test_confirming_twice_imports_once(client, lead, survey):
    page = preview_page(client, survey, samples.microsoft_forms(question_texts(survey)))
    assert confirm(client, page).status_code == 303
    again = check_page(confirm(client, page))
    assert again.status == 409
    assert again.text("h1") == "These responses were already imported"
    assert len(imported(survey)) == 3
    batch = db.session.scalars(select(ImportBatch)).one()
    assert get(client, f"/staff/imports/{batch.id}", follow_redirects=True).text("h1") == (
        "Imported 3 responses from responses.csv"
    )


def gateshead_rows(survey) -> list[list]:
    """Return a small export with a completion time, written as a contact centre would."""
    return [
        ["Completion time", *question_texts(survey)],
        ["01/07/2024 09:30", "Yes", "No", "Saltwell Park needs more bins"],
        ["02/07/2024 14:05", "no", "Sometimes", "Birtley libary is too far away"],
    ]


@pytest.mark.parametrize("action", ["import", "update"])
@pytest.mark.parametrize(
    "value",
    ["99", "-1", "B", "1); DROP TABLE response;--", "\uff11", "1" * 5_000],
    ids=["past-the-last", "negative", "letter", "sql", "full-width", "5000-digits"],
)
def test_a_column_never_offered_shows_the_page_again_saying_which(
    client, lead, survey, action, value
):
    """docs/bad-input.md BAD-62: the form comes back with the message at the box."""
    page = preview_page(client, survey, samples.csv_bytes(gateshead_rows(survey)))
    single, multiple, text = survey.questions
    field = f"column-{multiple.id}"
    url = page.all("#matches")[0].get("action")
    result = check_page(client.post(url, data=form_values(page, action=action, **{field: value})))
    assert result.status == 400
    assert result.title.startswith("Error: ")
    assert result.texts(".govuk-error-summary__list li") == ["Choose a column from the list"]
    assert [a.get("href") for a in result.all(".govuk-error-summary__list a")] == [f"#{field}"]
    assert "Choose a column from the list" in result.text(f"#{field}-error")
    assert chosen(result, field) == ""
    assert chosen_text(result, "time_column") == "A: Completion time"
    assert chosen_text(result, f"column-{single.id}").endswith(single.text)
    assert chosen_text(result, f"column-{text.id}").endswith(text.text)
    assert imported(survey) == []


def test_an_answer_deleted_since_the_page_was_shown_is_asked_for_again(client, lead, survey):
    page = preview_page(client, survey, samples.csv_bytes(gateshead_rows(survey)))
    multiple = survey.questions[1]
    sometimes = next(o for o in multiple.options if o.label == "Sometimes")
    field = next(
        f.get("name")
        for f in page.all(f"select[name^='answer-{multiple.id}-']")
        if chosen(page, f.get("name")) == str(sometimes.id)
    )
    # Another lead takes "Sometimes" out of question 2 while this page is open.
    multiple.options.remove(sometimes)
    db.session.commit()
    result = check_page(confirm(client, page))
    assert result.status == 400
    assert result.texts(".govuk-error-summary__list li") == [
        "Choose the answer to question 2 that “Sometimes” matches"
    ]
    assert chosen_text(result, field) == "Not matched"
    assert imported(survey) == []


def test_completion_times_later_than_now_or_before_the_survey_opened_are_refused(
    client, lead, survey
):
    """docs/bad-input.md BAD-63: each time is named with its rows, and nothing is imported."""
    survey.opens_on = date(2024, 7, 1)
    db.session.commit()
    rows = [
        *gateshead_rows(survey),
        ["28/06/2024 16:40", "Yes", "Yes", "Dunston needs a post office"],
        ["03/07/2099 10:00", "Not sure", "No", "The Metrocentre car park is ful"],
    ]
    page = preview_page(client, survey, samples.csv_bytes(rows))
    result = check_page(confirm(client, page))
    assert result.status == 400
    assert result.title.startswith("Error: ")
    assert result.texts(".govuk-error-summary__list li") == [
        "Column A has dates and times before the survey opened on 1 July 2024, "
        "like “28/06/2024 16:40”: 1 row — 4",
        "Column A has dates and times later than now, like “03/07/2099 10:00”: 1 row — 5",
    ]
    links = {a.get("href") for a in result.all(".govuk-error-summary__list a")}
    assert links == {"#time_column"}
    assert "Nothing was imported" in result.text(".govuk-inset-text")
    assert imported(survey) == []
    assert db.session.scalar(select(func.count(Answer.id))) == 0


def test_words_from_the_survey_and_the_file_are_shown_escaped(client, lead, survey):
    survey.title = "<script>alert('title')</script>"
    survey.questions[0].options[0].label = "<script>alert('option')</script>"
    db.session.commit()
    rows = [[survey.questions[0].text, "<b>Header</b>"], ["<script>alert('cell')</script>", "x"]]
    filename = "<img src=x onerror=alert(1)>.csv"
    page = preview_page(client, survey, samples.csv_bytes(rows), filename)
    html = page.response.get_data(as_text=True)
    assert "<script>alert" not in html
    assert "<b>Header" not in html
    assert "<img src=x" not in html
    assert "<script>alert('title')</script>" in page.text(".govuk-caption-l")
    assert "<script>alert('option')</script>" in " ".join(page.texts("select option"))
    assert "<script>alert('cell')</script>" in " ".join(page.texts("td"))
    assert filename in page.text("main p")


def test_a_filename_is_kept_as_text_never_as_a_path(client, lead, survey):
    rows = [question_texts(survey), ["Yes", "No", "Fine"]]
    name = "../../etc/passwd%2e%2e/\x00evil.php"
    page = preview_page(client, survey, samples.csv_bytes(rows), name)
    assert confirm(client, page).status_code == 303
    assert imported(survey)[0].source_file == "../../etc/passwd%2e%2e/evil.php"


def test_5000_rows_import_in_one_go(client, lead, survey):
    responses = [("Yes", ["No", "Sometimes"], f"Answer {n}") for n in range(5_000)]
    data = samples.google_forms(question_texts(survey), responses)
    started = time.perf_counter()
    page = preview_page(client, survey, data)
    done = confirm(client, page)
    assert done.status_code == 303, check_page(done).texts(".govuk-error-summary__list li")
    assert time.perf_counter() - started < 30
    assert db.session.scalar(select(func.count(Response.id))) == 5_000
    assert db.session.scalar(select(func.count(Answer.id))) == 5_000 * 4
