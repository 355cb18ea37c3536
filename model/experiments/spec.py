"""Experiment specifications: what to vary, how to sample it, and how many runs that makes.

An experiment spec is a TOML file (see ``docs/experiments.md`` and ``scenarios/experiments/``)
naming a base scenario, the levers and uncertainties to vary (a ``range`` or a list of
``values``), the design (full factorial, Latin hypercube, Sobol/Saltelli, Morris), the sample
size, replicates, horizon, outcomes to keep and optional paired policies. :func:`load_experiment`
reads and checks it (every problem is one :class:`~birosim.core.InputError` naming the file, the
field, the value and what is allowed) and resolves the scenarios; :func:`expand_design` and
:func:`plan_runs` turn it into samples and runs, each with a seed derived deterministically from
the spec's seed.

Samples are drawn with SALib's samplers so that the analysis matches the design. Factors given as
``values`` (categorical levers, booleans, or a list of numbers) enter sampling designs as a
discrete factor: SALib samples a number in ``[0, k)`` and its integer part picks the value.
Integer levers given a ``range`` are sampled the same way over ``lo .. hi``.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import re
import tomllib
import typing
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..core import InputError, Levers, Scenario, Shock, load_scenario
from ..core.errors import describe_allowed
from ..core.outcomes import MODEL_COLUMNS, SUMMARY_OUTCOMES
from ..core.presets import PRESETS
from ..core.shipped import EXPERIMENTS_DIR

METHODS = ("full_factorial", "latin_hypercube", "sobol", "morris")
FACTOR_KEYS = {"range", "values", "levels"}
BUILTIN_RUNNERS = ("birosim", "ishigami")
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_SHOCK_PATH = re.compile(r"^shocks\.(\d+)\.(\w+)$")


# --------------------------------------------------------------------------- the TOML schema
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FactorSpec(_Strict):
    """One lever or uncertainty to vary: a numeric ``range`` or a list of ``values``."""

    range: tuple[float, float] | None = Field(None, description="[low, high] of a numeric lever")
    values: list[Any] | None = Field(None, description="Values to try (any lever type)")
    levels: int | None = Field(
        None, ge=2, le=1000, description="Evenly spaced values of a range (full factorial only)"
    )

    @model_validator(mode="after")
    def _one_of(self) -> FactorSpec:
        if (self.range is None) == (self.values is None):
            raise ValueError("give either range = [low, high] or values = [...]")
        if self.values is not None and not self.values:
            raise ValueError("values must not be empty")
        if self.range is not None and not self.range[0] < self.range[1]:
            raise ValueError("range must be [low, high] with low < high")
        if self.levels is not None and self.range is None:
            raise ValueError("levels goes with a range")
        return self


class DesignSpec(_Strict):
    """How the factors are sampled."""

    method: Literal["full_factorial", "latin_hypercube", "sobol", "morris"] = Field(
        "latin_hypercube", description="Sampling design"
    )
    samples: int | None = Field(
        None,
        ge=1,
        le=10_000_000,
        description="LHS: samples; Sobol: base sample N (a power of 2); Morris: trajectories",
    )
    second_order: bool = Field(False, description="Sobol: also second-order indices (S2)")
    levels: int = Field(4, ge=2, le=100, description="Morris: levels of the grid (p)")
    seed: int | None = Field(None, ge=0, le=2**32 - 1, description="Sampler seed (default: seed)")


class PolicySpec(_Strict):
    """A rule set: a preset or a scenario file's levers, plus optional lever overrides."""

    preset: str | None = None
    scenario: str | None = None
    levers: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _one_source(self) -> PolicySpec:
        if self.preset is not None and self.scenario is not None:
            raise ValueError("give preset or scenario, not both")
        return self


class Criterion(_Strict):
    """When a sample counts as a case of interest for PRIM, on one outcome."""

    outcome: str
    better: Literal["higher", "lower"] | None = Field(
        None, description="With a baseline: the direction in which the policy should beat it"
    )
    margin: float = Field(0.0, ge=0, description="With a baseline: how much better is beating")
    below: float | None = Field(None, description="Without a baseline: interest when value < below")
    above: float | None = Field(None, description="Without a baseline: interest when value > above")


