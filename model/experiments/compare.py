"""Paired comparisons of two scenarios on common random numbers (CRN).

Replicate ``r`` of scenario A and replicate ``r`` of scenario B run with the *same* seed. The
model draws every random quantity from named streams spawned from that seed (see
:mod:`birosim.core.rng`), so both runs see the same citizens, the same arrivals and the same
initial staff, and differ only where their rules make them draw differently. The per-replicate
differences ``B - A`` therefore carry much less noise than the difference of two independent
samples, and the paired t-interval on them is the right confidence interval.

Replicate seeds are derived deterministically from one base seed::

    numpy.random.SeedSequence(seed).generate_state(replicates)   # uint32 words

so replicate ``r`` gets the ``r``-th word. The list is prefix-stable: asking for more replicates
keeps the seeds (and results) of the first ones. With ``workers > 1`` the runs are spread over a
``ProcessPoolExecutor`` using the ``fork`` start method; every run is a pure function of
(scenario, seed, steps), and results are assembled in (policy, replicate) order, so they are
identical whatever the number of workers.

Usage::

    a, b = load_scenario("conventional"), load_scenario("results_oriented")
    comparison = compare(a, b, replicates=5, seed=2026, steps=500)
    comparison.table()        # outcome, mean_a, mean_b, mean_diff, ci_low, ci_high, ...
"""

from __future__ import annotations

import math
import multiprocessing
import tomllib
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from ..core import SUMMARY_OUTCOMES, BureaucracyModel, InputError, Scenario, scenario_from_dict
from ..core.scenario import resolve_scenario
from .run import provenance

#: identifying columns of :attr:`Comparison.summaries` and :attr:`Comparison.timeseries`
ID_COLUMNS = ("policy", "replicate", "seed")
#: columns of :meth:`Comparison.table`, in order
TABLE_COLUMNS = (
    "outcome", "mean_a", "mean_b", "mean_diff", "ci_low", "ci_high", "sd_diff", "n",
    "p_value", "rel_diff_pct", "rel_ci_low_pct", "rel_ci_high_pct", "std_diff", "std_ci_low",
    "std_ci_high",
)


def replicate_seeds(seed: int, replicates: int) -> list[int]:
    """The seeds of replicates ``0 .. replicates-1``: ``SeedSequence(seed).generate_state(n)``.

    Deterministic and prefix-stable (the first ``k`` seeds do not depend on ``replicates``).
    """
    if replicates < 1:
        raise InputError("compare", "replicates", replicates, "a whole number >= 1")
    if seed < 0:
        raise InputError("compare", "seed", seed, "a whole number >= 0")
    return [int(s) for s in np.random.SeedSequence(int(seed)).generate_state(replicates)]


def with_horizon(scenario: Scenario, steps: int | None) -> Scenario:
    """``scenario`` run for ``steps`` days (warm-up shortened if needed); itself when None."""
    if steps is None or steps == scenario.horizon_days:
        return scenario
    if steps < 1:
        raise InputError("compare", "steps", steps, "a whole number >= 1")
    return scenario.model_copy(update={
        "horizon_days": int(steps), "warmup_days": min(scenario.warmup_days, int(steps) - 1),
    })


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
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(str(path), "TOML syntax", "", "valid TOML", str(exc)) from None
    data["name"] = f"{data.get('name', path.stem)} ({preset})"
    data["preset"] = preset
    data["base_dir"] = str(path.parent)
    scenario = scenario_from_dict(data, str(path))
    scenario.load_organisation()
    return scenario.with_levers(overrides) if overrides else scenario


# ---------------------------------------------------------------------------------- runs
def _run_one(
    scenario: Scenario, seed: int, progress: Callable[[int], None] | None = None
) -> tuple[dict[str, float], pd.DataFrame]:
    """One run without per-unit series: (summary, per-day timeseries)."""
    model = BureaucracyModel(scenario, seed=seed, unit_series=False)
    model.run(progress=progress)
    return model.summary(), model.timeseries()


def _run_task(task: tuple[str, int, Scenario, int]) -> tuple[str, int, dict, pd.DataFrame]:
    side, replicate, scenario, seed = task
    summary, timeseries = _run_one(scenario, seed)
    return side, replicate, summary, timeseries


