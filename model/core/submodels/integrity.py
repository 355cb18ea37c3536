"""Integrity and accountability: corruption, peer contagion, detection and sanctions (W3, R5).

What it represents:

- Opportunity (Klitgaard 1988, *Controlling Corruption*): corruption = monopoly + discretion -
  accountability. A unit's opportunity per case is ``monopoly_u * discretion_u`` (scaled by the
  ``integrity.*_multiplier`` levers; SOPs and e-services lower discretion, delegation raises
  it by ``integrity.discretion_per_delegation`` at full delegation: the sign-off layers it
  removes were also a check on the front line).
- Decision (Becker 1968, J. Political Economy 76(2)): each month a share of staff reconsider; a
  staff member acts corruptly when the expected gain exceeds the expected penalty plus the moral
  cost. The stake is per case: each official sells his own approval on each file he touches
  (Shleifer & Vishny 1993, "Corruption", Q. J. Economics 108(3): independent monopolists at
  each sign-off), so the gain is stated at the unit's normal caseload ``n_u`` (the organisation
  file's need per front-line member, or its sign-offs per official, at set-up) and does not
  change when the same cases are spread over more staff (Parkinson growth) or fewer
  (attrition). The cost is this month's chance of being caught, which follows the cases the
  member actually handled (complaints come from acts), in months of pay::

      gain_i = n_u * opportunity_u * bribe_per_case_hour * work_hours_per_case_u
               * (1 + pay_bargaining * pay_u) / salary_i
      cost_i = p_detect_i * penalty + integrity_i * moral_cost * (1 - peer_influence * c_u)

  where ``c_u`` is the share of corrupt colleagues in the unit and ``pay_u`` the share of
  allowances that moves with the measured result (measurement, 7.4). Pay tied to a quantity the
  official controls in dealing with the citizen (an assessment, a file's speed) makes the
  official's threat credible, so the bribe a corrupt member can ask rises with it: performance
  pay for Punjab's property-tax collectors raised revenue by 9.4 log points while most
  taxpayers paid higher bribes instead of higher taxes (Khan, Khwaja & Olken 2016, Q. J.
  Economics 131(1)). Output and bribes can then rise together.
- Contagion (Hammond 2000, "Endogenous transition dynamics in corruption: an agent-based
  computer model", Brookings CSED Working Paper 19): corrupt peers lower the moral cost and
  do not report, and they shield each other from audits and complaint investigations (Andvig &
  Moene 1990, "How corruption may corrupt", J. Economic Behavior & Organization 13(1): the
  chance of detection falls with the share of corrupt colleagues)::

      p_detect_u = 1 - (1 - audit * s_u) * (1 - complaint_u * s_u) * (1 - peer_reporting * (1 - c_u))
      s_u = 1 - peer_cover * c_u

  so corruption is self-reinforcing: where the gain lies between the costs a member faces in
  an honest and in a corrupt unit, the fixed point ``c = F(c)`` has two stable branches, with a
  tipping point and hysteresis when detection x penalty is moved up and down. Without the
  cover (``peer_cover = 0``, the default) the response to detection x penalty is steep but
  single-valued; the two branches need ``peer_cover`` near 1.
- Detection: audits (``audit_rate`` per year, each uncovering a corrupt member with
  ``audit_detection``), citizens' complaints through the complaint channel (transparency: the
  expected number of complaints about a member's acts, each proved with a small probability),
  and honest peers' reports. Detected staff are suspended for ``sanction_days``; a second offence
  means dismissal. A sanctioned official is released from the post (*pembebasan dari jabatan*,
  PP 94/2021 on civil servants' discipline), which is then filled by promotion.
"""

from __future__ import annotations

import numba
import numpy as np

from .. import draws
from ..setup_draws import choose_starting_norms
from ..staff_passes import end_suspensions_and_count_reconsidering, reconsider_and_catch
from ..submodel import StepContext, SubmodelBase
from .measurement import pay_for_results

#: rounds of everyone's decision that settle the starting norms (a fixed point, reached well
#: before 8 rounds: a solver setting, not a behaviour)
SETTLING_ROUNDS = 8


def audits_carried_out(ctx: StepContext) -> np.ndarray:
    """Audits a year each unit gets: the audits its practice asks for, bounded by the
    auditor-days the inspectorate has (``auditor_staffing`` of what the audit plan on paper
    needs, ``auditor_days_per_audit`` each)."""
    capacity = ctx.policy("integrity.audit_rate") * ctx.levers.integrity.auditor_staffing
    return np.minimum(ctx.practice["integrity.audit_rate"], capacity)


