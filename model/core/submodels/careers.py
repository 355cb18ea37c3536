"""Careers: hiring, ageing, retirement, turnover, training and promotion (A2 skills).

What it represents:

- Hiring: new civil servants (CPNS, PPPK) join at grade 0 with skills drawn from the recruitment
  distribution, shifted by ``careers.recruitment_quality`` (merit-based CAT selection raises it).
  Honorary staff (*honorer*) are hired by the unit itself without selection (no recruitment
  shift), paid ``budget.honorer_pay_share`` of a civil servant's entry pay from the unit's goods
  and services, and never promoted.
- Retirement at ``careers.retirement_age`` (*batas usia pensiun*, UU 5/2014 on ASN: 58 for
  administrative posts); voluntary exit with a yearly hazard ``turnover_rate * (1 - motivation)``.
- Training (*pengembangan kompetensi*, at least 20 lesson hours (*jam pelajaran*) a year under PP 17/2020): a training
  day adds ``training_effect`` to a member of skill 1, less the closer they are to
  ``training_ceiling`` and nothing at or above it (diminishing returns, :func:`trained_skill`),
  and costs that day's hours.
- Promotion: each month, and at once after sanctions (an acting official, *Plt*), vacant
  official posts are filled top-down from the highest grade below in the same unit, by seniority, merit (measured performance: skill plus measurement noise) or lottery.
  A unit in a reform programme applies its rule on paper in a share ``uptake`` of its filling
  rounds (merit needs a measure that is actually run) and the rule outside the reform otherwise.
  Pluchino, Rapisarda & Garofalo (2010, Physica A 389:467): under the "common sense" hypothesis
  a promoted member keeps their competence; under the "Peter hypothesis" it is redrawn.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

from ..promotion import LOTTERY, MERIT, SENIORITY, fill_open_posts
from ..staff import ACTIVE, LEFT, MAX_GRADE, SANCTIONED
from ..staff_passes import age_leave_and_train
from ..submodel import StepContext, SubmodelBase

MONTHS_PER_YEAR = 12


def draw_skill(rng: np.random.Generator, count: int, levers, shift: float = 0.0) -> np.ndarray:
    """Relative productivity of a civil servant: lognormal around 1, shifted by ``shift`` units
    of recruitment quality, clipped to the skill floor and ceiling (``levers``: careers)."""
    draws = rng.lognormal(levers.recruitment_skill_shift * shift, levers.skill_spread, count)
    return np.clip(draws, levers.skill_floor, levers.skill_ceiling)


def training_rate(levers) -> float:
    """The share of the gap to the ceiling a training day closes, per unit of the gap's size."""
    return levers.training_effect / max(levers.training_ceiling - 1, 1e-9)


def trained_skill(skill: np.ndarray, days: np.ndarray, levers) -> np.ndarray:
    """Skill after ``days`` of training (``levers``: careers). Each day closes the same share
    of the gap to ``training_ceiling`` (``training_effect`` per day at skill 1), so the gain
    falls as skill rises and training never lifts anyone past the ceiling:

        gap' = gap x exp(-training_effect x days / (training_ceiling - 1)),  gap = ceiling - skill
    """
    ceiling = levers.training_ceiling
    gap = np.maximum(ceiling - skill, 0)
    rate = training_rate(levers)
    return np.where(skill < ceiling, ceiling - gap * np.exp(-rate * days), skill).astype(skill.dtype)


def officials_required(staff: np.ndarray, layers: np.ndarray, span_of_control: int) -> np.ndarray:
    """Posts per sign-off layer: a pyramid with the given span of control, at least 1 per layer."""
    grades = np.arange(1, MAX_GRADE + 1)
    required = np.maximum(1, np.rint(staff[:, None] / span_of_control**grades[None, :]))
    required[grades[None, :] > layers[:, None]] = 0
    return required.astype(np.int64)


def training_days(ctx: StepContext) -> np.ndarray:
    """Training days a year each unit actually runs (its practice of the formal rule)."""
    return ctx.practice["careers.training_days_per_year"].astype(np.float64)


