"""Feasibility per unit before any run, and ``birosim org check`` (issue: the planner's spreadsheet).

The organisation here is built to be infeasible in known ways: one unit's casework load is
three times what its staff can do, one unit's service standard is shorter than its sign-off
chain, one unit is comfortably feasible. The checks must name exactly the first two, say by
how much, and scale as the formulas say.
"""

from __future__ import annotations

import csv
from dataclasses import replace

import numpy as np
import pytest
from birosim.core.feasibility import assess
from birosim.core.organisation import COLUMNS, load_organisation
from birosim.core.scenario import load_scenario
from birosim.interfaces.cli import app
from typer.testing import CliRunner

UNITS = [  # staff, daily_demand, approval_layers, service_standard_days, work_hours_per_case
    ("OVERLOADED", 40, 600.0, 2, 10.0, 1.0),
    ("SLOW_CHAIN", 40, 20.0, 5, 2.0, 1.0),
    ("HEALTHY", 40, 20.0, 2, 10.0, 1.0),
]


@pytest.fixture
def infeasible_csv(tmp_path):
    path = tmp_path / "infeasible.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(COLUMNS)[:8])
        for unit, staff, demand, layers, standard, hours in UNITS:
            writer.writerow([unit, f"Unit {unit}", "Pemkab Uji", staff, demand, layers, standard, hours])
    return path


@pytest.fixture
def levers():
    return load_scenario("conventional").levers


def test_infeasible_units_named_with_their_shortfall(infeasible_csv, levers):
    result = assess(load_organisation(str(infeasible_csv)), levers)
    infeasible = {(f.unit_id, f.check): f for f in result.infeasible}
    assert set(infeasible) == {("OVERLOADED", "casework"), ("SLOW_CHAIN", "standard")}
    overloaded = infeasible["OVERLOADED", "casework"]
    assert overloaded.value > 1 and f"{(overloaded.value - 1) * 100:.0f} %" in overloaded.text()
    chain = infeasible["SLOW_CHAIN", "standard"]
    assert chain.value == 5 and chain.limit == 2 and "short by 3" in chain.text()
    assert "kurang 3 hari" in chain.text("id")
    assert all(f.unit_id != "HEALTHY" or f.severity == "tight" for f in result.findings)


def test_utilisation_follows_load_and_capacity(infeasible_csv, levers):
    org = load_organisation(str(infeasible_csv))
    base = assess(org, levers).casework_utilisation
    doubled = assess(replace(org, daily_demand=org.daily_demand * 2), levers).casework_utilisation
    assert np.allclose(doubled, 2 * base)
    faster = levers.model_copy(update={"service": levers.service.model_copy(
        update={"absence_rate": 0.0})})
    assert (assess(org, faster).casework_utilisation < base).all()
    delegated = levers.model_copy(update={"service": levers.service.model_copy(
        update={"delegation": 1.0})})
    assert (assess(org, delegated).fastest_case_days == 1).all()


def test_org_check_reports_feasibility_with_exit_0(infeasible_csv):
    result = CliRunner().invoke(app, ["org", "check", str(infeasible_csv)])
    assert result.exit_code == 0, result.output
    assert "2 unit(s) cannot work" in result.output
    assert "OVERLOADED" in result.output and "SLOW_CHAIN" in result.output
    indonesian = CliRunner().invoke(app, ["org", "check", str(infeasible_csv), "--lang", "id"])
    assert indonesian.exit_code == 0 and "tidak dapat bekerja" in indonesian.output


def test_org_check_lists_every_problem_with_exit_2(tmp_path, infeasible_csv):
    text = infeasible_csv.read_text().replace(",40,600.0,", ",many,600.0,").replace(",5,2.0,", ",9,2.0,")
    bad = tmp_path / "bad.csv"
    bad.write_text(text)
    result = CliRunner().invoke(app, ["org", "check", str(bad)])
    assert result.exit_code == 2
    assert "staff = 'many'" in result.output and "approval_layers = '9'" in result.output
    assert "Traceback" not in result.output and "2 problem(s)" in result.output
