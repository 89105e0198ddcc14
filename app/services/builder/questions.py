"""Add, change, move and delete a survey's questions, their answers, pictures and principles.

Once people have answered, a question's meaning is fixed: its words may be corrected (old
and new words, who, when and why are recorded) but its kind, its answers' number and order
and its branch rule cannot change, and questions cannot be added, moved or deleted.
"""

from dataclasses import dataclass, field

from sqlalchemy import delete

from app.extensions import db
from app.models import Option, Principle, Question, QuestionKind, Translation, WordingChange
from app.services import audit, pictures
from app.services.builder import branch_rules, editing
from app.services.errors import NotFound, ServiceError
from app.services.transactions import transactional

TEXT_MAX = 500
HINT_MAX = 1000
LABEL_MAX = 300
MOST_OPTIONS = 30
MOST_QUESTIONS = 100
NUMBER_RANGE = (-1_000_000, 1_000_000)
FIXED_ONCE_ANSWERED = (
    "People have already answered this survey, so this change would alter what their answers "
    "mean. You can correct the words, or make a copy of the survey and change the copy."
)


@dataclass(frozen=True)
class OptionDetails:
    """One answer a resident can choose; `option_id` is its row when it has one already."""

    label: str
    easy_read_label: str = ""
    picture_key: str = ""
    exclusive: bool = False
    option_id: int | None = None


@dataclass(frozen=True)
class QuestionDetails:
    """A question as the lead typed it."""

    kind: QuestionKind
    text: str
    easy_read_text: str = ""
    hint: str = ""
    picture_key: str = "question"
    required: bool = True
    max_choices: int | None = None
    min_number: int | None = None
    max_number: int | None = None
    principle_keys: tuple[str, ...] = ()
    options: tuple[OptionDetails, ...] = ()
    show_if: branch_rules.Rule | None = None
    section: str = "main"
    reason: str = field(default="", compare=False)


@transactional
def add_question(
    actor: audit.Actor, survey_id: int, seen_version: int, details: QuestionDetails
) -> Question:
    """Add a question at the end of the survey."""
    with editing.change(survey_id, seen_version, actor, "question.added") as current:
        if current.has_responses():
            raise ServiceError(FIXED_ONCE_ANSWERED)
        survey = current.survey
        if len(survey.questions) >= MOST_QUESTIONS:
            raise ServiceError(f"A survey can have up to {MOST_QUESTIONS} questions")
        clean = _checked(details, survey.framework.principles)
        question = Question(position=len(survey.questions) + 1)
        with db.session.no_autoflush:
            _apply(question, clean, survey.framework.principles)
            survey.questions.append(question)
        db.session.flush()
        branch_rules.apply(question, details.show_if)
        current.details["question"] = question.position
    return question


@transactional
def update_question(
    actor: audit.Actor,
    survey_id: int,
    seen_version: int,
    question_id: int,
    details: QuestionDetails,
) -> Question:
    """Save a question; after the first response, only corrections to its words."""
    with editing.change(survey_id, seen_version, actor, "question.changed") as current:
        question = _question(current.survey, question_id)
        clean = _checked(details, current.survey.framework.principles)
        answered = current.has_responses()
        if answered:
            _refuse_meaning_change(question, clean)
            _record_wording(question, clean, actor)
        _apply(question, clean, current.survey.framework.principles, answered=answered)
        db.session.flush()
        branch_rules.apply(question, details.show_if)
        current.details["question"] = question.position
    return question


@transactional
def move_question(
    actor: audit.Actor, survey_id: int, seen_version: int, question_id: int, step: int
) -> Question:
    """Move a question one place up (step -1) or down (step +1)."""
    with editing.change(survey_id, seen_version, actor, "question.moved") as current:
        if current.has_responses():
            raise ServiceError(FIXED_ONCE_ANSWERED)
        questions = list(current.survey.questions)
        question = _question(current.survey, question_id)
        index = questions.index(question)
        other = index + (1 if step > 0 else -1)
        if not 0 <= other < len(questions):
            return question
        questions[index], questions[other] = questions[other], questions[index]
        branch_rules.check_order(questions)
        _renumber(questions)
        current.details["question"] = question.position
    return question


