"""Issue 11 item 9: a scenario's own organisation-wide lever settings hold outside the reform.

Units that have not joined a reform programme follow the rules outside it
(``presets.outside_the_reform``). A lever the scenario sets itself (its file, ``--set`` or a
sweep factor) is an organisation-wide setting: it must hold in those units too, also when its
value equals the preset's design value (the hole this test closes). Checked on the model's own
published rules before the programme starts (no unit has joined), so nothing random is involved.
"""

from __future__ import annotations

import numpy as np
import pytest
from birosim.core import BureaucracyModel, scenario_from_dict
from birosim.core.levers import Levers
from birosim.experiments.spec import load_experiment

PHASED = {"organisation": "classroom", "preset": "results_oriented", "horizon_days": 40,
          "levers": {"reform": {"start_day": 200, "pilot_share": 0.5, "scale_up_day": 400}}}
DESIGNED_AUDITS = 1.5  # the results_oriented preset's audit rate
CONVENTIONAL_AUDITS = Levers().integrity.audit_rate


def outside_rule(scenario, path="integrity.audit_rate"):
    model = BureaucracyModel(scenario, unit_series=False)
    assert not model.reform.joined.any()  # the programme starts on day 200
    return model.context.policy(path), model.context.practice[path]


def with_file_levers(**groups):
    data = {**PHASED, "levers": {**PHASED["levers"], **groups}}
    return scenario_from_dict(data, "test")


def test_the_preset_design_waits_for_the_reform():
    on_paper, practised = outside_rule(with_file_levers())
    assert np.all(on_paper == CONVENTIONAL_AUDITS) and np.all(practised == CONVENTIONAL_AUDITS)


@pytest.mark.parametrize("audits", [DESIGNED_AUDITS, 2.0])
def test_an_explicit_file_setting_holds_outside_the_reform(audits):
    """``audit_rate = 1.5`` in the file is organisation-wide although it equals the design."""
    on_paper, practised = outside_rule(with_file_levers(integrity={"audit_rate": audits}))
    assert np.all(on_paper == audits) and np.all(practised == audits)


@pytest.mark.parametrize("audits", [DESIGNED_AUDITS, 2.0])
def test_a_set_option_or_sweep_factor_holds_outside_the_reform(audits):
    scenario = with_file_levers().with_levers({"integrity.audit_rate": audits})
    on_paper, practised = outside_rule(scenario)
    assert np.all(on_paper == audits) and np.all(practised == audits)


def test_the_setting_survives_copies_of_the_scenario():
    scenario = with_file_levers(integrity={"audit_rate": DESIGNED_AUDITS}).with_horizon(30)
    assert "integrity.audit_rate" in scenario.levers_set
    assert np.all(outside_rule(scenario)[0] == DESIGNED_AUDITS)


def test_a_changed_lever_value_counts_as_set():
    base = with_file_levers()
    levers = base.levers.model_copy(deep=True)
    levers.integrity.audit_rate = DESIGNED_AUDITS + 1
    moved = base.with_lever_values(levers)
    assert set(moved.levers_set) - set(base.levers_set) == {"integrity.audit_rate"}
    assert np.all(outside_rule(moved)[0] == DESIGNED_AUDITS + 1)


def test_an_experiment_policy_keeps_its_own_preset(tmp_path):
    """A policy on a conventional base that names another preset takes that preset's reform
    design (outside the reform: conventional), not the whole design as the outside rule."""
    spec = tmp_path / "spec.toml"
    spec.write_text('base = "classroom"\nhorizon_days = 20\n[design]\nmethod = "full_factorial"\n'
                    '[levers]\n"service.absence_rate" = { values = [0.08] }\n'
                    '[policies]\nreform = { preset = "results_oriented" }\n')
    reform = load_experiment(str(spec)).policies["reform"]
    assert reform.preset == "results_oriented"
    model = BureaucracyModel(reform.with_horizon(2), unit_series=False)
    assert model.context.conventional.integrity.audit_rate == CONVENTIONAL_AUDITS
