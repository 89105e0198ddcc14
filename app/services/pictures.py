"""Heard's own picture library: the SVG symbols shipped in app/static/symbols, with names and
plain-words descriptions from its catalogue.

This is the one place that reads the symbols folder. Web pages link the files by address;
reports and posters get their SVG bytes from `svgs()`, because `reports` reads no file
outside itself.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

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


@cache
def svgs() -> Mapping[str, bytes]:
    """Return every symbol's SVG by key, read once, for reports and posters."""
    return MappingProxyType({path.stem: path.read_bytes() for path in SYMBOLS.glob("*.svg")})


def svg(key: str) -> bytes:
    """Return one symbol's SVG, or no bytes when no symbol has this key."""
    return svgs().get(key, b"")