@transactional
def delete_question(
    actor: audit.Actor, survey_id: int, seen_version: int, question_id: int
) -> None:
    """Delete a question that no branch rule depends on."""
    with editing.change(survey_id, seen_version, actor, "question.deleted") as current:
        if current.has_responses():
            raise ServiceError(FIXED_ONCE_ANSWERED)
        question = _question(current.survey, question_id)
        branch_rules.refuse_if_depended_on(current.survey, question)
        current.details["question"] = question.position
        _forget_translations("option", [option.id for option in question.options])
        _forget_translations("question", [question.id])
        current.survey.questions.remove(question)
        db.session.flush()
        _renumber(list(current.survey.questions))


def _question(survey, question_id: int) -> Question:
    question = next((q for q in survey.questions if q.id == question_id), None)
    if question is None:
        raise NotFound("We cannot find this question")
    return question


def _renumber(questions: list[Question]) -> None:
    # Two steps, so the unique (survey, position) pairs never collide half-way.
    for offset, question in enumerate(questions, start=1):
        question.position = -offset
    db.session.flush()
    for position, question in enumerate(questions, start=1):
        question.position = position


def _checked(details: QuestionDetails, principles: list[Principle]) -> QuestionDetails:
    if not details.text.strip():
        raise ServiceError("Enter the question", field="text")
    for name, most in (("text", TEXT_MAX), ("easy_read_text", TEXT_MAX), ("hint", HINT_MAX)):
        if len(getattr(details, name)) > most:
            raise ServiceError(f"This must be {most:,} characters or fewer", field=name)
    _check_picture(details.picture_key, "picture_key")
    known = {principle.key for principle in principles}
    if unknown := [key for key in details.principle_keys if key not in known]:
        raise ServiceError(
            f"{', '.join(unknown)} is not a principle of this survey's framework",
            field="principles",
        )
    _check_options(details)
    _check_numbers(details)
    return details


def _check_options(details: QuestionDetails) -> None:
    if not details.kind.has_options:
        if details.options:
            raise ServiceError("This kind of question has no answers to choose", field="options")
        return
    labels = [option.label.strip() for option in details.options]
    _check_labels(labels)
    for option in details.options:
        if max(len(option.label), len(option.easy_read_label)) > LABEL_MAX:
            raise ServiceError(f"Answers must be {LABEL_MAX} characters or fewer", field="options")
        _check_picture(option.picture_key, "options")
    most = details.max_choices
    if most is not None and not 1 <= most <= len(labels):
        raise ServiceError(
            f"The most answers a person can choose must be from 1 to {len(labels)}",
            field="max_choices",
        )


def _check_labels(labels: list[str]) -> None:
    if len([label for label in labels if label]) < 2:
        raise ServiceError("Enter at least 2 answers to choose from", field="options")
    if len(labels) > MOST_OPTIONS:
        raise ServiceError(f"A question can have up to {MOST_OPTIONS} answers", field="options")
    if "" in labels or len({label.casefold() for label in labels}) != len(labels):
        raise ServiceError("Each answer must have its own words", field="options")


def _check_numbers(details: QuestionDetails) -> None:
    low, high = details.min_number, details.max_number
    for name, value in (("min_number", low), ("max_number", high)):
        if value is not None and not NUMBER_RANGE[0] <= value <= NUMBER_RANGE[1]:
            raise ServiceError("Enter a number from -1,000,000 to 1,000,000", field=name)
    if low is not None and high is not None and high < low:
        raise ServiceError(
            "The largest number must not be less than the smallest", field="max_number"
        )


def _check_picture(key: str, field_name: str) -> None:
    # No picture is allowed here; the easy-read checks warn about it instead.
    if key and key not in pictures.picture_keys():
        raise ServiceError(f"There is no picture called {key!r} in the library", field=field_name)


def _apply(
    question: Question,
    details: QuestionDetails,
    principles: list[Principle],
    *,
    answered: bool = False,
) -> None:
    question.kind = details.kind
    for name in ("text", "easy_read_text", "hint"):
        setattr(question, name, getattr(details, name).strip())
    question.picture_key = details.picture_key
    question.required = details.required
    question.section = details.section
    multiple = details.kind == QuestionKind.MULTIPLE_CHOICE
    question.max_choices = details.max_choices if multiple else None
    numbers = details.kind == QuestionKind.WHOLE_NUMBER
    question.min_number = details.min_number if numbers else None
    question.max_number = details.max_number if numbers else None
    keys = set(details.principle_keys)
    question.principles = [principle for principle in principles if principle.key in keys]
    rows = list(question.options) if answered else _rows_of(question, details.options)
    _apply_options(question, details.options, rows)