def complaints_investigated_share(ctx: StepContext) -> np.ndarray:
    """Per unit: the share of the complaints reaching the channel that its handlers have the
    hours to investigate (handlers are staffed at ``complaint_staffing`` of what the channel on
    paper needs); a channel nobody staffs investigates nothing."""
    staffed = ctx.policy("integrity.complaint_channel") * ctx.levers.integrity.complaint_staffing
    reaching = ctx.practice["integrity.complaint_channel"]
    return np.minimum(1.0, np.divide(staffed, reaching, out=np.ones(len(reaching)),
                                     where=reaching > 0))


def complaint_handling_hours(ctx: StepContext, asked: np.ndarray) -> np.ndarray:
    """Per unit: staff hours assigned to complaint handling for ``asked`` citizens asked for
    pungli, as the channel on paper needs them, times ``complaint_staffing``."""
    levers = ctx.levers.integrity
    complaints = asked * ctx.levers.citizens.complaint_propensity
    return (complaints * ctx.policy("integrity.complaint_channel") * levers.complaint_hours
            * levers.complaint_staffing)


@numba.njit(cache=True, nogil=True)
def corrupt_acts_today(key, day, served, resolved, layers, corrupt_front_share,
                       corrupt_official_share, opportunity, approval_fee_share, asked_month):
    """(acts, asked) per unit: each case worked at the front line is a corrupt act with
    ``p_front`` (a corrupt member's chance to meet it times the opportunity), each sign-off with
    ``p_sign``; a resolved citizen was asked for pungli if any desk on the way asked. Counts of
    the asked are added to ``asked_month``. Counter-based draws (:mod:`birosim.core.draws`)."""
    n_units = served.shape[0]
    acts = np.zeros(n_units, dtype=np.int64)
    asked = np.zeros(n_units, dtype=np.int64)
    for u in range(n_units):
        p_front = corrupt_front_share[u] * opportunity[u]
        p_sign = corrupt_official_share[u] * opportunity[u] * approval_fee_share
        if p_front <= 0.0 and p_sign <= 0.0:
            continue
        signed = 0
        for s in range(1, served.shape[1]):
            signed += served[u, s]
        acts[u] = (draws.binomial(draws.start(key, day, u, 0), served[u, 0], p_front)
                   + draws.binomial(draws.start(key, day, u, 1), signed, p_sign))
        p_asked = 1.0 - (1.0 - p_front) * (1.0 - p_sign) ** layers[u]
        asked[u] = draws.binomial(draws.start(key, day, u, 2), resolved[u], p_asked)
        asked_month[u] += asked[u]
    return acts, asked


