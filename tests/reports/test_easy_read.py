"""The easy-read edition: one page per principle, short sentences, pictures as backgrounds."""

import re
from datetime import date
from types import SimpleNamespace

import lxml.html
import pytest

import reports
from app.extensions import db
from app.services import demo, pictures
from reports import easy_read, findings
from reports.documents import TEMPLATES
from tests.factories import create_survey
from tests.reports.builders import (
    WeasyPrintErrors,
    add_action,
    add_response,
    heading_levels,
    headings_skip_a_level,
    page_texts,
    structure_elements,
)


@pytest.fixture(scope="module")
def easy(app):
    """Render the demo survey's easy-read PDF and HTML once."""
    with app.app_context(), WeasyPrintErrors() as errors:
        survey = demo.seed_demo(responses=150, seed=5, today=date(2026, 11, 1))
        involve = next(p for p in survey.framework.principles if p.key == "involve")
        for number in range(3):
            add_action(
                survey,
                principle=involve,
                you_said=f"Tell us what happened next, number {number + 1}.",
                we_did="We write to everyone after each meeting.",
                status="done",
            )
        made = {
            output: reports.what_we_heard(
                db.engine, survey.id, edition="easy-read", output=output, pictures=pictures.svgs()
            )
            for output in ("pdf", "html")
        }
        result = SimpleNamespace(
            titles=[p.easy_read_title for p in survey.framework.principles],
            errors=list(errors.messages),
            pages=page_texts(made["pdf"]),
            **made,
        )
        db.session.remove()
    return result


def test_weasyprint_logs_no_error(easy):
    assert easy.errors == []


def test_one_page_per_principle_and_at_most_20_pages(easy):
    assert len(easy.pages) <= 20
    assert len(easy.pages) == 1 + 2 + len(easy.titles) + 1
    for title in easy.titles:
        holding = [page for page in easy.pages if page.startswith(title)]
        assert len(holding) == 1, title
        others = [other for other in easy.titles if other != title]
        assert not any(other in holding[0] for other in others)


def test_every_line_is_one_sentence_of_15_words_or_fewer(easy):
    document = lxml.html.fromstring(easy.html)
    lines = [" ".join(p.text_content().split()) for p in document.cssselect("main p")]
    assert len(lines) > 30
    too_long = [line for line in lines if findings.word_count(line) > 15]
    assert too_long == []
    assert [line for line in lines if re.search(r"[.?!] \S", line)] == []


def test_numbers_are_given_as_out_of_10_people_never_as_percentages(easy):
    body = " ".join(easy.pages)
    assert body.count("out of 10 people") >= 5
    assert "%" not in body
    assert re.search(r"\d+ people told us what they think\.", body)


def test_actions_are_in_easy_words_and_extra_ones_go_to_the_last_page(easy):
    involve = next(page for page in easy.pages if page.startswith(easy.titles[1]))
    assert "You said: Tell us what happened next, number 1." in involve
    assert "We did: We write to everyone after each meeting. We have done this." in involve
    assert "number 3" not in involve
    assert "number 3" in easy.pages[-1]
    assert "Thank you for telling us what you think." in easy.pages[-1]


def test_pictures_are_css_backgrounds_not_images(easy):
    document = lxml.html.fromstring(easy.html)
    assert document.cssselect("img") == []
    points = document.cssselect(".easy-point")
    assert points
    classes = {c for point in points for c in point.get("class").split() if "picture--" in c}
    assert len(classes) >= 8
    css = document.cssselect("style")[0].text_content()
    for name in classes:
        assert f'.{name} {{ background-image: url("data:image/svg+xml;base64,' in css
    assert not [tag for tag, _ in structure_elements(easy.pdf) if tag == "/Figure"]


def test_the_pdf_is_tagged_with_headings_in_order(easy):
    levels = heading_levels(easy.pdf)
    assert levels[0] == 1
    assert not headings_skip_a_level(levels)


def test_text_is_16pt_or_larger_left_aligned_and_never_italic():
    css = re.sub(r"/\*.*?\*/", "", (TEMPLATES / "easy_read.css").read_text(), flags=re.S)
    sizes = [float(size) for size in re.findall(r"font-size:\s*([\d.]+)pt", css)]
    assert sizes
    assert min(sizes) >= 16
    assert not re.search(r"font-size:\s*[\d.]+(px|em|rem|%)", css)
    assert not re.search(r"text-align:\s*justify|font-style:\s*italic|hyphens:\s*auto", css)
    assert "text-align: left" in css


def test_many_actions_still_fit_in_20_pages(app_context):
    survey = demo.seed_demo(today=date(2026, 11, 1))
    for number in range(120):
        add_action(survey, you_said=f"Idea {number}.", we_did="We will look at it.")
    report = reports.build_report(db.engine, survey.id)
    pages = easy_read.pages(report)
    assert 1 + len(pages) == easy_read.MAX_PAGES
    assert "We are doing" in " ".join(pages[-1].points[-1].lines)


def test_a_principle_with_many_questions_points_to_the_full_report(app_context):
    survey = create_survey(questions=25)  # 5 questions for each of the 5 principles
    pages = easy_read.pages(reports.build_report(db.engine, survey.id))
    principle_pages = pages[2:7]
    assert all(len(page.points) == easy_read.QUESTIONS_PER_PAGE + 1 for page in principle_pages)
    assert principle_pages[0].points[-1].lines == ["We asked 1 more. They are in the full report."]


def _how_lines(survey) -> list[str]:
    report = reports.build_report(db.engine, survey.id)
    return [line for point in easy_read.how_page(report).points for line in point.lines]


def _imported(survey, channel: str, rows: int, people: int) -> None:
    """Rows imported from another tool, `rows // people` for each respondent."""
    for number in range(rows):
        response = add_response(survey, options={1: "Yes"}, channel=channel)
        response.respondent_key = f"client-{number % people:04d}"
    db.session.commit()


def test_rows_imported_from_group_meetings_are_counted_as_people_not_groups(app_context):

    survey = create_survey(questions=1)
    _imported(survey, "group", rows=20, people=10)  # each person came to two meetings
    _imported(survey, "phone", rows=30, people=15)
    for _ in range(10):
        add_response(survey, options={1: "Yes"})

    lines = _how_lines(survey)

    assert "10 people told us in a group meeting." in lines
    assert not [line for line in lines if "groups" in line]
    assert "15 people answered on the phone." in lines
    assert "10 people answered on a phone or computer." in lines


def test_groups_entered_by_staff_are_counted_with_the_people_they_spoke_for(app_context):

    survey = create_survey(questions=1)
    for _ in range(10):
        add_response(survey, options={1: "Yes"}, channel="group", people=8)

    lines = _how_lines(survey)

    assert lines[:2] == ["10 groups told us in a meeting.", "The groups spoke for 80 people."]