class PrimSpec(_Strict):
    """Scenario discovery: which samples are cases of interest, and PRIM's settings."""

    question: str = ""
    policy: str | None = Field(None, description="Policy whose results are judged")
    baseline: str | None = Field(None, description="Policy it must beat (paired, same seeds)")
    criteria: list[Criterion] = Field(min_length=1)
    combine: Literal["any", "all"] = Field(
        "any", description="A sample is of interest when any / all criteria say so"
    )
    threshold: float = Field(0.8, gt=0, le=1, description="Density a box must reach")
    peel_alpha: float = Field(0.05, gt=0, lt=1)
    mass_min: float = Field(0.05, gt=0, lt=1)
    inputs: list[str] | None = Field(None, description="Factors PRIM may restrict (default all)")


class AnalysisSpec(_Strict):
    """Settings of ``birosim analyze``; changing them does not invalidate a sweep's runs."""

    baseline: str | None = Field(None, description="Reference policy of paired effects")
    conf_level: float = Field(0.95, gt=0, lt=1)
    resamples: int = Field(1000, ge=10, le=100_000, description="Bootstrap resamples (SALib)")
    prim: PrimSpec | None = None


class AllLeversSpec(_Strict):
    """Vary every lever: numeric ones around their value, categorical ones over all values."""

    relative_range: float = Field(
        0.5, gt=0, le=10, description="Numeric levers vary over value x (1 -/+ this), in bounds"
    )
    categorical: bool = Field(True, description="Also categorical and boolean levers")
    exclude: list[str] = Field(default_factory=list, description="Levers left out")
    role: Literal["lever", "uncertainty"] = "lever"


class TestingSpec(_Strict):
    """Fault injection, for testing how sweeps handle failing runs. Leave out otherwise."""

    fail_samples: list[int] = Field(default_factory=list, description="Samples whose runs raise")
    fail_attempts: int = Field(
        2, ge=1, le=100, description="Attempts that raise (1: the retry succeeds)"
    )


class ExperimentSpec(_Strict):
    """The whole experiment spec file."""

    name: str = "experiment"
    description: str = ""
    base: str = Field("classroom", description="Base scenario: shipped name or TOML path")
    organisation: str | None = Field(None, description="Override of the base's organisation")
    horizon_days: int | None = Field(None, ge=1, le=100_000)
    warmup_days: int | None = Field(None, ge=0, le=100_000)
    seed: int = Field(0, ge=0, le=2**63 - 1, description="Root of every run's seed")
    replicates: int = Field(1, ge=1, le=100_000, description="Runs (seeds) per sample and policy")
    common_seeds: bool = Field(
        False, description="Replicate r uses the same seed in every sample (CRN across samples)"
    )
    outcomes: list[str] | None = Field(None, description="Summary outcomes kept (default all)")
    series: bool | list[str] = Field(False, description="Keep per-step series (all or columns)")
    runner: str = Field("birosim", description="birosim | ishigami | module:function")
    design: DesignSpec = Field(default_factory=DesignSpec)
    levers: dict[str, FactorSpec] = Field(default_factory=dict)
    uncertainties: dict[str, FactorSpec] = Field(default_factory=dict)
    all_levers: AllLeversSpec | None = Field(None, description="Vary every lever (screening)")
    policies: dict[str, PolicySpec] = Field(default_factory=dict)
    analysis: AnalysisSpec = Field(default_factory=AnalysisSpec)
    testing: TestingSpec = Field(default_factory=TestingSpec)


# --------------------------------------------------------------------------- factors
@dataclass(frozen=True)
class Target:
    """What a factor path addresses and the values it takes."""

    where: Literal["lever", "shock", "runner"]
    kind: Literal["float", "int", "bool", "choice"]
    low: float | None = None
    high: float | None = None
    choices: tuple[Any, ...] | None = None


