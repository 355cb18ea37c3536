"""Reading a spec's TOML text into a checked :class:`ExperimentSpec` (no scenario loaded)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from ...core import InputError
from ...core.outcome_registry import names as outcome_names
from ...core.presets import PRESETS
from ...core.tabular import parse_toml
from .factors import check_factors_of, lever_target, spec_factors
from .schema import BUILTIN_RUNNERS, AnalysisSpec, ExperimentSpec, validation_error

FACTOR_KEYS = {"range", "values", "levels"}
#: sizes a command line may set without editing the spec: option name -> field of the spec
SIZE_OPTIONS = {"samples": "design.samples", "replicates": "replicates"}
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


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


def parse_spec(text: str, source: str = "spec", check_factors: bool = True,
               sizes: Mapping[str, int] | None = None) -> ExperimentSpec:
    """Check a spec's TOML text; scenarios are not loaded (see :func:`resolve`).

    ``check_factors=False`` skips the checks of lever names, ranges and outcomes against the
    model (used to read the spec of a finished sweep whose factors are in its manifest).
    ``sizes`` (``{"samples": N, "replicates": R}``, from ``birosim sweep --samples/--replicates``)
    replace the spec's values before it is checked; a problem with one names the option."""
    data = parse_toml(text, source)
    for section in ("levers", "uncertainties"):
        if section in data:
            data[section] = _flatten(data[section], source, section)
    if isinstance(data.get("policies"), dict):
        data["policies"] = {
            k: ({"preset": v} if v in PRESETS else {"scenario": v}) if isinstance(v, str) else v
            for k, v in data["policies"].items()
        }
    sizes = dict(sizes or {})
    if "samples" in sizes:
        design = data.get("design")
        data["design"] = {**(design if isinstance(design, dict) else {}),
                          "samples": sizes["samples"]}
    if "replicates" in sizes:
        data["replicates"] = sizes["replicates"]
    try:
        spec = ExperimentSpec.model_validate(data)
        _check_spec(spec, source, check_factors)
    except ValidationError as exc:
        raise _name_option(validation_error(exc, source), sizes) from None
    except InputError as exc:
        raise _name_option(exc, sizes) from None
    return spec


def _name_option(exc: InputError, sizes: dict[str, int]) -> InputError:
    """The error as one about ``--samples`` / ``--replicates`` when that option set the field."""
    for option, field in SIZE_OPTIONS.items():
        if option in sizes and exc.field == field:
            return InputError(f"--{option}", option, exc.value, exc.allowed,
                              exc.reason or f"for {exc.source}")
    return exc


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


def _check_outcomes(spec: ExperimentSpec, source: str) -> None:
    """Outcome and series names against the outcome registry (run and step levels)."""
    for i, name in enumerate(spec.outcomes or ()):
        if name not in outcome_names("run"):
            raise InputError(source, f"outcomes[{i}]", name, ", ".join(outcome_names("run")),
                             "unknown outcome (see `birosim outcomes`)")
    if isinstance(spec.series, list):
        for i, name in enumerate(spec.series):
            if name not in outcome_names("step"):
                raise InputError(source, f"series[{i}]", name, ", ".join(outcome_names("step")),
                                 "unknown series column (see `birosim outcomes`)")


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
