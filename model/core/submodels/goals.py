"""Goal clarity and routine work (W4 unclear goals, R1 clear goals for every unit).

What it represents: the share of staff hours that goes to procedure serving no outcome. A unit
with unclear goals loses up to ``goals.routine_overhead`` of its hours to routine; goal cascading
(``goals.goal_setting``, practised as far as the unit has taken up the reform) raises clarity
toward 1. Parkinson's second axiom, "officials make work for each other" (Parkinson 1955, The
Economist), adds coordination overhead as the number of officials grows beyond the unit's
starting structure; that coordination share is also what officials feel as overwork when they
ask for subordinates (budget). Reporting for performance measurement, improvement time, gaming,
training and complaint handling also take hours; the sum is the unit's overhead share.

    clarity_u      = g0_u + (1 - g0_u) * goal_setting_u
    coordination_u = coordination * max(log2(officials_u / officials0_u), 0)
    overhead_u     = base + routine * (1 - clarity_u) + coordination_u
                     + reporting_u + gaming_u + improvement_u + training + complaints_u
                     (capped at max_overhead)
"""

from __future__ import annotations

import numpy as np

from ..submodel import StepContext, SubmodelBase
from .careers import training_days
from .measurement import reporting_time_share


class GoalsAndRoutine(SubmodelBase):
    """Monthly goal clarity and the share of hours lost to overhead of every kind."""

    name = "goals"
    group = "goals"
    reads = ("units.official_count", "units.officials_at_start", "units.gaming",
             "units.complaint_hours_share")
    writes = ("units.clarity", "units.coordination", "units.overhead")
    streams = ()
    source = "Parkinson 1955 (officials make work for each other)"
    odd_section = "7.2"

    def __init__(self, ctx: StepContext):
        self.context = ctx
        self.initial_clarity = ctx.org.goal_clarity.astype(np.float64)

    def on_month(self, ctx: StepContext) -> None:
        levers = ctx.levers
        units = ctx.units
        units.clarity = self.initial_clarity + (1 - self.initial_clarity) * ctx.practice[
            "goals.goal_setting"
        ]
        officials = units.official_count.sum(axis=1)
        growth = np.log2(np.maximum(officials, 1) / np.maximum(units.officials_at_start, 1))
        units.coordination = levers.budget.coordination_overhead * np.maximum(growth, 0)
        units.overhead = np.minimum(
            levers.goals.max_overhead,
            levers.goals.base_overhead
            + levers.goals.routine_overhead * (1 - units.clarity)
            + units.coordination
            + reporting_time_share(ctx)
            + units.complaint_hours_share
            + ctx.practice["innovation.innovation_time_share"]
            + training_days(ctx) / ctx.days_per_year,
        )
