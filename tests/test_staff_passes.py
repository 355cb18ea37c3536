"""The compiled monthly staff passes equal the numpy expressions they replace, bit for bit.

Each case builds random staff (float32 attributes, several units, every status) and compares
the pass with the numpy formula quoted in its docstring; exact equality, because the passes
exist for speed only and the model's outputs must not move (the integrity passes against the
numpy expressions under their own draws: one normal for each member who reconsiders, and the
catch by a counter-based uniform). Five seeds, so that values on both
sides of every threshold (retirement, the training ceiling, the clip of acceptance) occur.
"""

from __future__ import annotations

import pickle

import numba
import numpy as np
import pytest
from birosim.core import BureaucracyModel, draws, scenario_from_dict
from birosim.core.aggregates import add_to_staff_aggregates, staff_aggregates
from birosim.core.staff import ACTIVE, LEFT, MAX_GRADE, SANCTIONED, StaffTable
from birosim.core.staff_passes import (
    age_leave_and_train,
    end_suspensions_and_count_reconsidering,
    movers_by_share,
    pull_toward,
    reconsider_and_catch,
    scale_by_unit,
    update_acceptance,
)
from birosim.core.submodels.careers import trained_skill

N_STAFF, N_UNITS = 5_000, 7
SEEDS = range(5)


def random_staff(seed):
    rng = np.random.default_rng(seed)
    unit = rng.integers(0, N_UNITS, N_STAFF).astype(np.int32)
    values = rng.uniform(-0.1, 1.1, N_STAFF).astype(np.float32)
    return rng, unit, values


@pytest.mark.parametrize("seed", SEEDS)
def test_pull_toward_and_scale_by_unit(seed):
    rng, unit, values = random_staff(seed)
    target = rng.uniform(0, 1, N_UNITS)
    expected = values.copy()
    expected += 0.3 * (target[unit] - expected)
    pull_toward(values, unit, target, 0.3)
    assert np.array_equal(values, expected)
    factor = 1 - np.minimum(rng.uniform(0, 0.5, N_UNITS), 0.2)
    expected *= factor[unit]
    scale_by_unit(values, unit, factor)
    assert np.array_equal(values, expected)


class CareerLevers:
    retirement_age = 58.3
    turnover_rate = 0.37
    training_effect = 0.011
    training_ceiling = 1.7


@pytest.mark.parametrize("seed", SEEDS)
def test_a_month_of_careers(seed):
    rng, unit, motivation = random_staff(seed)
    levers = CareerLevers
    age = rng.uniform(20, 60, N_STAFF).astype(np.float32)
    tenure = rng.uniform(0, 30, N_STAFF).astype(np.float32)
    status = rng.choice([ACTIVE, SANCTIONED, LEFT], N_STAFF, p=[0.8, 0.1, 0.1]).astype(np.int8)
    skill = rng.uniform(0.3, 2.2, N_STAFF).astype(np.float32)
    draw = rng.random(N_STAFF) * 0.1
    days_per_unit = rng.uniform(0, 3, N_UNITS)
    days_per_unit[0] = 0.0

    expected = {"age": age.copy(), "tenure": tenure.copy(), "status": status.copy(),
                "skill": skill.copy()}
    expected["age"][:] += 1 / 12
    expected["tenure"][:] += 1 / 12
    employed = expected["status"] != LEFT
    retiring = employed & (expected["age"] >= levers.retirement_age)
    hazard = levers.turnover_rate * (1 - motivation) / 12
    resigning = employed & ~retiring & (draw < hazard)
    expected["status"][retiring | resigning] = LEFT
    days = days_per_unit[unit] * (expected["status"] == ACTIVE)
    expected["skill"][:] = trained_skill(expected["skill"], days, levers)

    rate = levers.training_effect / (levers.training_ceiling - 1)
    retired, resigned = age_leave_and_train(
        age, tenure, motivation, status, skill, unit, draw, np.float32(1 / 12),
        np.float32(levers.retirement_age), np.float32(levers.turnover_rate), np.float32(12),
        np.exp(-rate * days_per_unit), float(levers.training_ceiling),
    )
    assert (retired, resigned) == (retiring.sum(), resigning.sum())
    assert resigned > 0 and retired > 0
    for name, array in {"age": age, "tenure": tenure, "status": status, "skill": skill}.items():
        assert np.array_equal(array, expected[name]), name


