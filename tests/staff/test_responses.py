"""Staff look through a survey's responses, open one with every answer, and delete one."""

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, func, select

from app.extensions import db
from app.models import Answer, AuditEvent, Channel, Kiosk, Quote, Response
from app.services import partners
from tests.factories import create_survey, create_user
from tests.pages import check_page, get
from tests.staff.test_access import sign_in

_numbers = itertools.count(1)


def add_response(survey, *, answers=(), sent=None, **fields) -> Response:
    """Store one response with (question position, value) answers: an option label, int or str."""
    number = next(_numbers)
    response = Response(
        survey_id=survey.id,
        submission_token=f"token-{number}",
        receipt=fields.pop("receipt", f"REF{number:07d}"),
        submitted_at=sent or datetime(2026, 3, 1, 12, tzinfo=UTC) + timedelta(minutes=number),
        **fields,
    )
    for position, value in answers:
        question = survey.questions[position - 1]
        if isinstance(value, int):
            response.answers.append(Answer(question_id=question.id, number_value=value))
        elif question.options:
            option = next(o for o in question.options if o.label == value)
            response.answers.append(Answer(question_id=question.id, option_id=option.id))
        else:
            response.answers.append(Answer(question_id=question.id, text_value=value))
    db.session.add(response)
    db.session.commit()
    return response


def add_many(survey, count: int, *, prefix: str = "BULK") -> None:
    question = survey.questions[0]
    option = question.options[0].id
    start = datetime(2026, 3, 1, tzinfo=UTC)
    rows = [
        Response(
            survey_id=survey.id,
            submission_token=f"{prefix}-{n}",
            receipt=f"{prefix}{n:06d}",
            submitted_at=start + timedelta(minutes=n),
            answers=[Answer(question_id=question.id, option_id=option)],
        )
        for n in range(count)
    ]
    db.session.add_all(rows)
    db.session.commit()


@pytest.fixture
def survey(app_context):
    return create_survey(questions=3, kinds=["single_choice", "free_text", "whole_number"])


def references(page) -> list[str]:
    return page.texts(".heard-responses tbody td:first-child")


def test_the_list_shows_50_responses_a_page_newest_first_with_older_and_newer_links(
    client, survey, lead
):
    add_many(survey, 120)
    first = get(client, f"/staff/surveys/{survey.id}/responses")
    assert first.status == 200
    assert first.text("#response-count") == "120 responses."
    assert len(references(first)) == 50
    assert references(first)[0] == "BULK000119"
    assert first.texts(".govuk-pagination__prev") == []
    older = first.all(".govuk-pagination__next a")[0].get("href")
    second = get(client, older)
    assert references(second)[0] == "BULK000069"
    third = get(client, second.all(".govuk-pagination__next a")[0].get("href"))
    assert references(third) == [f"BULK{n:06d}" for n in range(19, -1, -1)]
    assert third.texts(".govuk-pagination__next") == []
    back = get(client, third.all(".govuk-pagination__prev a")[0].get("href"))
    assert references(back) == references(second)


def test_a_page_costs_the_same_statements_and_no_offset_however_many_responses(
    app, client, survey, lead
):
    def statements_for_second_page() -> list[tuple[str, object]]:
        first = get(client, f"/staff/surveys/{survey.id}/responses")
        older = first.all(".govuk-pagination__next a")[0].get("href")
        seen: list[tuple[str, object]] = []

        def keep(_conn, _cursor, statement, parameters, *_args):
            seen.append((statement, parameters))

        event.listen(db.engine, "before_cursor_execute", keep)
        try:
            assert get(client, older).status == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", keep)
        return [(s, p) for s, p in seen if "response" in s.lower()]

    add_many(survey, 120)
    few = statements_for_second_page()
    add_many(survey, 600, prefix="MORE")
    many = statements_for_second_page()
    assert len(many) == len(few)
    statement, parameters = next(
        (s, p) for s, p in many if "LIMIT" in s.upper() and "response.id <" in s
    )
    # SQLite's dialect always writes "OFFSET ?": it must be 0, the page found by its key.
    if "OFFSET" in statement.upper():
        assert list(parameters)[-1] == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("channel=kiosk", ["KIOSK"]),
        ("complete=no", ["PART"]),
        ("complete=yes", ["KIOSK", "LINK", "OLD"]),
        ("from=2026-03-05", ["KIOSK", "LINK", "PART"]),
        ("to=2026-03-04", ["OLD"]),
        ("from=2026-03-05&to=2026-03-05&channel=online", ["LINK", "PART"]),
    ],
)
def test_filters_narrow_the_list(client, survey, lead, query, expected):
    full = [(1, "Yes"), (2, "Words"), (3, 2)]
    march_5 = datetime(2026, 3, 5, 10, tzinfo=UTC)
    add_response(survey, receipt="OLD", answers=full, sent=datetime(2026, 3, 4, 23, tzinfo=UTC))
    add_response(survey, receipt="PART", answers=[(1, "No")], sent=march_5)
    partner = partners.create_partner(name="Lunch club", contact="", allowed_origins="")
    link = partners.create_link(partner=partner, survey=survey, label="Poster")
    add_response(survey, receipt="LINK", answers=full, partner_link_id=link.id, sent=march_5)
    kiosk = Kiosk(survey_id=survey.id, venue="Library", key="kiosk-key")
    db.session.add(kiosk)
    db.session.commit()
    add_response(
        survey,
        receipt="KIOSK",
        answers=full,
        channel=Channel.KIOSK,
        kiosk_id=kiosk.id,
        sent=march_5 + timedelta(hours=1),
    )
    page = get(client, f"/staff/surveys/{survey.id}/responses?{query}")
    assert sorted(references(page)) == expected
    assert get(client, f"/staff/surveys/{survey.id}/responses?partner={partner.id}").texts(
        ".heard-responses tbody td:first-child"
    ) == ["LINK"]
    by_kiosk = get(client, f"/staff/surveys/{survey.id}/responses?kiosk={kiosk.id}")
    assert references(by_kiosk) == ["KIOSK"]


