"""Charts drawn on the server: matplotlib (Agg) to SVG, sent as a data: image, so no JavaScript runs.

matplotlib is imported on the first chart, not with the gateway: a gateway whose staff area nobody opens
does not pay its memory. An SVG in an <img> is a document of its own, so its inline styles need no
'unsafe-inline' in the staff pages' Content-Security-Policy.
"""

from __future__ import annotations

import base64
import io
import threading
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Any

COLOURS = ("#005a8c", "#c8702a", "#5b8c3a", "#8c2a5b")
_preloading = threading.Lock()
_preloaded = False


def preload() -> None:
    """Import matplotlib in the background once someone opens the staff area (the browser's first request
    gets the login challenge), so that the first chart does not wait for the import (about a second)."""
    global _preloaded
    with _preloading:
        if _preloaded:
            return
        _preloaded = True
    threading.Thread(target=_figure, args=(1.0,), name="matplotlib-preload", daemon=True).start()


def _figure(height: float) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure  # a Figure of its own: no pyplot state shared between requests

    figure = Figure(figsize=(7.2, height), dpi=100)
    figure.patch.set_facecolor("white")
    return figure


def _as_data_uri(figure: Any) -> str:
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "csd"}):  # text as text; stable ids
        figure.savefig(buffer, format="svg", metadata={"Date": None})  # fixed margins: one drawing pass
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _style(axes: Any) -> None:
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#dddddd", linewidth=0.8)
    axes.set_axisbelow(True)


def per_day(days: Sequence[date], series: dict[str, Sequence[float]], percent: bool = False) -> str:
    """Bars per day, one colour per series side by side (e.g. web and Telegram); percent: 0–100 %."""
    return _per_day(tuple(days), tuple((k, tuple(v)) for k, v in series.items()), percent)


def ranking(labels: Sequence[str], values: Sequence[int]) -> str:
    """Horizontal bars, largest on top."""
    return _ranking(tuple(labels), tuple(values))


# A chart is drawn once for the same numbers (some 60 ms each): reloading a page costs only the queries.
@lru_cache(maxsize=128)
def _per_day(days: tuple[date, ...], pairs: tuple[tuple[str, tuple[float, ...]], ...], percent: bool) -> str:
    series = dict(pairs)
    figure = _figure(2.8)
    axes = figure.add_subplot()
    figure.subplots_adjust(left=0.08, right=0.99, top=0.86, bottom=0.12)
    width = 0.8 / max(len(series), 1)
    positions = range(len(days))
    for n, (label, values) in enumerate(series.items()):
        axes.bar([p + n * width - 0.4 + width / 2 for p in positions], values, width, label=label,
                 color=COLOURS[n % len(COLOURS)])  # fmt: skip
    step = max(1, len(days) // 10)
    axes.set_xticks(list(positions)[::step], [f"{d.day}. {d.month}." for d in days][::step])
    if percent:
        axes.set_ylim(0, 100)
        axes.yaxis.set_major_formatter(lambda value, _: f"{value:.0f} %")
    else:
        axes.yaxis.get_major_locator().set_params(integer=True)
    if len(series) > 1:
        axes.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1), ncol=len(series))
    _style(axes)
    return _as_data_uri(figure)


@lru_cache(maxsize=128)
def _ranking(labels: tuple[str, ...], values: tuple[int, ...]) -> str:
    height = 0.6 + 0.32 * max(len(labels), 1)
    figure = _figure(height)
    axes = figure.add_subplot()
    figure.subplots_adjust(left=0.34, right=0.98, top=1 - 0.2 / height, bottom=0.4 / height)
    axes.barh(list(range(len(labels)))[::-1], values, color=COLOURS[0])
    axes.set_yticks(list(range(len(labels)))[::-1], labels)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.spines[["top", "right"]].set_visible(False)
    return _as_data_uri(figure)
