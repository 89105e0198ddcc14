"""Easy-read pictures as CSS backgrounds, from SVG bytes that the caller hands over.

Pictures beside easy-read words are decorative: the words carry the meaning. In a PDF/UA file
an `<img alt="">` becomes an untagged Figure, so pictures are CSS `background-image`s with
`data:` URIs instead (docs/accessibility.md R6). The pictures are Heard's symbols, which the
app reads from its own static folder (`app/services/pictures.py`) and passes in as a mapping
of key to SVG bytes: `reports` reads no file outside itself. No Flask, no `app` imports.
"""

import base64
import re
from collections.abc import Callable, Iterable, Mapping

Pictures = Mapping[str, bytes]
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


def is_key(key: str) -> bool:
    """Say whether `key` is well formed to name a picture (and a CSS class)."""
    return bool(_KEY.match(key or ""))


def data_uri(svg: bytes) -> str:
    """Return SVG bytes as a data URI, or "" when there are none."""
    return f"data:image/svg+xml;base64,{base64.b64encode(svg).decode('ascii')}" if svg else ""


def css_classes(pictures: Pictures) -> Callable[[str], str]:
    """Return a function that gives a picture's CSS class, or "" when there is no such picture."""

    def css_class(key: str) -> str:
        return f"heard-picture--{key}" if is_key(key) and pictures.get(key) else ""

    return css_class


def picture_stylesheet(pictures: Pictures, keys: Iterable[str] | None = None) -> str:
    """Return CSS rules that show each picture (every one given when keys is None)."""
    wanted = pictures.keys() if keys is None else keys
    rules = [
        f'.heard-picture--{key} {{ background-image: url("{data_uri(pictures[key])}"); }}'
        for key in sorted(set(wanted))
        if is_key(key) and pictures.get(key)
    ]
    return "\n".join(rules)
