"""Paired comparisons of several options on common random numbers (CRN).

The first option is the baseline; every other option is compared with it. Replicate ``r`` of
every option runs on the *same* seed, :func:`~birosim.experiments.seeds.replicate_seed`
``(seed, 0, r)``, the seed replicate ``r`` gets in a sweep of those policies. The model draws
every random quantity from named streams spawned from that seed (see :mod:`birosim.core.rng`),
so all options see the same citizens, the same arrivals and the same initial staff, and differ
only where their rules make them draw differently. The per-replicate differences therefore
carry much less noise than the difference of independent samples, and the paired t-interval
on them (:func:`~birosim.experiments.effects.paired_effect`) is the right confidence interval.

With ``workers > 1`` the runs are spread over a ``ProcessPoolExecutor`` using the ``fork``
start method; every run is a pure function of (run specification, seed), and results are
assembled in (option, replicate) order, so they are identical whatever the number of workers.

Usage::

    a, b = load_scenario("conventional"), load_scenario("results_oriented")
    comparison = compare(a, b, replicates=5, seed=2026, steps=500)
    comparison.table()              # b against a: outcome, mean_a, mean_b, mean_diff, ci_low, ...
    comparison.comparison_table()   # every option against the baseline, long
"""

from __future__ import annotations

import multiprocessing
import string
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..core import SUMMARY_OUTCOMES, InputError, Scenario, scenario_from_dict
from ..core.run_spec import RunSpec, with_horizon
from ..core.scenario import resolve_scenario
from ..core.tabular import read_toml
from .effects import paired_effect
from .run import provenance
from .seeds import SEED_RULE, replicate_seeds
from .uncertainty import DEFAULT_UNCERTAINTY, INTERVALS, PlausibleSet, check_uncertainty
from .unit_outcomes import UNIT_SERIES, unit_outcomes

__all__ = [
    "COMPARISON_COLUMNS", "ID_COLUMNS", "TABLE_COLUMNS", "Comparison", "compare",
    "load_with_preset", "replicate_seeds", "with_horizon",
]

#: identifying columns of :attr:`Comparison.summaries` and :attr:`Comparison.timeseries`
ID_COLUMNS = ("policy", "replicate", "seed")
#: columns of :meth:`Comparison.table` (one option against the baseline), in order
TABLE_COLUMNS = (
    "outcome", "mean_a", "mean_b", "mean_diff", "ci_low", "ci_high", "sd_diff", "n",
    "p_value", "rel_diff_pct", "rel_ci_low_pct", "rel_ci_high_pct", "std_diff", "std_ci_low",
    "std_ci_high",
)
#: columns of :meth:`Comparison.comparison_table` (every option against the baseline), in order
COMPARISON_COLUMNS = ("option", "outcome", "baseline_mean", "option_mean", "difference",
                      "ci_low", "ci_high", "relative_difference", "interval")
UNCERTAINTY = ("95 % CI = paired t-interval of the per-replicate differences option - baseline "
               "(common random numbers: replicate r of every option runs on one seed)")


def load_with_preset(
    name_or_path: str, preset: str, overrides: dict[str, Any] | None = None
) -> Scenario:
    """A scenario file read with another preset under its own lever overrides.

    ``load_with_preset("classroom", "results_oriented")`` is the classroom scenario (its
    organisation, horizon, shocks and any ``[levers]`` it sets) starting from the
    results-oriented preset instead of the one named in the file. Its name becomes
    ``"<name> (<preset>)"``.
    """
    path = resolve_scenario(name_or_path)
    data, _ = read_toml(path)
    data["name"] = f"{data.get('name', path.stem)} ({preset})"
    data["preset"] = preset
    data["base_dir"] = str(path.parent)
    scenario = scenario_from_dict(data, str(path))
    scenario.load_organisation()
    return scenario.with_levers(overrides) if overrides else scenario


# ---------------------------------------------------------------------------------- runs
def _run_one(
    spec: RunSpec, progress: Callable[[int], None] | None = None
) -> tuple[dict[str, float], pd.DataFrame, pd.DataFrame]:
    """One run: (summary, per-day timeseries, per-unit run outcomes)."""
    model = spec.model(unit_series=list(UNIT_SERIES))
    model.run(progress=progress)
    units = unit_outcomes(model.unit_series(), spec.organisation, spec.scenario.warmup_days)
    return model.summary(), model.timeseries(), units


def _run_task(task: tuple[int, int, RunSpec]) -> tuple[int, int, tuple]:
    option, replicate, spec = task
    return option, replicate, _run_one(spec)


def _labels(specs: Sequence[RunSpec]) -> tuple[str, ...]:
    """The scenario names; a name used twice is marked with its option's letter (``[A]``)."""
    names = [spec.name for spec in specs]
    return tuple(
        f"{name} [{string.ascii_uppercase[i % 26]}]" if names.count(name) > 1 else name
        for i, name in enumerate(names)
    )


