"""The council's own easy-read words: added and removed by leads, laid over the shipped lists
when the builder checks a survey, each change in the audit log, bad entries refused."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, CouncilWord
from app.services import audit, plain_words
from app.services.builder import readiness
from app.services.easy_read_checks import check_text
from app.services.errors import NotFound, ServiceError
from tests.factories import create_survey

LEAD = audit.Actor(None, "Sam Lead")


def _hard_words_found(text: str) -> list[str]:
    found = plain_words.checking_with_council_words(lambda: check_text("easy_read_title", text))
    return [finding.found for finding in found if finding.rule == "E7"]


def _rule_found(text: str, rule: str) -> list[str]:
    found = plain_words.checking_with_council_words(lambda: check_text("easy_read_title", text))
    return [finding.found for finding in found if finding.rule == rule]


def test_a_council_hard_word_is_flagged_with_its_plainer_words(app_context):
    assert _hard_words_found("Ask the Care Navigator") == []

    plain_words.add(
        LEAD,
        plain_words.Entry("hard_word", "  Care Navigator  ", "person who helps you find support"),
    )

    assert _hard_words_found("Ask the Care Navigator") == ["Care Navigator"]
    found = plain_words.checking_with_council_words(
        lambda: check_text("easy_read_title", "Ask the care navigator")
    )
    assert "person who helps you find support" in found[0].message


def test_a_shipped_hard_word_marked_not_hard_is_no_longer_flagged(app_context):
    assert _hard_words_found("We will facilitate the group") == ["facilitate"]

    plain_words.add(LEAD, plain_words.Entry("not_hard", "Facilitate"))

    assert _hard_words_found("We will facilitate the group") == []
    # Outside the council's checks the shipped list is untouched.
    assert [f.found for f in check_text("t", "We will facilitate the group") if f.rule == "E7"]


def test_allowed_initials_are_left_alone(app_context):
    assert _rule_found("Tell GCVS what you think", "E7") == ["GCVS"]

    plain_words.add(LEAD, plain_words.Entry("allowed_initials", "GCVS"))

    assert _rule_found("Tell GCVS what you think", "E7") == []


def test_removing_a_word_brings_the_shipped_lists_back_and_both_are_recorded(app_context):
    row = plain_words.add(LEAD, plain_words.Entry("not_hard", "facilitate"))

    plain_words.remove(LEAD, row.id)

    assert _hard_words_found("We will facilitate the group") == ["facilitate"]
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["council_word.added", "council_word.removed"]
    with pytest.raises(NotFound):
        plain_words.remove(LEAD, row.id)


def test_the_builder_checks_a_survey_with_the_council_words(app_context):
    survey = create_survey(questions=1, status="draft")
    survey.easy_read_title = "Ask the care navigator"
    db.session.commit()
    before = [f.found for f in readiness.easy_read_findings(survey)]

    plain_words.add(LEAD, plain_words.Entry("hard_word", "care navigator", "person who helps you"))

    after = [f.found for f in readiness.easy_read_findings(survey)]
    assert "care navigator" not in before
    assert "care navigator" in after


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        (plain_words.Entry("hard_word", "", "help"), "words"),
        (plain_words.Entry("hard_word", "x" * 81, "help"), "words"),
        (plain_words.Entry("hard_word", "reablement", ""), "plainer"),
        (plain_words.Entry("hard_word", "reablement", "y" * 201), "plainer"),
        (plain_words.Entry("not_hard", "sunshine"), "words"),
        (plain_words.Entry("allowed_initials", "gcvs"), "words"),
        (plain_words.Entry("allowed_initials", "<script>"), "words"),
        (plain_words.Entry("allowed_initials", "A"), "words"),
        (plain_words.Entry("made_up", "word"), "kind"),
    ],
)
def test_a_bad_entry_is_refused_with_a_plain_message_and_nothing_written(app_context, entry, field):
    with pytest.raises(ServiceError) as refused:
        plain_words.add(LEAD, entry)

    assert refused.value.field == field
    assert db.session.scalar(select(func.count()).select_from(CouncilWord)) == 0
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 0


def test_the_same_word_twice_is_refused(app_context):
    plain_words.add(LEAD, plain_words.Entry("hard_word", "reablement", "help"))

    with pytest.raises(ServiceError, match="already on the list"):
        plain_words.add(LEAD, plain_words.Entry("hard_word", "Reablement", "help again"))

    assert db.session.scalar(select(func.count()).select_from(CouncilWord)) == 1
