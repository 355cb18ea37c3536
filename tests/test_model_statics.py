"""Comparative statics (each over several seeds, comparing means) and per-submodel unit tests.

Comparative statics: more approval layers lengthen lead times; audits and sanctions lower
corruption; incremental budgeting grows headcount with flat demand and performance budgeting
does not; collaboration speeds the diffusion of an innovation; strong targets on noisy measures
widen the gap between reported and true performance.

Unit tests: one rule of one submodel at a time, on a freshly built model whose state is set by
hand (goals, careers, integrity, reform, measurement, citizens, flexibility, budget cut).
"""

from __future__ import annotations

import numpy as np
import pytest
from birosim.core import BureaucracyModel, lever_table, scenario_from_dict
from birosim.core.levers import Levers
from birosim.core.staff import ACTIVE, LEFT, SANCTIONED
from birosim.core.submodels.careers import FillingRound, fill_vacancies, officials_required

SEEDS = (1, 2, 3, 4)
LEVER_NAMES = {row["lever"] for row in lever_table()}
BRIBE = next(n for n in ("integrity.bribe_rp", "integrity.bribe_rp_per_case_hour") if n in LEVER_NAMES)


def mean_over_seeds(make_scenario, run_model, metric, seeds=SEEDS, **scenario_kwargs):
    values = []
    for seed in seeds:
        model = run_model(make_scenario(seed=seed, **scenario_kwargs), unit_series=False)
        values.append(metric(model))
    return float(np.mean(values)), values


# ------------------------------------------------------------------ comparative statics


def test_more_approval_layers_lengthen_lead_times(make_scenario, run_model):
    """Delegation 0 keeps every unit's sign-off layers; delegation 1 leaves one per unit."""
    def lead(model):
        summary = model.summary()
        return summary["lead_time_mean_days"], summary["lead_time_p90_days"]

    runs = {}
    for delegation in (0.0, 1.0):
        values = []
        for seed in SEEDS:
            scenario = make_scenario(org="classroom", horizon=220, warmup=40, seed=seed,
                                     service__delegation=delegation)
            values.append(lead(run_model(scenario, unit_series=False)))
        runs[delegation] = np.mean(values, axis=0)
    layered, delegated = runs[0.0], runs[1.0]
    assert layered[0] > delegated[0], f"mean lead {layered[0]:.2f} (all layers) vs {delegated[0]:.2f}"
    assert layered[1] >= delegated[1], f"p90 lead {layered[1]:.1f} vs {delegated[1]:.1f}"
    # each removed desk takes at least a day out of a case's way (one desk per day)
    org = make_scenario(org="classroom").load_organisation()
    removed = ((org.approval_layers - 1) * org.daily_demand).sum() / org.daily_demand.sum()
    assert layered[0] - delegated[0] >= 0.9 * removed, (layered, delegated, removed)


def test_audits_and_sanctions_lower_corruption(make_scenario, run_model):
    weak = {"integrity.audit_rate": 0.0, "integrity.penalty_months": 0.0,
            "integrity.audit_detection": 0.0}
    strong = {"integrity.audit_rate": 6.0, "integrity.penalty_months": 24.0,
              "integrity.audit_detection": 0.8}

    def acts(model):
        return model.summary()["corrupt_acts_per_1000_cases"]

    low, low_runs = mean_over_seeds(make_scenario, run_model, acts, org="kabupaten",
                                    horizon=180, warmup=40, levers=strong)
    high, high_runs = mean_over_seeds(make_scenario, run_model, acts, org="kabupaten",
                                      horizon=180, warmup=40, levers=weak)
    assert high > 0, "without audits or sanctions some corruption is expected"
    assert low < 0.5 * high, f"corrupt acts per 1000 cases: strong {low_runs} vs weak {high_runs}"


