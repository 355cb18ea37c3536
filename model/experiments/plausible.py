"""History matching: the plausible set of behavioural parameters the field evidence leaves open.

History matching (Craig et al. 1997; Vernon et al. 2010; Andrianakis et al. 2015) rules out the
parameter values at which the model cannot reproduce what was observed, instead of fitting one
best value. Here:

- **what is matched**: the criteria of the quick field-evidence experiments
  (:mod:`birosim.experiments.validation`, each :class:`~.validation._evidence.Criterion` written
  before running), in two waves (refocusing, as history matching does): the cheap
  experiments (:data:`EXPERIMENTS`) at every design point, then the costlier ones
  (:data:`SECOND_WAVE`) at the points the first wave did not rule out, both at the matching
  seed; then every experiment again at a second seed at those points (the confirmation), so a
  point that meets a criterion by one seed's luck is not kept: a point's implausibility for a
  criterion is its worst over the seeds it ran. Both waves' criteria constrain the set: a
  point is kept only if it ran every experiment at both seeds;
- **which parameters**: :data:`CANDIDATES`, the registry's behavioural parameters (role
  ``parameter``, source an assumption) of the mechanisms the experiments measure
  (corruption decisions and detection, effort under incentives, autonomy, monitoring, capacity);
  every other
  parameter keeps its value. The design itself is the screen: each parameter's rank
  correlation with every criterion's figure over the points is recorded with the set
  (``sensitivity``), so a parameter the evidence does not bear on shows as such and keeps its
  whole prior range in the set;
- **design**: a Latin hypercube (``scipy.stats.qmc.LatinHypercube``, seeded) over each
  candidate's prior range, :func:`prior_range` (``PRIOR_SPREAD`` either side of its default,
  clipped to its registry range; whole numbers rounded);
- **implausibility** of a criterion at a point: ``|model - published| / sqrt(var_obs +
  var_model + var_discrepancy)``, where ``var_obs`` is the published 95 % interval's variance
  (zero where the study gives none), ``var_model`` the squared standard error of the model's
  mean over the experiment's replicates, and ``var_discrepancy`` what the criterion's tolerance
  band adds beyond the study's own error: the band's edge on the model's side lies three
  standard deviations of ``var_obs + var_discrepancy`` from the published figure;
- **cut-off**: a point is not implausible when its largest implausibility over the
  *constraining* criteria is below 3 (Pukelsheim's three-sigma rule). A criterion that no
  point judged on it meets is model discrepancy, not parameter uncertainty: it is recorded as
  unmet and does not constrain the set (else one mechanism's failure would empty it).
  The mechanism patterns (``pluchino2010``, ``parkinson1955``, ``bass``) are not matched: they
  measure careers, budget growth and diffusion, which no candidate parameter enters.

:func:`history_match` is resumable: every (point, experiment) it runs is appended to
``runs.csv`` in its work folder, and a rerun skips what is there. :func:`plausible_data` turns
the runs into the shipped data (``plausible_set.json`` beside this module) with its provenance;
``docs/make_plausible_set.py`` regenerates it.
"""

from __future__ import annotations

import datetime as dt
import math
import multiprocessing
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats
from scipy.stats import qmc

from ..core.parameters import Parameter, get_parameter
from .run import git_commit
from .validation import PATTERNS
from .validation import _common as common

DATA = Path(__file__).with_name("plausible_set.json")
CUTOFF = 3.0
PRIOR_SPREAD = 0.5
#: the design's boxes, (points, seed, spread either side of the default): the prior, then,
#: because the first box left few points (Olken's baseline level rules out most of it), a
#: refocused box of half its width around the defaults
BOXES = ((24, 12, PRIOR_SPREAD), (24, 13, PRIOR_SPREAD / 2))
#: wave 1: the cheap field-evidence experiments, quick, one seed, at every design point
EXPERIMENTS = ("olken2007", "khan2016")
#: wave 2: the costlier ones, at the points wave 1 did not rule out
SECOND_WAVE = ("rasul_rogger2018", "bevan_hood2006", "gerrish2016")
#: every experiment whose criteria constrain the set
MATCHED = EXPERIMENTS + SECOND_WAVE
#: the behavioural parameters the design varies: assumption-sourced parameters of the
#: mechanisms the matched experiments measure (docs/evidence.md says how they were chosen)
CANDIDATES = (
    "integrity.audit_detection", "integrity.moral_cost_months", "integrity.decision_noise",
    "integrity.reconsider_share", "integrity.complaint_follow_up",
    "integrity.bribe_rp_per_case_hour", "integrity.initial_corruption",
    "measurement.effort_response", "measurement.motivation_incentive",
    "measurement.gaming_propensity", "measurement.motivation_monitoring",
    "measurement.quality_per_autonomy", "measurement.absence_cut", "goals.routine_overhead",
    "service.approval_capacity_ratio",
)
RUN_COLUMNS = ("point", "seed", "experiment", "criterion", "published", "published_low",
               "published_high", "band_low", "band_high", "model_mean", "model_ci_low",
               "model_ci_high", "replicates", "implausibility")


