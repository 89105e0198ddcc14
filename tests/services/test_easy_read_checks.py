"""The builder's easy-read checks (docs/accessibility.md E1, E2, E4, E5, E7, E10, E12, E13)
against a corpus of good and bad social-care sentences, the demo survey, and the shipped
word list. Precision first: a good sentence gives no finding at all."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.services.easy_read_checks import (
    ERROR,
    WARNING,
    Finding,
    apply_suggestion,
    check_text,
    describe,
    reading_ease,
)
from app.services.easy_read_checks.sentences import sentences, two_things, words
from app.services.easy_read_checks.vocabulary import PLAIN_WORDS, vocabulary

ROOT = Path(__file__).resolve().parents[2]

GOOD = [
    "Do you feel safe at home?",
    "How do you feel about your meals?",
    "We meet on Monday 5 May at 10am.",
    "The meeting is in the town hall on Tuesday.",
    "I am OK with the time of my visits.",
    "Is your GP easy to see?",
    "The NHS pays for this nurse.",
    "Do you see your GPs often?",
    "There are 10 questions.",
    "It takes about 5 minutes.",
    "Write a number, like 3.",
    "7 out of 10 people said yes.",
    "We asked 120 people in December.",
    "Do you have friends and family who help you?",
    "Can you get in and out of your home?",
    "Do you get enough to eat and drink?",
    "Do you get help with things like shopping, cooking and cleaning?",
    "Do you go to the day centre between 9am and 3pm?",
    "Would you like to talk to us or write to us?",
    "Is it better in the morning or in the afternoon?",
    "Is it in April or May?",
    "Who helps you to have your say?",
    "Tell us in your own words.",
    "Did staff listen to you?",
    "Are we getting better?",
    "Phone 0191 433 3000 or ask the person who gave you this survey.",
    "When you told us about a problem, did things change?",
    "Do you want to tell us anything else?",
    "You can choose more than one.",
    "One of our staff will help you.",
    "No one should feel alone.",
    "Your answers will not have your name on them.",
    "We will send you a letter in June.",
    "Do you know who to call if you need help?",
    "Is the bus to the day centre on time?",
    "How many times did you meet us this year?",
    "We want to know how we are doing.",
    "Read the words in **bold** first.",
    "Email info_team@gateshead.example to ask for a paper copy.",
    "Do you watch TV at the day centre?",
    "Bring your ID card to the meeting.",
    "My support worker comes on Fridays.",
    "The survey closes on Friday 30 January 2026.",
    "Do you get a break from caring?",
    "Is your home warm enough in winter?",
    "Did you get your care plan in easy read?",
    "Do you have a say in your care?",
    "Not happy or sad",
    "Yes, a lot",
    "I do not want to say",
    "Bread and butter",
    "Fish and chips",
    "Someone from the council will call you.",
    "You can get respite. This means a short break from caring.",
]

# (text, the rule it breaks)
BAD = [
    (
        "We would like you to tell us about the way our staff have helped you at home this year.",
        "E1",
    ),
    (
        "If you have any questions about this survey you can phone us "
        "or ask the person who gave it to you.",
        "E1",
    ),
    (
        "Your answers help us to understand what is working well "
        "and what we need to change next year.",
        "E1",
    ),
    ("Do you feel safe and happy?", "E2"),
    ("Are staff kind and helpful?", "E2"),
    ("Did staff listen to you and do what you asked?", "E2"),
    ("Do you want to stay at home or would you like to move?", "E2"),
    ("How do you feel about the food and what would you change?", "E2"),
    ("Did we ask you? Did we listen?", "E2"),
    ("Is your home warm, clean and safe?", "E2"),
    ("Can you wash and dress on your own?", "E2"),
    ("What do you think about the staff and the building?", "E2"),
    ("Please do NOT send money.", "E4"),
    ("You MUST fill in every page.", "E4"),
    ("PLEASE READ THIS FIRST.", "E4"),
    ("We will call you on MONDAY.", "E4"),
    ("This is *very* important.", "E4"),
    ("This is <em>very</em> important.", "E4"),
    ("Send it back by _Friday_.", "E4"),
    ("We will facilitate a meeting.", "E7"),
    ("Have you had an assessment?", "E7"),
    ("Our commissioning team buys care.", "E7"),
    ("The safeguarding team will talk to you.", "E7"),
    ("Personalisation is about you.", "E7"),
    ("Do you get domiciliary care?", "E7"),
    ("Have you had respite this year?", "E7"),
    ("We will check your eligibility.", "E7"),
    ("This survey is part of our co-production work.", "E7"),
    ("We spoke to every stakeholder.", "E7"),
    ("We utilise your answers to plan our work.", "E7"),
    ("We ask in order to make things better.", "E7"),
    ("Did we talk to you prior to your move?", "E7"),
    ("Do you know how to complain to the ombudsman?", "E7"),
    ("Do you have a direct payment?", "E7"),
    ("Did you get reablement after hospital?", "E7"),
    ("How is your wellbeing?", "E7"),
    ("Thank you for your feedback.", "E7"),
    ("The CQC checks our care homes.", "E7"),
    ("Tell your SW if you need help.", "E7"),
    ("Our ASC team wants to hear from you.", "E7"),
    ("Is your LD nurse kind?", "E7"),
    ("The XYZ team will call you.", "E7"),
    ("Go to A&E if you are very ill.", "E7"),
    ("There are ten questions.", "E10"),
    ("It takes about twenty minutes.", "E10"),
    ("We spoke to twenty-five people.", "E10"),
    ("You can choose three answers.", "E10"),
    ("50% of people said yes.", "E10"),
    ("Forty per cent of people said no.", "E10"),
]


def findings(text: str) -> list[Finding]:
    """Run every check that reads one text, as if it were a question's words."""
    return check_text("text", text) + two_things("text", text)


