"""Figures of a paired comparison: outcomes over time (A vs B) and a forest plot of effects.

Figures are made by :func:`~birosim.interfaces.figures.canvas.new_figure` (an explicit Agg
canvas, never pyplot's global backend).

Labels are in English by default; ``lang="id"`` gives Bahasa Indonesia labels for trainers
(:data:`LABELS`; outcome labels and better directions come from the outcome registry).

Usage::

    comparison = compare(a, b, replicates=5, seed=1)
    timeseries_figure(comparison).savefig("timeseries.png")
    effects_figure(comparison).savefig("effects.png")
"""

from __future__ import annotations

import textwrap
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..core import SUMMARY_OUTCOMES, InputError
from .figures.canvas import new_figure, save_figure
from .figures.effects import verdict as outcome_verdict
from .figures.labels import check_lang, outcome_label

if TYPE_CHECKING:  # matplotlib itself is imported when a figure is drawn (labels load fast)
    from matplotlib.figure import Figure

    from ..experiments.compare import Comparison

ROLLING_DAYS = 20
COLOURS = ("#1f77b4", "#d95f02")  # A, B (colour-blind safe pair)

#: user-facing words, by language
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "day": "Working day",
        "true": "true",
        "reported": "reported",
        "warmup": "warm-up",
        "shock": "shock",
        "timeseries_title": "Main outcomes over time: {a} vs {b}",
        "band_percentile": "Lines: mean of {n} replicate(s) per day; bands: 2.5-97.5 % percentile "
                           "across replicates. Rolling: {window}-day rolling mean.",
        "band_se": "Lines: mean of {n} replicate(s) per day; bands: mean ± 1.96 SE. "
                   "Rolling: {window}-day rolling mean.",
        "effects_title": "Effect of {b} compared with {a}",
        "effects_subtitle": "Paired difference B − A on common random numbers, {n} replicate(s), "
                            "95 % CI (paired t)",
        "interval_seeds": "over replicate seeds",
        "interval_parameters": "over seeds and parameter draws from the plausible set",
        "effects_x_relative": "Difference B − A, % of A's mean",
        "effects_x_sd": "Difference B − A, in pooled SDs between replicates",
        "better": "B better",
        "worse": "B worse",
        "unclear": "no clear difference (CI includes 0 or n < 2)",
        "neutral": "no better direction",
        "na": "n/a",
    },
    "id": {
        "day": "Hari kerja",
        "true": "sebenarnya",
        "reported": "dilaporkan",
        "warmup": "pemanasan",
        "shock": "guncangan",
        "timeseries_title": "Hasil utama dari waktu ke waktu: {a} vs {b}",
        "band_percentile": "Garis: rata-rata {n} ulangan per hari; pita: persentil 2,5-97,5 % "
                           "antar-ulangan. Bergulir: rata-rata bergulir {window} hari.",
        "band_se": "Garis: rata-rata {n} ulangan per hari; pita: rata-rata ± 1,96 SE. "
                   "Bergulir: rata-rata bergulir {window} hari.",
        "effects_title": "Dampak {b} dibandingkan {a}",
        "effects_subtitle": "Selisih berpasangan B − A dengan bilangan acak yang sama, "
                            "{n} ulangan, IK 95 % (t berpasangan)",
        "interval_seeds": "atas benih ulangan",
        "interval_parameters": "atas benih dan tarikan parameter dari himpunan yang masuk akal",
        "effects_x_relative": "Selisih B − A, % dari rata-rata A",
        "effects_x_sd": "Selisih B − A, dalam SD gabungan antar-ulangan",
        "better": "B lebih baik",
        "worse": "B lebih buruk",
        "unclear": "tidak jelas berbeda (IK memuat 0 atau n < 2)",
        "neutral": "tanpa arah lebih baik",
        "na": "t/a",
    },
}

