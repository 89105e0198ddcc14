"""Translate a survey's own words: what there is to translate, saving it, and PO files.

A survey's translatable texts are its title and introduction (standard and easy-read words)
and contact line, each question's words, easy-read words and hint, and each answer's label
and easy-read label; texts with no English words are left out. A translation is a
`Translation` row; saving an empty box removes it, so the resident page falls back to English
(and marks it so, see `services.wording`). For a translator, a survey and language go out as
a gettext PO file (through `polib`): each entry's context names the text, its msgid is the
English, its msgstr the translation, and the header names the survey and a hash of all its
English words. Importing refuses, with nothing written, a file that is over 1 MB, not a PO
file, for another survey or language, or made from English words that have changed since.
"""

import hashlib
import json
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import polib
from sqlalchemy import select

from app.extensions import db
from app.languages import survey_languages
from app.models import Survey, SurveyStatus, Translation
from app.services import audit
from app.services.errors import NotFound, ServiceError
from app.services.surveys import get_survey
from app.services.transactions import transactional

MAX_FILE_BYTES = 1024 * 1024
# The same limits as the English words they translate (services.builder).
TITLE_MAX = 200
LABEL_MAX = 300
TEXT_MAX = 5000
# Each entity's translatable fields: (field, what it is, most characters).
FIELDS: dict[str, tuple[tuple[str, str, int], ...]] = {
    "survey": (
        ("title", "Title (standard words)", TITLE_MAX),
        ("easy_read_title", "Title (easy read)", TITLE_MAX),
        ("intro", "Introduction (standard words)", TEXT_MAX),
        ("easy_read_intro", "Introduction (easy read)", TEXT_MAX),
        ("contact", "Who to contact for help", TEXT_MAX),
    ),
    "question": (
        ("text", "Question (standard words)", TEXT_MAX),
        ("easy_read_text", "Question (easy read)", TEXT_MAX),
        ("hint", "Hint", TEXT_MAX),
    ),
    "option": (
        ("label", "Answer (standard words)", LABEL_MAX),
        ("easy_read_label", "Answer (easy read)", LABEL_MAX),
    ),
}
_SURVEY_ID = "X-Heard-Survey-Id"
_SURVEY_SLUG = "X-Heard-Survey-Slug"
_SOURCE_HASH = "X-Heard-Source-Hash"
# Control characters other than tab and new line: PostgreSQL refuses NUL in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
NOT_PO = "This is not a PO file. Choose the .po file you downloaded from this page"


@dataclass(frozen=True)
class Text:
    """One translatable text: where it is, its English words and its translation."""

    entity: str
    entity_id: int
    field: str
    place: str
    label: str
    english: str
    translation: str
    max_characters: int

    @property
    def key(self) -> str:
        """Return the text's name in forms and PO files, like "question:12:easy_read_text"."""
        return f"{self.entity}:{self.entity_id}:{self.field}"

    @property
    def box(self) -> str:
        """Return the id of the text's box on the translations page."""
        return f"t-{self.entity}-{self.entity_id}-{self.field}"

    @property
    def described(self) -> str:
        """Return where the text is in plain words, like "Question 2: Hint"."""
        return f"{self.place}: {self.label}"


@dataclass(frozen=True)
class Sheet:
    """A survey's texts in one language, grouped by where they are, with what is missing."""

    survey: Survey
    language: str
    language_name: str
    texts: list[Text]

    @property
    def missing(self) -> int:
        """Return how many texts have no translation."""
        return sum(1 for text in self.texts if not text.translation)

    @property
    def translated(self) -> int:
        """Return how many texts are translated."""
        return len(self.texts) - self.missing

    @property
    def groups(self) -> list[tuple[str, list[Text]]]:
        """Return the texts grouped by place ("Survey", "Question 1", …), in order."""
        groups: dict[str, list[Text]] = {}
        for text in self.texts:
            groups.setdefault(text.place, []).append(text)
        return list(groups.items())


@dataclass(frozen=True)
class Saved:
    """What a save changed: translations written and removed."""

    written: int
    removed: int