def test_incremental_budgeting_grows_headcount_with_flat_demand(make_scenario, run_model):
    """Parkinson: incremental budgets grow headcount >= 3 %/yr whatever the workload;
    performance budgeting follows the (flat) workload: <= 1 %/yr. Four years, no seasonality
    and no measurement: the SAKIP reports' hours (and the month-to-month gaming hours) would
    move the hours a case needs, which performance budgeting rightly staffs for."""
    def growth(model):
        return model.summary()["headcount_growth_simple_per_year"]

    common = dict(org="classroom", horizon=1000, service__seasonality=0.0,
                  measurement__intensity=0.0)
    seeds = SEEDS[:3]
    incremental, inc_runs = mean_over_seeds(make_scenario, run_model, growth, seeds=seeds,
                                            budget__mode="incremental", **common)
    performance, perf_runs = mean_over_seeds(make_scenario, run_model, growth, seeds=seeds,
                                             budget__mode="performance", **common)
    assert incremental >= 0.03, (
        f"incremental budgeting: headcount growth {incremental:.2%}/yr (runs {inc_runs})"
    )
    assert performance <= 0.01, (
        f"performance budgeting: headcount growth {performance:.2%}/yr (runs {perf_runs})"
    )


def test_collaboration_speeds_innovation_diffusion(make_scenario):
    """One working innovation seeded in one unit of a fully linked kabupaten, no new ideas:
    with collaboration it spreads by imitation (Bass q), without only by outside sources (p)."""
    def adoption(collaboration, seed):
        scenario = make_scenario(
            org="kabupaten", horizon=160, seed=seed, levers={
                "innovation.network": "complete", "innovation.idea_rate": 0.0,
                "innovation.collaboration": collaboration, "innovation.imitation_rate": 3.0,
            },
        )
        model = BureaucracyModel(scenario, unit_series=False)
        slot = model.innovation.seed(0, 0.05)
        model.run()
        return float(model.innovation.adopted[:, slot].mean())

    with_links = np.mean([adoption(1.0, seed) for seed in SEEDS])
    without = np.mean([adoption(0.0, seed) for seed in SEEDS])
    start = 1 / 36
    assert without < start + 0.1, f"adoption without collaboration {without:.3f}"
    assert with_links > without + 0.1, f"adoption share {with_links:.3f} vs {without:.3f}"


def test_adoption_share_counts_the_kinds_in_use(make_scenario):
    """Kinds of practice not in use are adopted nowhere (opening and retiring a kind clear its
    column), so the adoption share, counted over every column, is the mean over the kinds in
    use. Many ideas and few kinds, so that kinds open, saturate and retire within the run."""
    scenario = make_scenario(org="kabupaten", horizon=250, levers={
        "innovation.idea_rate": 0.05, "innovation.practice_kinds": 3,
        "innovation.imitation_rate": 3.0, "innovation.collaboration": 1.0,
        "innovation.retire_at": 0.5, "innovation.external_rate": 1.0})
    model = BureaucracyModel(scenario, unit_series=False)
    innovation = model.innovation
    for _ in range(12):
        model.run(21)
        assert not innovation.adopted[:, ~innovation.in_use].any()
        assert innovation.adoption_share() == float(innovation.adopted[:, innovation.in_use].mean())
    assert innovation.created > innovation.slots, "kinds were retired and their slots reused"


# a demanding threshold on a gameable measure in both arms; the arms differ in the power of the
# incentive and the noise of the measure
GAMING_ARMS = {
    "strong": {"measurement.incentive_strength": 0.9, "measurement.noise": 0.3,
               "measurement.target": "threshold", "measurement.target_level": 0.95,
               "measurement.gameability": 0.8},
    "weak": {"measurement.incentive_strength": 0.1, "measurement.noise": 0.02,
             "measurement.target": "threshold", "measurement.target_level": 0.95,
             "measurement.gameability": 0.8},
}


@pytest.fixture(scope="module")
def gaming_runs(make_scenario, run_model):
    """{arm: [summary per seed]} on the kabupaten under results-oriented rules."""
    return {
        arm: [
            run_model(make_scenario(org="kabupaten", preset="results_oriented", horizon=260,
                                    warmup=40, seed=seed, levers=levers),
                      unit_series=False).summary()
            for seed in SEEDS
        ]
        for arm, levers in GAMING_ARMS.items()
    }


def test_strong_targets_on_noisy_measures_widen_reported_performance_gap(gaming_runs):
    gap = {arm: np.mean([s["perf_reported"] - s["perf_true"] for s in runs])
           for arm, runs in gaming_runs.items()}
    assert gap["strong"] > gap["weak"] + 0.01, (
        f"reported - true performance: strong targets {gap['strong']:+.4f}, "
        f"weak {gap['weak']:+.4f}"
    )


