"""What the field-evidence experiments share: criteria written before running, paired replicate
runs on common random numbers, the verdict and the result.

A field-evidence experiment sets the model up like a study's setting, applies the study's
treatment, and compares the model's figure (mean and 95 % t-interval over replicates; the
replicates of every arm run on the same seeds, so differences are paired) with the published
one. Each :class:`Criterion` states, in the module and before anything is run, the published
figure with its uncertainty and the tolerance band the model's mean must fall in; the verdict
is ``pass`` when every criterion's sign (where one is expected) and size hold. The figure of an
experiment (``birosim.interfaces.figures.evidence``) is drawn from ``PatternResult.plot``: the
criteria, and a detail panel the experiment describes as data (:func:`detail`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ...core import BureaucracyModel, Scenario
from ..seeds import replicate_seeds
from . import _common as common

#: columns of an evidence experiment's estimates table (``part == "estimate"`` rows)
ESTIMATE_COLUMNS = (
    "criterion", "label_en", "label_id", "unit", "published", "published_low", "published_high",
    "published_text", "band_low", "band_high", "sign", "model_mean", "model_ci_low",
    "model_ci_high", "replicates", "sign_holds", "in_band",
)


@dataclass(frozen=True)
class Criterion:
    """One published figure and the band the model's figure is held to.

    ``sign`` is the direction the study found (+1, -1) or 0 where it found no clear effect (then
    only the band is checked). ``published_low``/``published_high`` are the study's 95 %
    interval where it gives one (``None`` otherwise). ``why`` says where the band comes from.
    """

    key: str
    label_en: str
    label_id: str
    unit: str
    published: float
    published_text: str
    band: tuple[float, float]
    sign: int
    why: str
    published_low: float | None = None
    published_high: float | None = None

    def checks(self, mean: float) -> dict[str, bool]:
        ok = {f"{self.key}_in_band": bool(self.band[0] <= mean <= self.band[1])}
        if self.sign:
            ok[f"{self.key}_sign"] = bool(np.sign(mean) == self.sign)
        return ok

    def label(self, lang: str = "en") -> str:
        return self.label_id if lang == "id" else self.label_en


def se_interval(estimate: float, se: float) -> tuple[float, float]:
    """A published estimate's 95 % interval from its standard error (normal)."""
    return estimate - 1.96 * se, estimate + 1.96 * se


@dataclass(frozen=True)
class Estimate:
    """The model's figure for one criterion: mean and 95 % CI over replicates."""

    criterion: Criterion
    values: tuple[float, ...]

    @property
    def mean_ci(self) -> tuple[float, float, float]:
        return common.mean_ci(self.values)

    def row(self) -> dict[str, Any]:
        c = self.criterion
        mean, low, high = self.mean_ci
        checks = c.checks(mean)
        return {
            "criterion": c.key, "label_en": c.label_en, "label_id": c.label_id, "unit": c.unit,
            "published": c.published, "published_low": c.published_low,
            "published_high": c.published_high, "published_text": c.published_text,
            "band_low": c.band[0], "band_high": c.band[1], "sign": c.sign,
            "model_mean": mean, "model_ci_low": low, "model_ci_high": high,
            "replicates": len(self.values), "sign_holds": checks.get(f"{c.key}_sign", True),
            "in_band": checks[f"{c.key}_in_band"],
        }


def arm_scenarios(org: Path, arms: Mapping[str, Mapping[str, Any]], *, horizon: int,
                  warmup: int, name: str) -> dict[str, Scenario]:
    """One scenario per arm on the same organisation: the arm's levers, named ``name_arm``."""
    return {arm: common.scenario(org, horizon=horizon, warmup=warmup, levers=levers,
                                 name=f"{name}_{arm}") for arm, levers in arms.items()}


def run_arms(arms: Mapping[str, Scenario], seeds: Sequence[int],
             measure: Callable[[BureaucracyModel], dict[str, float]],
             **model_options: Any) -> pd.DataFrame:
    """Run every arm on every replicate seed (common random numbers) and ``measure`` each run.

    Returns one row per (arm, replicate): ``arm``, ``replicate``, ``seed`` and the measures.
    """
    rows = []
    for replicate, seed in enumerate(seeds):
        for arm, scen in arms.items():
            model = common.run(scen, seed=seed, **model_options)
            rows.append({"arm": arm, "replicate": replicate, "seed": seed, **measure(model)})
    return pd.DataFrame(rows)


