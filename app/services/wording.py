"""The words a resident sees for a survey: easy read or standard, in their language.

Survey content is translated per survey, question and option as Translation rows; a missing
translation falls back to English, and missing easy-read words fall back to standard ones.
"""

from dataclasses import dataclass, field

from sqlalchemy import select

from app.extensions import db
from app.models import Option, Question, Survey, Translation
from app.services.transactions import transactional

DEFAULT_LANGUAGE = "en"


@dataclass
class Wording:
    """Chooses the words for one survey, one language and easy read or not."""

    survey_id: int
    language: str = DEFAULT_LANGUAGE
    easy_read: bool = True
    _translations: dict[tuple[str, int, str], str] = field(default_factory=dict)

    @classmethod
    def load(cls, survey: Survey, *, language: str, easy_read: bool) -> "Wording":
        """Return the wording of a survey, its translations read in one query."""
        wording = cls(survey.id, language, easy_read)
        if language != DEFAULT_LANGUAGE:
            rows = db.session.execute(
                select(
                    Translation.entity, Translation.entity_id, Translation.field, Translation.text
                )
                .where(Translation.language == language)
                .where(Translation.entity_id.in_(_ids(survey)))
            )
            wording._translations = {(e, i, f): text for e, i, f, text in rows}
        return wording

    def survey_title(self, survey: Survey) -> str:
        """Return the survey's title."""
        return self._pick("survey", survey.id, survey, "title", "easy_read_title")

    def question(self, question: Question) -> str:
        """Return the question's words."""
        return self._pick("question", question.id, question, "text", "easy_read_text")

    def hint(self, question: Question) -> str:
        """Return the question's hint, if it has one."""
        return self._text("question", question.id, question, "hint")

    def option(self, option: Option) -> str:
        """Return the option's words."""
        return self._pick("option", option.id, option, "label", "easy_read_label")

    def _pick(self, entity: str, entity_id: int, thing, standard: str, easy: str) -> str:
        if self.easy_read:
            words = self._text(entity, entity_id, thing, easy)
            if words:
                return words
        return self._text(entity, entity_id, thing, standard)

    def _text(self, entity: str, entity_id: int, thing, name: str) -> str:
        translated = self._translations.get((entity, entity_id, name))
        return translated or getattr(thing, name) or ""


def _ids(survey: Survey) -> list[int]:
    # Ids of different entities can collide; the entity column tells them apart.
    ids = {survey.id}
    for question in survey.questions:
        ids.add(question.id)
        ids.update(option.id for option in question.options)
    return sorted(ids)


@transactional
def add_translation(*, entity: str, entity_id: int, language: str, name: str, text: str) -> None:
    """Store one translated field (the survey builder will add an editor)."""
    row = db.session.scalar(
        select(Translation).where(
            Translation.entity == entity,
            Translation.entity_id == entity_id,
            Translation.language == language,
            Translation.field == name,
        )
    ) or Translation(entity=entity, entity_id=entity_id, language=language, field=name)
    row.text = text
    db.session.add(row)