# Panels of the timeseries grid: columns, scale factor, rolling or not, (title, unit) by language.
# ``columns`` has two entries for true-vs-reported panels (solid = true, dashed = reported).
PANELS: tuple[dict[str, Any], ...] = (
    {"columns": ("backlog",), "scale": 1, "rolling": False,
     "en": ("Backlog", "open cases"), "id": ("Tunggakan berkas", "berkas terbuka")},
    {"columns": ("lead_time_mean_days",), "scale": 1, "rolling": True,
     "en": ("Lead time of cases resolved, mean", "working days ({window}-day rolling)"),
     "id": ("Waktu penyelesaian berkas, rata-rata", "hari kerja (bergulir {window} hari)")},
    {"columns": ("on_time_share",), "scale": 100, "rolling": True,
     "en": ("Resolved within service standard", "% of cases ({window}-day rolling)"),
     "id": ("Selesai sesuai standar pelayanan", "% berkas (bergulir {window} hari)")},
    {"columns": ("headcount",), "scale": 1, "rolling": False,
     "en": ("Headcount", "staff"), "id": ("Jumlah pegawai", "orang")},
    {"columns": ("staff_cost_rp",), "scale": 1e-6, "rolling": False,
     "en": ("Staff cost", "Rp million per working day"),
     "id": ("Belanja pegawai", "juta Rp per hari kerja")},
    {"columns": ("corrupt_staff_share",), "scale": 100, "rolling": False,
     "en": ("Corrupt staff", "% of staff"), "id": ("Pegawai korup", "% pegawai")},
    {"columns": ("adoption_share",), "scale": 100, "rolling": False,
     "en": ("Units adopting innovations", "% of units"),
     "id": ("Unit yang mengadopsi inovasi", "% unit")},
    {"columns": ("ikm",), "scale": 1, "rolling": True,
     "en": ("Citizen satisfaction (IKM)", "score 25-100 ({window}-day rolling)"),
     "id": ("Kepuasan masyarakat (IKM)", "skor 25-100 (bergulir {window} hari)")},
    {"columns": ("productivity_true", "productivity_reported"), "scale": 1, "rolling": True,
     "en": ("Productivity: true vs reported", "cases per staff-day ({window}-day rolling)"),
     "id": ("Produktivitas: sebenarnya vs dilaporkan",
            "berkas per hari-pegawai (bergulir {window} hari)")},
    {"columns": ("perf_true", "perf_reported"), "scale": 1, "rolling": False,
     "en": ("Performance score: true vs reported", "score 0-1"),
     "id": ("Skor kinerja: sebenarnya vs dilaporkan", "skor 0-1")},
)


def _day_matrix(
    frame: pd.DataFrame, column: str, window: int | None
) -> tuple[np.ndarray, np.ndarray]:
    """(days, values[day, replicate]) of one policy, rolled per replicate when ``window``."""
    wide = frame.pivot(index="day", columns="replicate", values=column).sort_index()
    if window and window > 1:
        wide = wide.rolling(window, min_periods=1).mean()
    return wide.index.to_numpy(), wide.to_numpy(dtype=float)