def _rows_of(question: Question, options: tuple[OptionDetails, ...]) -> list[Option | None]:
    """Return the row each answer already has, or None for a new answer.

    An answer is known by the row id its form sends, or else by its words. Branch rules and
    translations point at a row's id, so an answer must never take over another one's row.
    """
    unclaimed = {option.id: option for option in question.options}
    rows = [unclaimed.pop(details.option_id, None) for details in options]
    by_words = {option.label.strip().casefold(): option for option in unclaimed.values()}
    return [
        row or by_words.pop(details.label.strip().casefold(), None)
        for row, details in zip(rows, options, strict=True)
    ]


def _apply_options(
    question: Question, options: tuple[OptionDetails, ...], rows: list[Option | None]
) -> None:
    """Save the answers in their new order: kept answers keep their rows, removed answers
    go with their translations, and new answers get new rows."""
    _drop_removed_and_free_positions(question, rows)
    for position, (details, row) in enumerate(zip(options, rows, strict=True), start=1):
        option = row or Option()
        option.position = position
        option.label = details.label.strip()
        option.easy_read_label = details.easy_read_label.strip()
        option.picture_key = details.picture_key
        option.exclusive = details.exclusive
        if row is None:
            question.options.append(option)
    question.options.sort(key=lambda option: option.position)


def _drop_removed_and_free_positions(question: Question, rows: list[Option | None]) -> None:
    """Delete the answers not in `rows` (refused if a rule reads one), with their
    translations, and move the kept ones out of the way of their new positions."""
    removed = [option for option in question.options if option not in rows]
    for option in removed:
        branch_rules.refuse_if_option_depended_on(question, option)
    kept = [row for row in rows if row is not None]
    _forget_translations("option", [option.id for option in removed])
    for option in removed:
        question.options.remove(option)
    # Two steps, so the unique (question, position) pairs never collide half-way.
    for offset, option in enumerate(kept, start=1):
        option.position = -offset
    db.session.flush()


def _forget_translations(entity: str, ids: list[int]) -> None:
    """Delete the translations of rows that are being deleted, so no new row inherits them."""
    if ids:
        db.session.execute(
            delete(Translation).where(Translation.entity == entity, Translation.entity_id.in_(ids))
        )


def _refuse_meaning_change(question: Question, details: QuestionDetails) -> None:
    same_options = len(details.options) == len(question.options) and all(
        new.exclusive == old.exclusive and new.option_id in (None, old.id)
        for new, old in zip(details.options, question.options, strict=False)
    )
    rule = branch_rules.rule_of(question)
    if details.kind != question.kind or not same_options or details.show_if != rule:
        raise ServiceError(FIXED_ONCE_ANSWERED)
    if (details.min_number, details.max_number, details.max_choices) != (
        question.min_number,
        question.max_number,
        question.max_choices,
    ):
        raise ServiceError(FIXED_ONCE_ANSWERED)


def _record_wording(question: Question, details: QuestionDetails, actor: audit.Actor) -> None:
    changes = [
        ("question", question.id, name, getattr(question, name), getattr(details, name).strip())
        for name in ("text", "easy_read_text", "hint")
    ]
    for old, new in zip(question.options, details.options, strict=True):
        changes += [
            ("option", old.id, "label", old.label, new.label.strip()),
            ("option", old.id, "easy_read_label", old.easy_read_label, new.easy_read_label.strip()),
        ]
    changes = [change for change in changes if change[3] != change[4]]
    if changes and not details.reason.strip():
        raise ServiceError(
            "People have already answered this survey. Say why you are changing these words: "
            "the report lists every change.",
            field="reason",
        )
    for entity, entity_id, name, old, new in changes:
        db.session.add(
            WordingChange(
                survey_id=question.survey_id,
                entity=entity,
                entity_id=entity_id,
                field=name,
                old_text=old,
                new_text=new,
                reason=details.reason.strip(),
                changed_by_id=actor.user_id,
            )
        )
