"""Capacity becomes output, and flexibility that matters (issue 11 items 4 and 7).

Invariants, each on paired seeds (common random numbers: the same seed draws the same staff and
citizens under both rule sets):

- latent demand: faster service deters fewer citizens, so more of their need arrives; with a
  zero elasticity the stream is fixed;
- quality gains show as fewer returned cases;
- training has diminishing returns: each further block of training days adds less skill;
- reallocation helps where need differs between units over the year (seasonal peaks half a year
  apart) and costs something where it does not (a rule that chases daily noise moves staff, who
  lose local knowledge and settle in, for no gain).
"""

from __future__ import annotations

import numpy as np
import pytest
from birosim.core.scenario import load_scenario
from birosim.core.submodels.careers import trained_skill

SEEDS = (0, 1, 2)
COLUMNS_WITH_PHASE = (
    "unit_id", "unit_name", "parent_org", "staff", "daily_demand", "approval_layers",
    "service_standard_days", "work_hours_per_case", "goal_clarity", "monopoly", "discretion",
    "salary_rp_month", "season_phase",
)


def paired(make_scenario, run_model, base: dict, changed: dict, **scenario):
    """(summary without, summary with the change, model with the change) per seed."""
    results = []
    for seed in SEEDS:
        before = run_model(make_scenario(seed=seed, levers=base, **scenario), unit_series=False)
        after = run_model(make_scenario(seed=seed, levers={**base, **changed}, **scenario),
                          unit_series=False)
        results.append((before.summary(), after.summary(), after))
    return results


# ------------------------------------------------------------------ latent demand and quality


def test_faster_service_deters_fewer_citizens(make_scenario, run_model):
    # more hands and officials always at their desks (classroom's bottlenecks are sign-off layers)
    faster = {"service.absence_rate": 0.0, "service.hours_per_day": 9.0,
              "service.official_absence_rate": 0.0}
    for slow, fast, _ in paired(make_scenario, run_model, {}, faster, org="classroom",
                                horizon=400, warmup=50):
        assert fast["lead_time_mean_days"] < slow["lead_time_mean_days"]  # the premise
        assert fast["deterred_share"] < slow["deterred_share"], (slow, fast)
        assert fast["unmet_need_share"] < slow["unmet_need_share"]
        assert fast["arrivals"] > slow["arrivals"]  # the deterred come forward: capacity -> output
        assert fast["resolved"] > slow["resolved"]


def test_zero_elasticity_is_a_fixed_stream(make_scenario, run_model):
    summary = run_model(make_scenario(org="classroom", horizon=150, seed=0,
                                      levers={"citizens.wait_elasticity": 0.0})).summary()
    assert summary["deterred_share"] == 0


def test_quality_gains_show_as_fewer_returns(make_scenario, run_model):
    for low, high, _ in paired(make_scenario, run_model, {}, {"goals.goal_setting": 1.0},
                               org="classroom", horizon=300, warmup=50):
        assert high["quality"] > low["quality"]
        assert high["rework_share"] < low["rework_share"], (low["rework_share"], high["rework_share"])


# ------------------------------------------------------------------ training


def test_training_gains_fall_with_each_block_of_days():
    levers = load_scenario("conventional").levers.careers
    skill = np.array([0.6, 1.0, 1.3], dtype=np.float32)
    gains = []
    for _ in range(12):  # twelve blocks of ten training days
        trained = trained_skill(skill, np.full(3, 10.0), levers)
        gains.append(trained - skill)
        skill = trained
    gains = np.array(gains)
    assert (gains > 0).all() and (np.diff(gains, axis=0) < 0).all()
    assert (skill < levers.training_ceiling).all()
    above = np.array([levers.training_ceiling + 0.3], dtype=np.float32)
    assert trained_skill(above, np.array([50.0]), levers)[0] == above[0]  # no gain, no loss


