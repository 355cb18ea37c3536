"""Compiled monthly passes over staff: each updates staff attributes in place from per-unit
values, in one loop without the staff-sized temporaries (gathers, masks, float64 copies) that
the equivalent numpy expressions allocate; at national scale those temporaries cost as much
as the arithmetic, most of it in page faults.

Every pass forms its values with numpy's dtypes (float32 attributes; float64 per-unit values
and products, rounded to float32 on storing; Python scalars applied to float32 arrays in
float32), so the results equal the numpy expressions each docstring quotes bit for bit.
Transcendental functions are evaluated by the caller on per-unit arrays, with numpy.
"""

from __future__ import annotations

import numba
import numpy as np

from . import draws
from .staff import ACTIVE, LEFT, SANCTIONED


@numba.njit(cache=True)
def pull_toward(values, unit, target, pace):
    """``values += pace * (target[unit] - values)`` (float32 values, float64 per-unit target)."""
    for i in range(len(values)):
        value = np.float64(values[i])
        values[i] = np.float32(value + pace * (target[unit[i]] - value))


@numba.njit(cache=True)
def scale_by_unit(values, unit, factor):
    """``values *= factor[unit]`` (float32 values, float64 per-unit factor)."""
    for i in range(len(values)):
        values[i] = np.float32(np.float64(values[i]) * factor[unit[i]])


@numba.njit(cache=True)
def age_leave_and_train(age, tenure, motivation, status, skill, unit, draw, month, retirement_age,
                        turnover_rate, months, training_decay, ceiling):
    """A month of careers for every row (``Careers.on_month``); ``month``, ``retirement_age``,
    ``turnover_rate`` and ``months`` are float32, as numpy applies the Python scalars to the
    float32 arrays; ``ceiling`` is float64 (``trained_skill`` compares and subtracts in float32,
    then subtracts from the float64 ceiling):

        age += month; tenure += month
        retiring  = employed & (age >= retirement_age)
        resigning = employed & ~retiring & (draw < turnover_rate * (1 - motivation) / months)
        skill = trained_skill(skill, days), training_decay[u] = exp(-rate * days[u]) for active
        staff (1 for the others)

    Returns the numbers retiring and resigning."""
    retired = 0
    resigned = 0
    one = np.float32(1.0)
    zero = np.float32(0.0)
    ceiling32 = np.float32(ceiling)
    for i in range(len(age)):
        age[i] += month
        tenure[i] += month
        s = status[i]
        if s != LEFT:
            if age[i] >= retirement_age:
                s = LEFT
                retired += 1
            elif draw[i] < np.float64(turnover_rate * (one - motivation[i]) / months):
                s = LEFT
                resigned += 1
            status[i] = s
        current = skill[i]
        if current < ceiling32:
            decay = training_decay[unit[i]] if s == ACTIVE else 1.0
            gap = max(ceiling32 - current, zero)
            skill[i] = np.float32(ceiling - np.float64(gap) * decay)
    return retired, resigned


@numba.njit(cache=True)
def update_acceptance(acceptance, unit, joined, peers, pull, training, rate, culture, push):
    """Reform acceptance of staff in joined units (``Reform.update_acceptance``):

        change = rate * (culture * (peers[u] - a) + (1 - culture) * (pull[u] - a))
                 + push * training[u] * (1 - a)
        a = clip(a + float32(change if joined[u] else 0), 0, 1)"""
    one = np.float32(1.0)
    zero = np.float32(0.0)
    for i in range(len(acceptance)):
        u = unit[i]
        a = acceptance[i]
        if joined[u]:
            a64 = np.float64(a)
            change = rate * (culture * (peers[u] - a64) + (1 - culture) * (pull[u] - a64)) + (
                push * training[u]) * np.float64(one - a)
            a = a + np.float32(change)
        acceptance[i] = min(max(a, zero), one)


@numba.njit(cache=True, inline="always")
def reconsiders(draw, i, reconsider_share):
    """Whether member ``i`` reconsiders: ``draw[i] < reconsider_share``; a share of 1 or more
    takes everyone without reading ``draw`` (a uniform is always below 1), so a caller may
    leave those draws undrawn (an empty ``draw``)."""
    return reconsider_share >= 1.0 or draw[i] < reconsider_share


