"""The birosim model: units and staff of one organisation under a set of levers.

One step is one working day; a year is 250 steps, a month 1/12 of a year. Each day citizens'
cases arrive and are worked and signed off (service), corrupt acts and citizens' ratings follow
from the cases handled (integrity, citizens), and staff may be reallocated (flexibility). Each
month the reform programme, careers, integrity decisions and detection, innovation, performance
measurement and goal/routine overhead are updated for every staff member at once. Each year the
budget round sets establishments and recruits. See ``docs/ODD.md`` for the full description.

Usage::

    scenario = load_scenario("results_oriented")
    model = BureaucracyModel(scenario)
    model.run()
    model.summary(), model.timeseries(), model.unit_series()
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import mesa
import numpy as np
import pandas as pd

from .aggregates import add_to_staff_aggregates, corruption_counts, staff_aggregates
from .day_totals import (
    CASE_TOTALS,
    RUN_FIELDS,
    STEP_ROW,
    TOTALS,
    day_totals,
    finite_mean,
    record_day,
)
from .organisation import Organisation
from .outcomes import (
    RUN_OUTCOMES,
    UNIT_COLUMNS,
    ModelRecorder,
    UnitRecorder,
    lead_time_quantile,
    sakip_grade,
)
from .presets import outside_the_reform
from .promotion import grades_by_seniority
from .rng import Streams
from .scenario import Scenario
from .setup_draws import fill_beta
from .staff import ACTIVE, MAX_GRADE, StaffTable
from .submodel import StepContext
from .submodels import SUBMODELS
from .submodels.careers import draw_skill, officials_required
from .units import UnitAgent, UnitState

DAYS_PER_YEAR = 250
MONTHS_PER_YEAR = 12
COMPACT_EVERY_DAYS = DAYS_PER_YEAR
#: staff drawn at a time when the model is set up (cache-sized blocks; any size gives the same draws)
DRAW_BLOCK = 1 << 16
RECOVERY_TOLERANCE = 1.1


class BureaucracyModel(mesa.Model):
    """An organisation's units and staff under one scenario's levers (see module docstring)."""

    days_per_year = DAYS_PER_YEAR

    def __init__(
        self,
        scenario: Scenario,
        *,
        seed: int | None = None,
        organisation: Organisation | None = None,
        unit_series: bool | Sequence[str] = True,
        unit_sink: str | Path | None = None,
    ):
        seed = scenario.seed if seed is None else int(seed)
        super().__init__(seed=seed)
        self.scenario = scenario
        self.seed_value = seed
        self.levers = scenario.levers
        self.org = organisation or scenario.load_organisation()
        self.streams = Streams(seed)
        n_units = self.org.n_units
        self.unit_state = UnitState(
            n_units=n_units,
            reference_demand=self.org.daily_demand.astype(np.float64),
            establishment=self.org.staff.astype(np.float64),
            officials_at_start=np.zeros(n_units),
        )
        self.staff = StaffTable(capacity=int(self.org.total_staff * 1.2) + 16)
        self._aggregates = ()  # the last refresh's counts and sums (refresh_staff_aggregates)
        self._aggregated = None
        self.context = StepContext(
            levers=self.levers, conventional=outside_the_reform(self.levers, scenario.preset,
                                            scenario.levers_set),
            org=self.org, units=self.unit_state, staff=self.staff,
            streams=self.streams, days_per_year=DAYS_PER_YEAR,
            warmup_days=scenario.warmup_days,
            refresh_staff_aggregates=self.refresh_staff_aggregates,
            refresh_corruption_shares=self.refresh_corruption_shares,
        )
        #: the submodels in their run order; each is also an attribute (``model.integrity``)
        self.submodels = tuple(submodel(self.context) for submodel in SUBMODELS)
        for submodel in self.submodels:
            setattr(self, submodel.name, submodel)
        self._populate()
        self.unit_agents = UnitAgent.create_all(self, n_units)

        columns = UNIT_COLUMNS if unit_series is True else (unit_series or ())
        self.unit_recorder = UnitRecorder(self.org.unit_id, columns, unit_sink)
        self.recorder = ModelRecorder(scenario.horizon_days)
        self._step_rows = self.recorder.rows(STEP_ROW)
        self._day_totals = np.zeros(len(TOTALS))  # the day's totals, rewritten each day
        #: the run's tallies after the warm-up (:data:`birosim.core.day_totals.RUN_FIELDS`)
        self._run = np.zeros(len(RUN_FIELDS))
        #: cases arrived, resolved and withdrawn over the whole run
        self._totals = np.zeros(len(CASE_TOTALS), dtype=np.int64)
        self.initial_headcount = int(self.unit_state.headcount.sum())
        #: the demand factor of a day without shocks (the service only reads it)
        self._no_demand_shock = np.ones(n_units)
        self._month_index = -1
        self._detections_today = 0
        self._adoptions_at_warmup = 0
        self._detections_at_warmup = 0

    # ------------------------------------------------------------------ set-up
    def _populate(self) -> None:
        """Create the staff: officials by a span-of-control pyramid, the rest front-line."""
        org = self.org
        rng = self.streams.staff
        n_total = org.total_staff
        careers = self.levers.careers
        # staff are drawn and set up in cache-sized blocks: the same draws in the same order as
        # one call per attribute (a generator's draws do not depend on how they are split),
        # without a fresh array of every staff member per attribute, whose first touch (page
        # faults) costs more than the arithmetic
        blocks = [(first, min(first + DRAW_BLOCK, n_total)) for first in range(0, n_total, DRAW_BLOCK)]
        unit = np.repeat(np.arange(org.n_units, dtype=np.int32), org.staff)
        age = rng.uniform(careers.initial_age_min, careers.initial_age_max, n_total)
        tenure = np.empty(n_total)
        for first, end in blocks:
            tenure[first:end] = rng.uniform(0, 1, end - first) * (age[first:end] - careers.entry_age_min)
        rows = self.staff.add(n_total, unit=unit, age=age, tenure=tenure, status=ACTIVE)
        staff = self.staff
        for first, end in blocks:
            staff.skill[rows.start + first:rows.start + end] = draw_skill(rng, end - first, careers)
        # the beta attributes are compiled draws (birosim.core.setup_draws), each from its own
        # counter of stream ``staff`` (acceptance: ``acceptance``, so that the reform's levers
        # move no other draw), written straight into the column
        acceptance_mean = self.levers.reform.initial_acceptance
        concentration = self.levers.reform.acceptance_concentration
        fill_beta(staff.view("acceptance")[rows], self.streams.key("acceptance"), 0,
                  max(acceptance_mean * concentration, 1e-3),
                  max((1 - acceptance_mean) * concentration, 1e-3))
        staff_key = self.streams.key("staff")
        for slot, (column, a, b) in enumerate((
            ("motivation", careers.initial_motivation_a, careers.initial_motivation_b),
            ("integrity", careers.integrity_a, careers.integrity_b),
            ("innovativeness", careers.innovativeness_a, careers.innovativeness_b),
        )):
            fill_beta(staff.view(column)[rows], staff_key, slot, float(a), float(b))
        required = officials_required(org.staff.astype(np.float64), org.approval_layers,
                                      careers.span_of_control)
        self.unit_state.official_required = required
        # the most senior staff of each unit hold its posts, the highest post the most senior
        block_start = np.concatenate(([0], np.cumsum(org.staff)))
        posts_at_or_above = np.cumsum(required[:, ::-1], axis=1)[:, ::-1]
        grade = grades_by_seniority(tenure, block_start, np.ascontiguousarray(posts_at_or_above))
        staff.grade[rows] = grade
        # entry pay (float32) times the pay step once per grade held, each factor evaluated
        # once per unit or grade (the same float32 values as per member)
        entry_pay = (org.salary_rp_month * careers.entry_pay_share).astype(np.float32)
        pay_step = careers.promotion_pay_step ** np.arange(MAX_GRADE + 1, dtype=np.float32)
        for first, end in blocks:
            staff.salary[rows.start + first:rows.start + end] = (
                entry_pay[unit[first:end]] * pay_step[grade[first:end]])
        self.refresh_staff_aggregates()
        self.budget.set_baselines()
        self.unit_state.officials_at_start = self.unit_state.official_count.sum(axis=1).astype(float)
        self.integrity.settle_initial_norms()
        self.goals.on_month(self.context)
        self.measurement.on_month(self.context)  # nothing measured yet: the month's tallies are 0

    # ------------------------------------------------------------------ helpers
    @property
    def day(self) -> int:
        """The current working day (0-based); the context's calendar, which submodels read."""
        return self.context.day

    @day.setter
    def day(self, value: int) -> None:
        self.context.day = value

    def policy(self, path: str) -> np.ndarray:
        """Per-unit value of a formal rule (see :meth:`Reform.policy`)."""
        return self.reform.policy(path)

    def refresh_staff_aggregates(self, appended_from: int | None = None) -> None:
        """Recompute every per-unit sum over staff (after any change to staff).

        ``appended_from``: the caller's word that the rows from it on were appended since the
        last refresh and no row before it changed (hires into posts just counted). Then only
        those rows are added, each unit's sums going on in staff order as one pass over all
        makes them (:func:`birosim.core.aggregates.add_to_staff_aggregates`), so the result is
        the same bit for bit; a full pass is made if rows were added or dropped otherwise, or
        the day (which settling reads) moved on since."""
        staff = self.staff
        units = self.unit_state
        levers = self.levers
        inputs = (
            staff.view("unit"), staff.view("status"), staff.view("grade"), staff.view("skill"),
            staff.view("motivation"), staff.view("settle_until"), staff.view("salary"),
            staff.view("integrity"), staff.view("acceptance"), staff.view("innovativeness"),
            staff.view("corrupt"), staff.view("honorer"), self.day, levers.flexibility.settling_pace,
            np.float32(levers.service.drive_base), np.float32(levers.service.drive_slope),
        )
        if appended_from is not None and self._aggregated == (appended_from, self.day):
            # copies: the unit state's arrays of the last refresh stay as they were
            aggregates = tuple(values.copy() for values in self._aggregates)
            add_to_staff_aggregates(appended_from, *inputs, *aggregates)
        else:
            aggregates = staff_aggregates(*inputs, self.org.n_units)
        self._aggregates = aggregates
        self._aggregated = (staff.n, self.day)  # the rows and the day they cover
        counts, sums, official_count, official_skill = aggregates
        units.front_count, units.headcount, units.active = counts[0], counts[1], counts[2]
        units.honorer_count = counts[5]
        units.front_hours = sums[0]
        units.salary_month = sums[1]
        units.honorer_pay_month = sums[6]
        active_count = np.maximum(units.active, 1)
        units.skill_mean = sums[2] / active_count
        units.integrity_mean = sums[3] / active_count
        units.acceptance_mean = sums[4] / active_count
        units.innovativeness_sum = sums[5]
        units.official_count = official_count
        units.official_skill = official_skill
        self._set_corruption_shares(counts[3], counts[4])

    def refresh_corruption_shares(self) -> None:
        """Per-unit shares of corrupt staff: all, front-line and officials."""
        staff = self.staff
        corrupt_all, corrupt_front = corruption_counts(
            staff.view("unit"), staff.view("status"), staff.view("grade"), staff.view("corrupt"),
            self.org.n_units,
        )
        self._set_corruption_shares(corrupt_all, corrupt_front)

    def _set_corruption_shares(self, corrupt_all: np.ndarray, corrupt_front: np.ndarray) -> None:
        units = self.unit_state
        units.corrupt_share = corrupt_all / np.maximum(units.active, 1)
        units.corrupt_front_share = corrupt_front / np.maximum(units.front_count, 1)
        units.corrupt_official_share = (corrupt_all - corrupt_front) / np.maximum(
            units.official_count.sum(axis=1), 1
        )

    # ------------------------------------------------------------------ schedule
    def step(self) -> None:
        day = self.day
        if day >= self.scenario.horizon_days:
            self.running = False
            return
        context = self.context
        if day == self.scenario.warmup_days:
            self._adoptions_at_warmup = self.innovation.adoptions
            self._detections_at_warmup = self.integrity.detections
        self._apply_shocks()
        if context.new_year:
            for submodel in self.submodels:
                submodel.on_year(context)
        month_index = (day % DAYS_PER_YEAR) * MONTHS_PER_YEAR // DAYS_PER_YEAR
        if month_index != self._month_index:
            self._month_index = month_index
            for submodel in self.submodels:
                submodel.on_month(context)
            if day > 0:
                self._detections_today = int(self.integrity.detected_month.sum())
            for tally in context.month.values():
                tally[:] = 0
        for submodel in self.submodels:
            submodel.on_day(context)
        self._record(context.today)
        context.spending_today[:] = 0.0
        if day > 0 and day % COMPACT_EVERY_DAYS == 0:
            self.staff.compact()
        self.day += 1
        if self.day >= self.scenario.horizon_days:
            self.running = False
            self.unit_recorder.close()

    def run(self, steps: int | None = None, progress: Callable[[int], None] | None = None):
        """Run ``steps`` days (default: to the horizon); ``progress(days_done)`` after each."""
        end = self.scenario.horizon_days if steps is None else min(self.day + steps, self.scenario.horizon_days)
        while self.day < end:
            self.step()
            if progress is not None:
                progress(1)
        return self

    def _apply_shocks(self) -> None:
        if not self.scenario.shocks:
            self.service.demand_factor = self._no_demand_shock
            return
        day = self.day
        factor = np.ones(self.org.n_units)
        for shock in self.scenario.shocks:
            hit = (
                np.isin(np.asarray(self.org.unit_id), shock.units) if shock.units
                else np.ones(self.org.n_units, dtype=bool)
            )
            if shock.kind == "demand":
                if shock.start_day <= day < shock.start_day + shock.duration_days:
                    factor[hit] *= shock.magnitude
            elif day == shock.start_day:
                if shock.kind == "budget_cut":
                    self.budget.cut(shock.magnitude, hit)
                else:
                    self.careers.lose_staff(shock.magnitude, np.flatnonzero(hit))
                self.refresh_staff_aggregates()
        self.service.demand_factor = factor

    def _record(self, today: dict[str, np.ndarray]) -> None:
        """Tally the day's results (month, run, totals) and record the model and unit rows."""
        day = self.day
        units = self.unit_state
        month = self.context.month
        innovation = self.innovation
        t = self._day_totals
        day_totals(
            today["arrivals"], today["resolved"], today["withdrawn"], today["deterred"],
            today["need"], today["backlog"], today["lead_sum"], today["on_time"],
            today["returned"], today["served"], today["acts"], today["asked"],
            today["complaints"], today["ikm_sum"], today["ratings"], units.active,
            units.headcount, units.honorer_count, units.salary_month, self.context.spending_today,
            self.measurement.report_factor, units.corrupt_share, units.overhead,
            today["utilisation"], units.reference_demand, units.quality, units.acceptance_mean,
            self.reform.implementation, month["on_time"], month["resolved"], month["front"],
            month["signed"], t,
        )
        record_day(t, day, self.org.n_units, MONTHS_PER_YEAR, DAYS_PER_YEAR,
                   self._detections_today, innovation.adoptions, innovation.adopted,
                   innovation.in_use, units.perf_true, units.perf_reported,
                   day >= self.scenario.warmup_days, self.recorder.table, self._step_rows,
                   self._run, self._totals)
        self.recorder.n = day + 1
        self._detections_today = 0
        if self.unit_recorder.columns:
            with np.errstate(invalid="ignore", divide="ignore"):
                self.unit_recorder.record(day, {
                    "arrivals": today["arrivals"],
                    "resolved": today["resolved"],
                    "withdrawn": today["withdrawn"],
                    "deterred": today["deterred"],
                    "backlog": today["backlog"],
                    "lead_time_mean_days": today["lead_sum"] / today["resolved"],
                    "on_time_share": today["on_time"] / today["resolved"],
                    "headcount": units.headcount,
                    "work_capacity": today["work_capacity"],
                    "utilisation": today["utilisation"],
                    "bottleneck_stage": today["bottleneck_stage"],
                    "ikm": today["ikm_sum"] / today["ratings"],
                    "corrupt_share": units.corrupt_share,
                    "perf_true": units.perf_true,
                    "perf_reported": units.perf_reported,
                    "implementation": self.reform.implementation,
                })

    # ------------------------------------------------------------------ results
    def timeseries(self) -> pd.DataFrame:
        """One row per simulated day of model-wide outcomes."""
        return self.recorder.frame()

    def unit_series(self) -> pd.DataFrame:
        """One row per unit and day (the selected columns)."""
        return self.unit_recorder.frame()

    def cases(self) -> dict[str, int]:
        """Case accounting over the whole run: arrived, resolved, withdrawn, open."""
        arrived, resolved, withdrawn = (int(n) for n in self._totals)
        return {"arrived": arrived, "resolved": resolved, "withdrawn": withdrawn,
                "open": int(self.service.queue.sum())}

    def shock_recovery_days(self) -> float:
        """Days from the first demand shock's start until the backlog is back near its level
        before the shock (within 10 %, for five days running); NaN without a demand shock."""
        shocks = [s for s in self.scenario.shocks if s.kind == "demand"]
        if not shocks or self.recorder.n == 0:
            return float("nan")
        start = shocks[0].start_day
        backlog = self.recorder.values["backlog"][: self.recorder.n]
        before = backlog[max(0, start - 20):start]
        if start >= self.recorder.n or len(before) == 0:
            return float("nan")
        limit = RECOVERY_TOLERANCE * before.mean() + 1
        calm = backlog[start:] <= limit
        for offset in range(len(calm) - 4):
            if offset >= shocks[0].duration_days and calm[offset:offset + 5].all():
                return float(offset)
        return float("nan")

    def summary(self) -> dict[str, float]:
        """Run-level outcomes over the days after the warm-up."""
        run = dict(zip(RUN_FIELDS, self._run.tolist(), strict=True))
        start = self.scenario.warmup_days
        series = self.recorder.values
        n = self.recorder.n
        resolved = max(run["resolved"], 1.0)
        hist = self.service.lead_hist.sum(axis=0)
        corrupt_staff_months = run["corrupt_staff_days"] / (DAYS_PER_YEAR / MONTHS_PER_YEAR)
        detections = self.integrity.detections - self._detections_at_warmup
        years = max(n, 1) / DAYS_PER_YEAR
        headcount = float(series["headcount"][n - 1]) if n else float(self.unit_state.headcount.sum())
        on_time = run["on_time"] / resolved
        ikm = run["ikm_sum"] / max(run["ratings"], 1)
        perf_reported = finite_mean(series["perf_reported"][start:n])
        perf_true = finite_mean(series["perf_true"][start:n])
        summary = {
            "lead_time_mean_days": run["lead_sum"] / resolved,
            "lead_time_p90_days": lead_time_quantile(hist, 0.9),
            "backlog": finite_mean(series["backlog"][start:n]),
            "on_time_share": on_time,
            "headcount": headcount,
            "staff_cost_rp": run["cost"],
            "cost_per_case_rp": run["cost"] / resolved,
            "programme_cost_rp": run["programme"],
            "total_cost_rp": run["cost"] + run["programme"],
            "total_cost_per_case_rp": (run["cost"] + run["programme"]) / resolved,
            "honorer_headcount": float(self.unit_state.honorer_count.sum()),
            "overhead_share": finite_mean(series["overhead_share"][start:n]),
            "utilisation": finite_mean(series["utilisation"][start:n]),
            "overloaded_unit_share": finite_mean(series["overloaded_unit_share"][start:n]),
            "rework_share": run["returned"] / max(run["worked"], 1),
            "corrupt_acts_per_1000_cases": 1000 * run["acts"] / resolved,
            "detection_rate": detections / corrupt_staff_months if corrupt_staff_months else 0.0,
            "pungli_share": run["asked"] / resolved,
            "innovations_adopted": float(self.innovation.adoptions - self._adoptions_at_warmup),
            "productivity_true": run["resolved"] / max(run["staff_days"], 1),
            "productivity_reported": run["reported_resolved"] / max(run["staff_days"], 1),
            "ikm": ikm,
            "arrivals": run["arrivals"],
            "resolved": run["resolved"],
            "withdrawn_share": run["withdrawn"] / max(run["arrivals"], 1),
            "deterred_share": run["deterred"] / max(run["need"], 1e-12),
            "unmet_need_share": (run["deterred"] + run["withdrawn"]) / max(run["need"], 1e-12),
            "headcount_growth_simple_per_year": (headcount / self.initial_headcount - 1) / years,
            "corrupt_staff_share": finite_mean(series["corrupt_staff_share"][start:n]),
            "quality": finite_mean(series["quality"][start:n]),
            "perf_true": perf_true,
            "perf_reported": perf_reported,
            "reform_implementation": (
                float(self.reform.implementation.mean()) if self.reform.enabled else np.nan
            ),
            "adoption_share": self.innovation.adoption_share(),
            "shock_recovery_days": self.shock_recovery_days(),
            "sakip_score_reported": 100 * perf_reported if np.isfinite(perf_reported) else np.nan,
            "sakip_score_true": 100 * perf_true if np.isfinite(perf_true) else np.nan,
        }
        return {name: float(summary[name]) for name in RUN_OUTCOMES}

    def sakip_grades(self) -> dict[str, str]:
        summary = self.summary()
        return {
            "reported": sakip_grade(summary["sakip_score_reported"]),
            "true": sakip_grade(summary["sakip_score_true"]),
        }
