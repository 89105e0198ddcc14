"""Staff forms (Flask-WTF, so every one carries a CSRF token)."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired

from app.models import Role


class SignInForm(FlaskForm):
    """E-mail address and password."""

    email = EmailField("Email address", validators=[DataRequired("Enter your email address")])
    password = PasswordField("Password", validators=[DataRequired("Enter your password")])


class ForgottenPasswordForm(FlaskForm):
    """The e-mail address to send a link to choose a new password to."""

    email = EmailField("Email address", validators=[DataRequired("Enter your email address")])


class RoleForm(FlaskForm):
    """A user's new role."""

    role = RadioField(
        "Role",
        choices=[SelectChoice(role.value, role.value.capitalize()) for role in Role],
        validators=[InputRequired("Choose a role")],
    )


class PartnerForm(FlaskForm):
    """A new partner organisation."""

    name = StringField("Name of the organisation")
    contact = StringField("Contact (name, email address or phone number)")
    allowed_origins = TextAreaField("Web sites that may embed surveys (optional)")


class LinkForm(FlaskForm):
    """A new tracked link for a partner."""

    survey_id = SelectField("Survey", coerce=int, validate_choice=False)
    label = StringField("Label, like “Lunch club poster”")


class GroupSessionForm(FlaskForm):
    """A facilitated group session that one response speaks for."""

    people_count = StringField("How many people took part in the session?")
    facilitator = StringField("Facilitator's name")
    organisation = StringField("Organisation that ran the session")
    day = StringField("Day")
    month = StringField("Month")
    year = StringField("Year")


class KioskForm(FlaskForm):
    """A new kiosk: which survey, where, and how long to wait before asking."""

    survey_id = SelectField("Survey", coerce=int, validate_choice=False)
    venue = StringField("Where is the kiosk?")
    idle_seconds = StringField("Seconds without a touch before we ask “Are you still there?”")
