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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Protocol, runtime_checkable

import numba
import numpy as np

from .day_totals import numpy_sum

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


def _unset_uptake(path: str) -> np.ndarray:
    raise RuntimeError(f"no uptake of {path!r} yet: the reform programme publishes uptake first")


@numba.njit(cache=True, nogil=True)
def book_cost(spending_today, spending_by_unit, amount):
    """Add ``amount`` (per unit) to today's and the run's spending in place; its total, summed
    as numpy sums."""
    for u in range(amount.shape[0]):
        spending_today[u] += amount[u]
        spending_by_unit[u] += amount[u]
    return numpy_sum(amount)


@dataclass
class StepContext:
    """Everything a submodel may read or change: state, parameters, streams and the calendar.

    ``today`` holds the current day's results as the day's hooks add them (``arrivals``,
    ``served``, ``resolved``, ... from the service; ``acts`` and ``asked`` from integrity;
    ``ikm_sum``, ``ratings`` and ``complaints`` from citizens). ``month`` sums them per unit
    over the month so far. ``conventional`` holds the rules of units that have not joined.

    The reform programme publishes three views of a lever, per unit: ``policy(path)``, the
    formal rule *on paper* (paper compliance costs follow it); ``uptake(path)``, how far the unit
    actually runs the designed rule (0..1); and ``practice[path]``, the practised value of every
    numeric formal rule and behavioural lever, ``outside + uptake * (designed - outside)``
    (benefits follow it). Choice-valued rules have no practised value: a submodel blends their
    effect by ``uptake``. ``add_cost`` books programme spending (Rupiah beside the civil
    servants' own pay) per unit for the day.
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
    #: ``refresh_staff_aggregates(appended_from=None)`` (``BureaucracyModel``'s)
    refresh_staff_aggregates: Callable[..., None]
    refresh_corruption_shares: Callable[[], None]
    day: int = 0
    policy: Callable[[str], np.ndarray] = _unset_policy
    uptake: Callable[[str], np.ndarray] = _unset_uptake
    practice: dict[str, np.ndarray] = field(default_factory=dict)
    queue: np.ndarray | None = None
    today: dict[str, np.ndarray] = field(default_factory=dict)
    month: dict[str, np.ndarray] = field(default_factory=dict)
    #: programme spending booked today, per unit (Rp); the model reads and clears it each day
    spending_today: np.ndarray | None = None
    #: programme spending over the whole run, per item (Rp)
    spending_by_item: dict[str, float] = field(default_factory=dict)
    #: programme spending over the whole run, per unit (Rp; the budget envelope reads it)
    spending_by_unit: np.ndarray | None = None

    def __post_init__(self):
        self.month = {name: np.zeros(self.org.n_units) for name in MONTH_TALLIES}
        self.spending_today = np.zeros(self.org.n_units)
        self.spending_by_unit = np.zeros(self.org.n_units)

    def add_cost(self, item: str, rupiah) -> None:
        """Book programme spending for today: ``rupiah`` per unit (an array, or a scalar booked
        on every unit)."""
        amount = np.asarray(rupiah, dtype=np.float64)
        if amount.shape != self.spending_today.shape:
            amount = np.full(self.spending_today.shape, amount)
        total = book_cost(self.spending_today, self.spending_by_unit, amount)
        self.spending_by_item[item] = self.spending_by_item.get(item, 0.0) + total

    def add_item_totals(self, items: tuple[str, ...], totals: Sequence[float] | np.ndarray) -> None:
        """Add each item's total over units to the run's spending by item, for spending a
        compiled kernel has already booked per unit (``spending_today``, ``spending_by_unit``),
        as ``add_cost`` would have, item by item."""
        by_item = self.spending_by_item
        for item, total in zip(items, np.asarray(totals, dtype=np.float64).tolist(), strict=True):
            by_item[item] = by_item.get(item, 0.0) + total

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
