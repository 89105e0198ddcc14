"""Which questions a person is asked, given their answers so far.

A question with a rule ("show if question X has one of options […]") is asked only when the
earlier answer matches, and only when question X was itself asked. Pure functions.
"""

from app.models import Question, Survey


def asked_questions(survey: Survey, answers: dict[str, dict]) -> list[Question]:
    """Return the questions this person is asked, in order."""
    asked: list[Question] = []
    asked_ids: set[int] = set()
    for question in survey.questions:
        if _rule_matches(question, answers, asked_ids):
            asked.append(question)
            asked_ids.add(question.id)
    return asked


def next_question(survey: Survey, answers: dict[str, dict], after: Question) -> Question | None:
    """Return the next question asked after `after`, or None when there are no more."""
    return next((q for q in asked_questions(survey, answers) if q.position > after.position), None)


def previous_question(
    survey: Survey, answers: dict[str, dict], before: Question
) -> Question | None:
    """Return the question asked before `before`, or None when it is the first."""
    earlier = [q for q in asked_questions(survey, answers) if q.position < before.position]
    return earlier[-1] if earlier else None


def _rule_matches(question: Question, answers: dict[str, dict], asked_ids: set[int]) -> bool:
    if question.show_if_question_id is None:
        return True
    if question.show_if_question_id not in asked_ids:
        return False
    chosen = (answers.get(str(question.show_if_question_id)) or {}).get("options", [])
    return bool(set(chosen) & set(question.show_if_option_ids or []))