@pytest.mark.parametrize("seed", SEEDS)
def test_reform_acceptance(seed):
    rng, unit, acceptance = random_staff(seed)
    joined = rng.random(N_UNITS) < 0.6
    peers, pull = rng.uniform(0, 1, N_UNITS), rng.uniform(0, 1, N_UNITS)
    training = rng.uniform(0, 0.4, N_UNITS)
    rate, culture, push = 0.2, 0.55, 0.08
    expected = acceptance.copy()
    change = rate * (culture * (peers[unit] - expected) + (1 - culture) * (pull[unit] - expected)
                     ) + push * training[unit] * (1 - expected)
    expected += np.where(joined[unit], change, 0.0).astype(expected.dtype)
    np.clip(expected, 0, 1, out=expected)
    update_acceptance(acceptance, unit, joined, peers, pull, training, rate, culture, push)
    assert np.array_equal(acceptance, expected)


@numba.njit
def catch_uniforms(key, day, staff_id):
    """The counter-based uniforms the integrity pass catches with (one per member)."""
    uniforms = np.empty(len(staff_id))
    for j in range(len(staff_id)):
        uniforms[j] = draws.uniform(draws.start(key, day, staff_id[j], 0))[0]
    return uniforms


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("catching", [True, False])
def test_a_month_of_integrity(seed, catching):
    rng, unit, integrity = random_staff(seed)
    grade = rng.choice([0, 0, 0, 1, 2], N_STAFF).astype(np.int8)
    status = rng.choice([ACTIVE, SANCTIONED, LEFT], N_STAFF, p=[0.8, 0.1, 0.1]).astype(np.int8)
    salary = rng.uniform(0, 8e6, N_STAFF).astype(np.float32)
    salary[:50] = 0.5  # below the floor of 1 Rp
    corrupt = rng.random(N_STAFF) < 0.3
    offences = rng.integers(0, 2, N_STAFF).astype(np.int8)
    until = rng.integers(0, 50, N_STAFF).astype(np.int32)
    motivation = rng.uniform(0, 1, N_STAFF).astype(np.float32)
    staff_id = np.arange(N_STAFF, dtype=np.int64) * 3 + 11
    draw = rng.random(N_STAFF)
    gain_front, gain_official = rng.uniform(0, 3e6, N_UNITS), rng.uniform(0, 3e6, N_UNITS)
    detect_front, detect_official = rng.uniform(0, 0.6, N_UNITS), rng.uniform(0, 0.6, N_UNITS)
    corrupt_share = rng.uniform(0, 0.5, N_UNITS)
    share, moral_cost, peer, penalty, sigma, day, key = 0.25, 3.3, 0.6, 12.0, 0.9, 25, 987654321
    arrays = (corrupt, status, grade, offences, until, motivation)
    expected = [a.copy() for a in arrays]
    e_corrupt, e_status, e_grade, e_offences, e_until, e_motivation = expected

    # the numpy expressions of the three steps: suspensions end, the reconsidering members
    # choose (one normal each, in staff order), the corrupt are caught
    e_status[(e_status == SANCTIONED) & (e_until <= day)] = ACTIVE
    front = e_grade == 0
    p_detect = np.where(front, detect_front[unit], detect_official[unit])
    who = np.flatnonzero((e_status == ACTIVE) & (draw < share))
    noise = rng.standard_normal(len(who))
    gain = np.where(front[who], gain_front[unit[who]], gain_official[unit[who]]) / np.maximum(
        salary[who], 1.0)
    moral = integrity[who] * moral_cost * (1 - peer * corrupt_share[unit[who]])
    e_corrupt[who] = gain * np.exp(sigma * noise) > p_detect[who] * penalty + moral
    assert e_corrupt[who].any() and not e_corrupt[who].all()
    caught = np.zeros(N_STAFF, dtype=bool)
    if catching:
        candidates = np.flatnonzero((e_status == ACTIVE) & e_corrupt)
        catch = catch_uniforms(np.uint64(key), day, staff_id[candidates])
        caught[candidates] = catch < p_detect[candidates]
        assert caught.any()
    e_offences[caught] += 1
    e_corrupt[caught] = False
    e_status[caught] = SANCTIONED
    e_grade[caught] = 0
    e_until[caught] = 77
    e_motivation[caught] *= 0.85
    e_status[caught & (e_offences >= 2)] = LEFT

    assert end_suspensions_and_count_reconsidering(status, until, draw, day, share) == len(who)
    per_unit = reconsider_and_catch(
        corrupt, status, grade, offences, until, motivation, unit, salary, integrity, staff_id,
        draw, noise, np.uint64(key), catching, day, share, gain_front, gain_official,
        detect_front, detect_official, corrupt_share, np.float32(moral_cost), peer, penalty,
        sigma, 77, np.float32(0.85), N_UNITS)
    assert np.array_equal(per_unit, np.bincount(unit[caught], minlength=N_UNITS))
    for got, want in zip(arrays, expected, strict=True):
        assert np.array_equal(got, want)


