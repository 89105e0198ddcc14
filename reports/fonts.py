"""The report font, Atkinson Hyperlegible (designed for low vision), loaded from its PyPI package.

Never fetched from the network. Used by the PDFs (embedded) and by the charts.
"""

from pathlib import Path

import fontpkg_atkinson_hyperlegible

FONT_FAMILY = "Atkinson Hyperlegible"
FONT_FOLDER = Path(fontpkg_atkinson_hyperlegible.__file__).resolve().parent / "files"
FONT_FILES = {
    "regular": FONT_FOLDER / "AtkinsonHyperlegible-Regular.ttf",
    "bold": FONT_FOLDER / "AtkinsonHyperlegible-Bold.ttf",
}


def font_faces() -> str:
    """Return the `@font-face` rules that embed the font in a PDF (never for the web)."""
    return "\n".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{path.as_uri()}"); '
        f"font-weight: {weight}; }}"
        for weight, path in (("normal", FONT_FILES["regular"]), ("bold", FONT_FILES["bold"]))
    )
