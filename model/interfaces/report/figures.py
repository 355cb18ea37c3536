"""The report's plots, as base64 PNG data URIs (the HTML file needs no other file or host)."""

from __future__ import annotations

import base64
import io
import math

from ..figures.canvas import new_figure
from .data import OutcomeRow

COLOURS = {"better": "#1a7f37", "worse": "#c62828", "unclear": "#6e7781", "changed": "#6e7781",
           "same": "#6e7781"}


def data_uri(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def forest(rows: list[OutcomeRow], options: tuple[str, ...], lang: str) -> str | None:
    """Relative difference from the baseline with its 95 % interval, one panel row per outcome."""
    shown = [r for r in rows if r.baseline and math.isfinite(r.low) and r.outcome.better != "none"]
    if not shown:
        return None
    outcomes = list(dict.fromkeys(r.outcome.name for r in shown))
    labels = {r.outcome.name: r.outcome.label(lang) for r in shown}
    height = 0.35 * len(outcomes) * max(1, len(options) - 1) + 1.2
    figure = new_figure(7.5, height)
    axis = figure.subplots()
    step = 0.8 / max(1, len(options) - 1)
    for k, option in enumerate(options[1:]):
        for i, name in enumerate(outcomes):
            row = next((r for r in shown if r.option == option and r.outcome.name == name), None)
            if row is None:
                continue
            scale = 100 / abs(row.baseline)
            y = i + (k - (len(options) - 2) / 2) * step
            axis.plot([row.low * scale, row.high * scale], [y, y], color=COLOURS[row.verdict])
            axis.plot(row.difference * scale, y, "o", color=COLOURS[row.verdict],
                      label=option if i == 0 else None, markersize=5)
            axis.annotate(option, (row.high * scale, y), xytext=(4, -3),
                          textcoords="offset points", fontsize=7, color="#444")
    axis.axvline(0, color="#333", linewidth=0.8)
    axis.set_yticks(range(len(outcomes)), [labels[n] for n in outcomes], fontsize=8)
    axis.invert_yaxis()
    axis.set_xlabel("% selisih dari pembanding (IK 95 %)" if lang == "id"
                    else "% difference from the baseline (95 % CI)", fontsize=8)
    axis.tick_params(axis="x", labelsize=8)
    axis.grid(axis="x", alpha=0.3)
    for side in ("top", "right"):
        axis.spines[side].set_visible(False)
    return data_uri(figure)
