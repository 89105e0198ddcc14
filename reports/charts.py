"""Charts as accessible SVG: a matplotlib Figure (never pyplot), text kept as text.

Each chart is returned as a data: URI for an <img> with real alt text; the report always
prints the same numbers in a table beside it.
"""

import base64
import io

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager
from matplotlib.figure import Figure

from reports.fonts import FONT_FAMILY, FONT_FILES

for _font in FONT_FILES.values():
    font_manager.fontManager.addfont(str(_font))

matplotlib.rcParams["svg.fonttype"] = "none"
matplotlib.rcParams["svg.hashsalt"] = "heard"
matplotlib.rcParams["font.family"] = [FONT_FAMILY, "DejaVu Sans", "sans-serif"]
BAR_COLOUR = "#1d70b8"


def bar_chart(labels: list[str], counts: list[int], *, title: str) -> str:
    """Return a horizontal bar chart of counts as an SVG data URI."""
    height = 0.5 + 0.45 * max(len(labels), 1)
    figure = Figure(figsize=(6.5, height), dpi=72)
    axes = figure.add_subplot()
    positions = list(range(len(labels)))
    axes.barh(positions, counts, color=BAR_COLOUR)
    axes.set_yticks(positions, labels=[_shorten(label) for label in labels])
    axes.invert_yaxis()
    axes.set_xlabel("Number of responses")
    axes.spines[["top", "right"]].set_visible(False)
    for position, count in zip(positions, counts, strict=True):
        axes.annotate(f"{count:,}", (count, position), xytext=(4, 0), textcoords="offset points",
                      va="center")  # fmt: skip
    figure.set_layout_engine("tight")
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Title": title, "Date": None})
    encoded = base64.b64encode(buffer.getvalue().encode("utf-8")).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"


def describe(labels: list[str], counts: list[int], *, answered: int) -> str:
    """Return alt text that says what the chart shows in words."""
    if not counts or answered == 0:
        return "Bar chart: nobody answered this question."
    parts = [f"{label}: {count:,}" for label, count in zip(labels, counts, strict=True)]
    return f"Bar chart of {answered:,} responses. " + "; ".join(parts) + "."


def _shorten(label: str, limit: int = 32) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
