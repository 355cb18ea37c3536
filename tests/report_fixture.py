"""A compare results directory in the layout ``birosim compare A B [C ...]`` writes (manifest.json,
comparison.csv, summaries.csv, units.csv), made here from runs of the model so that the report
can be tested on real outputs: replicate r of every option runs on the same seed."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
from birosim import __version__
from birosim.core.scenario import Scenario
from birosim.experiments.compare import replicate_seeds
from birosim.experiments.run import run_scenario
from birosim.interfaces.report.data import paired_interval

UNIT_SERIES = ("arrivals", "resolved", "backlog", "lead_time_mean_days", "on_time_share",
               "headcount", "ikm")


def unit_outcomes(units: pd.DataFrame, warmup: int) -> pd.DataFrame:
    """Per-unit run outcomes after the warm-up: rates weighted by cases resolved."""
    after = units[units["day"] >= warmup]
    rows = []
    for unit_id, frame in after.groupby("unit_id", sort=False):
        weights = frame["resolved"].to_numpy(dtype=float)
        total = weights.sum()

        def weighted(column, frame=frame, weights=weights, total=total):
            values = np.nan_to_num(frame[column].to_numpy(dtype=float))
            return float((values * weights).sum() / total) if total else float("nan")

        rows.append({"unit_id": unit_id, "lead_time_mean_days": weighted("lead_time_mean_days"),
                     "on_time_share": weighted("on_time_share"), "ikm": weighted("ikm"),
                     "backlog": float(frame["backlog"].mean()),
                     "headcount": float(frame["headcount"].iloc[-1]),
                     "arrivals": float(frame["arrivals"].sum()), "resolved": float(total)})
    return pd.DataFrame(rows)


def write_results_dir(out: Path, options: list[tuple[str, Scenario]], replicates: int = 3,
                      seed: int = 11, steps: int = 120) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    seeds = replicate_seeds(seed, replicates)
    summaries, units = [], []
    org = options[0][1].load_organisation()
    names = dict(zip(org.unit_id, org.unit_name, strict=True))
    parents = dict(zip(org.unit_id, org.parent_org, strict=True))
    for name, scenario in options:
        scenario = scenario.model_copy(update={"horizon_days": steps,
                                               "warmup_days": min(scenario.warmup_days, steps // 3)})
        for replicate, run_seed in enumerate(seeds):
            result = run_scenario(scenario, seed=run_seed, unit_series=list(UNIT_SERIES))
            summaries.append({"option": name, "replicate": replicate, "seed": run_seed,
                              **result.summary})
            per_unit = unit_outcomes(result.units, scenario.warmup_days)
            per_unit.insert(0, "parent_org", per_unit["unit_id"].map(parents))
            per_unit.insert(0, "unit_name", per_unit["unit_id"].map(names))
            per_unit.insert(0, "replicate", replicate)
            per_unit.insert(0, "option", name)
            units.append(per_unit)
    summaries = pd.DataFrame(summaries)
    outcomes = [c for c in summaries.columns if c not in ("option", "replicate", "seed")]
    baseline = summaries[summaries["option"] == options[0][0]].set_index("replicate")
    rows = []
    for name, _ in options[1:]:
        mine = summaries[summaries["option"] == name].set_index("replicate")
        for outcome in outcomes:
            diff = (mine[outcome] - baseline[outcome]).to_numpy(dtype=float)
            low, high = paired_interval(diff)
            base_mean, mean = float(baseline[outcome].mean()), float(diff.mean())
            rows.append({"option": name, "outcome": outcome, "baseline_mean": base_mean,
                         "option_mean": float(mine[outcome].mean()),
                         "difference": mean, "ci_low": low, "ci_high": high,
                         "relative_difference": mean / base_mean
                         if base_mean else float("nan")})
    manifest = {
        "options": [{"name": name, "scenario": scenario.name, "hash": scenario.content_hash(),
                     "description": scenario.description} for name, scenario in options],
        "seed": seed, "replicate_seeds": seeds, "steps": steps,
        "organisation": {"name": org.name, "source": org.source},
        "version": __version__, "git_commit": None, "uncertainty": "paired t, 95 %",
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    pd.DataFrame(rows).to_csv(out / "comparison.csv", index=False)
    summaries.to_csv(out / "summaries.csv", index=False)
    pd.concat(units).to_csv(out / "units.csv", index=False)
    return out
