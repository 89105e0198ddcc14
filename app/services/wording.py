"""The words a resident sees for a survey: easy read or standard, in their language.

Survey content is translated per survey, question and option as Translation rows; a missing
translation falls back to English, and missing easy-read words fall back to standard ones.
Each text comes back as `Words`, a string that knows its own language: words shown in
English on a Welsh or Arabic page render inside `<span lang="en">` (docs/accessibility.md,
WCAG 3.1.2), so screen readers and read aloud say them with an English voice.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from markupsafe import Markup, escape
from sqlalchemy import select

from app.extensions import db
from app.languages import DEFAULT_LANGUAGE, text_direction
from app.models import Option, Question, Survey, Translation
from app.services import survey_cache
from app.services.transactions import transactional


class Words(str):
    """A text in a known language, shown on a page in another or the same language."""

    lang: str
    page_lang: str

    def __new__(cls, text: str, lang: str, page_lang: str) -> "Words":
        """Return `text`, written in `lang`, for a page in `page_lang`."""
        words = super().__new__(cls, text)
        words.lang = lang
        words.page_lang = page_lang
        return words

    @property
    def text(self) -> str:
        """Return the words as a plain string, for places that take no markup (a <title>)."""
        return str.__str__(self)

    @property
    def foreign(self) -> bool:
        """Say whether the words are in another language than the page around them."""
        return bool(self) and self.lang != self.page_lang

    def lines(self) -> list["Words"]:
        """Return each line that has words, in the same language."""
        lines = (line for line in self.splitlines() if line.strip())
        return [Words(line, self.lang, self.page_lang) for line in lines]

    def __html__(self) -> Markup:
        """Render escaped, marked with its language when the page is in another one."""
        if not self.foreign:
            return escape(self.text)
        direction = text_direction(self.lang)
        if direction == text_direction(self.page_lang):
            return Markup('<span lang="{0}">{1}</span>').format(self.lang, self.text)
        return Markup('<span lang="{0}" dir="{1}">{2}</span>').format(
            self.lang, direction, self.text
        )


@dataclass
class Wording:
    """Chooses the words for one survey, one language and easy read or not."""

    survey_id: int
    language: str = DEFAULT_LANGUAGE
    easy_read: bool = True
    _translations: Mapping[tuple[str, int, str], str] = field(default_factory=dict)

    @classmethod
    def load(cls, survey: Survey, *, language: str, easy_read: bool) -> "Wording":
        """Return the wording of a survey, its translations kept with its copy or read now."""
        wording = cls(survey.id, language, easy_read)
        if language == DEFAULT_LANGUAGE:
            return wording
        # A resident's survey is this process's copy: its translations came with it.
        kept = survey_cache.translations(survey, language)
        if kept is not None:
            wording._translations = kept
        else:
            rows = db.session.execute(
                select(
                    Translation.entity, Translation.entity_id, Translation.field, Translation.text
                )
                .where(Translation.language == language)
                .where(Translation.entity_id.in_(_ids(survey)))
            )
            wording._translations = {(e, i, f): text for e, i, f, text in rows}
        return wording

    def survey_title(self, survey: Survey) -> Words:
        """Return the survey's title."""
        return self._pick("survey", survey.id, survey, "title", "easy_read_title")

    def survey_intro(self, survey: Survey) -> Words:
        """Return the survey's introduction."""
        return self._pick("survey", survey.id, survey, "intro", "easy_read_intro")

    def contact(self, survey: Survey) -> Words:
        """Return who to ask for help with the survey."""
        return self._text("survey", survey.id, survey, "contact")

    def question(self, question: Question) -> Words:
        """Return the question's words."""
        return self._pick("question", question.id, question, "text", "easy_read_text")

    def hint(self, question: Question) -> Words:
        """Return the question's hint, if it has one."""
        return self._text("question", question.id, question, "hint")

    def option(self, option: Option) -> Words:
        """Return the option's words."""
        return self._pick("option", option.id, option, "label", "easy_read_label")

    def _pick(self, entity: str, entity_id: int, thing, standard: str, easy: str) -> Words:
        if self.easy_read:
            words = self._text(entity, entity_id, thing, easy)
            if words:
                return words
        return self._text(entity, entity_id, thing, standard)

    def _text(self, entity: str, entity_id: int, thing, name: str) -> Words:
        translated = self._translations.get((entity, entity_id, name))
        if translated:
            return Words(translated, self.language, self.language)
        return Words(getattr(thing, name) or "", DEFAULT_LANGUAGE, self.language)


def _ids(survey: Survey) -> list[int]:
    # Ids of different entities can collide; the entity column tells them apart.
    ids = {survey.id}
    for question in survey.questions:
        ids.add(question.id)
        ids.update(option.id for option in question.options)
    return sorted(ids)


@transactional
def add_translation(*, entity: str, entity_id: int, language: str, name: str, text: str) -> None:
    """Store one translated field (the translations pages save many at once)."""
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
    # New words change what residents see: a new version, so each worker loads its copy again.
    _survey_of(entity, entity_id).version += 1


def _survey_of(entity: str, entity_id: int) -> Survey:
    if entity == "option":
        return db.session.get(Option, entity_id).question.survey
    if entity == "question":
        return db.session.get(Question, entity_id).survey
    return db.session.get(Survey, entity_id)
