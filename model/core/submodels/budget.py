"""Budget and establishment: requests for posts, the yearly grants and what bounds them (W2).

What it represents: once a year each unit asks for posts and the budget round grants them
within Indonesia's constraints; funded posts left vacant are filled by recruitment each month
(appointments, careers). No parameter here is a growth rate: headcount grows by what officials
ask for and the round grants.

Requests (*usulan formasi*):

- Incremental budgeting (Parkinson 1955, The Economist): "an official wants to multiply
  subordinates, not rivals"; one who feels overworked asks for ``subordinates_per_request``
  (two) subordinates. The askers are the first-layer officials (*pengawas*: kasi, kasubag), who
  lead the front line; the posts above follow from theirs (a pyramid with a span of control of
  8). Idle time is filled with procedure ("work expands so as to fill the time available"), so
  no official feels less than fully loaded; real overload and the coordination work officials
  make for each other (goals) raise the felt load. An official asks once per post at a felt
  load of 1 (``years_in_post``), more often as the felt load rises::

      felt_u    = max(load_u, 1) + coordination_u
      request_u = subordinates_per_request * supervisors_u * felt_u / years_in_post

  More posts mean more supervisors and officials above them, more coordination and more
  requests: the growth feeds itself, whatever the workload.
- Performance-based budgeting, by workload analysis (*analisis beban kerja*, ABK: KepMenPAN
  75/2004, PermenPANRB 1/2020): the posts the workload needs, last year's arrivals plus the
  backlog to clear, times the time norm per case (*norma waktu*), over each member's hours
  left for casework, plus ``performance_slack`` and the attrition expected before the next
  round. ABK holds the time norm fixed and lets the volume vary: the norm is measured once, on
  the staff the unit had at the start, and revised only when the procedure changes (adopted
  innovations, the work multiplier); staff growing more skilled do not shrink it. A unit
  whose posts exceed that need by at most ``performance_deadband`` keeps them (the analysis
  rates it adequately staffed: no cut); otherwise it asks for the difference, within
  ``max_yearly_change`` of its posts; it may be negative. A unit short of its need always asks. A unit runs the rule as far as it has taken it up
  (``uptake("budget.mode")``): its request is the blend of the two.

Grants (the yearly round):

- Civil-servant posts (CPNS, PPPK): the national formasi grants ``formasi_share`` of the
  requested posts (0: a moratorium), and only as far as the region's (parent organisation's)
  personnel bill, funded vacancies included, stays within ``personnel_cap`` of its spending
  (UU 1/2022 art. 146: 30 %). The spending base is the starting bill over
  ``personnel_share_at_start``, flat in real terms.
- Honorary staff (*honorer*): the unit fills ``honorer_hiring`` of the requested posts not
  granted as civil servants with staff it hires and pays itself from goods and services
  (booked as programme spending, ``add_cost("honorer")``), outside the personnel cap
  (0: the ban of UU 20/2023 art. 66 enforced).
- A negative request lapses posts, honorer posts first. Civil servants are not dismissed: a
  unit above its establishment shrinks by attrition and reallocation.

Budget envelope (``envelope_rp_per_year`` > 0): each month, before recruitment, vacant posts
are funded only as far as the organisation's yearly total cost (pay bill, honorer pay and the
last year's other programme spending) leaves room under the envelope: recruitment gives way
first. At the yearly round, honorer contracts beyond the room are not renewed (newest first).
Employed civil servants stay, so an envelope below their pay bill is reached only as fast as
attrition allows.

A budget cut lowers establishments, honorer posts and civil servants' allowances at once.
"""

from __future__ import annotations

from collections import deque

import numba
import numpy as np

from ..day_totals import numpy_sum
from ..promotion import top_per_unit
from ..staff import ACTIVE, LEFT, SANCTIONED
from ..submodel import StepContext, SubmodelBase
from .careers import officials_required, vacant_posts

HONORER = "honorer"


@numba.njit(cache=True, nogil=True)
def budget_day(arrivals_this_year, arrivals, honorer_count, honorer_pay_month, months_per_year,
               days_per_year, spending_today, spending_by_unit):
    """Adds the day's arrivals to the year's; if any unit has honorer staff, books their day's
    pay (``honorer_pay_month`` x months / days a year) as ``context.add_cost`` would. Returns
    whether it booked, and the total over units (numpy's sum)."""
    n_units = arrivals.shape[0]
    any_honorer = False
    for u in range(n_units):
        arrivals_this_year[u] += arrivals[u]
        any_honorer |= honorer_count[u] != 0
    if not any_honorer:
        return False, 0.0
    pay = np.empty(n_units)
    for u in range(n_units):
        pay[u] = honorer_pay_month[u] * months_per_year / days_per_year
        spending_today[u] += pay[u]
        spending_by_unit[u] += pay[u]
    return True, numpy_sum(pay)


