"""Flexibility: reallocating staff between units by need (R3 responsive, B4 adaptable).

What it represents: a conventional establishment is fixed and changed once a year in the budget
round. A flexible organisation moves front-line staff every ``reallocation_interval_days`` from
units with spare capacity to units whose workload (recent arrivals plus backlog to clear) needs
more, at most ``reallocation_share`` of a unit per round. Moving costs: a moved employee works
at ``settling_pace`` for ``transfer_cost_days`` while settling in, and leaves the share
``knowledge_loss`` of their skill behind (local knowledge of the old unit's cases, rules and
contacts; training can rebuild it). Only units that practise the reform take part when
a reform programme runs. (Talent mobility between instansi: PermenPANRB 3/2020 on *manajemen
talenta*; Peraturan BKN 5/2019 on *mutasi*.)

    need_u    = (arrivals_ema_u + backlog_u / clearance_days) * work_per_case_u * work_multiplier_u
                / hours_per_staff_u
    surplus_u = front_u - need_u;  movers from surplus > 0 to deficits, weighted by deficit
"""

from __future__ import annotations

import numba
import numpy as np

from ..staff_passes import movers_by_share
from ..submodel import StepContext, SubmodelBase


@numba.njit(cache=True, nogil=True)
def smooth(average, values, weight):
    """``average += weight * (values - average)`` in place, element by element."""
    for u in range(average.shape[0]):
        average[u] += weight * (values[u] - average[u])


class Flexibility(SubmodelBase):
    """Reallocation rounds of front-line staff between units, by need."""

    name = "flexibility"
    group = "flexibility"
    reads = ("units.front_count", "units.front_hours", "units.overhead", "units.effort",
             "units.work_multiplier", "staff.status", "staff.grade")
    writes = ("staff.unit", "staff.settle_until", "staff.skill")
    streams = ("reallocation",)
    source = "PermenPANRB 3/2020 (manajemen talenta); Peraturan BKN 5/2019 (mutasi)"
    odd_section = "7.5"

    def __init__(self, ctx: StepContext):
        self.context = ctx
        self.arrivals_ema = ctx.org.daily_demand.astype(np.float64).copy()
        self.moved = 0

    def on_day(self, ctx: StepContext) -> None:
        """Take in yesterday's arrivals, then reallocate if a round is due, before the day's
        casework (so the moving average a round reads runs to yesterday)."""
        if "arrivals" in ctx.today:
            self.observe(ctx.today["arrivals"])
        if self.due():
            self.reallocate()

    def observe(self, arrivals: np.ndarray) -> None:
        smooth(self.arrivals_ema, arrivals, self.context.levers.flexibility.arrivals_smoothing)

    def due(self) -> bool:
        interval = self.context.levers.flexibility.reallocation_interval_days
        return interval > 0 and self.context.day > 0 and self.context.day % interval == 0

    def reallocate(self) -> None:
        ctx = self.context
        levers = ctx.levers
        units = ctx.units
        path = "flexibility.reallocation_interval_days"
        taking_part = (ctx.policy(path) > 0) * ctx.uptake(path)
        hours_per_staff = (
            levers.service.hours_per_day * (1 - levers.service.absence_rate) * (1 - units.overhead)
            * units.effort
            * np.divide(units.front_hours, units.front_count, out=np.ones(len(units.overhead)),
                        where=units.front_count > 0)
        )
        backlog = ctx.queue[:, 0]
        clearance = levers.flexibility.backlog_clearance_days
        work = (self.arrivals_ema + backlog / clearance) * ctx.org.work_hours_per_case
        need = work * units.work_multiplier / np.maximum(hours_per_staff, 1e-9)
        surplus = (units.front_count - need) * taking_part
        give = np.floor(np.minimum(np.maximum(surplus, 0), levers.flexibility.reallocation_share * units.front_count))
        deficit = np.maximum(-surplus, 0)
        total = min(give.sum(), np.floor(deficit.sum()))
        if total < 1:
            return
        give = np.floor(give * total / give.sum())
        staff = ctx.staff
        rng = ctx.streams.reallocation
        unit = staff.view("unit")
        share = np.divide(give, units.front_count, out=np.zeros(len(give)), where=units.front_count > 0)
        movers = movers_by_share(staff.view("status"), staff.view("grade"), unit,
                                 staff.uniforms(rng), share)
        if len(movers) == 0:
            return
        destination = rng.choice(len(deficit), size=len(movers), p=deficit / deficit.sum())
        unit[movers] = destination
        staff.view("settle_until")[movers] = ctx.day + levers.flexibility.transfer_cost_days
        staff.view("skill")[movers] *= 1 - levers.flexibility.knowledge_loss
        self.moved += len(movers)
        ctx.refresh_staff_aggregates()
