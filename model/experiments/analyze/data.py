"""A sweep folder read back for analysis: spec, factors, design, runs, failures, manifest."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ...core import InputError
from ...core.tabular import MAX_TOML_BYTES, read_text
from ..spec import (
    AnalysisSpec,
    ExperimentSpec,
    Factor,
    check_policy_names,
    factors_from_manifest,
    parse_spec,
)
from ..sweep import ID_COLUMNS, TIMING_COLUMNS, load_failures, load_runs


@dataclass
class SweepData:
    """Everything stored in a sweep folder, ready for analysis."""

    out: Path
    spec: ExperimentSpec
    factors: list[Factor]
    design: pd.DataFrame
    runs: pd.DataFrame
    failures: pd.DataFrame
    manifest: dict[str, Any]
    outcomes: list[str]
    policies: list[str]

    @property
    def problem(self) -> dict[str, Any]:
        return {"num_vars": len(self.factors), "names": [f.name for f in self.factors],
                "bounds": [f.bounds() for f in self.factors]}

    def sample_values(self) -> pd.DataFrame:
        """The factor values of each sample (one row per sample that has a finished run)."""
        names = [f.name for f in self.factors]
        first = self.runs.drop_duplicates("sample").set_index("sample")
        return first[names].sort_index()


def load_sweep(out: str | Path, analysis: AnalysisSpec | None = None) -> SweepData:
    """Read a sweep folder; ``analysis`` replaces the settings of its ``spec.toml``."""
    out = Path(out)
    spec_path = out / "spec.toml"
    if not spec_path.is_file() or not (out / "manifest.json").is_file():
        raise InputError(str(out), "DIR", str(out), "a folder written by `birosim sweep`",
                         "no spec.toml / manifest.json")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    # the sizes the sweep ran with, when --samples / --replicates changed the spec's
    sizes = manifest.get("design", {}).get("sizes_from_command_line")
    spec = parse_spec(read_text(spec_path, MAX_TOML_BYTES, legacy=False)[0], str(spec_path), check_factors=False,
                      sizes=sizes)
    if analysis is not None:
        spec = spec.model_copy(update={"analysis": analysis})
    factors = factors_from_manifest(manifest)
    runs = load_runs(out)
    if runs.empty:
        raise InputError(str(out), "runs", 0, "at least one finished run", "nothing to analyse")
    design = pd.read_parquet(out / "design.parquet")
    known = set(ID_COLUMNS) | set(TIMING_COLUMNS) | {f.name for f in factors}
    outcomes = list(spec.outcomes) if spec.outcomes else [
        c for c in runs.columns if c not in known and pd.api.types.is_numeric_dtype(runs[c])
    ]
    policies = list(manifest.get("design", {}).get("policies") or runs["policy"].unique())
    _check_analysis_names(spec, policies, outcomes, [f.name for f in factors], str(spec_path))
    return SweepData(out, spec, factors, design, runs, load_failures(out), manifest, outcomes,
                     policies)


def _check_analysis_names(spec: ExperimentSpec, policies: list[str], outcomes: list[str],
                          factors: list[str], source: str) -> None:
    check_policy_names(spec.analysis, policies, source)
    prim = spec.analysis.prim
    if prim is None:
        return
    for i, criterion in enumerate(prim.criteria):
        if criterion.outcome not in outcomes:
            raise InputError(source, f"analysis.prim.criteria[{i}].outcome", criterion.outcome,
                             ", ".join(outcomes), "not an outcome of this sweep")
    for i, name in enumerate(prim.inputs or ()):
        if name not in factors:
            raise InputError(source, f"analysis.prim.inputs[{i}]", name, ", ".join(factors),
                             "not a factor of this sweep")


def baseline_policy(data: SweepData) -> str | None:
    if len(data.policies) < 2:
        return None
    return data.spec.analysis.baseline or data.policies[0]


def sample_means(runs: pd.DataFrame, outcomes: list[str]) -> pd.DataFrame:
    return runs.groupby("sample")[outcomes].mean()


def paired_diffs(runs: pd.DataFrame, policy: str, baseline: str,
                  outcomes: list[str]) -> pd.DataFrame:
    """Per (sample, replicate): policy minus baseline, for runs that both finished."""
    keys = ["sample", "replicate"]
    left = runs.loc[runs["policy"] == policy, keys + outcomes].set_index(keys)
    right = runs.loc[runs["policy"] == baseline, keys + outcomes].set_index(keys)
    joined = left.merge(right, how="inner", left_index=True, right_index=True,
                        suffixes=("__p", "__b"))
    diffs = pd.DataFrame(index=joined.index)
    for name in outcomes:
        diffs[name] = joined[f"{name}__p"] - joined[f"{name}__b"]
    return diffs.reset_index()
