"""Resolving a checked spec: its base and policy scenarios loaded, every factor checked
against them; the :class:`Experiment` a sweep runs."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ...core import InputError, Levers, Scenario, load_scenario
from ...core.presets import PRESETS
from ...core.shipped import EXPERIMENTS_DIR
from ...core.tabular import MAX_TOML_BYTES, read_text
from .design import design_size, salib_problem
from .factors import Factor, all_lever_factors, apply_factors, check_factors_of, spec_factors
from .parse import parse_spec
from .schema import ExperimentSpec, PolicySpec, validation_error


@dataclass
class Experiment:
    """A checked spec with its scenarios resolved: everything a sweep needs."""

    spec: ExperimentSpec
    source: str
    text: str
    base: Scenario
    policies: dict[str, Scenario]
    factors: list[Factor]
    #: ``--samples`` / ``--replicates`` given on the command line (recorded in the manifest)
    sizes: dict[str, int] = dataclasses.field(default_factory=dict)

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
            raise validation_error(exc, source) from None
        except InputError as exc:
            raise InputError(source, "organisation", spec.organisation, exc.allowed,
                             str(exc)) from None
    policies = {
        name: _resolve_policy(name, p, base, source, spec_dir) for name, p in spec.policies.items()
    } or {"base": base}
    factors = spec_factors(spec, source)
    if spec.all_levers is not None:
        factors = all_lever_factors(spec, next(iter(policies.values())), factors)
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


def _resolve_policy(name: str, policy: PolicySpec, base: Scenario, source: str,
                    spec_dir: Path) -> Scenario:
    field = f"policies.{name}"
    if policy.scenario is not None:
        try:
            chosen = load_scenario(_find_scenario(policy.scenario, spec_dir))
        except InputError as exc:
            presets = " | ".join(sorted(PRESETS))
            raise InputError(source, field, policy.scenario,
                             f"a preset ({presets}), a shipped scenario or a TOML file",
                             exc.reason or "not found") from None
        # the policy's own preset and organisation-wide levers decide who takes up what
        own = {"levers": chosen.levers, "preset": chosen.preset, "levers_set": chosen.levers_set}
    elif policy.preset is not None:
        if policy.preset not in PRESETS:
            raise InputError(source, f"{field}.preset", policy.preset, " | ".join(sorted(PRESETS)))
        own = {"levers": Levers.model_validate(PRESETS[policy.preset]), "preset": policy.preset,
               "levers_set": ()}
    else:
        own = {}
    scenario = base.model_copy(update={**own, "name": f"{base.name}:{name}"})
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


def load_experiment(path: str | Path, sizes: Mapping[str, int] | None = None) -> Experiment:
    """Read and check an experiment spec file (or a shipped one by name); ``sizes``
    (``{"samples": N, "replicates": R}``) shrink or grow it without editing it."""
    path = resolve_spec_path(path)
    text, _ = read_text(path, MAX_TOML_BYTES, legacy=False)
    spec = parse_spec(text, str(path), sizes=sizes)
    experiment = resolve(spec, str(path), text, path.parent)
    experiment.sizes = dict(sizes or {})
    return experiment


def resolve_spec_path(name_or_path: str | Path) -> Path:
    for path in (Path(name_or_path), EXPERIMENTS_DIR / f"{name_or_path}.toml"):
        if path.is_file():
            return path
    shipped = ", ".join(sorted(p.stem for p in EXPERIMENTS_DIR.glob("*.toml")))
    raise InputError("argument SPEC", "experiment spec", str(name_or_path),
                     f"a TOML file or one of: {shipped}", "no such file or shipped spec")
