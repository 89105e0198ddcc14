"""Offline theme suggestions: TF-IDF over 1–3-word phrases on literal answers."""

from app.services.theme_suggestions import (
    STOP_WORDS,
    mentions,
    phrases,
    suggest_from_counts,
    suggest_themes,
    words,
)

ANSWERS = [
    "The bus to the day centre is always late.",
    "I can't get the bus on Sundays, there is no bus then",
    "The bus driver was kind but the bus was late again",
    "My bus never comes on time!",
    "Staff are kind but they change too often.",
    "The staff keep changing and I have to explain everything again",
    "I want easy read letters please",
    "Easy read letters would help me understand",
    "The day centre is brilliant",
    "Please could we have more activities at the day centre",
    "It is hard to get through on the phone",
    "Nobody answers the phone",
]


def _phrases(suggestions) -> list[str]:
    return [suggestion.phrase for suggestion in suggestions]


def test_the_phrase_most_people_use_is_suggested_first():
    suggestions = suggest_themes(ANSWERS)
    assert _phrases(suggestions)[0] == "bus"
    assert suggestions[0].answers == 4
    assert {"day centre", "staff", "easy read letters", "phone"} <= set(_phrases(suggestions))


def test_stop_words_are_never_suggested_or_part_of_a_suggestion():
    suggestions = suggest_themes([*ANSWERS, *ANSWERS])
    assert suggestions
    for suggestion in suggestions:
        assert not set(suggestion.phrase.split()) & STOP_WORDS, suggestion.phrase
    assert "the" in STOP_WORDS and "is" in STOP_WORDS and "please" in STOP_WORDS


def test_a_short_word_that_lives_inside_a_longer_phrase_gives_way_to_it():
    # "day" and "centre" only ever appear as "day centre"; "easy read letters" beats "easy read".
    suggested = _phrases(suggest_themes(ANSWERS))
    assert "day centre" in suggested
    assert "day" not in suggested and "centre" not in suggested
    assert "easy read letters" in suggested and "easy read" not in suggested


def test_existing_and_rejected_theme_names_are_left_out_with_the_phrases_inside_them():
    suggested = _phrases(suggest_themes(ANSWERS, exclude=["Bus", "Day centre"]))
    assert "bus" not in suggested
    assert not {"day", "centre", "day centre"} & set(suggested)
    assert "staff" in suggested


def test_a_phrase_from_only_one_answer_is_not_a_theme():
    suggested = _phrases(suggest_themes(["Brilliant lunch club", "The bus is late", "Late bus"]))
    assert suggested == ["bus", "late"]
    assert suggest_themes([]) == []
    assert suggest_themes(["", "   "]) == []


def test_the_number_of_suggestions_is_limited():
    assert len(suggest_themes(ANSWERS, limit=3)) == 3
    assert len(suggest_themes(ANSWERS)) <= 10


def test_counted_answers_score_as_if_written_out():
    counted = suggest_from_counts({"The bus is late": 3, "Staff are kind": 2, "Lovely staff": 1})
    written = suggest_themes(["The bus is late"] * 3 + ["Staff are kind"] * 2 + ["Lovely staff"])
    assert counted == written
    assert _phrases(counted)[0] == "bus"
    assert "staff" in _phrases(counted)


def test_phrases_never_cross_a_sentence_or_hold_numbers():
    found = phrases("Bus late. Centre closed, 2 buses")
    assert "late centre" not in found and "bus late" in found
    assert not [phrase for phrase in found if any(w.isdigit() for w in phrase.split())]


def test_words_keep_apostrophes_and_other_alphabets():
    assert words("I can’t get the bus, café ok") == [
        "i",
        "can't",
        "get",
        "the",
        "bus",
        "café",
        "ok",
    ]
    assert words("الحافلة متأخرة") == ["الحافلة", "متأخرة"]


def test_mentions_matches_whole_words_only():
    assert mentions("The Day Centre is great", "day centre")
    assert not mentions("The daycentre is great", "day centre")
    assert not mentions("A business trip", "bus")
