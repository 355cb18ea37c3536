"""Queue sanity: the service submodel must behave like a queueing system.

1. Little's law in steady state: mean end-of-day backlog = arrival rate x mean lead time.
2. Lead time rises sharply (convexly) as utilisation approaches 1, and with returned cases
   counted in the load (the true utilisation rho) it follows a + b / (1 - rho).
3. The numba kernel ``serve_day`` on tiny hand-made arrays: one desk per day, FIFO, patience,
   fractional capacity carried while a queue is waiting, and conservation of cases.

The model runs use a single steady-state unit (one approval layer, clear goals, no corruption
opportunity) with every behaviour that would change capacity over time switched off by levers.
"""

from __future__ import annotations

import inspect

import numpy as np
import pytest
from birosim.core import BureaucracyModel, lever_table
from birosim.core.submodels.service import N_STAGES, WINDOW, serve_day
from hypothesis import given, settings
from hypothesis import strategies as st

BASE_DEMAND = 20.0  # cases per day in the CSV (also the reference for sign-off capacity)
STEADY_LEVERS = {
    "integrity.moral_cost_months": 60.0,
    "integrity.initial_corruption": 0.0,
    "innovation.innovation_time_share": 0.0,
    "innovation.external_rate": 0.0,
    "innovation.idea_rate": 0.0,
    "careers.turnover_rate": 0.0,
    "careers.retirement_age": 70,
    "careers.training_days_per_year": 0.0,
    "service.seasonality": 0.0,
    "service.absence_rate": 0.0,
    "service.official_absence_rate": 0.0,
    "service.approval_capacity_ratio": 20.0,
    "service.rework_at_zero_quality": 0.0,
    "citizens.wait_elasticity": 0.0,  # a fixed stream of arrivals: the queue, not its feedback
    "budget.formasi_share": 0.0,
    "budget.honorer_hiring": 0.0,
}
HORIZON, WARMUP = 600, 50
SEEDS = (0, 1)
UTILISATIONS = (0.5, 0.7, 0.9, 0.95)
LITTLE_TOLERANCE = 0.05


def bribe_lever(lever_names):
    """The integrity lever for the illicit payment (named per act or per case-hour)."""
    return next(n for n in ("integrity.bribe_rp", "integrity.bribe_rp_per_case_hour") if n in lever_names)


@pytest.fixture(scope="module")
def steady_org(tmp_path_factory, write_org_csv, org_row):
    path = tmp_path_factory.mktemp("queue") / "single_unit.csv"
    return write_org_csv(path, [org_row(
        unit_id="DESK", staff=20, daily_demand=BASE_DEMAND, approval_layers=1,
        service_standard_days=5.0, work_hours_per_case=6.0, goal_clarity=1.0, monopoly=0.0,
        discretion=0.0,
    )])


@pytest.fixture(scope="module")
def steady_levers():
    names = {row["lever"] for row in lever_table()}
    levers = {k: v for k, v in STEADY_LEVERS.items() if k in names}
    levers[bribe_lever(names)] = 0
    return levers


def casework_capacity(scenario) -> float:
    """Cases per day the unit's casework handles (deterministic: nobody is ever absent)."""
    model = BureaucracyModel(scenario, unit_series=False)
    model.run(1)
    return float(model.service.capacity[0, 0])


@pytest.fixture(scope="module")
def sweep(steady_org, steady_levers, make_scenario, run_model):
    """{utilisation: [(summary, timeseries, model) per seed]} over a demand sweep."""
    results = {rho: [] for rho in UTILISATIONS}
    for seed in SEEDS:
        base = make_scenario(org=steady_org, horizon=HORIZON, warmup=WARMUP, seed=seed,
                             levers=steady_levers)
        capacity = casework_capacity(base)
        assert capacity > 5, "the test unit should handle several cases a day"
        for rho in UTILISATIONS:
            scenario = base.with_levers({"service.demand_multiplier": rho * capacity / BASE_DEMAND})
            model = run_model(scenario, unit_series=False)
            results[rho].append((model.summary(), model.timeseries(), model))
    return results


def test_steady_state_unit_is_steady(sweep):
    for rho, runs in sweep.items():
        for summary, ts, _ in runs:
            assert summary["withdrawn_share"] == 0, rho
            assert (ts["headcount"] == 20).all(), "headcount must stay flat"
            assert summary["corrupt_acts_per_1000_cases"] == 0
            measured = ts["utilisation"].iloc[WARMUP:].mean()
            assert measured == pytest.approx(rho, abs=0.02), (rho, measured)


