"""Who may do what on staff pages: each permission named once, and each role's set of them.

Views say what they need with `@permission_required(Permission.X)`; pages and the staff
navigation ask `current_user_can(Permission.X)`. A role's rights change here and nowhere
else. Partner users are also kept to their own pages by the blueprint (see `app.staff`).
"""

import enum
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user

from app.models import Role


class Permission(enum.StrEnum):
    """One thing a staff user may do."""

    VIEW_SURVEYS = "view surveys"  # surveys, reports, answers, themes, quotes, actions
    MANAGE_SURVEYS = "manage surveys"  # themes, quotes, actions, imports, group sessions
    ENTER_PAPER_FORMS = "enter paper forms"
    DOWNLOAD_RESPONSES = "download responses"
    MANAGE_PARTNERS = "manage partners"  # partners, their links, QR codes and posters
    MANAGE_KIOSKS = "manage kiosks"
    MANAGE_USERS = "manage users"
    VIEW_AUDIT_LOG = "view audit log"  # who changed or read what, and the CSV of it
    VIEW_OWN_LINKS = "view own links"  # a partner user's counts for their own links


_LEAD = frozenset(
    {
        Permission.VIEW_SURVEYS,
        Permission.MANAGE_SURVEYS,
        Permission.ENTER_PAPER_FORMS,
        Permission.DOWNLOAD_RESPONSES,
        Permission.MANAGE_PARTNERS,
        Permission.MANAGE_KIOSKS,
    }
)

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: _LEAD | {Permission.MANAGE_USERS, Permission.VIEW_AUDIT_LOG},
    Role.LEAD: _LEAD,
    Role.VIEWER: frozenset({Permission.VIEW_SURVEYS}),
    # Partner facilitators type in paper forms, counted under their own link.
    Role.PARTNER: frozenset({Permission.VIEW_OWN_LINKS, Permission.ENTER_PAPER_FORMS}),
}


def role_can(role: Role | None, permission: Permission) -> bool:
    """Say whether a user with this role may do this."""
    return permission in ROLE_PERMISSIONS.get(role, frozenset()) if role else False


def current_user_can(permission: Permission) -> bool:
    """Say whether the signed-in user may do this; nobody signed in may do nothing."""
    return current_user.is_authenticated and role_can(current_user.role, permission)


def permission_required(permission: Permission) -> Callable:
    """Allow a view only to signed-in users with this permission; others get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user_can(permission):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
