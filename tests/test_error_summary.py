"""The error summary: a form's errors or a service's problem become GOV.UK's summary list."""

from app import error_summary
from app.services.errors import NotFound, ServiceError


class FakeForm:
    def __init__(self) -> None:
        self.errors = {"email": ["Enter your email address", "Too long"], "csrf_token": ["Expired"]}


def test_a_form_gives_each_failed_field_its_first_message_and_skips_the_csrf_token():
    assert error_summary.from_form(FakeForm()) == [
        {"text": "Enter your email address", "href": "#email"}
    ]


def test_a_problem_links_to_its_field_or_else_to_the_field_the_page_names():
    named = ServiceError("Enter a name", field="name")
    unnamed = NotFound("No such survey")
    assert error_summary.from_problem(named, "label") == [{"text": "Enter a name", "href": "#name"}]
    assert error_summary.from_problem(unnamed, "label") == [
        {"text": "No such survey", "href": "#label"}
    ]


def test_pairs_of_field_and_message_become_items_and_each_field_keeps_its_first_message():
    errors = error_summary.from_fields([("title", "Enter a title"), ("title", "Shorter")])
    assert errors == [
        {"text": "Enter a title", "href": "#title"},
        {"text": "Shorter", "href": "#title"},
    ]
    assert error_summary.messages_by_field(errors) == {"title": {"text": "Enter a title"}}


def test_the_status_is_400_with_errors_200_without_or_the_code_the_page_asks_for():
    assert error_summary.status([{"text": "x", "href": "#x"}]) == 400
    assert error_summary.status([]) == 200
    assert error_summary.status([{"text": "x", "href": "#file"}], failed=413) == 413