def test_strong_targets_on_noisy_measures_widen_reported_productivity_gap(gaming_runs):
    gap = {arm: np.mean([s["productivity_reported"] - s["productivity_true"] for s in runs])
           for arm, runs in gaming_runs.items()}
    assert gap["weak"] >= 0
    assert gap["strong"] > gap["weak"] + 0.02, gap


# ------------------------------------------------------------------ goals and routine


def test_goals_clarity_and_overhead_formula(make_scenario):
    scenario = make_scenario(levers={
        "goals.goal_setting": 0.5, "measurement.intensity": 0.5, "measurement.target": "none",
        "innovation.innovation_time_share": 0.05, "careers.training_days_per_year": 10.0,
    })
    model = BureaucracyModel(scenario, unit_series=False)
    levers = scenario.levers
    units = model.unit_state
    model.goals.on_month(model.context)
    g0 = model.org.goal_clarity
    np.testing.assert_allclose(units.clarity, g0 + (1 - g0) * 0.5)
    assert (units.gaming == 0).all()

    def expected(growth_term):
        return np.minimum(
            0.85,
            levers.goals.base_overhead
            + levers.goals.routine_overhead * (1 - units.clarity)
            + levers.budget.coordination_overhead * growth_term
            + levers.measurement.reporting_share * 0.5
            + 0.05
            + 10.0 / 250,
        )

    np.testing.assert_allclose(units.overhead, expected(0.0))
    # officials doubled since the start: one doubling of coordination overhead
    units.officials_at_start = units.official_count.sum(axis=1) / 2
    model.goals.on_month(model.context)
    np.testing.assert_allclose(units.overhead, expected(1.0))


def test_goal_setting_removes_routine_overhead(make_scenario):
    unclear = BureaucracyModel(make_scenario(goals__goal_setting=0.0), unit_series=False)
    clear = BureaucracyModel(make_scenario(goals__goal_setting=1.0), unit_series=False)
    np.testing.assert_allclose(clear.unit_state.clarity, 1.0)
    routine = unclear.levers.goals.routine_overhead * (1 - unclear.org.goal_clarity)
    np.testing.assert_allclose(unclear.unit_state.overhead - clear.unit_state.overhead, routine)


def test_overhead_is_capped(make_scenario):
    model = BureaucracyModel(
        make_scenario(goals__base_overhead=0.5, goals__routine_overhead=0.8), unit_series=False
    )
    assert (model.unit_state.overhead <= 0.85 + 1e-12).all()
    assert np.isclose(model.unit_state.overhead.max(), 0.85)


# ------------------------------------------------------------------ careers


def test_officials_required_pyramid():
    staff = np.array([100.0, 26.0, 10.0, 5000.0, 3.0])
    layers = np.array([3, 4, 6, 6, 1])
    required = officials_required(staff, layers, span_of_control=8)
    assert required.shape == (5, 6)
    assert required[0].tolist() == [12, 2, 1, 0, 0, 0]  # 100/8, 100/64, at least one
    assert required[1].tolist() == [3, 1, 1, 1, 0, 0]
    assert required[2].tolist() == [1, 1, 1, 1, 1, 1]
    assert required[3].tolist() == [625, 78, 10, 1, 1, 1]
    assert required[4].tolist() == [1, 0, 0, 0, 0, 0]


def staff_of(model, unit):
    staff = model.staff
    return np.flatnonzero((staff.view("unit") == unit) & (staff.view("status") != LEFT))


def posts_held(model, unit):
    staff = model.staff
    rows = staff_of(model, unit)
    grades = staff.view("grade")[rows]
    return np.array([(grades == g).sum() for g in range(1, 7)])


