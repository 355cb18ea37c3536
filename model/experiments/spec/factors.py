"""Factors: what a factor path addresses (a lever or a shock field), its sampled space, and
applying sampled values to a scenario.

Factors given as ``values`` (categorical levers, booleans, or a list of numbers) enter sampling
designs as a discrete factor: SALib samples a number in ``[0, k)`` and its integer part picks the
value. Integer levers given a ``range`` are sampled the same way over ``lo .. hi``.
"""

from __future__ import annotations

import math
import re
import typing
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import numpy as np
from pydantic import ValidationError

from ...core import InputError, Scenario, Shock
from ...core.parameters import Parameter, get_parameter, parameters
from .schema import ExperimentSpec, FactorSpec, validation_error

_SHOCK_PATH = re.compile(r"^shocks\.(\d+)\.(\w+)$")


@dataclass(frozen=True)
class Target:
    """What a factor path addresses and the values it takes."""

    where: Literal["lever", "shock", "runner"]
    kind: Literal["float", "int", "bool", "choice"]
    low: float | None = None
    high: float | None = None
    choices: tuple[Any, ...] | None = None
    #: the allowed values in words (the parameter registry's, for levers and parameters)
    allowed: str | None = None


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


def _parameter_target(parameter: Parameter) -> Target | None:
    """A registry entry's values as a factor (lists such as ``reform.pilot_units`` are not
    sampled)."""
    allowed = parameter.allowed()
    if parameter.choices is not None:
        return Target("lever", "choice", choices=tuple(parameter.choices), allowed=allowed)
    if isinstance(parameter.default, bool):
        return Target("lever", "bool", choices=(False, True), allowed=allowed)
    if isinstance(parameter.default, int | float):
        kind = "int" if isinstance(parameter.default, int) else "float"
        return Target("lever", kind, parameter.min, parameter.max, allowed=allowed)
    return None


@cache
def lever_target(path: str) -> Target | None:
    """The registry entry, lever or parameter (``group.name``), or the shock field
    (``shocks.N.field``) a path addresses; None for anything else."""
    if path.count(".") == 1:
        try:
            return _parameter_target(get_parameter(path))
        except InputError:
            return None
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
        raise InputError(source, field, value,
                         target.allowed or f"{target.low} to {target.high}")


def _make_factor(name: str, role: str, fs: FactorSpec, runner: str, source: str) -> Factor:
    field = f"{role}s.{name}" if role == "lever" else f"uncertainties.{name}"
    target = lever_target(name)
    if target is None:
        if runner == "birosim":
            raise InputError(
                source, field, name,
                "GROUP.NAME of a lever or parameter (see `birosim levers`) or "
                "shocks.N.magnitude|start_day|duration_days", "unknown lever or parameter",
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


def spec_factors(spec: ExperimentSpec, source: str = "spec") -> list[Factor]:
    factors = [_make_factor(n, "lever", f, spec.runner, source) for n, f in spec.levers.items()]
    factors += [
        _make_factor(n, "uncertainty", f, spec.runner, source)
        for n, f in spec.uncertainties.items()
    ]
    return factors


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


def all_lever_factors(spec: ExperimentSpec, scenario: Scenario,
                       explicit: list[Factor]) -> list[Factor]:
    """Every registry entry of the roles asked for, not excluded nor listed explicitly, in
    registry order: numeric ones over value x (1 -/+ r) within bounds (skipped when the value
    is 0), categorical ones over all their values."""
    opts = spec.all_levers
    taken = {f.name for f in explicit} | set(opts.exclude)
    added = []
    for parameter in parameters():
        path = parameter.name
        target = lever_target(path)
        if parameter.role not in opts.roles or path in taken or target is None:
            continue
        if target.kind in ("choice", "bool"):
            if opts.categorical:
                added.append(Factor(path, opts.role, target, None, target.choices, None))
            continue
        group, name = path.split(".")
        value = getattr(getattr(scenario.levers, group), name)
        if value == 0:
            continue
        low, high = sorted((value * (1 - opts.relative_range), value * (1 + opts.relative_range)))
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
                raise validation_error(exc, source) from None
        scenario = scenario.model_copy(update={"shocks": new})
    return scenario
