"""Interface text goes through Flask-Babel and ships in every language of app/languages.py.

The Welsh and Arabic catalogs (app/translations/<lang>/LC_MESSAGES/messages.po) must parse,
translate every message the code has (extracted here the way `make translations` does), mark
nothing fuzzy and keep each %(name)s placeholder. The compiled .mo files are build products
(`make install`); the page tests compile them here when missing so `pytest` alone works too.
"""

import fnmatch
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from app.languages import DEFAULT_LANGUAGE, LANGUAGES
from app.services.demo import DEMO_SLUG, seed_demo
from tests.pages import get

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "app" / "translations"
TRANSLATED = sorted(set(LANGUAGES) - {DEFAULT_LANGUAGE})
# The same keywords and ignored folders as `make translations` (pybabel extract -k ...).
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
IGNORED_FOLDERS = (".*", "._*", "node_modules")
# A %-conversion as Python's % operator reads it: %(name)s, %s, %% or a stray %.
CONVERSION = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[a-zA-Z%]?")


def _po_path(language: str) -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"


def _catalog(language: str):
    with _po_path(language).open("rb") as po_file:
        return read_po(po_file, locale=language, abort_invalid=True)


def _messages(catalog):
    return [message for message in catalog if message.id]


def _strings(value) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def _extracted_from_code() -> set[tuple[str, str | None]]:
    """Return (msgid, context) of every message the code has now, as `pybabel extract` finds."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)

    def wanted(folder: str) -> bool:
        name = os.path.basename(folder)
        return not any(fnmatch.fnmatch(name, pattern) for pattern in IGNORED_FOLDERS)

    return {
        (_strings(message)[0], context)
        for _, _, message, _, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS, directory_filter=wanted
        )
    }


def test_every_language_but_english_has_a_catalog_where_flask_babel_looks(app):
    assert TRANSLATED == ["ar", "cy"]
    for language in TRANSLATED:
        assert _po_path(language).is_file(), f"No catalog for {language}: run pybabel init"
    folders = [Path(folder) for folder in app.extensions["babel"].translation_directories]
    assert folders == [TRANSLATIONS]


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_catalog_parses_and_translates_every_message(language):
    catalog = _catalog(language)
    assert str(catalog.locale) == language
    assert _messages(catalog), "The catalog is empty"
    empty = [message.id for message in _messages(catalog) if not all(_strings(message.string))]
    assert not empty, f"Untranslated in {language}: {empty}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_nothing_is_fuzzy(language):
    catalog = _catalog(language)
    assert not catalog.fuzzy, "The catalog header is marked fuzzy"
    fuzzy = [message.id for message in _messages(catalog) if message.fuzzy]
    assert not fuzzy, f"Fuzzy in {language} (check, then remove the flag): {fuzzy}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_exactly_the_placeholders_of_the_english(language):
    wrong = []
    for message in _messages(_catalog(language)):
        wanted = Counter(CONVERSION.findall(_strings(message.id)[0]))
        for text in _strings(message.string):
            if Counter(CONVERSION.findall(text)) != wanted:
                wrong.append((message.id, text))
    assert not wrong, f"Placeholders differ from the English in {language}: {wrong}"


def test_the_placeholder_check_sees_a_changed_or_stray_placeholder():
    english = Counter(CONVERSION.findall("Question %(number)s of %(total)s"))
    assert english == Counter(["%(number)s", "%(total)s"])
    assert Counter(CONVERSION.findall("Cwestiwn %(rhif)s o %(total)s")) != english
    assert Counter(CONVERSION.findall("100% %(number)s %(total)s")) != english


def test_extraction_finds_the_interface_text_in_python_and_templates():
    extracted = {msgid for msgid, _ in _extracted_from_code()}
    assert "Start now" in extracted, "babel.cfg no longer finds the templates' text"
    assert "We cannot find this survey" in extracted, "lazy_gettext (_l) text is not extracted"
    assert "Choose one option" in extracted, "gettext (_) text in Python is not extracted"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_in_the_code_is_in_the_catalog(language):
    catalog = _catalog(language)
    missing = sorted(
        msgid
        for msgid, context in _extracted_from_code()
        if catalog.get(msgid, context=context) is None
    )
    assert not missing, (
        f"New text not in the {language} catalog: run `make translations` and translate it: "
        f"{missing}"
    )


@pytest.fixture(scope="module")
def compiled(app):
    """Compile any missing or out-of-date .mo file, as `make install` does."""
    compiled_any = False
    for language in TRANSLATED:
        po_path = _po_path(language)
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        partial = mo_path.with_suffix(".mo.partial")
        with partial.open("wb") as mo_file:
            write_mo(mo_file, _catalog(language))
        os.replace(partial, mo_path)
        compiled_any = True
    if compiled_any:
        # Flask-Babel caches each language's catalog: forget any read before it was compiled.
        with app.app_context():
            app.extensions["babel"].instance.domain_instance.cache.clear()


@pytest.mark.parametrize(("language", "start_now"), [("cy", "Dechrau nawr"), ("ar", "ابدأ الآن")])
def test_the_start_page_is_in_the_chosen_language(client, compiled, language, start_now):
    seed_demo()
    assert _catalog(language).get("Start now").string == start_now
    page = get(client, f"/s/{DEMO_SLUG}?lang={language}")
    assert page.status == 200
    assert page.document.get("lang") == language
    assert page.text("a.govuk-button--start") == start_now
    assert f"lang={language}" in page.all("a.govuk-button--start")[0].get("href")


def test_english_stays_the_default(client, compiled):
    seed_demo()
    page = get(client, f"/s/{DEMO_SLUG}?lang=xx")
    assert page.document.get("lang") == "en"
    assert page.text("a.govuk-button--start") == "Start now"


def test_messages_from_python_code_are_translated_too(client, compiled):
    page = get(client, "/s/no-such-survey?lang=cy")
    assert page.status == 404
    assert _catalog("cy").get("We cannot find this survey").string in page.text("main")