def _centre_and_band(values: np.ndarray, band: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # days with no data: mean of empty slice
        mean = np.nanmean(values, axis=1)
        if values.shape[1] < 2:
            return mean, mean, mean
        if band == "se":
            count = np.sum(np.isfinite(values), axis=1)
            se = np.nanstd(values, axis=1, ddof=1) / np.sqrt(np.maximum(count, 1))
            return mean, mean - 1.96 * se, mean + 1.96 * se
        low, high = np.nanpercentile(values, [2.5, 97.5], axis=1)
        return mean, low, high


def timeseries_figure(
    data: Comparison | pd.DataFrame,
    labels: Sequence[str] | None = None,
    *,
    lang: str = "en",
    band: str = "percentile",
    window: int = ROLLING_DAYS,
    warmup_days: int | None = None,
    shock_days: Sequence[tuple[int, int]] = (),
) -> Figure:
    """A grid of the main outcomes over time for A vs B, mean line and band across replicates.

    ``data`` is a :class:`~birosim.experiments.compare.Comparison` or its long ``timeseries``
    frame (columns ``policy, replicate, day`` and the model columns). ``labels`` are the two
    policy names in order A, B (default: from the comparison, or the frame's order). ``band``:
    ``"percentile"`` (2.5-97.5 % across replicates) or ``"se"`` (mean ± 1.96 SE). Noisy daily
    series (lead time, on-time share, IKM, productivity) are smoothed per replicate by a
    ``window``-day rolling mean before averaging. The warm-up period is shaded grey and shocks
    are marked (taken from the comparison's scenarios unless given).
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    check_lang(lang)
    if band not in ("percentile", "se"):
        raise InputError("plots", "band", band, "percentile | se")
    if not isinstance(window, int) or window < 1:
        raise InputError("plots", "window", window, "a whole number >= 1")
    frame = data if isinstance(data, pd.DataFrame) else data.timeseries
    if not isinstance(data, pd.DataFrame):
        labels = labels or data.labels
        if warmup_days is None:
            warmup_days = max(data.a.warmup_days, data.b.warmup_days)
        if not shock_days:
            shock_days = sorted({
                (s.start_day, s.start_day + (s.duration_days if s.kind == "demand" else 1))
                for s in (*data.a.shocks, *data.b.shocks)
            })
    labels = list(labels or pd.unique(frame["policy"]))
    words = LABELS[lang]
    n_rep = int(frame.groupby("policy")["replicate"].nunique().max()) if len(frame) else 0

    figure = new_figure(15, 13)  # fixed margins: a layout engine doubles the drawing time
    figure.subplots_adjust(left=0.06, right=0.985, bottom=0.05, top=0.93, wspace=0.25,
                           hspace=0.3)
    axes = figure.subplots(4, 3, sharex=True).ravel()
    for ax, panel in zip(axes, PANELS, strict=False):
        title, unit = panel[lang]
        ax.set_title(title, fontsize=11, fontweight="bold")
        ax.set_ylabel(unit.format(window=window), fontsize=9)
        roll = window if panel["rolling"] else None
        for colour, label in zip(COLOURS, labels, strict=False):
            rows = frame[frame["policy"] == label]
            if rows.empty:
                continue
            for column, style in zip(panel["columns"], ("-", "--"), strict=False):
                if column not in rows.columns:  # a series this model version does not record
                    continue
                days, values = _day_matrix(rows, column, roll)
                values = values * panel["scale"]
                mean, low, high = _centre_and_band(values, band)
                ax.plot(days, mean, style, color=colour, lw=1.5)
                if values.shape[1] >= 2:
                    ax.fill_between(days, low, high, color=colour,
                                    alpha=0.18 if style == "-" else 0.08, lw=0)
        if warmup_days:
            ax.axvspan(0, warmup_days, color="0.85", alpha=0.5, lw=0)
        for start, end in shock_days:
            ax.axvspan(start, end, color="#e7298a", alpha=0.12, lw=0)
        ax.grid(alpha=0.3)
        ax.tick_params(labelsize=8)
        if panel["columns"][0] in ("corrupt_staff_share", "adoption_share", "on_time_share"):
            ax.set_ylim(bottom=0)
    for ax in axes[len(PANELS) - 3:len(PANELS)]:
        ax.set_xlabel(words["day"])
        ax.tick_params(labelbottom=True)
    for ax in axes[len(PANELS):]:
        ax.axis("off")

    handles = [Line2D([], [], color=c, lw=2.5, label=lab)
               for c, lab in zip(COLOURS, labels, strict=False)]
    handles += [Line2D([], [], color="0.3", ls="-", label=words["true"]),
                Line2D([], [], color="0.3", ls="--", label=words["reported"])]
    if warmup_days:
        handles.append(Patch(color="0.85", label=words["warmup"]))
    if shock_days:
        handles.append(Patch(color="#e7298a", alpha=0.3, label=words["shock"]))
    legend_ax = axes[len(PANELS)]
    legend_ax.legend(handles=handles, loc="upper left", frameon=False, fontsize=11)
    legend_ax.text(0.0, 0.05, _wrap(words[f"band_{band}"].format(n=n_rep, window=window), 48),
                   transform=legend_ax.transAxes, fontsize=9, va="bottom", color="0.25")
    figure.suptitle(words["timeseries_title"].format(a=labels[0], b=labels[-1]),
                    fontsize=14, fontweight="bold")
    return figure


def effects_figure(
    data: Comparison | pd.DataFrame,
    labels: Sequence[str] | None = None,
    *,
    lang: str = "en",
    scale: str = "relative",
    outcomes: Sequence[str] | None = None,
    n_replicates: int | None = None,
    clip: float = 300.0,
    interval: str | None = None,
) -> Figure:
    """A forest plot of the paired differences B − A of the run outcomes, with 95 % CIs.

    Each difference is standardised so that outcomes with different units share one axis:
    ``scale="relative"`` (default) shows it as % of A's mean (``rel_*`` columns of
    :meth:`Comparison.table`), ``scale="sd"`` in pooled between-replicate SDs (``std_*``).
    Points are green when B is better (CI excludes 0 in the outcome registry's better
    direction), red when worse, grey when the CI includes 0, blue when the outcome has no
    better direction. Values beyond ``±clip`` are drawn at the edge; every row also prints its
    number and CI in the margin. ``data`` is a comparison or its :meth:`~Comparison.table`;
    ``interval`` (``seeds`` or ``parameters``) names what the CIs are over in the subtitle.
    """
    from matplotlib.lines import Line2D

    check_lang(lang)
    if scale not in ("relative", "sd"):
        raise InputError("plots", "scale", scale, "relative | sd")
    if isinstance(data, pd.DataFrame):
        table = data
        labels = list(labels or ("A", "B"))
    else:
        table = data.table()
        labels = list(labels or data.labels)
        n_replicates = n_replicates or data.replicates
    if outcomes is None:
        outcomes = [o for o in SUMMARY_OUTCOMES if o in set(table["outcome"])]
    table = table.set_index("outcome").loc[list(outcomes)]
    prefix = ("rel_diff_pct", "rel_ci_low_pct", "rel_ci_high_pct") if scale == "relative" else (
        "std_diff", "std_ci_low", "std_ci_high")
    words = LABELS[lang]
    n = n_replicates if n_replicates is not None else int(table["n"].max())

    figure = new_figure(12, 0.42 * len(outcomes) + 2.4, layout="constrained")
    ax = figure.subplots()
    ys = np.arange(len(outcomes))[::-1]
    finite = table[list(prefix)].to_numpy(dtype=float)
    finite = np.clip(finite[np.isfinite(finite)], -clip, clip)
    left, right = (min(float(finite.min()), 0.0), max(float(finite.max()), 0.0)) \
        if finite.size else (-1.0, 1.0)
    pad = 0.08 * (right - left) or 1.0
    left, right = left - pad, right + pad
    colours = {"better": "#1b9e77", "worse": "#d95f02", "unclear": "0.55", "neutral": "#1f77b4"}
    used = set()
    for y, outcome in zip(ys, outcomes, strict=True):
        row = table.loc[outcome]
        value, low, high = (float(row[c]) for c in prefix)
        verdict = outcome_verdict(outcome, float(row["ci_low"]), float(row["ci_high"]))
        text = words["na"]
        if np.isfinite(value):
            used.add(verdict)
            colour = colours[verdict]
            if np.isfinite(low) and np.isfinite(high):
                ax.plot([max(low, left), min(high, right)], [y, y], color=colour, lw=2.2)
                text = f"{value:+.3g} [{low:+.3g}, {high:+.3g}]"
            else:
                text = f"{value:+.3g}"
            marker = "o" if left <= value <= right else (">" if value > 0 else "<")
            ax.plot([np.clip(value, left, right)], [y], marker, color=colour, ms=8)
        elif scale == "relative" and row["mean_a"] == 0:
            text = f"{words['na']} (A = 0)"
        ax.text(1.015, y, text, transform=ax.get_yaxis_transform(), va="center", fontsize=9)
    ax.axvline(0, color="0.2", lw=1)
    ax.set_xlim(left, right)
    ax.set_yticks(ys, [outcome_label(o, lang) for o in outcomes], fontsize=10)
    ax.set_ylim(-0.7, len(outcomes) - 0.3)
    ax.set_xlabel(words["effects_x_relative" if scale == "relative" else "effects_x_sd"])
    ax.grid(axis="x", alpha=0.3)
    subtitle = words["effects_subtitle"].format(n=n)
    # what the intervals are over (``seeds`` or ``parameters``): a comparison says, a table not
    interval = interval or getattr(data, "uncertainty", None)
    if interval:
        subtitle += "; " + words[f"interval_{interval}"]
    ax.set_title(subtitle, fontsize=10, color="0.25")
    figure.suptitle(words["effects_title"].format(a=labels[0], b=labels[-1]),
                    fontsize=13, fontweight="bold")
    handles = [Line2D([], [], color=colours[k], marker="o", lw=2, label=words[k])
               for k in ("better", "worse", "unclear", "neutral") if k in used]
    if handles:
        figure.legend(handles=handles, loc="outside lower center", ncols=len(handles),
                      frameon=False, fontsize=9)
    return figure


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width))


def comparison_figures(
    comparison: Comparison, out_dir: str | Path, lang: str = "en"
) -> dict[str, Path]:
    """Write ``timeseries.png`` and ``effects.png`` of ``comparison`` into ``out_dir``."""
    out_dir = Path(out_dir)
    return {
        "timeseries": save_figure(timeseries_figure(comparison, lang=lang),
                                  out_dir / "timeseries.png"),
        "effects": save_figure(effects_figure(comparison, lang=lang), out_dir / "effects.png"),
    }
