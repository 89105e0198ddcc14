"""Printed links must keep working: posters, QR codes and leaflets hold these addresses.

If a public address disappears, this test fails unless the old address redirects.
"""

import pytest
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

# Addresses that are printed or shared outside Heard, with an example of each.
PUBLIC_ADDRESSES = [
    "/",
    "/l/abcd2345",
    "/e/abcd2345",
    "/s/working-together",
    "/s/working-together/questions/1",
    "/s/working-together/check",
    "/s/working-together/thanks/ABCDEFGH23",
    "/staff/",
    "/staff/sign-in",
]


@pytest.mark.parametrize("address", PUBLIC_ADDRESSES)
def test_printed_addresses_still_lead_somewhere(app, address):
    adapter = app.url_map.bind("heard.example")
    try:
        endpoint, _ = adapter.match(address, method="GET")
    except RequestRedirect:
        return
    assert endpoint != "static"


def test_the_check_fails_for_an_address_that_has_gone(app):
    adapter = app.url_map.bind("heard.example")
    with pytest.raises((NotFound, MethodNotAllowed)):
        adapter.match("/survey-that-never-existed/start", method="GET")
