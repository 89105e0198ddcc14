"""Every page Heard serves sends the security headers: a Content Security Policy with a
script nonce and no `unsafe-inline`, refusal to be framed (except the embedded journey,
framed only by its partner's site), `nosniff`, a referrer policy; and `no-store` on every
page that holds answers or personal data, so a shared computer's cache keeps none of them.

Staff pages are all the GET routes of the staff blueprint with seeded data, as an admin; the
resident pages are the ones the browser tests open, reached through the test client.
"""

import pytest

from app.services.demo import DEMO_SLUG
from tests.browser.resident import RESIDENT_PAGES, expected_status, resident_address
from tests.staff.test_every_page import _ids, _seed, _sign_in, _staff_urls

# Resident pages that show what a person answered, or their reference number.
HOLDS_ANSWERS = {"check", "thanks", "saved", "how-you-answered", "embedded-question"}
# Opened in the browser only (they need a clock or a click).
BROWSER_ONLY = {"kiosk-timeout", "saved"}


def _policy(response) -> dict[str, str]:
    header = response.headers.get("Content-Security-Policy", "")
    return {part.split(" ", 1)[0]: part for part in (p.strip() for p in header.split(";")) if part}


def _header_problems(response, *, framed_by_partner: bool = False) -> list[str]:
    problems = []
    policy = _policy(response)
    if "unsafe-inline" in response.headers.get("Content-Security-Policy", ""):
        problems.append("the CSP allows unsafe-inline")
    if "'nonce-" not in policy.get("script-src", "") and response.mimetype == "text/html":
        problems.append("no script nonce")
    if policy.get("default-src") != "default-src 'self'":
        problems.append("no default-src 'self'")
    frame = policy.get("frame-ancestors", "")
    if framed_by_partner:
        if frame in ("", "frame-ancestors 'none'"):
            problems.append("an embed that its partner cannot frame")
    elif frame != "frame-ancestors 'none'" or response.headers.get("X-Frame-Options") != "DENY":
        problems.append(f"can be framed ({frame!r})")
    if response.headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("no nosniff")
    if not response.headers.get("Referrer-Policy"):
        problems.append("no Referrer-Policy")
    return problems


def test_every_staff_page_sends_the_security_headers_and_is_never_stored(app, runner):
    _seed(app, runner)
    urls, _ = _staff_urls(app.url_map, _ids(app))
    client = _sign_in(app, "admin")
    failures = []
    for endpoint, url in urls:
        response = client.get(url)
        response.get_data()  # to its end: a streamed download holds a cursor until then
        response.close()
        problems = _header_problems(response)
        if "no-store" not in response.headers.get("Cache-Control", ""):
            problems.append("can be stored")
        if problems:
            failures.append(f"{url} ({endpoint}): {', '.join(problems)}")
    assert len(urls) > 50
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", [n for n in RESIDENT_PAGES if n not in BROWSER_ONLY])
def test_every_resident_page_sends_the_security_headers(app, demo, name):
    address = resident_address(name, app, demo)
    response = app.test_client().get(address)

    problems = _header_problems(response, framed_by_partner=name == "embedded-question")
    stored = "no-store" not in response.headers.get("Cache-Control", "")
    if (name in HOLDS_ANSWERS or name.startswith("question-")) and stored:
        problems.append("holds answers but can be stored")
    assert response.status_code == expected_status(name), response.status_code
    assert not problems, f"{address}: {', '.join(problems)}"


@pytest.fixture
def demo(app):
    from app.extensions import db
    from app.services.demo import seed_demo

    with app.app_context():
        seed_demo()
        db.session.remove()
    return DEMO_SLUG
