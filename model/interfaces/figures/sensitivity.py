"""Figures of a sweep's analysis: Sobol indices, Morris screening, paired effects and PRIM
scenario discovery, one PNG per target (a policy, or a policy's paired effect against the
baseline)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from ...experiments.analyze import AnalysisReport, PrimResult
from .canvas import grid_shape, new_figure, save_figure

TOP = 12  # factors per panel


def _subplots(nrows: int = 1, ncols: int = 1, figsize: tuple[float, float] = (6.4, 4.8),
              squeeze: bool = True):
    figure = new_figure(*figsize)
    return figure, figure.subplots(nrows, ncols, squeeze=squeeze)


def _plot_sobol(frame: pd.DataFrame, target: str, top: int):
    outcomes = list(dict.fromkeys(frame["outcome"]))
    rows, cols = grid_shape(len(outcomes))
    fig, axes = _subplots(rows, cols, figsize=(5 * cols, 0.9 + 0.32 * top * rows),
                             squeeze=False)
    for ax, outcome in zip(axes.flat, outcomes, strict=False):
        g = frame[frame["outcome"] == outcome].sort_values("ST").tail(top)
        pos = np.arange(len(g))
        ax.barh(pos + 0.2, g["ST"], 0.4, xerr=g["ST_conf"], label="ST", color="#4c72b0")
        ax.barh(pos - 0.2, g["S1"], 0.4, xerr=g["S1_conf"], label="S1", color="#dd8452")
        ax.set_yticks(pos, g["factor"], fontsize=7)
        ax.set_title(outcome, fontsize=9)
        ax.axvline(0, color="grey", lw=0.5)
    for ax in list(axes.flat)[len(outcomes):]:
        ax.set_visible(False)
    axes.flat[0].legend(fontsize=7)
    fig.suptitle(f"Sobol indices: {target}")
    fig.tight_layout()
    return fig


def _plot_morris(frame: pd.DataFrame, target: str, top: int):
    outcomes = list(dict.fromkeys(frame["outcome"]))
    rows, cols = grid_shape(len(outcomes))
    fig, axes = _subplots(rows, cols, figsize=(5 * cols, 4 * rows), squeeze=False)
    for ax, outcome in zip(axes.flat, outcomes, strict=False):
        g = frame[frame["outcome"] == outcome]
        ax.scatter(g["mu_star"], g["sigma"], s=12)
        for row in g.sort_values("mu_star").tail(min(top, 6)).itertuples(index=False):
            ax.annotate(row.factor, (row.mu_star, row.sigma), fontsize=6)
        ax.set_xlabel("mu*", fontsize=8)
        ax.set_ylabel("sigma", fontsize=8)
        ax.set_title(outcome, fontsize=9)
    for ax in list(axes.flat)[len(outcomes):]:
        ax.set_visible(False)
    fig.suptitle(f"Morris screening: {target}")
    fig.tight_layout()
    return fig


def _plot_paired(paired: pd.DataFrame):
    labels = [f"{r.policy} / {r.outcome}" for r in paired.itertuples(index=False)]
    base = paired["mean_baseline"].abs().replace(0, np.nan)
    rel = 100 * paired["effect"] / base
    low = 100 * paired["ci_low"] / base
    high = 100 * paired["ci_high"] / base
    fig, ax = _subplots(figsize=(7, 0.9 + 0.3 * len(paired)))
    pos = np.arange(len(paired))
    ax.errorbar(rel, pos, xerr=[rel - low, high - rel], fmt="o", ms=4, capsize=3)
    ax.axvline(0, color="grey", lw=0.8)
    ax.set_yticks(pos, labels, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel(f"effect vs {paired['baseline'].iloc[0]} (% of baseline mean), with CI")
    fig.tight_layout()
    return fig


def _plot_prim(prim: PrimResult):
    fig, (left, right) = _subplots(1, 2, figsize=(11, 4.2))
    t = prim.trajectory
    points = left.scatter(t["coverage"], t["density"], c=t["res_dim"], cmap="viridis", s=14)
    fig.colorbar(points, ax=left, label="restricted dimensions")
    if prim.selected is not None:
        left.scatter([prim.coverage], [prim.density], marker="o", s=90, facecolors="none",
                     edgecolors="red", label="selected box")
        left.legend(fontsize=7)
    left.set_xlabel("coverage")
    left.set_ylabel("density")
    left.set_title("PRIM peeling trajectory", fontsize=9)
    lim = prim.limits.dropna(subset=["min"])
    if len(lim):
        span = (lim["full_max"] - lim["full_min"]).replace(0, np.nan)
        lo = (lim["min"] - lim["full_min"]) / span
        hi = (lim["max"] - lim["full_min"]) / span
        pos = np.arange(len(lim))
        right.barh(pos, hi - lo, left=lo, color="#4c72b0")
        right.set_yticks(pos, [f"{r.factor}\n{r.limits}" for r in lim.itertuples()], fontsize=7)
        right.set_xlim(0, 1)
        right.set_xlabel("share of the sampled range")
    right.set_title("Box limits (numeric factors)", fontsize=9)
    fig.suptitle(prim.question or "Scenario discovery", fontsize=10)
    fig.tight_layout()
    return fig


def analysis_figures(top: int = TOP) -> Callable[[AnalysisReport], list[Path]]:
    """The figure writer ``analyze_sweep(figures=...)`` calls: every figure of a report, saved
    in the report's folder; returns the files written."""

    def write(report: AnalysisReport) -> list[Path]:
        dest, files = report.out, []
        for name, draw in (("sobol", _plot_sobol), ("morris", _plot_morris)):
            if name in report.sensitivity:
                for target, frame in report.sensitivity[name].groupby("target", sort=False):
                    files.append(save_figure(draw(frame, str(target), top),
                                             dest / f"{name}_{target}.png"))
        if report.paired is not None and len(report.paired):
            files.append(save_figure(_plot_paired(report.paired), dest / "paired_effects.png"))
        if report.prim is not None and len(report.prim.trajectory):
            files.append(save_figure(_plot_prim(report.prim), dest / "prim.png"))
        return files

    return write