def paired(runs: pd.DataFrame, measure: str, treated: str, control: str,
           scale: float = 1.0) -> tuple[float, ...]:
    """Per-replicate differences ``treated - control`` of a measure, times ``scale``."""
    wide = runs.pivot(index="replicate", columns="arm", values=measure)
    return tuple(float(v) for v in scale * (wide[treated] - wide[control]))


def seeds_for(seed: int, replicates: int) -> list[int]:
    return replicate_seeds(seed, replicates)


def detail(kind: str, x: Sequence, series: Mapping[str, Mapping[str, Any]], *,
           xlabel: tuple[str, str], ylabel: tuple[str, str], title: tuple[str, str],
           reference: Mapping[str, Any] | None = None, log_x: bool = False,
           categories: Sequence[tuple[str, str]] | None = None) -> dict[str, Any]:
    """A detail panel as data: ``kind`` ``lines`` or ``points``; ``series[name]`` holds ``y``
    (and optionally ``low``/``high`` for a 95 % band, ``label_en``/``label_id``); labels are
    (English, Bahasa Indonesia); ``reference`` an optional published value or curve
    (``y``, ``label_en``, ``label_id``, optional ``x``); ``categories`` names the x positions
    0, 1, ... (English, Bahasa Indonesia) when the arms are categories, not a scale."""
    return {"kind": kind, "x": list(x), "series": {k: dict(v) for k, v in series.items()},
            "xlabel": xlabel, "ylabel": ylabel, "title": title,
            "reference": dict(reference) if reference else None, "log_x": log_x,
            "categories": [list(c) for c in categories] if categories else None}


def finish(
    name: str, *, title: str, source: str, setup: str, estimates: Sequence[Estimate],
    note: str, out_dir: Path, detail_panel: dict[str, Any], runs: pd.DataFrame,
    measured: dict[str, Any] | None = None, extra_checks: Mapping[str, bool] | None = None,
) -> common.PatternResult:
    """The verdict of a field-evidence experiment: every criterion's checks (and any
    ``extra_checks``), the estimates table (with the per-run measures below it, ``part``
    ``run``), the plot data and a headline of the first criterion's figures."""
    rows = [estimate.row() for estimate in estimates]
    checks: dict[str, bool] = {}
    for estimate in estimates:
        checks.update(estimate.criterion.checks(estimate.mean_ci[0]))
    checks.update(extra_checks or {})
    estimates_table = pd.DataFrame(rows, columns=list(ESTIMATE_COLUMNS))
    table = pd.concat([estimates_table.assign(part="estimate"), runs.assign(part="run")],
                      ignore_index=True)
    model_figures = {
        row["criterion"]: {"mean": row["model_mean"], "ci": [row["model_ci_low"],
                                                              row["model_ci_high"]],
                           "band": [row["band_low"], row["band_high"]],
                           "replicates": row["replicates"]}
        for row in rows
    }
    published = {
        c.key: {"value": c.published, "text": c.published_text,
                "ci": [c.published_low, c.published_high], "why_band": c.why}
        for c in (e.criterion for e in estimates)
    }
    headline = ("; ".join(f"{r['label_en']}: {_fmt(r['model_mean'])} "
                          f"[{_fmt(r['model_ci_low'])}, {_fmt(r['model_ci_high'])}]"
                          for r in rows),
                "; ".join(f"{r['label_en']}: {r['published_text']}" for r in rows))
    plot = {"criteria": [asdict(e.criterion) | {"values": list(e.values)} for e in estimates],
            "rows": rows, "detail": detail_panel}
    return common.finish(
        name, title=title, source=source, checks=checks,
        measured={"estimates": model_figures, "setup": setup, **(measured or {})},
        published=published, note=note, table=table, plot=plot, out_dir=out_dir,
        headline=headline,
    )


def _fmt(value: float) -> str:
    if not np.isfinite(value):
        return "n/a"
    return f"{value:+.3g}" if abs(value) < 100 else f"{value:+.0f}"