def prior_range(parameter: Parameter, spread: float = PRIOR_SPREAD) -> tuple[float, float]:
    """``spread`` either side of the default, clipped to the registry's range."""
    low, high = parameter.default * (1 - spread), parameter.default * (1 + spread)
    if parameter.min is not None:
        low = max(low, parameter.min)
    if parameter.max is not None:
        high = min(high, parameter.max)
    return float(low), float(high)


def design(names: Sequence[str] = CANDIDATES,
           boxes: Sequence[tuple[int, int, float]] = BOXES) -> pd.DataFrame:
    """Point 0 at the registry's defaults (the model as shipped is judged like any other
    point), then one Latin hypercube per box ``(points, seed, spread)`` over the ranges
    ``spread`` either side of the defaults, numbered on from box to box; whole-number
    parameters rounded."""
    frames = [pd.DataFrame({name: [get_parameter(name).default] for name in names})]
    for points, seed, spread in boxes:
        unit = qmc.LatinHypercube(d=len(names), seed=seed).random(points)
        columns = {}
        for j, name in enumerate(names):
            parameter = get_parameter(name)
            low, high = prior_range(parameter, spread)
            values = low + unit[:, j] * (high - low)
            columns[name] = (np.round(values).astype(int) if _is_whole(parameter)
                             else values.astype(float))
        frames.append(pd.DataFrame(columns))
    return pd.concat(frames, ignore_index=True).rename_axis("point")


def implausibility(row: Mapping[str, Any]) -> float:
    """A criterion's implausibility from an estimates row (module docstring)."""
    published, mean = float(row["published"]), float(row["model_mean"])
    if not math.isfinite(mean):
        return math.inf
    low, high = row.get("published_low"), row.get("published_high")
    var_obs = (((high - low) / (2 * 1.96)) ** 2 if _given(low) and _given(high) else 0.0)
    edge = float(row["band_high"] if mean >= published else row["band_low"])
    tolerance_var = (abs(edge - published) / CUTOFF) ** 2
    var_discrepancy = max(0.0, tolerance_var - var_obs)
    n = int(row["replicates"])
    var_model = 0.0
    if n >= 2 and _given(row["model_ci_low"]):
        se = (row["model_ci_high"] - row["model_ci_low"]) / (2 * stats.t.ppf(0.975, n - 1))
        var_model = float(se) ** 2
    total = var_obs + var_model + var_discrepancy
    if total == 0:
        return 0.0 if mean == published else math.inf
    return abs(mean - published) / math.sqrt(total)


def run_point(values: Mapping[str, Any], experiments: Sequence[str], seed: int,
              out_dir: Path) -> pd.DataFrame:
    """Every criterion of ``experiments`` (quick, at ``seed``) with the parameters at
    ``values``: the estimates and each criterion's implausibility."""
    frames = []
    with common.parameter_values(values):
        for name in experiments:
            result = PATTERNS[name](quick=True, out_dir=Path(out_dir) / name, seed=seed)
            rows = result.table[result.table["part"] == "estimate"].copy()
            rows["experiment"] = name
            rows["implausibility"] = [implausibility(r) for r in rows.to_dict("records")]
            frames.append(rows)
    return pd.concat(frames, ignore_index=True)


