"""Programme spending: what each formal measure costs in Rupiah, beside the staff's own pay.

What it represents: every measure a government puts on paper is paid for, whether or not the
unit runs it well (a paper reform still pays for its reports and its auditors); what depends on
practice is paid as it happens. Booked each day per unit with ``context.add_cost`` (a year's
cost spread over its working days):

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

import numpy as np

from ..submodel import StepContext, SubmodelBase
from .careers import training_days
from .integrity import complaints_investigated_share


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

    def on_day(self, ctx: StepContext) -> None:
        for item, rupiah in self.daily_costs(ctx).items():
            ctx.add_cost(item, rupiah)

    @staticmethod
    def daily_costs(ctx: StepContext) -> dict[str, np.ndarray]:
        """Today's spending per unit on each programme item (Rp)."""
        levers = ctx.levers
        integrity = levers.integrity
        units = ctx.units
        days = ctx.days_per_year
        auditor_days = (ctx.policy("integrity.audit_rate") * integrity.auditor_days_per_audit
                        * integrity.auditor_staffing)
        investigated = (ctx.today["complaints"] * ctx.practice["integrity.complaint_channel"]
                        * complaints_investigated_share(ctx))
        officials = units.official_count.sum(axis=1)
        return {
            "audits": auditor_days * integrity.auditor_day_cost_rp * integrity.auditor_skill / days,
            "complaint_handling": investigated * integrity.complaint_investigation_rp,
            "measurement_system": (ctx.policy("measurement.intensity")
                                   * levers.measurement.system_cost_rp_per_unit_year / days),
            "training": (training_days(ctx) * units.active
                         * levers.careers.training_cost_rp_per_person_day / days),
            "goal_setting": (ctx.policy("goals.goal_setting") * officials
                             * levers.goals.goal_setting_days
                             * levers.goals.goal_setting_cost_rp_per_day / days),
        }