def language_name(language: str) -> str:
    """Return a survey language's English name; raise NotFound for one not configured."""
    names = survey_languages()
    if language not in names:
        raise NotFound("Surveys are not translated into that language")
    return names[language]


def sheet(survey_id: int, language: str) -> Sheet:
    """Return the survey's texts with their translations into `language`."""
    name = language_name(language)
    survey = get_survey(survey_id)
    return Sheet(survey, language, name, _texts(survey, language))


def sheets(survey_id: int) -> list[Sheet]:
    """Return the survey's texts in every configured survey language."""
    return [sheet(survey_id, language) for language in survey_languages()]


@transactional
def save(actor: audit.Actor, survey_id: int, language: str, entered: Mapping[str, str]) -> Saved:
    """Save translations by text key; an empty one removes it. Unknown keys are refused."""
    current = sheet(survey_id, language)
    if current.survey.status == SurveyStatus.ARCHIVED:
        raise ServiceError("This survey is archived, so its words cannot change")
    texts = {text.key: text for text in current.texts}
    unknown = sorted(set(entered) - set(texts))
    if unknown:
        raise ServiceError("Some of these words are no longer in the survey. Reload the page")
    changes = {key: _cleaned(words, texts[key]) for key, words in entered.items()}
    changes = {key: words for key, words in changes.items() if words != texts[key].translation}
    for key, words in changes.items():
        _write(texts[key], language, words)
    return _record_saved(actor, survey_id, language, changes)


def _record_saved(
    actor: audit.Actor, survey_id: int, language: str, changes: Mapping[str, str]
) -> Saved:
    removed = sum(1 for words in changes.values() if not words)
    saved = Saved(len(changes) - removed, removed)
    if changes:
        # New words change what residents see: a new version, as any builder change makes.
        survey = db.session.get(Survey, survey_id)
        survey.version += 1
        audit.record(
            actor,
            "translation.saved",
            subject="survey",
            subject_id=survey_id,
            survey_id=survey_id,
            version=survey.version,
            language=language,
            written=saved.written,
            removed=saved.removed,
        )
    return saved


def export_po(survey_id: int, language: str) -> bytes:
    """Return a PO file of the survey's texts and their translations into `language`."""
    current = sheet(survey_id, language)
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": f"Heard survey {current.survey.slug}",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        _SURVEY_ID: str(current.survey.id),
        _SURVEY_SLUG: current.survey.slug,
        _SOURCE_HASH: source_hash(current.texts),
    }
    for text in current.texts:
        po.append(
            polib.POEntry(
                msgctxt=text.key,
                msgid=text.english,
                msgstr=text.translation,
                comment=f"{text.described}. At most {text.max_characters} characters.",
            )
        )
    return str(po).encode("utf-8")


def po_filename(survey: Survey, language: str) -> str:
    """Return the name a downloaded PO file is saved under."""
    return f"{survey.slug}-{language}.po"


@transactional
def import_po(actor: audit.Actor, survey_id: int, language: str, data: bytes) -> Saved:
    """Save the translations of a PO file exported for this survey and language."""
    current = sheet(survey_id, language)
    po = _read_po(data)
    _check_belongs(po, current)
    _check_sources(po, current.texts)
    entered = {
        entry.msgctxt: entry.msgstr for entry in po if not entry.obsolete and not entry.fuzzy
    }
    return save(actor, survey_id, language, entered)


def source_hash(texts: list[Text]) -> str:
    """Return a short hash of every text's key and English words."""
    pairs = sorted((text.key, text.english) for text in texts)
    return hashlib.sha256(json.dumps(pairs).encode("utf-8")).hexdigest()[:16]


def _texts(survey: Survey, language: str) -> list[Text]:
    translated = _translations(survey, language)
    texts = _texts_of("survey", survey.id, survey, "Survey", translated)
    for question in survey.questions:
        place = f"Question {question.position}"
        texts += _texts_of("question", question.id, question, place, translated)
        for option in question.options:
            answer = f"{place}, answer {option.position}"
            texts += _texts_of("option", option.id, option, answer, translated)
    return texts


