"""The standard "what we heard" PDF: numbers that match the database, organised by principle,
honest with small numbers, tagged and accessible.

The demo survey's reports are rendered once for the module (rendering costs a second or two);
the database is emptied after every test, so the fixture keeps its own SQL counts.
"""

import io
import re
from datetime import date
from types import SimpleNamespace

import pikepdf
import pytest
from sqlalchemy import text

import reports
from app.extensions import db
from app.models import Answer
from app.services import demo
from reports.suppression import published
from tests.factories import create_survey
from tests.reports.builders import (
    WeasyPrintErrors,
    add_action,
    add_quote,
    add_response,
    add_theme,
    heading_levels,
    headings_skip_a_level,
    page_texts,
    pdf_lines,
    structure_elements,
)

SMALL_NUMBER = re.compile(r"(?<![\d,.])[1-9](?![\d,.%])")


def _sql(statement: str, **params) -> list:
    return db.session.execute(text(statement), params).all()


def _percent(count: int, total: int) -> str:
    return f"{(200 * count + total) // (2 * total)}%"


def _expected_counts(survey_id: int) -> SimpleNamespace:
    """Count everything the report shows with plain SQL, independently of `reports`."""
    options = _sql(
        "SELECT q.position, q.kind, o.label, COUNT(DISTINCT a.response_id) FROM option o "
        "JOIN question q ON q.id = o.question_id LEFT JOIN answer a ON a.option_id = o.id "
        "WHERE q.survey_id = :s GROUP BY q.position, q.kind, o.label, o.position "
        "ORDER BY q.position, o.position",
        s=survey_id,
    )
    answered = dict(
        _sql(
            "SELECT q.position, COUNT(DISTINCT a.response_id) FROM question q "
            "JOIN answer a ON a.question_id = q.id WHERE q.survey_id = :s GROUP BY q.position",
            s=survey_id,
        )
    )
    channels = _sql(
        "SELECT channel, COUNT(*), SUM(people_count) FROM response WHERE survey_id = :s "
        "GROUP BY channel",
        s=survey_id,
    )
    partners = _sql(
        "SELECT p.name, COUNT(r.id), COALESCE(SUM(r.people_count), 0) FROM partner p "
        "JOIN partner_link pl ON pl.partner_id = p.id LEFT JOIN response r "
        "ON r.partner_link_id = pl.id WHERE pl.survey_id = :s GROUP BY p.name",
        s=survey_id,
    )
    totals = _sql(
        "SELECT COUNT(*), SUM(people_count) FROM response WHERE survey_id = :s", s=survey_id
    )[0]
    # Every number a report shows is rounded to the nearest 5: expect the rounded SQL count.
    return SimpleNamespace(
        options=[(position, kind, label, published(n)) for position, kind, label, n in options],
        answered={position: published(n) for position, n in answered.items()},
        channels=[(channel, published(n), published(p)) for channel, n, p in channels],
        partners=[(name, published(n), published(p)) for name, n, p in partners],
        totals=tuple(published(n) for n in totals),
    )


def _decorate(survey) -> int:
    """Add actions, a theme and quotes, and how some people answered, to the demo survey."""
    principles = {principle.key: principle for principle in survey.framework.principles}
    change = next(q for q in survey.questions if q.position == 6)
    answers = db.session.query(Answer).filter(Answer.question_id == change.id).all()
    bus = [
        answer for answer in answers if "bus" in answer.text_value or "lift" in answer.text_value
    ]
    theme = add_theme(survey, name="Transport", answers=bus)
    add_theme(survey, name="Interpreters", answers=answers[:3])
    add_theme(survey, name="A rejected suggestion", answers=answers[:20], status="rejected")
    add_quote(bus[0], text="The bus to the day centre is always late.", approved=True)
    other = next(answer for answer in answers if answer not in bus)
    add_quote(other, text="A quote nobody has approved.", approved=False)
    add_action(
        survey,
        principle=principles["involve"],
        title="Asking before changes",
        you_said="Nobody asked me before they changed my care.",
        we_did="We now ask people before any change to their care.",
        status="done",
        action_date=date(2026, 11, 20),
    )
    add_action(
        survey,
        principle=principles["take-action"],
        theme=theme,
        you_said="The bus to the day centre is late.",
        we_did="We are talking to the bus company.",
        status="in_progress",
    )
    add_action(survey, you_said="Meetings need a lift.", we_did="We moved the meetings.")
    db.session.execute(
        text("UPDATE response SET support = 'helped' WHERE survey_id = :s AND id % 4 = 0"),
        {"s": survey.id},
    )
    db.session.commit()
    return len(bus)


