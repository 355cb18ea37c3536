"""Run outcomes per unit: a run's per-unit daily series reduced to one row per unit.

Every reduction covers the days after the warm-up, like the run summary:

- ``arrivals``, ``resolved``: cases over those days (sums);
- ``lead_time_mean_days``, ``on_time_share``: per case resolved (each day's value weighted by
  the cases resolved that day, so it is the mean over the unit's cases);
- ``backlog``, ``ikm``, ``corrupt_share``, ``perf_true``, ``perf_reported``,
  ``implementation``: the mean over the days with a value;
- ``headcount``: on the last day.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.organisation import Organisation

SUMS = ("arrivals", "resolved")
PER_CASE = ("lead_time_mean_days", "on_time_share")
DAILY_MEANS = ("backlog", "ikm", "corrupt_share", "perf_true", "perf_reported", "implementation")
LAST_DAY = ("headcount",)
#: the per-unit run outcomes, in the order of ``units.csv``
UNIT_OUTCOMES = ("lead_time_mean_days", "on_time_share", "backlog", "ikm", "headcount",
                 "corrupt_share", "perf_true", "perf_reported", "implementation", "arrivals",
                 "resolved")
#: the per-unit daily series a run must record for :func:`unit_outcomes`
UNIT_SERIES = tuple(dict.fromkeys((*SUMS, *PER_CASE, *DAILY_MEANS, *LAST_DAY)))


def unit_outcomes(series: pd.DataFrame, organisation: Organisation,
                  warmup_days: int) -> pd.DataFrame:
    """One row per unit (in the organisation's order): ``unit_id, unit_name, parent_org`` and
    :data:`UNIT_OUTCOMES`, from a run's per-unit series (``day, unit_id`` and
    :data:`UNIT_SERIES`)."""
    last_day = series["day"].max()
    kept = series[series["day"] >= warmup_days]
    values = {column: kept[column].to_numpy(np.float64) for column in UNIT_SERIES}
    groups = pd.Index(organisation.unit_id).get_indexer(kept["unit_id"].astype(str))
    n = organisation.n_units

    def total(array: np.ndarray) -> np.ndarray:
        return np.bincount(groups, weights=np.where(np.isfinite(array), array, 0.0), minlength=n)

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(groups, weights=mask.astype(np.float64), minlength=n)

    with np.errstate(invalid="ignore", divide="ignore"):
        rows = {column: total(values[column]) for column in SUMS}
        resolved = values["resolved"]
        for column in PER_CASE:
            rows[column] = total(values[column] * resolved) / total(resolved)
        for column in DAILY_MEANS:
            rows[column] = total(values[column]) / count(np.isfinite(values[column]))
    last = series[series["day"] == last_day]
    at_end = pd.Series(last["headcount"].to_numpy(np.float64),
                       index=last["unit_id"].astype(str))
    rows["headcount"] = at_end.reindex(list(organisation.unit_id)).to_numpy()
    frame = pd.DataFrame({"unit_id": list(organisation.unit_id),
                          "unit_name": list(organisation.unit_name),
                          "parent_org": list(organisation.parent_org)})
    for column in UNIT_OUTCOMES:
        frame[column] = rows[column]
    return frame
