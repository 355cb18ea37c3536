"""Can each unit work at all? Load against capacity, standard against the fastest possible case.

Computed before any run from the organisation and the scenario's levers, with the formulas the
model itself uses (:mod:`birosim.core.submodels.service`, ``careers.officials_required``,
``goals``), each rule taken as fully in force and at its expected value:

- **casework**: front-line staff (``staff`` minus the sign-off posts of the span-of-control
  pyramid) x mean skill x mean drive x ``hours_per_day`` x (1 - ``absence_rate``) x
  (1 - overhead) / ``work_hours_per_case`` cases a day, where overhead = ``base_overhead`` +
  ``routine_overhead`` x (1 - clarity) + measurement's reporting time + innovation time +
  training days / 250, and clarity = ``goal_clarity`` moved toward 1 by ``goal_setting``;
- **sign-off**: each layer signs ``approval_capacity_ratio`` x base demand x mean skill x
  (1 - ``official_absence_rate``) cases a day;
- **load**: ``daily_demand`` x ``demand_multiplier``, at the yearly peak x (1 + ``seasonality``);
  casework's load also counts the returned cases: a share r = ``rework_at_zero_quality`` x
  (1 - quality) of worked cases comes back for another round, so each case is worked
  1 / (1 - r) times, with quality = ``quality_base`` + ``quality_per_skill`` x (skill - 1) +
  ``quality_per_clarity`` x clarity (the measurement submodel's formula without incentives);
- **utilisation** of a stage (rho) = its load / its capacity, as the run reports it (the
  ``utilisation`` outcome: the bottleneck stage's rho);
- **fastest case**: a file moves one desk a day, so no case is resolved in fewer working days
  than the sign-off layers in use (after ``delegation``).

This is the expected case at the first day (rework at the expected quality; no gaming, no
vacancies, no growth in overhead): a unit it flags infeasible cannot work under these rules
unless its staff turn out better than average. Utilisation at or above 1 means the queue grows
without limit; above :data:`WARN_UTILISATION` at the yearly peak waiting times grow sharply. A
sign-off layer held by a single official signs at that one person's pace: the check also warns
when a holder at the :data:`WEAK_QUANTILE` of skill would push the layer past the warning level.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .levers import Levers
from .model import DAYS_PER_YEAR
from .organisation import Organisation
from .submodels.careers import draw_skill, officials_required
from .submodels.service import N_STAGES

WARN_UTILISATION = 0.9  # queueing: lead time ~ 1/(1 - rho) grows sharply beyond this
#: a layer held by one official signs at that person's pace: a weak holder is this quantile of skill
WEAK_QUANTILE = 0.1


def skill_draws(levers: Levers) -> np.ndarray:
    """A large sample of a new organisation's staff skills, from the model's own skill draw."""
    return draw_skill(np.random.default_rng(0), 200_000, levers.careers)


def mean_skill(levers: Levers) -> float:
    """The expected skill of a new organisation's staff."""
    return float(skill_draws(levers).mean())


def mean_drive(levers: Levers) -> float:
    """A front-line member's expected drive: the model's drive at the mean of the Beta
    distribution it draws initial motivation from."""
    careers = levers.careers
    motivation = careers.initial_motivation_a / (careers.initial_motivation_a
                                                 + careers.initial_motivation_b)
    return levers.service.drive_base + levers.service.drive_slope * motivation


def expected_quality(levers: Levers, skill: float, clarity: np.ndarray) -> np.ndarray:
    """Case quality at mean skill and the unit's goal clarity, without incentives (the
    measurement submodel's formula at its best case)."""
    m = levers.measurement
    return np.clip(m.quality_base + m.quality_per_skill * (skill - 1) + m.quality_per_clarity * clarity,
                   m.quality_floor, 1.0)


@dataclass(frozen=True)
class Finding:
    """One unit that cannot work (``severity`` "infeasible") or works near its limit ("tight")."""

    unit_id: str
    unit_name: str
    check: str  # "casework" | "sign-off" | "one official" | "standard"
    severity: str  # "infeasible" | "tight"
    value: float  # utilisation, or the fastest possible case in working days
    limit: float  # 1 (or WARN_UTILISATION), or the service standard in days
    stage: int = 0  # the stage a load finding is about: 0 casework, 1-6 the sign-off layer

    def text(self, lang: str = "en") -> str:
        unit = f"{self.unit_id} ({self.unit_name})"
        if self.check == "standard" and self.severity == "tight":
            if lang == "id":
                return (f"{unit}: standar pelayanan {self.limit:g} hari kerja sama dengan jumlah "
                        f"jenjang persetujuan: setiap antrean pengolahan membuat berkas terlambat")
            return (f"{unit}: service standard {self.limit:g} working days equals its sign-off "
                    f"layers: any wait for casework makes a case late")
        if self.check == "standard":
            short = self.value - self.limit
            if lang == "id":
                return (f"{unit}: standar pelayanan {self.limit:g} hari kerja, tetapi berkas paling "
                        f"cepat selesai dalam {self.value:g} hari (jenjang persetujuan): "
                        f"tidak pernah tepat waktu, kurang {short:g} hari")
            return (f"{unit}: service standard {self.limit:g} working days, but the fastest case "
                    f"takes {self.value:g} days (one per sign-off layer): never on time, short by "
                    f"{short:g} days")
        if self.check == "one official":
            if lang == "id":
                return (f"{unit}: persetujuan lapis {self.stage} dipegang satu pejabat: bila "
                        f"keterampilannya rendah (persentil {WEAK_QUANTILE * 100:.0f}) bebannya "
                        f"{self.value:.2f} kali kapasitas pada puncak musim (di atas {self.limit:g})")
            return (f"{unit}: sign-off layer {self.stage} rests on one official: with a weak holder "
                    f"({WEAK_QUANTILE * 100:.0f}th percentile of skill) its load at the yearly peak "
                    f"is {self.value:.2f} x capacity (above {self.limit:g})")
        stage = {"casework": ("casework", "pengolahan berkas"),
                 "sign-off": (f"sign-off layer {self.stage}",
                              f"persetujuan lapis {self.stage}")}[self.check][lang == "id"]
        if self.severity == "infeasible":
            extra = (self.value - 1) * 100
            if lang == "id":
                return (f"{unit}: beban {stage} {self.value:.2f} kali kapasitas: antrean terus "
                        f"bertambah; perlu kapasitas {extra:.0f} % lebih besar")
            return (f"{unit}: {stage} load is {self.value:.2f} x capacity: the queue grows "
                    f"without limit; needs {extra:.0f} % more capacity")
        if lang == "id":
            return (f"{unit}: beban {stage} {self.value:.2f} kali kapasitas (di atas "
                    f"{self.limit:g}): waktu tunggu akan panjang")
        return (f"{unit}: {stage} load is {self.value:.2f} x capacity (above {self.limit:g}): "
                f"waiting times will be long")


