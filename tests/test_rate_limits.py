"""Only writes are rate limited, so page reads skip Flask-Limiter's before-request pass
(app/extensions.py): about a sixth of a question page's time (issue 13)."""

import types

import pytest
from flask_limiter.util import get_qualified_name

from app.extensions import limiter
from tests.factories import create_survey
from tests.respond.test_send_limit import _check_page

READS = {"GET", "HEAD", "OPTIONS"}
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def _limited_rules(app):
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if limiter.limit_manager.decorated_limits(get_qualified_name(view)):
            yield rule


def test_every_limited_route_is_a_write(app):
    with app.test_request_context():
        limited = list(_limited_rules(app))

    # The send and the withdrawal at least: a guard that finds nothing checks nothing.
    assert {"respond.send", "respond.take_back_sure"} <= {rule.endpoint for rule in limited}
    for rule in limited:
        assert rule.methods - READS and rule.methods - READS <= WRITES, rule.rule


@pytest.fixture
def limits_resolved(monkeypatch):
    endpoints = []
    resolve = limiter.limit_manager.resolve_limits

    def counted(app, endpoint, *args, **kwargs):
        endpoints.append(endpoint)
        return resolve(app, endpoint, *args, **kwargs)

    monkeypatch.setattr(limiter.limit_manager, "resolve_limits", counted)
    return endpoints


def test_a_page_read_is_not_counted_and_a_send_is(app, limits_resolved):
    with app.app_context():
        survey = types.SimpleNamespace(slug=create_survey(questions=2).slug)
    client = app.test_client()
    check = _check_page(client, survey.slug)
    limits_resolved.clear()

    assert client.get(f"/s/{survey.slug}").status_code == 200
    assert limits_resolved == []

    action = check.all("form[action*='/send']")[0].get("action")
    sent = client.post(action, data=check.form_fields("form[action*='/send']"))
    assert sent.status_code == 303
    assert "respond.send" in limits_resolved
