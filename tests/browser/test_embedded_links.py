"""Inside a partner's iframe every link of the embedded journey keeps it in the frame, or
opens a new tab and says so (issue 10, point 6). In real Chromium with third-party cookies
blocked, the partner's page on another origin (127.0.0.2) frames the survey; on every page
of the journey each link is followed inside the frame, which must show Heard's page, not
"refused to connect"."""

import re
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Frame, Page, expect

from tests.browser.resident import (
    answer_current_question,
    create_embed_link,
    on_a_question,
    press_continue,
)
from tests.browser.test_embedding import HostSite, _survey_frame

pytestmark = pytest.mark.browser

LINKS_JS = """() => [...document.querySelectorAll('a[href]')]
    .filter(a => !a.getAttribute('href').startsWith('#'))
    .map(a => ({href: a.href, target: a.target, rel: a.rel,
                words: a.innerText.replace(/\\s+/g, ' ').trim()}))"""


@pytest.fixture(scope="module")
def partner_site(live_server) -> Iterator[HostSite]:
    """The partner's web site, on another origin, framing the survey."""
    site = HostSite(live_server)
    thread = threading.Thread(target=site.server.serve_forever, name="partner-site", daemon=True)
    thread.start()
    yield site
    site.server.shutdown()
    site.server.server_close()
    thread.join(timeout=5)


def _open_in_the_frame(page: Page, partner_site, app, demo) -> Frame:
    code = create_embed_link(app, demo, partner_site.origin)
    page.goto(partner_site.page_for(code))
    frame = _survey_frame(page)
    expect(frame.get_by_role("button", name="Start now")).to_be_visible()
    return frame


def _follow_every_link(frame: Frame, heard_url: str, *, come_back: bool = True) -> list[str]:
    """Follow each link of the page in the frame; return what went wrong. Then come back to
    the page (`come_back`: it was fetched with GET, so it can be fetched again)."""
    here = frame.url
    wrong = []
    for link in frame.evaluate(LINKS_JS):
        if link["target"] == "_blank":
            if "noopener" not in link["rel"].split() or "(opens in new tab)" not in link["words"]:
                wrong.append(f"{here}: new tab without noopener or saying so: {link}")
            continue
        try:
            frame.goto(link["href"])
            shown = frame.url.startswith(heard_url) and frame.locator("main").count() == 1
        except PlaywrightError:  # net::ERR_BLOCKED_BY_RESPONSE: the page refuses the frame
            shown = False
        if not shown:
            wrong.append(f"{here}: {link['words']!r} ({link['href']}) is refused in the frame")
    if come_back:
        frame.goto(here)
    return wrong


def test_every_link_of_an_embedded_journey_stays_in_the_frame_or_opens_a_new_tab(
    page,
    partner_site,
    app,
    demo,
):
    frame = _open_in_the_frame(page, partner_site, app, demo)
    wrong = _follow_every_link(frame, partner_site.heard_url)
    with frame.expect_navigation():
        frame.get_by_role("button", name="Start now").click()
    while on_a_question(frame):
        wrong += _follow_every_link(frame, partner_site.heard_url)
        answer_current_question(frame)
        press_continue(frame)
    expect(frame.locator("h1")).to_have_text("Check your answers")
    wrong += _follow_every_link(frame, partner_site.heard_url)
    # By keyboard: after coming back to this long page the partner's page may still be
    # growing the frame to fit it, and a click aimed while it grows can land beside the button.
    with frame.expect_navigation():
        frame.get_by_role("button", name="Send my answers").press("Enter")
    expect(frame.locator(".govuk-panel__title")).to_have_text("We have your answers")
    wrong += _follow_every_link(frame, partner_site.heard_url)

    assert not wrong, "\n".join(wrong)
    assert page.context.cookies() == [], "The journey needs no cookie"


def test_the_saved_page_of_an_embedded_journey_opens_its_come_back_links_in_a_new_tab(
    page,
    partner_site,
    app,
    demo,
):
    frame = _open_in_the_frame(page, partner_site, app, demo)
    with frame.expect_navigation():
        frame.get_by_role("button", name="Start now").click()
    answer_current_question(frame)
    press_continue(frame)
    with frame.expect_navigation():
        frame.get_by_role("button", name="Save and come back later").click()
    expect(frame.locator("h1")).to_have_text("Your answers are saved")

    resume = frame.locator("a.heard-resume-link")
    expect(resume).to_have_attribute("target", "_blank")
    expect(resume).to_contain_text(re.compile(r"\(opens in new tab\)$"))

    wrong = _follow_every_link(frame, partner_site.heard_url, come_back=False)

    assert not wrong, "\n".join(wrong)