@pytest.mark.parametrize("rule", ["seniority", "merit", "lottery"])
def test_promotions_fill_vacancies_top_down(make_scenario, rule):
    model = BureaucracyModel(
        make_scenario(levers={"careers.promotion": rule, "measurement.intensity": 1.0,
                              "measurement.noise": 0.0}),
        unit_series=False,
    )
    unit = model.org.unit_id.index("PERIZINAN")  # 4 approval layers
    required = model.unit_state.official_required[unit]
    np.testing.assert_array_equal(posts_held(model, unit), required)
    staff = model.staff
    rows = staff_of(model, unit)
    grade = staff.view("grade")
    chain = {g: rows[grade[rows] == g] for g in range(0, 5)}
    assert len(chain[4]) == 1 and len(chain[3]) == 1
    head, deputy = chain[4][0], chain[3][0]
    front = chain[0][staff.view("status")[chain[0]] == ACTIVE]
    staff.view("status")[head] = LEFT  # the head of the unit retires
    model.refresh_staff_aggregates()
    fill_vacancies(model.context, FillingRound.AFTER_EXITS)
    model.refresh_staff_aggregates()

    np.testing.assert_array_equal(posts_held(model, unit), required)
    assert grade[deputy] == 4, "the post is filled from the grade below"
    new_officials = front[grade[front] > 0]
    assert len(new_officials) == 1, "exactly one front-line member moves up at the bottom"
    promoted = new_officials[0]
    assert grade[promoted] == 1
    if rule == "seniority":
        assert staff.tenure[promoted] == staff.tenure[front].max()
    elif rule == "merit":  # measured without noise: the most skilled
        assert staff.skill[promoted] == staff.skill[front].max()
    # other units untouched
    for other in range(model.org.n_units):
        np.testing.assert_array_equal(posts_held(model, other),
                                      model.unit_state.official_required[other])


@pytest.mark.parametrize("hypothesis", ["carried_over", "redrawn"])
def test_competence_on_promotion(make_scenario, hypothesis):
    model = BureaucracyModel(
        make_scenario(careers__competence_on_promotion=hypothesis), unit_series=False
    )
    staff = model.staff
    officials = np.flatnonzero((staff.view("grade") > 0) & (staff.view("status") == ACTIVE))
    staff.view("status")[officials] = LEFT  # every post falls vacant at once
    model.refresh_staff_aggregates()
    before = staff.view("skill").copy()
    fill_vacancies(model.context, FillingRound.AFTER_EXITS)
    promoted = np.flatnonzero((staff.view("grade") > 0) & (staff.view("status") == ACTIVE))
    assert len(promoted) == int(model.unit_state.official_required.sum())
    changed = staff.view("skill")[promoted] != before[promoted]
    if hypothesis == "carried_over":
        assert not changed.any()
    else:
        assert changed.mean() > 0.9
    others = np.setdiff1d(np.arange(staff.n), promoted)
    np.testing.assert_array_equal(staff.view("skill")[others], before[others])


def test_retirement_at_the_age(make_scenario):
    model = BureaucracyModel(
        make_scenario(careers__retirement_age=60, careers__turnover_rate=0.0), unit_series=False
    )
    staff = model.staff
    age = staff.view("age")
    age[:] = np.minimum(age, 55)
    age[:5] = 60 - 0.01  # turn 60 within the month
    age[5:10] = 60 - 0.2  # still some months to go
    model.careers.on_month(model.context)
    status = staff.view("status")
    assert (status[:5] == LEFT).all()
    assert (status[5:] != LEFT).all()
    assert model.careers.retired == 5


def test_training_raises_skill_toward_ceiling(make_scenario):
    model = BureaucracyModel(
        make_scenario(careers__training_days_per_year=24, careers__turnover_rate=0.0),
        unit_series=False,
    )
    before = model.staff.view("skill").copy()
    model.careers.on_month(model.context)
    after = model.staff.view("skill")
    active = model.staff.view("status") == ACTIVE
    ceiling = model.levers.careers.training_ceiling
    below = active & (before < ceiling)
    assert below.any() and (after[below] > before[below]).all()
    assert (after[below] <= ceiling).all()  # training never lifts anyone past its ceiling
    assert (after[~below] == before[~below]).all()  # and adds nothing at or above it


# ------------------------------------------------------------------ integrity


def test_zero_bribe_nobody_turns_corrupt(make_scenario, run_model):
    """Becker: with nothing to gain, nobody acts corruptly, whatever the detection odds."""
    scenario = make_scenario(org="kabupaten", horizon=80, seed=1, levers={BRIBE: 0})
    model = BureaucracyModel(scenario, unit_series=False)
    corrupt_at_start = int(model.staff.view("corrupt").sum())
    model.run()
    ts = model.timeseries()
    found = {
        "corrupt staff at start": corrupt_at_start,
        "corrupt staff at end": int(model.staff.view("corrupt").sum()),
        "corrupt acts": int(ts["corrupt_acts"].sum()),
        "citizens asked for pungli": int(ts["pungli_asked"].sum()),
    }
    assert not any(found.values()), f"with a zero bribe: {found}"


