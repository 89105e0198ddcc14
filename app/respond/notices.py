"""The privacy notice and the accessibility statement: public, easy read, in every language.

Heard ships easy-read defaults (translated like every resident page). A council puts its own
words in place with a text file per page in `NOTICES_FOLDER` (the instance folder unless set):
`privacy-notice.txt` and `accessibility-statement.txt`, and `privacy-notice.cy.txt` and the
like for other languages. Paragraphs are separated by a blank line; a line starting "## " is
a heading. The text is shown as text, never as HTML.
"""

from dataclasses import dataclass
from pathlib import Path

from flask import current_app, render_template
from flask_babel import get_locale

from app.respond import blueprint

HEADING = "## "


@dataclass(frozen=True)
class Block:
    """One heading or paragraph of a council's own notice."""

    text: str
    heading: bool


@dataclass(frozen=True)
class CouncilText:
    """A council's own notice, and the language it is written in."""

    blocks: list[Block]
    lang: str


@blueprint.get("/privacy")
def privacy_notice():
    return render_template("respond/privacy.html", own=council_text("privacy-notice"))


@blueprint.get("/accessibility")
def accessibility_statement():
    return render_template(
        "respond/accessibility.html", own=council_text("accessibility-statement")
    )


def council_text(name: str) -> CouncilText | None:
    """Return the council's own text of a notice in the page's language (or English), if any."""
    folder = Path(current_app.config.get("NOTICES_FOLDER") or current_app.instance_path)
    language = str(get_locale() or "en")
    for lang, path in (
        (language, folder / f"{name}.{language}.txt"),
        ("en", folder / f"{name}.txt"),
    ):
        if path.is_file():
            return CouncilText(blocks(path.read_text(encoding="utf-8")), lang)
    return None


def blocks(text: str) -> list[Block]:
    """Split a notice into headings and paragraphs."""
    found = []
    for part in text.replace("\r\n", "\n").split("\n\n"):
        part = " ".join(part.split())
        if part.startswith(HEADING.strip()):
            found.append(Block(part.removeprefix(HEADING.strip()).strip(), heading=True))
        elif part:
            found.append(Block(part, heading=False))
    return found
