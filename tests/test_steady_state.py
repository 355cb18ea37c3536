"""Ten-year steady state of both presets on the kabupaten (issue 11 item 4).

Each shipped preset scenario (``conventional``, ``results_oriented``) runs ten years on its
kabupaten at two seeds. Over the last three years (years 8-10) the yearly means, averaged over
the two seeds, must settle (one seed's three-year slope is noisy: the results-oriented corrupt
share's drifted -0.40, -0.31, -0.06, -0.06, -0.04 and +0.08 points a year at seeds 14, 11, 13,
16, 15 and 12, about as wide as the tolerance; the average of seeds 11 and 12 is -0.12):

- backlog: within ``BACKLOG_DRIFT`` (3 % of its level) a year;
- headcount: within ``HEADCOUNT_DRIFT`` (2 %) a year, except where it drifts for a stated,
  sourced reason: conventional by incremental budgeting's Parkinson growth of 5-7 %/yr
  (Parkinson 1955), checked between 4 and 8 %/yr; results-oriented by following its workload,
  which its innovations keep cutting (work per case falls about 2 %/yr over the ten years, with
  diminishing returns toward ``innovation.work_floor``; the workload analysis revises the time
  norm with it). The test checks that this is the channel: with innovations' gain at 0
  (``innovation.mean_gain = 0``) results-oriented headcount settles;
- corrupt-staff share: within ``CORRUPTION_DRIFT`` (0.25 percentage points) a year, except
  conventional, which drifts for a stated, sourced reason: its Parkinson growth comes through
  honorary staff (*honorer*, budget submodel) paid ``budget.honorer_pay_share`` (0.4) of a civil
  servant's entry pay, whom the same bribe tempts more (the gain is weighed in months of one's
  own pay, Becker 1968; lower relative pay, more corruption: Van Rijckeghem & Weder 2001,
  J. Development Economics 65(2)), and corrupt peers lower the moral cost of the rest (Hammond
  2000). The test checks that the drift is upward and that it is that channel: with honorer
  paid like civil servants (``honorer_pay_share = 1``, growth unchanged) the share settles.

Measured on this model (seeds 11-16): results-oriented headcount -2.6, -2.0, -1.2, -1.5, -2.1
and -1.3 %/yr in years 8-10 (at seed 11 its mean work multiplier fell from 0.99 to 0.82 over
the ten years), and +0.2 to +0.9 %/yr with innovations that cut no work; conventional corrupt
share +0.9 to +1.2 points/yr, -0.14 to +0.11 with honorer paid like civil servants. Which seed drifts how fast is the luck of its pilots (a working pilot is a
draw), so the headcount of the shipped preset is not held to the 2 % band; its channel is.
Two mechanisms settle the rest: performance budgeting sets posts by workload analysis with a
time norm measured once (staff growing more skilled do not shrink it) and cuts no posts while
they exceed the need by at most ``budget.performance_deadband``; the corrupt choice is staked
per case at the unit's normal caseload (Shleifer & Vishny 1993), so spreading the same cases
over more or fewer staff does not move it. A ten-year kabupaten run takes 15-30 s: the module
is marked slow.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from birosim.core import BureaucracyModel
from birosim.core.scenario import load_scenario

pytestmark = pytest.mark.slow

YEARS = 10
LAST_YEARS = 3
SEEDS = (11, 12)
DAYS_PER_YEAR = 250
BACKLOG_DRIFT = 0.03  # share of the level per year
HEADCOUNT_DRIFT = 0.02
CORRUPTION_DRIFT = 0.0025  # share points per year
PARKINSON_RANGE = (0.04, 0.08)  # 5-7 %/yr (Parkinson 1955), one point either side for noise
PRESETS = ("conventional", "results_oriented")


def yearly_means(preset: str, seed: int, levers: dict | None = None) -> pd.DataFrame:
    """Yearly means of headcount, backlog and corrupt share of a ten-year run."""
    scenario = load_scenario(preset, levers).model_copy(update={"horizon_days": DAYS_PER_YEAR * YEARS})
    model = BureaucracyModel(scenario, seed=seed, unit_series=False)
    model.run()
    series = model.timeseries()
    return series.groupby(series["day"] // DAYS_PER_YEAR)[
        ["headcount", "backlog", "corrupt_staff_share"]].mean()


@pytest.fixture(scope="module")
def yearly():
    """{(preset, seed): yearly means}, plus ("honorer_paid_as_civil", seed) for conventional
    with honorer paid like civil servants and ("no_innovation_gain", seed) for
    results-oriented with innovations that cut no work."""
    results = {(preset, seed): yearly_means(preset, seed) for preset in PRESETS for seed in SEEDS}
    for seed in SEEDS:
        results["honorer_paid_as_civil", seed] = yearly_means(
            "conventional", seed, {"budget.honorer_pay_share": 1.0})
        results["no_innovation_gain", seed] = yearly_means(
            "results_oriented", seed, {"innovation.mean_gain": 0.0})
    return results


def drift(values) -> float:
    """Least-squares slope per year over the last years."""
    tail = np.asarray(values)[-LAST_YEARS:]
    return float(np.polyfit(np.arange(len(tail)), tail, 1)[0])


def over_seeds(yearly, run: str, column: str) -> tuple[pd.Series, list[float]]:
    """The run's yearly means of ``column`` averaged over the seeds, and each seed's drift (for
    the message): the steady state is the model's, not one seed's."""
    frames = [yearly[run, seed][column] for seed in SEEDS]
    return sum(frames) / len(frames), [round(drift(f), 5) for f in frames]


@pytest.mark.parametrize("preset", PRESETS)
def test_backlog_settles(yearly, preset):
    backlog, per_seed = over_seeds(yearly, preset, "backlog")
    assert abs(drift(backlog)) <= BACKLOG_DRIFT * backlog.iloc[-1], (per_seed, backlog.tolist())


def test_conventional_headcount_grows_at_parkinson_rate(yearly):
    headcount, per_seed = over_seeds(yearly, "conventional", "headcount")
    rate = drift(headcount) / headcount.iloc[-LAST_YEARS]
    assert PARKINSON_RANGE[0] <= rate <= PARKINSON_RANGE[1], (rate, per_seed, headcount.tolist())


def test_results_oriented_headcount_drifts_only_with_its_workload(yearly):
    shipped, per_seed = over_seeds(yearly, "results_oriented", "headcount")
    assert drift(shipped) <= 0, (per_seed, shipped.tolist())  # innovations only cut work
    without, per_seed = over_seeds(yearly, "no_innovation_gain", "headcount")
    rate = drift(without) / without.iloc[-1]
    assert abs(rate) <= HEADCOUNT_DRIFT, (rate, per_seed, without.tolist())


def test_results_oriented_corruption_settles(yearly):
    share, per_seed = over_seeds(yearly, "results_oriented", "corrupt_staff_share")
    assert abs(drift(share)) <= CORRUPTION_DRIFT, (per_seed, share.tolist())


def test_conventional_corruption_drifts_only_through_honorer_pay(yearly):
    shipped, per_seed = over_seeds(yearly, "conventional", "corrupt_staff_share")
    assert drift(shipped) > CORRUPTION_DRIFT, (per_seed, shipped.tolist())
    paid_as_civil, per_seed = over_seeds(yearly, "honorer_paid_as_civil", "corrupt_staff_share")
    assert abs(drift(paid_as_civil)) <= CORRUPTION_DRIFT, (per_seed, paid_as_civil.tolist())
