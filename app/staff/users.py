"""Staff users: admins add people, change their roles, deactivate and reactivate them, and
send them a link to choose a new password. Nobody is ever deleted."""

from flask import make_response, redirect, render_template, url_for

from app import error_summary
from app.services import partners, users
from app.services.errors import NotFound, ServiceError
from app.staff import blueprint
from app.staff.auth import link_address
from app.staff.permissions import Permission, permission_required
from app.staff.user_forms import ROLE_NAMES, ChangeRoleForm, NewUserForm


def _partner_choices() -> list[tuple[str, str]]:
    return [("", "Not a partner user")] + [
        (str(partner.id), partner.name) for partner in partners.list_partners()
    ]


def _users_page(form: ChangeRoleForm | None = None, errors=None, status: int = 200):
    form = form or ChangeRoleForm()
    form.partner_id.choices = _partner_choices()
    page = render_template(
        "staff/users.html", users=users.list_users(), form=form, errors=errors or []
    )
    return page, status


@blueprint.get("/users")
@permission_required(Permission.MANAGE_USERS)
def list_users():
    return _users_page()


@blueprint.route("/users/new", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_USERS)
def add_user():
    form = NewUserForm()
    form.partner_id.choices = _partner_choices()
    errors = []
    if form.validate_on_submit():
        try:
            user, link = users.invite_user(
                email=form.email.data, name=form.name.data, role=form.role.data,
                partner_id=form.partner_id.data, address_for=link_address,
            )  # fmt: skip
        except ServiceError as problem:
            errors = error_summary.from_problem(problem, "email")
        else:
            return _link_page(user, link, added=True)
    elif form.is_submitted():
        errors = error_summary.from_form(form)
    page = render_template(
        "staff/user_new.html",
        form=form,
        errors=errors,
        role_items=[
            {"value": role.value, "text": text, "checked": form.role.data == role.value}
            for role, text in ROLE_NAMES.items()
        ],
        partner_items=[
            {"value": value, "text": text, "selected": value == str(form.partner_id.data or "")}
            for value, text in form.partner_id.choices
        ],
    )
    return page, error_summary.status(errors)


def _link_page(user, link: str | None, *, added: bool):
    """Show the one-time link once; the page must not be kept by the browser or a proxy."""
    response = make_response(
        render_template("staff/user_link.html", user=user, link=link, added=added)
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.post("/users/<int:user_id>/role")
@permission_required(Permission.MANAGE_USERS)
def change_role(user_id: int):
    form = ChangeRoleForm()
    form.partner_id.choices = _partner_choices()
    if not form.validate_on_submit():
        return _users_page(form, error_summary.from_form(form), 400)
    try:
        users.change_role(user_id, form.role.data, form.partner_id.data)
    except NotFound:
        raise
    except ServiceError as problem:
        return _users_page(form, _about(problem, user_id), problem.status_code)
    return redirect(url_for("staff.list_users"), 303)


def _about(problem: ServiceError, user_id: int) -> list[dict[str, str]]:
    """Link a problem with one user's row to the box it is about, in that row."""
    field = {"partner_id": "partner", "role": "role"}.get(problem.field or "", "role")
    return [error_summary.error_item(problem.message, f"{field}-{user_id}")]


@blueprint.post("/users/<int:user_id>/deactivate")
@permission_required(Permission.MANAGE_USERS)
def deactivate_user(user_id: int):
    try:
        users.deactivate(user_id)
    except NotFound:
        raise
    except ServiceError as problem:
        return _users_page(None, _about(problem, user_id), problem.status_code)
    return redirect(url_for("staff.list_users"), 303)


@blueprint.post("/users/<int:user_id>/reactivate")
@permission_required(Permission.MANAGE_USERS)
def reactivate_user(user_id: int):
    users.reactivate(user_id)
    return redirect(url_for("staff.list_users"), 303)


@blueprint.post("/users/<int:user_id>/reset-password")
@permission_required(Permission.MANAGE_USERS)
def reset_password(user_id: int):
    try:
        user, link = users.send_reset_link(user_id, link_address)
    except NotFound:
        raise
    except ServiceError as problem:
        return _users_page(None, _about(problem, user_id), problem.status_code)
    return _link_page(user, link, added=False)
