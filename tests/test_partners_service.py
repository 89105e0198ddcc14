"""Partners' embed allowlists accept only https://host[:port] (BAD-58)."""

import re

import pytest

from app.services import partners
from app.services.errors import ServiceError


@pytest.mark.parametrize(
    "entry",
    [
        "*",
        "http://p.example",
        "https://p.example/path",
        "https://p.example; script-src *",
        "'unsafe-inline'",
        "https://*.",
        "https://*.example.org",
        "https://p.example:99999",
        "javascript:alert(1)",
        "https://p.example\r\nSet-Cookie: x=1",
    ],
)
def test_allowlist_entries_other_than_a_plain_https_origin_are_refused(entry):
    with pytest.raises(ServiceError, match=re.escape(partners.ORIGIN_MESSAGE)):
        partners.parse_allowed_origins(entry)


def test_allowlist_keeps_plain_origins_once_each_in_lower_case():
    text = "https://www.AgeUK.example\n\n  https://carers.example:8443 \nhttps://www.ageuk.example"
    assert partners.parse_allowed_origins(text) == [
        "https://www.ageuk.example",
        "https://carers.example:8443",
    ]
