"""The staff navigation: each page's link shown only to users with the permission it needs.

A context processor hands `layouts/staff.html` the ready-made list of links, so the layout
names no roles and a role's menu follows from `app.staff.permissions`.
"""

from typing import NamedTuple

from flask import url_for
from flask_login import current_user

from app.staff import blueprint
from app.staff.permissions import Permission, current_user_can


class NavigationItem(NamedTuple):
    """A link in the staff navigation and the permission that shows it."""

    endpoint: str
    text: str
    permission: Permission


NAVIGATION = (
    NavigationItem("staff.partner_home", "Your links", Permission.VIEW_OWN_LINKS),
    NavigationItem("staff.index", "Surveys", Permission.VIEW_SURVEYS),
    NavigationItem("staff.list_partners", "Partners", Permission.MANAGE_PARTNERS),
    NavigationItem("staff.list_kiosks", "Kiosks", Permission.MANAGE_KIOSKS),
    # The picture library is where staff choose pictures for the questions they build.
    NavigationItem("staff.list_pictures", "Pictures", Permission.MANAGE_SURVEYS),
    NavigationItem("staff.list_users", "Users", Permission.MANAGE_USERS),
    NavigationItem("staff.audit_log", "Audit log", Permission.VIEW_AUDIT_LOG),
)


def navigation_for_current_user() -> list[dict[str, str]]:
    """Return the links the signed-in user may follow, in GOV.UK service navigation's shape."""
    if not current_user.is_authenticated:
        return []
    return [
        {"href": url_for(item.endpoint), "text": item.text}
        for item in NAVIGATION
        if current_user_can(item.permission)
    ]


@blueprint.context_processor
def _staff_navigation() -> dict[str, list[dict[str, str]]]:
    return {"staff_navigation": navigation_for_current_user()}
