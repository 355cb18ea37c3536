"""Counter-based random draws for the compiled daily kernels.

A daily draw is a pure function of its stream's key (:meth:`birosim.core.rng.Streams.key`, one
key per named stream), the day, the unit and the draw's slot: the counter ``(day, unit, slot)``
is hashed with the key into a SplitMix64 state, whose successive outputs are the uniforms the
sampler consumes. So a kernel needs no generator object and no state to save in a checkpoint, a
draw that is skipped (no cases, zero probability) moves no other draw, and one seed gives the
same draws in any process.

Samplers (exact, the algorithms numpy uses or their published equivalents):

- Poisson: Knuth's multiplication method below a mean of 10, Hormann's PTRS transformed
  rejection above (Hormann 1993, "The transformed rejection method for generating Poisson
  random variables", Insurance: Mathematics and Economics 12(1); numpy's ``random_poisson``);
- binomial: inversion by sequential search of the probability function while
  ``n * min(p, 1 - p) < 10`` (BINV, Kachitvichyanukul & Schmeiser 1988, "Binomial random
  variate generation", Communications of the ACM 31(2); numpy's ``random_binomial_inversion``:
  one uniform and a multiplication a count, where waiting times cost a logarithm a count),
  Hormann's BTRS transformed rejection with a squeeze above (Hormann 1993, "The generation of
  binomial random variates", J. Statistical Computation and Simulation 46(1-2));
- standard normal: Box & Muller (1958) on two uniforms.

``tests/test_draws.py`` checks each sampler's distribution against its probability function
over many keys, and that draws depend only on their counter.

numba's on-disk cache checks only the source file of a cached kernel, not of the functions it
inlines: after editing this module, delete the ``*.nbi``/``*.nbc`` files under ``model`` (or set
``NUMBA_CACHE_DIR`` to an empty folder) so the daily kernels are compiled again.
"""

from __future__ import annotations

import math

import numba
import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_TO_UNIT = 1.0 / 9007199254740992.0  # 2 ** -53
#: below this mean (Poisson) or n * min(p, 1 - p) (binomial) the direct methods are faster
_REJECTION_FROM = 10.0
#: log(k!) - Stirling's approximation, for k = 0..9 (Hormann 1993, BTRS)
_STIRLING_TAIL = np.array([
    0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509,
    0.0166446911898211, 0.0138761288230707, 0.0118967099458917, 0.0104112652619720,
    0.00925546218271273, 0.00833056343336287,
])


@numba.njit(cache=True, nogil=True, error_model="numpy")
def _mix(z):
    """SplitMix64's output function (a bijection of 64-bit words)."""
    z = (z ^ (z >> np.uint64(30))) * _MIX1
    z = (z ^ (z >> np.uint64(27))) * _MIX2
    return z ^ (z >> np.uint64(31))


@numba.njit(cache=True, nogil=True, error_model="numpy")
def start(key, day, unit, slot):
    """The generator state of one draw: the counter ``(day, unit, slot)`` hashed with ``key``,
    each coordinate added as a Weyl step (as SplitMix64 seeds its split streams) and mixed."""
    state = _mix(key + np.uint64(day + 1) * _GOLDEN)
    state = _mix(state + np.uint64(unit + 1) * _GOLDEN)
    return _mix(state + np.uint64(slot + 1) * _GOLDEN)


@numba.njit(cache=True, nogil=True, error_model="numpy")
def uniform(state):
    """(a uniform in [0, 1), the next state): one SplitMix64 step."""
    state = state + _GOLDEN
    return np.float64(_mix(state) >> np.uint64(11)) * _TO_UNIT, state


