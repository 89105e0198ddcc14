"""Forms for importing responses from another tool (Flask-WTF, so each carries a CSRF token)."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField


class UploadForm(FlaskForm):
    """A CSV or XLSX export of responses."""

    file = FileField(
        "Upload a file", validators=[FileRequired("Choose a CSV or Excel (.xlsx) file to upload")]
    )


class MatchForm(FlaskForm):
    """The preview page's matches, read by the imports service, and the button pressed."""

    action = StringField()

    @property
    def importing(self) -> bool:
        """Say whether staff pressed "Check and import" rather than "Update the answers"."""
        return self.action.data == "import"


class UndoForm(FlaskForm):
    """Confirm deleting every response of one import (the CSRF token is the whole form)."""
