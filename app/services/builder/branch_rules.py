"""Branch rules: "ask this question only when question N has one of these answers".

A rule may only point at an earlier question that has answers to choose; a move that would
put a question before the one its rule reads, and deleting a question or answer a rule
reads, are refused with the reason.
"""

from dataclasses import dataclass

from app.models import Option, Question, Survey
from app.services.errors import ServiceError


@dataclass(frozen=True)
class Rule:
    """Ask only when the question at `position` was answered with one of these answers."""

    position: int
    option_positions: tuple[int, ...]


def rule_of(question: Question) -> Rule | None:
    """Return the question's rule in positions (as a lead sees it), or None."""
    if question.show_if_question_id is None:
        return None
    source = next(q for q in question.survey.questions if q.id == question.show_if_question_id)
    chosen = set(question.show_if_option_ids or [])
    return Rule(source.position, tuple(o.position for o in source.options if o.id in chosen))


def describe(question: Question) -> str:
    """Say the question's rule in words, or return an empty string when it has none."""
    rule = rule_of(question)
    if rule is None:
        return ""
    source = next(q for q in question.survey.questions if q.position == rule.position)
    answers = [o.label for o in source.options if o.position in rule.option_positions]
    return f"Asked only when the answer to question {rule.position} is " + " or ".join(
        f"“{answer}”" for answer in answers
    )


def apply(question: Question, rule: Rule | None) -> None:
    """Set the question's rule, or refuse one that points at a later or unsuitable question."""
    if rule is None:
        question.show_if_question_id = None
        question.show_if_option_ids = None
        return
    source = _source(question, rule)
    chosen = [o.id for o in source.options if o.position in rule.option_positions]
    if not chosen or len(chosen) != len(set(rule.option_positions)):
        raise ServiceError(f"Choose answers of question {source.position}", field="show_if")
    question.show_if_question_id = source.id
    question.show_if_option_ids = chosen


def _source(question: Question, rule: Rule) -> Question:
    """Return the earlier question a rule reads, or refuse the rule."""
    source = next((q for q in question.survey.questions if q.position == rule.position), None)
    if source is None or source.position >= question.position:
        raise ServiceError(
            "A question can only depend on a question that comes before it", field="show_if"
        )
    if not source.kind.has_options:
        raise ServiceError(
            f"Question {source.position} has no answers to choose, so nothing can depend on it",
            field="show_if",
        )
    return source


def check_order(questions: list[Question]) -> None:
    """Refuse an order in which a question comes before the question its rule reads."""
    seen: set[int] = set()
    for question in questions:
        if question.show_if_question_id is not None and question.show_if_question_id not in seen:
            raise ServiceError(
                "This move would put a question before the question it depends on. "
                "Change or remove its rule first."
            )
        seen.add(question.id)


def refuse_if_depended_on(survey: Survey, question: Question) -> None:
    """Refuse to delete a question that another question's rule reads."""
    if dependants := [q for q in survey.questions if q.show_if_question_id == question.id]:
        numbers = ", ".join(str(q.position) for q in dependants)
        raise ServiceError(
            f"Question {numbers} depends on the answer to this question. "
            "Change or remove that rule first."
        )


def refuse_if_option_depended_on(question: Question, option: Option) -> None:
    """Refuse to remove an answer that another question's rule reads."""
    dependants = [q for q in question.survey.questions if option.id in (q.show_if_option_ids or [])]
    if dependants:
        raise ServiceError(
            f"Question {dependants[0].position} depends on the answer “{option.label}”. "
            "Change or remove that rule first.",
            field="options",
        )
