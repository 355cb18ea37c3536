"""The paired-effects forest plot of a sweep: every policy against the baseline on common random
numbers, as % of the baseline's mean with its CI, one panel per outcome group of the outcome
registry so that 4 policies x all outcomes stay readable.

Colour tells the policy; the marker tells the verdict from the outcome's better direction:
filled circle when the CI excludes 0 on the better side, cross on the worse side, hollow circle
when the CI includes 0, hollow diamond for outcomes with no better direction. Values beyond ``±clip``
are drawn at the panel's edge as an arrow head.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from ...core.outcome_registry import get_outcome
from .canvas import new_figure
from .labels import check_lang, group_label, outcome_better, outcome_group, outcome_label, words

POLICY_COLOURS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02")
MARKERS = {"better": "o", "worse": "X", "unclear": "o", "neutral": "D"}
SIZES = {"better": 6, "worse": 8, "unclear": 6, "neutral": 5}
HOLLOW = ("unclear", "neutral")


def verdict(outcome: str, ci_low: float, ci_high: float) -> str:
    """better | worse | unclear | neutral (no better direction), from the outcome registry."""
    if outcome_better(outcome) == "none":
        return "neutral"
    return get_outcome(outcome).verdict(ci_low, ci_high)


def _relative(paired: pd.DataFrame) -> pd.DataFrame:
    base = paired["mean_baseline"].abs().replace(0, np.nan)
    return paired.assign(rel=100 * paired["effect"] / base, rel_low=100 * paired["ci_low"] / base,
                         rel_high=100 * paired["ci_high"] / base,
                         group=paired["outcome"].map(outcome_group))


def effects_figure(paired: pd.DataFrame, *, lang: str = "en", conf_level: float = 0.95,
                   clip: float = 300.0):
    """The forest plot of ``paired`` (rows of ``analyze.paired_effects``)."""
    from matplotlib.lines import Line2D

    w = words(check_lang(lang))
    table = _relative(paired)
    policies = list(dict.fromkeys(table["policy"]))
    colours = dict(zip(policies, POLICY_COLOURS * 2, strict=False))
    groups = list(dict.fromkeys(table["group"]))  # registry order: outcomes come in it
    sizes = [table.loc[table["group"] == g, "outcome"].nunique() for g in groups]
    step = 1.0 / (len(policies) + 1)  # vertical offset between the policies of an outcome
    row_in = 0.22 + 0.13 * len(policies)  # inches per outcome
    figure = new_figure(11, 1.3 + sum(0.75 + row_in * n for n in sizes), layout="constrained")
    axes = figure.subplots(len(groups), 1, squeeze=False,
                           gridspec_kw={"height_ratios": [0.75 + row_in * n for n in sizes]})[:, 0]
    baseline = str(table["baseline"].iloc[0])
    for ax, group in zip(axes, groups, strict=True):
        part = table[table["group"] == group]
        outcomes = list(dict.fromkeys(part["outcome"]))
        values = part[["rel", "rel_low", "rel_high"]].to_numpy(dtype=float)
        values = np.clip(values[np.isfinite(values)], -clip, clip)
        low, high = ((min(float(values.min()), 0.0), max(float(values.max()), 0.0))
                     if values.size else (-1.0, 1.0))
        pad = 0.06 * (high - low) or 1.0
        low, high = low - pad, high + pad
        for i, outcome in enumerate(outcomes):
            if not np.isfinite(part.loc[part["outcome"] == outcome, "rel"]).any():
                ax.text(0.5, i, w["na"], transform=ax.get_yaxis_transform(), ha="center",
                        va="center", fontsize=7, color="0.45")
            for k, policy in enumerate(policies):
                row = part[(part["outcome"] == outcome) & (part["policy"] == policy)]
                if row.empty or not np.isfinite(row["rel"].iloc[0]):
                    continue
                r = row.iloc[0]
                y = i + (k - (len(policies) - 1) / 2) * step
                kind = verdict(outcome, float(r["ci_low"]), float(r["ci_high"]))
                colour = colours[policy]
                if np.isfinite(r["rel_low"]) and np.isfinite(r["rel_high"]):
                    ax.plot([max(r["rel_low"], low), min(r["rel_high"], high)], [y, y],
                            color=colour, lw=1.6)
                inside = low <= r["rel"] <= high
                marker = MARKERS[kind] if inside else (">" if r["rel"] > 0 else "<")
                ax.plot([np.clip(r["rel"], low, high)], [y], marker, ms=SIZES[kind],
                        color=colour, markerfacecolor="white" if kind in HOLLOW else colour)
        ax.axvline(0, color="0.2", lw=0.8)
        for i in range(1, len(outcomes)):
            ax.axhline(i - 0.5, color="0.85", lw=0.6)
        ax.set_xlim(low, high)
        ax.set_ylim(len(outcomes) - 0.5, -0.5)
        ax.set_yticks(range(len(outcomes)),
                      ["\n".join(textwrap.wrap(outcome_label(o, lang), 38)) for o in outcomes],
                      fontsize=8)
        ax.set_title(group_label(group, lang), fontsize=10, fontweight="bold", loc="left")
        ax.set_xlabel(w["effects_x"].format(baseline=baseline), fontsize=8)
        ax.tick_params(axis="x", labelsize=7)
        ax.grid(axis="x", alpha=0.3)
    handles = [Line2D([], [], color=colours[p], lw=1.6, marker="o", label=p) for p in policies]
    handles += [Line2D([], [], color="0.3", lw=0, marker=MARKERS[k], ms=SIZES[k],
                       markerfacecolor="white" if k in HOLLOW else "0.3", label=w[k])
                for k in ("better", "worse", "unclear", "neutral")]
    figure.legend(handles=handles, loc="outside lower center", ncols=4, frameon=False,
                  fontsize=8)
    figure.suptitle(w["effects_title"].format(baseline=baseline, conf=round(100 * conf_level)),
                    fontsize=11, fontweight="bold")
    return figure
