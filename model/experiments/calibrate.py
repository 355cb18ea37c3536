"""The planner's baseline: fit uncertain behavioural parameters so a scenario reproduces today.

A planner knows a few figures about their organisation today (``OBS.csv``, read by the same
strict reading layer as organisation files): the IKM survey score, the mean lead time, the
backlog, the share of cases within the service standard, headcount growth, for the whole
organisation or per unit. :func:`calibrate` searches the parameters named in ``fit`` (bounded)
for the values whose simulated figures come closest, like an AnyLogic calibration experiment:

- **common random numbers**: every evaluation runs the same replicate seeds, so a change in the
  objective is the parameters' doing, not noise's;
- **objective**: the sum of squared relative residuals, (simulated - observed) / scale, where
  the scale is the observed value or, near zero, the figure's :attr:`Figure.floor`;
- **search**: parameters scaled to 0..1; a scrambled Sobol sample of ``global_points`` (plus
  the starting values), then scipy's bounded Powell search from the best of them
  (derivative-free: the objective is a step function of the parameters because cases are
  whole, and steep where sign-off queues near saturation).

The default parameters are behavioural assumptions no office measures, each acting on a
different queue: ``service.absence_rate`` (staff presence sets casework capacity) and
``service.approval_capacity_ratio`` (how many sign-offs officials give sets the sign-off
queues, which dominate lead time in units with many layers). Levers a reformer chooses are not
fitted. A parameter is only identified where its queue binds: where casework has slack, the
absence rate barely moves any figure and its fitted value means little (the fit table shows
whether the figures are matched, not whether the parameters are unique).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.stats import qmc

from ..core.errors import InputError
from ..core.parameters import get_parameter
from ..core.scenario import Scenario
from ..core.tabular import Column, Problem, column_values, read_table
from .compare import replicate_seeds
from .run import run_scenario


@dataclass(frozen=True)
class Figure:
    """An observable figure: how it is simulated, its plausible range and residual scale."""

    name: str
    summary_key: str  # the run summary's outcome for the whole organisation
    unit_column: str | None  # the per-unit series it is computed from, None: total only
    low: float
    high: float
    floor: float  # residual scale where the observed value is near zero
    aliases: tuple[str, ...]
    label_en: str
    label_id: str


FIGURES = {f.name: f for f in (
    Figure("ikm", "ikm", "ikm", 25, 100, 1.0, ("indeks_kepuasan_masyarakat",),
           "IKM survey score", "nilai IKM"),
    Figure("lead_time_mean_days", "lead_time_mean_days", "lead_time_mean_days", 0, 250, 0.5,
           ("waktu_layanan_rata_rata", "waktu_layanan"), "mean lead time (working days)",
           "rata-rata waktu layanan (hari kerja)"),
    Figure("backlog", "backlog", "backlog", 0, 1e7, 5.0, ("tunggakan", "berkas_tertunda"),
           "backlog (open cases)", "tunggakan berkas"),
    Figure("on_time_share", "on_time_share", "on_time_share", 0, 1, 0.05,
           ("tepat_waktu", "persentase_tepat_waktu"), "share within the service standard",
           "porsi selesai sesuai standar"),
    Figure("headcount_growth", "headcount_growth_simple_per_year", None, -0.5, 0.5, 0.01,
           ("pertumbuhan_pegawai",), "headcount growth per year (share)",
           "pertumbuhan pegawai per tahun"),
)}

OBSERVED_COLUMNS = (
    Column("figure", str, aliases=("indikator",)),
    Column("unit_id", str, default="", aliases=("kode_unit", "unit")),
    Column("value", float, -1e12, 1e12, aliases=("nilai",)),
)

#: name -> (low, high): the plausible range searched; the reason is in the module docstring
DEFAULT_FIT = {"service.absence_rate": (0.02, 0.30), "service.approval_capacity_ratio": (1.0, 4.0)}


@dataclass(frozen=True)
class Observation:
    figure: str
    unit_id: str  # "" = the whole organisation
    value: float


@dataclass(frozen=True)
class Calibration:
    """The fitted values, the fit per figure and what the search cost."""

    scenario: Scenario  # the calibrated scenario
    start: dict[str, float]
    fitted: dict[str, float]
    bounds: dict[str, tuple[float, float]]
    fit: pd.DataFrame  # figure, unit_id, observed, simulated, residual, relative_residual
    evaluations: int
    seeds: tuple[int, ...]


def read_observed(path: Path, unit_ids: Sequence[str]) -> list[Observation]:
    """The planner's observed figures (``figure, unit_id, value``); every problem in one line each,
    the first raised as an InputError."""
    table = read_table(path, OBSERVED_COLUMNS)
    problems: list[Problem] = []
    values = {c.name: column_values(table, c, problems) for c in OBSERVED_COLUMNS}
    names = {alias: f.name for f in FIGURES.values() for alias in (f.name, *f.aliases)}
    observations = []
    for row_no, figure, unit, value in zip(table.row_numbers, values["figure"], values["unit_id"],
                                           values["value"], strict=True):
        def refuse(column, shown, allowed, row_no=row_no, unit=unit):
            problems.append(Problem(str(path), row_no, unit, column, shown, allowed, allowed))

        name = names.get((figure or "").strip().lower())
        if figure and name is None:
            refuse("figure", figure, "one of " + ", ".join(FIGURES))
            continue
        if unit and unit not in unit_ids:
            refuse("unit_id", unit, "empty (whole organisation) or a unit id of the organisation")
            continue
        if name and unit and FIGURES[name].unit_column is None:
            refuse("unit_id", unit, f"empty: {name} is observed for the whole organisation only")
            continue
        if name and value is not None:
            spec = FIGURES[name]
            if not spec.low <= value <= spec.high:
                refuse("value", value, f"{spec.low:g} to {spec.high:g} for {name}")
                continue
            observations.append(Observation(name, unit, float(value)))
    if problems:
        raise problems[0].error()
    if not observations:
        raise InputError(str(path), "rows", 0, "at least one observed figure")
    return observations


def simulated_figures(scenario: Scenario, observations: Sequence[Observation],
                      seeds: Sequence[int], steps: int | None = None) -> np.ndarray:
    """Each observed figure as the model gives it, averaged over the replicate ``seeds``."""
    columns = sorted({FIGURES[o.figure].unit_column for o in observations if o.unit_id})
    unit_series = ["resolved", *columns] if columns else False
    totals = np.zeros(len(observations))
    for seed in seeds:
        result = run_scenario(scenario, seed=seed, steps=steps, unit_series=unit_series)
        per_unit = _unit_figures(result.units, scenario.warmup_days, columns) if columns else {}
        totals += [per_unit[o.figure][o.unit_id] if o.unit_id
                   else result.summary[FIGURES[o.figure].summary_key] for o in observations]
    return totals / len(seeds)


def _unit_figures(units: pd.DataFrame, warmup: int, columns: Sequence[str]) -> dict:
    """Per-unit run figures after the warm-up: rates weighted by cases resolved, backlog a mean."""
    after = units[units["day"] >= warmup]
    weights = after["resolved"].to_numpy()
    out = {}
    for column in columns:
        if column == "backlog":
            out[column] = after.groupby("unit_id")[column].mean().to_dict()
            continue
        values = np.nan_to_num(after[column].to_numpy())
        frame = pd.DataFrame({"unit_id": after["unit_id"].to_numpy(), "w": weights,
                              "wv": weights * values}).groupby("unit_id").sum()
        out[column] = (frame["wv"] / frame["w"].where(frame["w"] > 0)).to_dict()
    return out


def calibrate(scenario: Scenario, observations: Sequence[Observation], *,
              fit: dict[str, tuple[float, float]] | None = None, seed: int | None = None,
              replicates: int = 2, steps: int | None = None, global_points: int = 16,
              max_evaluations: int = 40
              ) -> Calibration:
    """Fit ``fit`` (name -> bounds) so ``scenario`` reproduces ``observations`` (module docstring)."""
    fit = dict(DEFAULT_FIT if fit is None else fit)
    names = list(fit)
    for name in names:  # a reformer's choice is not a fact about today to be fitted
        if get_parameter(name).role != "parameter":
            raise InputError("--fit", "fit", name, "a behavioural parameter (role parameter in "
                             "`birosim registry`), not a lever", "a policy lever")
    low = np.array([fit[n][0] for n in names])
    high = np.array([fit[n][1] for n in names])
    start = {n: float(_lever(scenario, n)) for n in names}
    seeds = tuple(replicate_seeds(scenario.seed if seed is None else seed, replicates))
    observed = np.array([o.value for o in observations])
    scale = np.maximum(np.abs(observed), [FIGURES[o.figure].floor for o in observations])
    evaluations = 0

    def candidate(x: np.ndarray) -> Scenario:
        values = low + np.clip(x, 0, 1) * (high - low)
        return scenario.with_levers({n: float(v) for n, v in zip(names, values, strict=True)},
                                    source="calibrate")

    def objective(x: np.ndarray) -> float:
        nonlocal evaluations
        evaluations += 1
        simulated = simulated_figures(candidate(x), observations, seeds, steps)
        residual = np.nan_to_num((simulated - observed) / scale, nan=1e3)
        return float((residual**2).sum())

    # global first (a scrambled Sobol sample plus the starting values), then a local search
    # from the best point: sign-off queues make the objective steep near saturation, where a
    # local search from the start alone stalls
    x0 = np.clip((np.array([start[n] for n in names]) - low) / (high - low), 0, 1)
    sample = qmc.Sobol(len(names), scramble=True, seed=0).random(global_points)
    points = [x0, *sample]
    scores = [objective(x) for x in points]
    result = minimize(objective, points[int(np.argmin(scores))], method="Powell",
                      bounds=[(0, 1)] * len(names),
                      options={"maxfev": max_evaluations, "xtol": 1e-3, "ftol": 1e-6})
    best = candidate(result.x if result.fun <= min(scores) else points[int(np.argmin(scores))])
    simulated = simulated_figures(best, observations, seeds, steps)
    table = pd.DataFrame({
        "figure": [o.figure for o in observations],
        "unit_id": [o.unit_id or "(all)" for o in observations],
        "observed": observed,
        "simulated": simulated,
        "residual": simulated - observed,
        "relative_residual": (simulated - observed) / scale,
    })
    fitted = {n: float(_lever(best, n)) for n in names}
    return Calibration(best, start, fitted, fit, table, evaluations, seeds)


def _lever(scenario: Scenario, name: str) -> float:
    group, _, field = name.partition(".")
    return getattr(getattr(scenario.levers, group), field)


def scenario_toml(calibration: Calibration, name: str, organisation: str) -> dict:
    """The calibrated scenario as TOML data (every value written out; nothing left to defaults)."""
    data = calibration.scenario.model_dump(mode="json", exclude={"base_dir"})
    fitted = ", ".join(f"{n} = {v:.4g}" for n, v in calibration.fitted.items())
    data.update(name=name, organisation=organisation,
                description=f"{data['description']} Calibrated to observed figures: {fitted}.")
    return _without_none(data)


def _without_none(value):
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value
