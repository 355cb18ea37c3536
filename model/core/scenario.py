"""Scenarios: an organisation, levers, a horizon, shocks and a seed, read from TOML.

A scenario file starts from a preset (``conventional`` or ``results_oriented``), overrides any
lever under ``[levers.GROUP]`` and lists shocks as ``[[shocks]]`` tables. ``--set GROUP.NAME=VALUE``
overrides apply last. Every problem is reported as one :class:`InputError` naming the file, the
field, the value and the allowed range.
"""

from __future__ import annotations

import copy
import hashlib
import json
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from .errors import InputError, describe_allowed
from .levers import Levers
from .organisation import Organisation, load_organisation, resolve_organisation
from .parameters import get_parameter, parameters
from .presets import PRESETS
from .shipped import SCENARIOS_DIR, shipped_scenarios
from .tabular import read_toml

MAX_HORIZON = 100_000  # working days (400 years): the bound of every horizon, file or option
MAX_SEED = 2**63 - 1


class Shock(BaseModel):
    """An external event: a demand surge, a budget cut or a sudden loss of staff.

    Numbers are strict here and in :class:`Scenario`: ``true`` or ``"5"`` is not a number."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["demand", "budget_cut", "staff_loss"] = Field(description="What happens")
    start_day: int = Field(strict=True, ge=0, le=MAX_HORIZON, description="First day of the shock")
    duration_days: int = Field(
        60, strict=True, ge=1, le=MAX_HORIZON, description="How long a demand shock lasts (days)"
    )
    magnitude: float = Field(
        strict=True,
        ge=0,
        le=20,
        description="Demand multiplier (demand), or share of budget / staff removed (0-1)",
    )
    units: list[str] = Field(default_factory=list, description="Unit ids hit (empty = all)")

    @field_validator("magnitude")
    @classmethod
    def _share_for_cuts(cls, magnitude: float, info: ValidationInfo) -> float:
        if info.data.get("kind", "demand") != "demand" and magnitude > 1:
            raise PydanticCustomError(
                "share_range", "a budget_cut or staff_loss removes a share", {"ge": 0, "le": 1}
            )
        return magnitude


class Scenario(BaseModel):
    """Everything that fixes a run, apart from the code version."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field("unnamed", description="Short name")
    description: str = Field("", description="What the scenario shows")
    organisation: str = Field("classroom", description="Shipped organisation name or CSV path")
    preset: Literal["conventional", "results_oriented"] = Field(
        "conventional", description="Preset the levers start from"
    )
    horizon_days: int = Field(500, strict=True, ge=1, le=MAX_HORIZON,
                              description="Working days to simulate")
    warmup_days: int = Field(0, strict=True, ge=0, le=MAX_HORIZON,
                             description="Days left out of run summaries (queues fill up)")
    seed: int = Field(0, strict=True, ge=0, le=MAX_SEED, description="Seed of every random stream")
    levers: Levers = Field(default_factory=Levers)
    levers_set: tuple[str, ...] = Field(
        (), description="Levers the scenario sets itself (file, --set, sweep factors), "
        "GROUP.NAME: they hold in every unit, inside a reform programme or outside it",
    )
    shocks: list[Shock] = Field(default_factory=list)
    base_dir: str = Field(".", description="Folder that relative organisation paths start from")

    @field_validator("warmup_days")
    @classmethod
    def _warmup_inside_horizon(cls, warmup: int, info: ValidationInfo) -> int:
        horizon = info.data.get("horizon_days")
        if horizon is not None and warmup >= horizon:
            raise PydanticCustomError(
                "warmup_range", "the warm-up must end before horizon_days",
                {"ge": 0, "le": horizon - 1},
            )
        return warmup

    @field_validator("levers_set")
    @classmethod
    def _known_levers(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        known = {parameter.name for parameter in parameters()}
        unknown = [name for name in names if name not in known]
        if unknown:
            raise PydanticCustomError("unknown_lever", "unknown lever {name}", {"name": unknown[0]})
        return tuple(sorted(set(names)))

    def load_organisation(self, source: str | None = None) -> Organisation:
        """The scenario's organisation; ``source`` (the scenario file) names it in errors."""
        source = source or f"scenario {self.name}"
        try:
            org = load_organisation(self.organisation, Path(self.base_dir))
        except InputError as error:
            if error.field != "organisation":
                raise
            raise InputError(source, "organisation", error.value, error.allowed) from None
        named = [(f"shocks.{index}.units", shock.units) for index, shock in enumerate(self.shocks)]
        named.append(("levers.reform.pilot_units", self.levers.reform.pilot_units))
        for field, units in named:
            unknown = sorted(set(units) - set(org.unit_id))
            if unknown:
                ids = ", ".join(org.unit_id[:40]) + (", ..." if org.n_units > 40 else "")
                raise InputError(source, field, unknown[0], f"unit ids of {org.name}: {ids}",
                                 "unknown unit")
        return org

    def content_hash(self) -> str:
        """Hash of the scenario's content and its organisation file's bytes (provenance)."""
        payload = self.model_dump(mode="json", exclude={"base_dir"})
        org_path = resolve_organisation(self.organisation, Path(self.base_dir))  # read, not parsed
        payload["organisation_sha256"] = hashlib.sha256(org_path.read_bytes()).hexdigest()
        text = json.dumps(payload, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def with_horizon(self, steps: int, source: str = "--steps") -> Scenario:
        """A copy run for ``steps`` days (warm-up shortened if needed), checked with the file's
        bounds before anything is allocated (``source`` names the option in errors)."""
        if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= MAX_HORIZON:
            raise InputError(source, source.lstrip("-"), steps,
                             f"a whole number from 1 to {MAX_HORIZON}")
        data = self.model_dump(mode="python")
        data.update(horizon_days=steps, warmup_days=min(self.warmup_days, steps - 1))
        return _validate(data, source)

    def with_levers(self, overrides: dict[str, Any], source: str = "--set") -> Scenario:
        """A copy with ``{"group.name": value}`` overrides applied: every name checked against
        the parameter registry, then every value in one validation (``source`` names them)."""
        data = self.model_dump(mode="python")
        for path, value in overrides.items():
            group, name = check_lever_name(path, value, source)
            data["levers"][group][name] = value
        data["levers_set"] = (*self.levers_set, *overrides)
        return _validate(data, source)


    def with_lever_values(self, levers: Levers) -> Scenario:
        """A copy run with ``levers``; every lever whose value differs from this scenario's is
        one the scenario now sets itself (``levers_set``, e.g. moved on a dashboard slider)."""
        mine, theirs = self.levers.model_dump(), levers.model_dump()
        changed = [f"{group}.{name}" for group, values in theirs.items()
                   for name, value in values.items() if mine[group][name] != value]
        return self.model_copy(update={"levers": levers.model_copy(deep=True),
                                       "levers_set": tuple(sorted({*self.levers_set, *changed}))})


def _deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def check_lever_name(path: str, value: Any, source: str) -> tuple[str, str]:
    """``(group, name)`` of a settable lever or parameter ``GROUP.NAME``; an unknown group or
    name is an input error listing the known ones."""
    group, _, name = str(path).partition(".")
    known = [parameter.name for parameter in parameters()]
    in_group = [known_name.split(".")[1] for known_name in known
                if known_name.startswith(group + ".")]
    if not in_group:
        groups = " | ".join(sorted({known_name.split(".")[0] for known_name in known}))
        raise InputError(source, path, value, f"GROUP.NAME with GROUP one of: {groups}",
                         f"unknown lever group {group!r}")
    if name not in in_group:
        raise InputError(source, path, value, f"one of the {group} levers: "
                         + ", ".join(in_group), "unknown lever")
    return group, name


def _validate(data: dict[str, Any], source: str) -> Scenario:
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(p) for p in error["loc"])
        value = error.get("input")
        if isinstance(value, dict):
            value = "(table)"
        allowed = field_range(Scenario, error["loc"]) or describe_allowed(error)
        if error["type"] in ("share_range", "warmup_range"):
            allowed = describe_allowed(error)
        if len(error["loc"]) >= 3 and error["loc"][0] == "levers" and error["type"] != "extra_forbidden":
            allowed = get_parameter(f"{error['loc'][1]}.{error['loc'][2]}").allowed()
        raise InputError(source, field or "scenario", value, allowed,
                         error.get("msg", "")) from None


def field_range(model: type[BaseModel], loc: tuple) -> str | None:
    """The documented range of the field at ``loc`` ("0 to 0.5"), or None if it has none."""
    field = None
    for key in loc:
        if isinstance(key, int):
            continue
        fields = getattr(model, "model_fields", {})
        if key not in fields:
            return None
        field = fields[key]
        annotation = field.annotation
        inner = getattr(annotation, "__args__", None)
        model = inner[0] if inner and isinstance(inner[0], type) else annotation
    if field is None:
        return None
    bounds = {type(m).__name__: m for m in field.metadata}
    low, high = getattr(bounds.get("Ge"), "ge", None), getattr(bounds.get("Le"), "le", None)
    if low is None or high is None:
        return None
    return f"{low} to {high}"


def scenario_from_dict(data: dict[str, Any], source: str = "scenario") -> Scenario:
    """A scenario from a TOML-shaped dict: the preset is applied under the given levers."""
    data = dict(data)
    preset = data.get("preset", "conventional")
    if not isinstance(preset, str) or preset not in PRESETS:
        raise InputError(source, "preset", preset, " | ".join(sorted(PRESETS)))
    levers = data.get("levers", {})
    if not isinstance(levers, dict):
        raise InputError(source, "levers", levers, "a table of lever groups")
    data["levers"] = _deep_merge(PRESETS[preset], levers)
    data["levers_set"] = (*data.get("levers_set", ()), *_lever_paths(levers))
    return _validate(data, source)


def _lever_paths(levers: dict[str, Any]) -> list[str]:
    """``GROUP.NAME`` of every lever a ``[levers.GROUP]`` table sets (a value that is not a
    table of levers is left to the validation, which names it)."""
    return [f"{group}.{name}" for group, values in levers.items() if isinstance(values, dict)
            for name in values]


def resolve_scenario(name_or_path: str) -> Path:
    """A scenario TOML path, or a shipped scenario's name (``gaming``, ``rollout/big_bang``)."""
    for path in (Path(name_or_path), SCENARIOS_DIR / f"{name_or_path}.toml"):
        if path.is_file():
            return path
    shipped = ", ".join(shipped_scenarios())
    raise InputError(".", "scenario", name_or_path, f"a TOML file or one of: {shipped}")


def load_scenario(name_or_path: str, overrides: dict[str, Any] | None = None) -> Scenario:
    """Read a scenario TOML file (or a shipped scenario by name) and check everything in it."""
    path = resolve_scenario(name_or_path)
    scenario = read_scenario(path)
    scenario.load_organisation(str(path))
    if overrides:
        scenario = scenario.with_levers(overrides)
    return scenario


def read_scenario(name_or_path: str | Path) -> Scenario:
    """A scenario file (or a shipped scenario by name) checked in everything but its
    organisation, which :class:`~birosim.core.run_spec.RunSpec` parses once when it is run."""
    path = resolve_scenario(str(name_or_path))
    data, _ = read_toml(path)
    data.setdefault("name", path.stem)
    data["base_dir"] = str(path.parent)
    return scenario_from_dict(data, str(path))


def parse_assignment(text: str) -> tuple[str, Any]:
    """``group.name=value`` from the command line, the value read as a TOML value when it can."""
    if "=" not in text:
        raise InputError("--set", text, text, "GROUP.NAME=VALUE", "missing '='")
    path, _, raw = text.partition("=")
    path = path.strip()
    if path.count(".") != 1 or not all(path.split(".")):
        raise InputError("--set", path, raw, "GROUP.NAME=VALUE, see `birosim levers`")
    try:
        value = tomllib.loads(f"v = {raw.strip()}")["v"]
    except ValueError:  # not TOML (or an integer too long to convert): the text itself
        value = raw.strip()
    return path, value