@dataclass
class Comparison:
    """The result of :func:`compare`: per-replicate summaries and timeseries of A and B."""

    a: Scenario
    b: Scenario
    label_a: str
    label_b: str
    seed: int
    seeds: list[int]
    steps: int
    #: one row per (policy, replicate): policy, replicate, seed, then one column per outcome
    summaries: pd.DataFrame
    #: one row per (policy, replicate, day): policy, replicate, seed, day, model columns
    timeseries: pd.DataFrame
    provenance: dict = field(default_factory=dict)

    @property
    def replicates(self) -> int:
        return len(self.seeds)

    @property
    def labels(self) -> tuple[str, str]:
        return self.label_a, self.label_b

    def outcomes(self) -> list[str]:
        """``SUMMARY_OUTCOMES`` first, then every other numeric summary key."""
        numeric = [
            c for c in self.summaries.columns
            if c not in ID_COLUMNS and pd.api.types.is_numeric_dtype(self.summaries[c])
        ]
        first = [c for c in SUMMARY_OUTCOMES if c in numeric]
        return first + [c for c in numeric if c not in first]

    def side(self, which: str) -> pd.DataFrame:
        """The summaries of ``"a"`` or ``"b"``, indexed by replicate."""
        label = {"a": self.label_a, "b": self.label_b}[which]
        rows = self.summaries[self.summaries["policy"] == label]
        return rows.set_index("replicate").sort_index()

    def differences(self) -> pd.DataFrame:
        """Per-replicate paired differences ``B - A`` (index: replicate; also ``seed``)."""
        a, b = self.side("a"), self.side("b")
        outcomes = self.outcomes()
        diff = b[outcomes] - a[outcomes]
        diff.insert(0, "seed", a["seed"])
        return diff

    def table(
        self, outcomes: Sequence[str] | None = None, confidence: float = 0.95
    ) -> pd.DataFrame:
        """The comparison table: one row per outcome.

        Columns: ``outcome, mean_a, mean_b, mean_diff`` (B - A), ``ci_low, ci_high`` (the paired
        t-interval of the mean difference at ``confidence``), ``sd_diff`` (SD of the
        per-replicate differences), ``n`` (replicates with a finite value in both A and B; the
        means are over these pairs), ``p_value`` (paired t-test of a zero mean difference),
        ``rel_diff_pct, rel_ci_low_pct, rel_ci_high_pct`` (the difference and its CI as % of
        ``|mean_a|``; NaN when ``mean_a`` is 0) and ``std_diff, std_ci_low, std_ci_high`` (the
        difference and its CI in units of the pooled between-replicate SD,
        sqrt((var_a + var_b) / 2), like Cohen's d; NaN when that SD is 0).

        With fewer than two pairs (e.g. ``replicates == 1``) no interval can be estimated and
        ``sd_diff``, ``ci_low``, ``ci_high``, ``p_value`` and the ``std_*`` columns are NaN.
        When every difference is exactly 0 (identical rules), the CI is [0, 0] and ``p_value``
        is NaN.
        """
        a, b = self.side("a"), self.side("b")
        rows = []
        for outcome in outcomes or self.outcomes():
            rows.append(_paired_row(outcome, a[outcome].to_numpy(float),
                                    b[outcome].to_numpy(float), confidence))
        return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))


def _paired_row(outcome: str, a: np.ndarray, b: np.ndarray, confidence: float) -> dict:
    ok = np.isfinite(a) & np.isfinite(b)
    a, b = a[ok], b[ok]
    n = int(ok.sum())
    nan = float("nan")
    row = dict.fromkeys(TABLE_COLUMNS, nan)
    row.update(outcome=outcome, n=n)
    if n == 0:
        return row
    diff = b - a
    mean_a, mean_b, mean_diff = float(a.mean()), float(b.mean()), float(diff.mean())
    row.update(mean_a=mean_a, mean_b=mean_b, mean_diff=mean_diff)
    if n >= 2:
        sd = float(diff.std(ddof=1))
        half = float(stats.t.ppf(0.5 + confidence / 2, n - 1)) * sd / math.sqrt(n)
        row.update(sd_diff=sd, ci_low=mean_diff - half, ci_high=mean_diff + half)
        if sd > 0:
            row["p_value"] = float(2 * stats.t.sf(abs(mean_diff) / (sd / math.sqrt(n)), n - 1))
        pooled = math.sqrt((a.var(ddof=1) + b.var(ddof=1)) / 2)
        if pooled > 0:
            row.update(std_diff=mean_diff / pooled, std_ci_low=row["ci_low"] / pooled,
                       std_ci_high=row["ci_high"] / pooled)
    if mean_a != 0:
        scale = 100 / abs(mean_a)
        row.update(rel_diff_pct=mean_diff * scale, rel_ci_low_pct=row["ci_low"] * scale,
                   rel_ci_high_pct=row["ci_high"] * scale)
    return row


