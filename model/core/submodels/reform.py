"""Reform rollout: pilots, scale-up, staff acceptance and the adoption needs (A1-A3).

What it represents: a reform programme (Grand Design Reformasi Birokrasi, Perpres 81/2010 and
its road maps) starts on ``start_day`` in a pilot and reaches every unit on ``scale_up_day``.
The pilot is the units named in ``pilot_units``, else ``pilot_share`` of the units, drawn at
random or (``pilot_selection = "readiness"``) those with the highest leader support x mean staff
acceptance when the programme starts. A unit that joins takes up the *formal* rules on paper at once (measurement and targets,
performance budgeting, reallocation, audit and complaint regimes), but it *runs* them
(``uptake``) and practises the behavioural levers (goal setting, delegation, collaboration,
failure tolerance, improvement time, lower discretion) only as far as it implements the reform:
the practised value is ``outside + uptake * (designed - outside)``. ``uptake`` is the unit's
implementation, and for the rules that rest on measured results (``MEASURED_RULES``) also
``min(1, skill_mean_u / measurement_skill) * min(1, leader_support_u / reading_support)``: a
measurement system is only as good as the staff who run it and the leaders who read it. The
rule on paper keeps its costs (reporting and handler hours, auditor-days, the measurement
system: the ``programme`` submodel). Each month, in units that have joined::

    acceptance_i += rate * (culture * (mean_acceptance_u - acceptance_i)
                            + (1 - culture) * (pull_u - acceptance_i)) + training push
    pull_u = leader_support_u if leader_support_u >= support_threshold else 0
    implementation_u += rate * (mean_acceptance_u * min(1, leader_support_u / threshold)
                                * readiness_u - implementation_u)
    readiness_u = capability_u * credibility_u
    capability_u  = min(1, training_days_per_year_u / reform_training_days)
    credibility_u = min(1, precision(noise_u) / precision(credible_noise)) if the unit measures,
                    else 1;  precision(noise) = 1 / (1 + noise / 0.1)   (measurement submodel)

Culture change works through peers (A1), training nudges acceptance (A2), and leaders' support
(A3) pulls it up; staff read weak support as a paper reform, so acceptance and implementation
stall or slide back while the formal reporting goes on (a "paper reform": targets reported,
behaviour unchanged). Willing staff still practise the new ways of working only as far as they
have been trained in them (A2: capability) and as far as the results information they are to
manage by can be trusted (R2: a measure is fully credible when it is at least as precise as a
sample of 100 cases a month, a standard error of 5 points, the results-oriented preset's). These are the moderators of performance management's effect in Gerrish's (2016,
Public Administration Review 76(1)) meta-analysis: small on average, substantially larger with
good practice. Without a programme every lever applies in full from day 0.
"""

from __future__ import annotations

import numpy as np

from ..levers import MEASURED_RULES, PRACTISED_LEVERS, get_lever
from ..staff_passes import update_acceptance
from ..submodel import StepContext, SubmodelBase
from .careers import training_days
from .measurement import measure_precision

#: per practised lever (in ``PRACTISED_LEVERS`` order): whether it rests on measured results
_RESTS_ON_MEASUREMENT = np.array([path in MEASURED_RULES for path in PRACTISED_LEVERS])


