"""The submodel plug-in protocol and the one context object every hook receives.

A submodel declares the parameter group it owns, the unit and staff state it reads and writes,
its random streams, its source and its ODD section, and implements any of ``on_day``,
``on_month`` and ``on_year``; each hook takes the :class:`StepContext` and nothing else. A
submodel never holds or calls another submodel: what one needs from another travels on the
context, as shared state (``units``, ``staff``, ``today``, ``month``) or as a value or function a
submodel publishes there (``policy`` and ``practice`` by the reform programme, ``queue`` by the
service). The model runs the submodels in the one order declared in
:data:`birosim.core.submodels.SUBMODELS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Protocol, runtime_checkable

import numpy as np

if TYPE_CHECKING:
    from .levers import Levers
    from .organisation import Organisation
    from .rng import Streams
    from .staff import StaffTable
    from .units import UnitState

#: the per-unit monthly tallies the model keeps from each day's results
MONTH_TALLIES = ("on_time", "resolved", "front", "signed")


def _unset_policy(path: str) -> np.ndarray:
    raise RuntimeError(f"no formal rule {path!r} yet: the reform programme publishes policy first")


@dataclass
class StepContext:
    """Everything a submodel may read or change: state, parameters, streams and the calendar.

    ``today`` holds the current day's results as the day's hooks add them (``arrivals``,
    ``served``, ``resolved``, ... from the service; ``acts`` and ``asked`` from integrity;
    ``ikm_sum``, ``ratings`` and ``complaints`` from citizens). ``month`` sums them per unit
    over the month so far. ``conventional`` holds the rules of units that have not joined. ``policy(path)`` gives each unit's formal rule, ``practice[path]``
    each unit's practised behavioural lever (both published by the reform programme).
    """

    levers: Levers
    #: the levers of a unit outside the reform programme (``presets.outside_the_reform``)
    conventional: Levers
    org: Organisation
    units: UnitState
    staff: StaffTable
    streams: Streams
    days_per_year: int
    warmup_days: int
    refresh_staff_aggregates: Callable[[], None]
    refresh_corruption_shares: Callable[[], None]
    day: int = 0
    policy: Callable[[str], np.ndarray] = _unset_policy
    practice: dict[str, np.ndarray] = field(default_factory=dict)
    queue: np.ndarray | None = None
    today: dict[str, np.ndarray] = field(default_factory=dict)
    month: dict[str, np.ndarray] = field(default_factory=dict)

    def __post_init__(self):
        self.month = {name: np.zeros(self.org.n_units) for name in MONTH_TALLIES}

    @property
    def months_per_year(self) -> int:
        return 12

    @property
    def new_year(self) -> bool:
        """Whether today starts a budget year after the first (a yearly round is due)."""
        return self.day > 0 and self.day % self.days_per_year == 0


@runtime_checkable
class Submodel(Protocol):
    """A plug-in process of the model (see the module docstring)."""

    name: ClassVar[str]  # attribute name on the model, e.g. ``model.integrity``
    group: ClassVar[str]  # the parameter group it owns (``birosim levers --group``)
    reads: ClassVar[tuple[str, ...]]  # unit (``units.x``) and staff (``staff.x``) state read
    writes: ClassVar[tuple[str, ...]]  # unit and staff state written
    streams: ClassVar[tuple[str, ...]]  # names of the random streams it draws from
    source: ClassVar[str]  # the literature or regulation it follows
    odd_section: ClassVar[str]  # its section in docs/ODD.md

    def on_day(self, context: StepContext) -> None: ...

    def on_month(self, context: StepContext) -> None: ...

    def on_year(self, context: StepContext) -> None: ...


class SubmodelBase:
    """Hooks that do nothing, for a submodel that acts only on some time scales."""

    def on_day(self, context: StepContext) -> None:
        """Nothing happens in this submodel on an ordinary day."""

    def on_month(self, context: StepContext) -> None:
        """Nothing happens in this submodel at a month's start."""

    def on_year(self, context: StepContext) -> None:
        """Nothing happens in this submodel at a budget year's start."""
