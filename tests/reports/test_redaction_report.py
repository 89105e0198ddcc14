"""A quote appears once in a report: in the first principle its question serves (issue 11)."""

from app.extensions import db
from app.models import Answer
from reports import what_we_heard
from reports.content import Count, PrincipleSection, QuestionResult
from reports.quote_placement import place_quotes_once
from tests.factories import create_survey
from tests.reports.builders import add_quote, add_response

QUOTE = "The day centre staff always make time for me."


def _result(question_id: int, quotes: list[str]) -> QuestionResult:
    return QuestionResult(
        question_id=question_id,
        position=question_id,
        text="What should change?",
        easy_read_text="What should change?",
        kind="free_text",
        picture_key="question",
        answered=Count(12),
        quotes=quotes,
    )


def _section(position: int, questions: list[QuestionResult]) -> PrincipleSection:
    return PrincipleSection(
        principle_id=position,
        position=position,
        title=f"Principle {position}",
        easy_read_title=f"Principle {position}",
        picture_key="",
        questions=questions,
    )


def test_quotes_stay_in_the_first_section_and_later_ones_point_to_it():
    shared, own = _result(1, [QUOTE]), _result(2, ["Only here."])
    placed = place_quotes_once([_section(1, [shared]), _section(3, [shared, own])])
    assert placed[0].questions[0].quotes == [QUOTE]
    assert placed[0].questions[0].quotes_in_section is None
    assert placed[1].questions[0].quotes == []
    assert placed[1].questions[0].quotes_in_section == 1
    assert placed[1].questions[1].quotes == ["Only here."]


def test_a_question_without_quotes_needs_no_reference():
    shared = _result(1, [])
    placed = place_quotes_once([_section(1, [shared]), _section(2, [shared])])
    assert placed[1].questions[0].quotes_in_section is None


def test_a_question_tagged_to_two_principles_prints_its_quote_once(app_context):
    survey = create_survey(questions=1, kinds=["free_text"])
    question = survey.questions[0]
    first, second = survey.framework.principles[0], survey.framework.principles[2]
    question.principles = [second, first]
    db.session.commit()
    for _ in range(12):
        add_response(survey, texts={1: "Good"})
    answer = db.session.query(Answer).filter(Answer.question_id == question.id).first()
    add_quote(answer, text=QUOTE, approved=True)
    html = what_we_heard(db.engine, survey.id, council_name="Test Council", output="html")
    page = html.decode() if isinstance(html, bytes) else html
    assert page.count(QUOTE) == 1
    later = page[page.index(f'id="principle-{second.position}"') :]
    assert QUOTE not in later
    assert f'href="#principle-{first.position}"' in later
    assert f'is in <a href="#principle-{first.position}">section {first.position}</a>' in later