@dataclass
class Comparison:
    """The result of :func:`compare`: per-replicate results of every option."""

    options: list[RunSpec]
    labels: tuple[str, ...]
    seed: int
    seeds: list[int]
    steps: int
    #: one row per (option, replicate): policy (the option's label), replicate, seed, outcomes
    summaries: pd.DataFrame
    #: one row per (option, replicate, day): policy, replicate, seed, day, model columns
    timeseries: pd.DataFrame
    #: one row per (option, replicate, unit): policy, replicate, seed, unit_id, unit_name,
    #: parent_org and the per-unit run outcomes
    units: pd.DataFrame
    provenance: dict = field(default_factory=dict)
    #: ``seeds`` or ``parameters`` (:mod:`birosim.experiments.uncertainty`)
    uncertainty: str = "seeds"

    @property
    def replicates(self) -> int:
        return len(self.seeds)

    @property
    def baseline(self) -> str:
        return self.labels[0]

    @property
    def alternatives(self) -> tuple[str, ...]:
        return self.labels[1:]

    @property
    def a(self) -> Scenario:
        """The baseline's scenario (plots read its warm-up and shocks)."""
        return self.options[0].scenario

    @property
    def b(self) -> Scenario:
        """The first alternative's scenario."""
        return self.options[1].scenario

    def outcomes(self) -> list[str]:
        """``SUMMARY_OUTCOMES`` first, then every other numeric summary key."""
        numeric = [
            c for c in self.summaries.columns
            if c not in ID_COLUMNS and pd.api.types.is_numeric_dtype(self.summaries[c])
        ]
        first = [c for c in SUMMARY_OUTCOMES if c in numeric]
        return first + [c for c in numeric if c not in first]

    def side(self, label: str) -> pd.DataFrame:
        """The summaries of the option ``label``, indexed by replicate."""
        if label not in self.labels:
            raise InputError("compare", "option", label, " | ".join(self.labels))
        rows = self.summaries[self.summaries["policy"] == label]
        return rows.set_index("replicate").sort_index()

    def differences(self, option: str | None = None) -> pd.DataFrame:
        """Per-replicate paired differences ``option - baseline`` (default option: the first
        alternative; index: replicate; also ``seed``)."""
        base, other = self.side(self.baseline), self.side(option or self.alternatives[0])
        outcomes = self.outcomes()
        diff = other[outcomes] - base[outcomes]
        diff.insert(0, "seed", base["seed"])
        return diff

    def table(self, outcomes: Sequence[str] | None = None, confidence: float = 0.95,
              option: str | None = None) -> pd.DataFrame:
        """One option (default: the first alternative) against the baseline: a row per outcome.

        Columns: ``outcome, mean_a`` (baseline), ``mean_b`` (option), ``mean_diff`` (option -
        baseline), ``ci_low, ci_high, sd_diff, n, p_value`` and ``rel_*_pct`` (as % of
        ``|mean_a|``) and ``std_*`` (in pooled between-replicate SDs), all from
        :func:`~birosim.experiments.effects.paired_effect`.
        """
        base, other = self.side(self.baseline), self.side(option or self.alternatives[0])
        rows = []
        for outcome in outcomes or self.outcomes():
            e = paired_effect(base[outcome], other[outcome], confidence)
            rows.append({
                "outcome": outcome, "mean_a": e["mean_baseline"], "mean_b": e["mean_option"],
                "mean_diff": e["difference"], "ci_low": e["ci_low"], "ci_high": e["ci_high"],
                "sd_diff": e["sd"], "n": e["n"], "p_value": e["p_value"],
                "rel_diff_pct": 100 * e["relative_difference"],
                "rel_ci_low_pct": _relative_pct(e["ci_low"], e["mean_baseline"]),
                "rel_ci_high_pct": _relative_pct(e["ci_high"], e["mean_baseline"]),
                "std_diff": e["std_difference"], "std_ci_low": e["std_ci_low"],
                "std_ci_high": e["std_ci_high"],
            })
        return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))

    def comparison_table(self, outcomes: Sequence[str] | None = None,
                         confidence: float = 0.95) -> pd.DataFrame:
        """Every alternative against the baseline, long (:data:`COMPARISON_COLUMNS`);
        ``relative_difference`` is the difference as a share of ``|baseline_mean|``."""
        base = self.side(self.baseline)
        rows = []
        for option in self.alternatives:
            other = self.side(option)
            for outcome in outcomes or self.outcomes():
                e = paired_effect(base[outcome], other[outcome], confidence)
                rows.append({
                    "option": option, "outcome": outcome, "baseline_mean": e["mean_baseline"],
                    "option_mean": e["mean_option"], "difference": e["difference"],
                    "ci_low": e["ci_low"], "ci_high": e["ci_high"],
                    "relative_difference": e["relative_difference"],
                    "interval": self.uncertainty,
                })
        return pd.DataFrame(rows, columns=list(COMPARISON_COLUMNS))


def _relative_pct(value: float, baseline: float) -> float:
    return 100 * value / abs(baseline) if baseline and np.isfinite(baseline) else float("nan")


def _as_spec(option: Scenario | RunSpec) -> RunSpec:
    return option if isinstance(option, RunSpec) else RunSpec.build(option)


