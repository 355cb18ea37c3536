"""Shared helpers of the validation experiments: results, organisations, runs, statistics.

The experiments return data; their figures are drawn in ``birosim.interfaces.figures``."""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from ...core import BureaucracyModel, Scenario, scenario_from_dict
from ...core.run_spec import RunSpec

PASS, FAIL = "pass", "fail"
ORG_COLUMNS = (
    "unit_id", "unit_name", "parent_org", "staff", "daily_demand", "approval_layers",
    "service_standard_days", "work_hours_per_case", "goal_clarity", "monopoly", "discretion",
    "salary_rp_month",
)

#: Levers that switch off every behaviour that would change a unit's capacity or headcount
#: over time (no learning, no growth, no turnover, no corruption, no innovation, no rework):
#: the unit is then a plain queue. Used by the queueing pattern and as a base elsewhere.
QUIET_LEVERS: dict[str, Any] = {
    "service.seasonality": 0.0,
    "service.absence_rate": 0.0,
    "service.official_absence_rate": 0.0,
    "service.approval_capacity_ratio": 20.0,
    "service.rework_at_zero_quality": 0.0,
    "service.citizen_patience_days": 250,
    "citizens.wait_elasticity": 0.0,  # a fixed stream of arrivals (no latent demand)
    "goals.base_overhead": 0.0,
    "goals.routine_overhead": 0.0,
    "budget.formasi_share": 0.0,
    "budget.honorer_hiring": 0.0,
    "budget.coordination_overhead": 0.0,
    "careers.training_days_per_year": 0.0,
    "careers.retirement_age": 70,
    "careers.turnover_rate": 0.0,
    "innovation.innovation_time_share": 0.0,
    "innovation.idea_rate": 0.0,
    "innovation.external_rate": 0.0,
    "integrity.initial_corruption": 0.0,
    "integrity.moral_cost_months": 60.0,
    "measurement.intensity": 0.0,  # no reporting hours, no gaming hours month to month
}


@dataclass
class PatternResult:
    """The outcome of one validation experiment."""

    name: str
    verdict: str
    measured: dict[str, Any]
    published: dict[str, Any]
    note: str
    table: pd.DataFrame
    #: written by ``birosim.interfaces.figures.validation`` (None until drawn)
    figure: Path | None
    checks: dict[str, bool] = field(default_factory=dict)
    title: str = ""
    source: str = ""
    #: one line each: the measured figure and the published one, for the verdict table
    headline: tuple[str, str] = ("", "")
    #: what the pattern's figure draws (frames, arrays, fitted curves), by name
    plot: dict[str, Any] = field(default_factory=dict)
    out_dir: Path | None = None

    @property
    def passed(self) -> bool:
        return self.verdict == PASS

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "title": self.title, "verdict": self.verdict,
            "source": self.source, "headline_measured": self.headline[0],
            "headline_published": self.headline[1], "measured": _jsonable(self.measured),
            "published": _jsonable(self.published), "checks": _jsonable(self.checks),
            "note": self.note, "figure": str(self.figure) if self.figure else None,
        }

    def write_verdict(self) -> None:
        """``verdict.json`` in the pattern's folder (again after its figure is drawn)."""
        (self.out_dir / "verdict.json").write_text(json.dumps(self.to_json(), indent=2) + "\n",
                                                   encoding="utf-8")


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating | float):
        value = float(value)
        return value if math.isfinite(value) else None
    return value


def finish(
    name: str, *, title: str, source: str, checks: Mapping[str, bool],
    measured: dict[str, Any], published: dict[str, Any], note: str, table: pd.DataFrame,
    plot: dict[str, Any], out_dir: Path, headline: tuple[str, str] = ("", ""),
) -> PatternResult:
    """Write ``table.csv`` and ``verdict.json`` to ``out_dir`` and return the result.

    The verdict is ``pass`` when every check holds.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    table.to_csv(out_dir / "table.csv", index=False)
    checks = {k: bool(v) for k, v in checks.items()}
    result = PatternResult(
        name=name, verdict=PASS if all(checks.values()) else FAIL, measured=measured,
        published=published, note=note, table=table, figure=None, checks=checks,
        title=title, source=source, headline=headline, plot=plot, out_dir=out_dir,
    )
    result.write_verdict()
    return result


# ------------------------------------------------------------------------------ organisations
def unit_row(**values: Any) -> dict[str, Any]:
    """One organisation row with neutral defaults (a single-layer unit with clear goals)."""
    row = {
        "unit_id": "U1", "unit_name": "Validation unit", "parent_org": "Validation",
        "staff": 20, "daily_demand": 10.0, "approval_layers": 1, "service_standard_days": 5.0,
        "work_hours_per_case": 1.0, "goal_clarity": 1.0, "monopoly": 0.0, "discretion": 0.0,
        "salary_rp_month": 6_000_000.0,
    }
    row.update(values)
    return row


def write_org(path: Path, rows: Iterable[Mapping[str, Any]]) -> Path:
    """Write an organisation CSV (columns of ``scenarios/organisations/README.md``)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(ORG_COLUMNS))
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row[c] for c in ORG_COLUMNS})
    return path


#: behavioural parameter values every validation scenario takes (see :func:`parameter_values`)
_PARAMETER_VALUES: dict[str, Any] = {}


@contextmanager
def parameter_values(values: Mapping[str, Any]) -> Iterator[None]:
    """Run the experiments inside with these behavioural parameter values (a design point of
    the history matching, :mod:`birosim.experiments.plausible`): every scenario built by
    :func:`scenario` takes them after its preset and before the experiment's own levers, so
    what an experiment sets to mirror its study's setting still holds."""
    saved = dict(_PARAMETER_VALUES)
    _PARAMETER_VALUES.update(values)
    try:
        yield
    finally:
        _PARAMETER_VALUES.clear()
        _PARAMETER_VALUES.update(saved)


def scenario(
    organisation: str | Path, *, horizon: int, warmup: int = 0, seed: int = 0,
    preset: str = "conventional", levers: Mapping[str, Any] | None = None,
    shocks: Iterable[Mapping[str, Any]] = (), name: str = "validation",
) -> Scenario:
    """A checked scenario: a preset, the :func:`parameter_values` in force, then
    ``{"group.name": value}`` lever overrides."""
    base = scenario_from_dict({
        "name": name, "organisation": str(organisation), "preset": preset,
        "horizon_days": int(horizon), "warmup_days": int(warmup), "seed": int(seed),
        "shocks": [dict(s) for s in shocks],
    }, source=f"validation:{name}")
    if _PARAMETER_VALUES:
        base = base.with_levers(dict(_PARAMETER_VALUES), source="validation:design point")
    return base.with_levers(dict(levers), source=f"validation:{name}") if levers else base


def run(scen: Scenario, seed: int | None = None, **kwargs: Any) -> BureaucracyModel:
    model = RunSpec.build(scen, seed=seed).model(**kwargs)
    model.run()
    return model


# ------------------------------------------------------------------------------ statistics
def mean_ci(values: Iterable[float], confidence: float = 0.95) -> tuple[float, float, float]:
    """Mean and t-interval half-width bounds: (mean, low, high)."""
    x = np.asarray(list(values), dtype=float)
    x = x[np.isfinite(x)]
    if len(x) == 0:
        return float("nan"), float("nan"), float("nan")
    mean = float(x.mean())
    if len(x) < 2:
        return mean, float("nan"), float("nan")
    half = float(stats.t.ppf(0.5 + confidence / 2, len(x) - 1) * x.std(ddof=1) / math.sqrt(len(x)))
    return mean, mean - half, mean + half
