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

Officials' posts follow the establishment (a pyramid with a span of control of 8), so growth
also multiplies officials and the coordination work they make for each other.
A budget cut lowers establishments and allowances (pay) at once.
"""

from __future__ import annotations

import numpy as np

from ..staff import LEFT
from .careers import officials_required


class Budget:
    def __init__(self, model):
        self.model = model
        n_units = model.org.n_units
        self.pay_factor = np.ones(n_units)
        self.arrivals_this_year = np.zeros(n_units)

    def needed_staff(self) -> np.ndarray:
        """Front-line staff the last year's arrivals need, plus the unit's officials."""
        model = self.model
        units = model.unit_state
        levers = model.levers.service
        days = min(model.day, model.days_per_year) or 1
        clearance = model.levers.budget.backlog_clearance_days
        daily_cases = self.arrivals_this_year / days + model.service.queue[:, 0] / clearance
        hours_needed = daily_cases * model.org.work_hours_per_case * units.work_multiplier
        per_staff = (
            levers.hours_per_day * (1 - levers.absence_rate) * (1 - units.overhead) * units.effort
            * np.divide(units.front_hours, units.front_count, out=np.ones(len(hours_needed)),
                        where=units.front_count > 0)
        )
        return hours_needed / np.maximum(per_staff, 1e-9)

    def yearly(self) -> None:
        model = self.model
        levers = model.levers.budget
        units = model.unit_state
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
        by_performance = model.policy("budget.mode") == "performance"
        units.establishment = np.where(by_performance, performance, incremental)
        self.arrivals_this_year[:] = 0
        self.recruit()

    def recruit(self) -> None:
        model = self.model
        units = model.unit_state
        units.official_required = officials_required(
            np.rint(units.establishment), model.org.approval_layers,
            model.levers.careers.span_of_control,
        )
        model.refresh_staff_aggregates()
        self.fill_posts()

    def fill_posts(self) -> None:
        """Recruit into funded posts left vacant by retirements and exits (monthly)."""
        model = self.model
        vacant = np.rint(model.unit_state.establishment) - model.unit_state.headcount
        if (vacant > 0).any():
            model.careers.hire(vacant)
            model.careers.fill_vacancies()
            model.refresh_staff_aggregates()

    def cut(self, share: float, hit: np.ndarray) -> None:
        """A budget cut: establishments and allowances fall by ``share`` in the units hit."""
        model = self.model
        units = model.unit_state
        levers = model.levers.budget
        units.establishment[hit] *= 1 - share
        factor = 1 - levers.allowance_share_of_pay * share
        self.pay_factor[hit] *= factor
        staff = model.staff
        affected = np.isin(staff.view("unit"), np.flatnonzero(hit)) & (staff.view("status") != LEFT)
        staff.view("salary")[affected] *= factor
        staff.view("motivation")[affected] *= 1 - levers.cut_motivation_loss * share
