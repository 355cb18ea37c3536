"""The TOML schema of an experiment spec: one pydantic model per table, nothing resolved."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    ValidationError,
    model_validator,
)

from ...core import InputError
from ...core.errors import describe_allowed

METHODS = ("full_factorial", "latin_hypercube", "sobol", "morris")
BUILTIN_RUNNERS = ("birosim", "ishigami")


class _Strict(BaseModel):
    """Unknown keys are errors; numbers are strict (``true`` or ``"3"`` is not a number)."""

    model_config = ConfigDict(extra="forbid")


class FactorSpec(_Strict):
    """One lever or uncertainty to vary: a numeric ``range`` or a list of ``values``."""

    range: tuple[StrictFloat, StrictFloat] | None = Field(None, description="[low, high] of a numeric lever")
    values: list[Any] | None = Field(None, description="Values to try (any lever type)")
    levels: StrictInt | None = Field(
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
    samples: StrictInt | None = Field(
        None,
        ge=1,
        le=10_000_000,
        description="LHS: samples; Sobol: base sample N (a power of 2); Morris: trajectories",
    )
    second_order: bool = Field(False, description="Sobol: also second-order indices (S2)")
    levels: StrictInt = Field(4, ge=2, le=100, description="Morris: levels of the grid (p)")
    seed: StrictInt | None = Field(None, ge=0, le=2**32 - 1, description="Sampler seed (default: seed)")


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
    margin: StrictFloat = Field(0.0, ge=0, description="With a baseline: how much better is beating")
    below: StrictFloat | None = Field(None, description="Without a baseline: interest when value < below")
    above: StrictFloat | None = Field(None, description="Without a baseline: interest when value > above")


class PrimSpec(_Strict):
    """Scenario discovery: which samples are cases of interest, and PRIM's settings."""

    question: str = ""
    policy: str | None = Field(None, description="Policy whose results are judged")
    baseline: str | None = Field(None, description="Policy it must beat (paired, same seeds)")
    criteria: list[Criterion] = Field(min_length=1)
    combine: Literal["any", "all"] = Field(
        "any", description="A sample is of interest when any / all criteria say so"
    )
    threshold: StrictFloat = Field(0.8, gt=0, le=1, description="Density a box must reach")
    peel_alpha: StrictFloat = Field(0.05, gt=0, lt=1)
    mass_min: StrictFloat = Field(0.05, gt=0, lt=1)
    inputs: list[str] | None = Field(None, description="Factors PRIM may restrict (default all)")


class AnalysisSpec(_Strict):
    """Settings of ``birosim analyze``; changing them does not invalidate a sweep's runs."""

    baseline: str | None = Field(None, description="Reference policy of paired effects")
    conf_level: StrictFloat = Field(0.95, gt=0, lt=1)
    resamples: StrictInt = Field(1000, ge=10, le=100_000, description="Bootstrap resamples (SALib)")
    prim: PrimSpec | None = None


class AllLeversSpec(_Strict):
    """Vary every lever: numeric ones around their value, categorical ones over all values."""

    relative_range: StrictFloat = Field(
        0.5, gt=0, le=10, description="Numeric levers vary over value x (1 -/+ this), in bounds"
    )
    categorical: bool = Field(True, description="Also categorical and boolean levers")
    exclude: list[str] = Field(default_factory=list, description="Levers left out")
    roles: list[Literal["lever", "parameter"]] = Field(
        ["lever", "parameter"], min_length=1,
        description="Registry roles varied: lever (policy choices), parameter (assumptions)")
    role: Literal["lever", "uncertainty"] = "lever"


class TestingSpec(_Strict):
    """Fault injection, for testing how sweeps handle failing runs. Leave out otherwise."""

    fail_samples: list[StrictInt] = Field(default_factory=list, description="Samples whose runs raise")
    fail_attempts: StrictInt = Field(
        2, ge=1, le=100, description="Attempts that raise (1: the retry succeeds)"
    )


class ExperimentSpec(_Strict):
    """The whole experiment spec file."""

    name: str = "experiment"
    description: str = ""
    base: str = Field("classroom", description="Base scenario: shipped name or TOML path")
    organisation: str | None = Field(None, description="Override of the base's organisation")
    horizon_days: StrictInt | None = Field(None, ge=1, le=100_000)
    warmup_days: StrictInt | None = Field(None, ge=0, le=100_000)
    seed: StrictInt = Field(0, ge=0, le=2**63 - 1, description="Root of every run's seed")
    replicates: StrictInt = Field(1, ge=1, le=100_000, description="Runs (seeds) per sample and policy")
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


def validation_error(exc: ValidationError, source: str) -> InputError:
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