def test_positive_bribe_without_detection_corrupts(make_scenario):
    scenario = make_scenario(org="kabupaten", horizon=10, seed=1, levers={
        "integrity.audit_rate": 0.0, "integrity.penalty_months": 0.0,
        "integrity.moral_cost_months": 0.0,
    })
    model = BureaucracyModel(scenario, unit_series=False)
    assert model.staff.view("corrupt").mean() > 0.2


def _sanction_model(make_scenario, detect: bool):
    levers = {
        BRIBE: 1e7, "integrity.moral_cost_months": 0.0, "integrity.sanction_days": 40,
        "integrity.audit_rate": 12.0 if detect else 0.0,
        "integrity.audit_detection": 1.0 if detect else 0.0,
        "integrity.complaint_channel": 0.0, "integrity.peer_reporting": 0.0,
    }
    return BureaucracyModel(make_scenario(org="classroom", levers=levers), unit_series=False)


def test_detection_sanctions_corrupt_staff(make_scenario):
    model = _sanction_model(make_scenario, detect=True)
    staff = model.staff
    corrupt_before = staff.view("corrupt") & (staff.view("status") == ACTIVE)
    assert corrupt_before.sum() > 10, "a large bribe should corrupt most staff"
    staff.view("offences")[:3] = 1  # three repeat offenders
    cases = np.full(model.org.n_units, 100.0)
    model.integrity.reconsider_and_detect(cases, cases)
    status = staff.view("status")
    caught = (status == SANCTIONED) | (status == LEFT)
    assert model.integrity.detections == int(caught.sum()) > 10
    assert not (staff.view("corrupt") & (status == ACTIVE)).any(), "every corrupt member is caught"
    assert (staff.view("offences")[caught] >= 1).all()
    assert (staff.view("sanction_until")[status == SANCTIONED] == model.day + 40).all()
    repeat = np.zeros(staff.n, dtype=bool)
    repeat[:3] = True
    assert (status[repeat & caught] == LEFT).all(), "a second offence means dismissal"
    assert (status[~repeat & caught] == SANCTIONED).all()


def test_no_detection_no_sanctions(make_scenario):
    model = _sanction_model(make_scenario, detect=False)
    cases = np.full(model.org.n_units, 100.0)
    model.integrity.reconsider_and_detect(cases, cases)
    assert model.integrity.detections == 0
    assert (model.staff.view("status") == ACTIVE).all()


def test_sanction_ends_after_sanction_days(make_scenario):
    model = _sanction_model(make_scenario, detect=True)
    cases = np.full(model.org.n_units, 100.0)
    model.integrity.reconsider_and_detect(cases, cases)
    suspended = np.flatnonzero(model.staff.view("status") == SANCTIONED)
    assert len(suspended) > 0
    model.day += 39
    model.integrity.reconsider_and_detect(cases, cases)
    assert (model.staff.view("status")[suspended] == SANCTIONED).all(), "back too early"
    model.day += 1
    model.integrity.reconsider_and_detect(cases, cases)
    status = model.staff.view("status")[suspended]
    # back at work after 40 days (and, if corrupt again, caught a second time and dismissed)
    assert not (status == SANCTIONED).any()
    assert (status == ACTIVE).any()
    assert (model.staff.view("offences")[suspended][status == LEFT] >= 2).all()


# ------------------------------------------------------------------ reform


def test_no_programme_means_full_implementation(make_scenario, run_model):
    model = run_model(make_scenario(horizon=60), unit_series=False)
    assert not model.reform.enabled
    np.testing.assert_array_equal(model.reform.implementation, 1.0)
    assert (model.timeseries()["reform_implementation"] == 1.0).all()


@pytest.fixture(scope="module")
def leadership_runs(make_scenario, run_model):
    return {
        support: run_model(
            make_scenario(org="classroom", preset="results_oriented", horizon=250, seed=3,
                          reform__leadership_support=support),
            unit_series=False,
        )
        for support in (0.1, 0.9)
    }


def test_weak_leadership_acceptance_falls(leadership_runs):
    acceptance = leadership_runs[0.1].timeseries()["acceptance"]
    assert acceptance.iloc[-1] < acceptance.iloc[0] - 0.05, (acceptance.iloc[0], acceptance.iloc[-1])


