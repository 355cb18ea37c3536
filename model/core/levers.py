"""Levers: every behaviour of the model is driven by a named, documented, range-checked lever.

Levers are grouped by submodel. Each lever's description gives its unit; its range is enforced
by pydantic. The defaults are the *conventional* preset (see :mod:`birosim.core.presets`), so a
scenario that names no lever models a conventional bureaucracy; ``results_oriented`` is a set of
overrides of these same levers, not a separate code path, and users can mix the two.

A lever is addressed by its dotted path, e.g. ``measurement.noise``; see :func:`lever_table`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class LeverGroup(BaseModel):
    """A group of levers for one submodel; unknown names are errors, values are checked."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=False)


class ServiceLevers(LeverGroup):
    """Casework and sign-off queues (W1, R3)."""

    hours_per_day: float = Field(7.5, ge=1, le=12, description="Paid working hours per staff-day (h)")
    absence_rate: float = Field(
        0.08, ge=0, le=0.5, description="Daily probability a staff member is away (leave, sick, travel)"
    )
    official_absence_rate: float = Field(
        0.15, ge=0, le=0.9, description="Daily probability an official is away (meetings, travel)"
    )
    approval_capacity_ratio: float = Field(
        2.0,
        ge=0.5,
        le=20,
        description="Sign-offs a fully staffed layer can give, per case of the unit's base demand",
    )
    delegation: float = Field(
        0.0, ge=0, le=1, description="Share of sign-off layers above the first that are delegated away"
    )
    rework_at_zero_quality: float = Field(
        0.2, ge=0, le=0.9, description="Share of worked cases found incomplete when quality is 0"
    )
    citizen_patience_days: int = Field(
        120, ge=1, le=250, description="Working days a citizen waits for casework before withdrawing"
    )
    seasonality: float = Field(
        0.1, ge=0, le=0.9, description="Amplitude of the yearly demand cycle (fraction of mean)"
    )
    demand_multiplier: float = Field(
        1.0, ge=0, le=10, description="Multiplier on every unit's daily demand (dimensionless)"
    )


class GoalLevers(LeverGroup):
    """Goal clarity and routine work (W4, R1)."""

    goal_setting: float = Field(
        0.0, ge=0, le=1, description="Strength of goal cascading: moves unit goal clarity toward 1"
    )
    routine_overhead: float = Field(
        0.30, ge=0, le=0.8, description="Share of hours lost to procedure in a unit with no clear goals"
    )
    base_overhead: float = Field(
        0.06, ge=0, le=0.5, description="Share of hours on unavoidable administration (fraction)"
    )


class BudgetLevers(LeverGroup):
    """Budgeting and establishment (W2): incremental (Parkinson) or performance-based."""

    mode: Literal["incremental", "performance"] = Field(
        "incremental", description="How the yearly establishment is set"
    )
    incremental_growth: float = Field(
        0.05, ge=0, le=0.3, description="Customary yearly budget increment under incremental mode"
    )
    coordination_overhead: float = Field(
        0.15,
        ge=0,
        le=1,
        description="Overhead share added per doubling of officials (work made for each other)",
    )
    subordinate_ambition: float = Field(
        0.25,
        ge=0,
        le=2,
        description="Subordinates officials ask for on top of perceived need (Parkinson's axiom 1)",
    )
    performance_slack: float = Field(
        0.25, ge=0, le=1, description="Spare capacity performance budgeting funds above workload"
    )
    max_yearly_change: float = Field(
        0.10, ge=0, le=0.5, description="Largest yearly establishment change in performance mode"
    )


class MeasurementLevers(LeverGroup):
    """Performance measurement, incentives and gaming (R2)."""

    intensity: float = Field(0.0, ge=0, le=1, description="Share of work measured and reviewed")
    noise: float = Field(
        0.1, ge=0, le=1, description="Measurement error: standard error of a measured share at 50 %"
    )
    reporting_share: float = Field(
        0.06, ge=0, le=0.3, description="Share of hours on reporting at full measurement intensity"
    )
    incentive_strength: float = Field(
        0.0, ge=0, le=1, description="Share of allowances (tunjangan kinerja) tied to measured results"
    )
    target: Literal["none", "continuous", "threshold", "ratchet"] = Field(
        "none", description="How measured results are rewarded"
    )
    target_level: float = Field(
        0.8, ge=0, le=1, description="Target share of cases resolved within the service standard"
    )
    gameability: float = Field(
        0.3, ge=0, le=1, description="How easily the measure can be manipulated (0 = not at all)"
    )
    breadth: float = Field(
        0.5, ge=0, le=1, description="How much of case quality the measure captures (0 = none)"
    )