class Budget(SubmodelBase):
    """The yearly budget round: requests, grants, allowances and the budget envelope."""

    name = "budget"
    group = "budget"
    reads = ("units.front_count", "units.front_hours", "units.overhead", "units.effort",
             "units.work_multiplier", "units.official_required", "units.coordination",
             "units.salary_month", "units.honorer_pay_month", "units.headcount",
             "units.honorer_count")
    writes = ("units.establishment", "units.honorer_posts", "units.official_required",
              "units.pay_factor", "units.spending_base_rp_year", "staff.salary",
              "staff.motivation", "staff.status")
    streams = ()
    source = ("Parkinson 1955 (The Economist); UU 1/2022 art. 146; UU 20/2023 art. 66; "
              "performance-based budgeting")
    odd_section = "7.3"

    def __init__(self, ctx: StepContext):
        self.context = ctx
        n = ctx.org.n_units
        self.arrivals_this_year = np.zeros(n)
        #: each unit's region (parent organisation), over which the personnel cap holds
        self.region = np.unique(np.asarray(ctx.org.parent_org), return_inverse=True)[1]
        #: the last round's posts requested and granted (civil servants, honorer), per unit
        self.requested = np.zeros(n)
        self.granted_civil = np.zeros(n)
        self.granted_honorer = np.zeros(n)
        #: the front line's productivity the time norm is measured on (at set-up, set_baselines)
        self.norm_productivity = np.ones(n)
        #: (day, programme spending besides honorer pay so far) at each month's start
        self._spending_marks: deque[tuple[int, float]] = deque(maxlen=13)

    def set_baselines(self) -> None:
        """Once, at set-up: the regional spending the personnel cap compares with, and the
        front line's productivity the workload analysis's time norm is measured on."""
        units = self.context.units
        bill = self.context.months_per_year * units.salary_month
        units.spending_base_rp_year = bill / self.context.levers.budget.personnel_share_at_start
        self.norm_productivity = np.divide(units.front_hours, units.front_count,
                                           out=self.norm_productivity, where=units.front_count > 0)

    def on_day(self, ctx: StepContext) -> None:
        units = ctx.units
        booked, honorer_pay = budget_day(
            self.arrivals_this_year, ctx.today["arrivals"], units.honorer_count,
            units.honorer_pay_month, ctx.months_per_year, ctx.days_per_year, ctx.spending_today,
            ctx.spending_by_unit)
        if booked:
            ctx.add_item_totals((HONORER,), (honorer_pay,))

    def on_month(self, ctx: StepContext) -> None:
        if ctx.levers.budget.envelope_rp_per_year > 0:
            other = float(ctx.spending_by_unit.sum()) - ctx.spending_by_item.get(HONORER, 0.0)
            self._spending_marks.append((ctx.day, other))
            self.hold_to_envelope(release=False)

    def on_year(self, ctx: StepContext) -> None:
        """Requests, grants and the official posts they fund (module docstring)."""
        units = ctx.units
        request = self.requests(units.establishment + units.honorer_posts)
        civil, honorer = self.grants(np.maximum(request, 0))
        lapse = np.maximum(-request, 0)
        honorer_lapse = np.minimum(lapse, units.honorer_posts)
        units.establishment = units.establishment + civil - (lapse - honorer_lapse)
        units.honorer_posts = units.honorer_posts + honorer - honorer_lapse
        self.requested, self.granted_civil, self.granted_honorer = request, civil, honorer
        self.arrivals_this_year[:] = 0
        if ctx.levers.budget.envelope_rp_per_year > 0:
            self.hold_to_envelope(release=True)
        units.official_required = officials_required(
            np.rint(units.establishment + units.honorer_posts), ctx.org.approval_layers,
            ctx.levers.careers.span_of_control,
        )
        ctx.refresh_staff_aggregates()

    # ------------------------------------------------------------------ requests and grants
    def needed_staff(self) -> np.ndarray:
        """Front-line staff the last year's arrivals need, plus the backlog to clear, at the
        time norm (measured on the starting staff, revised by the work multiplier)."""
        ctx = self.context
        units = ctx.units
        levers = ctx.levers.service
        days = min(ctx.day, ctx.days_per_year) or 1
        clearance = ctx.levers.budget.backlog_clearance_days
        daily_cases = self.arrivals_this_year / days + ctx.queue[:, 0] / clearance
        hours_needed = daily_cases * ctx.org.work_hours_per_case * units.work_multiplier
        per_staff = (levers.hours_per_day * (1 - levers.absence_rate) * (1 - units.overhead)
                     * units.effort * self.norm_productivity)
        return hours_needed / np.maximum(per_staff, 1e-9)

    def requests(self, posts: np.ndarray) -> np.ndarray:
        """Posts each unit asks for (negative: posts it gives up), blended by uptake."""
        ctx = self.context
        levers = ctx.levers.budget
        units = ctx.units
        needed_front = self.needed_staff()
        officials = units.official_required.sum(axis=1)
        load = needed_front / np.maximum(units.front_count, 1)
        felt = np.maximum(load, 1.0) + units.coordination
        supervisors = units.official_required[:, 0]  # the first layer leads the front line
        parkinson = levers.subordinates_per_request * supervisors * felt / levers.years_in_post
        target = (needed_front + officials) * (
            1 + levers.performance_slack + levers.expected_attrition)
        change = levers.max_yearly_change
        adequate = (posts >= target) & (posts <= target * (1 + levers.performance_deadband))
        workload = np.where(
            adequate, 0.0, np.clip(target, posts * (1 - change), posts * (1 + change)) - posts)
        by_performance = (ctx.policy("budget.mode") == "performance") * ctx.uptake("budget.mode")
        return parkinson + by_performance * (workload - parkinson)

    def entry_pay_year(self) -> np.ndarray:
        """A new civil servant's yearly pay in each unit (Rp)."""
        ctx = self.context
        return (ctx.months_per_year * ctx.org.salary_rp_month * ctx.units.pay_factor
                * ctx.levers.careers.entry_pay_share)

    def grants(self, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Posts granted to civil servants (formasi, within the cap) and to honorer."""
        ctx = self.context
        levers = ctx.levers.budget
        units = ctx.units
        entry_pay = self.entry_pay_year()
        civil_vacant, _ = vacant_posts(ctx)
        bill = ctx.months_per_year * units.salary_month + civil_vacant * entry_pay
        civil = levers.formasi_share * wanted
        room = np.maximum(
            levers.personnel_cap * self._by_region(units.spending_base_rp_year)
            - self._by_region(bill), 0.0)
        cost = self._by_region(civil * entry_pay)
        affordable = np.minimum(1.0, np.divide(room, cost, out=np.ones_like(room), where=cost > 0))
        civil = civil * affordable[self.region]
        return civil, levers.honorer_hiring * (wanted - civil)

    def _by_region(self, values: np.ndarray) -> np.ndarray:
        return np.bincount(self.region, weights=values, minlength=self.region.max() + 1)

    # ------------------------------------------------------------------ envelope
    def other_spending_per_year(self) -> float:
        """Programme spending besides honorer pay over the last year (Rp per year)."""
        ctx = self.context
        if not self._spending_marks:
            return 0.0
        first_day, first = self._spending_marks[0]
        last_day, last = self._spending_marks[-1]
        if last_day <= first_day:
            return 0.0
        return (last - first) * ctx.days_per_year / (last_day - first_day)

    def hold_to_envelope(self, *, release: bool) -> None:
        """Fund vacant posts only as far as the envelope leaves room; at the yearly round
        (``release``) end honorer contracts the room cannot pay for (module docstring)."""
        ctx = self.context
        levers = ctx.levers.budget
        units = ctx.units
        months = ctx.months_per_year
        ctx.refresh_staff_aggregates()  # this month's exits are not counted yet
        room = (levers.envelope_rp_per_year - self.other_spending_per_year()
                - months * float(units.salary_month.sum() + units.honorer_pay_month.sum()))
        civil_count = units.headcount - units.honorer_count
        civil_vacant = np.maximum(units.establishment - civil_count, 0)
        honorer_vacant = np.maximum(units.honorer_posts - units.honorer_count, 0)
        honorer_pay = self.entry_pay_year() * levers.honorer_pay_share / units.pay_factor
        vacancy_cost = float((civil_vacant * self.entry_pay_year()
                              + honorer_vacant * honorer_pay).sum())
        if vacancy_cost > max(room, 0.0):
            funded = max(room, 0.0) / vacancy_cost
            units.establishment = np.minimum(units.establishment,
                                             civil_count + funded * civil_vacant)
            units.honorer_posts = np.minimum(units.honorer_posts,
                                             units.honorer_count + funded * honorer_vacant)
        honorer_bill = months * float(units.honorer_pay_month.sum())
        if release and room < 0 and honorer_bill > 0:
            kept = 1 - min(1.0, -room / honorer_bill)
            units.honorer_posts = np.minimum(units.honorer_posts, units.honorer_count * kept)
            self.release_honorer(units.honorer_count - np.rint(units.honorer_posts))

    def release_honorer(self, per_unit: np.ndarray) -> None:
        """End the contracts of ``per_unit[u]`` honorary staff in each unit, newest first."""
        staff = self.context.staff
        status = staff.view("status")
        index = np.flatnonzero(staff.view("honorer") & ((status == ACTIVE) | (status == SANCTIONED)))
        if len(index) == 0:
            return
        leaving = top_per_unit(index, staff.unit[index], -staff.tenure[index],
                               np.maximum(per_unit, 0), self.context.org.n_units)
        status[leaving] = LEFT
        self.context.refresh_staff_aggregates()

    # ------------------------------------------------------------------ shocks
    def cut(self, share: float, hit: np.ndarray) -> None:
        """A budget cut: establishments, honorer posts and allowances fall by ``share``."""
        ctx = self.context
        units = ctx.units
        levers = ctx.levers.budget
        units.establishment[hit] *= 1 - share
        units.honorer_posts[hit] *= 1 - share
        factor = 1 - levers.allowance_share_of_pay * share
        units.pay_factor[hit] *= factor
        staff = ctx.staff
        employed = np.isin(staff.view("unit"), np.flatnonzero(hit)) & (staff.view("status") != LEFT)
        civil = employed & ~staff.view("honorer")
        staff.view("salary")[civil] *= factor
        staff.view("motivation")[employed] *= 1 - levers.cut_motivation_loss * share
