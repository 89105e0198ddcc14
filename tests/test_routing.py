"""An id too large for the database, in any address, is a plain 404, never a 500.

PostgreSQL's integer stops at 2,147,483,647 and SQLite's at 2**63 - 1: asked for a larger id,
both refused the query and the page failed. Every route with an id is tried, as an admin.
"""

import pytest

from app.routing import LARGEST_ID
from tests.factories import create_survey, create_user
from tests.staff.test_access import sign_in

TOO_LARGE = [LARGEST_ID + 1, 99999999999999999999]
PLACEHOLDERS = {
    "output": "html",
    "kind": "svg",
    "edition": "standard",
    "step": "close",
    "way": "up",
    "file_format": "yaml",
    "language": "cy",
}


def _id_rules(app):
    for rule in app.url_map.iter_rules():
        ids = [name for name, converter in rule._converters.items() if converter.regex == r"\d+"]
        if ids and "GET" in rule.methods:
            yield rule, ids


@pytest.mark.parametrize("too_large", TOO_LARGE)
def test_every_address_with_an_id_too_large_for_the_database_is_not_found(app, client, too_large):
    survey = create_survey(questions=2)
    sign_in(client, create_user(role="admin"))
    tried = 0
    for rule, ids in _id_rules(app):
        values = {name: PLACEHOLDERS.get(name, survey.id) for name in rule.arguments}
        values["slug"] = survey.slug
        for name in ids:
            url = rule.build({**values, name: LARGEST_ID})[1].replace(
                str(LARGEST_ID), str(too_large)
            )
            response = client.get(url)
            assert response.status_code == 404, f"{url} answered {response.status_code}"
            tried += 1
    assert tried > 20


def test_the_largest_id_the_database_holds_still_reaches_the_page(client):
    sign_in(client, create_user(role="admin"))

    assert client.get(f"/staff/surveys/{LARGEST_ID}").status_code == 404
    assert client.get(f"/staff/surveys/{LARGEST_ID}/build").status_code == 404
