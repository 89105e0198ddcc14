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
WIDTH = 6.5


def bar_chart(labels: list[str], counts: list[int | None], *, title: str, hidden: str) -> str:
    """Return a horizontal bar chart as an SVG data URI; a hidden count (None) gets no bar."""
    height = 0.9 + 0.4 * max(len(labels), 1)
    figure = Figure(figsize=(WIDTH, height), dpi=72)
    # Margins set by hand: the "tight" layout engine measured every label and doubled the time.
    longest = max((len(_shorten(label)) for label in labels), default=1)
    figure.subplots_adjust(
        left=min(0.1 + longest * 0.085 / WIDTH, 0.5),
        right=0.92,
        bottom=0.65 / height,
        top=1 - 0.1 / height,
    )
    axes = figure.add_subplot()
    positions = list(range(len(labels)))
    lengths = [count or 0 for count in counts]
    axes.barh(positions, lengths, color=BAR_COLOUR)
    axes.set_yticks(positions, labels=[_shorten(label) for label in labels])
    axes.invert_yaxis()
    axes.set_xlim(0, max(max(lengths, default=0), 1) * 1.15)
    axes.set_xlabel("Number of responses")
    axes.spines[["top", "right"]].set_visible(False)
    for position, count, length in zip(positions, counts, lengths, strict=True):
        note = hidden if count is None else f"{count:,}"
        axes.annotate(note, (length, position), xytext=(4, 0), textcoords="offset points",
                      va="center")  # fmt: skip
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Title": title, "Date": None})
    encoded = base64.b64encode(buffer.getvalue().encode("utf-8")).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"


def describe(labels: list[str], counts: list[str], *, answered: str) -> str:
    """Return alt text that says in words what the chart shows (counts as report text)."""
    parts = [f"{label}: {count}" for label, count in zip(labels, counts, strict=True)]
    return f"Bar chart of {answered} responses. " + "; ".join(parts) + "."


def _shorten(label: str, limit: int = 32) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
