"""A coded corpus of synthetic free-text comments, for theme suggestions (issue 11, part 4).

Every comment is composed from sentences written per theme, in the style of adult social care
feedback: praise and blame words that every theme shares ("the staff are lovely", "good
service"), misspellings, lower case, and placeholder answers ("Did not answer", "n/a", "-").
Each comment knows its theme, so a benchmark can say how many of the largest themes the first
suggestions find. Deterministic: the same size and seed give the same comments.

A theme is *found* by a suggestion when every word of one of its markers appears, stemmed, in
the suggestion ("waiting times" finds Waiting, through the marker "wait").
"""

import random
from dataclasses import dataclass

from app.services.theme_suggestions import normalise


@dataclass(frozen=True)
class Theme:
    """A human-coded theme: its name, share of comments, sentences, and the words that name it."""

    name: str
    weight: int
    sentences: tuple[str, ...]
    markers: tuple[str, ...]


@dataclass(frozen=True)
class Comment:
    """One synthetic answer and the theme a person would code it with ("" for none)."""

    text: str
    theme: str


THEMES = (
    Theme(
        "Waiting for an assessment",
        18,
        (
            "The waiting time for an assessment was far too long",
            "We waited months for a social worker to visit",
            "wait times are awful, nobody tells you anything",
            "I have been waiting since March for my assesment",
            "Long waiting times to get any help at home",
            "Waiting lists are too long for an assessment",
        ),
        ("wait", "waiting"),
    ),
    Theme(
        "Transport to services",
        15,
        (
            "The bus to the day centre is always late",
            "There are no buses on a Sunday so I cannot get there",
            "The transport was cancelled twice last month",
            "buses dont run late enough for me to get home",
            "Community transport is hard to book",
            "I rely on the bus and it never comes on time",
        ),
        ("bus", "transport"),
    ),
    Theme(
        "Carers changing too often",
        13,
        (
            "Different carers every week, I never know who is coming",
            "My mum gets a new carer every time and it upsets her",
            "The carers keep changing so nobody knows my routine",
            "too many different carers coming to the house",
            "I want the same carer so I do not have to explain again",
        ),
        ("different carers", "new carer", "same carer", "carers changing", "carers keep"),
    ),
    Theme(
        "Getting through on the phone",
        12,
        (
            "It is hard to get through on the phone",
            "Nobody answers the phone at the council",
            "I rang the phone line five times and gave up",
            "the fone just rings and rings",
            "You wait on the phone for an hour to speak to someone",
        ),
        ("phone", "fone", "rang", "rings"),
    ),
    Theme(
        "Letters are hard to understand",
        11,
        (
            "The letters are hard to understand",
            "I need easy read letters please",
            "Letters use long words I do not know",
            "Please send information in easy read",
            "the leters from the council confuse me",
        ),
        ("letters", "easy read", "leters"),
    ),
    Theme(
        "Activities at the day centre",
        10,
        (
            "I love the activities at the day centre",
            "We need more activities in the afternoon",
            "The day centre closed and I miss my friends",
            "More trips out from the day center would be nice",
            "activities are the same every week and boring",
        ),
        ("activities", "day centre", "day center"),
    ),
    Theme(
        "Cost of care",
        9,
        (
            "The charges for care went up again this year",
            "I cannot afford the cost of my care",
            "Nobody explained the charges before they started",
            "care is too expensive for pensioners",
            "the cost keeps going up and up",
        ),
        ("charges", "cost", "afford", "expensive"),
    ),
    Theme(
        "Parking",
        8,
        (
            "There is nowhere to park at the centre",
            "Parking at the hospital is a nightmare",
            "the car park is always full",
            "Blue badge parking spaces are always taken",
        ),
        ("parking", "park"),
    ),
    Theme(
        "Feeling lonely",
        7,
        (
            "I feel lonely most days since my wife died",
            "Being on my own all day is hard, I am very lonely",
            "I get isolated in the winter when I cannot go out",
            "loneliness is the worst part of getting older",
        ),
        ("lonely", "loneliness", "isolated"),
    ),
    Theme(
        "A break for carers",
        6,
        (
            "As a carer I never get a break",
            "We need more respite for family carers",
            "respite care was cancelled at short notice",
            "I would like a short break so I can rest",
        ),
        ("break", "respite"),
    ),
    Theme(
        "Meals",
        3,
        (
            "The meals on wheels were cold",
            "I did not like the food at lunch club",
        ),
        ("meals", "food"),
    ),
    Theme(
        "Adaptations at home",
        3,
        (
            "I am still waiting for grab rails in the bathroom",
            "The stair lift was fitted quickly",
        ),
        ("rails", "stair lift", "adaptations"),
    ),
    Theme(
        "Direct payments",
        2,
        (
            "Direct payments give me choice",
            "The direct payment paperwork is too much",
        ),
        ("direct payments",),
    ),
)
# Words that go with any theme: the words a naive count would suggest first.
OPENINGS = (
    "The staff are lovely but", "Good service overall but", "Staff are very helpful but",
    "thank you for asking.", "Overall a good experience, however", "The people are kind but",
    "", "", "", "",
)  # fmt: skip
CLOSINGS = (
    "Thank you.", "Staff were helpful.", "Good service.", "The staff do their best.",
    "Very good.", "", "", "", "",
)  # fmt: skip
GENERAL = (
    "Good service", "The staff were very helpful", "Thank you for all your help",
    "Excellent service, very happy", "Staff are kind and friendly", "No complaints, good care",
    "Really good", "Very happy with the support",
)  # fmt: skip
PLACEHOLDERS = ("Did not answer", "did not answer", "n/a", "N/A", "-", "none", "Nothing", "")
# Shares of comments, out of 100, that are general praise and placeholders.
GENERAL_SHARE, PLACEHOLDER_SHARE = 10, 16
_MISSPELL = {"the": "teh", "because": "becuase", "really": "realy", "which": "wich"}