class Integrity(SubmodelBase):
    """Monthly corrupt choices, detection and sanctions; daily corrupt acts on the day's cases."""

    name = "integrity"
    group = "integrity"
    reads = ("units.corrupt_share", "units.corrupt_front_share", "units.corrupt_official_share",
             "units.front_count", "units.official_count", "staff.salary", "staff.integrity")
    writes = ("staff.corrupt", "staff.status", "staff.grade", "staff.offences",
              "staff.sanction_until", "staff.motivation", "units.complaint_hours_share")
    streams = ("integrity", "norms", "corrupt_acts", "detection")
    source = ("Klitgaard 1988; Becker 1968; Shleifer & Vishny 1993; Hammond 2000; Andvig & Moene 1990; PP 94/2021; "
              "Khan, Khwaja & Olken 2016; PP 60/2008 (APIP); Perpres 76/2013 (complaints)")
    odd_section = "7.7"

    def __init__(self, ctx: StepContext):
        self.context = ctx
        self.detections = 0
        self.detected_month = np.zeros(ctx.org.n_units, dtype=np.int64)
        self.asked_month = np.zeros(ctx.org.n_units)
        self.acts_key = ctx.streams.key("corrupt_acts")
        self.catch_key = ctx.streams.key("detection")
        self._opportunity_key: tuple = ()
        self._opportunity = np.empty(0)

    def on_day(self, ctx: StepContext) -> None:
        """Corrupt acts and citizens asked for pungli among today's cases (``today``)."""
        ctx.today["acts"], ctx.today["asked"] = self.daily_acts(ctx.today, ctx.today["layers"])

    def on_month(self, ctx: StepContext) -> None:
        """Staff reconsider and may be caught, given last month's cases per member."""
        if ctx.day == 0:  # the norms were just settled and no case has been handled yet
            return
        units = ctx.units
        front_cases = ctx.month["front"] / np.maximum(units.front_count, 1)
        official_cases = ctx.month["signed"] / np.maximum(units.official_count.sum(axis=1), 1)
        self.reconsider_and_detect(front_cases, official_cases)
        # last month's complaint load sets this month's handler hours (a share of staff hours)
        staff_hours = (units.active * ctx.levers.service.hours_per_day * ctx.days_per_year
                       / ctx.months_per_year)
        units.complaint_hours_share = np.divide(
            complaint_handling_hours(ctx, self.asked_month), staff_hours,
            out=np.zeros(len(staff_hours)), where=staff_hours > 0,
        )
        self.asked_month[:] = 0.0

    def opportunity(self) -> np.ndarray:
        """Per unit: the chance a case offers a corrupt act (Klitgaard), from the month's
        practice and two levers. Read every day, so it is kept until the practice (replaced at
        a month's start) or one of the levers (a trainer's change, an event) changes."""
        ctx = self.context
        levers = ctx.levers.integrity
        key = (ctx.practice, levers.discretion_per_delegation, levers.monopoly_multiplier)
        if (self._opportunity_key and self._opportunity_key[0] is key[0]
                and self._opportunity_key[1:] == key[1:]):
            return self._opportunity
        # delegation is autonomy's price: the layers it removes were also the front line's check
        delegated = 1 + levers.discretion_per_delegation * ctx.practice["service.delegation"]
        self._opportunity = np.clip(
            ctx.org.monopoly * levers.monopoly_multiplier
            * ctx.org.discretion * ctx.practice["integrity.discretion_multiplier"] * delegated,
            0.0,
            1.0,
        )
        self._opportunity_key = key
        return self._opportunity

    def daily_acts(self, today: dict[str, np.ndarray], layers: np.ndarray):
        """Corrupt acts and citizens asked for pungli among today's cases, per unit (counter-based
        draws on the ``corrupt_acts`` stream, :func:`corrupt_acts_today`)."""
        ctx = self.context
        units = ctx.units
        return corrupt_acts_today(
            self.acts_key, ctx.day, today["served"], today["resolved"], layers,
            units.corrupt_front_share, units.corrupt_official_share, self.opportunity(),
            ctx.levers.integrity.approval_fee_share, self.asked_month,
        )

    def detection_probability(self, cases: np.ndarray) -> np.ndarray:
        """Monthly chance that a corrupt member of each unit is caught, for ``cases[u]`` cases
        handled in the month (one value per unit)."""
        return self.detection_probabilities(cases)[0]

    def detection_probabilities(self, *cases: np.ndarray) -> tuple[np.ndarray, ...]:
        """:meth:`detection_probability` for each array of cases (front-line members' and
        officials'), the parts that do not depend on the cases computed once."""
        ctx = self.context
        levers = ctx.levers.integrity
        per_audit = min(1.0, levers.audit_detection * levers.auditor_skill)
        audit = audits_carried_out(ctx) / 12 * per_audit
        complaint = (
            ctx.levers.citizens.complaint_propensity * levers.complaint_follow_up
            * ctx.practice["integrity.complaint_channel"] * complaints_investigated_share(ctx)
        )
        corrupt_share = ctx.units.corrupt_share
        cover = 1 - levers.peer_cover * corrupt_share  # Andvig & Moene (1990)
        peers = ctx.practice["integrity.peer_reporting"] * (1 - corrupt_share)
        not_audited = 1 - np.minimum(audit, 1) * cover
        not_reported = 1 - peers
        opportunity = self.opportunity()
        return tuple(
            1 - not_audited * (1 - (1 - np.power(1 - complaint, handled * opportunity)) * cover)
            * not_reported
            for handled in cases
        )

    def settle_initial_norms(self, rounds: int = SETTLING_ROUNDS) -> None:
        """Start from the norms the organisation's incentives sustain (iterate the decision)."""
        ctx = self.context
        units = ctx.units
        days = ctx.days_per_year / 12
        demand = ctx.org.daily_demand
        per_front = demand * days / np.maximum(units.front_count, 1)
        signed = demand * ctx.org.approval_layers * days
        per_official = signed / np.maximum(units.official_count.sum(axis=1), 1)
        #: the normal caseload per front-line member and per official (stakes, see module doc)
        self.normal_front_cases, self.normal_official_cases = per_front, per_official
        units.corrupt_share[:] = ctx.levers.integrity.initial_corruption
        levers = ctx.levers.integrity
        staff = ctx.staff
        # everyone decides in each round, so the numpy generator's reconsideration uniforms
        # are not needed: the decision noise is drawn inside the kernel (stream ``norms``), and
        # at set-up nobody is suspended yet. A round reads only the share of corrupt staff of
        # all grades, which the kernel's counts give; the front-line and officials' shares are
        # refreshed after the last round
        key = ctx.streams.key("norms")
        for settling_round in range(rounds):
            corrupt_count = choose_starting_norms(
                staff.view("corrupt"), staff.view("status"), staff.view("grade"),
                staff.view("unit"), staff.view("salary"), staff.view("integrity"), key,
                settling_round, *self.decision_terms(per_front, per_official),
                units.corrupt_share.astype(np.float64), np.float32(levers.moral_cost_months),
                levers.peer_influence, levers.penalty_months, levers.decision_noise,
                ctx.org.n_units)
            units.corrupt_share = corrupt_count / np.maximum(units.active, 1)
        ctx.refresh_corruption_shares()

    def decision_terms(self, cases_per_front, cases_per_official) -> tuple[np.ndarray, ...]:
        """Per unit (float64): the gain of a front-line member and of an official at the normal
        caseload, and their chances of being caught for ``cases_per_*`` cases this month, as
        :meth:`decide` weighs them."""
        ctx = self.context
        levers = ctx.levers.integrity
        unit_shape = (ctx.org.n_units,)
        bribe = (
            levers.bribe_rp_per_case_hour * ctx.org.work_hours_per_case * self.opportunity()
            * (1 + levers.pay_bargaining * pay_for_results(ctx))  # Khan, Khwaja & Olken (2016)
        )
        gain_front = self.normal_front_cases * bribe
        gain_official = self.normal_official_cases * bribe * levers.approval_fee_share
        return tuple(
            np.broadcast_to(values, unit_shape).astype(np.float64)
            for values in (gain_front, gain_official,
                           *self.detection_probabilities(cases_per_front, cases_per_official))
        )

    def decide(self, cases_per_front, cases_per_official, reconsider_share=None, *,
               catching=False) -> np.ndarray:
        """Becker's choice with Hammond's peer effect, for a share of active staff (by default
        ``integrity.reconsider_share``), the gain at the normal caseload; ``cases_per_*`` (the
        month's cases per member) set the chance of being caught this month. Suspensions that
        have run out end first; with ``catching``, corrupt staff may be caught and sanctioned
        after their choice (:func:`reconsider_and_catch`). Returns the number caught per
        unit."""
        ctx = self.context
        levers = ctx.levers.integrity
        if reconsider_share is None:
            reconsider_share = levers.reconsider_share
        staff = ctx.staff
        rng = ctx.streams.integrity
        # every member draws; only the active ones who reconsider (~a quarter) draw their
        # decision noise and are evaluated, at this month's chance of being caught. When
        # everyone reconsiders (a share of 1) the uniforms would not be read: the generator
        # skips them instead, so the draws after them stay as they were
        if reconsider_share >= 1.0:
            rng.bit_generator.advance(staff.n)  # Generator.random takes one output per draw
            draw = np.empty(0)
        else:
            draw = staff.uniforms(rng)
        status = staff.view("status")
        reconsidering = end_suspensions_and_count_reconsidering(
            status, staff.view("sanction_until"), draw, ctx.day, reconsider_share)
        return reconsider_and_catch(
            staff.view("corrupt"), status, staff.view("grade"), staff.view("offences"),
            staff.view("sanction_until"), staff.view("motivation"), staff.view("unit"),
            staff.view("salary"), staff.view("integrity"), staff.view("staff_id"), draw,
            rng.standard_normal(reconsidering), self.catch_key, catching,
            ctx.day, reconsider_share, *self.decision_terms(cases_per_front, cases_per_official),
            ctx.units.corrupt_share.astype(np.float64), np.float32(levers.moral_cost_months),
            levers.peer_influence, levers.penalty_months, levers.decision_noise,
            ctx.day + levers.sanction_days, np.float32(levers.sanction_motivation_factor),
            ctx.org.n_units,
        )

    def reconsider_and_detect(self, cases_per_front: np.ndarray, cases_per_official: np.ndarray) -> None:
        """Suspensions end, staff reconsider, and corrupt staff may be caught and sanctioned
        (officials caught are released from their post, PP 94/2021)."""
        self.detected_month = self.decide(cases_per_front, cases_per_official, catching=True)
        self.detections += int(self.detected_month.sum())
