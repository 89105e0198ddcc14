"""Who may open each staff page: every staff route is listed here with the roles that may use it.

Asking as each role, a page a role may not use answers 403 (or 404 for partner users, who are
not told other pages exist); a page it may use answers anything else. A new staff route fails
the first test until it is added to the table, so nobody adds a page without saying who may use it.
"""

import pytest

from app.models import Role
from app.services import partners
from app.staff.navigation import NAVIGATION
from app.staff.permissions import ROLE_PERMISSIONS, Permission, role_can
from tests.factories import create_survey, create_user
from tests.pages import check_page, get
from tests.staff.test_access import sign_in

EVERY_STAFF = {Role.ADMIN, Role.LEAD, Role.VIEWER}
LEADS = {Role.ADMIN, Role.LEAD}

# Endpoint -> the roles that may use it (every method of the route).
WHO_MAY = {
    "staff.index": EVERY_STAFF,
    "staff.show_survey": EVERY_STAFF,
    "staff.survey_report": EVERY_STAFF,
    "staff.report_job": EVERY_STAFF,
    "staff.download_report_job": EVERY_STAFF,
    "staff.report_stylesheet": EVERY_STAFF,
    "staff.list_pictures": EVERY_STAFF,
    "staff.list_themes": EVERY_STAFF,
    "staff.code_answers": EVERY_STAFF,
    "staff.theme_suggestions": EVERY_STAFF,
    "staff.coding_batch": EVERY_STAFF,
    "staff.list_quotes": EVERY_STAFF,
    "staff.show_quote": EVERY_STAFF,
    "staff.show_kept_names": EVERY_STAFF,
    "staff.list_actions": EVERY_STAFF,
    "staff.preview_start": EVERY_STAFF,
    "staff.preview_question": EVERY_STAFF,
    "staff.preview_support": EVERY_STAFF,
    "staff.list_plain_words": EVERY_STAFF,
    "staff.add_plain_word": LEADS,
    "staff.remove_plain_word": LEADS,
    "staff.preview_check": EVERY_STAFF,
    "staff.preview_send": EVERY_STAFF,
    "staff.download_survey_file": EVERY_STAFF,
    "staff.list_translations": EVERY_STAFF,
    "staff.translate_survey": EVERY_STAFF,
    "staff.download_translations": EVERY_STAFF,
    "staff.save_translations": LEADS,
    "staff.upload_translations": LEADS,
    "staff.new_survey": LEADS,
    "staff.build_survey": LEADS,
    "staff.edit_survey_details": LEADS,
    "staff.change_survey_status": LEADS,
    "staff.add_about_you_questions": LEADS,
    "staff.accept_easy_read_warning": LEADS,
    "staff.use_plainer_words": LEADS,
    "staff.add_survey_question": LEADS,
    "staff.edit_survey_question": LEADS,
    "staff.move_survey_question": LEADS,
    "staff.delete_survey_question": LEADS,
    "staff.create_theme": LEADS,
    "staff.merge_themes": LEADS,
    "staff.rename_theme": LEADS,
    "staff.set_answer_themes": LEADS,
    "staff.accept_suggestion": LEADS,
    "staff.reject_suggestion": LEADS,
    "staff.code_ticked_answers": LEADS,
    "staff.undo_coding": LEADS,
    "staff.create_quote": LEADS,
    "staff.update_quote": LEADS,
    "staff.approve_quote": LEADS,
    "staff.remove_quote": LEADS,
    "staff.choose_words": LEADS,
    "staff.update_kept_names": LEADS,
    "staff.add_action": LEADS,
    "staff.change_action": LEADS,
    "staff.delete_action": LEADS,
    "staff.upload_responses": LEADS,
    "staff.preview_import": LEADS,
    "staff.import_done": LEADS,
    "staff.undo_import": LEADS,
    "staff.enter_group": LEADS,
    "staff.responses_csv": LEADS,
    "staff.list_responses": EVERY_STAFF,
    "staff.show_response": EVERY_STAFF,
    "staff.delete_response": LEADS,
    "staff.kept_figures": EVERY_STAFF,
    "staff.survey_retention": LEADS,
    "staff.list_partners": LEADS,
    "staff.show_partner": LEADS,
    "staff.link_qr_code": LEADS | {Role.PARTNER},  # their own links only (test_partner_users)
    "staff.link_poster": LEADS | {Role.PARTNER},
    "staff.list_kiosks": LEADS,
    "staff.kiosk_display": LEADS,
    "staff.enter_paper": LEADS | {Role.PARTNER},
    "staff.next_paper_form": LEADS | {Role.PARTNER},
    "staff.list_users": {Role.ADMIN},
    "staff.change_role": {Role.ADMIN},
    "staff.add_user": {Role.ADMIN},
    "staff.deactivate_user": {Role.ADMIN},
    "staff.reactivate_user": {Role.ADMIN},
    "staff.reset_password": {Role.ADMIN},
    "staff.audit_log": {Role.ADMIN},
    "staff.audit_log_csv": {Role.ADMIN},
    "staff.account": EVERY_STAFF | {Role.PARTNER},
    "staff.change_password": EVERY_STAFF | {Role.PARTNER},
    "staff.partner_home": {Role.PARTNER},
}
# Pages every signed-in user, or anybody, may use.
NOT_CHECKED = {
    "staff.sign_in",
    "staff.sign_out",
    "staff.sign_out_everywhere",
    "staff.open_link",
    "staff.choose_password",
    "staff.forgotten_password",
}
PLACEHOLDERS = {
    "output": "html",
    "kind": "svg",
    "edition": "standard",
    "step": "close",
    "way": "up",
    "file_format": "yaml",
    "language": "cy",
    "token": "not-a-real-link",
    "choice": "keep",
}


