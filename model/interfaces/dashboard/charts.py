"""Charts as plain SVG: both sides on the same axes, events marked, drawn in the page itself.

Plain SVG needs no chart library in the browser (nothing to fetch in a room without internet)
and costs little to draw for thirty sessions on a small server. Each line carries its side,
its series and its latest values as ``data-*`` attributes, so tests read what is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import numpy as np

from ..numbers import format_rupiah, format_value

SIDE_COLOURS = {"A": "#1f77b4", "B": "#e8590c"}
MARKER_COLOUR = "#6c757d"
SMOOTH_DAYS = 20
WIDTH, HEIGHT = 330, 170
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 62, 8, 24, 20
MAX_POINTS = 400


@dataclass(frozen=True)
class Line:
    side: str
    column: str
    values: np.ndarray
    dashed: bool = False


def smooth(values: np.ndarray, days: int = SMOOTH_DAYS) -> np.ndarray:
    """Trailing mean over ``days`` (NaN days skipped), so daily noise does not hide the trend."""
    if len(values) == 0:
        return values
    finite = np.isfinite(values)
    filled = np.where(finite, values, 0.0)
    sums = np.cumsum(filled)
    counts = np.cumsum(finite)
    sums[days:] = sums[days:] - sums[:-days]
    counts[days:] = counts[days:] - counts[:-days]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)


def _nice_range(low: float, high: float) -> tuple[float, float]:
    if not np.isfinite(low) or not np.isfinite(high):
        return 0.0, 1.0
    if high - low < 1e-9:
        pad = abs(high) * 0.1 or 1.0
        return low - pad, high + pad
    pad = (high - low) * 0.05
    return (0.0 if low >= 0 and low - pad < 0 else low - pad), high + pad


def tick_label(value: float, unit: str, lang: str) -> str:
    """An axis label in the outcome's unit, short: Rupiah as ``Rp 28.5 m``, shares as per cent."""
    if unit.startswith("Rp"):
        return format_rupiah(value, lang)
    return format_value(unit, value, lang)


def line_chart(title: str, lines: list[Line], markers: list[tuple[int, str]], days: int,
               legend: dict[str, str], unit: str = "-", lang: str = "en") -> str:
    """One chart: ``lines`` over working days ``0..days``, event ``markers`` as dashed verticals."""
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    finite = [line.values[np.isfinite(line.values)] for line in lines]
    finite = [values for values in finite if len(values)]
    low, high = _nice_range(min((v.min() for v in finite), default=np.nan),
                            max((v.max() for v in finite), default=np.nan))
    span_days = max(days, 1)

    def x(day: float) -> float:
        return MARGIN_LEFT + plot_w * day / span_days

    def y(value: float) -> float:
        return MARGIN_TOP + plot_h * (1 - (value - low) / (high - low))

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'width="100%" role="img" aria-label="{escape(title)}" class="birosim-chart">',
             f'<text x="{MARGIN_LEFT}" y="16" font-size="13" font-weight="600">{escape(title)}</text>']
    for tick in np.linspace(low, high, 4):
        parts.append(f'<line x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" y1="{y(tick):.1f}" '
                     f'y2="{y(tick):.1f}" stroke="#e5e5e5"/>'
                     f'<text x="{MARGIN_LEFT - 4}" y="{y(tick) + 4:.1f}" font-size="12" '
                     f'text-anchor="end">{tick_label(tick, unit, lang)}</text>')
    for tick in np.linspace(0, span_days, 5):
        anchor = "end" if tick == span_days else "middle"
        parts.append(f'<text x="{x(tick):.1f}" y="{HEIGHT - 5}" font-size="12" '
                     f'text-anchor="{anchor}">{tick:.0f}</text>')
    for day, label in markers:
        parts.append(f'<g class="birosim-marker" data-day="{day}"><line x1="{x(day):.1f}" '
                     f'x2="{x(day):.1f}" y1="{MARGIN_TOP}" y2="{HEIGHT - MARGIN_BOTTOM}" '
                     f'stroke="{MARKER_COLOUR}" stroke-dasharray="3,3"/>'
                     f'<title>{escape(label)} ({day})</title></g>')
    for line in lines:
        parts.append(_polyline(line, x, y))
    legend_x = WIDTH - MARGIN_RIGHT
    for side, text in reversed(legend.items()):
        parts.append(f'<text x="{legend_x}" y="16" font-size="14" '
                     f'text-anchor="end" fill="{SIDE_COLOURS[side]}" '
                     f'font-weight="700">{escape(text)}</text>')
        legend_x -= 9 * len(text) + 10
    parts.append("</svg>")
    return "".join(parts)


def _polyline(line: Line, x, y) -> str:
    values = line.values
    days = np.arange(len(values))
    stride = max(1, int(np.ceil(len(values) / MAX_POINTS)))
    keep = np.isfinite(values) & (days % stride == 0)
    if len(values) and np.isfinite(values[-1]):
        keep[-1] = True
    points = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in zip(days[keep], values[keep], strict=True))
    latest = " ".join(f"{v:.6g}" for v in values[-5:])
    dash = ' stroke-dasharray="6,4"' if line.dashed else ""
    return (f'<polyline class="birosim-line" data-side="{line.side}" data-column="{line.column}" '
            f'data-n="{len(values)}" data-latest="{latest}" points="{points}" fill="none" '
            f'stroke="{SIDE_COLOURS[line.side]}" stroke-width="2"{dash}/>')


def colour_scale(value: float, low: float, high: float, better: str) -> str:
    """A unit's fill: green for good, red for bad by the outcome's better direction, grey if none."""
    if not np.isfinite(value):
        return "#dddddd"
    share = 0.5 if high - low < 1e-12 else (value - low) / (high - low)
    if better == "lower":
        share = 1 - share
    if better == "none":
        shade = int(230 - 150 * share)
        return f"rgb({shade},{shade},{min(255, shade + 25)})"
    red, green = int(220 * (1 - share) + 40 * share), int(60 * (1 - share) + 170 * share)
    return f"rgb({red},{green},70)"
