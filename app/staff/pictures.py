"""The picture library, for staff choosing pictures for questions and answers."""

from flask import render_template

from app.services import pictures
from app.staff import blueprint


@blueprint.get("/pictures")
def list_pictures():
    return render_template("staff/pictures.html", pictures=pictures.library())
