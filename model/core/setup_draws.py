"""Compiled draws for setting up a model: the starting staff's attributes and the settling rounds.

At set-up every staff member draws several beta variates and, in each of integrity's settling
rounds, a normal; numpy's generators make these at about 50 ns a beta and 11 ns a normal (a
call per array, the distribution's parameters checked and a bit generator called through a
pointer for every word). Here each draw is a sequence of SplitMix64 outputs (the generator of
:mod:`birosim.core.draws`) from one counter-based start per stream, attribute and round, read
inside the kernel that uses it:

- standard normal: Marsaglia & Tsang's ziggurat with 256 layers (Marsaglia & Tsang 2000, "The
  ziggurat method for generating random variables", J. Statistical Software 5(8); numpy's
  method), the tail beyond the base by Marsaglia's (1964) exponential rejection;
- gamma: Marsaglia & Tsang's (2000, "A simple method for generating gamma variables", ACM
  Trans. Mathematical Software 26(3)) squeeze and rejection on a normal for shapes of at least
  1 (numpy's method), boosted by ``U^(1/shape)`` below (their section 6);
- beta: ``X / (X + Y)`` of two gammas of the shapes (exact for every pair of shapes); below a
  shape of 1 in log space, since ``U^(1/shape)`` underflows for small shapes.

``tests/test_setup_draws.py`` checks each sampler's distribution (Kolmogorov-Smirnov) for shapes on
both sides of 1. A kernel's draws depend only on the key, the counter and the parameters, so a
seed gives the same staff in any process.
"""

from __future__ import annotations

import math

import numba
import numpy as np

from .draws import _GOLDEN, _TO_UNIT, _mix, start
from .staff import ACTIVE

_LAYERS = 256
#: the ziggurat's base: x of its rightmost layer edge (Marsaglia & Tsang 2000, 256 layers)
_ZIGGURAT_R = 3.6541528853610088


def _ziggurat_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Edges ``x[0] > x[1] = r > ... > x[256] = 0`` of 256 layers of equal area ``v`` under
    ``f(x) = exp(-x^2 / 2)`` (layer 0 is the base rectangle of width ``v / f(r)``, holding the
    tail beyond ``r``), ``f`` at the edges, and each layer's share ``x[i + 1] / x[i]`` that lies
    wholly under the curve."""
    r = _ZIGGURAT_R
    f_r = math.exp(-0.5 * r * r)
    area = r * f_r + math.sqrt(math.pi / 2) * math.erfc(r / math.sqrt(2))
    edges = np.zeros(_LAYERS + 1)
    edges[0], edges[1] = area / f_r, r
    for i in range(1, _LAYERS - 1):
        edges[i + 1] = math.sqrt(-2.0 * math.log(area / edges[i] + math.exp(-0.5 * edges[i] ** 2)))
    heights = np.exp(-0.5 * edges**2)
    return edges, heights, edges[1:] / edges[:-1]


_EDGES, _HEIGHTS, _INSIDE = _ziggurat_tables()
#: the edges, then the same negated: indexed by a word's layer and sign bits together
_SIGNED_EDGES = np.concatenate([_EDGES[:-1], -_EDGES[:-1]])

# The samplers are inlined into their kernels: called, each returns its (value, state) through
# memory and costs up to four times as much.


@numba.njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _to_unit(word):
    """The top 53 bits of ``word`` as a float in [0, 1), through int64: one instruction, where
    numba converts a uint64 with several."""
    return np.float64(np.int64(word >> np.uint64(11))) * _TO_UNIT


@numba.njit(cache=True, nogil=True, error_model="numpy", inline="always")
def uniform(state):
    """(a uniform in [0, 1), the next state): :func:`birosim.core.draws.uniform`'s value."""
    state = state + _GOLDEN
    return _to_unit(_mix(state)), state


@numba.njit(cache=True, nogil=True, error_model="numpy", inline="always")
def standard_normal(state):
    """(a standard normal, the next state): the ziggurat (module docstring). One 64-bit word
    gives the layer (its low 8 bits), the sign (bit 8) and the position in the layer (the top
    53); about 98.5 % of words fall wholly under the curve and are returned here, the sign
    taken from a table of both signs' edges (a branch on it would be mispredicted half the
    time)."""
    state = state + _GOLDEN
    word = _mix(state)
    position = _to_unit(word)
    if position < _INSIDE[np.int64(word & np.uint64(_LAYERS - 1))]:
        return position * _SIGNED_EDGES[np.int64(word & np.uint64(2 * _LAYERS - 1))], state
    return _normal_outside(state, word)


