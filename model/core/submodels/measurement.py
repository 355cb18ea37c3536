"""Performance measurement, incentives and gaming (R2), with reported and true performance apart.

What it represents: each month a measured unit's performance (share of cases resolved within
the service standard) is observed with noise, at a cost in reporting hours. The measure is an
unbiased sample: ``n = 0.25 / noise**2`` of the month's cases are checked, so ``noise`` is the
standard error of the measured share at 50 % (0 = every case counted).

The Indonesian baseline measures and reports: SAKIP performance accountability is mandatory in
every government body (Perpres 29/2014; evaluation by PermenPANRB 88/2021), so the conventional
preset files reports (and spends the reporting hours) on a self-assessed, gameable, narrow
measure that leaders barely act on, while allowances (TPP, *tunjangan kinerja*) follow
attendance and job class, not measured results. What results-oriented management changes is
what is measured (``breadth``, ``noise``, ``gameability``) and how far it is used
(``use_for_decisions``, ``incentive_strength``). Two stakes move behaviour:

- pay for results, ``pay_u = incentive_u * use_u``: the share of allowances that actually moves
  with the measured result (a share tied to results on paper that leaders do not act on pays
  as if it followed attendance);
- the grade's standing, ``grade_stake``: a report is read upward (the SAKIP grade is published
  and ranked), so it pays to look good on it even when nothing else follows from it.

Pay for results raises effort on what is measured, by more the more precise the measure, and
pulls effort away from what it does not see (multitasking, Holmstrom & Milgrom 1991, J. Law,
Economics & Organization 7: quality falls with the unmeasured share of the work, so more cases
come back for rework); a noisy (subjective) measure demotivates. Incentives and monitoring can
therefore lower true output, as Rasul & Rogger (2018, Economic Journal 128(608)) found across
Nigerian civil-service bodies; close monitoring (intensity x use) on a noisy measure also crowds
intrinsic motivation out, on a precise one crowds it in (Frey 1997, *Not Just for the Money*;
Frey & Jegen 2001). Leaders who use a precise measure also act on what it shows (Moynihan
2008, "purposeful use"): they see where files wait and who is away, and days away fall by up to
``absence_cut`` at full attention (intensity x use x precision; camera monitoring with pay halved
teachers' absence, Duflo, Hanna & Ryan 2012, AER 102(4)), so sign-off waits on an absent
official less often. Their other finding, that autonomy raises completion, is delegation
(``service.delegation``): staff who may decide how a case is handled fit the work to the case
(quality up, fewer incomplete files) and are more intrinsically motivated (Deci & Ryan 2000;
Besley & Ghatak 2005). Units whose integrity is low game the measure when the stake is
high, the measure is gameable, and noise gives cover against auditors (Goodhart's and
Campbell's laws; Bevan & Hood 2006, Public Administration 84(3): the A&E four-hour target was
reported 96 % met while patient surveys said 77 %):

- ``continuous``: reported = measured + g_u * reach * (1 - measured), reach = 0.5 * gameability;
- ``threshold``: each month a unit games with probability g_u; a gaming unit below the target
  that can reach it (measured + reach >= target) reports just above it (bunching at the
  threshold), one that cannot reports as close as it can (measured + reach * (1 - measured):
  England's star ratings graded the distance to a target); other units report the measure;
- reported output (cases) is inflated by ``1 + 0.5 * gameability * g_u`` (cases split or
  counted twice);
- ``ratchet``: each year the target moves up to the mean result the unit reported over the past
  year (it never falls), so units whose result is above target hold effort back
  (Weitzman 1980, Bell J. Economics 11(1)).

    pay_u   = incentive_u * use_u * [intensity_u > 0]
    g_u     = clip(3 * (pay_u + 0.25 [reports_u]) * (1 - integrity_u) * cover * (1 - audit_u), 0, 1)
    cover = noise / (noise + 0.05);  precision = 1 / (1 + noise / 0.1)
    (3, 0.25, 0.05 and 0.1 are measurement.gaming_propensity, grade_stake, cover_noise and
    precision_noise)
    (0.2, 0.4 and 0.15 in quality and pull are quality_per_autonomy, motivation_monitoring and
    motivation_autonomy)
    effort_u  = 1 + 0.15 * pay_u * intensity_u * precision - holdback_u
    quality_u = ... - 0.25 * pay_u * intensity_u * (1 - breadth_u) + 0.2 * delegation_u
    pull_u    = 0.65 + (0.2 * pay_u + 0.4 * intensity_u * use_u) * (precision - 0.5)
                + 0.15 * delegation_u
    absence_u = absence * (1 - 0.5 * intensity_u * use_u * precision)   (0.5 = absence_cut)
    (intensity, noise, incentive, use, breadth and gameability are the unit's practice of its
    formal rules; the target rule and ``reports_u`` = [intensity on paper > 0] are the rules on
    paper: reports are made, and cost reporting hours, as the rule on paper says)
"""

