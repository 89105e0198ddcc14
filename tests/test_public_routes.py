"""Printed links must keep working: posters, QR codes, leaflets and partners' sites hold these.

If a public address disappears, a test fails unless the old address redirects. Every public
route (every route outside the staff blueprint, and the staff pages open without signing in)
must be listed here with an example, so a new public route cannot be added unnoticed: list
it, and it is then guarded like the others.
"""

import pytest
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

from app.staff import PUBLIC_ENDPOINTS

# Addresses that are printed or shared outside Heard, with an example of each.
PUBLIC_ADDRESSES = [
    "/",
    "/l/abcd2345",
    "/e/abcd2345",
    "/k/Jb3tQ0yx8kVwZp1sN4mR2A",
    "/s/working-together",
    "/s/working-together/questions/1",
    "/s/working-together/check",
    "/s/working-together/how-you-answered",
    "/s/working-together/resume",
    "/s/working-together/resume/Jb3tQ0yx8kVwZp1sN4mR2A",
    "/s/working-together/thanks/ABCDEFGH23",
    "/s/working-together/you-said-we-did",
    "/take-back-my-answers",
    "/take-back-my-answers/done",
    "/privacy",
    "/accessibility",
    "/healthz",
    "/readyz",
    "/staff/",
    "/staff/sign-in",
    # One-time links e-mailed to staff, or passed on by an admin, work for 24 hours.
    "/staff/choose-password/Jb3tQ0yx8kVwZp1sN4mR2A",
    "/staff/choose-password",
    "/staff/forgotten-password",
]

# Forms a resident may have open (on a kiosk, in a tab left overnight) when Heard is upgraded.
PUBLIC_FORM_TARGETS = [
    "/k/Jb3tQ0yx8kVwZp1sN4mR2A/start-again",
    "/s/working-together/questions/1",
    "/s/working-together/how-you-answered",
    "/s/working-together/resume",
    "/s/working-together/save",
    "/s/working-together/send",
    "/take-back-my-answers",
    "/take-back-my-answers/sure",
    "/staff/sign-in",
    "/staff/choose-password",
    "/staff/forgotten-password",
]

# Files partners copy onto their own sites.
PUBLIC_FILES = ["/static/js/embed-host.js"]


def _listed(app, gets, posts, files) -> set[tuple[str, str]]:
    """Return the (rule, method) pairs that the listed addresses reach."""
    adapter = app.url_map.bind("heard.example")
    listed = set()
    for method, addresses in (("GET", [*gets, *files]), ("POST", posts)):
        for address in addresses:
            try:
                rule, _ = adapter.match(address, method=method, return_rule=True)
            except (RequestRedirect, NotFound, MethodNotAllowed):
                continue
            listed.add((rule.rule, method))
    return listed


def _unlisted(app, gets, posts, files) -> list[str]:
    """List every public route and method that no listed address reaches."""
    listed = _listed(app, gets, posts, files)
    return sorted(
        f"{method} {rule.rule} ({rule.endpoint})"
        for rule in app.url_map.iter_rules()
        if not rule.endpoint.startswith("staff.") or rule.endpoint in PUBLIC_ENDPOINTS
        for method in rule.methods - {"HEAD", "OPTIONS"}
        if (rule.rule, method) not in listed
    )


@pytest.mark.parametrize("address", PUBLIC_ADDRESSES)
def test_printed_addresses_still_lead_somewhere(app, address):
    adapter = app.url_map.bind("heard.example")
    try:
        endpoint, _ = adapter.match(address, method="GET")
    except RequestRedirect:
        return
    assert endpoint != "static"


@pytest.mark.parametrize("address", PUBLIC_FORM_TARGETS)
def test_open_forms_still_send_somewhere(app, address):
    adapter = app.url_map.bind("heard.example")
    try:
        adapter.match(address, method="POST")
    except RequestRedirect:
        pytest.fail(f"A redirect drops what the form sent to {address}")


@pytest.mark.parametrize("address", PUBLIC_FILES)
def test_files_partners_copy_are_still_served(app, address):
    assert app.url_map.bind("heard.example").match(address)[0] == "static"


def test_the_check_fails_for_an_address_that_has_gone(app):
    adapter = app.url_map.bind("heard.example")
    with pytest.raises((NotFound, MethodNotAllowed)):
        adapter.match("/survey-that-never-existed/start", method="GET")


def test_every_public_route_is_listed_here(app):
    assert _unlisted(app, PUBLIC_ADDRESSES, PUBLIC_FORM_TARGETS, PUBLIC_FILES) == [], (
        "A public route is not listed in tests/test_public_routes.py: add an example address"
    )


def test_the_listing_check_sees_the_kiosk_address_left_out(app):
    gets = [a for a in PUBLIC_ADDRESSES if not a.startswith("/k/")]
    assert _unlisted(app, gets, PUBLIC_FORM_TARGETS, PUBLIC_FILES) == [
        "GET /k/<key> (respond.kiosk_start)"
    ]
