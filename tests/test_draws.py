"""The counter-based draws of the compiled daily kernels (``birosim.core.draws``).

- Each sampler follows its distribution: a chi-square goodness-of-fit test against the exact
  probability function, for parameters in every regime the samplers switch between (inversion
  or multiplication below a mean of 10, transformed rejection above; p above 0.5 by symmetry),
  on three stream keys. 20,000 draws per case; tails are pooled so that every bin expects at
  least 20. Tolerance: p-value above 1e-4 for every case and key (42 tests, so a correct
  sampler fails one of them with probability about 0.4 %); a wrong constant in the rejection
  bounds shifts the pmf by far more than that detects.
- A draw depends only on its counter (key, day, unit, slot): skipping draws moves none of the
  others, and the same seed and stream name give the same key in a fresh ``Streams``.
"""

from __future__ import annotations

import numba
import numpy as np
import pytest
from birosim.core import draws
from birosim.core.rng import Streams
from scipy import stats

N_DRAWS = 20_000
KEYS = [Streams(seed).key("arrivals") for seed in (1, 2, 3)]
MIN_EXPECTED = 20.0
P_VALUE = 1e-4


@numba.njit(cache=True)
def _binomials(key, n, p, size):
    out = np.empty(size, dtype=np.int64)
    for i in range(size):
        out[i] = draws.binomial(draws.start(key, i, 3, 1), n, p)
    return out


@numba.njit(cache=True)
def _poissons(key, mean, size):
    out = np.empty(size, dtype=np.int64)
    for i in range(size):
        out[i] = draws.poisson(draws.start(key, 5, i, 0), mean)
    return out


@numba.njit(cache=True)
def _unit_draws(key, day, units, n, p):
    return [draws.binomial(draws.start(key, day, u, 0), n, p) for u in units]


def _chi_square_p(sample: np.ndarray, pmf) -> float:
    """p-value of a chi-square test of ``sample`` against ``pmf(k)``: bins 0..max, the last
    holding the whole upper tail, merged left to right until each expects MIN_EXPECTED."""
    top = int(sample.max())
    expected = pmf(np.arange(top + 1)) * len(sample)
    expected[-1] += len(sample) - expected.sum()  # everything above the largest draw
    observed = np.bincount(sample, minlength=top + 1)
    merged_obs, merged_exp = [0.0], [0.0]
    for o, e in zip(observed, expected, strict=True):
        if merged_exp[-1] >= MIN_EXPECTED:
            merged_obs.append(0.0)
            merged_exp.append(0.0)
        merged_obs[-1] += o
        merged_exp[-1] += e
    if len(merged_exp) > 1 and merged_exp[-1] < MIN_EXPECTED:
        last_obs, last_exp = merged_obs.pop(), merged_exp.pop()
        merged_obs[-1] += last_obs
        merged_exp[-1] += last_exp
    if len(merged_exp) < 2:
        return 1.0
    return float(stats.chisquare(merged_obs, merged_exp).pvalue)


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("n, p", [
    (5, 0.3), (40, 0.1), (19, 0.5), (100, 0.5), (1000, 0.03), (300, 0.95), (20, 0.97),
    (5000, 0.2),
])
def test_binomial_follows_its_pmf(key, n, p):
    sample = _binomials(key, n, p, N_DRAWS)
    assert sample.min() >= 0 and sample.max() <= n
    assert _chi_square_p(sample, lambda k: stats.binom.pmf(k, n, p)) > P_VALUE


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("mean", [0.3, 4.0, 9.9, 10.0, 55.0, 3000.0])
def test_poisson_follows_its_pmf(key, mean):
    sample = _poissons(key, mean, N_DRAWS)
    assert _chi_square_p(sample, lambda k: stats.poisson.pmf(k, mean)) > P_VALUE


def test_degenerate_parameters_draw_nothing():
    assert _binomials(KEYS[0], 0, 0.5, 3).tolist() == [0, 0, 0]
    assert _binomials(KEYS[0], 10, 0.0, 3).tolist() == [0, 0, 0]
    assert _binomials(KEYS[0], 10, 1.0, 3).tolist() == [10, 10, 10]
    assert _poissons(KEYS[0], 0.0, 3).tolist() == [0, 0, 0]


def test_a_draw_depends_only_on_its_counter():
    key = Streams(11).key("service")
    assert key == Streams(11).key("service")  # the same in any process or worker
    assert key != Streams(11).key("arrivals") and key != Streams(12).key("service")
    every = list(_unit_draws(key, 7, np.arange(20), 50, 0.3))
    odd_only = list(_unit_draws(key, 7, np.arange(1, 20, 2), 50, 0.3))
    assert every[1::2] == odd_only
    assert len(set(every)) > 3  # units get different draws
