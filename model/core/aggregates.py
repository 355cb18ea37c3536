"""Per-unit sums over staff in one compiled pass (replaces a dozen masked ``np.bincount`` calls).

The results equal the numpy version bit for bit: every sum is accumulated in float64 in staff
order, as ``np.bincount`` does, and the per-staff weights are formed with numpy's dtypes
(float32 motivation arithmetic, float64 products).
"""

from __future__ import annotations

import numba
import numpy as np

from .staff import ACTIVE, LEFT, MAX_GRADE


@numba.njit(cache=True, nogil=True)
def _store_run(counts, sums, u, front, employed, active, corrupt_all, corrupt_front, honorers,
               hours, pay, skill_sum, integrity_sum, acceptance_sum, innovativeness_sum,
               honorer_pay):
    """Write a run's counts and sums back to unit ``u`` (see :func:`staff_aggregates`)."""
    counts[0, u], counts[1, u], counts[2, u] = front, employed, active
    counts[3, u], counts[4, u], counts[5, u] = corrupt_all, corrupt_front, honorers
    sums[0, u], sums[1, u], sums[2, u] = hours, pay, skill_sum
    sums[3, u], sums[4, u], sums[5, u] = integrity_sum, acceptance_sum, innovativeness_sum
    sums[6, u] = honorer_pay


@numba.njit(cache=True, nogil=True)
def staff_aggregates(unit, status, grade, skill, motivation, settle_until, salary, integrity,
                     acceptance, innovativeness, corrupt, honorer, day, settle_factor, drive_base,
                     drive_slope, n_units):
    """One pass over staff: per-unit counts (front-line, employed, active, corrupt, corrupt
    front-line, employed honorer), sums (front-line hours, civil servants' salary, skill,
    integrity, acceptance, innovativeness, honorer pay) and officials' count and skill per
    grade, as ``refresh_staff_aggregates`` needs them (see :func:`add_to_staff_aggregates`)."""
    counts = np.zeros((6, n_units), np.int64)  # front, headcount, active, corrupt, corrupt_front,
    #                                            honorer
    sums = np.zeros((7, n_units))  # front_hours, salary, skill, integrity, acceptance, innov.,
    #                                honorer pay
    official_count = np.zeros((n_units, MAX_GRADE), np.int64)
    official_skill = np.zeros((n_units, MAX_GRADE))
    add_to_staff_aggregates(0, unit, status, grade, skill, motivation, settle_until, salary,
                            integrity, acceptance, innovativeness, corrupt, honorer, day,
                            settle_factor, drive_base, drive_slope, counts, sums, official_count,
                            official_skill)
    return counts, sums, official_count, official_skill


@numba.njit(cache=True, nogil=True)
def add_to_staff_aggregates(first, unit, status, grade, skill, motivation, settle_until, salary,
                            integrity, acceptance, innovativeness, corrupt, honorer, day,
                            settle_factor, drive_base, drive_slope, counts, sums, official_count,
                            official_skill):
    """Add the staff from row ``first`` on to the per-unit ``counts``, ``sums``,
    ``official_count`` and ``official_skill`` of :func:`staff_aggregates`, in place.

    A front-line member's hours count ``drive_base + drive_slope * motivation`` and
    ``settle_factor`` of that while settling in; ``drive_base`` and ``drive_slope`` must be
    float32 scalars, so the product is formed as numpy forms it on the float32 array.

    Staff sit mostly in runs of one unit (hires are appended, movers change unit in place), so
    a run's sums are carried in scalars and written back when the unit changes: each scalar
    starts from the unit's sum so far, so every sum is still accumulated in staff order. So
    adding rows appended since a pass over the rows before them gives the sums one pass over
    all would, bit for bit."""
    current = -1
    front = employed = active = corrupt_all = corrupt_front = honorers = 0
    hours = pay = honorer_pay = skill_sum = integrity_sum = acceptance_sum = innovativeness_sum = 0.0
    for i in range(first, len(unit)):
        s = status[i]
        if s == LEFT:
            continue
        u = unit[i]
        if u != current:
            if current >= 0:
                _store_run(counts, sums, current, front, employed, active, corrupt_all,
                           corrupt_front, honorers, hours, pay, skill_sum, integrity_sum,
                           acceptance_sum, innovativeness_sum, honorer_pay)
            current = u
            front, employed, active = counts[0, u], counts[1, u], counts[2, u]
            corrupt_all, corrupt_front, honorers = counts[3, u], counts[4, u], counts[5, u]
            hours, pay, skill_sum = sums[0, u], sums[1, u], sums[2, u]
            integrity_sum, acceptance_sum = sums[3, u], sums[4, u]
            innovativeness_sum, honorer_pay = sums[5, u], sums[6, u]
        employed += 1
        if honorer[i]:  # paid from the unit's goods and services, not the personnel bill
            honorers += 1
            honorer_pay += np.float64(salary[i])
        else:
            pay += np.float64(salary[i])
        if s != ACTIVE:
            continue
        g = grade[i]
        sk = np.float64(skill[i])
        active += 1
        skill_sum += sk
        integrity_sum += np.float64(integrity[i])
        acceptance_sum += np.float64(acceptance[i])
        innovativeness_sum += np.float64(innovativeness[i])
        if g == 0:
            front += 1
            settling = settle_factor if settle_until[i] > day else 1.0
            drive = drive_base + drive_slope * motivation[i]  # float32, as numpy computes it
            hours += sk * settling * np.float64(drive)
        else:
            official_count[u, g - 1] += 1
            official_skill[u, g - 1] += sk
        if corrupt[i]:
            corrupt_all += 1
            if g == 0:
                corrupt_front += 1
    if current >= 0:
        _store_run(counts, sums, current, front, employed, active, corrupt_all, corrupt_front,
                   honorers, hours, pay, skill_sum, integrity_sum, acceptance_sum,
                   innovativeness_sum, honorer_pay)


@numba.njit(cache=True, nogil=True)
def corruption_counts(unit, status, grade, corrupt, n_units):
    """Per unit: active corrupt staff, and those of them at grade 0 (front-line)."""
    corrupt_all = np.zeros(n_units, np.int64)
    corrupt_front = np.zeros(n_units, np.int64)
    for i in range(len(unit)):
        if corrupt[i] and status[i] == ACTIVE:
            corrupt_all[unit[i]] += 1
            if grade[i] == 0:
                corrupt_front[unit[i]] += 1
    return corrupt_all, corrupt_front
