"""Units: organisational units (a *dinas*, *badan*, directorate or *kecamatan* office).

A unit has a parent organisation (*instansi*), a service demand, approval layers, a service
standard, goal clarity, an establishment (headcount and budget), officials at each layer, a
performance score (true and reported), adopted innovations and collaboration links. The state of
all units is held in arrays (:class:`UnitState`) so that rules run on every unit at once; each
unit is also a Mesa agent (:class:`UnitAgent`) whose properties read those arrays, so Mesa tools
and users can look at one unit as an object.
"""

from __future__ import annotations

import gc
import itertools
import weakref
from dataclasses import dataclass, field

import mesa
import numpy as np

from .staff import MAX_GRADE


@dataclass
class UnitState:
    """Per-unit arrays. Staff aggregates are refreshed by the model whenever staff change."""

    n_units: int
    reference_demand: np.ndarray
    establishment: np.ndarray
    officials_at_start: np.ndarray
    #: posts the unit funds for honorary staff from its goods and services (budget, 7.3)
    honorer_posts: np.ndarray = field(init=False)
    honorer_count: np.ndarray = field(init=False)
    honorer_pay_month: np.ndarray = field(init=False)
    #: the region's yearly spending the personnel cap is a share of (budget, 7.3)
    spending_base_rp_year: np.ndarray = field(init=False)
    #: share of hours officials spend coordinating with each other (goals, 7.2)
    coordination: np.ndarray = field(init=False)
    front_count: np.ndarray = field(init=False)
    front_hours: np.ndarray = field(init=False)
    effort: np.ndarray = field(init=False)
    #: multiplier on staff's and officials' absence (1 = as usual; measurement, 7.4)
    absence_factor: np.ndarray = field(init=False)
    overhead: np.ndarray = field(init=False)
    work_multiplier: np.ndarray = field(init=False)
    official_count: np.ndarray = field(init=False)
    official_skill: np.ndarray = field(init=False)
    official_required: np.ndarray = field(init=False)
    headcount: np.ndarray = field(init=False)
    active: np.ndarray = field(init=False)
    salary_month: np.ndarray = field(init=False)
    skill_mean: np.ndarray = field(init=False)
    integrity_mean: np.ndarray = field(init=False)
    acceptance_mean: np.ndarray = field(init=False)
    innovativeness_sum: np.ndarray = field(init=False)
    corrupt_front_share: np.ndarray = field(init=False)
    corrupt_official_share: np.ndarray = field(init=False)
    corrupt_share: np.ndarray = field(init=False)
    clarity: np.ndarray = field(init=False)
    quality: np.ndarray = field(init=False)
    perf_true: np.ndarray = field(init=False)
    perf_reported: np.ndarray = field(init=False)
    gaming: np.ndarray = field(init=False)
    holdback: np.ndarray = field(init=False)
    target: np.ndarray = field(init=False)
    pay_factor: np.ndarray = field(init=False)
    expected_wait: np.ndarray = field(init=False)
    demand_response: np.ndarray = field(init=False)
    complaint_hours_share: np.ndarray = field(init=False)

    def __post_init__(self):
        n = self.n_units
        for name in (
            "front_hours", "overhead", "salary_month", "skill_mean", "integrity_mean",
            "acceptance_mean", "innovativeness_sum", "corrupt_front_share",
            "corrupt_official_share", "corrupt_share", "clarity", "quality", "gaming",
            "holdback", "perf_true", "perf_reported", "target", "honorer_posts",
            "honorer_pay_month", "spending_base_rp_year", "coordination", "complaint_hours_share",
        ):
            setattr(self, name, np.zeros(n))
        self.effort = np.ones(n)
        self.absence_factor = np.ones(n)
        self.pay_factor = np.ones(n)
        self.expected_wait = np.zeros(n)  # set by citizens on day 0: the fastest possible case
        self.demand_response = np.ones(n)
        self.work_multiplier = np.ones(n)
        for name in ("front_count", "headcount", "active", "honorer_count"):
            setattr(self, name, np.zeros(n, dtype=np.int64))
        self.official_count = np.zeros((n, MAX_GRADE), dtype=np.int64)
        self.official_skill = np.zeros((n, MAX_GRADE))
        self.official_required = np.zeros((n, MAX_GRADE), dtype=np.int64)