@pytest.fixture(scope="module")
def demo_report(app):
    """Render the demo survey's standard PDF, HTML and CSV once, with independent counts."""
    with app.app_context(), WeasyPrintErrors() as errors:
        survey = demo.seed_demo(responses=300, seed=11, today=date(2026, 11, 1))
        transport = _decorate(survey)
        made = {
            output: reports.what_we_heard(
                db.engine, survey.id, council_name="Gateshead Council", output=output
            )
            for output in ("pdf", "html", "csv")
        }
        result = SimpleNamespace(
            survey_id=survey.id,
            principles=[" ".join(p.title.split()) for p in survey.framework.principles],
            expected=_expected_counts(survey.id),
            errors=list(errors.messages),
            transport=transport,
            lines=pdf_lines(made["pdf"]),
            body=" ".join(page_texts(made["pdf"])),
            **made,
        )
        db.session.remove()
    return result


def test_weasyprint_logs_no_error_for_the_report(demo_report):
    assert demo_report.errors == []


def test_report_has_every_principle_in_the_framework_order(demo_report):
    positions = [
        demo_report.body.find(f"{n}. {title} Question", 1)
        for n, title in enumerate(demo_report.principles, start=1)
    ]
    assert all(position >= 0 for position in positions), demo_report.principles
    assert positions == sorted(positions)


def test_cover_counts_people_including_the_people_groups_speak_for(demo_report):
    responses, people = demo_report.expected.totals
    assert people > responses
    assert (
        f"{responses:,} responses from {people:,} people "
        "(a group response counts everyone in the group)"
    ) in demo_report.body
    assert "Gateshead Council" in demo_report.lines[:3]


def test_every_option_count_and_percentage_equals_an_independent_sql_count(demo_report):
    expected = demo_report.expected
    checked = 0
    for position, _kind, label, count in expected.options:
        answered = expected.answered[position]
        line = f"{label} {count:,} {_percent(count, answered)}"
        assert line in demo_report.lines, (position, line)
        checked += 1
    assert checked >= 20


def test_how_we_heard_counts_channels_and_partners_like_sql(demo_report):
    from reports.how_we_heard import CHANNEL_LABELS

    for channel, responses, people in demo_report.expected.channels:
        assert f"{CHANNEL_LABELS[channel]} {responses:,} {people:,}" in demo_report.lines
    for name, responses, people in demo_report.expected.partners:
        assert f"{name} {responses:,} {people:,}" in demo_report.lines
    group = next(row for row in demo_report.expected.channels if row[0] == "group")
    assert f"{group[1]} groups answered together, speaking for {group[2]} people" in (
        demo_report.body
    )


def test_summary_gives_the_top_answer_of_a_question_out_of_ten(demo_report):
    expected = demo_report.expected
    yes = next(row for row in expected.options if row[0] == 2 and row[2] == "Yes")
    answered = expected.answered[2]
    tenths = (20 * yes[3] + answered) // (2 * answered)
    assert (
        f"{tenths} out of 10 people said “Yes” when we asked “Were you involved from the start"
        in demo_report.body
    )
    summary = demo_report.body[: demo_report.body.find("How we heard People answered")]
    assert summary.count("out of 10 people") >= 5


