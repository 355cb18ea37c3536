"""The planner's baseline: fit uncertain behavioural parameters so a scenario reproduces today.

A planner knows a few figures about their organisation today (``OBS.csv``, read by the same
strict reading layer as organisation files): the IKM survey score, the mean lead time, the
backlog, the share of cases within the service standard, headcount growth, for the whole
organisation or per unit. :func:`calibrate` searches the parameters named in ``fit`` (bounded)
for the values whose simulated figures come closest, like an AnyLogic calibration experiment:

- **common random numbers**: every evaluation runs the same replicate seeds (those of a
  comparison with the same seed, :func:`birosim.experiments.seeds.replicate_seeds`), so a
  change in the objective is the parameters' doing, not noise's;
- **objective**: the sum of squared relative residuals, (simulated - observed) / scale, where
  the scale is the observed value or, near zero, the figure's :attr:`Figure.floor`;
- **search**: parameters scaled to 0..1; scipy's differential evolution (a population of
  ``population_size`` started from a Sobol sample and the starting values, for ``generations``
  generations, deterministic), then a bounded Nelder-Mead simplex of ``local_evaluations``
  from its best member: derivative-free, because the objective is a step
  function of the parameters (cases are whole), steep where a queue nears saturation, and has
  false minima where one queue's slack hides the other parameter.

The default parameters are behavioural assumptions no office measures, each acting on a
different queue: ``goals.routine_overhead`` (hours lost to procedure set casework capacity) and
``service.approval_capacity_ratio`` (how many sign-offs officials give sets the sign-off queues,
which dominate lead time in units with many layers). Both act on capacity without changing
which random numbers a run draws, so common random numbers keep the objective smooth; the
absence rate, say, changes the staff-presence draws and makes it noisy. Levers a reformer
chooses are not fitted. A parameter is only identified where its queue binds: where casework
has slack, routine overhead barely moves any figure and its fitted value means little (the fit
table shows whether the figures are matched, not whether the parameters are unique).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import differential_evolution, minimize

from ..core.errors import InputError
from ..core.parameters import get_parameter
from ..core.run_spec import RunSpec
from ..core.scenario import Scenario
from ..core.tabular import Column, Problem, column_values, read_table
from .run import run_scenario
from .seeds import replicate_seeds
from .unit_outcomes import UNIT_SERIES, unit_outcomes


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
DEFAULT_FIT = {"goals.routine_overhead": (0.05, 0.6), "service.approval_capacity_ratio": (1.0, 4.0)}


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
    """Each observed figure as the model gives it, averaged over the replicate ``seeds``; per
    unit from the run outcomes per unit (:mod:`birosim.experiments.unit_outcomes`)."""
    per_unit = any(o.unit_id for o in observations)
    spec = RunSpec.build(scenario, steps=steps)
    totals = np.zeros(len(observations))
    for seed in seeds:
        result = run_scenario(spec, seed=seed, unit_series=list(UNIT_SERIES) if per_unit else False)
        units = (unit_outcomes(result.units, spec.organisation, spec.scenario.warmup_days)
                 .set_index("unit_id") if per_unit else None)
        totals += [units.at[o.unit_id, FIGURES[o.figure].unit_column] if o.unit_id
                   else result.summary[FIGURES[o.figure].summary_key] for o in observations]
    return totals / len(seeds)


def calibrate(scenario: Scenario, observations: Sequence[Observation], *,
              fit: dict[str, tuple[float, float]] | None = None, seed: int | None = None,
              replicates: int = 2, steps: int | None = None, population_size: int = 10,
              generations: int = 5, local_evaluations: int = 30
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

    x0 = np.clip((np.array([start[n] for n in names]) - low) / (high - low), 0, 1)
    population = max(2, -(-population_size // len(names)))  # scipy counts members per parameter
    result = differential_evolution(
        objective, [(0, 1)] * len(names), x0=x0, popsize=population, maxiter=generations,
        init="sobol", seed=0, polish=False, tol=0, updating="immediate")
    # a local simplex from the best member, a tenth of the range wide, refines what the
    # population found
    simplex = np.clip(result.x + np.vstack([np.zeros(len(names)), 0.1 * np.eye(len(names))]), 0, 1)
    local = minimize(objective, result.x, method="Nelder-Mead", bounds=[(0, 1)] * len(names),
                     options={"initial_simplex": simplex, "maxfev": local_evaluations,
                              "xatol": 1e-3, "fatol": 1e-6})
    best = candidate(local.x if local.fun <= result.fun else result.x)
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
