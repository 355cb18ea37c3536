"""Designs: a spec's samples (SALib's samplers, so that the analysis matches the design) and
its runs, each with a seed derived deterministically from the spec's seed."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pandas as pd

from ..seeds import replicate_seed
from .factors import Factor
from .schema import ExperimentSpec


def salib_problem(factors: list[Factor]) -> dict[str, Any]:
    return {
        "num_vars": len(factors),
        "names": [f.name for f in factors],
        "bounds": [f.bounds() for f in factors],
    }


def design_size(spec: ExperimentSpec, factors: list[Factor]) -> int:
    method, n, k = spec.design.method, spec.design.samples, len(factors)
    if method == "full_factorial":
        return int(np.prod([len(f.grid()) for f in factors])) if factors else 1
    if method == "latin_hypercube":
        return n
    if method == "sobol":
        return n * (2 * k + 2 if spec.design.second_order else k + 2)
    return n * (k + 1)


def expand_design(spec: ExperimentSpec, factors: list[Factor]) -> pd.DataFrame:
    """The design matrix in the sampled space: ``sample`` plus one column per factor."""
    problem = salib_problem(factors)
    design = spec.design
    seed = spec.seed % 2**32 if design.seed is None else design.seed
    if design.method == "full_factorial":
        grid = list(itertools.product(*(f.grid() for f in factors)))
        x = np.array(grid, dtype=float).reshape(len(grid), len(factors))
    elif design.method == "latin_hypercube":
        from SALib.sample import latin

        x = latin.sample(problem, design.samples, seed=seed)
    elif design.method == "sobol":
        from SALib.sample import sobol

        x = sobol.sample(problem, design.samples, calc_second_order=design.second_order,
                         scramble=True, seed=seed)
    else:
        from SALib.sample import morris

        x = morris.sample(problem, design.samples, num_levels=design.levels, seed=seed)
    frame = pd.DataFrame(x, columns=[f.name for f in factors])
    frame.insert(0, "sample", np.arange(len(frame), dtype=np.int64))
    return frame


def sample_values(factors: list[Factor], design: pd.DataFrame) -> list[dict[str, Any]]:
    """Each sample's lever values (native types) from the design matrix."""
    columns = [design[f.name].to_numpy() for f in factors]
    return [
        {f.name: f.value(col[i]) for f, col in zip(factors, columns, strict=True)}
        for i in range(len(design))
    ]


def run_id(sample: int, replicate: int, policy: str) -> str:
    return f"s{sample:06d}-r{replicate:03d}-{policy}"


def plan_runs(spec: ExperimentSpec, n_samples: int, policies: list[str]) -> pd.DataFrame:
    """Every run: run_id, sample, replicate, policy, seed (sample-major order)."""
    rows = []
    for sample in range(n_samples):
        for rep in range(spec.replicates):
            seed = replicate_seed(spec.seed, sample, rep, spec.common_seeds)
            rows.extend((run_id(sample, rep, p), sample, rep, p, seed) for p in policies)
    frame = pd.DataFrame(rows, columns=["run_id", "sample", "replicate", "policy", "seed"])
    return frame.astype({"sample": "int64", "replicate": "int64", "seed": "int64"})