def _field_target(field: Any, where: Literal["lever", "shock"]) -> Target | None:
    annotation = field.annotation
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is Literal:
        return Target(where, "choice", choices=tuple(args))
    if annotation is bool:
        return Target(where, "bool", choices=(False, True))
    if annotation in (int, float):
        bounds = {type(m).__name__: m for m in field.metadata}
        low = getattr(bounds.get("Ge"), "ge", None)
        high = getattr(bounds.get("Le"), "le", None)
        return Target(where, "int" if annotation is int else "float", low, high)
    return None


@cache
def lever_target(path: str) -> Target | None:
    """The lever (``group.name``) or shock field (``shocks.N.field``) a path addresses."""
    if path.count(".") == 1:
        group, name = path.split(".")
        group_field = Levers.model_fields.get(group)
        if group_field is None:
            return None
        field = group_field.default_factory.model_fields.get(name)
        return _field_target(field, "lever") if field is not None else None
    match = _SHOCK_PATH.match(path)
    if match and match.group(2) in ("magnitude", "start_day", "duration_days"):
        return _field_target(Shock.model_fields[match.group(2)], "shock")
    return None


@dataclass(frozen=True)
class Factor:
    """A resolved factor: its path, role (lever or uncertainty), target and sampled space."""

    name: str
    role: Literal["lever", "uncertainty"]
    target: Target
    range: tuple[float, float] | None
    values: tuple[Any, ...] | None
    levels: int | None

    @property
    def discrete(self) -> bool:
        return self.values is not None

    def bounds(self) -> list[float]:
        """Bounds in the sampled space (SALib's ``problem``)."""
        if self.values is not None:
            return [0.0, float(len(self.values))]
        low, high = self.range
        if self.target.kind == "int":
            return [float(low), float(high) + 1.0]
        return [float(low), float(high)]

    def value(self, x: float) -> Any:
        """The lever value of a sampled number."""
        if self.values is not None:
            return self.values[min(max(int(np.floor(x)), 0), len(self.values) - 1)]
        if self.target.kind == "int":
            return int(min(max(int(np.floor(x)), self.range[0]), self.range[1]))
        return float(x)

    def grid(self) -> list[float]:
        """Points of a full-factorial design, in the sampled space."""
        if self.values is not None:
            return [float(i) for i in range(len(self.values))]
        low, high = self.range
        points = np.linspace(low, high, self.levels)
        if self.target.kind == "int":
            points = np.unique(np.round(points))
        return [float(p) for p in points]


def _check_value(target: Target, value: Any, source: str, field: str) -> Any:
    """A values entry converted to the lever's type, or an InputError."""
    kind = target.kind
    if kind in ("choice", "bool"):
        wanted = str if kind == "choice" else bool
        if not isinstance(value, wanted) or value not in target.choices:
            raise InputError(source, field, value, " | ".join(map(str, target.choices)))
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(source, field, value, "a number")
    if kind == "int":
        if float(value) != int(value):
            raise InputError(source, field, value, "a whole number")
        value = int(value)
    elif kind == "float":
        value = float(value)
    _check_bounds(target, value, source, field)
    return value


def _check_bounds(target: Target, value: float, source: str, field: str) -> None:
    if target.low is not None and value < target.low or (
        target.high is not None and value > target.high
    ):
        raise InputError(source, field, value, f"{target.low} to {target.high}")


def _make_factor(name: str, role: str, fs: FactorSpec, runner: str, source: str) -> Factor:
    field = f"{role}s.{name}" if role == "lever" else f"uncertainties.{name}"
    target = lever_target(name)
    if target is None:
        if runner == "birosim":
            raise InputError(
                source, field, name,
                "GROUP.NAME of a lever (see `birosim levers`) or shocks.N.magnitude|start_day|"
                "duration_days", "unknown lever",
            )
        target = Target("runner", "float" if fs.range is not None else "choice")
    if fs.range is not None:
        if target.kind in ("choice", "bool"):
            raise InputError(source, f"{field}.range", list(fs.range),
                             f"values = [...] from {' | '.join(map(str, target.choices))}",
                             "a range needs a numeric lever")
        low, high = fs.range
        if target.kind == "int" and (low != int(low) or high != int(high)):
            raise InputError(source, f"{field}.range", list(fs.range), "whole numbers",
                             "an integer lever")
        _check_bounds(target, low, source, f"{field}.range")
        _check_bounds(target, high, source, f"{field}.range")
        rng = (int(low), int(high)) if target.kind == "int" else (float(low), float(high))
        return Factor(name, role, target, rng, None, fs.levels)
    if target.where == "runner":
        values = tuple(fs.values)
    else:
        values = tuple(
            _check_value(target, v, source, f"{field}.values[{i}]") for i, v in enumerate(fs.values)
        )
    if len(set(map(repr, values))) != len(values):
        raise InputError(source, f"{field}.values", list(fs.values), "distinct values")
    return Factor(name, role, target, None, values, None)