class FlexibilityLevers(LeverGroup):
    """Reallocation of staff between units (R3, B4)."""

    reallocation_interval_days: int = Field(
        0, ge=0, le=250, description="Days between reallocation rounds (0 = fixed establishment)"
    )
    reallocation_share: float = Field(
        0.05, ge=0, le=0.5, description="Largest share of a unit's staff moved in one round"
    )
    transfer_cost_days: int = Field(
        10, ge=0, le=120, description="Working days a transferred staff member needs to settle in"
    )


class InnovationLevers(LeverGroup):
    """Collaboration network, idea generation and Bass-like diffusion (R4, B5)."""

    innovation_time_share: float = Field(
        0.01, ge=0, le=0.3, description="Share of hours staff may spend on improvement ideas"
    )
    idea_rate: float = Field(
        0.005, ge=0, le=1, description="Ideas per fully innovative staff-day of improvement time"
    )
    failure_tolerance: float = Field(
        0.2, ge=0, le=1, description="How much failed pilots are tolerated (0 = punished)"
    )
    success_probability: float = Field(
        0.4, ge=0, le=1, description="Chance a piloted idea works, for a staff member of skill 1"
    )
    mean_gain: float = Field(
        0.03, ge=0, le=0.5, description="Mean cut in work per case from one working innovation"
    )
    collaboration: float = Field(
        0.1, ge=0, le=1, description="Intensity of inter-unit collaboration (scales imitation)"
    )
    network: Literal["parent_org", "small_world", "complete", "none"] = Field(
        "small_world", description="Which units are linked for collaboration"
    )
    external_rate: float = Field(
        0.03, ge=0, le=1, description="Bass p: adoption hazard from outside sources (per year)"
    )
    imitation_rate: float = Field(
        0.38, ge=0, le=5, description="Bass q: adoption hazard per adopted neighbour share (per year)"
    )


class IntegrityLevers(LeverGroup):
    """Corruption, contagion, detection and sanctions (W3, R5)."""

    audit_rate: float = Field(0.5, ge=0, le=12, description="Audits per unit per year")
    audit_detection: float = Field(
        0.15, ge=0, le=1, description="Chance an audit uncovers a given corrupt staff member"
    )
    penalty_months: float = Field(
        3.0, ge=0, le=60, description="Sanction severity, in months of pay lost"
    )
    sanction_days: int = Field(
        60, ge=0, le=250, description="Working days a sanctioned staff member is suspended"
    )
    complaint_channel: float = Field(
        0.1, ge=0, le=1, description="Transparency: chance a citizen's complaint reaches an investigator"
    )
    peer_reporting: float = Field(
        0.005, ge=0, le=1, description="Chance per month honest peers report a corrupt colleague"
    )
    peer_influence: float = Field(
        0.8, ge=0, le=1, description="Weight of peers' corruption in lowering its moral cost (Hammond)"
    )
    peer_cover: float = Field(
        0.0,
        ge=0,
        le=1,
        description="How far corrupt colleagues shield each other from audits and complaint "
        "investigations: detection x (1 - cover x corrupt share) (Andvig & Moene 1990)",
    )
    discretion_multiplier: float = Field(
        1.0, ge=0, le=2, description="Scales every unit's discretion (SOPs and e-services lower it)"
    )
    monopoly_multiplier: float = Field(
        1.0, ge=0, le=2, description="Scales every unit's monopoly (alternative channels lower it)"
    )
    bribe_rp_per_case_hour: float = Field(
        100_000, ge=0, le=1e8, description="Illicit payment per act, per staff-hour of the case (Rp)"
    )
    moral_cost_months: float = Field(
        1.5, ge=0, le=60, description="Moral cost of corruption for integrity 1, in months of pay"
    )
    initial_corruption: float = Field(
        0.5, ge=0, le=1, description="Share of corrupt colleagues staff expect at the start (history)"
    )


class CareerLevers(LeverGroup):
    """Promotion, training, hiring, retirement and turnover (A2)."""

    promotion: Literal["seniority", "merit", "lottery"] = Field(
        "seniority", description="How vacant posts are filled"
    )
    competence_on_promotion: Literal["carried_over", "redrawn"] = Field(
        "carried_over", description="Common-sense (carried over) or Peter hypothesis (redrawn)"
    )
    training_days_per_year: float = Field(
        2.0, ge=0, le=60, description="Training days per staff member per year"
    )
    training_effect: float = Field(
        0.01, ge=0, le=0.2, description="Skill gained per training day, toward the skill ceiling"
    )
    retirement_age: float = Field(58, ge=50, le=70, description="Age at retirement (years)")
    turnover_rate: float = Field(
        0.01, ge=0, le=0.5, description="Yearly voluntary exit rate of a fully demotivated employee"
    )
    recruitment_quality: float = Field(
        0.0, ge=-1, le=1, description="Shift of new hires' skill (merit recruitment raises it)"
    )


