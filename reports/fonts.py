"""The report font, Atkinson Hyperlegible (designed for low vision), loaded from its PyPI package.

Never fetched from the network. Used by the PDF (embedded) and by the charts.
"""

from pathlib import Path

import fontpkg_atkinson_hyperlegible

FONT_FAMILY = "Atkinson Hyperlegible"
FONT_FOLDER = Path(fontpkg_atkinson_hyperlegible.__file__).resolve().parent / "files"
FONT_FILES = {
    "regular": FONT_FOLDER / "AtkinsonHyperlegible-Regular.ttf",
    "bold": FONT_FOLDER / "AtkinsonHyperlegible-Bold.ttf",
}