def test_dates_that_are_not_dates_get_a_message_not_a_500(client, survey, lead):
    add_response(survey, answers=[(1, "Yes")])
    page = get(client, f"/staff/surveys/{survey.id}/responses?from=31/02/2026")
    assert page.status == 400
    assert page.title.startswith("Error: ")
    assert page.text(".govuk-error-summary__list") == "Enter dates as YYYY-MM-DD, like 2026-03-27"
    assert len(references(page)) == 1
    later = get(client, f"/staff/surveys/{survey.id}/responses?to=2026-13-01")
    assert later.status == 400
    assert later.all(".govuk-error-summary__list a")[0].get("href") == "#to"
    assert later.text("#to-error").endswith("Enter dates as YYYY-MM-DD, like 2026-03-27")
    # The last day there is: the day after it, where the search would end, does not exist.
    last = get(client, f"/staff/surveys/{survey.id}/responses?to=9999-12-31")
    assert last.status == 400
    assert last.text("#to-error").endswith("Enter dates as YYYY-MM-DD, like 2026-03-27")


def test_one_response_shows_every_answer_and_the_read_is_audited(client, survey, lead):
    response = add_response(
        survey, receipt="ABCD23EFGH", answers=[(1, "Not sure"), (2, "<script>alert(1)</script>")]
    )
    page = get(client, f"/staff/surveys/{survey.id}/responses/{response.id}")
    assert page.text("h1") == "Response ABCD23EFGH"
    assert page.texts(".heard-response-answers dd") == [
        "Not sure",
        "<script>alert(1)</script>",
        "Not answered",
    ]
    assert page.all(".heard-response-answers script") == []
    event_row = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "response.viewed"))
    assert (event_row.user_id, event_row.subject_id, event_row.survey_id) == (
        lead.id,
        response.id,
        survey.id,
    )


def test_a_response_of_another_survey_is_not_found(client, survey, lead):
    other = create_survey()
    response = add_response(other, answers=[(1, "Yes")])
    assert client.get(f"/staff/surveys/{survey.id}/responses/{response.id}").status_code == 404
    assert client.get(f"/staff/surveys/{survey.id}/responses/{response.id}/delete").status_code == (
        404
    )


def _delete(client, survey, response, reason: str):
    url = f"/staff/surveys/{survey.id}/responses/{response.id}/delete"
    form = get(client, url)
    return client.post(url, data={**form.form_fields("form[method=post]:not(.heard-sign-out)"),
                                  "reason": reason})  # fmt: skip


def test_deleting_a_response_needs_a_reason_and_records_it(client, survey, lead):
    response = add_response(survey, answers=[(1, "Yes"), (2, "My words")])
    keep = add_response(survey, answers=[(1, "No")])
    text_answer = next(a for a in response.answers if a.text_value)
    db.session.add(Quote(answer_id=text_answer.id, redacted_text="My words"))
    db.session.commit()
    response_id = response.id

    refused = check_page(_delete(client, survey, response, "   "))
    assert refused.status == 400
    assert refused.text(".govuk-error-summary__list") == "Enter why you are deleting this response"
    assert db.session.get(Response, response_id) is not None

    done = _delete(client, survey, response, "A test made by staff")
    assert done.status_code == 303
    db.session.expire_all()
    assert db.session.get(Response, response_id) is None
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 1
    assert db.session.scalar(select(func.count()).select_from(Quote)) == 0
    assert db.session.get(Response, keep.id) is not None
    logged = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "response.deleted"))
    assert (logged.subject_id, logged.details["reason"]) == (response_id, "A test made by staff")
    listing = get(client, done.headers["Location"])
    assert "has been deleted" in listing.text(".govuk-notification-banner")


def test_viewers_read_responses_but_are_not_offered_delete(client, survey):
    response = add_response(survey, answers=[(1, "Yes")])
    sign_in(client, create_user(role="viewer"))
    page = get(client, f"/staff/surveys/{survey.id}/responses/{response.id}")
    assert page.status == 200
    assert page.all(".govuk-button--warning") == []
    token = page.form_fields("form.heard-sign-out")["csrf_token"]
    refused = client.post(
        f"/staff/surveys/{survey.id}/responses/{response.id}/delete",
        data={"reason": "A viewer tries", "csrf_token": token},
    )
    assert refused.status_code == 403
    assert db.session.get(Response, response.id) is not None


def test_partner_users_never_see_responses(client, survey):
    partner = partners.create_partner(name="Lunch club", contact="", allowed_origins="")
    link = partners.create_link(partner=partner, survey=survey, label="Poster")
    response = add_response(survey, answers=[(1, "Yes")], partner_link_id=link.id)
    sign_in(client, create_user(role="partner", partner_id=partner.id))
    assert client.get(f"/staff/surveys/{survey.id}/responses").status_code == 404
    assert client.get(f"/staff/surveys/{survey.id}/responses/{response.id}").status_code == 404
