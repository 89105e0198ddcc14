"""A lead's survey settings reach residents: no kiosk when kiosks are off, no "Save and come
back later" when saving is off."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import Draft
from app.services import kiosks
from tests import journey
from tests.factories import create_survey
from tests.pages import check_page, get


def test_a_survey_kept_off_kiosks_is_not_shown_on_one(client):
    survey = create_survey(slug="no-kiosks")
    kiosk = kiosks.create_kiosk(survey=survey, venue="Library")
    assert get(client, f"/k/{kiosk.key}").status == 200
    survey.kiosk_allowed = False
    db.session.commit()
    assert check_page(client.get(f"/k/{kiosk.key}")).status == 404


def test_with_saving_off_there_is_no_save_button_and_no_saving(client):
    survey = create_survey(slug="no-saving")
    assert journey.start(client, survey.slug).all(".heard-save-for-later")
    survey.save_for_later_allowed = False
    survey.version += 1  # as every builder change does, so each worker's copy is replaced
    db.session.commit()
    question = journey.start(client, survey.slug)
    assert question.all(".heard-save-for-later") == []
    refused = check_page(
        client.post(f"/s/{survey.slug}/save", data={"token": question.form_fields()["token"]})
    )
    assert refused.status == 400
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 0
