"""Sensitivity (SALib, on the stored design matrix): Sobol S1 and ST with confidence intervals
(and S2 when the design has second order) for a Sobol design; Morris mu, mu* (with confidence
interval) and sigma for a Morris design. One analysis per policy and outcome, on the mean over
replicates of each sample; with several policies also of each policy's paired effect (policy
minus baseline), i.e. what drives the effect of the reform. Every row carries a ``warning``
when its index may be noise (``noise``); Sobol rows also ``change_at_half``, the convergence
check."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd

from .data import SweepData, baseline_policy, paired_diffs, sample_means
from .noise import (
    horizon_notes,
    morris_warnings,
    s2_warnings,
    sobol_convergence,
    sobol_warnings,
    warning_notes,
)


def sensitivity_targets(data: SweepData) -> dict[str, pd.DataFrame]:
    """Per target (a policy, or ``policy-baseline`` for its paired effect): per-sample means."""
    targets = {}
    for policy in data.policies:
        targets[policy] = sample_means(data.runs[data.runs["policy"] == policy], data.outcomes)
    baseline = baseline_policy(data)
    if baseline is not None:
        for policy in data.policies:
            if policy != baseline:
                diffs = paired_diffs(data.runs, policy, baseline, data.outcomes)
                targets[f"{policy}-{baseline}"] = sample_means(diffs, data.outcomes)
    return targets


def sobol_indices(problem: dict[str, Any], y: np.ndarray, *, second_order: bool = False,
                  conf_level: float = 0.95, resamples: int = 1000,
                  seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """SALib Sobol analysis: per factor S1, S1_conf, ST, ST_conf (and the S2 table)."""
    from SALib.analyze import sobol

    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        res = sobol.analyze(problem, np.asarray(y, dtype=float), calc_second_order=second_order,
                            num_resamples=resamples, conf_level=conf_level, seed=seed)
    first = pd.DataFrame({
        "factor": problem["names"], "S1": res["S1"], "S1_conf": res["S1_conf"],
        "ST": res["ST"], "ST_conf": res["ST_conf"],
    })
    pairs = None
    if second_order:
        names = problem["names"]
        rows = [
            {"factor": names[i], "factor_2": names[j], "S2": res["S2"][i, j],
             "S2_conf": res["S2_conf"][i, j]}
            for i in range(len(names)) for j in range(i + 1, len(names))
        ]
        pairs = pd.DataFrame(rows)
    return first, pairs


def morris_indices(problem: dict[str, Any], x: np.ndarray, y: np.ndarray, *, levels: int = 4,
                   conf_level: float = 0.95, resamples: int = 1000, seed: int = 0) -> pd.DataFrame:
    """SALib Morris analysis: per factor mu, mu_star, mu_star_conf, sigma."""
    from SALib.analyze import morris

    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        res = morris.analyze(problem, np.asarray(x, dtype=float), np.asarray(y, dtype=float),
                             num_resamples=resamples, conf_level=conf_level, num_levels=levels,
                             seed=seed)
    return pd.DataFrame({
        "factor": problem["names"], "mu": res["mu"], "mu_star": res["mu_star"],
        "mu_star_conf": res["mu_star_conf"], "sigma": res["sigma"],
    })


def sensitivity(data: SweepData, seed: int = 0) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Sobol or Morris indices for every target and outcome, as long tables, plus notes."""
    method = data.spec.design.method
    tables: dict[str, pd.DataFrame] = {}
    notes: list[str] = []
    if method not in ("sobol", "morris"):
        return tables, notes
    analysis = data.spec.analysis
    roles = {f.name: f.role for f in data.factors}
    n = len(data.design)
    x = data.design[[f.name for f in data.factors]].to_numpy(dtype=float)
    first_rows, second_rows, morris_rows = [], [], []
    second_order = data.spec.design.second_order

    def analyse(values: np.ndarray) -> pd.DataFrame:
        """First and total indices of one output vector (for the convergence check)."""
        return sobol_indices(data.problem, values, second_order=second_order,
                             conf_level=analysis.conf_level, resamples=analysis.resamples,
                             seed=seed)[0]

    for target, means in sensitivity_targets(data).items():
        means = means.reindex(range(n))
        for outcome in data.outcomes:
            y = means[outcome].to_numpy(dtype=float)
            missing = int(np.isnan(y).sum())
            if missing:
                notes.append(f"{method} {target} {outcome}: {missing} of {n} samples have no "
                             "finished run (or a NaN outcome); indices left out")
                continue
            tag = {"target": target, "outcome": outcome}
            if method == "sobol":
                first, pairs = sobol_indices(
                    data.problem, y, second_order=second_order,
                    conf_level=analysis.conf_level, resamples=analysis.resamples, seed=seed)
                change = sobol_convergence(analyse, y, first, len(data.factors), second_order)
                first_rows.append(first.assign(change_at_half=change.to_numpy(), **tag))
                if pairs is not None:
                    second_rows.append(pairs.assign(**tag))
            else:
                morris_rows.append(morris_indices(
                    data.problem, x, y, levels=data.spec.design.levels,
                    conf_level=analysis.conf_level, resamples=analysis.resamples, seed=seed,
                ).assign(**tag))
    for name, rows in (("sobol", first_rows), ("sobol_s2", second_rows), ("morris", morris_rows)):
        if rows:
            frame = pd.concat(rows, ignore_index=True)
            frame["role"] = frame["factor"].map(roles).fillna("")
            lead = ["target", "outcome", "factor", "role"]
            frame = frame[lead + [c for c in frame.columns if c not in lead]]
            tables[name] = frame
    horizon = horizon_notes(data.factors, data.manifest.get("design", {}).get("horizon_days"))
    for name, check in (("sobol", sobol_warnings), ("sobol_s2", s2_warnings),
                        ("morris", morris_warnings)):
        if name in tables:
            tables[name]["warning"] = check(tables[name], horizon)
    return tables, notes + warning_notes(tables, horizon)
