"""Figures of a sweep's analysis: Sobol indices, Morris screening and PRIM scenario discovery,
one PNG per target (a policy, or a policy's paired effect against the baseline), one panel per
outcome. Every outcome and factor label comes from the registries (``labels``)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from ...experiments.analyze import AnalysisReport, PrimResult
from .canvas import grid_shape, new_figure, save_figure
from .effects import effects_figure
from .labels import check_lang, factor_label, outcome_label, outcome_unit, words

TOP = 12  # factors per panel, by ST or mu*
COLS = 2
LABEL_WIDTH = 34  # characters per line of a factor label
S1_COLOUR, ST_COLOUR, SIGMA_COLOUR = "#dd8452", "#4c72b0", "0.15"


def _wrap(text: str, width: int = LABEL_WIDTH) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _factor_tick(name: str, lang: str) -> str:
    """A factor's registry label, with its path under it (what a spec names)."""
    label = factor_label(name, lang)
    return name if label == name else f"{_wrap(label)}\n{name}"


def _target_title(target: str) -> str:
    policy, _, baseline = target.partition("-")
    return f"{policy} − {baseline}" if baseline else policy


def _panels(frame: pd.DataFrame, top: int):
    """A figure with a panel per outcome of ``frame``: (figure, [(axes, outcome)])."""
    outcomes = list(dict.fromkeys(frame["outcome"]))
    rows, cols = grid_shape(len(outcomes), COLS)
    height = 1.2 + rows * (0.6 + 0.5 * min(top, frame.groupby("outcome").size().max()))
    figure = new_figure(7.0 * cols, height, layout="constrained")
    axes = figure.subplots(rows, cols, squeeze=False).ravel()
    for ax in axes[len(outcomes):]:
        ax.set_visible(False)
    return figure, list(zip(axes, outcomes, strict=False))


def sobol_figure(frame: pd.DataFrame, target: str, *, lang: str = "en", top: int = TOP,
                 conf_level: float = 0.95):
    """S1 and ST of the ``top`` factors by ST per outcome, as bars with their CIs."""
    w = words(check_lang(lang))
    figure, panels = _panels(frame, top)
    for ax, outcome in panels:
        g = frame[frame["outcome"] == outcome].sort_values("ST").tail(top)
        pos = np.arange(len(g))
        ax.barh(pos + 0.2, g["ST"], 0.4, xerr=g["ST_conf"], color=ST_COLOUR, capsize=2,
                error_kw={"lw": 0.8}, label=w["ST"])
        ax.barh(pos - 0.2, g["S1"], 0.4, xerr=g["S1_conf"], color=S1_COLOUR, capsize=2,
                error_kw={"lw": 0.8}, label=w["S1"])
        ax.set_yticks(pos, [_factor_tick(f, lang) for f in g["factor"]], fontsize=7)
        ax.set_title(_wrap(outcome_label(outcome, lang), 60), fontsize=9)
        ax.set_xlabel(w["sobol_x"].format(conf=round(100 * conf_level)), fontsize=8)
        ax.axvline(0, color="grey", lw=0.5)
        ax.grid(axis="x", alpha=0.3)
        ax.tick_params(axis="x", labelsize=7)
    handles, labels = panels[0][0].get_legend_handles_labels()
    figure.legend(handles[::-1], labels[::-1], loc="outside lower center", ncols=2,
                  frameon=False, fontsize=8)
    figure.suptitle(w["sobol_title"].format(target=_target_title(target)), fontsize=11)
    return figure


