"""Parameter uncertainty in comparisons: the plausible set of behavioural parameters, and the
draw of it each replicate makes.

With ``uncertainty = "parameters"`` (the default) a comparison's replicate ``r`` runs every
option on the same seed *and* the same draw of the behavioural parameters (registry role
``parameter``) from the plausible set, so the paired interval says what the field evidence
leaves open about the model's assumptions as well as seed noise; with ``"seeds"`` the
parameters stay at their values and only the seed varies. The draw depends only on the
replicate's seed, so every option of a replicate shares it and a replicate's draw is the same
in any comparison, whatever the number of workers.

The shipped set (:meth:`PlausibleSet.shipped`) is the history-matched one of
:mod:`birosim.experiments.plausible`: the design points at which no constraining field-evidence
criterion is implausible. A draw is one of those points, uniformly (the points keep the
parameters' joint constraints, which a box of ranges would lose). Parameters the set does not
vary keep their value. A parameter that an option sets away from its default (the user's or
the preset's own assumption) is not drawn in that comparison.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from ..core.errors import InputError
from ..core.levers import get_lever
from ..core.parameters import get_parameter

UNCERTAINTY_KINDS = ("seeds", "parameters")
DEFAULT_UNCERTAINTY = "parameters"
#: the spawn key of the parameter draw, apart from the model's own streams of the same seed
DRAW_KEY = 7919
INTERVALS = {
    "seeds": "95 % CI over replicate seeds (parameters at their values)",
    "parameters": "95 % CI over replicate seeds and draws of the behavioural parameters from "
                  "the history-matched plausible set",
}
SHIPPED = Path(__file__).with_name("plausible_set.json")


@dataclass(frozen=True)
class PlausibleSet:
    """Points of the behavioural parameters the evidence leaves open, with their provenance."""

    points: tuple[Mapping[str, float | int], ...]
    provenance: str

    def __post_init__(self) -> None:
        if not self.points or len({tuple(p) for p in self.points}) != 1:
            raise ValueError("a plausible set needs one or more points of the same parameters")

    @classmethod
    def shipped(cls) -> PlausibleSet:
        """The history-matched set shipped with the package (``plausible_set.json``)."""
        return _load(SHIPPED)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.points[0])

    @property
    def ranges(self) -> dict[str, tuple[float, float]]:
        """Each parameter's smallest and largest value over the points."""
        return {n: (min(p[n] for p in self.points), max(p[n] for p in self.points))
                for n in self.names}

    def draw(self, seed: int, names: Sequence[str] | None = None) -> dict[str, float | int]:
        """The point drawn (uniformly) for the replicate seeded ``seed``, for ``names``."""
        rng = np.random.default_rng(np.random.SeedSequence(int(seed), spawn_key=(DRAW_KEY,)))
        point = self.points[int(rng.integers(len(self.points)))]
        return {n: point[n] for n in (self.names if names is None else names)}

    def free_in(self, levers: Sequence[Any]) -> list[str]:
        """The parameters of the set that every one of ``levers`` leaves at its default."""
        return [name for name in self.names
                if all(get_lever(lv, name) == get_parameter(name).default for lv in levers)]


@cache
def _load(path: Path) -> PlausibleSet:
    data = json.loads(path.read_text(encoding="utf-8"))
    record = data["provenance"]
    constraining = ", ".join(sorted({c["experiment"]
                                     for c in data["constraining_criteria"].values()}))
    unmet = ", ".join(sorted(data["unmet_criteria"]) + [
        f"{c} (met only where the others are not)" for c in data["jointly_unmet_criteria"]
    ]) or "none"
    seeds = " and ".join(str(seed) for seed in record["experiment_seeds"])
    provenance = (f"{data['kind']}: {len(data['points'])} of {record['points_run']} design "
                  f"points not implausible on the criteria of {constraining} (quick, seeds "
                  f"{seeds}); criteria no point met: {unmet}; "
                  f"{record['date']}, commit {record['commit'][:12]}; {record['command']}")
    return PlausibleSet(tuple(p["values"] for p in data["points"]), provenance)


def check_uncertainty(kind: str) -> str:
    if kind not in UNCERTAINTY_KINDS:
        raise InputError("--uncertainty", "uncertainty", kind, " | ".join(UNCERTAINTY_KINDS))
    return kind
