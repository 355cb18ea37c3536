"""Paired effects on common random numbers: one function for compare and analyze.

An option and its baseline run on the same seeds, pair by pair, so the per-pair differences
carry much less noise than two independent samples; the paired t-interval on them is the
confidence interval of the effect.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

#: keys of :func:`paired_effect`, in order
EFFECT_KEYS = (
    "n", "mean_baseline", "mean_option", "difference", "ci_low", "ci_high", "sd", "p_value",
    "relative_difference", "std_difference", "std_ci_low", "std_ci_high",
)


def paired_effect(baseline, option, confidence: float = 0.95) -> dict[str, float | int]:
    """The effect ``option - baseline`` of paired values (pair ``i`` ran on one seed).

    Only pairs with a finite value on both sides count (``n``); the means are over those pairs,
    so ``difference == mean_option - mean_baseline``. ``ci_low, ci_high``: the paired
    t-interval of the mean difference at ``confidence``; ``sd``: the SD of the differences;
    ``p_value``: the paired t-test of a zero mean difference (0 when every difference is the
    same non-zero number, NaN when every difference is 0, as the t statistic is then
    undefined). ``relative_difference``: the difference as a share of ``|mean_baseline|``
    (NaN when that is 0). ``std_*``: the difference and its interval in pooled between-pair
    SDs, ``sqrt((var_baseline + var_option) / 2)``, like Cohen's d (NaN when that SD is 0).
    With fewer than two pairs there is no interval and ``sd``, ``ci_*``, ``p_value`` and
    ``std_*`` are NaN.
    """
    base = np.asarray(baseline, dtype=float)
    other = np.asarray(option, dtype=float)
    ok = np.isfinite(base) & np.isfinite(other)
    base, other = base[ok], other[ok]
    n = int(ok.sum())
    effect: dict[str, float | int] = dict.fromkeys(EFFECT_KEYS, math.nan)
    effect["n"] = n
    if n == 0:
        return effect
    diff = other - base
    mean_base, mean_diff = float(base.mean()), float(diff.mean())
    effect.update(mean_baseline=mean_base, mean_option=float(other.mean()), difference=mean_diff)
    if n >= 2:
        sd = float(diff.std(ddof=1))
        se = sd / math.sqrt(n)
        half = float(stats.t.ppf(0.5 + confidence / 2, n - 1)) * se
        effect.update(sd=sd, ci_low=mean_diff - half, ci_high=mean_diff + half)
        if sd > 0:
            effect["p_value"] = float(2 * stats.t.sf(abs(mean_diff) / se, n - 1))
        elif mean_diff != 0:
            effect["p_value"] = 0.0
        pooled = math.sqrt((base.var(ddof=1) + other.var(ddof=1)) / 2)
        if pooled > 0:
            effect.update(std_difference=mean_diff / pooled,
                          std_ci_low=effect["ci_low"] / pooled,
                          std_ci_high=effect["ci_high"] / pooled)
    if mean_base != 0:
        scale = 1 / abs(mean_base)
        effect["relative_difference"] = mean_diff * scale
    return effect