@pytest.mark.parametrize("seed", SEEDS)
def test_movers_by_share(seed):
    rng, unit, _ = random_staff(seed)
    status = rng.choice([ACTIVE, SANCTIONED, LEFT], N_STAFF, p=[0.8, 0.1, 0.1]).astype(np.int8)
    grade = rng.choice([0, 0, 0, 1, 2], N_STAFF).astype(np.int8)
    draw = rng.random(N_STAFF)
    share = rng.uniform(0, 0.3, N_UNITS)
    share[0] = 0.0
    expected = np.flatnonzero((status == ACTIVE) & (grade == 0) & (draw < share[unit]))
    got = movers_by_share(status, grade, unit, draw, share)
    assert got.dtype == expected.dtype and len(expected) > 0
    assert np.array_equal(got, expected)


def aggregates_with_numpy(unit, status, grade, skill, motivation, settle_until, salary, integrity,
                          acceptance, innovativeness, corrupt, honorer, day, settle_factor,
                          drive_base, drive_slope, n_units):
    """The per-unit sums of :func:`staff_aggregates` as masked ``np.bincount`` calls (what the
    kernel replaced): float64 sums in staff order."""
    def count(mask):
        return np.bincount(unit[mask], minlength=n_units)

    def total(mask, weights):
        return np.bincount(unit[mask], weights=weights[mask].astype(np.float64), minlength=n_units)

    employed, active = status != LEFT, status == ACTIVE
    front = active & (grade == 0)
    settling = np.where(settle_until > day, settle_factor, 1.0)
    drive = (drive_base + drive_slope * motivation).astype(np.float64)
    hours = skill.astype(np.float64) * settling * drive
    counts = np.stack([count(front), count(employed), count(active), count(active & corrupt),
                       count(front & corrupt), count(employed & honorer)])
    sums = np.stack([total(front, hours), total(employed & ~honorer, salary),
                     total(active, skill), total(active, integrity), total(active, acceptance),
                     total(active, innovativeness), total(employed & honorer, salary)])
    official_count = np.zeros((n_units, MAX_GRADE), np.int64)
    official_skill = np.zeros((n_units, MAX_GRADE))
    for g in range(1, MAX_GRADE + 1):
        official_count[:, g - 1] = count(active & (grade == g))
        official_skill[:, g - 1] = total(active & (grade == g), skill)
    return counts, sums, official_count, official_skill


