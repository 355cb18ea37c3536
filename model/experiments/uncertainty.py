"""Parameter uncertainty in comparisons: the plausible set of behavioural parameters, and the
draw of it each replicate makes.

With ``uncertainty = "parameters"`` a comparison's replicate ``r`` runs every option on the same
seed *and* the same draw of the behavioural parameters (registry role ``parameter``) from the
plausible set, so the paired interval says what the evidence leaves open about the model's
assumptions as well as seed noise; with ``"seeds"`` (the default) the parameters stay at their
values and only the seed varies. The draw depends only on the replicate's seed, so every option
of a replicate shares it and a replicate's draw is the same in any comparison.

The plausible set shipped now is a *prior*, not a calibrated set: every numeric parameter whose
source is an assumption (no paper or regulation behind its value), uniform within
``PRIOR_SPREAD`` (25 %) either side of its default, clipped to its registry range (whole
numbers stay whole). Parameters with a published or legal source keep their value. A
parameter that an option sets away from its default (the user's or the preset's own
assumption) is not drawn in that comparison.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.errors import InputError
from ..core.levers import get_lever
from ..core.parameters import ASSUMPTION, Parameter, parameters

UNCERTAINTY_KINDS = ("seeds", "parameters")
PRIOR_SPREAD = 0.25
#: the spawn key of the parameter draw, apart from the model's own streams of the same seed
DRAW_KEY = 7919
INTERVALS = {
    "seeds": "95 % CI over replicate seeds (parameters at their values)",
    "parameters": "95 % CI over replicate seeds and draws of the behavioural parameters from "
                  "the plausible set",
}


@dataclass(frozen=True)
class PlausibleSet:
    """Ranges of the behavioural parameters the evidence leaves open, with their provenance."""

    ranges: dict[str, tuple[float, float]]
    provenance: str

    @classmethod
    def prior(cls, spread: float = PRIOR_SPREAD) -> PlausibleSet:
        """The uncalibrated prior (module docstring)."""
        ranges = {p.name: _around_default(p, spread) for p in drawable_parameters()}
        return cls(ranges, f"prior: every numeric parameter whose source is an assumption, "
                           f"uniform within {spread:.0%} of its default (clipped to its range); "
                           "not yet history-matched to the field evidence")

    def draw(self, seed: int, names: Sequence[str] | None = None) -> dict[str, float | int]:
        """One draw (uniform within each range) for the replicate seeded ``seed``."""
        rng = np.random.default_rng(np.random.SeedSequence(int(seed), spawn_key=(DRAW_KEY,)))
        u = rng.random(len(self.ranges))  # one number per parameter, whatever ``names`` holds
        chosen = set(self.ranges if names is None else names)
        values: dict[str, float | int] = {}
        for x, (name, (low, high)) in zip(u, self.ranges.items(), strict=True):
            if name not in chosen:
                continue
            value = low + x * (high - low)
            values[name] = int(round(value)) if _is_whole(name) else float(value)
        return values

    def free_in(self, levers: Sequence[Any]) -> list[str]:
        """The parameters of the set that every one of ``levers`` leaves at its default."""
        defaults = {p.name: p.default for p in parameters(role="parameter")}
        return [name for name in self.ranges
                if all(get_lever(lv, name) == defaults[name] for lv in levers)]


def drawable_parameters() -> tuple[Parameter, ...]:
    """Numeric behavioural parameters whose value is an assumption."""
    return tuple(
        p for p in parameters(role="parameter")
        if p.source == ASSUMPTION and p.choices is None
        and not isinstance(p.default, bool | tuple) and p.default != 0
    )


def _around_default(parameter: Parameter, spread: float) -> tuple[float, float]:
    low, high = parameter.default * (1 - spread), parameter.default * (1 + spread)
    if parameter.min is not None:
        low = max(low, parameter.min)
    if parameter.max is not None:
        high = min(high, parameter.max)
    return float(low), float(high)


def _is_whole(name: str) -> bool:
    return isinstance(_BY_NAME[name].default, int)


_BY_NAME: Mapping[str, Parameter] = {p.name: p for p in parameters(role="parameter")}


def check_uncertainty(kind: str) -> str:
    if kind not in UNCERTAINTY_KINDS:
        raise InputError("--uncertainty", "uncertainty", kind, " | ".join(UNCERTAINTY_KINDS))
    return kind