@numba.njit(cache=True)
def end_suspensions_and_count_reconsidering(status, sanction_until, draw, day,
                                            reconsider_share):
    """Suspensions that end by ``day`` end (the member is active again); returns the number of
    active members who reconsider this month (:func:`reconsiders`), for whom
    :func:`reconsider_and_catch` needs one normal draw each."""
    count = 0
    for i in range(len(status)):
        if status[i] == SANCTIONED and sanction_until[i] <= day:
            status[i] = ACTIVE
        if status[i] == ACTIVE and reconsiders(draw, i, reconsider_share):
            count += 1
    return count


@numba.njit(cache=True)
def reconsider_and_catch(corrupt, status, grade, offences, sanction_until, motivation, unit,
                         salary, integrity, staff_id, draw, noise, catch_key, catching, day,
                         reconsider_share, gain_front, gain_official, detect_front,
                         detect_official, corrupt_share, moral_cost, peer_influence, penalty,
                         decision_noise, until, motivation_factor, n_units):
    """A month of integrity for every member (``Integrity.reconsider_and_detect``; ``moral_cost``
    and ``motivation_factor`` float32, as numpy applies them to the float32 arrays), after
    :func:`end_suspensions_and_count_reconsidering`:

    1. active members who reconsider (:func:`reconsiders`) choose, at this month's
       chance of detection (Becker), the ``j``-th of them with ``noise[j]``::

           p_detect = detect_front[u] if front-line else detect_official[u]
           gain = (gain_front[u] or gain_official[u]) / max(salary, 1)
           cost = p_detect * penalty + integrity * moral_cost * (1 - peer_influence * corrupt_share[u])
           corrupt = gain * exp(decision_noise * noise[j]) > cost

    2. if ``catching``, active corrupt members are caught with ``p_detect``, by a counter-based
       uniform (:mod:`birosim.core.draws`: key ``catch_key``, counter ``(day, staff_id, 0)``,
       drawn only for them): an offence more, no longer corrupt, suspended until ``until`` and
       released from any post, motivation times the factor; a second offence ends the
       employment.

    Returns the number caught per unit."""
    caught = np.zeros(n_units, np.int64)
    one = np.float32(1.0)
    j = 0
    for i in range(len(unit)):
        if status[i] != ACTIVE:
            continue
        u = unit[i]
        front = grade[i] == 0
        p = detect_front[u] if front else detect_official[u]
        if reconsiders(draw, i, reconsider_share):
            gain = (gain_front[u] if front else gain_official[u]) / np.float64(max(salary[i], one))
            moral = np.float64(integrity[i] * moral_cost) * (1 - peer_influence * corrupt_share[u])
            corrupt[i] = gain * np.exp(decision_noise * noise[j]) > p * penalty + moral
            j += 1
        if not catching or not corrupt[i]:
            continue
        if not draws.uniform(draws.start(catch_key, day, staff_id[i], 0))[0] < p:
            continue
        caught[u] += 1
        offences[i] += 1
        corrupt[i] = False
        status[i] = LEFT if offences[i] >= 2 else SANCTIONED
        grade[i] = 0
        sanction_until[i] = until
        motivation[i] = motivation[i] * motivation_factor
    return caught


@numba.njit(cache=True)
def movers_by_share(status, grade, unit, draw, share):
    """Rows of the active front-line members who move in a reallocation round
    (``Flexibility.reallocate``), in staff order:
    ``flatnonzero((status == ACTIVE) & (grade == 0) & (draw < share[unit]))``. (The staff-sized
    buffer is only reserved: its pages are touched as far as movers are written.)"""
    movers = np.empty(len(status), np.int64)
    count = 0
    for i in range(len(status)):
        if status[i] == ACTIVE and grade[i] == 0 and draw[i] < share[unit[i]]:
            movers[count] = i
            count += 1
    return movers[:count].copy()