def hire(ctx: StepContext, per_unit: np.ndarray, *, honorer: bool = False) -> None:
    """Recruit ``per_unit[u]`` new staff into each unit at grade 0: civil servants through
    selection, or honorary staff the unit hires and pays itself (module docstring)."""
    per_unit = np.maximum(per_unit.astype(np.int64), 0)
    count = int(per_unit.sum())
    if count == 0:
        return
    # honorer draw from their own stream, so that hiring them leaves civil servants' draws as
    # they were (common random numbers between options with and without honorer)
    rng = ctx.streams.honorer if honorer else ctx.streams.careers
    levers = ctx.levers.careers
    unit = np.repeat(np.arange(ctx.org.n_units, dtype=np.int32), per_unit)
    acceptance = ctx.units.acceptance_mean[unit] if ctx.levers.reform.enabled else 0.0
    selection = 0.0 if honorer else levers.recruitment_quality
    pay = ctx.levers.budget.honorer_pay_share if honorer else ctx.units.pay_factor[unit]
    ctx.staff.add(
        count,
        unit=unit,
        grade=0,
        skill=draw_skill(rng, count, levers, selection),
        motivation=rng.beta(levers.hire_motivation_a, levers.hire_motivation_b, count),
        integrity=rng.beta(levers.integrity_a, levers.integrity_b, count),
        innovativeness=rng.beta(levers.innovativeness_a, levers.innovativeness_b, count),
        acceptance=acceptance,
        age=rng.uniform(levers.entry_age_min, levers.entry_age_max, count),
        tenure=0.0,
        salary=ctx.org.salary_rp_month[unit] * pay * levers.entry_pay_share,
        status=ACTIVE,
        corrupt=False,
        settle_until=ctx.day + ctx.levers.flexibility.transfer_cost_days,
        honorer=honorer,
    )


class FillingRound(IntEnum):
    """The rounds of post filling a day may have, in their order (``fill_vacancies``' ``call``):
    each draws its own rules and scores (:data:`birosim.core.promotion.RULE_SLOTS`)."""

    AFTER_BUDGET = 0  # the yearly budget round's recruitment (first day of a year)
    AFTER_EXITS = 1  # the month's retirements and exits
    AFTER_SANCTIONS = 2  # officials released from their post after the month's detections
    AFTER_HIRING = 3  # the month's recruitment into funded posts


def rule_codes(rule) -> np.ndarray:
    """Promotion rules (names) as the kernel's codes. (np.where, not np.select: the same choice
    at a fraction of the cost on a few units, and this runs several times a month.)"""
    return np.where(rule == "seniority", SENIORITY,
                    np.where(rule == "lottery", LOTTERY, MERIT)).astype(np.int8)


def fill_vacancies(ctx: StepContext, call: FillingRound) -> tuple[np.ndarray, int]:
    """Fill official posts top-down from the highest grade below, in the same unit: per grade,
    each unit's best candidates by grade first (the next grade below), then by the promotion
    rule's score (compiled, :func:`birosim.core.promotion.fill_open_posts`). A unit applies the
    rule on paper in a share ``uptake`` of its rounds (drawn per unit and round) and the rule
    outside the reform otherwise; merit's measurement error is the practised measurement's
    noise where the unit measures, the impression of a superior where it does not. ``call``:
    which of the day's rounds this is (AFTER_EXITS, ...). Returns the promoted rows and the
    number of posts left open (no candidate below)."""
    staff = ctx.staff
    path = "careers.promotion"
    on_paper = rule_codes(ctx.policy(path))
    measured = ctx.practice["measurement.intensity"]
    impression = ctx.levers.careers.impression_noise
    noise = measured * ctx.practice["measurement.noise"] + (1 - measured) * impression
    n_units = (ctx.org.n_units,)
    chosen, left_open = fill_open_posts(
        ctx.streams.key("promotion"), ctx.day, int(call), staff.view("unit"), staff.view("status"),
        staff.view("grade"), staff.view("honorer"), staff.view("staff_id"), staff.view("tenure"),
        staff.view("skill"), staff.view("salary"), ctx.units.official_required.astype(np.int64),
        np.broadcast_to(ctx.uptake(path), n_units).astype(np.float64),
        np.broadcast_to(on_paper, n_units).copy(), int(rule_codes(ctx.conventional.careers.promotion)),
        np.broadcast_to(noise, n_units).astype(np.float64),
        np.float32(ctx.levers.careers.promotion_pay_step),
    )
    if len(chosen) and ctx.levers.careers.competence_on_promotion == "redrawn":
        staff.skill[chosen] = draw_skill(ctx.streams.careers, len(chosen), ctx.levers.careers)
    return chosen, left_open


