"""Invariants that must hold on every run: case conservation, no negative or NaN counts,
consistent headcounts, and a well-formed staff table.

Each scenario is run once per module, one day at a time, so that the staff table can be checked
against the recorded series on every day.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from birosim.core import SUMMARY_OUTCOMES, BureaucracyModel
from birosim.core.parameters import get_parameter
from birosim.core.staff import ACTIVE, LEFT, MAX_GRADE, SANCTIONED

# draw_skill clips new skills to the floor .. ceiling; training only raises skill toward the ceiling
SKILL_FLOOR = get_parameter("careers.skill_floor").default
SKILL_CEILING = get_parameter("careers.skill_ceiling").default
SNAPSHOT_EVERY = 25  # days between full checks of the staff table

COUNT_COLUMNS = (
    "arrivals", "resolved", "withdrawn", "backlog", "headcount", "active_staff", "corrupt_acts",
    "pungli_asked", "complaints", "detections", "innovations_adopted",
)
SHARE_COLUMNS = (
    "on_time_share", "overhead_share", "corrupt_staff_share", "adoption_share",
    "reform_implementation", "acceptance", "perf_true", "perf_reported", "quality",
)

# name -> (make_scenario keyword arguments)
SCENARIOS = {
    "classroom_conventional": dict(org="classroom", preset="conventional", horizon=400, warmup=50),
    "classroom_results": dict(org="classroom", preset="results_oriented", horizon=400, warmup=50),
    "demand_shock": dict(
        org="classroom", horizon=400, warmup=50, seed=3,
        shocks=[dict(kind="demand", start_day=100, duration_days=60, magnitude=2.0,
                     units=["LOKET", "REGISTRASI"])],
    ),
    "budget_cut": dict(
        org="classroom", horizon=400, warmup=50, seed=4,
        shocks=[dict(kind="budget_cut", start_day=120, magnitude=0.3)],
    ),
    "staff_loss": dict(
        org="classroom", preset="results_oriented", horizon=400, warmup=50, seed=5,
        shocks=[dict(kind="staff_loss", start_day=100, magnitude=0.3, units=["PERIZINAN"])],
    ),
    "phased_rollout": dict(
        org="classroom", preset="results_oriented", horizon=400, warmup=50, seed=6,
        levers={"reform.start_day": 50, "reform.pilot_share": 0.4, "reform.scale_up_day": 200},
    ),
    "kabupaten_shocks": dict(
        org="kabupaten", preset="conventional", horizon=270, warmup=20, seed=2026,
        shocks=[
            dict(kind="demand", start_day=60, duration_days=40, magnitude=1.6,
                 units=["DISDUKCAPIL", "DPMPTSP"]),
            dict(kind="staff_loss", start_day=120, magnitude=0.2, units=["DINSOS"]),
            dict(kind="budget_cut", start_day=150, magnitude=0.15),
        ],
    ),
    "kabupaten_phased": dict(
        org="kabupaten", preset="results_oriented", horizon=270, warmup=20, seed=11,
        levers={"reform.start_day": 30, "reform.pilot_share": 0.25, "reform.scale_up_day": 150},
    ),
}


def staff_snapshot(model: BureaucracyModel) -> dict[str, np.ndarray]:
    staff = model.staff
    names = ("staff_id", "unit", "grade", "skill", "status", "motivation", "integrity",
             "acceptance")
    return {name: staff.view(name).copy() for name in names}


@pytest.fixture(scope="module", params=sorted(SCENARIOS))
def run(request, make_scenario):
    """(name, model, employed-per-day, staff snapshots) for one scenario, run day by day."""
    scenario = make_scenario(name=request.param, **SCENARIOS[request.param])
    model = BureaucracyModel(scenario)
    employed, snapshots = [], []
    while model.day < scenario.horizon_days:
        model.step()
        employed.append(int((model.staff.view("status") != LEFT).sum()))
        if model.day % SNAPSHOT_EVERY == 0 or model.day == scenario.horizon_days:
            snapshots.append((model.day - 1, staff_snapshot(model)))
    return request.param, model, np.array(employed), snapshots


def test_cases_conserved(run):
    _, model, _, _ = run
    cases = model.cases()
    assert cases["arrived"] > 0
    assert min(cases.values()) >= 0, cases
    assert cases["arrived"] == cases["resolved"] + cases["open"] + cases["withdrawn"], cases


def test_open_cases_equal_last_backlog(run):
    _, model, _, _ = run
    ts = model.timeseries()
    assert model.cases()["open"] == ts["backlog"].iloc[-1]
    assert model.cases()["arrived"] == ts["arrivals"].sum()
    assert model.cases()["resolved"] == ts["resolved"].sum()
    assert model.cases()["withdrawn"] == ts["withdrawn"].sum()


def test_cumulative_flow_balance_every_day(run):
    _, model, _, _ = run
    ts = model.timeseries()
    arrived = ts["arrivals"].cumsum().to_numpy()
    accounted = (ts["resolved"].cumsum() + ts["backlog"] + ts["withdrawn"].cumsum()).to_numpy()
    bad = np.flatnonzero(arrived != accounted)
    assert len(bad) == 0, (
        f"day {bad[0]}: cumulative arrivals {arrived[bad[0]]} != resolved + backlog + "
        f"withdrawn {accounted[bad[0]]}"
    )


def test_no_negative_or_nan_counts(run):
    _, model, _, _ = run
    ts = model.timeseries()
    assert len(ts) == model.scenario.horizon_days
    for column in COUNT_COLUMNS:
        values = ts[column].to_numpy()
        assert not np.isnan(values).any(), f"{column} has NaN on days {np.flatnonzero(np.isnan(values))[:5]}"
        assert (values >= 0).all(), f"{column} negative: min {values.min()}"
        assert (values == np.round(values)).all(), f"{column} is not a whole count"
    assert (ts["active_staff"] <= ts["headcount"]).all()
    assert (ts["pungli_asked"] <= ts["resolved"]).all()


def test_daily_rates_nan_only_without_cases(run):
    _, model, _, _ = run
    ts = model.timeseries()
    nothing_resolved = ts["resolved"] == 0
    for column in ("lead_time_mean_days", "on_time_share", "quality"):
        missing = ts[column].isna()
        assert not (missing & ~nothing_resolved).any(), f"{column} NaN on a day with resolutions"
    assert (ts["lead_time_mean_days"].dropna() >= 0).all()
    rated = (ts["resolved"] + ts["withdrawn"]) > 0
    assert not (ts["ikm"].isna() & rated).any()
    ikm = ts["ikm"].dropna()
    assert ((ikm >= 25 - 1e-9) & (ikm <= 100 + 1e-9)).all(), (ikm.min(), ikm.max())
    for column in SHARE_COLUMNS:
        values = ts[column].dropna()
        assert ((values >= 0) & (values <= 1 + 1e-9)).all(), (column, values.min(), values.max())


def test_summary_outcomes_finite_and_non_negative(run):
    _, model, _, _ = run
    summary = model.summary()
    for name in SUMMARY_OUTCOMES:
        value = summary[name]
        if name.startswith("lead_time") and summary["resolved"] == 0:
            continue
        assert np.isfinite(value), f"summary {name} = {value}"
        assert value >= 0, f"summary {name} = {value}"
    assert 25 <= summary["ikm"] <= 100
    for name in ("on_time_share", "pungli_share", "withdrawn_share", "overhead_share",
                 "corrupt_staff_share", "adoption_share"):
        assert 0 <= summary[name] <= 1, f"summary {name} = {summary[name]}"
    warmup = model.scenario.warmup_days
    open_at_warmup = model.timeseries()["backlog"].iloc[warmup - 1] if warmup else 0
    assert summary["resolved"] <= summary["arrivals"] + open_at_warmup


def test_headcount_matches_units_and_staff_table(run):
    _, model, employed, _ = run
    ts = model.timeseries()
    headcount = ts["headcount"].to_numpy()
    mismatch = np.flatnonzero(headcount != employed)
    assert len(mismatch) == 0, (
        f"day {mismatch[0]}: recorded headcount {headcount[mismatch[0]]}, staff not left "
        f"{employed[mismatch[0]]}"
    )
    units = model.unit_series()
    per_day = units.groupby("day")["headcount"].sum()
    assert len(per_day) == len(ts)
    np.testing.assert_array_equal(per_day.to_numpy(), headcount)
    for column in ("arrivals", "resolved", "withdrawn", "backlog"):
        np.testing.assert_array_equal(
            units.groupby("day")[column].sum().to_numpy(), ts[column].to_numpy(), err_msg=column
        )
    assert int(model.unit_state.headcount.sum()) == employed[-1]


def test_staff_table_invariants(run):
    _, model, _, snapshots = run
    layers = model.org.approval_layers
    n_units = model.org.n_units
    assert snapshots
    for day, snap in snapshots:
        where = f"day {day}"
        status = snap["status"]
        assert np.isin(status, [ACTIVE, SANCTIONED, LEFT]).all(), f"{where}: status {np.unique(status)}"
        employed = status != LEFT
        grade = snap["grade"].astype(int)
        unit = snap["unit"]
        assert ((grade >= 0) & (grade <= MAX_GRADE)).all(), f"{where}: grades {np.unique(grade)}"
        assert ((unit >= 0) & (unit < n_units)).all(), where
        skill = snap["skill"][employed]
        assert (skill >= SKILL_FLOOR - 1e-6).all() and (skill <= SKILL_CEILING + 1e-6).all(), (
            f"{where}: skill {skill.min()} .. {skill.max()}"
        )
        too_high = employed & (grade > layers[unit])
        assert not too_high.any(), (
            f"{where}: {too_high.sum()} officials above their unit's {layers[unit[too_high]][:3]} "
            f"approval layers (grades {grade[too_high][:3]})"
        )
        for name in ("motivation", "integrity", "acceptance"):
            values = snap[name][employed]
            assert ((values >= 0) & (values <= 1 + 1e-6)).all(), (where, name, values.min(), values.max())
        assert len(np.unique(snap["staff_id"])) == len(snap["staff_id"]), f"{where}: duplicate ids"


def test_unit_agents_agree_with_arrays(run):
    _, model, _, _ = run
    assert len(model.unit_agents) == model.org.n_units
    total = sum(agent.headcount for agent in model.unit_agents)
    assert total == int(model.unit_state.headcount.sum())
    assert sum(agent.backlog for agent in model.unit_agents) == model.cases()["open"]


def test_unit_agents_in_bulk_match_one_by_one_construction():
    """``UnitAgent.create_all`` leaves the model as ``UnitAgent(model, i)`` for each unit does:
    same ids, same registrations (all agents, by type), and later agents count on from them."""
    import mesa
    from birosim.core.units import UnitAgent

    one_by_one, bulk = mesa.Model(seed=1), mesa.Model(seed=1)
    expected = [UnitAgent(one_by_one, i) for i in range(5)]
    agents = UnitAgent.create_all(bulk, 5)
    for model, made in ((one_by_one, expected), (bulk, agents)):
        assert [a.unique_id for a in made] == [1, 2, 3, 4, 5]
        assert [a.index for a in made] == [0, 1, 2, 3, 4]
        assert all(a.model is model and a.pos is None for a in made)
        assert list(model.agents) == made
        assert list(model.agents_by_type[UnitAgent]) == made
        assert UnitAgent(model, 5).unique_id == 6
        assert len(model.agents) == 6
    more = UnitAgent.create_all(bulk, 2)
    assert [a.unique_id for a in more] == [7, 8]
    assert len(bulk.agents_by_type[UnitAgent]) == 8
    more[0].remove()
    assert len(bulk.agents) == 7


def test_unit_series_is_one_row_per_unit_and_day(run):
    _, model, _, _ = run
    units = model.unit_series()
    assert len(units) == model.org.n_units * model.scenario.horizon_days
    assert not units.duplicated(["day", "unit_id"]).any()
    assert isinstance(units, pd.DataFrame)


@pytest.mark.parametrize("target", ["none", "continuous", "threshold", "ratchet"])
def test_capacities_stay_finite_under_every_target_rule(make_scenario, target):
    """Unmeasured units (no resolved case yet) must not turn effort or capacity into NaN."""
    scenario = make_scenario(preset="results_oriented", horizon=60,
                             levers={"measurement.target": target})
    model = BureaucracyModel(scenario, unit_series=False)
    for _ in range(60):
        model.step()
        assert np.isfinite(model.unit_state.effort).all()
        assert np.isfinite(model.service.capacity).all()
        assert np.isfinite(model.service.carry).all()


def test_a_finished_model_is_freed(make_scenario):
    """Nothing global holds on to a model once its run is over (Mesa 3.3 kept every model ever
    built, mesa/mesa#3179), so a sweep worker's memory stays flat over thousands of runs."""
    import gc
    import weakref

    model = BureaucracyModel(make_scenario(horizon=20), unit_series=False)
    model.run()
    assert len(model.unit_agents) == model.org.n_units
    unit_ids = [agent.unique_id for agent in model.unit_agents]
    assert unit_ids == list(range(1, len(unit_ids) + 1))
    ref = weakref.ref(model)
    del model
    gc.collect()
    assert ref() is None
