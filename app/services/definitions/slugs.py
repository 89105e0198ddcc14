"""Survey slugs: the lowercase, hyphenated word in a survey's web address.

Pure functions. Letters with accents lose them ("Café survey" → "cafe-survey"); words in a
script with no Latin form (Arabic) give no slug, and the lead is asked for one.
"""

import re
import unicodedata

from app.services.definitions.schema import SLUG_LENGTH

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slugify(words: str) -> str:
    """Return the slug these words make, or "" when they have no Latin letters or digits."""
    latin = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", latin.lower()).strip("-")
    return slug[:SLUG_LENGTH].rstrip("-")


def is_slug(text: str) -> bool:
    """Say whether this is already a slug: lowercase letters and digits joined by hyphens."""
    return len(text) <= SLUG_LENGTH and _SLUG.fullmatch(text) is not None


def numbered(slug: str, number: int) -> str:
    """Return the slug with a number on the end, still short enough: "survey" → "survey-2"."""
    ending = f"-{number}"
    return slug[: SLUG_LENGTH - len(ending)].rstrip("-") + ending
