"""Offline theme suggestions: counted 1–3-word phrases, near forms merged, on literal answers."""

from app.services.theme_suggestions import (
    STOP_WORDS,
    mentions,
    phrases,
    suggest_from_counts,
    suggest_themes,
    words,
)
from reports.placeholders import Placeholders
from tests.coding_corpus import comments, themes_found

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


def test_a_phrase_outranks_a_word_that_a_few_more_answers_use():
    suggestions = suggest_themes(ANSWERS)
    assert _phrases(suggestions)[:2] == ["day centre", "bus"]
    assert [s.answers for s in suggestions[:2]] == [3, 4]
    assert {"easy read letters", "phone"} <= set(_phrases(suggestions))


def test_each_suggestion_comes_with_three_of_its_answers():
    suggestions = {s.phrase: s for s in suggest_themes(ANSWERS)}
    assert suggestions["bus"].examples == tuple(ANSWERS[:3])
    assert suggestions["phone"].examples == tuple(ANSWERS[-2:])


def test_near_forms_of_a_phrase_are_one_suggestion_in_the_words_most_people_used():
    answers = [
        "Waiting times are long", "The wait time was awful", "wait times again",
        "Long wait times", "The buses are late", "No bus today", "Buses never come",
    ]  # fmt: skip
    suggestions = suggest_themes(answers)
    assert [(s.phrase, s.answers) for s in suggestions] == [("wait times", 4), ("buses", 3)]
    assert mentions("The waiting time is long", "wait times")
    assert mentions("Two buses came", "bus")


def test_words_that_go_with_any_theme_are_never_suggested_alone():
    answers = ["Good staff, helpful", "Staff good", "Helpful staff and good food", "Good food"]
    assert _phrases(suggest_themes(answers)) == ["good food"]
    assert "staff" not in STOP_WORDS  # it may be part of a phrase ("staff changing")


def test_a_suggestion_mostly_about_answers_shown_already_is_left_out():
    answers = [f"Waiting for an assessment, {n} weeks" for n in range(5)]
    answers += ["Waiting for a carer", "The bus is late", "No bus today"]
    suggested = _phrases(suggest_themes(answers))
    assert suggested == ["waiting", "bus"]
    more_about_assessments = [*answers[:5], "An assessment", "Assessment"]
    assert _phrases(suggest_themes(more_about_assessments)) == ["assessment"]


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
    assert "easy read letters" in suggested


def test_a_phrase_from_only_one_answer_is_not_a_theme():
    suggested = _phrases(suggest_themes(["Brilliant lunch club", "The bus is late", "Late bus"]))
    assert suggested == ["bus"]
    assert suggest_themes([]) == []
    assert suggest_themes(["", "   "]) == []


def test_the_number_of_suggestions_is_limited():
    assert len(suggest_themes(ANSWERS, limit=3)) == 3
    assert len(suggest_themes(ANSWERS)) <= 10


def test_counted_answers_score_as_if_written_out():
    counts = {"The bus is late": 3, "Lunch club closed": 2, "Lovely lunch club": 1, "No bus": 1}
    counted = suggest_from_counts(counts)
    written = suggest_themes([text for text, copies in counts.items() for _ in range(copies)])
    assert counted == written
    assert [(s.phrase, s.answers) for s in counted] == [("bus is late", 3), ("lunch club", 3)]


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


def test_the_first_ten_suggestions_find_seven_of_the_corpus_ten_largest_themes():
    corpus = comments(1200)
    no_answer = Placeholders.of()
    answered = [comment.text for comment in corpus if not no_answer.matches(comment.text)]
    assert len(corpus) >= 1000 and len(answered) < len(corpus)
    found = themes_found(_phrases(suggest_themes(answered)))
    assert len(found) >= 7, found