@pytest.mark.parametrize("rho", UTILISATIONS)
def test_littles_law(sweep, rho):
    for summary, ts, _ in sweep[rho]:
        days = HORIZON - WARMUP
        arrival_rate = summary["arrivals"] / days
        lead = summary["lead_time_mean_days"]
        backlog = ts["backlog"].iloc[WARMUP:].mean()
        assert backlog == pytest.approx(summary["backlog"])
        assert arrival_rate * lead == pytest.approx(backlog, rel=LITTLE_TOLERANCE), (
            f"rho {rho}: lambda {arrival_rate:.3f} x W {lead:.3f} = {arrival_rate * lead:.3f} "
            f"vs mean backlog {backlog:.3f}"
        )


def mean_queue_part(runs) -> float:
    """Mean lead time minus the one day the single sign-off takes."""
    return float(np.mean([summary["lead_time_mean_days"] for summary, _, _ in runs])) - 1.0


def test_lead_time_rises_sharply_near_full_utilisation(sweep):
    waits = np.array([mean_queue_part(sweep[rho]) for rho in UTILISATIONS])
    rhos = np.array(UTILISATIONS)
    assert (waits >= 0).all(), waits
    assert (np.diff(waits) > 0).all(), f"waits not increasing in utilisation: {waits}"
    slopes = np.diff(waits) / np.diff(rhos)
    assert (np.diff(slopes) > 0).all(), f"waits not convex in utilisation: slopes {slopes}"
    assert waits[-1] - waits[-2] > waits[1] - waits[0], waits
    assert waits[-1] > 3 * waits[1], waits


REWORK = 0.6  # rework at zero quality: about 15 % of worked cases come back (quality ~0.75)
NAIVE_LOADS = (0.35, 0.5, 0.6, 0.7, 0.75, 0.8)  # arrivals / casework capacity, returns left out
FIT_R2 = 0.97  # M/G/1-like queues: waiting ~ rho / (1 - rho); two seeds x 550 days of noise
FIT_RELATIVE_ERROR = 0.2


@pytest.fixture(scope="module")
def rework_sweep(steady_org, steady_levers, make_scenario, run_model):
    """[(true utilisation, mean lead time, naive utilisation)] per load, over two seeds."""
    levers = {**steady_levers, "service.rework_at_zero_quality": REWORK}
    points = []
    for load in NAIVE_LOADS:
        runs = []
        for seed in SEEDS:
            base = make_scenario(org=steady_org, horizon=HORIZON, warmup=WARMUP, seed=seed, levers=levers)
            multiplier = load * casework_capacity(base) / BASE_DEMAND
            model = run_model(base.with_levers({"service.demand_multiplier": multiplier}),
                              unit_series=False)
            summary = model.summary()
            runs.append((summary["utilisation"], summary["lead_time_mean_days"]))
        rho, lead = np.mean(runs, axis=0)
        points.append((rho, lead, load))
    return np.array(points)


def test_true_utilisation_counts_returned_cases(rework_sweep):
    rho, _, naive = rework_sweep.T
    assert (rho > naive * 1.1).all(), (rho, naive)  # about 1 / (1 - 0.15) x the naive load


def test_lead_time_follows_a_plus_b_over_one_minus_true_rho(rework_sweep):
    rho, lead, _ = rework_sweep.T
    assert rho.max() < 1, rho
    x = 1.0 / (1.0 - rho)
    b, a = np.polyfit(x, lead, 1)
    fitted = a + b * x
    r2 = 1 - ((lead - fitted) ** 2).sum() / ((lead - lead.mean()) ** 2).sum()
    assert b > 0 and r2 >= FIT_R2, (a, b, r2, rho, lead)
    assert (np.abs(lead - fitted) <= FIT_RELATIVE_ERROR * lead).all(), (fitted, lead)


# --------------------------------------------------------------------- the kernel itself


KERNEL_PARAMETERS = tuple(inspect.signature(serve_day.py_func).parameters)