def test_strong_leadership_acceptance_rises(leadership_runs):
    acceptance = leadership_runs[0.9].timeseries()["acceptance"]
    assert acceptance.iloc[-1] > acceptance.iloc[0] + 0.05, (acceptance.iloc[0], acceptance.iloc[-1])


def test_leadership_drives_implementation(leadership_runs):
    weak = leadership_runs[0.1].reform.implementation.mean()
    strong = leadership_runs[0.9].reform.implementation.mean()
    assert strong > weak + 0.2, (weak, strong)


# ------------------------------------------------------------------ measurement


def test_no_measurement_reported_equals_true(make_scenario, run_model):
    model = run_model(
        make_scenario(org="classroom", horizon=150, levers={
            "measurement.intensity": 0.0, "measurement.incentive_strength": 0.9,
            "measurement.target": "threshold", "measurement.noise": 0.3,
        }),
        unit_series=True,
    )
    ts = model.timeseries()
    np.testing.assert_array_equal(ts["perf_reported"].to_numpy(), ts["perf_true"].to_numpy())
    np.testing.assert_array_equal(ts["productivity_reported"].to_numpy(),
                                  ts["productivity_true"].to_numpy())
    units = model.unit_series()
    np.testing.assert_array_equal(units["perf_reported"].to_numpy(), units["perf_true"].to_numpy())
    summary = model.summary()
    assert summary["perf_reported"] == summary["perf_true"]
    assert summary["productivity_reported"] == summary["productivity_true"]


def _measure_repeatedly(make_scenario, target: str, months: int = 30):
    model = BureaucracyModel(
        make_scenario(org="kabupaten", levers={
            "measurement.intensity": 1.0, "measurement.incentive_strength": 1.0,
            "measurement.gameability": 1.0, "measurement.noise": 0.3,
            "measurement.target": target, "measurement.target_level": 0.8,
            "integrity.audit_rate": 0.0,
        }),
        unit_series=False,
    )
    n = model.org.n_units
    resolved = np.full(n, 1000.0)
    on_time = np.round(np.linspace(0.3, 1.0, n) * 1000)
    reported = []
    for _ in range(months):
        model.unit_state.integrity_mean[:] = 0.0
        model.measurement.measure_month(on_time, resolved)
        reported.append(model.unit_state.perf_reported.copy())
        np.testing.assert_allclose(model.unit_state.perf_true, on_time / resolved)
    return np.concatenate(reported)


def test_threshold_target_bunches_reported_just_above_target(make_scenario):
    reported = _measure_repeatedly(make_scenario, "threshold")
    just_below = ((reported >= 0.7) & (reported < 0.8)).mean()
    just_above = ((reported >= 0.8) & (reported <= 0.81)).mean()
    assert just_below == 0, f"{just_below:.1%} of reports just below the target"
    assert just_above > 0.2, f"only {just_above:.1%} of reports bunch just above the target"

    honest = _measure_repeatedly(make_scenario, "none")
    assert ((honest >= 0.8) & (honest <= 0.81)).mean() < 0.05


# ------------------------------------------------------------------ citizens


def _today(n, **values):
    today = {k: np.zeros(n, dtype=np.int64) for k in ("resolved", "withdrawn", "asked")}
    today["timely"] = np.zeros(n)
    today.update({k: np.asarray(v) for k, v in values.items()})
    return today


def test_ikm_withdrawn_cases_score_25_and_perfect_cases_100(make_scenario):
    model = BureaucracyModel(make_scenario(), unit_series=False)
    n = model.org.n_units
    ikm_sum, ratings = model.citizens.rate(_today(n, withdrawn=np.full(n, 5)))
    np.testing.assert_allclose(ikm_sum / ratings, 25.0)
    model.unit_state.quality[:] = 1.0
    ikm_sum, ratings = model.citizens.rate(
        _today(n, resolved=np.full(n, 10), timely=np.full(n, 10.0))
    )
    np.testing.assert_allclose(ikm_sum / ratings, 100.0)