def test_the_corpus_is_big_enough():
    assert len(GOOD) >= 40
    assert len(BAD) >= 40


@pytest.mark.parametrize("text", GOOD)
def test_a_good_sentence_gives_no_finding(text):
    assert findings(text) == []


@pytest.mark.parametrize(("text", "rule"), BAD)
def test_a_bad_sentence_breaks_its_rule(text, rule):
    found = findings(text)
    assert rule in {f.rule for f in found}, found
    assert all(f.message and f.field == "text" for f in found)


@pytest.mark.parametrize(
    "text",
    [
        "Do you feel safe and happy?",
        "Did we ask you? Did we listen?",
        "Do you want to stay at home or would you like to move?",
    ],
)
def test_a_question_asking_two_things_is_an_error(text):
    assert [f.level for f in findings(text)] == [ERROR]


def test_and_in_an_open_question_is_only_a_warning():
    found = findings("What do you think about the staff and the building?")
    assert [(f.level, f.rule) for f in found] == [(WARNING, "E2")]


def test_and_in_an_answer_asks_nothing():
    assert two_things("options[0].label", "Bread and butter") == []


def test_the_sentence_counter_counts_a_phone_number_as_one_word():
    assert len(words("Phone 0191 433 3000 today.")) == 3
    assert sentences("Bring things, e.g. a list. Then come in.") == [
        "Bring things, e.g. a list.",
        "Then come in.",
    ]


def test_a_long_sentence_names_its_word_count():
    (finding,) = check_text("hint", BAD[0][0])
    assert (finding.level, finding.rule, finding.field) == (WARNING, "E1", "hint")
    assert "19 words" in finding.message


