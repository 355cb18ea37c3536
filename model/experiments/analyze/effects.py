"""Outcomes over all runs, and paired policy effects: every run of a policy minus the
baseline's run with the same sample and seed (common random numbers); mean, t-based confidence
interval, relative effect, p-value (:func:`birosim.experiments.effects.paired_effect`, as in
``birosim compare``), over all pairs and (with replicates) per sample."""

from __future__ import annotations

import pandas as pd

from ..effects import paired_effect


def outcome_summary(runs: pd.DataFrame, outcomes: list[str]) -> pd.DataFrame:
    """Per policy and outcome, over all runs: n, mean, sd and the 5/50/95 % quantiles."""
    rows = []
    for policy, group in runs.groupby("policy", sort=False):
        for name in outcomes:
            v = group[name].dropna()
            rows.append({"policy": policy, "outcome": name, "n": len(v), "mean": v.mean(),
                         "sd": v.std(), "p5": v.quantile(0.05), "p50": v.median(),
                         "p95": v.quantile(0.95)})
    return pd.DataFrame(rows)


def paired_effects(runs: pd.DataFrame, outcomes: list[str], policies: list[str],
                   baseline: str, conf_level: float = 0.95,
                   by: str | None = None) -> pd.DataFrame:
    """Each policy minus ``baseline`` on common random numbers, per outcome (and per ``by``)."""
    rows = []
    keys = ["sample", "replicate"]
    base_runs = runs.loc[runs["policy"] == baseline, keys + outcomes].set_index(keys)
    for policy in policies:
        if policy == baseline:
            continue
        pol_runs = runs.loc[runs["policy"] == policy, keys + outcomes].set_index(keys)
        joined = pol_runs.merge(base_runs, how="inner", left_index=True, right_index=True,
                                suffixes=("__p", "__b")).reset_index()
        groups = joined.groupby(by) if by else [(None, joined)]
        for key, group in groups:
            for outcome in outcomes:
                pol, base = group[f"{outcome}__p"], group[f"{outcome}__b"]
                row = {"policy": policy, "baseline": baseline, "outcome": outcome}
                if by:
                    row[by] = key
                effect = paired_effect(base, pol, conf_level)
                rows.append({**row, "n_pairs": effect["n"], "mean_baseline": effect["mean_baseline"],
                             "mean_policy": effect["mean_option"], "effect": effect["difference"],
                             "ci_low": effect["ci_low"], "ci_high": effect["ci_high"],
                             "sd": effect["sd"], "relative_effect": effect["relative_difference"],
                             "p_value": effect["p_value"]})
    return pd.DataFrame(rows)
