"""The easy-read edition's pages, generated from the same report as the standard edition.

One page per principle, a picture on the left of each point, one sentence a line, 15 words
or fewer a sentence, numbers as "7 out of 10 people", at most 20 pages (docs/accessibility.md
E1, E5, E8, E10). No Flask, no `app` imports.
"""

import dataclasses
from dataclasses import dataclass, field

from reports.content import ActionItem, BreakdownRow, QuestionResult, Report
from reports.dates import long_date
from reports.findings import capital, easy_action_lines, easy_lines, word_count
from reports.how_we_heard import CHANNEL_LABELS, EASY_CHANNEL_LABELS

MAX_PAGES = 20
QUESTIONS_PER_PAGE = 4
ACTIONS_PER_PRINCIPLE_PAGE = 2
ACTIONS_PER_PAGE = 4
EASY_QUOTE_WORDS = 15
THANKS = "Thank you for telling us what you think."
CHANNEL_PICTURES = {
    "online": "computer", "kiosk": "place", "embed": "computer", "paper": "letter",
    "group": "meeting", "import": "survey", "phone": "talk", "email": "letter",
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
    """Return every page after the cover, at most MAX_PAGES - 1 of them.

    A principle with no questions and no actions gets no page: a survey whose questions are
    tagged to no principle would otherwise say "We did not ask about this" on every one.
    """
    found = [about_page(report), how_page(report)]
    left_over: list[ActionItem] = []
    for section in report.sections:
        if not (section.questions or section.actions):
            continue
        shown = section.actions[:ACTIONS_PER_PRINCIPLE_PAGE]
        left_over += section.actions[ACTIONS_PER_PRINCIPLE_PAGE:]
        found.append(
            Page(
                heading=section.easy_read_title,
                picture_key=section.picture_key,
                points=question_points(section.questions)
                or [Point("question", ["We did not ask about this."])],
                subheading="What we are doing",
                sub_points=[action_point(action) for action in shown]
                or [Point("time", ["We have not written down what we will do yet."])],
            )
        )
    if report.other_questions:
        found.append(other_page(report.other_questions.questions))
    still_to_show = left_over + report.other_actions
    if not still_to_show:
        # No page of its own just to say thank you: it closes the last page instead.
        return [*found[:-1], thanked(found[-1])]
    return found + next_pages(still_to_show, MAX_PAGES - 1 - len(found))


def thanked(page: Page) -> Page:
    """Return the page with the closing thanks at its end."""
    thanks = Point("happy", [THANKS])
    if page.subheading:
        return dataclasses.replace(page, sub_points=[*page.sub_points, thanks])
    return dataclasses.replace(page, points=[*page.points, thanks])


def question_points(questions: list[QuestionResult]) -> list[Point]:
    """Return a point per question, up to QUESTIONS_PER_PAGE, then how many more there are."""
    points = [
        Point(result.picture_key, easy_lines(result)) for result in questions[:QUESTIONS_PER_PAGE]
    ]
    if len(questions) > QUESTIONS_PER_PAGE:
        more = len(questions) - QUESTIONS_PER_PAGE
        points.append(Point("survey", [f"We asked {more} more. They are in the full report."]))
    return points


def other_page(questions: list[QuestionResult]) -> Page:
    """Return the page of questions that are about no one promise, with themes and quotes."""
    points = question_points(questions)
    for result in questions:
        themes = [theme.name for theme in result.themes if not theme.answers.hidden]
        if themes:
            points.append(Point("talk", ["People wrote about:", *themes[:3]]))
        quotes = [quote for quote in result.quotes if word_count(quote) <= EASY_QUOTE_WORDS]
        if quotes:
            points.append(Point("listen", ["Someone said:", f"“{quotes[0]}”"]))
    return Page("Other questions", "question", points)


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
        Point("listen", sorted_into(report)),
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


def sorted_into(report: Report) -> list[str]:
    """Return how the answers are sorted: into promises, and other questions if there are any."""
    parts = sum(1 for section in report.sections if section.questions)
    if not parts:
        return ["Our questions were not about one promise each."]
    lines = [f"We sorted your answers into {parts} parts.", "Each part is one of our promises."]
    if report.other_questions:
        lines.append("Some questions are in a part called “Other questions”.")
    return lines


def _group_lines(row: BreakdownRow) -> list[str]:
    """Say how many groups spoke for how many people.

    A group entered by staff is one response for everyone in it; rows imported from a group
    meeting are one person each, and rows sharing a respondent are one person. Fewer people
    than responses means the rows are people, not groups, so only the people are counted.
    """
    responses, people = row.responses.value, row.people.value
    if responses is not None and people is not None and people < responses:
        return [capital(f"{row.people.text} people told us in a group meeting.")]
    return [
        capital(f"{row.responses.text} groups told us in a meeting."),
        capital(f"The groups spoke for {row.people.text} people."),
    ]


def how_page(report: Report) -> Page:
    """Return the page that says how people told us: channels and partners."""
    heard = report.how_we_heard
    labels = {label: key for key, label in CHANNEL_LABELS.items()}
    points = []
    for row in heard.channels.rows:
        channel = labels.get(row.label, "")
        if channel == "group":
            lines = _group_lines(row)
        else:
            # People, not responses: imported rows of one person count once (frames._PEOPLE).
            easy = EASY_CHANNEL_LABELS.get(channel, "another way")
            lines = [capital(f"{row.people.text} people answered {easy}.")]
        points.append(Point(CHANNEL_PICTURES.get(channel, "survey"), lines))
    partners = [
        capital(f"{row.people.text} people answered through {row.label}.")
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
    closing = [THANKS]
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
