"""Who may do what on staff pages."""

from functools import wraps

from flask import abort
from flask_login import current_user

from app.models import Role


def role_required(*roles: Role):
    """Allow a view only to signed-in users with one of these roles; others get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