def morris_figure(frame: pd.DataFrame, target: str, *, lang: str = "en", top: int = TOP,
                  conf_level: float = 0.95):
    """mu* of the ``top`` factors per outcome as bars with their CI, sigma as a marker."""
    w = words(check_lang(lang))
    figure, panels = _panels(frame, top)
    for ax, outcome in panels:
        g = frame[frame["outcome"] == outcome].sort_values("mu_star").tail(top)
        pos = np.arange(len(g))
        ax.barh(pos, g["mu_star"], 0.6, xerr=g["mu_star_conf"], color=ST_COLOUR, capsize=2,
                error_kw={"lw": 0.8}, label="mu*")
        ax.plot(g["sigma"], pos, "D", color=SIGMA_COLOUR, ms=3.5, label=w["sigma"])
        ax.set_yticks(pos, [_factor_tick(f, lang) for f in g["factor"]], fontsize=7)
        ax.set_title(_wrap(outcome_label(outcome, lang), 60), fontsize=9)
        ax.set_xlabel(_wrap(w["morris_x"].format(unit=outcome_unit(outcome, lang),
                                                 conf=round(100 * conf_level)), 70), fontsize=8)
        ax.set_xlim(left=0)
        ax.grid(axis="x", alpha=0.3)
        ax.tick_params(axis="x", labelsize=7)
    handles, labels = panels[0][0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside lower center", ncols=2, frameon=False,
                  fontsize=8)
    figure.suptitle(w["morris_title"].format(target=_target_title(target)), fontsize=11)
    return figure


def prim_figure(prim: PrimResult, *, lang: str = "en"):
    """The peeling trajectory (coverage vs density) and the selected box's limits."""
    w = words(check_lang(lang))
    figure = new_figure(12, 4.6, layout="constrained")
    left, right = figure.subplots(1, 2)
    t = prim.trajectory
    points = left.scatter(t["coverage"], t["density"], c=t["res_dim"], cmap="viridis", s=14)
    figure.colorbar(points, ax=left, label=w["restricted"])
    if prim.selected is not None:
        left.scatter([prim.coverage], [prim.density], marker="o", s=90, facecolors="none",
                     edgecolors="red", label=w["selected"])
        left.legend(fontsize=7)
    left.set_xlabel(w["coverage"])
    left.set_ylabel(w["density"])
    left.set_title(w["prim_trajectory"], fontsize=9)
    lim = prim.limits.dropna(subset=["min"])
    if len(lim):
        span = (lim["full_max"] - lim["full_min"]).replace(0, np.nan)
        lo = (lim["min"] - lim["full_min"]) / span
        hi = (lim["max"] - lim["full_min"]) / span
        pos = np.arange(len(lim))
        right.barh(pos, hi - lo, left=lo, color=ST_COLOUR)
        right.set_yticks(pos, [f"{_factor_tick(r.factor, lang)}\n{r.limits}"
                               for r in lim.itertuples()], fontsize=7)
        right.set_xlim(0, 1)
        right.set_xlabel(w["share_of_range"])
    right.set_title(w["prim_box"], fontsize=9)
    figure.suptitle(_wrap(prim.question or w["prim_title"], 110), fontsize=10)
    return figure


def analysis_figures(lang: str = "en", top: int = TOP) -> Callable[[AnalysisReport], list[Path]]:
    """The figure writer ``analyze_sweep(figures=...)`` calls: every figure of a report, in
    ``lang``, saved in the report's folder; returns the files written."""
    check_lang(lang)

    def write(report: AnalysisReport) -> list[Path]:
        dest, files = report.out, []
        conf = report.conf_level
        for name, draw in (("sobol", sobol_figure), ("morris", morris_figure)):
            if name in report.sensitivity:
                for target, frame in report.sensitivity[name].groupby("target", sort=False):
                    figure = draw(frame, str(target), lang=lang, top=top, conf_level=conf)
                    files.append(save_figure(figure, dest / f"{name}_{target}.png"))
        if report.paired is not None and len(report.paired):
            figure = effects_figure(report.paired, lang=lang, conf_level=conf)
            files.append(save_figure(figure, dest / "paired_effects.png"))
        if report.prim is not None and len(report.prim.trajectory):
            files.append(save_figure(prim_figure(report.prim, lang=lang), dest / "prim.png"))
        return files

    return write
