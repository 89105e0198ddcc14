"""Build the checks' plain inputs from a saved Survey, Question or Option, reading their
attributes only, so the checks themselves stay free of the database."""

from app.models import Option, Question, Survey
from app.services.easy_read_checks.inputs import OptionText, QuestionText, SurveyText


def option_text(option: Option) -> OptionText:
    """Return an option's words and picture."""
    return OptionText(
        label=option.label or "",
        easy_read_label=option.easy_read_label or "",
        picture_key=option.picture_key or "",
    )


def question_text(question: Question) -> QuestionText:
    """Return a question's words, kind, picture and answers."""
    return QuestionText(
        text=question.text or "",
        easy_read_text=question.easy_read_text or "",
        hint=question.hint or "",
        kind=str(question.kind),
        picture_key=question.picture_key or "",
        options=tuple(option_text(option) for option in question.options),
    )


def survey_text(survey: Survey) -> SurveyText:
    """Return a survey's words, picture and questions in order."""
    return SurveyText(
        title=survey.title or "",
        easy_read_title=survey.easy_read_title or "",
        intro=survey.intro or "",
        easy_read_intro=survey.easy_read_intro or "",
        contact=survey.contact or "",
        picture_key=survey.picture_key or "",
        questions=tuple(question_text(question) for question in survey.questions),
    )
