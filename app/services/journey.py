"""The resident journey's rules: which page comes next, where to carry on, how far along.

Pure functions over a survey and the answers so far (a draft's JSON, keyed by question id):
no database and no Flask. Which questions are asked is `branching`'s rule; this module puts
the pages around them in order (start, the questions asked, "how did you answer", check your
answers) and returns a `Step`, which a view turns into an address.
"""

from dataclasses import dataclass
from enum import StrEnum

from app.models import Channel, Question, Survey
from app.services import branching

# Group sessions and imports record who answered for the whole response instead.
_NO_SUPPORT_QUESTION = frozenset({Channel.GROUP.value, Channel.IMPORT.value})


class Page(StrEnum):
    """The kinds of page a journey goes through."""

    START = "start"
    QUESTION = "question"
    SUPPORT = "support"
    CHECK = "check"


@dataclass(frozen=True)
class Step:
    """A page of the journey; for a question, which one, and whether answers are being changed."""

    page: Page
    question: Question | None = None
    changing: bool = False


@dataclass(frozen=True)
class Progress:
    """ "Question `number` of `total`", counting only the questions this person is asked.

    `total` counts the questions asked so far and those later answers could still bring in,
    so it never grows as the person goes on; `exact` says no answer still to come can make
    it smaller.
    """

    number: int
    total: int
    exact: bool = True


@dataclass(frozen=True)
class QuestionCount:
    """How many questions a survey asks: `most` a person can be asked, `fewest` anyone is."""

    most: int
    fewest: int

    @property
    def exact(self) -> bool:
        """Say whether everyone is asked the same number of questions."""
        return self.most == self.fewest


START = Step(Page.START)
SUPPORT = Step(Page.SUPPORT)
CHECK = Step(Page.CHECK)


def asks_support(channel: str) -> bool:
    """Say whether "how did you answer?" is asked of journeys on this channel."""
    return channel not in _NO_SUPPORT_QUESTION


def next_step(
    survey: Survey, answers: dict[str, dict], current: Question, *, changing: bool, channel: str
) -> Step:
    """Return the page after answering `current`.

    While changing an answer from the check page, a question the new answer reveals is asked
    before going back to the check page.
    """
    if changing:
        unanswered = first_unanswered(survey, answers)
        return CHECK if unanswered is None else Step(Page.QUESTION, unanswered, changing=True)
    following = branching.next_question(survey, answers, current)
    if following is not None:
        return Step(Page.QUESTION, following)
    return SUPPORT if asks_support(channel) else CHECK


def where_to_carry_on(survey: Survey, answers: dict[str, dict]) -> Step:
    """Return where a person coming back to a saved draft carries on."""
    unanswered = first_unanswered(survey, answers)
    return CHECK if unanswered is None else Step(Page.QUESTION, unanswered)


def first_unanswered(survey: Survey, answers: dict[str, dict]) -> Question | None:
    """Return the first question asked but not answered (a skipped one counts as answered)."""
    asked = branching.asked_questions(survey, answers)
    return next((question for question in asked if str(question.id) not in answers), None)


def first_missing(survey: Survey, answers: dict[str, dict]) -> Question | None:
    """Return the first required question asked that has no answer, which blocks sending."""
    asked = branching.asked_questions(survey, answers)
    return next((q for q in asked if q.required and not answers.get(str(q.id))), None)


def progress(survey: Survey, answers: dict[str, dict], current: Question) -> Progress:
    """Return how far along `current` is among the questions this person is asked."""
    asked = branching.asked_questions(survey, answers)
    number = asked.index(current) + 1 if current in asked else current.position
    possible = len(questions_that_could_be_asked(survey, answers))
    return Progress(number, max(possible, number), exact=possible == len(asked))


def question_count(survey: Survey) -> QuestionCount:
    """Return how many questions the survey asks, for its start page."""
    return QuestionCount(
        most=len(questions_that_could_be_asked(survey, {})),
        fewest=len(branching.asked_questions(survey, {})),
    )


def questions_that_could_be_asked(survey: Survey, answers: dict[str, dict]) -> list[Question]:
    """Return the questions asked, and those that answers not given yet could still bring in.

    Answering only ever rules questions out of this list, so its length never grows as a
    person goes forward.
    """
    possible: list[Question] = []
    possible_ids: set[int] = set()
    for question in survey.questions:
        if _could_be_asked(question, answers, possible_ids):
            possible.append(question)
            possible_ids.add(question.id)
    return possible


def _could_be_asked(question: Question, answers: dict[str, dict], possible_ids: set[int]) -> bool:
    asked_if = question.show_if_question_id
    if asked_if is None:
        return True
    if asked_if not in possible_ids:
        return False
    if str(asked_if) not in answers:
        return True
    chosen = answers[str(asked_if)].get("options", [])
    return bool(set(chosen) & set(question.show_if_option_ids or []))


def step_back(survey: Survey, answers: dict[str, dict], current: Question) -> Step:
    """Return the page before `current`: the question asked before it, or the start."""
    previous = branching.previous_question(survey, answers, current)
    return START if previous is None else Step(Page.QUESTION, previous)


def step_before_support(survey: Survey, answers: dict[str, dict]) -> Step:
    """Return the page before "how did you answer?": the last question asked, or the start."""
    asked = branching.asked_questions(survey, answers)
    return Step(Page.QUESTION, asked[-1]) if asked else START


def steps_to_check(survey: Survey, answers: dict[str, dict], *, channel: str) -> list[Step]:
    """Return the pages the check page lists, in order, each a way to change an answer."""
    steps = [
        Step(Page.QUESTION, question, changing=True)
        for question in branching.asked_questions(survey, answers)
    ]
    return [*steps, SUPPORT] if asks_support(channel) else steps
