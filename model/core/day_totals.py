"""The day's model-wide totals in one compiled pass over units (what ``BureaucracyModel._record``
records), and the month's per-unit tallies.

A small organisation's day would otherwise pay for some sixty numpy reductions on arrays of a
few dozen elements, each costing microseconds of call overhead whatever its size. Integer
totals are exact; float totals are summed in unit order.
"""

from __future__ import annotations

import numba
import numpy as np

#: the totals :func:`day_totals` returns, in order
TOTALS = (
    "arrivals", "resolved", "withdrawn", "deterred", "need", "backlog", "lead_sum", "on_time",
    "returned", "worked", "acts", "asked", "complaints", "ikm_sum", "ratings", "active",
    "headcount", "honorer", "salary_month", "programme", "reported_resolved", "corrupt_staff",
    "overhead_weighted", "weight", "utilisation_weighted", "demand_weight", "overloaded",
    "quality_weighted", "acceptance_weighted", "implementation",
)
INDEX = {name: i for i, name in enumerate(TOTALS)}


@numba.njit(cache=True, nogil=True)
def day_totals(arrivals, resolved, withdrawn, deterred, need, backlog, lead_sum, on_time,
               returned, served, acts, asked, complaints, ikm_sum, ratings, active, headcount,
               honorer, salary_month, spending_today, report_factor, corrupt_share, overhead,
               utilisation, reference_demand, quality, acceptance_mean, implementation,
               month_on_time, month_resolved, month_front, month_signed, t):
    """Into ``t``: the :data:`TOTALS` of today over units; adds today's per-unit results to the
    month's tallies (``month_*``, in place)."""
    t[:] = 0.0
    for u in range(arrivals.shape[0]):
        signed = 0
        for s in range(1, served.shape[1]):
            signed += served[u, s]
        month_on_time[u] += on_time[u]
        month_resolved[u] += resolved[u]
        month_front[u] += served[u, 0]
        month_signed[u] += signed
        t[0] += arrivals[u]
        t[1] += resolved[u]
        t[2] += withdrawn[u]
        t[3] += deterred[u]
        t[4] += need[u]
        t[5] += backlog[u]
        t[6] += lead_sum[u]
        t[7] += on_time[u]
        t[8] += returned[u]
        t[9] += served[u, 0]
        t[10] += acts[u]
        t[11] += asked[u]
        t[12] += complaints[u]
        t[13] += ikm_sum[u]
        t[14] += ratings[u]
        t[15] += active[u]
        t[16] += headcount[u]
        t[17] += honorer[u]
        t[18] += salary_month[u]
        t[19] += spending_today[u]
        t[20] += resolved[u] * report_factor[u]
        t[21] += corrupt_share[u] * active[u]
        weight = max(headcount[u], 0)
        t[22] += overhead[u] * weight
        t[23] += weight
        demand_weight = reference_demand[u] + 1e-12
        t[24] += utilisation[u] * demand_weight
        t[25] += demand_weight
        t[26] += utilisation[u] >= 1
        t[27] += quality[u] * resolved[u]
        t[28] += acceptance_mean[u] * active[u]
        t[29] += implementation[u]


#: numpy's pairwise summation: below this many elements a block is summed by 8 accumulators
_PAIRWISE_BLOCK = 128


@numba.njit(cache=True, nogil=True)
def _block_sum(values, start, n):
    """numpy's sum of a block of at most 128 elements: 8 accumulators, then the rest."""
    if n < 8:
        total = 0.0
        for i in range(start, start + n):
            total += values[i]
        return total
    r0, r1, r2, r3 = values[start], values[start + 1], values[start + 2], values[start + 3]
    r4, r5, r6, r7 = values[start + 4], values[start + 5], values[start + 6], values[start + 7]
    i = 8
    while i < n - n % 8:
        at = start + i
        r0 += values[at]
        r1 += values[at + 1]
        r2 += values[at + 2]
        r3 += values[at + 3]
        r4 += values[at + 4]
        r5 += values[at + 5]
        r6 += values[at + 6]
        r7 += values[at + 7]
        i += 8
    total = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while i < n:
        total += values[start + i]
        i += 1
    return total


@numba.njit(cache=True, nogil=True)
def _pairwise(values, start, n):
    """numpy's pairwise sum: a range longer than a block is split at half (rounded down to a
    multiple of 8) and the two halves' sums added. Walked with an explicit stack, as numba's
    cache does not load recursive functions safely."""
    if n <= _PAIRWISE_BLOCK:
        return _block_sum(values, start, n)
    depth = 64
    starts = np.empty(depth, dtype=np.int64)
    lengths = np.empty(depth, dtype=np.int64)
    halves_done = np.zeros(depth, dtype=np.int64)  # 0: none, 1: the first, 2: both
    partial = np.empty(depth)
    sums = np.empty(depth)  # the first half's sum of each open range
    top = 0
    starts[0], lengths[0], halves_done[0] = start, n, 0
    while True:
        length = lengths[top]
        if length <= _PAIRWISE_BLOCK:
            value = _block_sum(values, starts[top], length)
        elif halves_done[top] < 2:
            half = length // 2
            half -= half % 8
            child_start = starts[top] if halves_done[top] == 0 else starts[top] + half
            child_length = half if halves_done[top] == 0 else length - half
            halves_done[top] += 1
            top += 1
            starts[top], lengths[top], halves_done[top] = child_start, child_length, 0
            continue
        else:
            value = sums[top] + partial[top]
        if top == 0:
            return value
        top -= 1
        if halves_done[top] == 1:
            sums[top] = value
        else:
            partial[top] = value