@dataclass(frozen=True)
class Feasibility:
    """Per-unit figures (arrays by unit number) and the findings, worst first."""

    casework_utilisation: np.ndarray  # mean load (returned cases included) / casework capacity
    peak_casework_utilisation: np.ndarray  # at the yearly demand peak
    signoff_utilisation: np.ndarray  # mean load / capacity of the busiest sign-off layer
    stage_utilisation: np.ndarray  # [unit, stage]: mean load / capacity, 0 for stages not used
    fastest_case_days: np.ndarray
    findings: tuple[Finding, ...]

    @property
    def bottleneck_stage(self) -> np.ndarray:
        """Each unit's busiest stage (0 casework, 1-6 the sign-off layer)."""
        return self.stage_utilisation.argmax(axis=1)

    @property
    def utilisation(self) -> np.ndarray:
        """Each unit's utilisation at its busiest stage (the run's ``utilisation``)."""
        return self.stage_utilisation.max(axis=1)

    @property
    def infeasible(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "infeasible")


def assess(org: Organisation, levers: Levers) -> Feasibility:
    """Feasibility of every unit of ``org`` under ``levers`` (see module docstring)."""
    service, goals = levers.service, levers.goals
    draws = skill_draws(levers)
    skill, weak_skill, drive = float(draws.mean()), float(np.quantile(draws, WEAK_QUANTILE)), mean_drive(levers)
    posts_per_layer = officials_required(org.staff.astype(np.float64), org.approval_layers,
                                         levers.careers.span_of_control)
    posts = posts_per_layer.sum(axis=1)
    front = np.maximum(org.staff - posts, 0)
    clarity = org.goal_clarity + (1 - org.goal_clarity) * goals.goal_setting
    overhead = np.minimum(goals.max_overhead, goals.base_overhead + goals.routine_overhead * (1 - clarity)
                          + levers.measurement.reporting_share * levers.measurement.intensity
                          + levers.innovation.innovation_time_share
                          + levers.careers.training_days_per_year / DAYS_PER_YEAR)
    hours = front * skill * drive * service.hours_per_day * (1 - service.absence_rate) * (1 - overhead)
    casework_capacity = hours / org.work_hours_per_case
    load = org.daily_demand * service.demand_multiplier
    rework = service.rework_at_zero_quality * (1 - expected_quality(levers, skill, clarity))
    casework = np.divide(load / (1 - rework), casework_capacity, out=np.full(org.n_units, np.inf),
                         where=casework_capacity > 0)
    signoff_capacity = (service.approval_capacity_ratio * org.daily_demand * skill
                        * (1 - service.official_absence_rate))
    signoff = np.divide(load, signoff_capacity, out=np.zeros(org.n_units), where=signoff_capacity > 0)
    layers = 1 + np.rint((org.approval_layers - 1) * (1 - service.delegation)).astype(np.int64)
    stages = np.zeros((org.n_units, N_STAGES))
    stages[:, 0] = casework
    stages[:, 1:] = signoff[:, None] * (np.arange(1, N_STAGES) <= layers[:, None])
    peak = casework * (1 + service.seasonality)

    findings = []
    for u in range(org.n_units):
        def add(check, severity, value, limit, stage=0, u=u):
            findings.append(Finding(org.unit_id[u], org.unit_name[u], check, severity,
                                    float(value), float(limit), int(stage)))

        for stage in range(1 + layers[u]):
            check, utilisation = ("casework" if stage == 0 else "sign-off"), stages[u, stage]
            if utilisation >= 1:
                add(check, "infeasible", utilisation, 1, stage)
            elif utilisation * (1 + service.seasonality) >= WARN_UTILISATION:
                add(check, "tight", utilisation * (1 + service.seasonality), WARN_UTILISATION, stage)
            elif stage > 0 and posts_per_layer[u, stage - 1] == 1:
                weak = utilisation * skill / weak_skill * (1 + service.seasonality)
                if weak >= WARN_UTILISATION:
                    add("one official", "tight", weak, WARN_UTILISATION, stage)
        if layers[u] > org.service_standard_days[u]:
            add("standard", "infeasible", layers[u], org.service_standard_days[u])
        elif layers[u] == org.service_standard_days[u]:
            add("standard", "tight", layers[u], org.service_standard_days[u])
    severity_order = {"infeasible": 0, "tight": 1}
    findings.sort(key=lambda f: (severity_order[f.severity], -f.value / f.limit))
    return Feasibility(casework, peak, signoff, stages, layers.astype(np.float64), tuple(findings))
