"""Scenarios from the command line: a SCENARIO argument, ``--org`` and ``--set`` overrides.

Every failure is an :class:`~birosim.core.errors.InputError` naming the argument or option, the
value and what is allowed; the commands' :func:`~birosim.interfaces.app.guard` prints it as one
line.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import InputError

if TYPE_CHECKING:  # the model loads only when a command needs it
    from ..core import Scenario
    from ..core.parameters import Parameter
    from ..core.run_spec import RunSpec


def load_argument(name: str, argument: str = "SCENARIO") -> Scenario:
    """The scenario named by a command-line argument (a shipped name or a TOML path), checked
    in everything but its organisation (:func:`run_spec` parses that once)."""
    from ..core.scenario import read_scenario

    try:
        return read_scenario(name)
    except InputError as exc:
        if exc.field == "scenario" and exc.source == ".":
            raise InputError(f"argument {argument}", "scenario", exc.value, exc.allowed,
                             "no such file or shipped scenario") from None
        lever = lever_rows().get(exc.field.removeprefix("levers."))
        if exc.field.startswith("levers.") and lever is not None:  # name the full range
            raise InputError(exc.source, exc.field, exc.value, allowed_words(lever),
                             exc.reason) from None
        raise


def lever_rows() -> dict[str, Parameter]:
    """Every settable name (lever or parameter) -> its registry entry."""
    from ..core.parameters import parameters

    return {parameter.name: parameter for parameter in parameters()}


def with_org(scenario: Scenario, org: str | None) -> Scenario:
    """``scenario`` with its organisation replaced by ``--org`` (a shipped name or a CSV)."""
    if org is None:
        return scenario
    from ..core.organisation import resolve_organisation

    try:
        path = resolve_organisation(org)
    except InputError as exc:
        raise InputError("--org", "organisation", org, exc.allowed,
                         "no such file or shipped organisation") from None
    value = str(path.resolve()) if Path(org).is_file() else org
    return scenario.model_copy(update={"organisation": value})


def apply_sets(scenario: Scenario, sets: Sequence[str] | None, source: str = "--set") -> Scenario:
    """Apply ``--set GROUP.NAME=VALUE`` overrides one by one, naming the allowed range on error."""
    from ..core import parse_assignment

    levers = lever_rows()
    for text in sets or ():
        try:
            path, value = parse_assignment(text)
        except InputError as exc:
            raise InputError(source, exc.field, exc.value, exc.allowed, exc.reason) from None
        group, _, name = path.partition(".")
        in_group = [lever.split(".")[1] for lever in levers if lever.startswith(group + ".")]
        if not in_group:
            groups = sorted({lever.split(".")[0] for lever in levers})
            raise InputError(source, path, value, "GROUP.NAME with GROUP one of: "
                             + " | ".join(groups), f"unknown lever group {group!r}")
        if path not in levers:
            raise InputError(source, path, value, f"one of the {group} levers: "
                             + ", ".join(in_group), "unknown lever")
        try:
            scenario = scenario.with_levers({path: value}, source=source)
        except InputError as exc:
            raise InputError(source, path, value, allowed_words(levers[path]),
                             exc.reason) from None
    return scenario


def allowed_words(parameter: Parameter) -> str:
    """The registry's allowed text, saying whether a whole number is needed."""
    default = parameter.default
    if isinstance(default, int) and not isinstance(default, bool):
        return f"a whole number {parameter.allowed()}"
    if isinstance(default, float):
        return f"a number {parameter.allowed()}"
    return parameter.allowed()


def run_spec(name: str, org: str | None, sets: Sequence[str] | None, *,
             argument: str = "SCENARIO", extra_sets: Sequence[str] | None = None,
             extra_source: str = "--set", seed: int | None = None,
             steps: int | None = None) -> RunSpec:
    """The run of scenario ``name`` with ``--org``, then ``--set``, then ``extra_sets`` applied,
    on ``seed`` (default: the scenario's) for ``steps`` days (default: its horizon): checked
    once, its organisation parsed once."""
    from ..core.run_spec import RunSpec
    from ..core.scenario import resolve_scenario

    scenario = apply_sets(with_org(load_argument(name, argument), org), sets)
    scenario = apply_sets(scenario, extra_sets, extra_source)
    # organisation errors name the scenario file, or the scenario when --org replaced its own
    source = str(resolve_scenario(name)) if org is None else None
    return RunSpec.build(scenario, seed=seed, steps=steps, source=source)