def history_match(work: Path, table: pd.DataFrame, *, match_seed: int,
                  experiments: Sequence[str] = EXPERIMENTS, only: Sequence[int] | None = None,
                  workers: int = 1, progress: Callable[[str], None] | None = None
                  ) -> pd.DataFrame:
    """Run the design ``table`` (the points ``only``, default all) through ``experiments`` at
    ``match_seed``, appending to ``work/runs.csv`` and skipping the (point, seed, experiment)
    runs already there. Each runs on its own seed-fixed experiment, so ``workers`` changes no
    number."""
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    table.to_csv(work / "design.csv")
    runs_path = work / "runs.csv"
    done = (set(map(tuple, pd.read_csv(runs_path)[["point", "seed", "experiment"]].values))
            if runs_path.exists() else set())
    tasks = [(int(point), _native(values), name, match_seed,
              work / "scratch" / f"{point}-{match_seed}")
             for point, values in table.iterrows() for name in experiments
             if (point, match_seed, name) not in done and (only is None or point in only)]

    def record(rows: pd.DataFrame) -> None:
        rows[list(RUN_COLUMNS)].to_csv(runs_path, mode="a", index=False,
                                       header=not runs_path.exists())
        if progress is not None:
            progress(f"point {rows['point'].iat[0]} of {len(table)}: {rows['experiment'].iat[0]}")

    if workers == 1:
        for task in tasks:
            record(_run_task(task))
    else:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for future in as_completed([pool.submit(_run_task, task) for task in tasks]):
                record(future.result())
    return pd.read_csv(runs_path)


def _run_task(task: tuple) -> pd.DataFrame:
    point, values, name, match_seed, out_dir = task
    rows = run_point(values, [name], match_seed, out_dir)
    rows["point"] = point
    rows["seed"] = match_seed
    return rows


def survivors(runs: pd.DataFrame, required: Sequence[str] = EXPERIMENTS) -> list[int]:
    """The points not ruled out by the ``required`` experiments (:func:`judge`)."""
    return judge(runs, required)["kept"]


def judge(runs: pd.DataFrame, required: Sequence[str] = MATCHED) -> dict[str, Any]:
    """Which criteria constrain, which no point met, every point's implausibilities and the
    points kept. The criteria that constrain are those of the ``required`` experiments that at
    least one point judged on them meets; a point is kept when it ran them all and its largest
    implausibility over them is below the cut-off, at every seed the runs hold (a point's
    implausibility is its worst over the seeds it ran). Where no point meets every
    constraining criterion, a criterion met only at points the others rule out is model
    discrepancy in combination (``jointly_unmet``): the one met at the fewest points leaves the
    constraints first, until a point is kept."""
    wide = runs.pivot_table(index="point", columns="criterion", values="implausibility",
                            aggfunc="max", dropna=False)
    met_by = (wide < CUTOFF).sum()
    required_criteria = set(runs.loc[runs["experiment"].isin(required), "criterion"])
    constraining = [c for c in wide.columns if c in required_criteria and met_by[c] > 0]
    unmet = [c for c in wide.columns if met_by[c] == 0]
    seeds = runs["seed"].nunique()
    ran_all = (runs[runs["experiment"].isin(required)].groupby("point")[["experiment", "seed"]]
               .apply(lambda r: len(set(zip(r["experiment"], r["seed"], strict=True)))))
    eligible = ran_all[ran_all == len(required) * seeds].index
    worst = wide.loc[eligible, constraining].max(axis=1)
    jointly_unmet = []
    while len(constraining) > 1 and len(eligible) and not (worst < CUTOFF).any():
        met_here = (wide.loc[eligible, constraining] < CUTOFF).sum()
        jointly_unmet.append(met_here.idxmin())
        constraining.remove(jointly_unmet[-1])
        worst = wide.loc[eligible, constraining].max(axis=1)
    return {"wide": wide, "met_by": met_by, "constraining": constraining,
            "unmet": unmet, "jointly_unmet": jointly_unmet, "worst": worst,
            "kept": [int(p) for p in worst[worst < CUTOFF].index]}


