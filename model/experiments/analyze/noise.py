"""When sensitivity indices are noise: checks that add a ``warning`` column to the Sobol and
Morris tables and notes to the report.

- *Interval wider than the index*: the bootstrap half-width (``S1_conf``, ``ST_conf``,
  ``mu_star_conf``) exceeds the index, so even its sign or order is not known. Indices whose
  interval is itself negligible (below :data:`NEGLIGIBLE_SHARE` of the variance for Sobol, of the
  largest mu* of the outcome for Morris) are precise zeros, not noise, and are not flagged.
- *Outside its range*: a Sobol index is a share of variance, so S1 or ST below 0 or above 1 by
  more than its interval means the base sample is too small.
- *Not converged* (Sobol): the indices recomputed on the first half of the base samples differ
  from those on all of them by more than :data:`CONVERGENCE_TOLERANCE`.
- *Cannot act within the horizon*: a factor whose whole sampled range is "off" for the sweep's
  horizon (:data:`HORIZON_RULES`), and generically a Morris factor with mu* = 0 and sigma = 0
  (no trajectory moved the outcome).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ..spec import Factor

#: Sobol indices (shares of variance) whose interval is narrower than this are precise enough
#: to call small; assumption (a twentieth of the variance)
NEGLIGIBLE_SHARE = 0.05
#: largest change of S1 or ST between N/2 and N base samples still called converged; assumption
CONVERGENCE_TOLERANCE = 0.05

#: Day-valued registry entries that act only from a day inside the horizon, and what a value at
#: or beyond the horizon means. A factor is "off" when the lowest value of its range reaches it.
HORIZON_RULES: dict[str, str] = {
    "reform.start_day": "the reform never starts",
    "reform.scale_up_day": "the reform never scales up beyond its pilot",
    "flexibility.reallocation_interval_days": "staff are never reallocated",
}


def _shock_start(name: str) -> bool:
    parts = name.split(".")
    return len(parts) == 3 and parts[0] == "shocks" and parts[2] == "start_day"


def horizon_notes(factors: list[Factor], horizon_days: int | None) -> dict[str, str]:
    """Per factor that cannot act within ``horizon_days``: why (from :data:`HORIZON_RULES`, and
    any shock's ``start_day``)."""
    notes: dict[str, str] = {}
    if horizon_days is None:
        return notes
    for factor in factors:
        meaning = HORIZON_RULES.get(factor.name) or (
            "the shock never happens" if _shock_start(factor.name) else None)
        if meaning is None:
            continue
        values = factor.range if factor.range is not None else factor.values
        numbers = [v for v in values or () if isinstance(v, int | float)]
        if numbers and min(numbers) >= horizon_days:
            notes[factor.name] = (f"cannot act within the {horizon_days}-day horizon: every "
                                  f"sampled value is >= {horizon_days} days, so {meaning}")
    return notes


def _join(*messages: str | None) -> str:
    return "; ".join(m for m in messages if m)


def _wide(index: pd.Series, conf: pd.Series, negligible: float | pd.Series) -> pd.Series:
    return (conf > index.abs()) & (conf > negligible)


def sobol_warnings(frame: pd.DataFrame, horizon: dict[str, str]) -> pd.Series:
    """A ``warning`` text per row of a Sobol table (empty when the indices look sound); the
    ``change_at_half`` column (see :func:`sobol_convergence`) must be present."""
    checks: list[tuple[pd.Series, str]] = []
    for name in ("S1", "ST"):
        index, conf = frame[name], frame[f"{name}_conf"]
        checks.append((_wide(index, conf, NEGLIGIBLE_SHARE), f"{name} interval wider than {name}"))
        outside = (index + conf < 0) | (index - conf > 1)
        checks.append((outside, f"{name} outside [0, 1] beyond its interval"))
    checks.append((frame["change_at_half"] > CONVERGENCE_TOLERANCE,
                   f"not converged (change > {CONVERGENCE_TOLERANCE} from N/2 to N)"))
    return _warning_column(frame, checks, horizon)


def s2_warnings(frame: pd.DataFrame, horizon: dict[str, str]) -> pd.Series:
    """A ``warning`` text per row of a second-order Sobol table."""
    wide = _wide(frame["S2"], frame["S2_conf"], NEGLIGIBLE_SHARE)
    outside = (frame["S2"] + frame["S2_conf"] < 0) | (frame["S2"] - frame["S2_conf"] > 1)
    return _warning_column(frame, [(wide, "S2 interval wider than S2"),
                                   (outside, "S2 outside [0, 1] beyond its interval")], horizon)


def morris_warnings(frame: pd.DataFrame, horizon: dict[str, str]) -> pd.Series:
    """A ``warning`` text per row of a Morris table (one target and outcome or many)."""
    largest = frame.groupby(["target", "outcome"])["mu_star"].transform("max")
    checks = [
        (_wide(frame["mu_star"], frame["mu_star_conf"], NEGLIGIBLE_SHARE * largest),
         "mu* interval wider than mu*"),
        ((frame["mu_star"] == 0) & (frame["sigma"] == 0),
         "no effect in any trajectory (mu* = 0, sigma = 0): the factor may not act within "
         "the horizon or on this outcome"),
    ]
    return _warning_column(frame, checks, horizon)


def _warning_column(frame: pd.DataFrame, checks: list[tuple[pd.Series, str]],
                    horizon: dict[str, str]) -> pd.Series:
    texts = [
        _join(*(text for mask, text in checks if bool(mask.iloc[i])),
              horizon.get(frame["factor"].iloc[i]))
        for i in range(len(frame))
    ]
    return pd.Series(texts, index=frame.index, dtype=object)


def sobol_convergence(analyse: Callable[[np.ndarray], pd.DataFrame], y: np.ndarray,
                      full: pd.DataFrame, n_factors: int, second_order: bool) -> pd.Series:
    """Per factor, the largest change of S1 or ST between the first N/2 base samples and all N
    (``full``, the analysis of ``y``). ``analyse(y)`` is the Sobol analysis of a Saltelli output
    vector (each base sample is a block of k + 2 rows, 2k + 2 with second order, so the first
    half of the base samples is a prefix)."""
    block = 2 * n_factors + 2 if second_order else n_factors + 2
    base = len(y) // block
    if base < 2:
        return pd.Series(np.inf, index=full.index)
    half = analyse(y[: (base // 2) * block])
    return np.maximum((full["S1"] - half["S1"]).abs(), (full["ST"] - half["ST"]).abs())


def warning_notes(tables: dict[str, pd.DataFrame], horizon: dict[str, str]) -> list[str]:
    """One line per table saying how many indices carry a warning, and the horizon notes."""
    notes = []
    for name in ("sobol", "sobol_s2", "morris"):
        frame = tables.get(name)
        if frame is None:
            continue
        flagged = frame[frame["warning"] != ""]
        if len(flagged):
            worst = (f"; largest change from N/2 to N: {frame['change_at_half'].max():.3g}"
                     if name == "sobol" else "")
            notes.append(f"warning: {len(flagged)} of {len(frame)} {name} rows may be noise "
                         f"(see the warning column){worst}")
        elif name == "sobol":
            notes.append(f"sobol: converged (largest change from N/2 to N: "
                         f"{frame['change_at_half'].max():.3g} <= {CONVERGENCE_TOLERANCE})")
    notes += [f"{factor}: {text}" for factor, text in horizon.items()]
    return notes