def test_more_training_days_add_less_skill_in_a_run(make_scenario, run_model):
    """Mean skill after two years against training days per year: concave (tolerance: the
    seeds are shared, so the same staff are trained; 1e-4 of skill for float32 sums)."""
    days = (0, 20, 40, 60)
    quiet = {"careers.turnover_rate": 0.0, "careers.retirement_age": 70}
    for seed in SEEDS[:2]:
        skill = []
        for d in days:
            model = run_model(make_scenario(org="classroom", horizon=500, seed=seed,
                                            levers={**quiet, "careers.training_days_per_year": d}),
                              unit_series=False)
            skill.append(float(model.unit_state.skill_mean.mean()))
        steps = np.diff(skill)
        assert (steps > 0).all() and (np.diff(steps) < -1e-4).all(), skill


# ------------------------------------------------------------------ flexibility


@pytest.fixture(scope="module")
def four_units(tmp_path_factory, write_org_csv, org_row):
    """Four equal units loaded to about 0.8 of casework capacity; phases as given."""
    def build(phases):
        rows = [org_row(unit_id=f"U{i}", staff=40, daily_demand=105, approval_layers=2,
                        service_standard_days=5, work_hours_per_case=1.4, goal_clarity=0.6,
                        season_phase=phase) for i, phase in enumerate(phases)]
        path = tmp_path_factory.mktemp("flex") / "four_units.csv"
        return write_org_csv(path, rows, columns=COLUMNS_WITH_PHASE)
    return build


REALLOCATE = {"flexibility.reallocation_interval_days": 21}
IMPROVEMENT = 0.05  # mean lead-time cut over seeds; measured about 11 % (3-17 % by seed)


def test_reallocation_helps_when_seasonal_peaks_differ(four_units, make_scenario, run_model):
    org = four_units((0.0, 0.0, 0.5, 0.5))
    runs = paired(make_scenario, run_model, {"service.seasonality": 0.5}, REALLOCATE, org=org,
                  horizon=750, warmup=50)
    cuts = []
    for fixed, flexible, model in runs:
        assert model.flexibility.moved > 0
        assert flexible["backlog"] < fixed["backlog"] and flexible["ikm"] > fixed["ikm"]
        assert flexible["deterred_share"] < fixed["deterred_share"]
        cuts.append(1 - flexible["lead_time_mean_days"] / fixed["lead_time_mean_days"])
    assert np.mean(cuts) >= IMPROVEMENT, cuts


def test_reallocation_costs_when_need_does_not_differ(four_units, make_scenario, run_model):
    """Equal units, flat demand: a rule that moves staff on each day's arrivals moves them back
    and forth; movers leave local knowledge behind and settle in, so true productivity falls on
    every seed. (Lead times are not held to "no gain": moving staff to where today's queue is
    longer pools the daily noise, which can shorten waits by a few per cent, as queueing theory
    expects; that is a benefit bought with the productivity lost.)"""
    org = four_units((0.0,) * 4)
    jumpy = {"flexibility.reallocation_interval_days": 5, "flexibility.arrivals_smoothing": 1.0,
             "flexibility.reallocation_share": 0.2, "flexibility.backlog_clearance_days": 1}
    runs = paired(make_scenario, run_model, {"service.seasonality": 0.0}, jumpy, org=org,
                  horizon=500, warmup=50)
    for fixed, flexible, model in runs:
        assert model.flexibility.moved > 0
        assert flexible["productivity_true"] < fixed["productivity_true"]


def test_inert_without_a_need_difference(four_units, make_scenario, run_model):
    """A sensible rule (the preset's) on equal units with flat demand at 0.8 load moves nobody."""
    org = four_units((0.0,) * 4)
    for fixed, flexible, model in paired(make_scenario, run_model, {"service.seasonality": 0.0},
                                         REALLOCATE, org=org, horizon=300, warmup=50)[:1]:
        assert model.flexibility.moved == 0
        np.testing.assert_equal(flexible, fixed)