class _IdCounters(weakref.WeakKeyDictionary):
    """Per-model counters of agent ids, which let a finished model be freed.

    Mesa 3.3's ``Agent._ids`` is a class-level ``defaultdict`` keyed by the model, so every model
    ever built stays in memory (mesa/mesa#3179, fixed after 3.3 by mesa/mesa#3180): about 1.2 MiB
    per kabupaten run, which a sweep of thousands of runs per worker cannot afford."""

    def __getitem__(self, model) -> itertools.count:
        try:
            return super().__getitem__(model)
        except KeyError:
            counter = self[model] = itertools.count(1)
            return counter


class UnitAgent(mesa.Agent):
    """One organisational unit as a Mesa agent; its state is read from the model's arrays."""

    _ids = _IdCounters()

    def __init__(self, model, index: int):
        super().__init__(model)
        self.index = index

    @classmethod
    def create_all(cls, model, n_units: int) -> list[UnitAgent]:
        """One agent per unit, ids 1..n in unit order, registered with the model in bulk:
        what ``n_units`` calls of ``UnitAgent(model, i)`` leave, without the per-agent calls of
        Mesa 3.3.1's ``Agent.__init__`` and ``register_agent`` (an id counter, three dictionary
        insertions and a debug log record each). Relies on Mesa 3.3's registration fields
        (``_agents``, ``_agents_by_type``, ``_all_agents``); a test compares both ways.

        The cyclic garbage collector is paused meanwhile: the new agents are all alive, and
        the collections their allocation would trigger (a full one scans every object of the
        process) cost about four times the agents themselves."""
        first = next(cls._ids[model])
        collecting = gc.isenabled()
        gc.disable()
        try:
            agents = [cls.__new__(cls) for _ in range(n_units)]
            for index, agent in enumerate(agents):
                agent.model = model
                agent.unique_id = first + index
                agent.pos = None
                agent.index = index
            model._agents.update(dict.fromkeys(agents))
            if cls in model._agents_by_type:
                model._agents_by_type[cls]._agents.update(dict.fromkeys(agents))
            else:
                model._agents_by_type[cls] = mesa.agent.AgentSet(agents, random=model.random)
            model._all_agents._agents.update(dict.fromkeys(agents))
        finally:
            if collecting:
                gc.enable()
        cls._ids[model] = itertools.count(first + n_units)
        return agents

    @property
    def unit_id(self) -> str:
        return self.model.org.unit_id[self.index]

    @property
    def name(self) -> str:
        return self.model.org.unit_name[self.index]

    @property
    def parent_org(self) -> str:
        return self.model.org.parent_org[self.index]

    @property
    def headcount(self) -> int:
        return int(self.model.unit_state.headcount[self.index])

    @property
    def backlog(self) -> int:
        return int(self.model.service.queue[self.index].sum())

    @property
    def approval_layers(self) -> int:
        return int(self.model.service.effective_layers()[self.index])

    @property
    def goal_clarity(self) -> float:
        return float(self.model.unit_state.clarity[self.index])

    @property
    def performance(self) -> tuple[float, float]:
        """(true, reported) share of cases resolved within the service standard, last review."""
        state = self.model.unit_state
        return float(state.perf_true[self.index]), float(state.perf_reported[self.index])

    @property
    def innovations(self) -> int:
        return int(self.model.innovation.adopted[self.index].sum())

    @property
    def reform_implementation(self) -> float:
        return float(self.model.reform.implementation[self.index])

    def __repr__(self) -> str:
        return f"UnitAgent({self.unit_id!r}, headcount={self.headcount}, backlog={self.backlog})"