@numba.njit(cache=True, nogil=True)
def numpy_sum(values):
    """``values.sum()`` of a 1-D float64 array, bit for bit: numpy's pairwise order (blocks of
    128 summed by 8 accumulators, larger arrays halved at a multiple of 8)."""
    return 0.0 + _pairwise(values, 0, values.shape[0])


@numba.njit(cache=True, nogil=True)
def finite_mean(values):
    """Mean of the finite values of a 1-D float64 array as numpy computes it
    (``values[np.isfinite(values)].mean()``); NaN when there are none."""
    finite = np.empty(values.shape[0])
    n = 0
    for value in values:
        if np.isfinite(value):
            finite[n] = value
            n += 1
    if n == 0:
        return np.nan
    return numpy_sum(finite[:n]) / n


#: the model-wide outcomes of a day that :func:`record_day` writes, in its order
STEP_ROW = (
    "arrivals", "resolved", "withdrawn", "deterred", "backlog", "lead_time_mean_days",
    "on_time_share", "headcount", "active_staff", "staff_cost_rp", "programme_cost_rp",
    "total_cost_rp", "honorer_headcount", "overhead_share", "utilisation",
    "overloaded_unit_share", "rework_share", "corrupt_acts", "pungli_asked", "complaints",
    "detections", "corrupt_staff_share", "innovations_adopted", "adoption_share",
    "productivity_true", "productivity_reported", "perf_true", "perf_reported", "quality", "ikm",
    "reform_implementation", "acceptance",
)
#: the run's tallies after the warm-up that :func:`record_day` adds to, in order: a day's total
#: of the same name, then staff-days, staff cost and corrupt staff-days
RUN_TALLIES = ("arrivals", "resolved", "withdrawn", "lead_sum", "on_time", "acts", "asked",
               "ikm_sum", "ratings", "programme", "reported_resolved", "need", "deterred",
               "returned", "worked")
RUN_FIELDS = (*RUN_TALLIES, "staff_days", "cost", "corrupt_staff_days")
#: the case counts over the whole run (warm-up included) that :func:`record_day` adds to
CASE_TOTALS = ("arrivals", "resolved", "withdrawn")
_RUN_TALLY_INDEX = np.array([INDEX[name] for name in RUN_TALLIES])
_CASE_TOTAL_INDEX = np.array([INDEX[name] for name in CASE_TOTALS])


@numba.njit(cache=True, nogil=True)
def _ratio(numerator, denominator):
    return numerator / denominator if denominator else np.nan


@numba.njit(cache=True, nogil=True)
def adoption_share(adopted, in_use):
    """Mean share of units that have adopted each innovation in use (``adopted[u, slot]``,
    ``in_use[slot]``), as numpy's ``adopted[:, in_use].mean()`` (0 with none in use): a count
    of booleans is exact, so the share is the count over the cells."""
    slots = 0
    count = 0
    for slot in range(in_use.shape[0]):
        if in_use[slot]:
            slots += 1
            for u in range(adopted.shape[0]):
                count += adopted[u, slot]
    if slots == 0:
        return 0.0
    return count / (adopted.shape[0] * slots)


@numba.njit(cache=True, nogil=True)
def record_day(t, day, n_units, months_per_year, days_per_year, detections, adoptions,
               adopted, in_use, perf_true, perf_reported, after_warmup, table, rows, run, cases):
    """From the day's :data:`TOTALS` ``t``: the day's model-wide outcomes (:data:`STEP_ROW`)
    into ``table[rows[k], day]``, the case counts into ``cases`` and, after the warm-up, the
    run's tallies (:data:`RUN_FIELDS`) into ``run``. ``adopted`` and ``in_use`` are the
    innovations' (:func:`adoption_share`)."""
    if day >= table.shape[1]:  # compiled code writes without a bounds check
        raise IndexError("the day is past the recorder's horizon")
    resolved = t[1]
    active = t[15]
    per_active = max(active, 1.0)
    cost = t[18] * months_per_year / days_per_year  # the month's pay bill, a day's share
    for k in range(_CASE_TOTAL_INDEX.shape[0]):
        cases[k] += np.int64(t[_CASE_TOTAL_INDEX[k]])
    if after_warmup:
        n_tallies = _RUN_TALLY_INDEX.shape[0]
        for k in range(n_tallies):
            run[k] += t[_RUN_TALLY_INDEX[k]]
        run[n_tallies] += active
        run[n_tallies + 1] += cost
        run[n_tallies + 2] += t[21]
    row = (
        t[0], resolved, t[2], t[3], t[5], _ratio(t[6], resolved), _ratio(t[7], resolved),
        t[16], active, cost, t[19], cost + t[19], t[17], t[22] / max(t[23], 1.0), t[24] / t[25],
        t[26] / n_units, _ratio(t[8], t[9]), t[10], t[11], t[12], float(detections),
        t[21] / per_active, float(adoptions), adoption_share(adopted, in_use),
        resolved / per_active, t[20] / per_active, finite_mean(perf_true), finite_mean(perf_reported),
        _ratio(t[27], resolved), _ratio(t[13], t[14]), t[29] / n_units, t[28] / per_active,
    )
    for k, value in enumerate(row):
        table[rows[k], day] = value
