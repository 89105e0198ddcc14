"""Easy-read pictures as CSS backgrounds, read from Heard's own symbols by path.

Pictures beside easy-read words are decorative: the words carry the meaning. In a PDF/UA file
an `<img alt="">` becomes an untagged Figure, so pictures are CSS `background-image`s with
`data:` URIs instead (EASY_READ.md R6). `reports` must not import `app`, so the symbols
folder is found by its place in the repository. No Flask, no `app` imports.
"""

import base64
import re
from functools import cache
from pathlib import Path

SYMBOLS = Path(__file__).resolve().parent.parent / "app" / "static" / "symbols"
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


def css_class(key: str) -> str:
    """Return the CSS class that shows a picture, or "" if there is no such picture."""
    return f"heard-picture--{key}" if data_uri(key) else ""


@cache
def data_uri(key: str) -> str:
    """Return a symbol as an SVG data URI, or "" if the key names no symbol."""
    if not _KEY.match(key or ""):
        return ""
    path = SYMBOLS / f"{key}.svg"
    if not path.is_file():
        return ""
    encoded = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"


def stylesheet(keys: set[str] | None = None) -> str:
    """Return CSS rules that show each picture (every symbol when keys is None)."""
    if keys is None:
        keys = {path.stem for path in SYMBOLS.glob("*.svg")}
    rules = [
        f'.heard-picture--{key} {{ background-image: url("{data_uri(key)}"); }}'
        for key in sorted(keys)
        if data_uri(key)
    ]
    return "\n".join(rules)
