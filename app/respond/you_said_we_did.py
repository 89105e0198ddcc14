"""The public, easy-read "you said, we did" page of a survey: what the council did.

No sign-in and no cookie. It shows for open and closed surveys; a draft, archived or unknown
survey is "not found".
"""

from flask import render_template

from app.respond import blueprint
from app.services import actions


@blueprint.get("/s/<slug>/you-said-we-did")
def you_said_we_did(slug: str):
    return render_template(
        "respond/you_said_we_did.html", published=actions.published_actions(slug)
    )
