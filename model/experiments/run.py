"""One run of a scenario, with its provenance: the unit every experiment is built from."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from .. import __version__
from ..core import Scenario
from ..core.run_spec import RunSpec

REPO_ROOT = Path(__file__).resolve().parents[2]


@cache
def git_commit() -> str | None:
    """The checkout's commit (with ``+dirty`` when files changed), or None outside git."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=5
        )
        if commit.returncode != 0:
            return None
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO_ROOT,
            capture_output=True, text=True, timeout=5,
        )
        return commit.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return None


def provenance(spec: RunSpec) -> dict:
    """What identifies a run: scenario content hash, seed, horizon, code version and commit."""
    return {
        "scenario": spec.name,
        "scenario_hash": spec.content_hash,
        "organisation": spec.scenario.organisation,
        "seed": spec.seed,
        "steps": spec.steps,
        "package_version": __version__,
        "git_commit": git_commit(),
    }


@dataclass
class RunResult:
    summary: dict[str, float]
    timeseries: pd.DataFrame
    units: pd.DataFrame | None
    cases: dict[str, int]
    provenance: dict = field(default_factory=dict)


def run_scenario(
    scenario: Scenario | RunSpec,
    *,
    seed: int | None = None,
    steps: int | None = None,
    unit_series: bool | Sequence[str] = True,
    unit_sink: str | Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> RunResult:
    """Run ``scenario`` (its own horizon and seed unless ``steps``, ``seed``) and collect
    everything; a :class:`RunSpec` is run on its already parsed organisation."""
    spec = scenario if isinstance(scenario, RunSpec) else RunSpec.build(scenario)
    spec = spec.with_steps(steps)
    if seed is not None:
        spec = spec.with_seed(seed)
    model = spec.model(unit_series=unit_series, unit_sink=unit_sink)
    model.run(progress=progress)
    units = model.unit_series() if unit_series else None
    return RunResult(
        summary=model.summary(),
        timeseries=model.timeseries(),
        units=units,
        cases=model.cases(),
        provenance=provenance(spec),
    )