# --------------------------------------------------------------------------- parsing
def _flatten(table: Any, source: str, section: str, prefix: str = "") -> dict[str, Any]:
    """``[levers.group] name = {...}``, ``"group.name" = {...}`` and lists -> flat paths."""
    if not isinstance(table, dict):
        raise InputError(source, section, table, "a table of factors")
    flat: dict[str, Any] = {}
    for key, value in table.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, list):
            value = {"values": value}
        if isinstance(value, dict) and (FACTOR_KEYS & value.keys() or not value):
            flat[path] = value
        elif isinstance(value, dict):
            flat.update(_flatten(value, source, section, path))
        else:
            raise InputError(
                source, f"{section}.{path}", value, "{ range = [LOW, HIGH] } or { values = [...] }",
                "a factor is varied; fix a lever for every run in the base scenario or a policy",
            )
    return flat


def _validation_error(exc: ValidationError, source: str) -> InputError:
    error = exc.errors()[0]
    field = ".".join(str(p) for p in error["loc"])
    value = error.get("input")
    if isinstance(value, dict):
        value = "(table)"
    allowed = describe_allowed(error)
    reason = error.get("msg", "")
    if error.get("type") == "value_error":
        allowed, reason = reason.removeprefix("Value error, "), ""
    return InputError(source, field or "spec", value, allowed, reason)


@cache
def _all_summary_outcomes() -> tuple[str, ...]:
    """Every key of a run summary (the official list plus extras), from a two-day run."""
    from ..core import BureaucracyModel

    scenario = load_scenario("classroom").model_copy(update={"horizon_days": 2, "warmup_days": 0})
    return tuple(BureaucracyModel(scenario, seed=0, unit_series=False).summary())


