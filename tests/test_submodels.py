"""Each submodel built on its own through the plug-in protocol, with a stub context.

The stub context holds a populated classroom organisation's unit state and staff, the levers,
fresh random streams, a ``policy`` that gives every unit the lever value (no reform programme
in between), an ``uptake`` of 1 and a ``practice`` that gives every unit the designed value.
Each test builds one submodel from ``SUBMODELS`` with it, drives its hooks and checks an invariant of that
submodel (conservation, bounds, a monotone response), so a submodel can be tested without the
model around it.
"""

from __future__ import annotations

import numpy as np
import pytest
from birosim.core import BureaucracyModel, scenario_from_dict
from birosim.core.levers import PRACTISED_LEVERS, get_lever
from birosim.core.rng import Streams
from birosim.core.staff import ACTIVE, LEFT
from birosim.core.submodel import StepContext, Submodel, SubmodelBase
from birosim.core.submodels import SUBMODELS
from birosim.core.submodels.service import N_STAGES

BY_NAME = {submodel.name: submodel for submodel in SUBMODELS}


def stub_context(day: int = 30, **levers) -> StepContext:
    """A context over a populated classroom organisation, without the model's submodels."""
    scenario = scenario_from_dict({"organisation": "classroom", "horizon_days": 500,
                                   "levers": levers}, "test")
    state = BureaucracyModel(scenario, seed=3)  # only for a populated unit state and staff
    n = state.org.n_units
    context = StepContext(
        levers=scenario.levers, conventional=state.context.conventional, org=state.org, units=state.unit_state, staff=state.staff,
        streams=Streams(5), days_per_year=state.days_per_year, warmup_days=0,
        refresh_staff_aggregates=state.refresh_staff_aggregates,
        refresh_corruption_shares=state.refresh_corruption_shares,
    )
    context.day = state.day = day
    context.policy = lambda path: np.full(n, get_lever(scenario.levers, path))
    context.practice = {path: np.full(n, float(get_lever(scenario.levers, path)))
                        for path in PRACTISED_LEVERS}
    context.uptake = lambda path: np.ones(n)
    context.queue = np.zeros((n, N_STAGES), dtype=np.int64)
    return context


def a_day(context: StepContext, *names: str) -> None:
    """Run one day of the named submodels (built fresh, in registry order) on the context."""
    for name in names:
        BY_NAME[name](context).on_day(context)


def test_every_submodel_follows_the_protocol():
    for submodel in SUBMODELS:
        assert issubclass(submodel, SubmodelBase) and isinstance(submodel.__new__(submodel),
                                                                 Submodel)
        for attribute in ("group", "source", "odd_section"):
            assert getattr(submodel, attribute), (submodel.name, attribute)
        assert all(isinstance(field, str) for field in submodel.reads + submodel.writes)
    assert len({submodel.name for submodel in SUBMODELS}) == len(SUBMODELS)


def test_service_conserves_cases():
    context = stub_context()
    service = BY_NAME["service"](context)
    assert context.queue is service.queue  # published on the context
    arrived = resolved = withdrawn = 0
    for day in range(60):
        context.day = day
        service.on_day(context)
        today = context.today
        arrived += today["arrivals"].sum()
        resolved += today["resolved"].sum()
        withdrawn += today["withdrawn"].sum()
        assert arrived == resolved + withdrawn + context.queue.sum()
    assert resolved > 0


def test_integrity_acts_and_citizens_ratings_stay_within_the_day_s_cases():
    context = stub_context(**{"integrity": {"initial_corruption": 0.9}})
    service, integrity, citizens = (BY_NAME[name](context) for name in
                                    ("service", "integrity", "citizens"))
    integrity.settle_initial_norms()
    for day in range(20):
        context.day = day
        for submodel in (service, integrity, citizens):
            submodel.on_day(context)
        today = context.today
        assert (today["acts"] <= today["served"].sum(axis=1)).all()
        assert (today["asked"] <= today["resolved"]).all()
        assert (today["complaints"] <= today["asked"]).all()
        rated = today["ratings"] > 0
        ikm = today["ikm_sum"][rated] / today["ratings"][rated]
        assert ((ikm >= 25 - 1e-9) & (ikm <= 100 + 1e-9)).all()


