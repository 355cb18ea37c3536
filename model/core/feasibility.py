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
- **fastest case**: a file moves one desk a day, so no case is resolved in fewer working days
  than the sign-off layers in use (after ``delegation``).

This is the best case (no rework, no gaming, no vacancies, no growth in overhead): a unit it
flags cannot work under these rules whatever happens in a run. Utilisation at or above 1 means
the queue grows without limit; above :data:`WARN_UTILISATION` waiting times grow sharply.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .levers import Levers
from .model import DAYS_PER_YEAR
from .organisation import Organisation
from .submodels.careers import draw_skill, officials_required

WARN_UTILISATION = 0.9  # queueing: lead time ~ 1/(1 - rho) grows sharply beyond this


def mean_skill(levers: Levers) -> float:
    """The expected skill of a new organisation's staff, from the model's own skill draw."""
    return float(draw_skill(np.random.default_rng(0), 200_000, levers.careers).mean())


def mean_drive(levers: Levers) -> float:
    """A front-line member's expected drive: the model's drive at the mean of the Beta
    distribution it draws initial motivation from."""
    careers = levers.careers
    motivation = careers.initial_motivation_a / (careers.initial_motivation_a
                                                 + careers.initial_motivation_b)
    return levers.service.drive_base + levers.service.drive_slope * motivation


@dataclass(frozen=True)
class Finding:
    """One unit that cannot work (``severity`` "infeasible") or works near its limit ("tight")."""

    unit_id: str
    unit_name: str
    check: str  # "casework" | "sign-off" | "standard"
    severity: str  # "infeasible" | "tight"
    value: float  # utilisation, or the fastest possible case in working days
    limit: float  # 1 (or WARN_UTILISATION), or the service standard in days

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
        stage = {"casework": ("casework", "pengolahan berkas"),
                 "sign-off": ("sign-off", "persetujuan")}[self.check][lang == "id"]
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

    casework_utilisation: np.ndarray  # mean load / casework capacity
    peak_casework_utilisation: np.ndarray  # at the yearly demand peak
    signoff_utilisation: np.ndarray  # mean load / capacity of one sign-off layer
    fastest_case_days: np.ndarray
    findings: tuple[Finding, ...]

    @property
    def infeasible(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "infeasible")


def assess(org: Organisation, levers: Levers) -> Feasibility:
    """Feasibility of every unit of ``org`` under ``levers`` (see module docstring)."""
    service, goals = levers.service, levers.goals
    skill, drive = mean_skill(levers), mean_drive(levers)
    posts = officials_required(org.staff.astype(np.float64), org.approval_layers,
                               levers.careers.span_of_control).sum(axis=1)
    front = np.maximum(org.staff - posts, 0)
    clarity = org.goal_clarity + (1 - org.goal_clarity) * goals.goal_setting
    overhead = np.minimum(goals.max_overhead, goals.base_overhead + goals.routine_overhead * (1 - clarity)
                          + levers.measurement.reporting_share * levers.measurement.intensity
                          + levers.innovation.innovation_time_share
                          + levers.careers.training_days_per_year / DAYS_PER_YEAR)
    hours = front * skill * drive * service.hours_per_day * (1 - service.absence_rate) * (1 - overhead)
    casework_capacity = hours / org.work_hours_per_case
    load = org.daily_demand * service.demand_multiplier
    casework = np.divide(load, casework_capacity, out=np.full(org.n_units, np.inf),
                         where=casework_capacity > 0)
    signoff_capacity = (service.approval_capacity_ratio * org.daily_demand * skill
                        * (1 - service.official_absence_rate))
    signoff = np.divide(load, signoff_capacity, out=np.zeros(org.n_units), where=signoff_capacity > 0)
    layers = 1 + np.rint((org.approval_layers - 1) * (1 - service.delegation)).astype(np.int64)
    peak = casework * (1 + service.seasonality)

    findings = []
    for u in range(org.n_units):
        def add(check, severity, value, limit, u=u):
            findings.append(Finding(org.unit_id[u], org.unit_name[u], check, severity,
                                    float(value), float(limit)))

        for check, utilisation in (("casework", casework[u]), ("sign-off", signoff[u])):
            if utilisation >= 1:
                add(check, "infeasible", utilisation, 1)
            elif utilisation * (1 + service.seasonality) >= WARN_UTILISATION:
                add(check, "tight", utilisation * (1 + service.seasonality), WARN_UTILISATION)
        if layers[u] > org.service_standard_days[u]:
            add("standard", "infeasible", layers[u], org.service_standard_days[u])
        elif layers[u] == org.service_standard_days[u]:
            add("standard", "tight", layers[u], org.service_standard_days[u])
    severity_order = {"infeasible": 0, "tight": 1}
    findings.sort(key=lambda f: (severity_order[f.severity], -f.value / f.limit))
    return Feasibility(casework, peak, signoff, layers.astype(np.float64), tuple(findings))