class ReformLevers(LeverGroup):
    """Reform programme rollout and its adoption needs (A1-A3)."""

    enabled: bool = Field(
        False, description="Whether a reform programme moves units from conventional practice"
    )
    start_day: int = Field(0, ge=0, le=100_000, description="Day the programme starts")
    pilot_share: float = Field(1.0, ge=0, le=1, description="Share of units in the pilot")
    scale_up_day: int = Field(
        0, ge=0, le=100_000, description="Day every unit joins (0 = at start)"
    )
    leadership_support: float = Field(
        0.5, ge=0, le=1, description="Leaders' backing of the programme (A3)"
    )
    culture_change: float = Field(
        0.3, ge=0, le=1, description="Weight of peers' acceptance in each employee's own (A1)"
    )
    initial_acceptance: float = Field(
        0.4, ge=0, le=1, description="Mean staff acceptance of the reform at its start"
    )
    acceptance_rate: float = Field(
        0.15, ge=0, le=1, description="Share of the gap to the pull closed each month"
    )
    support_threshold: float = Field(
        0.4, ge=0, le=1, description="Leader support below which staff read the reform as paper"
    )


class CitizenLevers(LeverGroup):
    """Citizen satisfaction on the IKM scale and complaints (B2)."""

    weight_timeliness: float = Field(0.45, ge=0, le=1, description="IKM weight of timeliness")
    weight_quality: float = Field(0.30, ge=0, le=1, description="IKM weight of quality")
    weight_integrity: float = Field(0.25, ge=0, le=1, description="IKM weight of no illicit payment")
    complaint_propensity: float = Field(
        0.3, ge=0, le=1, description="Chance a citizen asked for pungli files a complaint"
    )


class Levers(LeverGroup):
    """All levers of the model, one group per submodel."""

    service: ServiceLevers = Field(default_factory=ServiceLevers)
    goals: GoalLevers = Field(default_factory=GoalLevers)
    budget: BudgetLevers = Field(default_factory=BudgetLevers)
    measurement: MeasurementLevers = Field(default_factory=MeasurementLevers)
    flexibility: FlexibilityLevers = Field(default_factory=FlexibilityLevers)
    innovation: InnovationLevers = Field(default_factory=InnovationLevers)
    integrity: IntegrityLevers = Field(default_factory=IntegrityLevers)
    careers: CareerLevers = Field(default_factory=CareerLevers)
    reform: ReformLevers = Field(default_factory=ReformLevers)
    citizens: CitizenLevers = Field(default_factory=CitizenLevers)


#: Levers whose *practice* follows a unit's reform implementation when a programme runs:
#: a unit that has not taken up the reform keeps the conventional value.
BEHAVIOURAL_LEVERS = (
    "goals.goal_setting",
    "service.delegation",
    "innovation.collaboration",
    "innovation.failure_tolerance",
    "innovation.innovation_time_share",
    "integrity.discretion_multiplier",
)


def lever_table() -> list[dict[str, Any]]:
    """Every lever as a row: path, default, allowed values or range, and description."""
    rows = []
    for group_name, group_field in Levers.model_fields.items():
        group_cls = group_field.default_factory
        for name, field in group_cls.model_fields.items():
            row: dict[str, Any] = {
                "lever": f"{group_name}.{name}",
                "default": field.default,
                "description": field.description,
            }
            allowed = getattr(field.annotation, "__args__", None)
            if field.annotation is bool:
                row["allowed"] = "true | false"
            elif allowed and all(isinstance(a, str) for a in allowed):
                row["allowed"] = " | ".join(allowed)
            else:
                bounds = {type(m).__name__: m for m in field.metadata}
                lo = getattr(bounds.get("Ge"), "ge", None)
                hi = getattr(bounds.get("Le"), "le", None)
                row["allowed"] = f"{lo} .. {hi}" if lo is not None else str(field.annotation)
            rows.append(row)
    return rows


def get_lever(levers: Levers, path: str) -> Any:
    group, name = path.split(".")
    return getattr(getattr(levers, group), name)
