"""Heard's own picture library: the SVG symbols shipped in app/static/symbols, with names and
plain-words descriptions from its catalogue."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

SYMBOLS = Path(__file__).resolve().parent.parent / "static" / "symbols"


@dataclass(frozen=True)
class Picture:
    """One picture: the key used in surveys, a name and what it shows."""

    key: str
    name: str
    description: str


@cache
def library() -> tuple[Picture, ...]:
    """Return every picture in the catalogue, in the catalogue's order."""
    entries = yaml.safe_load((SYMBOLS / "catalogue.yaml").read_text(encoding="utf-8"))
    return tuple(Picture(e["key"], e["name"], e["description"]) for e in entries)


def picture_keys() -> frozenset[str]:
    """Return the keys of every picture, to check a survey only uses pictures that exist."""
    return frozenset(picture.key for picture in library())
