"""The easy-read edition's pages, generated from the same report as the standard edition.

One page per principle, a picture on the left of each point, one sentence a line, 15 words
or fewer a sentence, numbers as "7 out of 10 people", at most 20 pages (docs/accessibility.md
E1, E5, E8, E10). No Flask, no `app` imports.
"""

from dataclasses import dataclass, field

from reports.content import ActionItem, Report
from reports.dates import long_date
from reports.findings import capital, easy_action_lines, easy_lines
from reports.how_we_heard import CHANNEL_LABELS, EASY_CHANNEL_LABELS

MAX_PAGES = 20
QUESTIONS_PER_PAGE = 4
ACTIONS_PER_PRINCIPLE_PAGE = 2
ACTIONS_PER_PAGE = 4
CHANNEL_PICTURES = {
    "online": "computer", "kiosk": "place", "embed": "computer", "paper": "letter",
    "group": "meeting", "import": "survey",
}  # fmt: skip


@dataclass(frozen=True)
class Point:
    """One idea: a picture on the left and its sentences, one a line."""

    picture_key: str
    lines: list[str]


@dataclass(frozen=True)
class Page:
    """One page of the easy-read edition."""

    heading: str
    picture_key: str
    points: list[Point]
    subheading: str = ""
    sub_points: list[Point] = field(default_factory=list)


def pages(report: Report) -> list[Page]:
    """Return every page after the cover, at most MAX_PAGES - 1 of them."""
    found = [about_page(report), how_page(report)]
    left_over: list[ActionItem] = []
    for section in report.sections:
        shown = section.actions[:ACTIONS_PER_PRINCIPLE_PAGE]
        left_over += section.actions[ACTIONS_PER_PRINCIPLE_PAGE:]
        questions = [
            Point(result.picture_key, easy_lines(result))
            for result in section.questions[:QUESTIONS_PER_PAGE]
        ] or [Point("question", ["We did not ask about this."])]
        if len(section.questions) > QUESTIONS_PER_PAGE:
            more = len(section.questions) - QUESTIONS_PER_PAGE
            questions.append(
                Point("survey", [f"We asked {more} more. They are in the full report."])
            )
        found.append(
            Page(
                heading=section.easy_read_title,
                picture_key=section.picture_key,
                points=questions,
                subheading="What we are doing",
                sub_points=[action_point(action) for action in shown]
                or [Point("time", ["We have not written down what we will do yet."])],
            )
        )
    found += next_pages(left_over + report.other_actions, MAX_PAGES - 1 - len(found))
    return found


def about_page(report: Report) -> Page:
    """Return the page that says who took part, when, and how to read the numbers."""
    points = [Point("people", [capital(f"{report.people.text} people told us what they think.")])]
    if report.opens_on and report.closes_on:
        points.append(
            Point(
                "calendar",
                [
                    f"Start date: {long_date(report.opens_on)}.",
                    f"End date: {long_date(report.closes_on)}.",
                ],
            )
        )
    if report.filters:
        points.append(
            Point("survey", ["This report is about some of the answers.", *report.filters])
        )
    points += [
        Point(
            "listen",
            [
                f"We sorted your answers into {len(report.sections)} parts.",
                "Each part is one of our promises.",
            ],
        ),
        Point(
            "safe",
            [
                f"Sometimes fewer than {report.threshold} people gave an answer.",
                "Then we do not show the number.",
                "This keeps people safe.",
            ],
        ),
    ]
    return Page("About this report", "survey", points)


def how_page(report: Report) -> Page:
    """Return the page that says how people told us: channels and partners."""
    heard = report.how_we_heard
    labels = {label: key for key, label in CHANNEL_LABELS.items()}
    points = []
    for row in heard.channels.rows:
        channel = labels.get(row.label, "")
        if channel == "group":
            lines = [
                capital(f"{row.responses.text} groups told us in a meeting."),
                capital(f"The groups spoke for {row.people.text} people."),
            ]
        else:
            easy = EASY_CHANNEL_LABELS.get(channel, "another way")
            lines = [capital(f"{row.responses.text} people answered {easy}.")]
        points.append(Point(CHANNEL_PICTURES.get(channel, "survey"), lines))
    partners = [
        capital(f"{row.responses.text} people answered through {row.label}.")
        for row in heard.partners.rows
        if row.label and row.responses.value != 0 and not row.label.startswith("Not through")
    ]
    if partners:
        points.append(Point("community", partners))
    return Page("How you told us", "talk", points or [Point("talk", ["Nobody answered yet."])])


def action_point(action: ActionItem) -> Point:
    """Return a "you said, we did" action as a point."""
    return Point("take-action", easy_action_lines(action))


def next_pages(actions: list[ActionItem], room: int) -> list[Page]:
    """Return the "what we will do next" pages, within the room left, ending with thanks."""
    chunks = [actions[i : i + ACTIONS_PER_PAGE] for i in range(0, len(actions), ACTIONS_PER_PAGE)]
    chunks = chunks[: max(room, 1)] or [[]]
    more = len(actions) - sum(len(chunk) for chunk in chunks)
    closing = ["Thank you for telling us what you think."]
    if more:
        closing.insert(0, f"We are doing {more} more things. Ask us about them.")
    points = [[action_point(action) for action in chunk] for chunk in chunks]
    points[-1].append(Point("happy", closing))
    return [Page("What we will do next", "take-action", chunk) for chunk in points]


def picture_keys(report: Report) -> set[str]:
    """Return the key of every picture the easy-read edition shows."""
    keys = {"survey"}
    for page in pages(report):
        keys.add(page.picture_key)
        keys.update(point.picture_key for point in page.points + page.sub_points)
    return keys