class Reform(SubmodelBase):
    """The reform programme: who has joined, staff acceptance and each unit's implementation.

    It publishes each unit's formal rules (``context.policy``) and practised behavioural levers
    (``context.practice``), which every other submodel reads."""

    name = "reform"
    group = "reform"
    reads = ("units.acceptance_mean",)
    writes = ("staff.acceptance",)
    streams = ("reform",)
    source = "Perpres 81/2010 (Grand Design Reformasi Birokrasi); Gerrish 2016"
    odd_section = "7.9"

    def __init__(self, ctx: StepContext):
        self.context = ctx
        levers = ctx.levers.reform
        n = ctx.org.n_units
        self.enabled = levers.enabled
        rng = ctx.streams.reform
        drawn = rng.random(n) < levers.pilot_share  # drawn whatever the selection: same streams
        self.leader_support = np.clip(
            levers.leadership_support + levers.leader_support_spread * rng.standard_normal(n), 0, 1
        )
        if levers.pilot_units:
            self.pilot = np.isin(np.asarray(ctx.org.unit_id), levers.pilot_units)
        elif levers.pilot_selection == "random":
            self.pilot = drawn
        else:
            self.pilot = None  # readiness: chosen when the programme starts (staff exist then)
        self.joined = np.full(n, not self.enabled)
        self.implementation = np.full(n, 0.0 if self.enabled else 1.0)
        self.conventional = ctx.conventional
        ctx.policy = self.policy
        ctx.uptake = self.uptake
        ctx.practice = self.practice()

    def update_membership(self) -> None:
        levers = self.context.levers.reform
        day = self.context.day
        if not self.enabled or day < levers.start_day:
            return
        if self.pilot is None:
            self.pilot = self.readiest_units(levers.pilot_share)
        everyone = day >= max(levers.scale_up_day, levers.start_day)
        self.joined = self.joined | self.pilot | everyone

    def readiest_units(self, share: float) -> np.ndarray:
        """The ``share`` of units (rounded) with the highest leader support x staff acceptance."""
        readiness = self.leader_support * self.context.units.acceptance_mean
        count = int(round(share * len(readiness)))
        chosen = np.zeros(len(readiness), dtype=bool)
        chosen[np.argsort(-readiness, kind="stable")[:count]] = True
        return chosen

    def on_month(self, ctx: StepContext) -> None:
        """Units join, staff acceptance and implementation move; practice follows."""
        self.update_acceptance(ctx)
        ctx.practice = self.practice()

    def update_acceptance(self, ctx: StepContext) -> None:
        if not self.enabled:
            return
        self.update_membership()
        levers = ctx.levers.reform
        staff = ctx.staff
        threshold = max(levers.support_threshold, 1e-9)
        pull = np.where(self.leader_support >= levers.support_threshold, self.leader_support, 0.0)
        peers = ctx.units.acceptance_mean
        update_acceptance(staff.view("acceptance"), staff.view("unit"), self.joined, peers, pull,
                          training_days(ctx) / ctx.months_per_year, levers.acceptance_rate,
                          levers.culture_change, levers.training_push)
        target = peers * np.minimum(1.0, self.leader_support / threshold) * self.readiness()
        self.implementation = np.where(
            self.joined,
            self.implementation + levers.acceptance_rate * (target - self.implementation),
            0.0,
        )

    def readiness(self) -> np.ndarray:
        """Per unit: how far willing staff can practise the reform (module docstring)."""
        ctx = self.context
        levers = ctx.levers.reform
        capability = np.minimum(1.0, training_days(ctx) / levers.reform_training_days)
        measured = ctx.policy("measurement.intensity") > 0
        reference = ctx.levers.measurement.precision_noise
        precision = measure_precision(ctx.policy("measurement.noise"), reference)
        credible = measure_precision(levers.credible_noise, reference)
        credibility = np.where(measured, np.minimum(1.0, precision / credible), 1.0)
        return capability * credibility

    def uptake(self, path: str) -> np.ndarray:
        """Per unit: how far the unit runs the designed rule ``path`` (0..1); 1 everywhere
        without a programme. A joined unit runs every rule as far as it implements the reform
        (its will); a rule that rests on measured results (``MEASURED_RULES``) also only as far
        as its staff can run the measurement and its leaders read it. Audits and complaint
        investigations are further bounded by the auditors' and handlers' time (integrity)."""
        will, measured_will = self._uptakes()
        return measured_will if path in MEASURED_RULES else will

    def _uptakes(self) -> tuple[np.ndarray, np.ndarray]:
        """(a rule's uptake, a measured rule's uptake) per unit: the month's practice needs
        both, for its seventeen levers, and computes them once."""
        will = np.where(self.joined, self.implementation, 0.0)
        return will, (will * self.measurement_capacity() if self.enabled else will)

    def measurement_capacity(self) -> np.ndarray:
        """Per unit (0..1): the staff's mean skill against the skill running the measurement
        system needs, times the leaders' support against the support reading results needs."""
        levers = self.context.levers.reform
        skilled = np.minimum(1.0, self.context.units.skill_mean / levers.measurement_skill)
        read = np.minimum(1.0, self.leader_support / levers.reading_support)
        return skilled * read

    def practice(self) -> dict[str, np.ndarray]:
        """Per-unit practised value of each behavioural lever and numeric formal rule."""
        levers = self.context.levers
        will, measured_will = self._uptakes()
        designed = np.array([float(get_lever(levers, path)) for path in PRACTISED_LEVERS])
        baseline = np.array([float(get_lever(self.conventional, path)) for path in PRACTISED_LEVERS])
        # all levers in one (levers x units) product: a per-lever loop made 34 numpy calls on
        # arrays of a few units, each mostly overhead; the arithmetic is the same to the bit
        uptake = np.where(_RESTS_ON_MEASUREMENT[:, None], measured_will, will)
        practised = baseline[:, None] + uptake * (designed - baseline)[:, None]
        return dict(zip(PRACTISED_LEVERS, practised, strict=True))

    def policy(self, path: str) -> np.ndarray:
        """Per-unit formal rule: the designed value in units that joined, else the value outside
        the reform (the conventional default, or the scenario's own organisation-wide value)."""
        designed = get_lever(self.context.levers, path)
        baseline = get_lever(self.conventional, path)
        return np.where(self.joined, designed, baseline)
