"""Easy-read A4 posters for partner links: "Have your say about …", a QR code and the short link.

Rendered like the reports: Jinja HTML and print CSS through WeasyPrint as a tagged PDF/UA-1,
with the fetcher that refuses the network and every local file but the report font. The caller
gathers plain values (words, dates, SVG bytes); no Flask, no `app` imports.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from reports import documents
from reports.dates import long_date
from reports.fonts import font_faces
from reports.pictures import data_uri

# Heard's own symbols the poster shows beside its sentences, besides the survey's picture.
POSTER_SYMBOLS = ("time", "phone", "calendar")


@dataclass(frozen=True)
class Poster:
    """What a poster says and shows: plain values gathered by the caller."""

    title: str
    easy_read_title: str
    url: str
    qr_svg: bytes
    picture_svg: bytes = b""
    symbols: Mapping[str, bytes] = field(default_factory=dict)
    closes_on: date | None = None
    council_name: str = ""
    partner_name: str = ""


def poster_html(poster: Poster) -> str:
    """Return the poster as a standalone HTML document, its pictures as data: URIs."""
    pictures = {key: data_uri(poster.symbols.get(key, b"")) for key in POSTER_SYMBOLS}
    pictures["survey"] = data_uri(poster.picture_svg)
    return documents.render(
        "poster.html",
        poster=poster,
        pictures=pictures,
        qr_src=data_uri(poster.qr_svg),
        closes=long_date(poster.closes_on),
        css=_css(pictures),
        heading_class=_heading_class(poster.easy_read_title),
        url_class="heard-poster__url--long" if len(poster.url) > 34 else "",
    )


def poster_pdf(poster: Poster) -> bytes:
    """Return the poster as a one-page, tagged, accessible A4 PDF."""
    return documents.pdf(poster_html(poster))


def _heading_class(title: str) -> str:
    """Return the heading's size: easy-read titles are short, but a long one must still fit."""
    sizes = ((30, ""), (60, "long"), (110, "longer"))
    size = next((name for longest, name in sizes if len(title) <= longest), "longest")
    return f"heard-poster__heading--{size}" if size else ""


def _css(pictures: dict[str, str]) -> str:
    """Return the font faces, the poster's stylesheet and one background rule per picture.

    Pictures beside words are decorative, so they are CSS backgrounds: an `<img alt="">`
    would become an untagged Figure and fail PDF/UA (docs/accessibility.md R6).
    """
    backgrounds = "\n".join(
        f'.heard-poster__point--{key} {{ background-image: url("{uri}"); }}'
        for key, uri in sorted(pictures.items())
        if uri
    )
    return f"{font_faces()}\n{documents.stylesheet('poster.css')}\n{backgrounds}"