class Kernel:
    """Arrays for ``serve_day`` with a few units, stepped one day at a time.

    Arguments are passed by name, so the helper follows the kernel's signature; a parameter it
    does not know makes the test fail with the parameter's name.
    """

    def __init__(self, capacity, layers=1, patience=120, standard=5.0, rework=0.0):
        capacity = np.atleast_2d(np.asarray(capacity, dtype=np.float64))
        n = capacity.shape[0]
        self.n = n
        self.capacity = np.zeros((n, N_STAGES))
        self.capacity[:, : capacity.shape[1]] = capacity
        self.counts = np.zeros((n, WINDOW, N_STAGES), dtype=np.int32)  # [unit, day slot, stage]
        self.oldest = np.zeros((n, N_STAGES), dtype=np.int64)
        self.queue = np.zeros((n, N_STAGES), dtype=np.int64)
        self.carry = np.zeros((n, N_STAGES))
        self.n_stages = np.full(n, 1 + layers, dtype=np.int64)
        self.patience = int(patience)
        self.standard = np.full(n, float(standard))
        self.rework_share = np.full(n, float(rework))
        self.rework_carry = np.zeros(n)
        self.lead_hist = np.zeros((n, WINDOW), dtype=np.int64)
        self.day = 0

    def step(self, arrivals=0):
        n = self.n
        out = {
            "served": np.zeros((n, N_STAGES), dtype=np.int64),
            "withdrawn": np.zeros(n, dtype=np.int64),
            "returned": np.zeros(n, dtype=np.int64),
            "done": np.zeros(n, dtype=np.int64),
            "lead_sum": np.zeros(n, dtype=np.int64),
            "on_time": np.zeros(n, dtype=np.int64),
            "timely": np.zeros(n),
        }
        known = {
            "day": self.day, "counts": self.counts, "oldest": self.oldest, "queue": self.queue,
            "arrivals": np.broadcast_to(np.asarray(arrivals, dtype=np.int64), (n,)).copy(),
            "capacity": self.capacity, "carry": self.carry, "n_stages": self.n_stages,
            "patience": self.patience, "standard": self.standard,
            "rework_share": self.rework_share, "rework_carry": self.rework_carry,
            "record": True, "served": out["served"], "withdrawn": out["withdrawn"],
            "returned": out["returned"],
            "done": out["done"], "done_lead_sum": out["lead_sum"],
            "done_on_time": out["on_time"], "done_timely": out["timely"],
            "lead_hist": self.lead_hist,
        }
        unknown = [p for p in KERNEL_PARAMETERS if p not in known]
        assert not unknown, f"serve_day has parameters this test does not know: {unknown}"
        serve_day(**{p: known[p] for p in KERNEL_PARAMETERS})
        self.day += 1
        return out


def test_kernel_one_desk_per_day():
    kernel = Kernel(capacity=[[100, 100, 100, 100]], layers=3)
    days = [kernel.step(5 if day == 0 else 0) for day in range(5)]
    assert [d["served"][0, :4].tolist() for d in days[:4]] == [
        [5, 0, 0, 0], [0, 5, 0, 0], [0, 0, 5, 0], [0, 0, 0, 5],
    ]
    assert [int(d["done"][0]) for d in days] == [0, 0, 0, 5, 0]
    assert days[3]["lead_sum"][0] == 15  # five cases, three days each
    assert kernel.lead_hist[0, 3] == 5 and kernel.lead_hist.sum() == 5
    assert kernel.queue.sum() == 0 and kernel.counts.sum() == 0


def test_kernel_first_come_first_served():
    kernel = Kernel(capacity=[[2, 100]], layers=1)
    day0 = kernel.step(3)
    assert day0["served"][0, 0] == 2
    assert kernel.counts[0, 0, 0] == 1 and kernel.counts[0, 0, 1] == 2
    day1 = kernel.step(2)
    # the day-0 straggler goes before day-1 arrivals
    assert kernel.counts[0, 0, 0] == 0 and kernel.counts[0, 1, 0] == 1
    assert day1["done"][0] == 2 and day1["lead_sum"][0] == 2
    day2 = kernel.step(0)
    assert day2["done"][0] == 2 and day2["lead_sum"][0] == 2 + 1
    day3 = kernel.step(0)
    assert day3["done"][0] == 1 and day3["lead_sum"][0] == 2
    assert kernel.lead_hist[0, :3].tolist() == [0, 3, 2]
    assert kernel.queue.sum() == 0


def test_kernel_on_time_against_standard():
    kernel = Kernel(capacity=[[1, 100]], layers=1, standard=2.0)
    kernel.step(4)
    outs = [kernel.step(0) for _ in range(5)]
    done = sum(int(o["done"][0]) for o in outs)
    on_time = sum(int(o["on_time"][0]) for o in outs)
    assert done == 4
    # casework on days 0, 1, 2, 3; sign-off one day later: leads 1, 2, 3, 4; standard 2 days
    assert on_time == 2
    assert kernel.lead_hist[0, 1:5].tolist() == [1, 1, 1, 1]