def _texts_of(entity: str, entity_id: int, thing: object, place: str, translated: dict) -> list:
    return [
        Text(
            entity,
            entity_id,
            field,
            place,
            label,
            english,
            translated.get((entity, entity_id, field), ""),
            most,
        )
        for field, label, most in FIELDS[entity]
        if (english := (getattr(thing, field) or "").strip())
    ]


def _translations(survey: Survey, language: str) -> dict[tuple[str, int, str], str]:
    rows = db.session.execute(
        select(Translation.entity, Translation.entity_id, Translation.field, Translation.text)
        .where(Translation.language == language)
        .where(Translation.entity_id.in_(_ids(survey)))
    )
    return {(entity, entity_id, field): text for entity, entity_id, field, text in rows}


def _ids(survey: Survey) -> set[int]:
    # Ids of different entities can collide; the entity column tells them apart.
    ids = {survey.id}
    for question in survey.questions:
        ids.add(question.id)
        ids.update(option.id for option in question.options)
    return ids


def _cleaned(words: str, text: Text) -> str:
    words = _CONTROL.sub("", (words or "").replace("\r\n", "\n")).strip()
    if len(words) > text.max_characters:
        raise ServiceError(
            f"{text.described}: the translation must be {text.max_characters} characters "
            f"or fewer. It has {len(words)}",
            field=text.box,
        )
    return words


def _write(text: Text, language: str, words: str) -> None:
    row = db.session.scalar(
        select(Translation).where(
            Translation.entity == text.entity,
            Translation.entity_id == text.entity_id,
            Translation.language == language,
            Translation.field == text.field,
        )
    )
    if not words:
        if row is not None:
            db.session.delete(row)
        return
    if row is None:
        row = Translation(
            entity=text.entity, entity_id=text.entity_id, language=language, field=text.field
        )
        db.session.add(row)
    row.text = words


def _read_po(data: bytes) -> polib.POFile:
    if len(data) > MAX_FILE_BYTES:
        raise ServiceError("The file is over 1 MB. Choose the .po file you downloaded")
    try:
        content = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ServiceError(NOT_PO) from error
    if "\x00" in content:
        raise ServiceError(NOT_PO)
    # polib reads a path or a file's contents from the same argument: give it a path we made,
    # so an upload that looks like a path is never opened as one.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.po"
        path.write_text(content, encoding="utf-8")
        try:
            return polib.pofile(str(path), encoding="utf-8", check_for_duplicates=True)
        except (OSError, ValueError) as error:
            raise ServiceError(NOT_PO) from error


def _check_belongs(po: polib.POFile, current: Sheet) -> None:
    survey_id = po.metadata.get(_SURVEY_ID, "")
    if not survey_id:
        raise ServiceError(
            "This PO file was not downloaded from Heard. Choose the file you downloaded"
        )
    if survey_id != str(current.survey.id):
        slug = po.metadata.get(_SURVEY_SLUG, "unknown")
        raise ServiceError(f"This file is for another survey ({slug}), not this one")
    if po.metadata.get("Language", "") != current.language:
        raise ServiceError(f"This file is not in {current.language_name}")


def _check_sources(po: polib.POFile, texts: list[Text]) -> None:
    changed = _changed_sources(po, texts)
    if changed or po.metadata.get(_SOURCE_HASH) != source_hash(texts):
        which = ", ".join(dict.fromkeys(changed)) or "the survey's words"
        raise ServiceError(
            f"The English words have changed since this file was downloaded: {which}. "
            "Download a new file and translate the changes"
        )


def _changed_sources(po: polib.POFile, texts: list[Text]) -> list[str]:
    """Name the texts whose English differs between the file and the survey."""
    english = {text.key: text for text in texts}
    in_file = {entry.msgctxt: entry.msgid for entry in po if not entry.obsolete}
    gone = "words that are no longer in the survey"
    changed = [
        english[key].described if key in english else gone
        for key, msgid in in_file.items()
        if english.get(key) is None or english[key].english != msgid
    ]
    return changed + [text.described for key, text in english.items() if key not in in_file]