from __future__ import annotations

import numpy as np

from ..staff_passes import pull_toward
from ..submodel import StepContext, SubmodelBase


def measure_precision(noise, reference_noise):
    """How precisely the measure reflects results: 1 / (1 + noise / reference_noise), 0.5 at the
    reference noise (``measurement.precision_noise``)."""
    return 1 / (1 + noise / reference_noise)


def pay_for_results(ctx: StepContext) -> np.ndarray:
    """Per unit: the share of allowances that actually moves with the measured result, the
    practised share tied to results times how far leaders act on the measure (0 where nothing
    is measured in practice)."""
    return (
        ctx.practice["measurement.incentive_strength"]
        * ctx.practice["measurement.use_for_decisions"]
        * (ctx.practice["measurement.intensity"] > 0)
    )


def reporting_time_share(ctx: StepContext) -> np.ndarray:
    """Per unit: share of hours on reporting (by measurement intensity) and on gaming."""
    levers = ctx.levers.measurement
    return (
        levers.reporting_share * ctx.policy("measurement.intensity")
        + levers.gaming_hours * ctx.units.gaming
    )


class Measurement(SubmodelBase):
    """Monthly measurement, reporting and gaming; effort, quality and motivation respond."""

    name = "measurement"
    group = "measurement"
    reads = ("units.integrity_mean", "units.skill_mean", "units.clarity", "units.target")
    writes = ("units.perf_true", "units.perf_reported", "units.gaming", "units.holdback",
              "units.effort", "units.quality", "units.target", "units.absence_factor",
              "staff.motivation")
    streams = ("measurement",)
    source = "Holmstrom & Milgrom 1991; Bevan & Hood 2006; Weitzman 1980"
    odd_section = "7.4"

    def __init__(self, ctx: StepContext):
        self.context = ctx
        n = ctx.org.n_units
        self.report_factor = np.ones(n)
        self.reported_sum = np.zeros(n)  # this year's reported results, for the ratchet
        self.reported_months = np.zeros(n)
        units = ctx.units
        units.target[:] = ctx.levers.measurement.target_level
        units.perf_true[:] = np.nan
        units.perf_reported[:] = np.nan

    def on_month(self, ctx: StepContext) -> None:
        """A new year first moves ratchet targets; then the month's results are measured."""
        if ctx.new_year:
            self.reset_ratchet()
        self.measure_month(ctx.month["on_time"], ctx.month["resolved"])

    def measure_month(self, on_time: np.ndarray, resolved: np.ndarray) -> None:
        """Measure, report and respond to each unit's share resolved on time this month."""
        ctx = self.context
        levers = ctx.levers.measurement
        units = ctx.units
        rng = ctx.streams.measurement
        # reports are made as the rule on paper says; what is measured and paid for is practice
        on_paper = ctx.policy("measurement.intensity")
        intensity = ctx.practice["measurement.intensity"]
        pay = pay_for_results(ctx)
        target_rule = ctx.policy("measurement.target")

        observed = resolved > 0
        true = np.where(
            observed, np.divide(on_time, resolved, out=np.zeros(len(resolved)), where=observed),
            units.perf_true,
        )
        noise = ctx.practice["measurement.noise"]
        unseen = np.isnan(true)  # no case resolved yet; a share is never infinite
        measured = np.where(unseen, np.nan, self.measure(np.where(unseen, 0.0, true), noise, rng))
        precision = measure_precision(noise, levers.precision_noise)
        cover = noise / (noise + levers.cover_noise)
        audit = np.minimum(
            1, ctx.practice["integrity.audit_rate"] * ctx.levers.integrity.audit_detection
            * levers.audit_report_check
        )
        measuring = on_paper > 0
        stake = pay + levers.grade_stake * measuring
        gaming = np.clip(
            levers.gaming_propensity * stake * (1 - units.integrity_mean) * cover * (1 - audit),
            0, 1,
        ) * (target_rule != "none")
        gameability = ctx.practice["measurement.gameability"]
        reach = levers.max_inflation * gameability
        inflated = measured + gaming * reach * (1 - measured)
        games_now = rng.random(len(true)) < gaming
        # a gaming unit that can reach the threshold reports just above it; one that cannot
        # still reports as close as the measure lets it (star ratings graded the distance)
        within_reach = measured + reach >= units.target
        bunched = np.where(
            games_now & (measured < units.target),
            np.where(within_reach, units.target + levers.bunching_margin * rng.random(len(true)),
                     measured + reach * (1 - measured)),
            measured,
        )
        # (np.where, not np.select: the same choice at a tenth of the cost on a few units)
        reported = np.where(
            target_rule == "threshold", bunched,
            np.where((target_rule == "continuous") | (target_rule == "ratchet"), inflated, measured),
        )
        units.perf_true = true
        units.perf_reported = np.where(measuring, reported, true)
        seen = np.isfinite(units.perf_reported)
        self.reported_sum += np.where(seen, units.perf_reported, 0.0)
        self.reported_months += seen
        units.gaming = gaming * measuring
        self.report_factor = 1 + levers.output_inflation * gameability * units.gaming
        above = np.clip((np.where(unseen, 0.0, measured) - units.target) / levers.ratchet_margin,
                        0, 1)
        units.holdback = np.where(target_rule == "ratchet", levers.ratchet_holdback * pay * above, 0.0)
        units.effort = 1 + levers.effort_response * pay * intensity * precision - units.holdback
        # effort pulled to the measured task leaves the unmeasured share of the work undone
        diverted = pay * intensity * (1 - ctx.practice["measurement.breadth"])
        # staff who may decide how a case is handled fit the work to the case (local information)
        autonomy = ctx.practice["service.delegation"]
        units.quality = np.clip(
            levers.quality_base + levers.quality_per_skill * (units.skill_mean - 1)
            + levers.quality_per_clarity * units.clarity - levers.quality_penalty * diverted
            + levers.quality_per_autonomy * autonomy,
            levers.quality_floor,
            1.0,
        )
        monitoring = intensity * ctx.practice["measurement.use_for_decisions"]
        # leaders who read a precise measure see where files wait and who is away, and act on it
        units.absence_factor = 1 - levers.absence_cut * monitoring * precision
        self._motivate(pay, precision, monitoring, autonomy)

    @staticmethod
    def measure(true: np.ndarray, noise: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """An unbiased sample estimate of each share, with standard error ``noise`` at 0.5
        (``noise`` 0 counts every case)."""
        exact = noise <= 0
        sample = np.maximum(1, np.rint(0.25 / np.where(exact, 1.0, noise) ** 2)).astype(np.int64)
        estimate = rng.binomial(sample, np.clip(true, 0, 1)) / sample
        return np.where(exact, true, estimate)

    def _motivate(self, pay: np.ndarray, precision: np.ndarray, monitoring: np.ndarray,
                  autonomy: np.ndarray) -> None:
        """Pay for measured results and close monitoring motivate when the measure is fair and
        crowd intrinsic motivation out when it is noisy (a subjective, controlling evaluation);
        autonomy over one's own work raises it (self-determination)."""
        levers = self.context.levers.measurement
        staff = self.context.staff
        # a measure as precise as the reference (precision 0.5) neither motivates nor demotivates
        fairness = precision - 0.5
        pull = (levers.motivation_base + levers.motivation_incentive * pay * fairness
                + levers.motivation_monitoring * monitoring * fairness
                + levers.motivation_autonomy * autonomy)
        pull_toward(staff.view("motivation"), staff.view("unit"),
                    np.broadcast_to(pull, (self.context.org.n_units,)).astype(np.float64),
                    levers.motivation_pace)

    def reset_ratchet(self) -> None:
        """Yearly: a ratchet target moves up to the mean result reported over the past year."""
        units = self.context.units
        ratchet = self.context.policy("measurement.target") == "ratchet"
        reported = np.divide(self.reported_sum, self.reported_months,
                             out=np.zeros_like(self.reported_sum), where=self.reported_months > 0)
        units.target = np.where(ratchet, np.maximum(units.target, reported), units.target)
        self.reported_sum[:] = 0.0
        self.reported_months[:] = 0.0