def plausible_data(design_table: pd.DataFrame, runs: pd.DataFrame, *, seeds: Sequence[int],
                   command: str, waves: Mapping[str, Sequence[str]],
                   boxes: Sequence[tuple[int, int, float]] = BOXES) -> dict[str, Any]:
    """The shipped data: the points kept, every point's implausibilities, the criteria that
    constrained the set and those no point met, the ranges, the design and the provenance."""
    verdict = judge(runs)
    wide, worst, kept = verdict["wide"], verdict["worst"], verdict["kept"]
    experiment_of = runs.drop_duplicates("criterion").set_index("criterion")["experiment"]
    ran = wide.notna().sum()

    def point_record(point: int) -> dict[str, Any]:
        return {"point": int(point), "values": _native(design_table.loc[point]),
                "max_implausibility": _round(worst.get(point, math.nan)),
                "implausibility": {c: _round(wide.at[point, c]) for c in wide.columns
                                   if pd.notna(wide.at[point, c])}}

    def criterion_record(c: str) -> dict[str, Any]:
        return {"experiment": experiment_of[c], "points_run": int(ran[c]),
                "met_by_points": int(verdict["met_by"][c]),
                "least_implausibility": _round(wide[c].min())}

    parameters = {}
    for name in design_table.columns:
        parameter = get_parameter(name)
        values = design_table.loc[kept, name]
        parameters[name] = {
            "default": parameter.default, "unit": parameter.unit, "source": parameter.source,
            "prior": list(prior_range(parameter)),
            "plausible": [_plain(values.min()), _plain(values.max())] if kept else None,
            "sensitivity": _sensitivity(design_table[name], runs, experiment_of.index),
        }
    return {
        "kind": "history-matched",
        "method": ("history matching (Craig et al. 1997; Vernon et al. 2010): Latin hypercube "
                   "over the prior ranges, implausibility |model - published| / sqrt(var_obs + "
                   "var_model + var_discrepancy) per criterion, points kept whose largest "
                   f"implausibility over the constraining criteria is below {CUTOFF:g}"),
        "provenance": {
            "date": dt.date.today().isoformat(), "commit": git_commit() or "unknown", "command": command,
            "design": "scipy.stats.qmc.LatinHypercube, one per box",
            "boxes": [{"points": n, "seed": seed, "spread": spread} for n, seed, spread in boxes],
            "design_points": len(design_table), "points_run": int(len(wide)),
            "experiment_seeds": [int(seed) for seed in seeds], "quick": True, "prior_spread": PRIOR_SPREAD,
            "cutoff": CUTOFF, "waves": {k: list(v) for k, v in waves.items()},
        },
        "experiments": sorted(runs["experiment"].unique()),
        "constraining_criteria": {c: criterion_record(c) for c in verdict["constraining"]},
        "unmet_criteria": {c: criterion_record(c) for c in verdict["unmet"]},
        "jointly_unmet_criteria": {c: criterion_record(c) for c in verdict["jointly_unmet"]},
        "second_wave_points": _second_wave(runs, wide),
        "parameters": parameters,
        "points": [point_record(p) for p in kept],
        "ruled_out": [point_record(p) for p in wide.index if p not in kept],
    }


def _second_wave(runs: pd.DataFrame, wide: pd.DataFrame) -> dict[str, list[int]]:
    """For each second-wave experiment, the points that met every one of its criteria."""
    out = {}
    for name in SECOND_WAVE:
        criteria = sorted(set(runs.loc[runs["experiment"] == name, "criterion"]))
        if criteria:
            ran = wide[criteria].dropna()
            out[name] = [int(p) for p in ran.index[(ran < CUTOFF).all(axis=1)]]
    return out


def _sensitivity(values: pd.Series, runs: pd.DataFrame, criteria) -> dict[str, float]:
    """Spearman's rank correlation of a parameter with each criterion's model figure over the
    points that ran it: the screen of which parameters the evidence bears on."""
    means = runs.pivot_table(index="point", columns="criterion", values="model_mean")
    out = {}
    for c in criteria:
        figure = means[c].dropna()
        if len(figure) >= 5 and figure.nunique() > 1:
            out[c] = _round(stats.spearmanr(values.loc[figure.index], figure).statistic)
    return out


def _given(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _is_whole(parameter: Parameter) -> bool:
    return isinstance(parameter.default, int) and not isinstance(parameter.default, bool)


def _plain(value: Any) -> float | int:
    return int(value) if isinstance(value, np.integer | int) else float(value)


def _native(values: pd.Series) -> dict[str, float | int]:
    return {name: (int(round(v)) if _is_whole(get_parameter(name)) else float(v))
            for name, v in values.items()}


def _round(value: float) -> float | None:
    return round(float(value), 3) if math.isfinite(value) else None