def parse_spec(text: str, source: str = "spec", check_factors: bool = True) -> ExperimentSpec:
    """Check a spec's TOML text; scenarios are not loaded (see :func:`resolve`).

    ``check_factors=False`` skips the checks of lever names, ranges and outcomes against the
    model (used to read the spec of a finished sweep whose factors are in its manifest)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(source, "TOML syntax", "", "valid TOML", str(exc)) from None
    for section in ("levers", "uncertainties"):
        if section in data:
            data[section] = _flatten(data[section], source, section)
    if isinstance(data.get("policies"), dict):
        data["policies"] = {
            k: ({"preset": v} if v in PRESETS else {"scenario": v}) if isinstance(v, str) else v
            for k, v in data["policies"].items()
        }
    try:
        spec = ExperimentSpec.model_validate(data)
    except ValidationError as exc:
        raise _validation_error(exc, source) from None
    _check_spec(spec, source, check_factors)
    return spec


def spec_factors(spec: ExperimentSpec, source: str = "spec") -> list[Factor]:
    factors = [_make_factor(n, "lever", f, spec.runner, source) for n, f in spec.levers.items()]
    factors += [
        _make_factor(n, "uncertainty", f, spec.runner, source)
        for n, f in spec.uncertainties.items()
    ]
    return factors


def _check_spec(spec: ExperimentSpec, source: str, check_factors: bool = True) -> None:
    """Checks that need no scenario; factor checks too unless ``all_levers`` adds factors."""
    both = sorted(set(spec.levers) & set(spec.uncertainties))
    if both:
        raise InputError(source, f"uncertainties.{both[0]}", both[0],
                         "a path listed once", "also listed under [levers]")
    design = spec.design
    method = design.method
    if method == "full_factorial" and design.samples is not None:
        raise InputError(source, "design.samples", design.samples, "no samples",
                         "a full factorial's size follows from the levels")
    if method != "full_factorial":
        if design.samples is None:
            what = {"latin_hypercube": "samples", "sobol": "base sample N, a power of 2",
                    "morris": "trajectories"}[method]
            raise InputError(source, "design.samples", None, f"a number ({what})", "missing")
        n = design.samples
        if method == "sobol" and n & (n - 1):
            raise InputError(source, "design.samples", n, "a power of 2 (e.g. 256, 512, 1024)",
                             "Sobol sequences need it")
        if method == "morris" and n < 2:
            raise InputError(source, "design.samples", n, ">= 2 trajectories")
    if method != "sobol" and design.second_order:
        raise InputError(source, "design.second_order", True, "false",
                         "second-order indices need method = sobol")
    if spec.all_levers is not None:
        if method == "full_factorial":
            raise InputError(source, "all_levers", "(table)", "a sampling design "
                             "(latin_hypercube, sobol, morris)", "too many levers to cross")
        if spec.runner != "birosim":
            raise InputError(source, "all_levers", "(table)", "runner = birosim")
        for i, name in enumerate(spec.all_levers.exclude):
            if check_factors and lever_target(name) is None:
                raise InputError(source, f"all_levers.exclude[{i}]", name,
                                 "GROUP.NAME of a lever (see `birosim levers`)", "unknown lever")
    if spec.horizon_days is not None and spec.warmup_days is not None and (
        spec.warmup_days >= spec.horizon_days
    ):
        raise InputError(source, "warmup_days", spec.warmup_days,
                         f"less than horizon_days ({spec.horizon_days})")
    for name in spec.policies:
        if not _NAME.match(name):
            raise InputError(source, f"policies.{name}", name, "letters, digits and _")
    if spec.runner not in BUILTIN_RUNNERS and ":" not in spec.runner:
        raise InputError(source, "runner", spec.runner,
                         " | ".join(BUILTIN_RUNNERS) + " | module:function")
    if spec.runner == "birosim" and check_factors:
        _check_outcomes(spec, source)
    if spec.testing.fail_samples and any(s < 0 for s in spec.testing.fail_samples):
        raise InputError(source, "testing.fail_samples", spec.testing.fail_samples, ">= 0")
    _check_analysis(spec, source)
    if check_factors and spec.all_levers is None:
        check_factors_of(spec, spec_factors(spec, source), source)


def check_factors_of(spec: ExperimentSpec, factors: list[Factor], source: str) -> None:
    """Checks of the design against its factors."""
    method = spec.design.method
    for f in factors:
        section = "levers" if f.role == "lever" else "uncertainties"
        if method == "full_factorial" and f.range is not None and f.levels is None:
            raise InputError(source, f"{section}.{f.name}", list(f.range),
                             "{ range = [LOW, HIGH], levels = N } or { values = [...] }",
                             "a full factorial needs levels for a range")
        if method != "full_factorial" and f.levels is not None:
            raise InputError(source, f"{section}.{f.name}.levels", f.levels,
                             "no levels", "levels only go with design.method = full_factorial")
    if method != "full_factorial" and not factors:
        raise InputError(source, "levers", "(none)", "at least one lever or uncertainty",
                         f"a {method} design needs factors")
    if method == "sobol" and len(factors) < 2:
        raise InputError(source, "levers", len(factors), "2 or more factors", "Sobol indices")
    names = [f.name for f in factors]
    prim = spec.analysis.prim
    for i, name in enumerate((prim.inputs if prim else None) or ()):
        if name not in names:
            raise InputError(source, f"analysis.prim.inputs[{i}]", name, ", ".join(names),
                             "not a factor of this experiment")


def _check_outcomes(spec: ExperimentSpec, source: str) -> None:
    for i, name in enumerate(spec.outcomes or ()):
        if name not in SUMMARY_OUTCOMES and name not in _all_summary_outcomes():
            raise InputError(source, f"outcomes[{i}]", name,
                             ", ".join(_all_summary_outcomes()), "unknown outcome")
    if isinstance(spec.series, list):
        for i, name in enumerate(spec.series):
            if name not in MODEL_COLUMNS:
                raise InputError(source, f"series[{i}]", name, ", ".join(MODEL_COLUMNS),
                                 "unknown series column")


def kept_outcomes(spec: ExperimentSpec) -> list[str] | None:
    """Outcomes written per run (None: everything the runner returns)."""
    return list(spec.outcomes) if spec.outcomes else None


def check_policy_names(analysis: AnalysisSpec, policies: list[str], source: str) -> None:
    """The analysis' baseline and PRIM policies must be policies of the sweep."""
    names = " | ".join(policies) or "(no policies)"
    if analysis.baseline is not None and analysis.baseline not in policies:
        raise InputError(source, "analysis.baseline", analysis.baseline, names, "unknown policy")
    if analysis.prim is None:
        return
    for key in ("policy", "baseline"):
        value = getattr(analysis.prim, key)
        if value is not None and value not in policies:
            raise InputError(source, f"analysis.prim.{key}", value, names, "unknown policy")