@pytest.mark.parametrize("seed", SEEDS)
def test_staff_aggregates(seed):
    rng, unit, motivation = random_staff(seed)
    # runs of one unit broken up and revisited, as hires and movers leave them
    unit = np.sort(unit)
    moved = rng.random(N_STAFF) < 0.05
    unit[moved] = rng.integers(0, N_UNITS, moved.sum())
    unit = np.concatenate([unit, rng.integers(0, N_UNITS, 300)]).astype(np.int32)
    n = len(unit)
    motivation = rng.uniform(0, 1, n).astype(np.float32)
    status = rng.choice([ACTIVE, SANCTIONED, LEFT], n, p=[0.8, 0.1, 0.1]).astype(np.int8)
    grade = rng.choice([0, 0, 0, 1, 2, 3, 6], n).astype(np.int8)
    skill, integrity, acceptance, innovativeness = (
        rng.uniform(0.3, 2.2, n).astype(np.float32) for _ in range(4))
    salary = rng.uniform(1e6, 8e6, n).astype(np.float32)
    settle_until = rng.integers(0, 40, n).astype(np.int32)
    corrupt, honorer = rng.random(n) < 0.3, rng.random(n) < 0.1
    args = (unit, status, grade, skill, motivation, settle_until, salary, integrity, acceptance,
            innovativeness, corrupt, honorer, 20, 0.6, np.float32(0.7), np.float32(0.45), N_UNITS)
    for got, want in zip(staff_aggregates(*args), aggregates_with_numpy(*args), strict=True):
        assert got.dtype == want.dtype
        assert np.array_equal(got, want)
    # the last 300 rows appended to the sums over the rows before them: the same sums
    first = n - 300
    before = staff_aggregates(*(column[:first] for column in args[:12]), *args[12:])
    add_to_staff_aggregates(first, *args[:-1], *before)
    for got, want in zip(before, aggregates_with_numpy(*args), strict=True):
        assert np.array_equal(got, want)


def test_hires_added_to_the_aggregates_equal_a_full_pass():
    """In a run, each refresh that only adds the month's hires (nobody promoted after them)
    leaves every per-unit sum and count a full pass over staff gives, bit for bit."""
    scenario = scenario_from_dict({"organisation": "kabupaten", "preset": "results_oriented",
                                   "horizon_days": 150}, "test")
    model = BureaucracyModel(scenario, unit_series=False)
    refresh = model.refresh_staff_aggregates
    added = []

    def refresh_and_compare(appended_from=None):
        # only the hires are added when the last refresh covered the rows before them today
        adds_only = (appended_from is not None
                     and model._aggregated == (appended_from, model.day))
        refresh(appended_from)
        if not adds_only:
            return
        incremental = model._aggregates
        refresh()
        added.append(appended_from)
        for got, want in zip(incremental, model._aggregates, strict=True):
            assert np.array_equal(got, want)

    model.refresh_staff_aggregates = model.context.refresh_staff_aggregates = refresh_and_compare
    model.run()
    assert added, "no refresh added the hires only"


def test_staff_uniforms_are_the_generators_draws():
    """``StaffTable.uniforms`` gives ``rng.random(n)`` (the same stream), also after the table
    grows, and a pickled table leaves its scratch buffer behind."""
    table = StaffTable(capacity=10)
    table.add(8)
    ours, reference = np.random.default_rng(4), np.random.default_rng(4)
    assert np.array_equal(table.uniforms(ours), reference.random(8))
    table.add(20)
    assert np.array_equal(table.uniforms(ours), reference.random(28))
    assert len(pickle.loads(pickle.dumps(table))._uniforms) == 0


def test_added_staff_start_at_zero():
    """Attributes not given start at zero, in rows used for the first time (which ``add`` now
    writes) as in rows of a grown table."""
    table = StaffTable(capacity=4)
    first = table.add(3, unit=1)
    grown = table.add(5, unit=2)  # beyond the capacity: the table grows
    again = table.add(2, unit=3)
    for rows in (first, grown, again):
        for name in ("offences", "sanction_until", "settle_until", "honorer", "grade", "skill"):
            assert not getattr(table, name)[rows].any(), name
    assert table.unit[: table.n].tolist() == [1] * 3 + [2] * 5 + [3] * 2


def test_hires_after_a_compaction_do_not_inherit_the_departed_values():
    """compact() leaves the departed members' values in the freed rows; a hire placed there
    starts with no offences, no sanction and none of the attributes it is not given."""
    from birosim.core.staff import LEFT

    table = StaffTable(capacity=8)
    rows = table.add(6, unit=1)
    table.offences[rows] = 3
    table.sanction_until[rows] = 400
    table.skill[rows] = 1.2
    table.status[3:6] = LEFT
    table.compact()
    hired = table.add(3, unit=2)
    assert hired == slice(3, 6)
    for name in ("offences", "sanction_until", "skill", "grade", "honorer"):
        assert not getattr(table, name)[hired].any(), name
    assert table.offences[:3].tolist() == [3, 3, 3]