def vacant_posts(ctx: StepContext) -> tuple[np.ndarray, np.ndarray]:
    """Funded posts left vacant per unit: civil-servant posts and honorer posts."""
    units = ctx.units
    civil = np.rint(units.establishment) - (units.headcount - units.honorer_count)
    return np.maximum(civil, 0), np.maximum(np.rint(units.honorer_posts) - units.honorer_count, 0)


def fill_posts(ctx: StepContext, call: FillingRound, posts_open: bool = True) -> None:
    """Recruit into funded posts left vacant by retirements and exits, then promote (``call``:
    as in :func:`fill_vacancies`). The staff aggregates must be current (the vacant posts are
    read from them); both callers refresh them just before. ``posts_open``: False when a round
    on the same staff, but for these hires, left no official post open; hiring at grade 0
    opens none, so the promotion round would do nothing and is not run."""
    civil, honorer = vacant_posts(ctx)
    if (civil > 0).any() or (honorer > 0).any():
        first_hire = ctx.staff.n
        hire(ctx, civil)
        hire(ctx, honorer, honorer=True)
        promoted = fill_vacancies(ctx, call)[0] if posts_open else ()
        # the posts were filled just before, so mostly nobody moves up: then the hires are the
        # only change, and only they are added to the sums
        ctx.refresh_staff_aggregates(appended_from=None if len(promoted) else first_hire)


class Careers(SubmodelBase):
    """Monthly ageing, retirement, voluntary exit, training and promotion into vacant posts."""

    name = "careers"
    group = "careers"
    reads = ("staff.motivation", "staff.unit", "staff.tenure", "units.official_required")
    writes = ("staff.age", "staff.tenure", "staff.status", "staff.skill", "staff.grade",
              "staff.salary")
    streams = ("careers", "promotion")
    source = "UU 5/2014 on ASN; PP 17/2020; Pluchino, Rapisarda & Garofalo 2010"
    odd_section = "7.8"

    def __init__(self, ctx: StepContext):
        self.context = ctx
        self.retired = 0
        self.resigned = 0

    def on_month(self, ctx: StepContext) -> None:
        levers = ctx.levers.careers
        staff = ctx.staff
        rng = ctx.streams.careers
        unit = staff.view("unit")
        # trained_skill's factor for a month of training, evaluated once per unit
        training_decay = np.exp(-training_rate(levers) * (training_days(ctx) / MONTHS_PER_YEAR))
        retired, resigned = age_leave_and_train(
            staff.view("age"), staff.view("tenure"), staff.view("motivation"),
            staff.view("status"), staff.view("skill"), unit, staff.uniforms(rng),
            np.float32(1 / MONTHS_PER_YEAR), np.float32(levers.retirement_age),
            np.float32(levers.turnover_rate), np.float32(MONTHS_PER_YEAR), training_decay,
            float(levers.training_ceiling),
        )
        self.retired += retired
        self.resigned += resigned
        fill_vacancies(ctx, FillingRound.AFTER_EXITS)

    def lose_staff(self, share: float, units: np.ndarray) -> None:
        """A sudden loss of a share of employed staff in the given units (a staff-loss shock)."""
        staff = self.context.staff
        status = staff.view("status")
        hit = np.isin(staff.view("unit"), units) & ((status == ACTIVE) | (status == SANCTIONED))
        leaving = hit & (self.context.streams.shocks.random(staff.n) < share)
        status[leaving] = LEFT


class Appointments(SubmodelBase):
    """Posts filled after the month's sanctions (an acting official, *Plt*) and recruitment into
    the posts the budget funds, monthly and right after the yearly budget round."""

    name = "appointments"
    group = "careers"
    reads = ("units.establishment", "units.headcount", "units.official_required",
             "units.pay_factor", "units.acceptance_mean")
    writes = ("staff.grade", "staff.salary", "staff.skill", "staff (new hires)")
    streams = ("careers", "promotion", "honorer")
    source = "PP 94/2021 (release from post); CPNS and PPPK recruitment"
    odd_section = "7.8"

    def __init__(self, ctx: StepContext):
        self.context = ctx

    def on_month(self, ctx: StepContext) -> None:
        posts_open = True
        if ctx.day > 0:  # on day 0 nobody has been sanctioned yet
            posts_open = fill_vacancies(ctx, FillingRound.AFTER_SANCTIONS)[1] > 0
        ctx.refresh_staff_aggregates()
        fill_posts(ctx, FillingRound.AFTER_HIRING, posts_open)

    def on_year(self, ctx: StepContext) -> None:
        fill_posts(ctx, FillingRound.AFTER_BUDGET)