def compare(
    a: Scenario,
    b: Scenario,
    replicates: int = 5,
    seed: int | None = None,
    steps: int | None = None,
    progress: Callable[[int], None] | None = None,
    workers: int = 1,
    labels: tuple[str, str] | None = None,
) -> Comparison:
    """Run A and B ``replicates`` times each on common random numbers and pair the results.

    ``seed`` is the base seed (default: A's scenario seed); replicate seeds come from
    :func:`replicate_seeds`. ``steps`` overrides both horizons (default: the scenarios' own
    horizon, which must then be the same in A and B). ``progress(n_days)`` is called as days
    are simulated: after every day with ``workers == 1``, after every finished run otherwise.
    ``labels`` name the two policies in tables and plots (default: the scenario names, marked
    ``[A]``/``[B]`` if they are equal).
    """
    if not isinstance(replicates, int | np.integer) or replicates < 1:
        raise InputError("compare", "replicates", replicates, "a whole number >= 1")
    if not isinstance(workers, int | np.integer) or workers < 1:
        raise InputError("compare", "workers", workers, "a whole number >= 1")
    if steps is None and a.horizon_days != b.horizon_days:
        raise InputError(
            "compare", "horizon_days", f"{a.horizon_days} (A) vs {b.horizon_days} (B)",
            "the same horizon in both scenarios, or give steps",
        )
    a, b = with_horizon(a, steps), with_horizon(b, steps)
    steps = a.horizon_days
    seed = a.seed if seed is None else int(seed)
    seeds = replicate_seeds(seed, int(replicates))
    if labels is None:
        labels = (a.name, b.name)
        if labels[0] == labels[1]:
            labels = (f"{a.name} [A]", f"{b.name} [B]")
    label_a, label_b = labels
    if label_a == label_b:
        raise InputError("compare", "labels", labels, "two different names")

    tasks = [(side, r, scen, s) for side, scen in (("a", a), ("b", b)) for r, s in enumerate(seeds)]
    results: dict[tuple[str, int], tuple[dict, pd.DataFrame]] = {}
    if workers == 1 or len(tasks) == 1:
        for side, r, scen, s in tasks:
            results[side, r] = _run_one(scen, s, progress)
    else:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(int(workers), len(tasks)),
                                 mp_context=context) as pool:
            futures = [pool.submit(_run_task, task) for task in tasks]
            for future in as_completed(futures):
                side, r, summary, timeseries = future.result()
                results[side, r] = (summary, timeseries)
                if progress is not None:
                    progress(steps)

    summary_rows, frames = [], []
    for side, label in (("a", label_a), ("b", label_b)):
        for r, s in enumerate(seeds):
            summary, timeseries = results[side, r]
            summary_rows.append({"policy": label, "replicate": r, "seed": s, **summary})
            frame = timeseries.copy()
            frame.insert(0, "seed", s)
            frame.insert(0, "replicate", r)
            frame.insert(0, "policy", label)
            frames.append(frame)
    summaries = pd.DataFrame(summary_rows)
    timeseries = pd.concat(frames, ignore_index=True)
    return Comparison(
        a=a, b=b, label_a=label_a, label_b=label_b, seed=seed, seeds=seeds, steps=steps,
        summaries=summaries, timeseries=timeseries,
        provenance={
            "a": provenance(a, seed, steps), "b": provenance(b, seed, steps),
            "base_seed": seed, "replicate_seeds": seeds, "replicates": len(seeds),
            "seed_rule": "numpy.random.SeedSequence(base_seed).generate_state(replicates)",
        },
    )
