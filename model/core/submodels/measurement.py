"""Performance measurement, incentives and gaming (R2), with reported and true performance apart.

What it represents: each month a measured unit's performance (share of cases resolved within
the service standard) is observed with noise, at a cost in reporting hours. The measure is an
unbiased sample: ``n = 0.25 / noise**2`` of the month's cases are checked, so ``noise`` is the
standard error of the measured share at 50 % (0 = every case counted). Allowances tied to
the measure (*tunjangan kinerja*) raise effort on what is measured, by more the more precise the
measure; quality, if the measure is narrow, suffers (multitasking, Holmstrom & Milgrom 1991).
Units whose integrity is low game the measure when the stake is high, the measure is gameable,
and noise gives cover against auditors (Goodhart's and Campbell's laws; Bevan & Hood 2006,
Public Administration 84(3): the A&E four-hour target was reported 96 % met while patient
surveys said 77 %):

- ``continuous``: reported = measured + g_u * reach * (1 - measured), reach = 0.5 * gameability;
- ``threshold``: each month a unit games with probability g_u; a gaming unit below the target
  that can reach it (measured + reach >= target) reports just above it (bunching at the
  threshold), otherwise its measured value is reported;
- reported output (cases) is inflated by ``1 + 0.5 * gameability * g_u`` (cases split or
  counted twice);
- ``ratchet``: each year the target moves up to the mean result the unit reported over the past
  year (it never falls), so units whose result is above target hold effort back
  (Weitzman 1980, Bell J. Economics 11(1)).

    g_u = clip(3 * incentive_u * (1 - integrity_u) * cover * (1 - audit_u), 0, 1)  (will to game)
    cover = noise / (noise + 0.05);  precision = 1 / (1 + noise / 0.1)
    (3, 0.05 and 0.1 are measurement.gaming_propensity, cover_noise and precision_noise)
    (noise, intensity and incentive are the unit's practice of its formal rules, the target
    rule is the rule on paper: conventional until the unit joins a reform programme; reports
    are made, and cost reporting hours, as the rule on paper says)
    effort_u = 1 + 0.15 * incentive_u * intensity_u * precision - holdback_u
"""

from __future__ import annotations

import numpy as np

from ..submodel import StepContext, SubmodelBase


def measure_precision(noise, reference_noise):
    """How precisely the measure reflects results: 1 / (1 + noise / reference_noise), 0.5 at the
    reference noise (``measurement.precision_noise``)."""
    return 1 / (1 + noise / reference_noise)


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
              "units.effort", "units.quality", "units.target", "staff.motivation")
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
        incentive = ctx.practice["measurement.incentive_strength"] * (intensity > 0)
        target_rule = ctx.policy("measurement.target")

        observed = resolved > 0
        true = np.where(
            observed, np.divide(on_time, resolved, out=np.zeros(len(resolved)), where=observed),
            units.perf_true,
        )
        noise = ctx.practice["measurement.noise"]
        measured = np.where(np.isnan(true), np.nan, self.measure(np.nan_to_num(true), noise, rng))
        precision = measure_precision(noise, levers.precision_noise)
        cover = noise / (noise + levers.cover_noise)
        audit = np.minimum(
            1, ctx.practice["integrity.audit_rate"] * ctx.levers.integrity.audit_detection
            * levers.audit_report_check
        )
        gaming = np.clip(
            levers.gaming_propensity * incentive * (1 - units.integrity_mean) * cover * (1 - audit),
            0, 1,
        ) * (target_rule != "none")
        reach = levers.max_inflation * levers.gameability
        inflated = measured + gaming * reach * (1 - measured)
        games_now = rng.random(len(true)) < gaming
        bunched = np.where(
            games_now & (measured < units.target) & (measured + reach >= units.target),
            units.target + levers.bunching_margin * rng.random(len(true)),
            measured,
        )
        reported = np.select(
            [target_rule == "threshold", (target_rule == "continuous") | (target_rule == "ratchet")],
            [bunched, inflated],
            measured,
        )
        measuring = on_paper > 0
        units.perf_true = true
        units.perf_reported = np.where(measuring, reported, true)
        seen = np.isfinite(units.perf_reported)
        self.reported_sum += np.where(seen, units.perf_reported, 0.0)
        self.reported_months += seen
        units.gaming = gaming * measuring
        self.report_factor = 1 + levers.output_inflation * levers.gameability * units.gaming
        above = np.clip((np.nan_to_num(measured) - units.target) / levers.ratchet_margin, 0, 1)
        units.holdback = np.where(target_rule == "ratchet",
                                  levers.ratchet_holdback * incentive * above, 0.0)
        units.effort = 1 + levers.effort_response * incentive * intensity * precision - units.holdback
        units.quality = np.clip(
            levers.quality_base + levers.quality_per_skill * (units.skill_mean - 1)
            + levers.quality_per_clarity * units.clarity
            - levers.quality_penalty * incentive * intensity * (1 - levers.breadth),
            levers.quality_floor,
            1.0,
        )
        self._motivate(incentive, precision)

    @staticmethod
    def measure(true: np.ndarray, noise: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """An unbiased sample estimate of each share, with standard error ``noise`` at 0.5
        (``noise`` 0 counts every case)."""
        exact = noise <= 0
        sample = np.maximum(1, np.rint(0.25 / np.where(exact, 1.0, noise) ** 2)).astype(np.int64)
        estimate = rng.binomial(sample, np.clip(true, 0, 1)) / sample
        return np.where(exact, true, estimate)

    def _motivate(self, incentive: np.ndarray, precision: float) -> None:
        """Pay for measured results motivates when the measure is fair, demotivates when noisy."""
        levers = self.context.levers.measurement
        staff = self.context.staff
        unit = staff.view("unit")
        motivation = staff.view("motivation")
        # a measure as precise as the reference (precision 0.5) neither motivates nor demotivates
        pull = levers.motivation_base + levers.motivation_incentive * incentive * (precision - 0.5)
        motivation += levers.motivation_pace * (pull[unit] - motivation)

    def reset_ratchet(self) -> None:
        """Yearly: a ratchet target moves up to the mean result reported over the past year."""
        units = self.context.units
        ratchet = self.context.policy("measurement.target") == "ratchet"
        reported = np.divide(self.reported_sum, self.reported_months,
                             out=np.zeros_like(self.reported_sum), where=self.reported_months > 0)
        units.target = np.where(ratchet, np.maximum(units.target, reported), units.target)
        self.reported_sum[:] = 0.0
        self.reported_months[:] = 0.0
