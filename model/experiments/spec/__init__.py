"""Experiment specifications: what to vary, how to sample it, and how many runs that makes.

An experiment spec is a TOML file (see ``docs/experiments.md`` and ``scenarios/experiments/``)
naming a base scenario, the levers and uncertainties to vary (a ``range`` or a list of
``values``), the design (full factorial, Latin hypercube, Sobol/Saltelli, Morris), the sample
size, replicates, horizon, outcomes to keep and optional paired policies. :func:`load_experiment`
reads and checks it (every problem is one :class:`~birosim.core.InputError` naming the file, the
field, the value and what is allowed) and resolves the scenarios; :func:`expand_design` and
:func:`plan_runs` turn it into samples and runs, each with a seed derived deterministically from
the spec's seed.

- ``schema``: the TOML tables as pydantic models;
- ``parse``: TOML text to a checked spec (no scenario loaded);
- ``factors``: what a factor path addresses, its sampled space, applying values to a scenario;
- ``design``: samples and runs (SALib samplers, seeds);
- ``resolve``: base and policy scenarios loaded, factors checked against them.
"""

from .design import (
    design_size,
    expand_design,
    plan_runs,
    run_id,
    salib_problem,
    sample_values,
)
from .factors import (
    Factor,
    Target,
    apply_factors,
    check_factors_of,
    factors_from_manifest,
    lever_target,
    spec_factors,
)
from .parse import check_policy_names, kept_outcomes, parse_spec
from .resolve import EXPERIMENTS_DIR, Experiment, load_experiment, resolve, resolve_spec_path
from .schema import (
    METHODS,
    AllLeversSpec,
    AnalysisSpec,
    Criterion,
    DesignSpec,
    ExperimentSpec,
    FactorSpec,
    PolicySpec,
    PrimSpec,
    TestingSpec,
)

__all__ = [
    "EXPERIMENTS_DIR", "METHODS", "AllLeversSpec", "AnalysisSpec", "Criterion", "DesignSpec",
    "Experiment", "ExperimentSpec", "Factor", "FactorSpec", "PolicySpec", "PrimSpec", "Target",
    "TestingSpec", "apply_factors", "check_factors_of", "check_policy_names", "design_size",
    "expand_design", "factors_from_manifest", "kept_outcomes", "lever_target", "load_experiment",
    "parse_spec", "plan_runs", "resolve", "resolve_spec_path", "run_id",
    "salib_problem", "sample_values", "spec_factors",
]
