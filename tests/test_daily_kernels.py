"""The daily path's compiled kernels give exactly what the numpy code they replaced gave.

Programme spending, honorer pay and the day's record are booked by kernels; the numpy
versions they replaced are kept here as the reference, and a model that runs them (patched in)
must stay bit for bit in step with one that runs the kernels.
"""

from __future__ import annotations

import numpy as np
import pytest
from birosim.core import BureaucracyModel
from birosim.core.day_totals import adoption_share, finite_mean, numpy_sum
from birosim.core.submodels.careers import training_days
from birosim.core.submodels.integrity import complaints_investigated_share
from birosim.core.submodels.programme import ITEMS

LENGTHS = (0, 1, 5, 7, 8, 9, 36, 127, 128, 129, 200, 257, 1000, 8191, 8192, 8193, 21334, 50000)


@pytest.mark.parametrize("n", LENGTHS)
def test_numpy_sum_is_numpys_sum_bit_for_bit(n):
    rng = np.random.default_rng(n)
    values = rng.standard_normal(n) * 10.0 ** rng.uniform(-3, 9, n)
    assert numpy_sum(values) == values.sum()
    kept = values[rng.random(n) < 0.7]
    assert numpy_sum(kept) == kept.sum()


@pytest.mark.parametrize("n", LENGTHS)
def test_finite_mean_is_numpys_mean_of_the_finite_values(n):
    rng = np.random.default_rng(n + 1)
    values = rng.uniform(0, 1, n)
    values[rng.random(n) < 0.3] = np.nan
    values[rng.random(n) < 0.05] = np.inf
    finite = values[np.isfinite(values)]
    expected = float(finite.mean()) if len(finite) else np.nan
    assert finite_mean(values) == expected or (np.isnan(finite_mean(values)) and np.isnan(expected))
    assert np.isnan(finite_mean(np.full(n, np.nan)))


def test_adoption_share_is_the_mean_over_slots_in_use():
    rng = np.random.default_rng(3)
    for units, slots in ((1, 1), (5, 3), (36, 8), (300, 17)):
        adopted = rng.random((units, slots)) < 0.4
        in_use = rng.random(slots) < 0.6
        expected = float(adopted[:, in_use].mean()) if in_use.any() else 0.0
        assert adoption_share(adopted, in_use) == expected
        assert adoption_share(adopted, np.zeros(slots, dtype=bool)) == 0.0


def _daily_costs_numpy(ctx) -> dict[str, np.ndarray]:
    """Programme spending as it was computed before the kernel (numpy, every day)."""
    levers = ctx.levers
    integrity = levers.integrity
    units = ctx.units
    days = ctx.days_per_year
    auditor_days = (ctx.policy("integrity.audit_rate") * integrity.auditor_days_per_audit
                    * integrity.auditor_staffing)
    investigated = (ctx.today["complaints"] * ctx.practice["integrity.complaint_channel"]
                    * complaints_investigated_share(ctx))
    officials = units.official_count.sum(axis=1)
    return {
        "audits": auditor_days * integrity.auditor_day_cost_rp * integrity.auditor_skill / days,
        "complaint_handling": investigated * integrity.complaint_investigation_rp,
        "measurement_system": (ctx.policy("measurement.intensity")
                               * levers.measurement.system_cost_rp_per_unit_year / days),
        "training": (training_days(ctx) * units.active
                     * levers.careers.training_cost_rp_per_person_day / days),
        "goal_setting": (ctx.policy("goals.goal_setting") * officials
                         * levers.goals.goal_setting_days
                         * levers.goals.goal_setting_cost_rp_per_day / days),
    }


def _add_cost_numpy(ctx, item, rupiah) -> None:
    """``StepContext.add_cost`` as it was before the kernel."""
    amount = np.broadcast_to(np.asarray(rupiah, dtype=np.float64), ctx.spending_today.shape)
    ctx.spending_today += amount
    ctx.spending_by_unit += amount
    ctx.spending_by_item[item] = ctx.spending_by_item.get(item, 0.0) + float(amount.sum())


def _with_numpy_spending(model: BureaucracyModel) -> BureaucracyModel:
    """Patch the model's programme and budget daily hooks back to the numpy versions."""
    ctx = model.context
    budget = model.budget

    def programme_day(context):
        for item, rupiah in _daily_costs_numpy(context).items():
            _add_cost_numpy(context, item, rupiah)

    def budget_day(context):
        budget.arrivals_this_year += context.today["arrivals"]
        if context.units.honorer_count.any():
            _add_cost_numpy(context, "honorer", context.units.honorer_pay_month
                            * context.months_per_year / context.days_per_year)

    model.programme.on_day = programme_day
    budget.on_day = budget_day
    assert ctx is model.context
    return model


@pytest.mark.parametrize("levers", [
    {},
    {"budget.honorer_hiring": 1.0, "budget.formasi_share": 0.0},
])
def test_programme_and_budget_kernels_book_what_numpy_booked(make_scenario, levers):
    def build():
        scenario = make_scenario("kabupaten", preset="results_oriented", horizon=300, seed=4,
                                 levers=levers)
        return BureaucracyModel(scenario, unit_series=False)

    kernels, reference = build(), _with_numpy_spending(build())
    event_day = 130
    for day in range(300):
        if day == event_day:  # a lever moved mid-month (as a trainer or an event does)
            for model in (kernels, reference):
                model.levers.integrity.audit_rate += 3
                model.levers.goals.goal_setting_cost_rp_per_day *= 2
        kernels.step()
        reference.step()
        assert np.array_equal(kernels.context.spending_by_unit, reference.context.spending_by_unit)
    assert list(kernels.context.spending_by_item.items()) == list(
        reference.context.spending_by_item.items())
    assert set(ITEMS) <= set(kernels.context.spending_by_item)
    assert np.array_equal(kernels.budget.arrivals_this_year, reference.budget.arrivals_this_year)
    summary, expected = kernels.summary(), reference.summary()
    assert list(summary) == list(expected)
    np.testing.assert_array_equal(list(summary.values()), list(expected.values()))  # NaN = NaN
    assert kernels.timeseries().equals(reference.timeseries())
    if levers:
        assert kernels.context.spending_by_item["honorer"] > 0


def test_add_cost_of_a_scalar_books_it_on_every_unit(make_scenario):
    model = BureaucracyModel(make_scenario("classroom"), unit_series=False)
    ctx = model.context
    ctx.add_cost("test", 0.1)
    n = ctx.org.n_units
    assert np.array_equal(ctx.spending_today, np.full(n, 0.1))
    assert ctx.spending_by_item["test"] == np.broadcast_to(0.1, (n,)).sum()


def test_record_day_keeps_the_model_recorder_readable_by_name_after_pickling(make_scenario):
    import pickle

    model = BureaucracyModel(make_scenario("classroom", horizon=40), unit_series=False)
    model.run(20)
    copy = pickle.loads(pickle.dumps(model))
    model.run()
    copy.run()
    assert copy.timeseries().equals(model.timeseries())
    assert copy.recorder.values["backlog"].base is copy.recorder.table


def test_a_day_past_the_recorders_horizon_is_refused(make_scenario):
    model = BureaucracyModel(make_scenario("classroom", horizon=5), unit_series=False)
    model.run()
    model.scenario.horizon_days = 6  # lengthened after construction: the recorder was not
    with pytest.raises(IndexError):
        model.step()
