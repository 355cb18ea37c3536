"""Programme spending: what each formal measure costs in Rupiah, beside the staff's own pay.

What it represents: every measure a government puts on paper is paid for, whether or not the
unit runs it well (a paper reform still pays for its reports and its auditors); what depends on
practice is paid as it happens. Booked each day per unit as ``context.add_cost`` books, every
item in one compiled call (a year's cost spread over its working days):

- ``audits``: the inspectorate's (APIP) auditor-days, ``audit_rate`` on paper x
  ``auditor_days_per_audit`` x ``auditor_staffing``, each at ``auditor_day_cost_rp`` x
  ``auditor_skill`` (a more skilled team is paid more, an assumption);
- ``complaint_handling``: a field check (``complaint_investigation_rp``) for each of the day's
  complaints that reaches the channel (practice) and that the handlers have time to
  investigate; the handlers' own hours are the unit's staff hours (overhead, integrity);
- ``measurement_system``: ``system_cost_rp_per_unit_year`` x measurement intensity on paper;
- ``training``: the training days the unit actually runs (practice) x its active staff x
  ``training_cost_rp_per_person_day``;
- ``goal_setting``: workshops of the unit's officials, goal setting on paper x
  ``goal_setting_days`` x ``goal_setting_cost_rp_per_day``.

Unit costs follow the Ministry of Finance's input cost standard for 2024 (Standar Biaya
Masukan, PMK 49/2023) where it has the item; the registry names each source or assumption.
"""

from __future__ import annotations

import numba
import numpy as np

from ..day_totals import numpy_sum
from ..submodel import StepContext, SubmodelBase
from .careers import training_days
from .integrity import complaints_investigated_share

#: the programme's items, in the order they are booked each day
ITEMS = ("audits", "complaint_handling", "measurement_system", "training", "goal_setting")


@numba.njit(cache=True, nogil=True)
def book_programme_day(complaints, active, official_count, audits, channel_reach,
                       investigated_share, investigation_rp, measurement_system, training,
                       training_rp, goal_setting, goal_setting_days, goal_setting_rp, days,
                       spending_today, spending_by_unit):
    """Today's spending per unit on each of :data:`ITEMS` (the rules' parts that change
    within a month, complaints, active staff and officials, combined with the parts that do
    not), added in place to ``spending_today`` and ``spending_by_unit`` item by item; returns
    each item's total over units, summed as numpy sums."""
    n_units = complaints.shape[0]
    amounts = np.empty((len(ITEMS), n_units))
    for u in range(n_units):
        officials = 0
        for grade in range(official_count.shape[1]):
            officials += official_count[u, grade]
        amounts[0, u] = audits[u]
        amounts[1, u] = complaints[u] * channel_reach[u] * investigated_share[u] * investigation_rp
        amounts[2, u] = measurement_system[u]
        amounts[3, u] = training[u] * active[u] * training_rp / days
        amounts[4, u] = goal_setting[u] * officials * goal_setting_days * goal_setting_rp / days
        for item in range(len(ITEMS)):
            spending_today[u] += amounts[item, u]
            spending_by_unit[u] += amounts[item, u]
    totals = np.empty(len(ITEMS))
    for item in range(len(ITEMS)):
        totals[item] = numpy_sum(amounts[item])
    return totals


class ProgrammeSpending(SubmodelBase):
    """Each day: the Rupiah every unit spends on audits, complaint handling, measurement,
    training and goal setting (module docstring)."""

    name = "programme"
    group = "reform"
    reads = ("units.active", "units.official_count")
    writes = ()
    streams = ()
    source = "Standar Biaya Masukan TA 2024 (PMK 49/2023)"
    odd_section = "7.9"

    def __init__(self, ctx: StepContext):
        self.context = ctx
        self._rules_key: tuple = ()
        self._rules: tuple[np.ndarray, ...] = ()

    def on_day(self, ctx: StepContext) -> None:
        levers = ctx.levers
        audits, reach, investigated, measurement_system, training, goal_setting = self.rules(ctx)
        totals = book_programme_day(
            ctx.today["complaints"], ctx.units.active, ctx.units.official_count, audits, reach,
            investigated, levers.integrity.complaint_investigation_rp, measurement_system,
            training, levers.careers.training_cost_rp_per_person_day, goal_setting,
            levers.goals.goal_setting_days, levers.goals.goal_setting_cost_rp_per_day,
            ctx.days_per_year, ctx.spending_today, ctx.spending_by_unit,
        )
        ctx.add_item_totals(ITEMS, totals)

    def rules(self, ctx: StepContext) -> tuple[np.ndarray, ...]:
        """The per-unit parts of the day's costs that follow only the month's rules and
        practice and the levers: audits' and the measurement system's daily cost, the
        complaint channel's reach and the share investigated, training days, goal setting on
        paper. Recomputed when the month's practice or one of those levers (a trainer's
        change, an event) has changed, else reused: ``policy`` and ``practice`` change
        together, at a month's start."""
        levers = ctx.levers
        integrity = levers.integrity
        measurement = levers.measurement
        key = (integrity.audit_rate, integrity.auditor_days_per_audit, integrity.auditor_staffing,
               integrity.auditor_day_cost_rp, integrity.auditor_skill,
               integrity.complaint_channel, integrity.complaint_staffing, measurement.intensity,
               measurement.system_cost_rp_per_unit_year, levers.goals.goal_setting)
        if self._rules_key and self._rules_key[0] is ctx.practice and self._rules_key[1:] == key:
            return self._rules
        days = ctx.days_per_year
        auditor_days = (ctx.policy("integrity.audit_rate") * integrity.auditor_days_per_audit
                        * integrity.auditor_staffing)
        self._rules = (
            auditor_days * integrity.auditor_day_cost_rp * integrity.auditor_skill / days,
            ctx.practice["integrity.complaint_channel"],
            complaints_investigated_share(ctx),
            ctx.policy("measurement.intensity") * measurement.system_cost_rp_per_unit_year / days,
            training_days(ctx),
            ctx.policy("goals.goal_setting"),
        )
        self._rules_key = (ctx.practice, *key)
        return self._rules
