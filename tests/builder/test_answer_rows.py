"""Each answer keeps its own row when a question is changed: its translations and the branch
rules that read it stay with it. A removed answer goes with its translations, and removing
one that a rule reads is refused with nothing written."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Option, Question, QuestionKind, Survey, Translation
from app.services import audit, frameworks
from app.services.builder import details, questions
from app.services.builder.branch_rules import Rule, describe
from app.services.errors import ServiceError
from app.services.wording import Wording
from tests.builder import lead_pages
from tests.pages import check_page, get

LEAD = audit.Actor(None, "Sam Lead")
PLACES = ("Blaydon", "Felling", "Birtley", "None of these")


def _choice(text: str, labels, **extra) -> questions.QuestionDetails:
    return questions.QuestionDetails(
        kind=QuestionKind.SINGLE_CHOICE,
        text=text,
        easy_read_text=text,
        options=tuple(questions.OptionDetails(label=label) for label in labels),
        **extra,
    )


def _answers(*rows: tuple[str, int | None]) -> tuple[questions.OptionDetails, ...]:
    return tuple(questions.OptionDetails(label=label, option_id=id_) for label, id_ in rows)


@pytest.fixture
def survey(app_context) -> Survey:
    frameworks.load_all_frameworks()
    return details.create_blank(LEAD, details.SurveyDetails(title="Libraries in Gateshead"))


def _add(survey: Survey, text: str, labels, **extra) -> Question:
    return questions.add_question(LEAD, survey.id, survey.version, _choice(text, labels, **extra))


def _change(survey: Survey, question: Question, text: str, options) -> Question:
    wanted = questions.QuestionDetails(
        kind=QuestionKind.SINGLE_CHOICE, text=text, easy_read_text=text, options=options
    )
    return questions.update_question(LEAD, survey.id, survey.version, question.id, wanted)


def _welsh(question: Question, label: str, text: str) -> None:
    option = next(o for o in question.options if o.label == label)
    db.session.add(
        Translation(entity="option", entity_id=option.id, language="cy", field="label", text=text)
    )
    db.session.commit()


def _welsh_answers(survey: Survey, question: Question) -> list[str]:
    db.session.expire_all()
    wording = Wording.load(survey, language="cy", easy_read=False)
    return [str(wording.option(option)) for option in question.options]


def _with_welsh(survey: Survey) -> Question:
    question = _add(survey, "Which library do you use?", PLACES)
    _welsh(question, "Felling", "Felling (CY)")
    _welsh(question, "Birtley", "Birtley (CY)")
    return question


def _translations() -> int:
    return db.session.scalar(select(func.count()).select_from(Translation))


def test_removing_an_answer_keeps_the_translations_of_the_others(survey):
    question = _with_welsh(survey)
    kept = {o.label: o.id for o in question.options if o.label != "Felling"}
    rows = [(label, kept[label]) for label in ("Blaydon", "Birtley", "None of these")]

    _change(survey, question, "Which library do you use?", _answers(*rows))

    assert [(o.label, o.id) for o in question.options] == rows
    assert _welsh_answers(survey, question) == ["Blaydon", "Birtley (CY)", "None of these"]
    assert _translations() == 1


def test_answers_sent_without_their_row_are_known_by_their_words(survey):
    question = _with_welsh(survey)
    birtley = next(o.id for o in question.options if o.label == "Birtley")

    _change(
        survey, question, "Which library?", _choice("", ("Blaydon", "Birtley", "Ryton")).options
    )

    assert [o.label for o in question.options] == ["Blaydon", "Birtley", "Ryton"]
    assert question.options[1].id == birtley
    assert _welsh_answers(survey, question) == ["Blaydon", "Birtley (CY)", "Ryton"]


def test_moving_answers_keeps_each_ones_row_translations_and_rules(survey):
    question = _with_welsh(survey)
    follow_up = _add(survey, "What do you borrow there?", ("Books", "Films"), show_if=Rule(1, (3,)))
    ids = {o.label: o.id for o in question.options}
    order = ("None of these", "Birtley", "Blaydon", "Felling")

    _change(survey, question, "Which library?", _answers(*((label, ids[label]) for label in order)))

    assert [(o.label, o.id, o.position) for o in question.options] == [
        (label, ids[label], position) for position, label in enumerate(order, start=1)
    ]
    assert _welsh_answers(survey, question) == [
        "None of these",
        "Birtley (CY)",
        "Blaydon",
        "Felling (CY)",
    ]
    assert describe(follow_up) == "Asked only when the answer to question 1 is “Birtley”"


def test_removing_an_answer_a_rule_reads_is_refused_and_nothing_is_written(survey):
    _add(survey, "Do you go to the day centre?", ("Yes", "No"))
    lunch = _add(survey, "What do you like there?", ("Lunch", "Games", "Friends"))
    _add(survey, "What do you like to eat?", ("Soup", "Pie"), show_if=Rule(2, (1,)))
    version = survey.version
    ids = {o.label: o.id for o in lunch.options}

    with pytest.raises(ServiceError, match="Question 3 depends on the answer “Lunch”"):
        _change(
            survey, lunch, "What do you like?", _answers(("Games", ids["Games"]), ("Friends", None))
        )

    db.session.expire_all()
    survey = db.session.get(Survey, survey.id)
    assert survey.version == version
    assert [(o.label, o.id) for o in survey.questions[1].options] == list(ids.items())
    assert describe(survey.questions[2]) == "Asked only when the answer to question 2 is “Lunch”"


def test_removing_an_answer_no_rule_reads_keeps_the_rule_on_its_answer(survey):
    _add(survey, "Do you go to the day centre?", ("Yes", "No"))
    likes = _add(survey, "What do you like there?", ("Lunch", "Games", "Friends"))
    _add(survey, "Which games?", ("Cards", "Bingo"), show_if=Rule(2, (2,)))
    ids = {o.label: o.id for o in likes.options}

    _change(
        survey,
        likes,
        "What do you like?",
        _answers(("Games", ids["Games"]), ("Friends", ids["Friends"])),
    )

    assert describe(survey.questions[2]) == "Asked only when the answer to question 2 is “Games”"
    assert survey.questions[2].show_if_option_ids == [ids["Games"]]


def test_a_deleted_question_takes_its_translations_with_it(survey):
    question = _with_welsh(survey)

    questions.delete_question(LEAD, survey.id, survey.version, question.id)

    assert _translations() == 0


def test_emptying_an_answers_row_on_the_page_removes_only_that_answer(client, lead):
    survey = lead_pages.create(client)
    saved = lead_pages.add(client, survey.id, **lead_pages.options(*PLACES))
    assert saved.status_code == 303
    question = db.session.scalar(select(Question))
    _welsh(question, "Felling", "Felling (CY)")
    _welsh(question, "Birtley", "Birtley (CY)")

    edited = lead_pages.post_question(
        client,
        survey.id,
        f"questions/{question.id}/edit",
        kind="single_choice",
        text="Which library do you use?",
        easy_read_text="Which library do you use?",
        picture_key="place",
        **lead_pages.options(*PLACES) | {"option-2-label": ""},
    )

    assert edited.status_code == 303, check_page(edited).text(".govuk-error-summary")
    survey = db.session.get(Survey, survey.id)
    assert [o.label for o in question.options] == ["Blaydon", "Birtley", "None of these"]
    assert _welsh_answers(survey, question) == ["Blaydon", "Birtley (CY)", "None of these"]
    assert db.session.scalar(select(func.count()).select_from(Option)) == 3


def test_the_page_refuses_to_remove_an_answer_a_rule_reads(client, lead):
    survey = lead_pages.create(client)
    lead_pages.add(client, survey.id, **lead_pages.options("Yes", "No"))
    likes = {
        "text": "What do you like there?",
        "easy_read_text": "What do you like there?",
        **lead_pages.options("Lunch", "Games", "Friends"),
    }
    lead_pages.add(client, survey.id, **likes)
    lead_pages.add(
        client,
        survey.id,
        text="What do you like to eat?",
        easy_read_text="What do you like to eat?",
        show_if="2:1",
    )
    second = db.session.scalar(select(Question).where(Question.position == 2))
    changes = lead_pages.survey_changes()

    page = check_page(
        lead_pages.post_question(
            client,
            survey.id,
            f"questions/{second.id}/edit",
            **likes | {"kind": "single_choice", "picture_key": "place", "option-1-label": ""},
        )
    )

    assert page.status == 400
    assert "Question 3 depends on the answer “Lunch”" in page.text(".govuk-error-summary")
    assert lead_pages.survey_changes() == changes
    db.session.expire_all()
    assert [o.label for o in db.session.get(Question, second.id).options] == [
        "Lunch",
        "Games",
        "Friends",
    ]


def test_answers_moved_on_the_edit_page_keep_their_rows_by_the_ids_the_page_sends(client, lead):
    survey = lead_pages.create(client)
    lead_pages.add(client, survey.id, **lead_pages.options(*PLACES))
    question = db.session.scalar(select(Question))
    ids = {o.label: o.id for o in question.options}
    _welsh(question, "Felling", "Felling (CY)")
    url = f"/staff/surveys/{survey.id}/questions/{question.id}/edit"
    form = get(client, url).all(f"form[action$='questions/{question.id}/edit']")[0]
    fields = dict(form.form_values())
    assert fields["option-2-id"] == str(ids["Felling"])
    # The lead swaps the first two answers, words and rows together, as the page sends them.
    for part in ("id", "label"):
        fields[f"option-1-{part}"], fields[f"option-2-{part}"] = (
            fields[f"option-2-{part}"],
            fields[f"option-1-{part}"],
        )

    assert client.post(url, data=fields).status_code == 303

    db.session.expire_all()
    question = db.session.get(Question, question.id)
    assert [(o.label, o.id) for o in question.options] == [
        ("Felling", ids["Felling"]),
        ("Blaydon", ids["Blaydon"]),
        ("Birtley", ids["Birtley"]),
        ("None of these", ids["None of these"]),
    ]
    assert _welsh_answers(survey, question)[0] == "Felling (CY)"
