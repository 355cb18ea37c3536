"""Outcomes over all runs, and paired policy effects: every run of a policy minus the
baseline's run with the same sample and seed (common random numbers); mean, t-based confidence
interval, relative effect, p-value, over all pairs and (with replicates) per sample."""

from __future__ import annotations

import math

import pandas as pd
from scipy import stats


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


def _effect_row(diffs: pd.Series, base: pd.Series, pol: pd.Series, conf_level: float) -> dict:
    d = diffs.dropna().to_numpy(dtype=float)
    n = len(d)
    mean = float(d.mean()) if n else math.nan
    sd = float(d.std(ddof=1)) if n > 1 else math.nan
    se = sd / math.sqrt(n) if n > 1 else math.nan
    half = float(stats.t.ppf(0.5 + conf_level / 2, n - 1)) * se if n > 1 else math.nan
    base_mean = float(base.mean())
    if n > 1 and sd > 0:
        p_value = float(2 * stats.t.sf(abs(mean / se), n - 1))
    elif n > 1:
        p_value = 0.0 if mean != 0 else 1.0
    else:
        p_value = math.nan
    return {
        "n_pairs": n, "mean_baseline": base_mean, "mean_policy": float(pol.mean()),
        "effect": mean, "ci_low": mean - half, "ci_high": mean + half, "sd": sd,
        "relative_effect": mean / abs(base_mean) if base_mean else math.nan,
        "p_value": p_value,
    }


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
                rows.append({**row, **_effect_row(pol - base, base, pol, conf_level)})
    return pd.DataFrame(rows)
