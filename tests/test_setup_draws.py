"""The compiled set-up draws (``birosim.core.setup_draws``): the starting staff's beta attributes
and the normals of integrity's settling rounds.

- The ziggurat's normals follow N(0, 1) (Kolmogorov-Smirnov on 200,000 draws, and the share
  beyond the ziggurat's base, drawn by the tail method, against its exact binomial), and each
  beta sampler follows its Beta(a, b) (Kolmogorov-Smirnov on 100,000 draws) for shapes on both
  sides of 1, where the samplers switch to log space, on three stream keys. Tolerance: p-value
  above 1e-4 (a correct sampler fails one of the 33 cases with probability about 0.3 %).
- Draws depend only on their key and slot.
- A settling round makes the same choice as the monthly kernel fed with the round's normals.
"""

from __future__ import annotations

import numba
import numpy as np
import pytest
from birosim.core import draws, setup_draws
from birosim.core.rng import Streams
from birosim.core.staff import ACTIVE, SANCTIONED
from birosim.core.staff_passes import reconsider_and_catch
from scipy import stats

KEYS = [Streams(seed).key("staff") for seed in (1, 2, 3)]
P_VALUE = 1e-4


@numba.njit(cache=True)
def _normals(key, slot, size):
    out = np.empty(size)
    state = draws.start(key, slot, 0, 0)
    for i in range(size):
        out[i], state = setup_draws.standard_normal(state)
    return out


@pytest.mark.parametrize("key", KEYS)
def test_ziggurat_normals_follow_the_standard_normal(key):
    sample = _normals(key, 0, 200_000)
    assert stats.kstest(sample, "norm").pvalue > P_VALUE
    # the tail beyond the base layer comes from a separate method: its share must be exact
    beyond = int((np.abs(sample) > setup_draws._ZIGGURAT_R).sum())
    share = 2 * stats.norm.sf(setup_draws._ZIGGURAT_R)
    assert stats.binomtest(beyond, len(sample), share).pvalue > P_VALUE
    tail = np.abs(sample[np.abs(sample) > setup_draws._ZIGGURAT_R])
    # within the tail, |x| follows the normal conditioned on |x| > r
    conditional = stats.truncnorm(setup_draws._ZIGGURAT_R, np.inf)
    assert stats.kstest(tail, conditional.cdf).pvalue > P_VALUE


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("a, b", [
    (5.0, 3.0), (4.0, 2.0), (2.0, 5.0), (1.0, 1.0), (2.4, 3.6), (40.0, 0.7), (0.5, 0.5),
    (0.3, 4.0), (0.05, 2.0), (6.0, 0.2),
])
def test_beta_follows_its_distribution(key, a, b):
    sample = np.empty(100_000)
    setup_draws.fill_beta(sample, key, 7, a, b)
    assert sample.min() >= 0 and sample.max() <= 1
    assert stats.kstest(sample, stats.beta(a, b).cdf).pvalue > P_VALUE


def test_beta_draws_depend_only_on_key_and_slot():
    first, again, other_slot, float32 = (np.empty(1000), np.empty(1000), np.empty(1000),
                                         np.empty(1000, np.float32))
    setup_draws.fill_beta(first, KEYS[0], 1, 4.0, 2.0)
    setup_draws.fill_beta(again, KEYS[0], 1, 4.0, 2.0)
    setup_draws.fill_beta(other_slot, KEYS[0], 2, 4.0, 2.0)
    setup_draws.fill_beta(float32, KEYS[0], 1, 4.0, 2.0)
    assert np.array_equal(first, again)
    assert not np.array_equal(first, other_slot)
    assert np.array_equal(float32, first.astype(np.float32))  # rounded on storing


def test_settling_round_makes_the_monthly_choice():
    rng = np.random.default_rng(4)
    n, n_units = 5000, 40
    unit = np.sort(rng.integers(0, n_units, n)).astype(np.int32)
    grade = rng.choice(np.array([0, 0, 0, 1, 2], np.int8), n)
    status = np.where(rng.random(n) < 0.05, SANCTIONED, ACTIVE).astype(np.int8)
    salary = rng.uniform(3e6, 9e6, n).astype(np.float32)
    integrity = rng.beta(4, 2, n).astype(np.float32)
    per_unit = [rng.uniform(0, scale, n_units) for scale in (2e6, 4e6, 0.3, 0.3, 0.5)]
    levers = (np.float32(2.0), 0.5, 6.0, 0.8)  # moral cost, peer influence, penalty, noise
    key = Streams(9).key("norms")
    settled = np.zeros(n, np.bool_)
    counts = setup_draws.choose_starting_norms(settled, status, grade, unit, salary, integrity,
                                               key, 3, *per_unit, *levers, n_units)
    # the monthly kernel, everyone reconsidering, fed with the round's normals in order
    noise = _normals(key, 3, int((status == ACTIVE).sum()))
    monthly = np.zeros(n, np.bool_)
    reconsider_and_catch(
        monthly, status.copy(), grade.copy(), np.zeros(n, np.int8), np.zeros(n, np.int32),
        np.ones(n, np.float32), unit, salary, integrity, np.arange(n), np.empty(0), noise,
        key, False, 0, 1.0, *per_unit, *levers, 0, np.float32(1.0), n_units)
    assert np.array_equal(settled, monthly)
    active = status == ACTIVE
    assert np.array_equal(counts, np.bincount(unit[active & settled], minlength=n_units))
    assert 0 < settled.sum() < (status == ACTIVE).sum()
