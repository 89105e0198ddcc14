"""Easy-read A4 posters for partner links: "Have your say about …", a QR code and the short link.

Rendered like the reports: Jinja HTML and print CSS through WeasyPrint as a tagged PDF/UA-1,
with the fetcher that refuses the network and every local file but the report font. The caller
gathers plain values (words, dates, SVG bytes); no Flask, no `app` imports.
"""

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from weasyprint import HTML

from reports.fonts import FONT_FAMILY, FONT_FILES
from reports.render import LocalOnlyFetcher

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Heard's own symbols the poster shows beside its sentences, besides the survey's picture.
POSTER_SYMBOLS = ("time", "phone", "calendar")

_environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


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
    pictures = {key: _data_uri(poster.symbols.get(key, b"")) for key in POSTER_SYMBOLS}
    pictures["survey"] = _data_uri(poster.picture_svg)
    return _environment.get_template("poster.html").render(
        poster=poster,
        pictures=pictures,
        qr_src=_data_uri(poster.qr_svg),
        closes=long_date(poster.closes_on),
        css=_css(pictures),
        heading_class=_heading_class(poster.easy_read_title),
        url_class="heard-poster__url--long" if len(poster.url) > 34 else "",
    )


def poster_pdf(poster: Poster) -> bytes:
    """Return the poster as a one-page, tagged, accessible A4 PDF."""
    document = HTML(string=poster_html(poster), url_fetcher=LocalOnlyFetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1")


def long_date(value: date | None) -> str:
    """Show a date in full, the easy-read way: "Tuesday 5 May 2026"."""
    return f"{value:%A} {value.day} {value:%B %Y}" if value else ""


def _heading_class(title: str) -> str:
    """Return the heading's size: easy-read titles are short, but a long one must still fit."""
    sizes = ((30, ""), (60, "long"), (110, "longer"))
    size = next((name for longest, name in sizes if len(title) <= longest), "longest")
    return f"heard-poster__heading--{size}" if size else ""


def _data_uri(svg: bytes) -> str:
    encoded = base64.b64encode(svg).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}" if svg else ""


def _css(pictures: dict[str, str]) -> str:
    """Return the font faces, the poster's stylesheet and one background rule per picture.

    Pictures beside words are decorative, so they are CSS backgrounds: an `<img alt="">`
    would become an untagged Figure and fail PDF/UA (EASY_READ.md R6).
    """
    fonts = "\n".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{path.as_uri()}"); '
        f"font-weight: {weight}; }}"
        for weight, path in (("normal", FONT_FILES["regular"]), ("bold", FONT_FILES["bold"]))
    )
    backgrounds = "\n".join(
        f'.heard-poster__point--{key} {{ background-image: url("{uri}"); }}'
        for key, uri in sorted(pictures.items())
        if uri
    )
    css = (TEMPLATES / "poster.css").read_text(encoding="utf-8")
    return f"{fonts}\n{css}\n{backgrounds}"