def staff_rules(app):
    return [
        rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("staff.") and rule.endpoint not in NOT_CHECKED
    ]


def test_every_staff_route_says_who_may_use_it(app):
    assert {rule.endpoint for rule in staff_rules(app)} == set(WHO_MAY)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_is_refused_exactly_the_pages_it_may_not_use(app, client, role):
    survey = create_survey()
    partner = partners.create_partner(name="Lunch club", contact="Sam", allowed_origins="")
    link = partners.create_link(partner=partner, survey=survey, label="Poster")
    user = create_user(role=role.value, partner_id=partner.id if role == Role.PARTNER else None)
    sign_in(client, user)
    home = get(client, "/staff/your-links" if role == Role.PARTNER else "/staff/")
    token = home.form_fields("form.heard-sign-out")["csrf_token"]
    # Partner users are sent from the staff home page to their own, and told nothing else exists.
    refused_with = {302, 403, 404} if role == Role.PARTNER else {403}
    wrong = []
    for rule in staff_rules(app):
        # A link is the partner's own; every other id is the survey's.
        ids = {"link_id": link.id}
        values = {arg: PLACEHOLDERS.get(arg, ids.get(arg, survey.id)) for arg in rule.arguments}
        url = rule.build(values)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            data = {"csrf_token": token} if method == "POST" else None
            response = client.open(url, method=method, data=data, buffered=True)
            response.close()
            refused = response.status_code in refused_with
            if refused == (role in WHO_MAY[rule.endpoint]):
                wrong.append((method, url, response.status_code))
    assert wrong == []


def test_admins_may_do_everything_a_lead_may_and_manage_users_too():
    assert ROLE_PERMISSIONS[Role.ADMIN] == ROLE_PERMISSIONS[Role.LEAD] | {
        Permission.MANAGE_USERS,
        Permission.VIEW_AUDIT_LOG,
    }
    assert not role_can(Role.LEAD, Permission.MANAGE_USERS)
    assert not role_can(None, Permission.VIEW_SURVEYS)


@pytest.mark.parametrize(
    ("role", "links"),
    [
        (Role.ADMIN, ["Surveys", "Partners", "Kiosks", "Pictures", "Users", "Audit log"]),
        (Role.LEAD, ["Surveys", "Partners", "Kiosks", "Pictures"]),
        (Role.VIEWER, ["Surveys"]),
        (Role.PARTNER, ["Your links"]),
    ],
)
def test_the_navigation_shows_each_role_the_pages_it_may_use(client, role, links):
    partner = partners.create_partner(name="Lunch club", contact="Sam", allowed_origins="")
    partner_id = partner.id if role == Role.PARTNER else None
    sign_in(client, create_user(role=role.value, partner_id=partner_id))
    page = get(client, "/staff/your-links" if role == Role.PARTNER else "/staff/")
    assert page.texts(".govuk-service-navigation__item a") == links


def test_every_navigation_link_leads_to_a_page_its_permission_opens():
    for item in NAVIGATION:
        roles = {role for role in Role if role_can(role, item.permission)}
        assert roles <= WHO_MAY[item.endpoint], item.endpoint


def test_a_signed_out_page_has_no_staff_navigation(client):
    page = check_page(client.get("/staff/sign-in"))
    assert page.texts(".govuk-service-navigation__item a") == []
