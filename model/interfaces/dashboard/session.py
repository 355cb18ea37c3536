"""A classroom session's pair of models, stepped in lockstep on common random numbers.

Both sides are built from their own copy of a scenario, with one seed and one parsed
organisation. Every submodel draws from its own named random stream (:mod:`birosim.core.rng`),
so with the same seed both sides see the same citizens and start with the same staff: every
difference between the sides comes from their rules. The pair holds no global state, so each
browser session owns one and never sees another's.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import ValidationError

from ...core import BureaucracyModel, Scenario
from ...core.errors import InputError
from ...core.levers import get_lever
from ...core.parameters import get_parameter
from .events import EVENTS

SIDES = ("A", "B")
#: ten working years: enough for any classroom exercise; a reset starts again at day 0
DASHBOARD_HORIZON_DAYS = 2500


@dataclass(frozen=True)
class Marker:
    """An event fired on both sides, drawn on the charts."""

    day: int
    event: str


def _own_copy(scenario: Scenario) -> Scenario:
    """A deep copy with the dashboard's horizon: events add shocks to it, levers change on it."""
    copy = scenario.model_copy(deep=True)
    copy.horizon_days = max(DASHBOARD_HORIZON_DAYS, scenario.horizon_days)
    copy.warmup_days = 0
    return copy


class LockstepPair:
    """Side ``A`` and side ``B``: two models of one organisation, advanced together."""

    def __init__(self, scenario_a: Scenario, scenario_b: Scenario, seed: int | None = None):
        self.lock = threading.RLock()  # a play thread steps while the page changes levers
        self.designs = {"A": scenario_a, "B": scenario_b}
        self.seed = scenario_a.seed if seed is None else int(seed)
        self.organisation = scenario_a.load_organisation()
        self.reset()

    # ------------------------------------------------------------------ running
    def reset(self, keep_levers: bool = True) -> None:
        """Start again at day 0, with the levers as set now (or as designed)."""
        with self.lock:
            levers = {side: model.levers for side, model in getattr(self, "models", {}).items()}
            self.models: dict[str, BureaucracyModel] = {}
            for side in SIDES:
                scenario = _own_copy(self.designs[side])
                if keep_levers and side in levers:
                    scenario = scenario.with_lever_values(levers[side])
                self.models[side] = BureaucracyModel(
                    scenario, seed=self.seed, organisation=self.organisation, unit_series=False,
                )
            self.markers: list[Marker] = []
            self._reverts: list[tuple[int, list]] = []

    def load(self, scenario_a: Scenario, scenario_b: Scenario) -> None:
        """Replace both designs (an exercise, or two other scenarios) and start again."""
        with self.lock:
            self.designs = {"A": scenario_a, "B": scenario_b}
            self.seed = scenario_a.seed
            self.organisation = scenario_a.load_organisation()
            self.reset(keep_levers=False)

    @property
    def day(self) -> int:
        return self.models["A"].day

    @property
    def finished(self) -> bool:
        return self.day >= self.models["A"].scenario.horizon_days

    def step(self, days: int = 1) -> None:
        """Advance both sides ``days`` working days, one day each in turn."""
        with self.lock:
            for _ in range(days):
                if self.finished:
                    return
                for model in self.models.values():
                    model.step()
                self._revert_due()

    def _revert_due(self) -> None:
        due = [revert for day, revert in self._reverts if day <= self.day]
        self._reverts = [(day, revert) for day, revert in self._reverts if day > self.day]
        for reverts in due:
            for revert in reverts:
                revert()

    # ------------------------------------------------------------------ trainer's actions
    def fire(self, name: str) -> None:
        """Fire event ``name`` on both sides now (see :mod:`.events`)."""
        if name not in EVENTS:
            raise InputError("dashboard", "event", name, " | ".join(EVENTS))
        event = EVENTS[name]
        with self.lock:
            reverts = [event.fire(model) for model in self.models.values()]
            reverts = [revert for revert in reverts if revert is not None]
            if reverts and event.duration_days:
                self._reverts.append((self.day + event.duration_days, reverts))
            self.markers.append(Marker(self.day, name))

    def lever(self, side: str, path: str) -> Any:
        return get_lever(self.models[side].levers, path)

    def set_lever(self, side: str, path: str, value: Any) -> None:
        """Set a lever on one side; a bad value raises :class:`InputError` and changes nothing."""
        parameter = get_parameter(path)
        group, name = path.split(".")
        with self.lock:
            try:
                setattr(getattr(self.models[side].levers, group), name, value)
            except ValidationError:
                raise InputError(f"side {side}", path, value, parameter.allowed()) from None

    def copy_levers(self, source: str = "A", target: str = "B") -> None:
        """Give side ``target`` every lever value of side ``source``, from now on."""
        with self.lock:
            donor = self.models[source].levers
            receiver = self.models[target].levers
            for group in type(donor).model_fields:
                for name, value in getattr(donor, group).model_dump().items():
                    setattr(getattr(receiver, group), name, value)

    # ------------------------------------------------------------------ reading
    def series(self, column: str) -> dict[str, np.ndarray]:
        """Each side's daily series of ``column`` so far."""
        with self.lock:
            return {side: model.recorder.values[column][: model.recorder.n].copy()
                    for side, model in self.models.items()}

    def unit_values(self, column: str) -> dict[str, np.ndarray]:
        """Each side's current per-unit value of ``column`` (see :func:`unit_value`)."""
        with self.lock:
            return {side: unit_value(model, column) for side, model in self.models.items()}


#: per-unit outcomes the units view can colour by, read from the model's current state
UNIT_STATE = {
    "backlog": lambda model: model.service.queue.reshape(model.org.n_units, -1).sum(axis=1).astype(float),
    "headcount": lambda model: model.unit_state.headcount.astype(float),
    "corrupt_share": lambda model: model.unit_state.corrupt_share.copy(),
    "perf_true": lambda model: model.unit_state.perf_true.copy(),
    "perf_reported": lambda model: model.unit_state.perf_reported.copy(),
    "implementation": lambda model: model.reform.implementation.copy(),
}


def unit_value(model: BureaucracyModel, column: str) -> np.ndarray:
    return UNIT_STATE[column](model)
