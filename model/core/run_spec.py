"""The run specification: what fixes one run, validated once and shared by every caller.

The command line, :func:`~birosim.experiments.run.run_scenario`, comparisons, sweeps and the
validation patterns build a :class:`RunSpec` from a checked scenario: its organisation is
parsed (and checked against the scenario's shocks) once, and the content hash that provenance
records is computed once. The model then takes the parsed organisation instead of reading the
file again::

    spec = RunSpec.build(load_scenario("classroom"), seed=7)
    model = spec.model(unit_series=False)     # BureaucracyModel(scenario, organisation=, seed=)
    model.run()
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .organisation import Organisation
from .scenario import MAX_SEED, Scenario

if TYPE_CHECKING:
    from .model import BureaucracyModel


def with_horizon(scenario: Scenario, steps: int | None) -> Scenario:
    """``scenario`` run for ``steps`` days (warm-up shortened if needed); itself when None."""
    if steps is None or steps == scenario.horizon_days:
        return scenario
    return scenario.with_horizon(steps)


@dataclass(frozen=True, eq=False)
class RunSpec:
    """A checked scenario, its parsed organisation, the run's seed and the content hash."""

    scenario: Scenario
    organisation: Organisation
    seed: int
    #: hash of the scenario's content and its organisation file's bytes (``Scenario.content_hash``)
    content_hash: str

    @classmethod
    def build(cls, scenario: Scenario, *, seed: int | None = None, steps: int | None = None,
              source: str | None = None) -> RunSpec:
        """Parse and check ``scenario``'s organisation (``source`` names the scenario in
        errors), fix the seed (default: the scenario's) and the horizon (default: its own)."""
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)
                                 or not 0 <= seed <= MAX_SEED):
            raise InputError("--seed", "seed", seed, f"a whole number from 0 to {MAX_SEED}")
        scenario = with_horizon(scenario, steps)
        organisation = scenario.load_organisation(source)
        return cls(scenario, organisation, scenario.seed if seed is None else int(seed),
                   scenario.content_hash())

    @property
    def name(self) -> str:
        return self.scenario.name

    @property
    def steps(self) -> int:
        return self.scenario.horizon_days

    def with_seed(self, seed: int) -> RunSpec:
        """The same run on another seed (the content hash does not depend on the seed)."""
        return replace(self, seed=int(seed))

    def with_scenario(self, scenario: Scenario) -> RunSpec:
        """Another scenario on the same, already parsed organisation (a sweep's sample, another
        horizon); only its hash is computed again."""
        if scenario.organisation != self.scenario.organisation or \
                scenario.base_dir != self.scenario.base_dir:
            raise ValueError("with_scenario keeps the organisation; build a new RunSpec instead")
        return replace(self, scenario=scenario, content_hash=scenario.content_hash())

    def with_steps(self, steps: int | None) -> RunSpec:
        """The same run for ``steps`` days (itself when None or unchanged)."""
        if steps is None or steps == self.steps:
            return self
        return self.with_scenario(with_horizon(self.scenario, steps))

    def model(self, **recording: Any) -> BureaucracyModel:
        """A model of this run (``recording``: ``unit_series``, ``unit_sink``)."""
        from .model import BureaucracyModel

        return BureaucracyModel(self.scenario, seed=self.seed, organisation=self.organisation,
                                **recording)
