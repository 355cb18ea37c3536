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
        raise


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
    """Apply ``--set GROUP.NAME=VALUE`` overrides (a later one wins); names and values are
    checked once, by :meth:`Scenario.with_levers` against the parameter registry."""
    from ..core import parse_assignment

    overrides = {}
    for text in sets or ():
        try:
            path, value = parse_assignment(text)
        except InputError as exc:
            raise InputError(source, exc.field, exc.value, exc.allowed, exc.reason) from None
        overrides[path] = value
    return scenario.with_levers(overrides, source=source) if overrides else scenario


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
    try:
        return RunSpec.build(scenario, seed=seed, steps=steps, source=source)
    except InputError as exc:  # a lever checked against the organisation: name its option
        option = _setting_option(exc.field, ((sets, "--set"), (extra_sets, extra_source)))
        if option is None:
            raise
        raise InputError(option, exc.field, exc.value, exc.allowed, exc.reason) from None


def _setting_option(field: str, settings) -> str | None:
    """The option that last set lever ``levers.GROUP.NAME`` (``field``), or None."""
    found = None
    for texts, option in settings:
        for text in texts or ():
            if f"levers.{text.partition('=')[0].strip()}" == field:
                found = option
    return found
