"""Budget and establishment: incremental (Parkinson) versus performance-based (W2 costly).

What it represents: once a year each unit's establishment (funded posts) is set; funded posts
left vacant are filled by recruitment each month (CPNS and PPPK intakes, transfers in).

- Incremental budgeting: officials ask for posts for the workload they *perceive* plus more
  subordinates (Parkinson 1955, The Economist: "an official wants to multiply subordinates, not
  rivals"). Idle time is filled with procedure ("work expands so as to fill the time
  available"), so no unit reports spare capacity and requests never fall with the workload::

      request_u = establishment_u * (max(load_u, 1) + subordinate_ambition)
      establishment_u <- max(establishment_u, min(request_u, establishment_u * (1 + increment)))

  The customary increment caps the grant, so headcount grows at about that rate with flat or
  falling demand (Parkinson: Admiralty officials +78 % in 1914-28 while capital ships fell 68 %,
  i.e. 5.6 % a year simple; Colonial Office 5.24 %/yr 1935-39).
- Performance-based budgeting: the establishment follows the workload (last year's arrivals
  plus the backlog to clear) at the staff's actual productivity, plus ``performance_slack`` and
  the expected attrition until the next round, within ``max_yearly_change``.
  Civil servants are not dismissed: a unit above its establishment shrinks by attrition and
  reallocation.

Filling the funded posts is the appointments' job (careers), right after the budget round.
Officials' posts follow the establishment (a pyramid with a span of control of 8), so growth
also multiplies officials and the coordination work they make for each other.
A budget cut lowers establishments and allowances (pay) at once.
"""

from __future__ import annotations

import numpy as np

from ..staff import LEFT
from ..submodel import StepContext, SubmodelBase
from .careers import officials_required


class Budget(SubmodelBase):
    """The yearly budget round: each unit's establishment (funded posts) and allowances."""

    name = "budget"
    group = "budget"
    reads = ("units.front_count", "units.front_hours", "units.overhead", "units.effort",
             "units.work_multiplier", "units.official_required")
    writes = ("units.establishment", "units.official_required", "units.pay_factor",
              "staff.salary", "staff.motivation")
    streams = ()
    source = "Parkinson 1955 (The Economist); performance-based budgeting"
    odd_section = "7.3"

    def __init__(self, ctx: StepContext):
        self.context = ctx
        self.arrivals_this_year = np.zeros(ctx.org.n_units)

    def on_day(self, ctx: StepContext) -> None:
        self.arrivals_this_year += ctx.today["arrivals"]

    def needed_staff(self) -> np.ndarray:
        """Front-line staff the last year's arrivals need, plus the unit's officials."""
        ctx = self.context
        units = ctx.units
        levers = ctx.levers.service
        days = min(ctx.day, ctx.days_per_year) or 1
        clearance = ctx.levers.budget.backlog_clearance_days
        daily_cases = self.arrivals_this_year / days + ctx.queue[:, 0] / clearance
        hours_needed = daily_cases * ctx.org.work_hours_per_case * units.work_multiplier
        per_staff = (
            levers.hours_per_day * (1 - levers.absence_rate) * (1 - units.overhead) * units.effort
            * np.divide(units.front_hours, units.front_count, out=np.ones(len(hours_needed)),
                        where=units.front_count > 0)
        )
        return hours_needed / np.maximum(per_staff, 1e-9)

    def on_year(self, ctx: StepContext) -> None:
        """Set every unit's establishment and the official posts it funds (module docstring)."""
        levers = ctx.levers.budget
        units = ctx.units
        needed_front = self.needed_staff()
        load = needed_front / np.maximum(units.front_count, 1)
        request = units.establishment * (np.maximum(load, 1.0) + levers.subordinate_ambition)
        incremental = np.maximum(
            units.establishment,
            np.minimum(request, units.establishment * (1 + levers.incremental_growth)),
        )
        officials = units.official_required.sum(axis=1)
        target = (needed_front + officials) * (1 + levers.performance_slack + levers.expected_attrition)
        performance = np.clip(
            target,
            units.establishment * (1 - levers.max_yearly_change),
            units.establishment * (1 + levers.max_yearly_change),
        )
        # a unit runs performance budgeting only as far as it has taken the rule up
        by_performance = (ctx.policy("budget.mode") == "performance") * ctx.uptake("budget.mode")
        units.establishment = incremental + by_performance * (performance - incremental)
        self.arrivals_this_year[:] = 0
        units.official_required = officials_required(
            np.rint(units.establishment), ctx.org.approval_layers,
            ctx.levers.careers.span_of_control,
        )
        ctx.refresh_staff_aggregates()

    def cut(self, share: float, hit: np.ndarray) -> None:
        """A budget cut: establishments and allowances fall by ``share`` in the units hit."""
        ctx = self.context
        units = ctx.units
        levers = ctx.levers.budget
        units.establishment[hit] *= 1 - share
        factor = 1 - levers.allowance_share_of_pay * share
        units.pay_factor[hit] *= factor
        staff = ctx.staff
        affected = np.isin(staff.view("unit"), np.flatnonzero(hit)) & (staff.view("status") != LEFT)
        staff.view("salary")[affected] *= factor
        staff.view("motivation")[affected] *= 1 - levers.cut_motivation_loss * share
