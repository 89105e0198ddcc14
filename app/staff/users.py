"""Staff users: admins see everyone and change roles."""

from flask import redirect, render_template, url_for

from app import error_summary
from app.services import users
from app.staff import blueprint
from app.staff.forms import RoleForm
from app.staff.permissions import Permission, permission_required


@blueprint.get("/users")
@permission_required(Permission.MANAGE_USERS)
def list_users():
    return render_template("staff/users.html", users=users.list_users(), form=RoleForm())


@blueprint.post("/users/<int:user_id>/role")
@permission_required(Permission.MANAGE_USERS)
def change_role(user_id: int):
    form = RoleForm()
    if not form.validate_on_submit():
        errors = error_summary.from_form(form)
        page = render_template(
            "staff/users.html", users=users.list_users(), form=form, errors=errors
        )
        return page, 400
    users.change_role(user_id, form.role.data)
    return redirect(url_for("staff.list_users"), 303)
