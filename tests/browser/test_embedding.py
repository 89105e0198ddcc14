"""A partner's web page embeds a survey (issue 4), in real Chromium with third-party cookies
blocked: the host page is served from another loopback origin (127.0.0.2), a resident
answers inside the iframe, the iframe grows to fit, and a site not on the partner's list
cannot show the survey at all (CSP frame-ancestors)."""

import re
import threading
from collections.abc import Iterator
from html import escape

import pytest
from playwright.sync_api import Frame, Page, expect
from sqlalchemy import select
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from app.extensions import db
from app.models import Channel, PartnerLink
from app.models import Response as SurveyResponse
from tests.browser.resident import (
    QUESTION_COUNT,
    answer_current_question,
    create_embed_link,
    on_a_question,
    press_continue,
)

pytestmark = pytest.mark.browser

HOST_ADDRESS = "127.0.0.2"  # Linux routes all of 127.0.0.0/8 to the loopback device
# Try to set a cookie that is allowed in third-party frames when third-party cookies are.
COOKIE_PROBE_JS = """async () => {
    document.cookie = 'heard_probe=1; SameSite=None; Secure; Path=/';
    return {cookie: document.cookie, storageAccess: await document.hasStorageAccess()};
}"""
FRAME_TOP_JS = "() => document.querySelector('iframe').getBoundingClientRect().top"
HOST_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Age UK lunch club</title></head>
<body><h1>Lunch club news</h1>
<iframe data-heard-embed src="{frame}" title="Have your say"
  style="width:100%;min-height:600px;border:0"></iframe>
<script src="{script}" defer></script>
</body></html>"""


class HostSite:
    """A partner's web site: one page per embed code, each with Heard's embed snippet."""

    def __init__(self, heard_url: str) -> None:
        self.heard_url = heard_url
        self.server = make_server(HOST_ADDRESS, 0, self.wsgi, threaded=True)
        self.origin = f"http://{HOST_ADDRESS}:{self.server.server_port}"

    def wsgi(self, environ, start_response):
        code = Request(environ).path.strip("/")
        page = HOST_PAGE.format(
            frame=escape(f"{self.heard_url}/e/{code}"),
            script=escape(f"{self.heard_url}/static/js/embed-host.js"),
        )
        return Response(page, mimetype="text/html")(environ, start_response)

    def page_for(self, code: str) -> str:
        return f"{self.origin}/{code}"


@pytest.fixture(scope="module")
def host_site(live_server) -> Iterator[HostSite]:
    site = HostSite(live_server)
    thread = threading.Thread(target=site.server.serve_forever, name="host-site", daemon=True)
    thread.start()
    yield site
    site.server.shutdown()
    site.server.server_close()
    thread.join(timeout=5)


def _survey_frame(page: Page) -> Frame:
    frames = page.main_frame.child_frames
    assert len(frames) == 1
    return frames[0]


def fitted_height(page: Page, frame: Frame) -> float:
    """Wait until the partner page's script has fitted the iframe to the survey page inside
    (never shorter than the snippet's 600px); return the iframe's height.

    Clicking while it still resizes could miss: the page moves under the pointer.
    """
    for _ in range(100):
        content = frame.evaluate("() => document.body.getBoundingClientRect().height")
        height = page.locator("iframe[data-heard-embed]").bounding_box()["height"]
        if abs(height - max(content, 600)) <= 1:
            return height
        page.wait_for_timeout(50)
    raise AssertionError(f"The iframe is {height}px high for {content}px of survey")


def answer_inside_the_frame(page: Page, frame: Frame) -> None:
    """Answer each question in the frame and press Continue until the check page."""
    answered = 0
    while on_a_question(frame):
        assert answered <= QUESTION_COUNT, "More questions than the survey has"
        fitted_height(page, frame)
        answer_current_question(frame)
        press_continue(frame)
        answered += 1


def test_a_resident_answers_a_survey_embedded_on_a_partners_site_without_cookies(
    new_context, host_site, app, demo
):
    code = create_embed_link(app, demo, host_site.origin)
    first_party = new_context().new_page()
    first_party.goto(f"{host_site.heard_url}/")
    assert first_party.evaluate(COOKIE_PROBE_JS)["cookie"] == "heard_probe=1", "The probe works"
    context = new_context()
    page = context.new_page()
    page.goto(host_site.page_for(code))
    frame = _survey_frame(page)
    start = frame.get_by_role("button", name="Start now")
    expect(start).to_be_visible()
    # Third-party cookies are blocked for the survey inside the partner's page.
    assert frame.evaluate(COOKIE_PROBE_JS) == {"cookie": "", "storageAccess": False}
    assert frame.locator("header, footer").count() == 0

    with frame.expect_navigation():
        start.click()
    expect(frame.locator(".heard-question__progress")).to_have_text(
        re.compile(r"^Question 1 of (about )?\d+$")
    )
    # The partner page's script fits the iframe to the survey: no box that scrolls inside.
    assert fitted_height(page, frame) > 600
    assert frame.evaluate("() => document.documentElement.scrollHeight") <= fitted_height(
        page, frame
    )

    answer_inside_the_frame(page, frame)
    expect(frame.locator("h1")).to_have_text("Check your answers")
    fitted_height(page, frame)
    with frame.expect_navigation():
        frame.get_by_role("button", name="Send my answers").click()

    expect(frame.locator(".govuk-panel__title")).to_have_text("We have your answers")
    assert context.cookies() == [], "The journey needs no cookie"
    with app.app_context():
        response = db.session.scalars(select(SurveyResponse)).one()
        link = db.session.scalars(select(PartnerLink).where(PartnerLink.code == code)).one()
        assert response.channel == Channel.EMBED
        assert response.partner_link_id == link.id
        db.session.remove()


def test_each_new_page_in_the_frame_is_shown_from_its_top(new_context, host_site, app, demo):
    code = create_embed_link(app, demo, host_site.origin)
    page = new_context(width=360).new_page()
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto(host_site.page_for(code))
    frame = _survey_frame(page)
    with frame.expect_navigation():
        frame.get_by_role("button", name="Start now").click()
    fitted_height(page, frame)
    answer_current_question(frame)
    # The resident scrolls the partner's page down to the Continue button and presses it.
    frame.get_by_role("button", name="Continue").scroll_into_view_if_needed()
    assert page.evaluate(FRAME_TOP_JS) < 0, "The question is taller than the phone's screen"
    press_continue(frame)

    expect(frame.locator(".heard-question__progress")).to_contain_text("Question 2")
    page.wait_for_function(f"() => Math.abs(({FRAME_TOP_JS})()) <= 1")


def test_a_site_not_on_the_partners_list_cannot_show_the_survey(new_context, host_site, app, demo):
    code = create_embed_link(app, demo, "https://www.partner.example")
    page = new_context().new_page()

    with page.expect_response(re.compile(rf"/e/{code}$")) as framed:
        page.goto(host_site.page_for(code))

    assert (
        "frame-ancestors https://www.partner.example"
        in framed.value.headers["content-security-policy"]
    )
    expect(page.locator("h1")).to_have_text("Lunch club news")
    frame = _survey_frame(page)
    expect(frame.locator(".heard-display, .govuk-button--start")).to_have_count(0)
    assert not frame.url.startswith(host_site.heard_url), frame.url
