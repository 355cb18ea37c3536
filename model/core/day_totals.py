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
               month_on_time, month_resolved, month_front, month_signed):
    """The :data:`TOTALS` of today over units; adds today's per-unit results to the month's
    tallies (``month_*``, in place)."""
    t = np.zeros(len(TOTALS))
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
    return t
