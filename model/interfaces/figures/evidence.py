"""The figure of a field-evidence experiment, in English or Bahasa Indonesia: one panel per
criterion (the published figure with its 95 % interval, the tolerance band written before the
run, the model's mean with its 95 % CI over replicates and each replicate), then the
experiment's detail panel, drawn from the data it describes
(:func:`birosim.experiments.validation._evidence.detail`)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .canvas import new_figure
from .labels import words

PASS_COLOUR, FAIL_COLOUR = "C2", "C3"
#: the criteria's units (``Criterion.unit``, English) in Bahasa Indonesia
UNITS_ID = {
    "% a year (simple)": "% per tahun (sederhana)",
    "% change": "% perubahan",
    "% completion": "% penyelesaian",
    "% of cases": "% kasus",
    "% of spending": "% belanja",
    "log points": "poin log",
    "per year": "per tahun",
    "percentage points": "poin persentase",
    "points a year": "poin per tahun",
    "points of efficiency E": "poin efisiensi E",
    "standard deviations": "simpangan baku",
    "standard deviations (Glass's delta)": "simpangan baku (delta Glass)",
}


def unit_label(unit: str, lang: str) -> str:
    """A criterion's unit in ``lang`` (every unit a module uses is in ``UNITS_ID``)."""
    return UNITS_ID[unit] if lang == "id" else unit


def _criterion_panel(ax, criterion: dict[str, Any], row: dict[str, Any], lang: str) -> None:
    w = words(lang)
    low, high = criterion["band"]
    ax.axhspan(low, high, color="C2", alpha=0.15, label=w["band"])
    published = criterion["published"]
    p_low, p_high = criterion["published_low"], criterion["published_high"]
    if p_low is not None and p_high is not None:
        ax.errorbar([0], [published], yerr=[[published - p_low], [p_high - published]],
                    fmt="s", color="k", capsize=4, label=w["published"])
    else:
        ax.plot([0], [published], "s", color="k", label=w["published"])
    passed = row["in_band"] and row["sign_holds"]
    colour = PASS_COLOUR if passed else FAIL_COLOUR
    values = np.asarray(criterion["values"], dtype=float)
    ax.plot(np.full(len(values), 1.0) + np.linspace(-0.08, 0.08, len(values)), values, ".",
            color=colour, alpha=0.5, label=w["replicates"])
    mean, ci_low, ci_high = row["model_mean"], row["model_ci_low"], row["model_ci_high"]
    if np.isfinite(ci_low) and np.isfinite(ci_high):
        ax.errorbar([1], [mean], yerr=[[mean - ci_low], [ci_high - mean]], fmt="o",
                    color=colour, capsize=4, label=w["model_ci"])
    else:
        ax.plot([1], [mean], "o", color=colour, label=w["model_ci"])
    ax.axhline(0, color="grey", lw=0.5)
    ax.set_xlim(-0.6, 1.6)
    ax.set_xticks([0, 1], [w["study"], w["model"]])
    ax.set_ylabel(unit_label(criterion["unit"], lang))
    verdict = w["pass"] if passed else w["fail"]
    ax.set_title(f"{criterion['label_id' if lang == 'id' else 'label_en']} ({verdict})",
                 fontsize=9)
    ax.legend(fontsize=6.5, loc="best")


def _detail_panel(ax, panel: dict[str, Any], lang: str) -> None:
    k = 1 if lang == "id" else 0
    x = np.asarray(panel["x"], dtype=float)
    for i, (name, series) in enumerate(panel["series"].items()):
        colour = f"C{i}"
        label = series.get("label_id" if lang == "id" else "label_en", name)
        xs = np.asarray(series.get("x", x), dtype=float)
        y = np.asarray(series["y"], dtype=float)
        banded = "low" in series and "high" in series
        if panel["kind"] == "points" and banded:
            ax.errorbar(xs, y, yerr=[y - np.asarray(series["low"]), np.asarray(series["high"]) - y],
                        fmt="o", ms=4, capsize=3, color=colour, label=label)
            continue
        ax.plot(xs, y, "-o" if panel["kind"] == "lines" else "o", ms=3, color=colour, label=label)
        if banded:
            ax.fill_between(xs, series["low"], series["high"], color=colour, alpha=0.2)
    reference = panel.get("reference")
    if reference:
        label = reference["label_id" if lang == "id" else "label_en"]
        if "x" in reference:
            ax.plot(reference["x"], reference["y"], "--", color="k", lw=1, label=label)
        else:
            ax.axhline(reference["y"], color="k", ls="--", lw=1, label=label)
    if panel.get("log_x"):
        ax.set_xscale("log")
    if panel.get("categories"):
        ax.set_xticks(range(len(panel["categories"])), [c[k] for c in panel["categories"]])
        ax.set_xlim(-0.5, len(panel["categories"]) - 0.5)
    ax.set_xlabel(panel["xlabel"][k])
    ax.set_ylabel(panel["ylabel"][k])
    ax.set_title(panel["title"][k], fontsize=9)
    ax.legend(fontsize=7)


def evidence_figure(plot: dict[str, Any], lang: str = "en"):
    """The figure of one experiment's ``PatternResult.plot``, labels in ``lang``."""
    criteria, rows = plot["criteria"], plot["rows"]
    n = len(criteria) + 1
    figure = new_figure(3.2 * len(criteria) + 5.0, 4)
    grid = figure.add_gridspec(1, n, width_ratios=[1.0] * len(criteria) + [1.7])
    for i, (criterion, row) in enumerate(zip(criteria, rows, strict=True)):
        _criterion_panel(figure.add_subplot(grid[0, i]), criterion, row, lang)
    _detail_panel(figure.add_subplot(grid[0, n - 1]), plot["detail"], lang)
    figure.tight_layout()
    return figure
