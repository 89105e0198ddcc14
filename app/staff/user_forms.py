"""Forms for staff accounts: adding a user, changing a role, choosing a password."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired

from app.models import Role

ROLE_NAMES = {
    Role.ADMIN: "Admin: everything a lead does, and manages users and the audit log",
    Role.LEAD: "Engagement lead: builds surveys, codes answers, downloads responses",
    Role.VIEWER: "Viewer: reads surveys and reports",
    Role.PARTNER: "Partner: sees their own links' counts and types in paper forms",
}


def _role_choices() -> list[SelectChoice]:
    return [SelectChoice(role.value, name) for role, name in ROLE_NAMES.items()]


def _partner_id(value: object) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


class NewUserForm(FlaskForm):
    """A new staff user: who they are and what they may do."""

    name = StringField("Full name", validators=[DataRequired("Enter the person's name")])
    email = EmailField("Email address", validators=[DataRequired("Enter an email address")])
    # A value that is no role is refused by the service with the same words.
    role = RadioField(
        "Role",
        choices=_role_choices(),
        validators=[InputRequired("Choose a role")],
        validate_choice=False,
    )
    partner_id = SelectField(
        "Partner (for partner users only)", coerce=_partner_id, validate_choice=False
    )


class ChangeRoleForm(FlaskForm):
    """A user's new role, and their partner when the new role is partner."""

    role = SelectField(
        "Role",
        choices=[SelectChoice(role.value, role.value.capitalize()) for role in Role],
        validators=[InputRequired("Choose a role")],
        validate_choice=False,
    )
    partner_id = SelectField("Partner", coerce=_partner_id, validate_choice=False)


class ChangePasswordForm(FlaskForm):
    """A signed-in user's current password, and the new one typed twice."""

    current = PasswordField(
        "Current password", validators=[DataRequired("Enter your current password")]
    )
    password = PasswordField("New password", validators=[DataRequired("Enter a new password")])
    confirm = PasswordField(
        "Type the new password again", validators=[DataRequired("Type the new password again")]
    )


class NewPasswordForm(FlaskForm):
    """A password chosen through a one-time link, typed twice."""

    password = PasswordField("New password", validators=[DataRequired("Enter a password")])
    confirm = PasswordField(
        "Type the password again", validators=[DataRequired("Type the password again")]
    )
