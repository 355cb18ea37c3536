"""Reproducibility: one seed fixes a run bit for bit; seeds differ; paired runs share citizens."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from birosim.core import BureaucracyModel
from pandas.testing import assert_frame_equal, assert_series_equal

SHOCKS = [
    dict(kind="demand", start_day=40, duration_days=30, magnitude=1.8, units=["LOKET"]),
    dict(kind="staff_loss", start_day=60, magnitude=0.2),
]
STAFF_FIELDS = ("unit", "skill", "age", "tenure", "integrity", "innovativeness", "motivation")


def outputs(model: BureaucracyModel):
    return pd.Series(model.summary()), model.timeseries(), model.unit_series(), model.cases()


def assert_same_run(a: BureaucracyModel, b: BureaucracyModel) -> None:
    summary_a, ts_a, units_a, cases_a = outputs(a)
    summary_b, ts_b, units_b, cases_b = outputs(b)
    assert_series_equal(summary_a, summary_b, check_exact=True)
    assert_frame_equal(ts_a, ts_b, check_exact=True)
    assert_frame_equal(units_a, units_b, check_exact=True)
    assert cases_a == cases_b


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(org="classroom", preset="results_oriented", horizon=300, warmup=30, seed=42,
             shocks=SHOCKS),
        dict(org="kabupaten", preset="conventional", horizon=120, warmup=10, seed=7),
    ],
    ids=["classroom_results_shocks", "kabupaten_conventional"],
)
def test_same_seed_same_run_bit_for_bit(make_scenario, run_model, kwargs):
    scenario = make_scenario(**kwargs)
    assert_same_run(run_model(scenario), run_model(scenario))


def test_running_in_chunks_equals_one_run(make_scenario, run_model):
    scenario = make_scenario(org="classroom", preset="results_oriented", horizon=260, seed=3,
                             shocks=SHOCKS)
    whole = run_model(scenario)
    chunked = BureaucracyModel(scenario)
    for steps in (1, 20, 99, 17):
        chunked.run(steps)
    chunked.run()
    assert chunked.day == scenario.horizon_days
    assert_same_run(whole, chunked)


def test_seed_argument_equals_scenario_seed(make_scenario, run_model):
    by_scenario = run_model(make_scenario(horizon=150, seed=9))
    by_argument = run_model(make_scenario(horizon=150, seed=1), seed=9)
    assert_same_run(by_scenario, by_argument)


def test_different_seeds_differ(make_scenario, run_model):
    a = run_model(make_scenario(org="classroom", preset="results_oriented", horizon=150, seed=1))
    b = run_model(make_scenario(org="classroom", preset="results_oriented", horizon=150, seed=2))
    ts_a, ts_b = a.timeseries(), b.timeseries()
    assert not np.array_equal(ts_a["arrivals"], ts_b["arrivals"])
    assert not np.array_equal(ts_a["backlog"], ts_b["backlog"])
    assert a.summary()["lead_time_mean_days"] != b.summary()["lead_time_mean_days"]
    assert not np.array_equal(a.staff.view("skill"), b.staff.view("skill"))


@pytest.mark.parametrize(
    "org, horizon, shocks",
    [("classroom", 300, SHOCKS), ("kabupaten", 150, [])],
    ids=["classroom", "kabupaten"],
)
def test_common_random_numbers_across_presets(make_scenario, org, horizon, shocks):
    """Conventional vs results-oriented with the same seed: the same citizens arrive."""
    conventional = make_scenario(org=org, preset="conventional", horizon=horizon, seed=5,
                                 shocks=shocks)
    reformed = make_scenario(org=org, preset="results_oriented", horizon=horizon, seed=5,
                             shocks=shocks)
    for lever in ("demand_multiplier", "seasonality"):  # the demand levers are equal
        assert getattr(conventional.levers.service, lever) == getattr(reformed.levers.service, lever)
    a, b = BureaucracyModel(conventional), BureaucracyModel(reformed)
    # the same initial staff
    for name in STAFF_FIELDS:
        np.testing.assert_array_equal(a.staff.view(name), b.staff.view(name), err_msg=name)
    a.run()
    b.run()
    ts_a, ts_b = a.timeseries(), b.timeseries()
    assert len(ts_a) == horizon
    # the same citizens' need (who of them applies follows each rule set's service)
    need = ("arrivals", "deterred")
    np.testing.assert_array_equal(ts_a[list(need)].sum(axis=1), ts_b[list(need)].sum(axis=1))
    units_a, units_b = a.unit_series(), b.unit_series()
    np.testing.assert_array_equal(units_a[list(need)].sum(axis=1), units_b[list(need)].sum(axis=1))
    # ... while the rule sets do make the runs differ
    assert not np.array_equal(ts_a["resolved"].to_numpy(), ts_b["resolved"].to_numpy())


def test_common_random_numbers_with_other_levers(make_scenario, run_model):
    """Changing non-demand levers keeps the citizens' need (arrivals + deterred); changing
    demand changes it."""
    base = run_model(make_scenario(horizon=120, seed=8), unit_series=False)
    other = run_model(
        make_scenario(horizon=120, seed=8, levers={
            "integrity.audit_rate": 6.0, "service.delegation": 1.0, "careers.promotion": "lottery",
            "flexibility.reallocation_interval_days": 10, "innovation.idea_rate": 0.5,
        }),
        unit_series=False,
    )
    busier = run_model(make_scenario(horizon=120, seed=8, service__demand_multiplier=1.3),
                       unit_series=False)

    def need(model):
        return model.timeseries()[["arrivals", "deterred"]].sum(axis=1).to_numpy()

    arrivals = need(base)
    np.testing.assert_array_equal(arrivals, need(other))
    assert need(busier).sum() > 1.2 * arrivals.sum()


def test_initial_staff_do_not_depend_on_the_draw_blocks(make_scenario, monkeypatch):
    """The set-up draws each attribute in blocks (``DRAW_BLOCK``): blocks much smaller than the
    organisation give every staff member exactly the attributes one draw per attribute gives."""
    import birosim.core.model as model_module
    from birosim.core.staff import FIELDS

    scenario = make_scenario(org="kabupaten")
    whole = BureaucracyModel(scenario, unit_series=False).staff
    monkeypatch.setattr(model_module, "DRAW_BLOCK", 1000)
    blocks = BureaucracyModel(scenario, unit_series=False).staff
    assert blocks.n == whole.n > 5 * 1000
    for name in FIELDS:
        assert np.array_equal(blocks.view(name), whole.view(name)), name