@numba.njit(cache=True, nogil=True, error_model="numpy")
def poisson(state, mean):
    """A Poisson(``mean``) count from the draw state ``state``."""
    if mean <= 0.0:
        return 0
    if mean < _REJECTION_FROM:  # multiplication method
        limit = math.exp(-mean)
        count = 0
        product, state = uniform(state)
        while product > limit:
            count += 1
            u, state = uniform(state)
            product *= u
        return count
    root = math.sqrt(mean)  # PTRS
    log_mean = math.log(mean)
    b = 0.931 + 2.53 * root
    a = -0.059 + 0.02483 * b
    inv_alpha = 1.1239 + 1.1328 / (b - 3.4)
    v_r = 0.9277 - 3.6224 / (b - 2)
    while True:
        u, state = uniform(state)
        v, state = uniform(state)
        u -= 0.5
        us = 0.5 - abs(u)
        k = np.floor((2 * a / us + b) * u + mean + 0.43)
        if us >= 0.07 and v <= v_r:
            return np.int64(k)
        if k < 0 or (us < 0.013 and v > us):
            continue
        if (math.log(v) + math.log(inv_alpha) - math.log(a / (us * us) + b)
                <= -mean + k * log_mean - math.lgamma(k + 1)):
            return np.int64(k)


@numba.njit(cache=True, nogil=True, error_model="numpy")
def _stirling_tail(k):
    if k <= 9:
        return _STIRLING_TAIL[np.int64(k)]
    k1 = (k + 1) * (k + 1)
    return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / k1) / k1) / (k + 1)


@numba.njit(cache=True, nogil=True, error_model="numpy")
def binomial(state, n, p):
    """A binomial(``n``, ``p``) count from the draw state ``state``."""
    if n <= 0 or p <= 0.0:
        return 0
    if p >= 1.0:
        return np.int64(n)
    flip = p > 0.5
    q = 1.0 - p if flip else p
    if n * q < _REJECTION_FROM:  # BINV: one uniform against the cumulative probabilities
        odds = q / (1.0 - q)
        scaled_odds = odds * (n + 1)
        none = (1.0 - q) ** n
        # the probabilities' rounding can leave a uniform near 1 unmatched: draw it again past
        # ten standard deviations (as numpy's BINV does; the tail beyond is below 1e-13)
        limit = min(n, np.floor(n * q + 10.0 * math.sqrt(n * q * (1.0 - q) + 1.0)))
        count = 0
        u, state = uniform(state)
        probability = none
        while u > probability:
            count += 1
            if count > limit:
                count = 0
                u, state = uniform(state)
                probability = none
                continue
            u -= probability
            probability *= scaled_odds / count - odds  # P(k) / P(k - 1) = (n - k + 1) q / (k p)
    else:  # BTRS
        spread = math.sqrt(n * q * (1 - q))
        b = 1.15 + 2.53 * spread
        a = -0.0873 + 0.0248 * b + 0.01 * q
        c = n * q + 0.5
        v_r = 0.92 - 4.2 / b
        odds = q / (1 - q)
        alpha = (2.83 + 5.1 / b) * spread
        mode = np.floor((n + 1) * q)
        while True:
            u, state = uniform(state)
            v, state = uniform(state)
            u -= 0.5
            us = 0.5 - abs(u)
            k = np.floor((2 * a / us + b) * u + c)
            if us >= 0.07 and v <= v_r:
                break
            if k < 0 or k > n:
                continue
            v = math.log(v * alpha / (a / (us * us) + b))
            bound = ((mode + 0.5) * math.log((mode + 1) / (odds * (n - mode + 1)))
                     + (n + 1) * math.log((n - mode + 1) / (n - k + 1))
                     + (k + 0.5) * math.log(odds * (n - k + 1) / (k + 1))
                     + _stirling_tail(mode) + _stirling_tail(n - mode)
                     - _stirling_tail(k) - _stirling_tail(n - k))
            if v <= bound:
                break
        count = np.int64(k)
    return np.int64(n) - count if flip else np.int64(count)


@numba.njit(cache=True, nogil=True, error_model="numpy")
def standard_normal(state):
    """A standard normal from the draw state ``state`` (Box & Muller 1958: two uniforms)."""
    first, state = uniform(state)
    second, state = uniform(state)
    return math.sqrt(-2.0 * math.log(1.0 - first)) * math.cos(2.0 * math.pi * second)
