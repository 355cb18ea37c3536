"""What a sweep's workers run: the runners (birosim, Ishigami, ``module:function``) and the task
function that runs a chunk of runs, retrying a failing run once and never raising for it."""

from __future__ import annotations

import hashlib
import importlib
import math
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from ...core import Scenario
from ..run import git_commit, run_scenario
from ..spec import Experiment, apply_factors, kept_outcomes

MAX_ATTEMPTS = 2


def _fingerprint_sources() -> str:
    root = Path(__file__).resolve().parents[2]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


CODE_FINGERPRINT = _fingerprint_sources()


def code_fingerprint() -> str:
    return CODE_FINGERPRINT


def birosim_runner(scenario: Scenario, *, seed: int, steps: int, series: bool | list[str],
                   factors: dict[str, Any]) -> tuple[dict[str, float], pd.DataFrame | None]:
    """One birosim run: its summary and, when asked, its per-step series."""
    result = run_scenario(scenario, seed=seed, steps=steps, unit_series=False)
    frame = None
    if series:
        frame = result.timeseries
        if isinstance(series, list):
            frame = frame[["day", *series]]
    return result.summary, frame


def ishigami_runner(scenario: Scenario, *, seed: int, steps: int, series: bool | list[str],
                    factors: dict[str, Any]) -> dict[str, float]:
    """The Ishigami function (a = 7, b = 0.1) of factors x1, x2, x3 in [-pi, pi].

    A "model" with known Sobol indices (S1 = 0.314, 0.442, 0; ST = 0.558, 0.442, 0.244), to
    check that sampling, storage and analysis are wired together correctly.
    """
    x1, x2, x3 = (float(factors[k]) for k in ("x1", "x2", "x3"))
    return {"y": math.sin(x1) + 7.0 * math.sin(x2) ** 2 + 0.1 * x3**4 * math.sin(x1)}


def get_runner(name: str) -> Callable[..., Any]:
    if name == "birosim":
        return birosim_runner
    if name == "ishigami":
        return ishigami_runner
    module, _, func = name.partition(":")
    return getattr(importlib.import_module(module), func)


class InjectedFault(RuntimeError):
    """Raised by runs listed under ``[testing] fail_samples`` of a spec."""


def run_chunk(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """Run a chunk of runs (in a worker process); never raises for a failing run."""
    return [_run_one(payload, task) for task in payload["tasks"]]


def _run_one(payload: dict[str, Any], task: tuple) -> dict[str, Any]:
    rid, sample, replicate, policy, seed, values = task
    runner = get_runner(payload["runner"])
    outcomes = payload["outcomes"]
    fail_samples, fail_attempts = payload["faults"]
    errors = []
    for attempt in range(1, MAX_ATTEMPTS + 1):
        start, cpu = time.perf_counter(), time.process_time()
        try:
            if sample in fail_samples and attempt <= fail_attempts:
                raise InjectedFault(f"injected fault in sample {sample}, attempt {attempt}")
            scenario = apply_factors(payload["scenarios"][policy], values)
            out = runner(scenario, seed=seed, steps=payload["steps"], series=payload["series"],
                         factors=values)
            summary, series = out if isinstance(out, tuple) else (out, None)
            keys = outcomes if outcomes is not None else list(summary)
            summary = {k: float(summary[k]) for k in keys}
            return {"run_id": rid, "ok": True, "summary": summary, "series": series,
                    "attempts": attempt, "elapsed_s": time.perf_counter() - start,
                    "cpu_s": time.process_time() - cpu, "errors": errors}
        except Exception as exc:
            errors.append({
                "attempt": attempt, "error": f"{type(exc).__name__}: {exc}",
                "traceback": traceback.format_exc(), "elapsed_s": time.perf_counter() - start,
            })
    return {"run_id": rid, "ok": False, "attempts": MAX_ATTEMPTS, "errors": errors}


def task_payload(experiment: Experiment) -> dict[str, Any]:
    """What every chunk of a sweep's runs carries besides its runs (``run_chunk``)."""
    spec = experiment.spec
    return {
        "runner": spec.runner,
        "scenarios": experiment.policies,
        "steps": experiment.base.horizon_days,
        "series": spec.series,
        "outcomes": kept_outcomes(spec),
        "faults": (frozenset(spec.testing.fail_samples), spec.testing.fail_attempts),
    }


def run_tasks(plan: pd.DataFrame, values: list) -> list[tuple]:
    """The runs of ``plan`` (rows of ``plan_runs``) as tasks for ``run_chunk``."""
    return [
        (r.run_id, int(r.sample), int(r.replicate), r.policy, int(r.seed), values[r.sample])
        for r in plan.itertuples(index=False)
    ]


def warm_up(runner: str, scenario: Scenario) -> str:
    """Compile and load once per process (numba, imports) so timed runs do not pay for it;
    returns the process's code fingerprint."""
    if runner == "birosim":
        run_scenario(scenario, seed=0, steps=2, unit_series=False)
        git_commit()
    return CODE_FINGERPRINT