def compare(
    *options: Scenario | RunSpec,
    replicates: int = 5,
    seed: int | None = None,
    steps: int | None = None,
    progress: Callable[[int], None] | None = None,
    workers: int = 1,
    labels: Sequence[str] | None = None,
    uncertainty: str = DEFAULT_UNCERTAINTY,
    plausible: PlausibleSet | None = None,
) -> Comparison:
    """Run every option ``replicates`` times on common random numbers and pair the results.

    ``options``: two or more scenarios or run specifications; the first is the baseline.
    ``seed`` is the base seed (default: the baseline's scenario seed); replicate ``r`` of every
    option runs on ``replicate_seed(seed, 0, r)``. ``steps`` overrides every horizon (default:
    the options' own horizon, which must then be the same in all). ``progress(n_days)`` is
    called as days are simulated: after every day with ``workers == 1``, after every finished
    run otherwise. ``labels`` name the options in tables and plots (default: the scenario
    names, marked ``[A]``, ``[B]`` ... where a name is used twice). ``uncertainty``
    ``"parameters"`` (the default) also gives replicate ``r`` of every option the same draw of
    the behavioural parameters from ``plausible`` (default: the history-matched
    :meth:`PlausibleSet.shipped`), made from its seed; ``"seeds"`` leaves them at their values. The point estimate and interval are the same paired
    procedure either way.
    """
    if len(options) < 2:
        raise InputError("compare", "options", len(options), "two or more scenarios")
    if not isinstance(replicates, int | np.integer) or replicates < 1:
        raise InputError("compare", "replicates", replicates, "a whole number >= 1")
    if not isinstance(workers, int | np.integer) or workers < 1:
        raise InputError("compare", "workers", workers, "a whole number >= 1")
    specs = [_as_spec(option) for option in options]
    horizons = [spec.steps for spec in specs]
    if steps is None and len(set(horizons)) > 1:
        raise InputError(
            "compare", "horizon_days", " vs ".join(str(h) for h in horizons),
            "the same horizon in every scenario, or give steps",
        )
    specs = [spec.with_steps(steps) for spec in specs]
    steps = specs[0].steps
    seed = specs[0].scenario.seed if seed is None else int(seed)
    seeds = replicate_seeds(seed, int(replicates))
    labels = tuple(labels) if labels is not None else _labels(specs)
    if len(labels) != len(specs) or len(set(labels)) != len(labels):
        raise InputError("compare", "labels", list(labels),
                         f"{len(specs)} different names, one per option")

    check_uncertainty(uncertainty)
    draws: list[dict] = [{} for _ in seeds]
    plausible_record = None
    if uncertainty == "parameters":
        plausible = plausible or PlausibleSet.shipped()
        free = plausible.free_in([spec.scenario.levers for spec in specs])
        draws = [plausible.draw(s, free) for s in seeds]
        plausible_record = {"provenance": plausible.provenance, "drawn": free,
                            "ranges": {n: list(plausible.ranges[n]) for n in free},
                            "draws": draws}

    def replicate_spec(spec: RunSpec, r: int) -> RunSpec:
        if not draws[r]:
            return spec.with_seed(seeds[r])
        scenario = spec.scenario.with_levers(draws[r], source="plausible set")
        return spec.with_scenario(scenario).with_seed(seeds[r])

    tasks = [(i, r, replicate_spec(spec, r)) for i, spec in enumerate(specs)
             for r in range(len(seeds))]
    results: dict[tuple[int, int], tuple] = {}
    if workers == 1 or len(tasks) == 1:
        for i, r, spec in tasks:
            results[i, r] = _run_one(spec, progress)
    else:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(int(workers), len(tasks)),
                                 mp_context=context) as pool:
            futures = [pool.submit(_run_task, task) for task in tasks]
            for future in as_completed(futures):
                i, r, result = future.result()
                results[i, r] = result
                if progress is not None:
                    progress(steps)

    summary_rows, frames, unit_frames = [], [], []
    for i, label in enumerate(labels):
        for r, s in enumerate(seeds):
            summary, timeseries, units = results[i, r]
            summary_rows.append({"policy": label, "replicate": r, "seed": s, **summary})
            for frame, rows in ((timeseries.copy(), frames), (units.copy(), unit_frames)):
                frame.insert(0, "seed", s)
                frame.insert(0, "replicate", r)
                frame.insert(0, "policy", label)
                rows.append(frame)
    return Comparison(
        options=specs, labels=labels, seed=seed, seeds=seeds, steps=steps,
        summaries=pd.DataFrame(summary_rows),
        timeseries=pd.concat(frames, ignore_index=True),
        units=pd.concat(unit_frames, ignore_index=True),
        provenance={
            "options": [{"label": label, **provenance(spec.with_seed(seed))}
                        for label, spec in zip(labels, specs, strict=True)],
            "base_seed": seed, "replicate_seeds": seeds, "replicates": len(seeds),
            "seed_rule": SEED_RULE + " with sample = 0 and replicate = 0 .. replicates-1",
            "uncertainty": f"{UNCERTAINTY}; {INTERVALS[uncertainty]}",
            "interval": uncertainty,
            "plausible_set": plausible_record,
        },
        uncertainty=uncertainty,
    )