def test_actions_appear_in_the_summary_and_in_their_principle(demo_report):
    assert demo_report.body.count("We now ask people before any change to their care.") == 2
    assert "Theme: Transport. In progress." in demo_report.body
    assert "Other things we are doing" in demo_report.body
    assert "Done, Friday 20 November 2026." in demo_report.body


def test_themes_and_only_approved_quotes_appear(demo_report):
    assert "Themes in what people wrote" in demo_report.body
    assert "“The bus to the day centre is always late.”" in demo_report.body
    assert "A quote nobody has approved" not in demo_report.body
    assert f"Transport {published(demo_report.transport)}" in demo_report.lines
    assert "Interpreters fewer than 10" in demo_report.lines
    assert "A rejected suggestion" not in demo_report.body


def test_how_people_answered_is_shown_when_it_was_recorded(demo_report):
    assert re.search(r"With help \d+ \d+", demo_report.body)
    assert re.search(r"Not recorded \d+ \d+", demo_report.body)


def test_method_explains_hidden_small_numbers_and_the_framework_source(demo_report):
    body = demo_report.body
    assert "any number from 1 to 9 is shown as “fewer than 10”" in body
    assert "We give no percentage or average for a question that fewer than 10" in body
    assert "Source: Gateshead Council, Working Together for Change" in body


def test_appendix_has_every_question(demo_report):
    appendix = demo_report.body[demo_report.body.rfind("Appendix: every question's results") :]
    for position in range(1, 11):
        assert f"Question {position}:" in appendix


def test_report_pdf_is_tagged_with_a_language_and_title(demo_report):
    with pikepdf.open(io.BytesIO(demo_report.pdf)) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang).startswith("en")
        assert root.ViewerPreferences.DisplayDocTitle is True
        with pdf.open_metadata() as meta:
            assert meta["dc:title"].startswith("What we heard: How well are we working together?")
            assert meta["pdfuaid:part"] == "1"


def test_the_pdf_has_bookmarks_for_each_principle(demo_report):
    with pikepdf.open(io.BytesIO(demo_report.pdf)) as pdf, pdf.open_outline() as outline:
        titles = []
        stack = list(outline.root)
        while stack:
            item = stack.pop(0)
            titles.append(" ".join(str(item.title).split()))
            stack = list(item.children) + stack
    for principle in demo_report.principles:
        assert any(principle in title for title in titles), principle


def test_every_chart_is_a_figure_with_alt_text_and_a_table(demo_report):
    elements = structure_elements(demo_report.pdf)
    figures = [alt for tag, alt in elements if tag == "/Figure"]
    # Responses week by week, then 8 questions with answers to count (question 3 serves two
    # principles, so its chart is shown twice).
    assert len(figures) == 10
    assert all(alt.startswith("Bar chart of") for alt in figures)
    assert figures[0].startswith("Bar chart of responses week by week. Week of Monday")
    assert "Very happy:" in figures[1]
    tables = [tag for tag, _ in elements if tag == "/Table"]
    assert len(tables) > len(figures)
    assert "/TH" in {tag for tag, _ in elements}


def test_headings_go_in_order_and_none_is_skipped(demo_report):
    levels = heading_levels(demo_report.pdf)
    assert levels[0] == 1
    assert levels.count(1) == 1
    assert {2, 3, 4} <= set(levels)
    assert not headings_skip_a_level(levels)


def test_the_heading_check_finds_a_skipped_level():
    assert headings_skip_a_level([1, 3])
    assert headings_skip_a_level([2])
    assert not headings_skip_a_level([1, 2, 3, 2, 3, 4, 2])


def test_html_report_shows_the_same_tables_with_header_cells(demo_report):
    import lxml.html

    document = lxml.html.fromstring(demo_report.html)
    tables = document.cssselect("table")
    assert tables
    assert all(table.cssselect("caption") and table.cssselect("th[scope=col]") for table in tables)
    assert all(img.get("alt", "").startswith("Bar chart of") for img in document.cssselect("img"))