@pytest.mark.parametrize("mode", ["incremental", "performance"])
def test_budget_round_respects_its_rule(mode):
    context = stub_context(day=250, budget={"mode": mode})
    budget = BY_NAME["budget"](context)
    budget.arrivals_this_year[:] = context.org.daily_demand * 250
    before = context.units.establishment.copy()
    budget.on_year(context)
    after = context.units.establishment
    change = context.levers.budget.max_yearly_change
    if mode == "incremental":  # Parkinson: requests never fall, grants never exceed them
        assert (after >= before).all()
        granted = after - before + context.units.honorer_posts
        assert (granted <= budget.requested + 1e-9).all() and (budget.requested > 0).all()
    else:
        assert (np.abs(after - before) <= before * change + 1e-9).all()


def test_appointments_fill_funded_posts():
    context = stub_context()
    context.units.establishment = context.units.establishment + 3
    BY_NAME["appointments"](context).on_year(context)
    assert (context.units.headcount == np.rint(context.units.establishment)).all()


def test_careers_conserve_staff_and_cap_skill():
    context = stub_context(careers={"training_days_per_year": 60, "turnover_rate": 0.5})
    careers = BY_NAME["careers"](context)
    employed_before = (context.staff.view("status") != LEFT).sum()
    for month in range(12):
        context.day = 30 + 21 * month
        careers.on_month(context)
    employed = (context.staff.view("status") != LEFT).sum()
    assert employed_before - employed == careers.retired + careers.resigned > 0
    assert context.staff.view("skill").max() <= context.levers.careers.skill_ceiling + 1e-6


def test_flexibility_moves_staff_without_losing_any():
    context = stub_context(flexibility={"reallocation_interval_days": 10,
                                        "reallocation_share": 0.5})
    context.queue[0, 0] = 5_000  # one unit far behind
    flexibility = BY_NAME["flexibility"](context)
    units = context.staff.view("unit").copy()
    context.day = 10
    flexibility.on_day(context)
    assert flexibility.moved > 0
    assert len(context.staff.view("unit")) == len(units)
    moved = context.staff.view("unit") != units
    assert (context.staff.view("unit")[moved] == 0).all()  # toward the unit in need


def test_goals_overhead_is_bounded_and_falls_with_goal_setting():
    overheads = []
    for strength in (0.0, 1.0):
        context = stub_context(goals={"goal_setting": strength})
        BY_NAME["goals"](context).on_month(context)
        units = context.units
        assert ((units.overhead >= 0) & (units.overhead <= context.levers.goals.max_overhead)).all()
        assert ((units.clarity >= context.org.goal_clarity - 1e-12) & (units.clarity <= 1)).all()
        overheads.append(units.overhead.copy())
    assert (overheads[1] <= overheads[0]).all() and (overheads[1] < overheads[0]).any()


def test_measurement_reports_the_truth_when_nothing_is_measured():
    context = stub_context(measurement={"intensity": 0.0})
    measurement = BY_NAME["measurement"](context)
    context.month["resolved"][:] = 100
    context.month["on_time"][:] = 70
    measurement.on_month(context)
    units = context.units
    assert np.allclose(units.perf_reported, units.perf_true) and np.allclose(units.perf_true, 0.7)
    assert ((units.quality >= 0.05) & (units.quality <= 1)).all() and (units.gaming == 0).all()


def test_innovation_keeps_work_above_its_floor():
    context = stub_context(innovation={"innovation_time_share": 0.3, "idea_rate": 1.0,
                                       "mean_gain": 0.5, "failure_tolerance": 1.0})
    innovation = BY_NAME["innovation"](context)
    adoptions = 0
    for month in range(24):
        context.day = 30 + 21 * month
        innovation.on_month(context)
        assert innovation.adoptions >= adoptions
        adoptions = innovation.adoptions
    multiplier = context.units.work_multiplier
    floor = context.levers.innovation.work_floor
    assert adoptions > 0 and (multiplier >= floor - 1e-12).all() and (multiplier <= 1).all()


def test_reform_keeps_acceptance_a_share_and_leaves_non_members_at_zero():
    context = stub_context(reform={"enabled": True, "pilot_share": 0.4, "scale_up_day": 10_000,
                                   "leadership_support": 0.9})
    reform = BY_NAME["reform"](context)
    assert context.policy == reform.policy  # published on the context
    for month in range(6):
        context.day = 21 * month
        reform.on_month(context)
        acceptance = context.staff.view("acceptance")[context.staff.view("status") == ACTIVE]
        assert ((acceptance >= 0) & (acceptance <= 1)).all()
        assert (reform.implementation[~reform.joined] == 0).all()
    assert set(context.practice) == set(PRACTISED_LEVERS)