def _check_analysis(spec: ExperimentSpec, source: str) -> None:
    policies = list(spec.policies)
    names = " | ".join(policies) or "(no policies)"
    check_policy_names(spec.analysis, policies, source)
    prim = spec.analysis.prim
    if prim is None:
        return
    if prim.policy is None and len(policies) > 1:
        raise InputError(source, "analysis.prim.policy", None, names,
                         "with several policies, say which one PRIM judges")
    if prim.baseline is not None and prim.baseline == prim.policy:
        raise InputError(source, "analysis.prim.baseline", prim.baseline,
                         "a policy other than analysis.prim.policy")
    kept = spec.outcomes
    for i, c in enumerate(prim.criteria):
        field = f"analysis.prim.criteria[{i}]"
        if kept and c.outcome not in kept:
            raise InputError(source, f"{field}.outcome", c.outcome, ", ".join(kept),
                             "not among the outcomes kept")
        if prim.baseline is not None and c.better is None:
            raise InputError(source, f"{field}.better", None, "higher | lower",
                             "with a baseline, say which direction beats it")
        if prim.baseline is None and (c.below is None) == (c.above is None):
            raise InputError(source, field, c.outcome, "exactly one of below = X or above = X",
                             "without a baseline a criterion is a threshold")


# --------------------------------------------------------------------------- resolution
@dataclass
class Experiment:
    """A checked spec with its scenarios resolved: everything a sweep needs."""

    spec: ExperimentSpec
    source: str
    text: str
    base: Scenario
    policies: dict[str, Scenario]
    factors: list[Factor]

    @property
    def n_samples(self) -> int:
        return design_size(self.spec, self.factors)

    @property
    def n_runs(self) -> int:
        return self.n_samples * self.spec.replicates * len(self.policies)

    def problem(self) -> dict[str, Any]:
        return salib_problem(self.factors)

    def run_hash(self) -> str:
        """Hash of everything that fixes the runs' results (not the analysis settings)."""
        spec = self.spec.model_dump(mode="json", exclude={"name", "description", "analysis"})
        payload = {
            "spec": spec,
            "policies": {name: _scenario_hash(s) for name, s in self.policies.items()},
            "factors": [[f.name, f.role, f.target.kind, f.range, f.values, f.levels]
                        for f in self.factors],
        }
        text = json.dumps(payload, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def _scenario_hash(scenario: Scenario) -> str:
    try:
        return scenario.content_hash()
    except (OSError, InputError):
        data = scenario.model_dump(mode="json", exclude={"base_dir"})
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def _find_scenario(name: str, spec_dir: Path) -> str:
    local = spec_dir / name
    return str(local) if local.is_file() else name


def resolve(spec: ExperimentSpec, source: str, text: str, spec_dir: Path) -> Experiment:
    """Load the base and policy scenarios and check every factor value against them."""
    try:
        base = load_scenario(_find_scenario(spec.base, spec_dir))
    except InputError as exc:
        raise InputError(source, "base", spec.base, exc.allowed, str(exc)) from None
    update: dict[str, Any] = {}
    if spec.organisation is not None:
        org = spec_dir / spec.organisation
        update["organisation"] = str(org) if org.is_file() else spec.organisation
    if spec.horizon_days is not None:
        update["horizon_days"] = spec.horizon_days
        update["warmup_days"] = min(base.warmup_days, spec.horizon_days - 1)
    if spec.warmup_days is not None:
        update["warmup_days"] = spec.warmup_days
    if update:
        data = base.model_dump(mode="python")
        data.update(update)
        try:
            base = Scenario.model_validate(data)
            base.load_organisation()
        except ValidationError as exc:
            raise _validation_error(exc, source) from None
        except InputError as exc:
            raise InputError(source, "organisation", spec.organisation, exc.allowed,
                             str(exc)) from None
    policies = {
        name: _resolve_policy(name, p, base, source, spec_dir) for name, p in spec.policies.items()
    } or {"base": base}
    factors = spec_factors(spec, source)
    if spec.all_levers is not None:
        factors = _all_lever_factors(spec, next(iter(policies.values())), factors)
    check_factors_of(spec, factors, source)
    for factor in factors:
        for scenario in policies.values():
            if factor.target.where == "shock":
                index = int(factor.name.split(".")[1])
                if index >= len(scenario.shocks):
                    raise InputError(source, factor.name, factor.name,
                                     f"shocks.0 .. shocks.{len(scenario.shocks) - 1}",
                                     "the base scenario has no such shock")
    if spec.runner == "birosim":
        for factor in factors:
            probe = factor.values if factor.values is not None else factor.range
            for value in probe:
                try:
                    apply_factors(base, {factor.name: value}, source)
                except InputError as exc:
                    raise InputError(source, factor.name, value, exc.allowed, exc.reason) from None
    return Experiment(spec, source, text, base, policies, factors)


def _all_lever_factors(spec: ExperimentSpec, scenario: Scenario,
                       explicit: list[Factor]) -> list[Factor]:
    """Every lever not excluded nor listed explicitly: numeric ones over value x (1 -/+ r)
    within bounds (skipped when the value is 0), categorical ones over all their values."""
    opts = spec.all_levers
    taken = {f.name for f in explicit} | set(opts.exclude)
    added = []
    for group_name, group_field in Levers.model_fields.items():
        for name in group_field.default_factory.model_fields:
            path = f"{group_name}.{name}"
            target = lever_target(path)
            if path in taken or target is None:
                continue
            if target.kind in ("choice", "bool"):
                if opts.categorical:
                    added.append(Factor(path, opts.role, target, None, target.choices, None))
                continue
            value = getattr(getattr(scenario.levers, group_name), name)
            if value == 0:
                continue
            low, high = sorted((value * (1 - opts.relative_range),
                                value * (1 + opts.relative_range)))
            low = max(low, target.low) if target.low is not None else low
            high = min(high, target.high) if target.high is not None else high
            if target.kind == "int":
                low, high = math.ceil(low), math.floor(high)
            if low < high:
                added.append(Factor(path, opts.role, target, (low, high), None, None))
    return explicit + added


def factors_from_manifest(manifest: dict[str, Any]) -> list[Factor]:
    """The factors of a finished sweep, as its manifest recorded them."""
    factors = []
    for f in manifest["design"]["factors"]:
        kind = f["kind"]
        rng = tuple(f["range"]) if f.get("range") is not None else None
        values = tuple(f["values"]) if f.get("values") is not None else None
        target = Target("lever", kind, choices=values if kind in ("choice", "bool") else None)
        factors.append(Factor(f["name"], f["role"], target, rng, values, f.get("levels")))
    return factors


def _resolve_policy(name: str, policy: PolicySpec, base: Scenario, source: str,
                    spec_dir: Path) -> Scenario:
    field = f"policies.{name}"
    if policy.scenario is not None:
        try:
            levers = load_scenario(_find_scenario(policy.scenario, spec_dir)).levers
        except InputError as exc:
            presets = " | ".join(sorted(PRESETS))
            raise InputError(source, field, policy.scenario,
                             f"a preset ({presets}), a shipped scenario or a TOML file",
                             exc.reason or "not found") from None
    elif policy.preset is not None:
        if policy.preset not in PRESETS:
            raise InputError(source, f"{field}.preset", policy.preset, " | ".join(sorted(PRESETS)))
        levers = Levers.model_validate(PRESETS[policy.preset])
    else:
        levers = base.levers
    scenario = base.model_copy(update={"levers": levers, "name": f"{base.name}:{name}"})
    if policy.levers:
        overrides = _flatten_values(policy.levers)
        try:
            scenario = scenario.with_levers(overrides, source)
        except InputError as exc:
            raise InputError(source, f"{field}.levers.{exc.field.removeprefix('levers.')}",
                             exc.value, exc.allowed, exc.reason) from None
    return scenario


def _flatten_values(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            flat.update(_flatten_values(value, path))
        else:
            flat[path] = value
    return flat


def load_experiment(path: str | Path) -> Experiment:
    """Read and check an experiment spec file (or a shipped one by name)."""
    path = resolve_spec_path(path)
    text = path.read_text(encoding="utf-8")
    spec = parse_spec(text, str(path))
    return resolve(spec, str(path), text, path.parent)


def resolve_spec_path(name_or_path: str | Path) -> Path:
    for path in (Path(name_or_path), EXPERIMENTS_DIR / f"{name_or_path}.toml"):
        if path.is_file():
            return path
    shipped = ", ".join(sorted(p.stem for p in EXPERIMENTS_DIR.glob("*.toml")))
    raise InputError("argument SPEC", "experiment spec", str(name_or_path),
                     f"a TOML file or one of: {shipped}", "no such file or shipped spec")


# --------------------------------------------------------------------------- applying values
def apply_factors(scenario: Scenario, values: dict[str, Any], source: str = "sample") -> Scenario:
    """A copy of ``scenario`` with lever and shock factor values applied (others are skipped)."""
    levers: dict[str, Any] = {}
    shocks: dict[int, dict[str, Any]] = {}
    for name, value in values.items():
        target = lever_target(name)
        if target is None:
            continue
        if target.where == "lever":
            levers[name] = value
        else:
            _, index, field = name.split(".")
            shocks.setdefault(int(index), {})[field] = value
    if levers:
        scenario = scenario.with_levers(levers, source)
    if shocks:
        new = list(scenario.shocks)
        for index, fields in shocks.items():
            try:
                new[index] = Shock.model_validate({**new[index].model_dump(), **fields})
            except ValidationError as exc:
                raise _validation_error(exc, source) from None
        scenario = scenario.model_copy(update={"shocks": new})
    return scenario


# --------------------------------------------------------------------------- designs
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


def run_seed(spec_seed: int, sample: int, replicate: int, common: bool = False) -> int:
    """A run's seed: SeedSequence(spec seed) keyed by sample and replicate (not policy)."""
    key = (replicate,) if common else (sample, replicate)
    state = np.random.SeedSequence(spec_seed, spawn_key=key).generate_state(1, dtype=np.uint64)
    return int(state[0] >> np.uint64(1))


def run_id(sample: int, replicate: int, policy: str) -> str:
    return f"s{sample:06d}-r{replicate:03d}-{policy}"


def plan_runs(spec: ExperimentSpec, n_samples: int, policies: list[str]) -> pd.DataFrame:
    """Every run: run_id, sample, replicate, policy, seed (sample-major order)."""
    rows = []
    for sample in range(n_samples):
        for rep in range(spec.replicates):
            seed = run_seed(spec.seed, sample, rep, spec.common_seeds)
            rows.extend((run_id(sample, rep, p), sample, rep, p, seed) for p in policies)
    frame = pd.DataFrame(rows, columns=["run_id", "sample", "replicate", "policy", "seed"])
    return frame.astype({"sample": "int64", "replicate": "int64", "seed": "int64"})