def test_ikm_within_scale(make_scenario):
    model = BureaucracyModel(make_scenario(), unit_series=False)
    n = model.org.n_units
    rng = np.random.default_rng(0)
    for _ in range(50):
        resolved = rng.integers(0, 50, n)
        model.unit_state.quality[:] = rng.random(n)
        today = _today(
            n, resolved=resolved, withdrawn=rng.integers(0, 10, n),
            asked=rng.binomial(resolved, rng.random(n)), timely=resolved * rng.random(n),
        )
        ikm_sum, ratings = model.citizens.rate(today)
        rated = ratings > 0
        ikm = ikm_sum[rated] / ratings[rated]
        assert ((ikm >= 25 - 1e-9) & (ikm <= 100 + 1e-9)).all(), ikm


# ------------------------------------------------------------------ flexibility


def test_reallocation_moves_staff_toward_backlog_and_keeps_headcount(make_scenario):
    model = BureaucracyModel(
        make_scenario(levers={"flexibility.reallocation_interval_days": 5,
                              "flexibility.reallocation_share": 0.3,
                              "flexibility.transfer_cost_days": 7}),
        unit_series=False,
    )
    units = model.unit_state
    target = model.org.unit_id.index("REGISTRASI")
    model.day = 5
    model.flexibility.arrivals_ema[:] = 0.0  # every other unit is idle ...
    model.service.queue[target, 0] = 100_000  # ... and one has a huge backlog
    front_before = units.front_count.copy()
    headcount_before = units.headcount.sum()
    model.flexibility.reallocate()
    assert model.flexibility.moved > 0
    assert units.front_count[target] > front_before[target]
    others = np.arange(model.org.n_units) != target
    assert (units.front_count[others] <= front_before[others]).all()
    assert units.headcount.sum() == headcount_before
    assert units.front_count.sum() == front_before.sum()
    moved = model.staff.view("settle_until") == 5 + 7
    assert moved.sum() == model.flexibility.moved
    assert (model.staff.view("unit")[moved] == target).all()


def test_fixed_establishment_does_not_reallocate(make_scenario, run_model):
    model = run_model(make_scenario(horizon=120, flexibility__reallocation_interval_days=0),
                      unit_series=False)
    assert model.flexibility.moved == 0


# ------------------------------------------------------------------ budget cut


def test_budget_cut_lowers_establishment_and_pay(make_scenario):
    scenario = make_scenario(horizon=20, shocks=[
        dict(kind="budget_cut", start_day=5, magnitude=0.2, units=["LOKET"]),
    ])
    model = BureaucracyModel(scenario, unit_series=False)
    hit = model.org.unit_id.index("LOKET")
    model.run(5)
    establishment = model.unit_state.establishment.copy()
    salary = model.staff.view("salary").copy()
    unit = model.staff.view("unit").copy()
    cost_before = model.timeseries()["staff_cost_rp"].iloc[-1]
    model.run(1)
    after = model.unit_state.establishment
    assert after[hit] == pytest.approx(0.8 * establishment[hit])
    others = np.arange(model.org.n_units) != hit
    np.testing.assert_array_equal(after[others], establishment[others])
    new_salary = model.staff.view("salary")[: len(salary)]
    assert (new_salary[unit == hit] < salary[unit == hit]).all()
    np.testing.assert_array_equal(new_salary[unit != hit], salary[unit != hit])
    assert model.timeseries()["staff_cost_rp"].iloc[-1] < cost_before


# ------------------------------------------------------------------ reform: rules outside it


def test_units_outside_a_phased_reform_keep_the_scenario_s_own_rules():
    """A scenario's own organisation-wide value (audit_rate = 2) holds in units that have not
    joined the reform; only the preset's reform design waits for joining (issue 11, item 9)."""
    scenario = scenario_from_dict({
        "organisation": "classroom", "preset": "results_oriented", "horizon_days": 100,
        "levers": {"integrity": {"audit_rate": 2.0},
                   "reform": {"pilot_share": 0.5, "scale_up_day": 10_000}},
    }, "test")
    model = BureaucracyModel(scenario, seed=4).run(5)
    joined = model.reform.joined
    assert joined.any() and not joined.all()
    assert (model.policy("integrity.audit_rate") == 2.0).all()
    intensity = model.policy("measurement.intensity")
    outside = Levers().measurement.intensity  # the conventional (SAKIP compliance) value
    assert (intensity[joined] == 0.8).all() and (intensity[~joined] == outside).all()