def test_a_hard_word_suggests_its_plainer_words():
    (finding,) = check_text("text", "We will facilitate a meeting.")
    assert (finding.rule, finding.found, finding.suggestion) == ("E7", "facilitate", "help")


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("We will facilitate a meeting.", "We will help a meeting."),
        ("Facilitate the group.", "Help the group."),
        ("Have you had an assessment?", "Have you had a meeting to find out what help you need?"),
        (
            "An assessment is free. Assessment helps.",
            "A meeting to find out what help you need is free. "
            "Meeting to find out what help you need helps.",
        ),
        ("Do you get respite?", "Do you get a short break?"),
        ("Have you had a respite?", "Have you had a short break?"),
        ("We ask in order to learn.", "We ask to learn."),
        ("Tell the CQC.", "Tell the Care Quality Commission, who check care services."),
        ("Please do NOT send money.", "Please do not send money."),
        ("There are ten questions.", "There are 10 questions."),
        ("We spoke to twenty-five people.", "We spoke to 25 people."),
        ("This is *very* important.", "This is very important."),
        (
            "Ask about your carer’s assessment.",
            "Ask about your meeting to find out what help you need as a carer.",
        ),
    ],
)
def test_a_suggestion_replaces_the_words_in_one_click(text, fixed):
    finding = next(f for f in check_text("text", text) if f.suggestion)
    assert apply_suggestion(text, finding) == fixed


def test_a_finding_without_a_suggestion_leaves_the_text_alone():
    (finding,) = check_text("text", "50% of people said yes.")
    assert finding.suggestion is None
    assert apply_suggestion("50% of people said yes.", finding) == "50% of people said yes."


def test_a_hard_word_explained_in_the_next_sentence_is_not_flagged():
    assert check_text("text", "Have you had respite?") != []
    assert check_text("text", "Have you had respite? It means a short break.") == []
    assert check_text("text", "Have you had respite? Respite means a short break.") == []


def test_each_hard_word_is_found_once_per_text():
    found = check_text("text", "We facilitate this. We facilitate that.")
    assert len(found) == 1


def test_the_word_list_has_at_least_300_hard_words_with_plainer_words():
    hard = vocabulary().hard_words
    assert len(hard) >= 300
    assert hard["facilitate"] == "help"
    assert hard["assessment"] == "meeting to find out what help you need"
    for word in ["commissioning", "safeguarding", "personalisation", "domiciliary", "respite"]:
        assert word in hard
    for word in ["eligibility", "co-production", "stakeholder", "utilise", "in order to"]:
        assert word in hard
    assert all(plain and plain != word for word, plain in hard.items())


def test_the_word_list_names_no_word_twice():
    # YAML keeps the last of two equal keys without a word, so count the lines themselves.
    lines = re.findall(r"^  ([^\s#,:-][^:,\n]*):", PLAIN_WORDS.read_text(encoding="utf-8"), re.M)
    assert (
        len(lines) == len(set(lines)) == len(vocabulary().hard_words) + len(vocabulary().acronyms)
    )


@pytest.mark.parametrize("word", sorted(vocabulary().hard_words))
def test_every_listed_hard_word_is_found_and_replaced(word):
    text = f"We talk about {word} here."
    finding = next(f for f in check_text("text", text) if f.rule == "E7")
    assert finding.suggestion == vocabulary().hard_words[word]
    assert finding.suggestion in apply_suggestion(text, finding)


@pytest.mark.parametrize("acronym", sorted(vocabulary().acronyms))
def test_every_listed_acronym_is_explained(acronym):
    (finding,) = check_text("text", f"Ask the {acronym} today.")
    assert (finding.rule, finding.suggestion) == ("E7", vocabulary().acronyms[acronym])


def test_allowed_acronyms_are_the_ones_people_say_as_words():
    allowed = vocabulary().allowed_acronyms
    assert {"NHS", "GP", "UK", "OK"} <= allowed
    assert not {"CQC", "ASC", "LD"} & allowed


def test_the_reading_ease_is_higher_for_easier_words():
    easy = reading_ease("Do staff listen to you?")
    hard = reading_ease("The commissioning of domiciliary services necessitates consultation.")
    assert easy is not None and hard is not None
    assert easy > hard
    assert 0 <= hard <= easy <= 100
    assert (describe(easy), describe(hard)) == ("very easy", "very hard")
    assert reading_ease("") is None
    assert reading_ease("Family") is None


def test_the_reading_ease_needs_no_download():
    # textstat after 0.7.8 fetches a dictionary from the internet on first use.
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('no network')\n"
        "socket.socket.connect = refuse\n"
        "from app.services.easy_read_checks import reading_ease\n"
        "print(reading_ease('Do staff listen to you?'))\n"
    )
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 80