def comments(size: int = 1200, *, seed: int = 11) -> list[Comment]:
    """Return `size` coded comments, the same ones for the same size and seed."""
    chooser = random.Random(seed)
    themed = 100 - GENERAL_SHARE - PLACEHOLDER_SHARE
    total_weight = sum(theme.weight for theme in THEMES)
    found: list[Comment] = []
    for theme in THEMES:
        count = round(size * themed / 100 * theme.weight / total_weight)
        found += [Comment(_compose(theme, chooser), theme.name) for _ in range(count)]
    found += [Comment(chooser.choice(GENERAL), "") for _ in range(size * GENERAL_SHARE // 100)]
    found += [Comment(chooser.choice(PLACEHOLDERS), "") for _ in range(size - len(found))]
    chooser.shuffle(found)
    return found


def largest_themes(number: int = 10) -> list[Theme]:
    """Return the `number` themes with the most comments, largest first."""
    return sorted(THEMES, key=lambda theme: -theme.weight)[:number]


def finds(phrase: str, theme: Theme) -> bool:
    """Say whether a suggested phrase names a theme (holds every word of one of its markers)."""
    stems = set(normalise(phrase).split())
    return any(set(normalise(marker).split()) <= stems for marker in theme.markers)


def themes_found(phrases: list[str], number: int = 10) -> list[str]:
    """Return the names of the `number` largest themes that the phrases find, one phrase each."""
    found: list[str] = []
    for phrase in phrases:
        for theme in largest_themes(number):
            if theme.name not in found and finds(phrase, theme):
                found.append(theme.name)
                break
    return found


def _compose(theme: Theme, chooser: random.Random) -> str:
    sentence = chooser.choice(theme.sentences)
    opening, closing = chooser.choice(OPENINGS), chooser.choice(CLOSINGS)
    if opening:
        sentence = f"{opening} {sentence[0].lower()}{sentence[1:]}"
    text = f"{sentence}. {closing}".strip()
    if chooser.random() < 0.2:
        text = " ".join(_MISSPELL.get(word, word) for word in text.split())
    if chooser.random() < 0.15:
        text = text.lower()
    return text