@numba.njit(cache=True, nogil=True, error_model="numpy")
def _normal_outside(state, word):
    """:func:`standard_normal` for a word outside the part of its layer under the curve: the
    tail beyond r for the base layer, else the wedge test; a rejected word is drawn again."""
    while True:
        layer = np.int64(word & np.uint64(_LAYERS - 1))
        position = _to_unit(word)
        x = position * _SIGNED_EDGES[np.int64(word & np.uint64(2 * _LAYERS - 1))]
        if position < _INSIDE[layer]:
            return x, state
        if layer == 0:  # the tail beyond r (Marsaglia 1964)
            while True:
                first, state = uniform(state)
                second, state = uniform(state)
                excess = -math.log(1.0 - first) / _ZIGGURAT_R
                if -2.0 * math.log(1.0 - second) > excess * excess:
                    return math.copysign(_ZIGGURAT_R + excess, x), state
        height, state = uniform(state)
        low = _HEIGHTS[layer]
        if low + height * (_HEIGHTS[layer + 1] - low) < math.exp(-0.5 * x * x):
            return x, state
        state = state + _GOLDEN
        word = _mix(state)


@numba.njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _gamma_at_least_one(state, shape):
    """(a Gamma(``shape``, 1) variate, the next state) for ``shape >= 1`` (Marsaglia & Tsang)."""
    d = shape - 1.0 / 3.0
    c = 1.0 / math.sqrt(9.0 * d)
    while True:
        x, state = standard_normal(state)
        v = 1.0 + c * x
        if v <= 0.0:
            continue
        v = v * v * v
        u, state = uniform(state)
        u = 1.0 - u  # in (0, 1]: its logarithm is finite
        x2 = x * x
        if u < 1.0 - 0.0331 * x2 * x2:
            return d * v, state
        if math.log(u) < 0.5 * x2 + d * (1.0 - v + math.log(v)):
            return d * v, state


@numba.njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _log_gamma_variate(state, shape):
    """(the logarithm of a Gamma(``shape``, 1) variate, the next state), any ``shape > 0``:
    below 1, ``Gamma(shape + 1) * U^(1 / shape)`` in log space."""
    if shape >= 1.0:
        value, state = _gamma_at_least_one(state, shape)
        return math.log(value), state
    value, state = _gamma_at_least_one(state, shape + 1.0)
    u, state = uniform(state)
    return math.log(value) + math.log(1.0 - u) / shape, state


@numba.njit(cache=True, nogil=True, error_model="numpy", inline="always")
def beta(state, a, b):
    """(a Beta(``a``, ``b``) variate, the next state): ``X / (X + Y)``, X ~ Gamma(a), Y ~ Gamma(b)."""
    if a >= 1.0 and b >= 1.0:
        x, state = _gamma_at_least_one(state, a)
        y, state = _gamma_at_least_one(state, b)
        return x / (x + y), state
    log_x, state = _log_gamma_variate(state, a)
    log_y, state = _log_gamma_variate(state, b)
    return 1.0 / (1.0 + math.exp(log_y - log_x)), state


@numba.njit(cache=True, nogil=True)
def fill_beta(values, key, slot, a, b):
    """``values[i] = Beta(a, b)`` for every row, in order, from the draw state of ``(key, slot)``
    (float64 draws rounded to the array's dtype on storing)."""
    state = start(key, slot, 0, 0)
    for i in range(len(values)):
        values[i], state = beta(state, a, b)


#: relative margin of the bounds on the exponential in :func:`choose_starting_norms`, far above
#: the few units in the last place the products and ``exp`` round by
_BOUND_MARGIN = 1.0 + 1e-12


@numba.njit(cache=True, nogil=True)
def choose_starting_norms(corrupt, status, grade, unit, salary, integrity, key, settling_round,
                          gain_front, gain_official, detect_front, detect_official, corrupt_share,
                          moral_cost, peer_influence, penalty, decision_noise, n_units):
    """One of integrity's settling rounds (``Integrity.settle_initial_norms``): every active
    member makes Becker's choice of :func:`birosim.core.staff_passes.reconsider_and_catch`,
    the same choice, with a normal of the ``(key, settling_round)`` sequence for each.
    Returns the number of corrupt active members per unit."""
    corrupt_count = np.zeros(n_units, np.int64)
    one = np.float32(1.0)
    state = start(key, settling_round, 0, 0)
    for i in range(len(unit)):
        if status[i] != ACTIVE:
            continue
        u = unit[i]
        front = grade[i] == 0
        p = detect_front[u] if front else detect_official[u]
        gain = (gain_front[u] if front else gain_official[u]) / np.float64(max(salary[i], one))
        moral = np.float64(integrity[i] * moral_cost) * (1 - peer_influence * corrupt_share[u])
        noise, state = standard_normal(state)
        spread = decision_noise * noise
        cost = p * penalty + moral
        # 1 + x <= exp(x) <= 1 / (1 - x) (x < 1) decide about nine choices in ten without the
        # exponential; the margin keeps float rounding from deciding any the formula would not
        if gain * (1.0 + spread) > cost * _BOUND_MARGIN:
            chooses = True
        elif spread < 1.0 and cost * (1.0 - spread) >= gain * _BOUND_MARGIN:
            chooses = False
        else:
            chooses = gain * np.exp(spread) > cost
        corrupt[i] = chooses
        corrupt_count[u] += chooses
    return corrupt_count
