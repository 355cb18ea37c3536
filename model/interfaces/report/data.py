"""What a report says, computed from a compare results directory (no HTML here).

The directory is the one ``birosim compare A B [C ...]`` writes: ``manifest.json`` (options,
seeds, organisation, version), ``comparison.csv`` (option vs baseline per outcome, with the
paired 95 % interval), ``summaries.csv`` (one row per option and replicate) and ``units.csv``
(per option, replicate and unit). Verdicts read each outcome's better direction from the
outcome registry: an option is better (or worse) on an outcome only when the interval of its
difference from the baseline excludes 0.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ...core.errors import InputError
from ...core.outcome_registry import OUTCOMES, Outcome
from ...experiments.effects import paired_effect

FILES = ("manifest.json", "comparison.csv", "summaries.csv", "units.csv")
COMPARISON_COLUMNS = ("option", "outcome", "baseline_mean", "option_mean", "difference",
                      "ci_low", "ci_high", "relative_difference")
UNIT_KEYS = ("option", "replicate", "unit_id", "unit_name", "parent_org")
#: per-unit outcomes the OPD table shows, in its order
UNIT_OUTCOMES = ("lead_time_mean_days", "on_time_share", "ikm", "backlog")
REGISTRY = {outcome.name: outcome for outcome in OUTCOMES}
#: what a decision-maker asks first: service, satisfaction, cost, integrity, productivity
HEADLINE = ("ikm", "lead_time_mean_days", "on_time_share", "backlog", "staff_cost_rp",
            "cost_per_case_rp", "total_cost_per_case_rp", "headcount_growth_simple_per_year",
            "corrupt_acts_per_1000_cases", "productivity_true")


@dataclass(frozen=True)
class Results:
    """A compare results directory, read and checked."""

    directory: Path
    manifest: dict
    comparison: pd.DataFrame
    summaries: pd.DataFrame
    units: pd.DataFrame
    options: tuple[str, ...]  # the baseline first

    @property
    def baseline(self) -> str:
        return self.options[0]


def load_results(directory: Path) -> Results:
    """Read a compare results directory; a missing file or column is one InputError."""
    if not directory.is_dir():
        raise InputError("RESULTS_DIR", "directory", str(directory),
                         "a results directory written by `birosim compare`", "not a directory")
    missing = [name for name in FILES if not (directory / name).is_file()]
    if missing:
        raise InputError(str(directory), "files", ", ".join(missing),
                         "a directory written by `birosim compare`: " + ", ".join(FILES), "missing")
    try:
        manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
        frames = {name: pd.read_csv(directory / f"{name}.csv")
                  for name in ("comparison", "summaries", "units")}
    except (ValueError, UnicodeDecodeError) as error:
        raise InputError(str(directory), "files", type(error).__name__,
                         "the files `birosim compare` writes", str(error)[:120]) from None
    for name, needed in (("comparison", COMPARISON_COLUMNS), ("summaries", ("option", "replicate")),
                         ("units", UNIT_KEYS)):
        absent = [c for c in needed if c not in frames[name].columns]
        if absent:
            raise InputError(str(directory / f"{name}.csv"), "columns", ", ".join(absent),
                             ", ".join(needed), "missing")
    options = tuple(_option_name(option) for option in manifest.get("options", ()))
    if len(options) < 2:
        options = tuple(dict.fromkeys(frames["summaries"]["option"].astype(str)))
    frames["units"]["unit_name"] = frames["units"]["unit_name"].astype(str)
    return Results(directory, manifest, frames["comparison"], frames["summaries"],
                   frames["units"], options)


def _option_name(option: dict) -> str:
    return str(option.get("option"))


@dataclass(frozen=True)
class OutcomeRow:
    option: str
    outcome: Outcome
    baseline: float
    value: float
    difference: float
    low: float
    high: float
    relative: float
    verdict: str  # "better" | "worse" | "unclear" | "changed" | "same"


def verdict(outcome: Outcome, low: float, high: float) -> str:
    """The registry's verdict on the interval, and ``same`` when it is exactly 0."""
    return "same" if low == high == 0 else outcome.verdict(low, high)


def outcome_rows(results: Results) -> list[OutcomeRow]:
    """Every option's outcomes against the baseline, in registry order."""
    order = {name: i for i, name in enumerate(REGISTRY)}
    rows = []
    frame = results.comparison[results.comparison["outcome"].isin(REGISTRY)]
    frame = frame.assign(order=frame["outcome"].map(order)).sort_values(["order"], kind="stable")
    for option in results.options[1:]:
        for r in frame[frame["option"].astype(str) == option].itertuples():
            outcome = REGISTRY[r.outcome]
            rows.append(OutcomeRow(option, outcome, r.baseline_mean, r.option_mean, r.difference,
                                   r.ci_low, r.ci_high, r.relative_difference,
                                   verdict(outcome, r.ci_low, r.ci_high)))
    return rows


@dataclass(frozen=True)
class UnitRow:
    unit_id: str
    unit_name: str
    parent_org: str
    baseline: dict[str, float]
    option: dict[str, float]
    verdicts: dict[str, str]
    overall: str  # "gains" | "loses" | "mixed" | "unclear"


def unit_rows(results: Results, option: str) -> list[UnitRow]:
    """Each OPD under ``option`` against the baseline, paired by replicate."""
    units = results.units
    columns = [c for c in UNIT_OUTCOMES if c in units.columns]
    base = units[units["option"].astype(str) == results.baseline].set_index(["unit_id", "replicate"])
    other = units[units["option"].astype(str) == option].set_index(["unit_id", "replicate"])
    rows = []
    for unit_id, first in base.groupby(level=0, sort=False):
        if unit_id not in other.index.get_level_values(0):
            continue
        mine = other.loc[unit_id]
        theirs = first.loc[unit_id]
        shared = theirs.index.intersection(mine.index)
        verdicts = {}
        for column in columns:
            effect = paired_effect(theirs.loc[shared, column], mine.loc[shared, column])
            low, high = effect["ci_low"], effect["ci_high"]
            verdicts[column] = verdict(REGISTRY[column], low, high)
        found = set(verdicts.values())
        overall = ("mixed" if {"better", "worse"} <= found else "gains" if "better" in found
                   else "loses" if "worse" in found else "unclear")
        record = theirs.iloc[0]
        rows.append(UnitRow(str(unit_id), str(record["unit_name"]), str(record["parent_org"]),
                            {c: float(theirs[c].mean()) for c in columns},
                            {c: float(mine[c].mean()) for c in columns}, verdicts, overall))
    return rows


def option_means(results: Results, name: str) -> dict[str, float]:
    """Every option's mean of a run outcome over its replicates."""
    frame = results.summaries
    if name not in frame.columns:
        return {}
    return frame.groupby(frame["option"].astype(str))[name].mean().to_dict()


def robustness(directory: Path | None) -> pd.DataFrame | None:
    """The PRIM box of a robustness sweep's analysis (``birosim analyze``), if one was given."""
    if directory is None:
        return None
    path = directory / "prim_box.csv"
    if not path.is_file():
        raise InputError("--robustness", "directory", str(directory),
                         "an analysis directory with prim_box.csv (`birosim analyze` of a sweep "
                         "with [analysis.prim])", "no prim_box.csv")
    return pd.read_csv(path)
