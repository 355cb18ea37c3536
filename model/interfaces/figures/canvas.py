"""Making and saving figures.

Every figure of birosim is a :class:`matplotlib.figure.Figure` on an explicit Agg canvas: this is
the one place that chooses the backend. Nothing touches pyplot's global state, so figures work on
servers without a display, in worker processes and in notebooks alike.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib itself is imported when a figure is drawn (labels load fast)
    from matplotlib.figure import Figure


def new_figure(width: float, height: float, layout: str | None = None) -> Figure:
    """An empty figure of ``width`` x ``height`` inches drawn by Agg."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout=layout)
    FigureCanvasAgg(figure)
    return figure


def save_figure(figure: Figure, path: str | Path, dpi: int = 110) -> Path:
    """Save ``figure`` as PNG through a temporary file, so a failure never leaves half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.tmp{os.getpid()}{path.suffix}")
    try:
        figure.savefig(tmp, dpi=dpi, format=path.suffix.lstrip(".") or "png")
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def grid_shape(n: int, cols: int = 3) -> tuple[int, int]:
    """(rows, columns) of a grid of ``n`` panels at most ``cols`` wide."""
    cols = min(cols, max(n, 1))
    return math.ceil(n / cols), cols
