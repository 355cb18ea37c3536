"""The figure of each validation pattern, drawn from the data its experiment returns
(``PatternResult.plot`` and ``PatternResult.table``): two panels, the model next to the
published pattern."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ...experiments.validation import FIELD_EVIDENCE, PatternResult, run_pattern
from .canvas import new_figure, save_figure
from .evidence import evidence_figure
from .labels import outcome_label

FIGURE_DPI = 90


def _queueing(axes, p: dict[str, Any], table) -> None:
    servers, curves = p["servers"], p["curves"]
    ax = axes[0, 0]
    ax.plot(curves["rho"], curves["mdc"], "-", color="C0", label=f"M/D/{servers} (theory)")
    ax.plot(curves["rho"], curves["mmc"], "--", color="C3", label=f"M/M/{servers} Erlang C")
    ax.plot(curves["rho"], curves["fit"], ":", color="grey",
            label=f"fit a + b/(1-rho), R2={p['r2']:.3f}")
    ax.errorbar(table["rho"], table["lead_days"],
                yerr=[table["lead_days"] - table["lead_ci_low"],
                      table["lead_ci_high"] - table["lead_days"]],
                fmt="o", color="k", ms=4, capsize=2, label="model (mean, 95 % CI)")
    ax.set_xlabel("utilisation rho")
    ax.set_ylabel("mean lead time (days)")
    ax.set_title("Lead time vs utilisation")
    ax.legend(fontsize=8)
    ax = axes[0, 1]
    per_unit = p["per_unit"]
    ax.scatter(per_unit["little_lw"], per_unit["backlog"], s=12, color="k")
    top = float(max(per_unit["little_lw"].max(), per_unit["backlog"].max())) * 1.05
    ax.plot([0, top], [0, top], "-", color="C0", lw=1, label="L = lambda W")
    ax.set_xlabel("arrival rate x mean lead time (cases)")
    ax.set_ylabel("mean end-of-day backlog L (cases)")
    ax.set_title(f"Little's law (max error {100 * p['little_max']:.2f} %)")
    ax.legend(fontsize=8)


def _parkinson(axes, p: dict[str, Any], table) -> None:
    ax = axes[0, 0]
    t = p["years"]
    for mode, colour in (("incremental", "C3"), ("performance", "C0")):
        ax.plot(t, p["headcount"][mode], color=colour, label=f"headcount, {mode}")
    ax.plot(t, p["headcount"]["freeze"], color="C7",
            label="headcount, incremental, formasi freeze + honorer ban")
    ax.plot(t, p["workload"], ":", color="k", label="mean workload")
    ax.plot(t, 1 + 0.056 * t, "--", color="grey", lw=1, label="Parkinson 5.6 %/yr simple")
    ax.set_xlabel("year")
    ax.set_ylabel("index (day 0 = 1)")
    ax.set_title("Organisation headcount")
    ax.legend(fontsize=8)
    ax = axes[0, 1]
    units, x = p["units"], p["fit_x"]
    for mode, colour in (("incremental", "C3"), ("performance", "C0")):
        part = units[units["mode"] == mode]
        intercept, slope = p["fits"][mode]
        ax.scatter(100 * part["workload_growth_log"], 100 * part["headcount_growth_log"],
                   s=14, color=colour)
        ax.plot(100 * x, 100 * (intercept + slope * x), color=colour,
                label=f"{mode}: slope {slope:.2f}")
    ax.axhline(0, color="grey", lw=0.5)
    ax.set_xlabel("workload growth (% per year, log)")
    ax.set_ylabel("headcount growth (% per year, log)")
    ax.set_title("Headcount vs workload, per unit")
    ax.legend(fontsize=8)


def _peter(axes, p: dict[str, Any], table) -> None:
    titles = {"peter": "Peter hypothesis (competence redrawn)",
              "common_sense": "Common sense (competence carried over)"}
    colours = dict(zip(p["strategies"], ("C0", "C3", "C2", "C1"), strict=True))
    for ax, h in zip(axes[0], p["hypotheses"], strict=True):
        for s in p["strategies"]:
            ax.plot(p["years"], p["efficiency"][h, s], color=colours[s],
                    label=f"{s}: {p['gain'][h, s]:+.1f}")
        ax.set_title(titles[h])
        ax.set_xlabel("year")
        ax.set_ylabel("global efficiency E (%)")
        ax.legend(fontsize=8, title="strategy: gain (points)", title_fontsize=8)


def _corruption(axes, p: dict[str, Any], table) -> None:
    ax = axes[0, 0]
    units = p["units"]
    for level, colour in zip(p["accountability"], ("C3", "C1", "C0"), strict=True):
        part = units[units["accountability"] == level]
        ax.scatter(part["monopoly"] * part["discretion"], part["corrupt_share"], s=14,
                   color=colour, label=f"{level} accountability")
    ax.set_xlabel("opportunity = monopoly x discretion")
    ax.set_ylabel("share of corrupt staff")
    ax.set_title("Klitgaard: C = M + D - A")
    ax.legend(fontsize=8)
    ax = axes[0, 1]
    up, down, control = p["up"], p["down"], p["control"]
    for k in range(p["tipping_units"]):
        ax.plot(up["detection_x_penalty"], up[f"unit_{k}"], "-", color="C3", lw=0.7, alpha=0.5)
        ax.plot(down["detection_x_penalty"], down[f"unit_{k}"], "-", color="C0", lw=0.7,
                alpha=0.5)
    ax.plot(up["detection_x_penalty"], up["corrupt_share"], "-o", color="C3", ms=4,
            label="raising (from a corrupt start)")
    ax.plot(down["detection_x_penalty"], down["corrupt_share"], "-s", color="C0", ms=4,
            label="lowering again")
    if control is not None:
        for branch, marker in (("up", "^"), ("down", "v")):
            part = control[control["branch"] == branch]
            ax.plot(part["detection_x_penalty"], part["corrupt_share"], ":", marker=marker,
                    color="grey", ms=3, lw=1,
                    label="no peer cover (default)" if branch == "up" else None)
    ax.set_xlabel("detection x penalty (months of pay per month)")
    ax.set_ylabel("share of corrupt staff")
    ax.set_title("Tipping point and hysteresis (thin: units)")
    ax.legend(fontsize=8)


def _gaming(axes, p: dict[str, Any], table) -> None:
    ax = axes[0, 0]
    bins = np.arange(0.6, 1.0001, 0.01)  # unit-months below 60 % are not drawn
    ax.hist(p["true"], bins=bins, alpha=0.5, color="C0", label="true")
    ax.hist(p["reported"], bins=bins, alpha=0.5, color="C3", label="reported")
    ax.axvline(p["target"], color="k", lw=1, ls="--", label=f"threshold {p['target']:.2f}")
    ax.set_xlabel("share of cases within the service standard (unit-month, >= 0.6)")
    ax.set_ylabel("unit-months")
    ax.set_title(f"Threshold target: reported {100 * p['met_reported']:.0f} % met vs true "
                 f"{100 * p['met_true']:.0f} %")
    ax.legend(fontsize=8)
    ax = axes[0, 1]
    for rule, colour in (("continuous", "C0"), ("ratchet", "C3")):
        track = p["tracks"][rule]
        ax.plot(track["month"] / 12, track["effort"], color=colour, label=f"effort, {rule}")
    ratchet = p["ratchet"]
    ax.plot(ratchet["month"] / 12, ratchet["target"], "--", color="C3", lw=1,
            label="mean target (ratchet)")
    for year in range(2, p["years"]):
        ax.axvline(year, color="grey", lw=0.5)
    ax.set_xlabel("year (grey: yearly target reset)")
    ax.set_ylabel("mean effort multiplier / target")
    ax.set_title("Ratchet: effort held back above target")
    ax.legend(fontsize=8)


def _diffusion(axes, p: dict[str, Any], table) -> None:
    ax = axes[0, 0]
    for label, colour in (("collaboration", "C0"), ("no_collaboration", "C3")):
        curve, (p_fit, q_fit) = p["curves"][label], p["fits"][label]
        ax.plot(curve["years"], curve["adoption"], "o", ms=2.5, color=colour,
                label=f"model, {label}")
        ax.plot(curve["years"], curve["fit"], "-", color=colour, lw=1,
                label=f"Bass fit p={p_fit:.3f} q={q_fit:.2f}")
    meta = p["meta"]
    ax.plot(meta["years"], meta["adoption"], "--", color="grey", lw=1,
            label="Bass p=0.03 q=0.38 (meta-analysis)")
    ax.set_xlabel("year")
    ax.set_ylabel("share of units adopting")
    ax.set_title("Cumulative adoption")
    ax.legend(fontsize=7)
    ax = axes[0, 1]
    for label, colour in (("collaboration", "C0"), ("no_collaboration", "C3")):
        curve = p["curves"][label]
        rate = np.diff(curve["adoption"].to_numpy()) * p["months_per_year"]
        ax.plot(curve["years"].to_numpy()[1:], rate, color=colour, lw=1, label=label)
    ax.set_xlabel("year")
    ax.set_ylabel("adoption rate (share of units per year)")
    ax.set_title("Adoption rate: interior peak = S-curve")
    ax.legend(fontsize=8)


def _effect_size(axes, p: dict[str, Any], table) -> None:
    ax = axes[0, 0]
    table = p["table"]
    labels = list(table["policy"])
    width = 0.18
    x = np.arange(len(labels))
    for k, outcome in enumerate(p["outcomes"]):
        ax.bar(x + (k - 1.5) * width, table[f"d_{outcome}"], width,
               label=outcome_label(outcome))
    ax.plot(x, table["d_composite"], "kD", ms=6, label="composite")
    ax.axhline(p["large"], color="grey", ls="--", lw=1, label="Cohen 'large' (0.8)")
    ax.axhline(0.2, color="grey", ls=":", lw=1, label="Cohen 'small' (0.2)")
    ax.set_xticks(x, [label.replace("_", "\n") for label in labels], fontsize=8)
    ax.set_ylabel("standardised effect vs conventional (d)")
    ax.set_title("Effect sizes (positive = better)")
    tallest = max(float(np.nanmax(table[[f"d_{o}" for o in p["outcomes"]]].to_numpy())), p["large"])
    ax.set_ylim(top=1.9 * tallest)  # room for the legend above the bars
    ax.legend(fontsize=6.5, loc="upper right")
    ax = axes[0, 1]
    units = p["units"]
    for policy, colour in zip(p["policies"], ("grey", "C0", "C1", "C2", "C3"), strict=True):
        part = units[units["policy"] == policy]
        ax.scatter(part["lead_time_mean_days"], part["on_time_share"], s=10, color=colour,
                   label=policy, alpha=0.7)
    ax.set_xscale("log")
    ax.set_xlabel("mean lead time (days, log)")
    ax.set_ylabel("share within service standard")
    ax.set_title("Units under each policy")
    ax.legend(fontsize=7)


#: pattern name -> drawing of its two panels
DRAW: dict[str, Callable[..., None]] = {
    "queueing": _queueing, "parkinson": _parkinson, "peter": _peter,
    "corruption": _corruption, "gaming": _gaming, "diffusion": _diffusion,
    "effect_size": _effect_size,
}


def pattern_figure(result: PatternResult):
    """The two-panel figure of a pattern's result."""
    figure = new_figure(10, 4)
    axes = figure.subplots(1, 2, squeeze=False)
    DRAW[result.name](axes, result.plot, result.table)
    figure.tight_layout()
    return figure


def write_pattern_figure(result: PatternResult) -> Path:
    """``figure.png`` in the pattern's folder (a field-evidence experiment's also in Bahasa
    Indonesia, ``figure_id.png``); ``verdict.json`` then names it."""
    if result.name in FIELD_EVIDENCE:
        save_figure(evidence_figure(result.plot, "id"), result.out_dir / "figure_id.png",
                    dpi=FIGURE_DPI)
        figure = evidence_figure(result.plot, "en")
    else:
        figure = pattern_figure(result)
    result.figure = save_figure(figure, result.out_dir / "figure.png", dpi=FIGURE_DPI)
    result.write_verdict()
    return result.figure


def validate_pattern(name: str, *, quick: bool = False, out_dir: str | Path,
                     seed: int) -> PatternResult:
    """Run one pattern (``run_pattern``) and write its figure: what ``birosim validate`` does."""
    result = run_pattern(name, quick=quick, out_dir=out_dir, seed=seed)
    write_pattern_figure(result)
    return result
