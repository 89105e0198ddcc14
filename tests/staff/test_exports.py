"""The responses export: every response with its channel, partner, group and support, safe to
open in a spreadsheet."""

import csv
import io
from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest

from app.extensions import db
from app.models import Answer, Channel, Response, Support
from app.services import partners
from tests.factories import create_survey, create_user
from tests.staff.test_access import sign_in


@pytest.fixture
def survey_with_responses(app_context):
    survey = create_survey(questions=2, kinds=["multiple_choice", "free_text"], required=False)
    link = partners.create_link(
        partner=partners.create_partner(name="Age UK"), survey=survey, label="Lunch club"
    )
    first, text = survey.questions
    rows = [
        Response(
            survey_id=survey.id, submission_token="a", receipt="AAAA1111", channel=Channel.GROUP,
            partner_link_id=link.id, people_count=12, facilitator="Sam",
            organisation="People's Voice", session_date=date(2026, 3, 27), support=None,
            submitted_at=datetime(2026, 3, 27, 12, tzinfo=UTC),
        ),
        Response(
            survey_id=survey.id, submission_token="b", receipt="BBBB2222", channel=Channel.ONLINE,
            support=Support.HELPED, submitted_at=datetime(2026, 7, 1, 9, tzinfo=UTC),
        ),
    ]  # fmt: skip
    db.session.add_all(rows)
    db.session.flush()
    db.session.add_all(
        [
            Answer(response_id=rows[0].id, question_id=first.id, option_id=first.options[0].id),
            Answer(response_id=rows[0].id, question_id=first.id, option_id=first.options[1].id),
            Answer(response_id=rows[1].id, question_id=text.id, text_value='=HYPERLINK("x")'),
        ]
    )
    db.session.commit()
    return survey


def _download(client, survey):
    response = client.get(f"/staff/surveys/{survey.id}/responses.csv")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        f"attachment; filename=heard-responses-survey-{survey.id}.csv"
    )
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_the_export_has_channel_partner_group_and_support(client, survey_with_responses):
    sign_in(client, create_user(role="lead"))
    group, online = _download(client, survey_with_responses)
    assert group["Channel"] == "group"
    assert group["Partner"] == "Age UK"
    assert group["Link"] == "Lunch club"
    assert group["People it speaks for"] == "12"
    assert group["Facilitator"] == "Sam"
    assert group["Q1 Question 1 text?"] == "Yes; No"
    assert group["Sent (UK time)"] == "2026-03-27 12:00"
    assert online["How they answered"] == "helped"
    assert online["Sent (UK time)"] == "2026-07-01 10:00"


def test_typed_formulas_cannot_run_in_a_spreadsheet(client, survey_with_responses):
    sign_in(client, create_user(role="lead"))
    _, online = _download(client, survey_with_responses)
    assert online["Q2 Question 2 text?"] == '\'=HYPERLINK("x")'


def test_viewers_cannot_download_responses(client, survey_with_responses):
    sign_in(client, create_user(role="viewer"))
    assert client.get(f"/staff/surveys/{survey_with_responses.id}/responses.csv").status_code == 403


def test_the_export_streams_after_the_request_has_let_go_of_its_session(app):
    # No test app context around the request: the app's own request context closes the
    # session when the view returns, as in production, before the body is streamed.
    with app.app_context():
        survey = create_survey(questions=2, kinds=["single_choice", "free_text"], required=False)
        first = survey.questions[0]
        response = Response(
            survey_id=survey.id, submission_token="c", receipt="CCCC3333",
            channel=Channel.ONLINE, submitted_at=datetime(2026, 5, 1, 9, tzinfo=UTC),
        )  # fmt: skip
        silent = Response(
            survey_id=survey.id, submission_token="d", receipt="DDDD4444",
            channel=Channel.PAPER, submitted_at=datetime(2026, 5, 2, 9, tzinfo=UTC),
        )  # fmt: skip
        db.session.add_all([response, silent])
        db.session.flush()
        db.session.add(
            Answer(response_id=response.id, question_id=first.id, option_id=first.options[2].id)
        )
        db.session.commit()
        survey_id, lead = survey.id, SimpleNamespace(email=create_user(role="lead").email)
    client = app.test_client()
    sign_in(client, lead)
    download = client.get(f"/staff/surveys/{survey_id}/responses.csv", buffered=False)
    assert download.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(download.response).decode("utf-8"))))
    download.close()
    assert [row["Reference"] for row in rows] == ["CCCC3333", "DDDD4444"]
    assert rows[0]["Q1 Question 1 text?"] == "Not sure"
    assert rows[1]["Q1 Question 1 text?"] == rows[1]["Q2 Question 2 text?"] == ""
