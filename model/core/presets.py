"""Presets: named sets of lever values.

``conventional`` is the levers' defaults: multi-level sign-off, incremental budgeting, a fixed
establishment, little collaboration, weak accountability, and performance accountability in the
SAKIP compliance style (Perpres 29/2014): every unit measures and reports on a self-assessed,
gameable, narrow measure that leaders barely act on, and allowances (TPP, tunjangan kinerja)
follow attendance and job class, not results.
``results_oriented`` is the article's model (clear unit goals R1, performance measurement R2 on
a broader, sampled, harder-to-game measure that leaders act on and pay partly follows,
flexibility R3, collaboration and innovation R4, strong accountability R5) introduced as a reform
programme that every unit joins on day 0 with strong leadership support and training (A1-A3).
Both are plain lever overrides; scenario files start from one and change any lever.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .levers import Levers

PRESETS: dict[str, dict[str, dict[str, Any]]] = {
    "conventional": {},
    "results_oriented": {
        "service": {"delegation": 0.5},
        "goals": {"goal_setting": 0.8},
        "budget": {"mode": "performance"},
        "measurement": {
            "intensity": 0.8,
            "incentive_strength": 0.3,
            "use_for_decisions": 0.8,
            "noise": 0.05,
            "breadth": 0.7,
            "gameability": 0.3,
        },
        "flexibility": {"reallocation_interval_days": 21, "reallocation_share": 0.05},
        "innovation": {
            "collaboration": 0.7,
            "failure_tolerance": 0.7,
            "innovation_time_share": 0.03,
        },
        "integrity": {
            "audit_rate": 1.5,
            "complaint_channel": 0.3,
            "peer_reporting": 0.03,
            "discretion_multiplier": 0.7,
        },
        "careers": {"promotion": "merit", "training_days_per_year": 8},
        "reform": {"enabled": True, "leadership_support": 0.8, "culture_change": 0.4},
    },
}


def preset_names() -> list[str]:
    return sorted(PRESETS)


def outside_the_reform(levers: Levers, preset: str, levers_set: Iterable[str] = ()) -> Levers:
    """The rules and practice of a unit that has not joined a reform programme: the scenario's
    levers with the preset's reform design taken back to the conventional defaults. A lever the
    scenario sets itself (``levers_set``: its file, ``--set`` or a sweep factor) is an
    organisation-wide setting and holds outside the reform too, whatever its value (also when it
    equals the preset's design value)."""
    data = levers.model_dump()
    conventional = Levers().model_dump()
    own = set(levers_set)
    for group, values in PRESETS[preset].items():
        for key in values:
            if f"{group}.{key}" not in own:
                data[group][key] = conventional[group][key]
    return Levers.model_validate(data)