def test_csv_counts_equal_an_independent_sql_count(demo_report):
    import csv

    rows = list(csv.DictReader(io.StringIO(demo_report.csv.decode("utf-8-sig"))))
    shown = {(r["table"].split(":")[0], r["row"], r["column"]): r["value"] for r in rows}
    for position, _, label, count in demo_report.expected.options:
        assert shown[(f"Question {position}", label, "Responses")] == str(count)
    for name, responses, people in demo_report.expected.partners:
        assert shown[("Partners", name, "Responses")] == str(responses)
        assert shown[("Partners", name, "People")] == str(people)
    responses, people = demo_report.expected.totals
    assert shown[("How people answered", "Total", "People")] == str(people)


def test_a_handful_of_responses_never_shows_a_number_from_1_to_9(app_context):
    survey = create_survey(questions=3)
    for labels in (["Yes", "Yes", "No"], ["Yes", "No", "No"], ["Not sure", "Yes", "Yes"]) * 2:
        add_response(survey, options={1: labels[0], 2: labels[1], 3: labels[2]}, channel="kiosk")
    with WeasyPrintErrors() as errors:
        pdf = reports.what_we_heard(db.engine, survey.id)
    assert errors.messages == []
    row_labels = ("Yes", "No", "Not sure", "Sometimes", "None of these", "Responses that answered",
                  "On a kiosk", "Total")  # fmt: skip
    table_lines = [line for line in pdf_lines(pdf) if line.startswith(row_labels)]
    assert len(table_lines) >= 3 * 6
    assert [line for line in table_lines if SMALL_NUMBER.search(line)] == []
    body = " ".join(page_texts(pdf))
    assert "Yes fewer than 10" in body
    assert "Fewer than 10 responses from fewer than 10 people" in body
    assert "%" not in body.replace("more than 100%", "")
    assert "Too few people answered for a chart or percentages" in body
    assert not [tag for tag, _ in structure_elements(pdf) if tag == "/Figure"]


def test_a_handful_of_responses_shows_stars_in_the_csv(app_context):
    survey = create_survey(questions=2)
    for _ in range(4):
        add_response(survey, options={1: "Yes", 2: "No"})
    data = reports.what_we_heard(db.engine, survey.id, output="csv").decode("utf-8-sig")
    values = [line.rsplit(",", 1)[1] for line in data.splitlines()[1:] if ",Responses," in line]
    assert values
    assert set(values) == {"*"}


def test_the_threshold_comes_from_the_argument(app_context):
    survey = create_survey(questions=1)
    for _ in range(6):
        add_response(survey, options={1: "Yes"})
    five = reports.build_report(db.engine, survey.id, threshold=5)
    ten = reports.build_report(db.engine, survey.id, threshold=10)
    # Shown under a threshold of 5, and rounded to the nearest 5 like every number.
    assert five.sections[0].questions[0].rows[0].count.text == "5"
    assert ten.sections[0].questions[0].rows[0].count.text == "fewer than 10"
    with pytest.raises(ValueError, match="from 5 to 10"):
        reports.build_report(db.engine, survey.id, threshold=3)


def test_report_never_loads_anything_from_outside():
    from reports.documents import FetchRefused, LocalOnlyFetcher

    fetcher = LocalOnlyFetcher()
    for url in ("https://example.com/x.png", "file:///etc/passwd", "http://127.0.0.1/"):
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)


def test_the_weasyprint_error_check_sees_a_missing_alt_and_language():
    from weasyprint import HTML

    from app.services.pictures import svg
    from reports.pictures import data_uri

    picture = data_uri(svg("yes"))
    page = f"<html><head><title>x</title></head><body><img src='{picture}'></body></html>"
    with WeasyPrintErrors() as errors:
        HTML(string=page).write_pdf(pdf_variant="pdf/ua-1")
    assert any("has no required alt" in message for message in errors.messages)
    assert any('"lang"' in message for message in errors.messages)