def test_kernel_patience_withdrawal():
    kernel = Kernel(capacity=[[0, 100]], layers=1, patience=5)
    withdrawn = [int(kernel.step(4 if day == 0 else 0)["withdrawn"][0]) for day in range(8)]
    # a citizen waits while the case is at most `patience` days old, and leaves the day after
    assert withdrawn == [0, 0, 0, 0, 0, 0, 4, 0]
    assert kernel.queue.sum() == 0 and kernel.counts.sum() == 0


def test_kernel_patience_applies_to_casework_only():
    kernel = Kernel(capacity=[[100, 0]], layers=1, patience=3)
    outs = [kernel.step(2 if day == 0 else 0) for day in range(10)]
    assert sum(int(o["withdrawn"][0]) for o in outs) == 0
    assert kernel.queue[0, 1] == 2  # still waiting for sign-off


def test_kernel_fractional_capacity_carry():
    kernel = Kernel(capacity=[[0.5, 100]], layers=1)
    served = [int(kernel.step(4 if day == 0 else 0)["served"][0, 0]) for day in range(9)]
    assert served == [0, 1, 0, 1, 0, 1, 0, 1, 0]
    assert kernel.carry[0, 0] == 0.0  # nothing carried once the queue is empty

    kernel = Kernel(capacity=[[2.5, 100]], layers=1)
    served = [int(kernel.step(10 if day == 0 else 0)["served"][0, 0]) for day in range(4)]
    assert served == [2, 3, 2, 3]


def test_kernel_idle_capacity_is_not_banked():
    kernel = Kernel(capacity=[[0.5, 100]], layers=1)
    for _ in range(10):
        kernel.step(0)
    assert kernel.step(3)["served"][0, 0] == 0  # ten idle half-days do not add up to 5 cases
    assert kernel.step(0)["served"][0, 0] == 1


def test_kernel_rework_takes_another_day_of_casework():
    if "rework_share" not in KERNEL_PARAMETERS:
        pytest.skip("the kernel has no rework")
    kernel = Kernel(capacity=[[10, 100]], layers=1, rework=0.5)
    first = kernel.step(4)
    assert first["served"][0, 0] == 4
    assert kernel.queue[0, 0] == 2 and kernel.queue[0, 1] == 2  # half the files come back
    assert first["returned"][0] == 2  # and are counted as returned (offered load again)
    second = kernel.step(0)
    assert second["served"][0, 0] == 2 and second["done"][0] == 2 and second["returned"][0] == 1
    outs = [kernel.step(0) for _ in range(5)]
    assert second["done"][0] + sum(int(o["done"][0]) for o in outs) == 4
    assert kernel.queue.sum() == 0


def test_kernel_units_are_independent():
    kernel = Kernel(capacity=[[1, 100], [3, 100]], layers=1)
    out = kernel.step([5, 5])
    assert out["served"][:, 0].tolist() == [1, 3]


@settings(max_examples=60, deadline=None)
@given(
    data=st.data(),
    layers=st.integers(1, N_STAGES - 1),
    patience=st.integers(1, 30),
    days=st.integers(1, 60),
    rework=st.sampled_from([0.0, 0.1, 0.5]),
)
def test_kernel_conserves_cases(data, layers, patience, days, rework):
    capacity = data.draw(st.lists(st.floats(0, 8, allow_nan=False), min_size=N_STAGES,
                                  max_size=N_STAGES))
    kernel = Kernel(capacity=[capacity], layers=layers, patience=patience, rework=rework)
    arrived = done = withdrawn = lead = 0
    for _ in range(days):
        arrivals = data.draw(st.integers(0, 15))
        budget = kernel.carry[0].copy() + kernel.capacity[0]
        out = kernel.step(arrivals)
        arrived += arrivals
        done += int(out["done"][0])
        withdrawn += int(out["withdrawn"][0])
        lead += int(out["lead_sum"][0])
        assert (kernel.queue >= 0).all() and (kernel.counts >= 0).all()
        assert arrived == done + withdrawn + int(kernel.queue.sum())
        np.testing.assert_array_equal(kernel.queue[0], kernel.counts[0].sum(axis=0))
        served = out["served"][0, : layers + 1]
        assert (served <= np.floor(budget[: layers + 1] + 1e-9)).all(), (served, budget)
        assert (out["served"][0, layers + 1:] == 0).all()
        assert out["on_time"][0] <= out["done"][0]
    assert kernel.lead_hist.sum() == done
    assert int((kernel.lead_hist[0] * np.arange(WINDOW)).sum()) == lead
    assert (np.flatnonzero(kernel.lead_hist[0]) >= layers).all()  # one desk per day
