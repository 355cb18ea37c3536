"""Shared helpers for the model tests: building scenarios, organisations and runs.

The helpers are plain functions exposed as session-scoped fixtures, so that module-scoped
fixtures and hypothesis tests can use them too (test modules do not import ``conftest``):

- ``make_scenario(org=..., preset=..., horizon=..., warmup=..., seed=..., shocks=...,
  levers={"group.name": value}, **{"group__name": value})`` -> a checked :class:`Scenario`;
- ``run_model(scenario, seed=None, **model_kwargs)`` -> the model after running to the horizon;
- ``write_org_csv(path, rows, columns=...)`` -> writes an organisation CSV, returns its path;
- ``org_row(**values)`` -> one organisation row (dict) with defaults; ``org_columns`` the header.
"""

from __future__ import annotations

import csv
import signal
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
from birosim.core import BureaucracyModel, Scenario, scenario_from_dict

# A shell that starts the suite in the background (``... &`` without job control) ignores
# Ctrl-C, and an ignored signal stays ignored in every program a test starts; the Ctrl-C tests
# (sweep, dashboard server) need it delivered, so the suite takes Python's own handler back.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

ORG_COLUMNS = (
    "unit_id", "unit_name", "parent_org", "staff", "daily_demand", "approval_layers",
    "service_standard_days", "work_hours_per_case", "goal_clarity", "monopoly", "discretion",
    "salary_rp_month",
)


def build_scenario(
    org: str | Path = "classroom",
    preset: str = "conventional",
    horizon: int = 250,
    warmup: int = 0,
    seed: int = 0,
    shocks: Iterable[Mapping[str, Any]] = (),
    levers: Mapping[str, Any] | None = None,
    name: str = "test",
    **lever_overrides: Any,
) -> Scenario:
    """A scenario from a preset with lever overrides.

    Overrides are given as ``levers={"service.delegation": 1.0}`` and/or as keyword arguments
    with a double underscore for the dot (``service__delegation=1.0``); both are applied with
    :meth:`Scenario.with_levers`, so they are range-checked like ``--set``.
    """
    scenario = scenario_from_dict(
        {
            "name": name,
            "organisation": str(org),
            "preset": preset,
            "horizon_days": horizon,
            "warmup_days": warmup,
            "seed": seed,
            "shocks": [dict(s) for s in shocks],
        },
        source="tests",
    )
    overrides = dict(levers or {})
    overrides.update({key.replace("__", "."): value for key, value in lever_overrides.items()})
    if overrides:
        scenario = scenario.with_levers(overrides, source="tests")
    return scenario


def run_to_end(scenario: Scenario, seed: int | None = None, **model_kwargs: Any) -> BureaucracyModel:
    """Build a model for ``scenario`` and run it to its horizon."""
    model = BureaucracyModel(scenario, seed=seed, **model_kwargs)
    model.run()
    return model


def write_csv(path: Path, rows: Iterable[Mapping[str, Any]], columns=ORG_COLUMNS) -> Path:
    """Write organisation rows (dicts keyed by column) to ``path``."""
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})
    return path


def unit_row(**values: Any) -> dict[str, Any]:
    """One organisation row with sensible defaults (a calm single-layer unit)."""
    row = {
        "unit_id": "U1",
        "unit_name": "Test unit",
        "parent_org": "Test org",
        "staff": 20,
        "daily_demand": 10.0,
        "approval_layers": 1,
        "service_standard_days": 5.0,
        "work_hours_per_case": 1.0,
        "goal_clarity": 0.5,
        "monopoly": 0.5,
        "discretion": 0.5,
        "salary_rp_month": 6_000_000.0,
    }
    row.update(values)
    return row


@pytest.fixture(scope="session")
def make_scenario():
    return build_scenario


@pytest.fixture(scope="session")
def run_model():
    return run_to_end


@pytest.fixture(scope="session")
def write_org_csv():
    return write_csv


@pytest.fixture(scope="session")
def org_row():
    return unit_row


@pytest.fixture(scope="session")
def org_columns():
    return ORG_COLUMNS
