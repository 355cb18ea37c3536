"""Pattern 2, Parkinson's law: incremental budgeting grows headcount whatever the workload.

The growth is not a parameter: it is what officials' requests (two subordinates per
overworked official, once per post and more often as coordination work rises) and the yearly
grants (national formasi, the 30 % personnel cap, honorer hired by the units) produce
(``birosim.core.submodels.budget``). A third run closes both channels (formasi 0, honorer
ban enforced): the growth must stop.

Set-up: a synthetic organisation of equal units (40 staff, three sign-off layers, utilisation
about 0.75) in six groups whose demand changes by a fixed factor every year from year 2 on
(yearly factors 0.95 to 1.075: over the run the workload falls by a third in one group and
nearly doubles in another; one group is flat). Demand changes are ``demand`` shocks, one per
group and year, each lasting to the end of the run. The same organisation runs under the
conventional preset with ``budget.mode = incremental`` and with ``budget.mode = performance``
(nothing else changed), and with incremental budgeting under a formasi freeze with the honorer
ban enforced. Each unit's headcount is compared at day 0 and just after the last yearly budget
round; its workload is its arrivals in the last year over those in the first.

Measured: the simple yearly headcount growth rate of the flat-demand units (as Parkinson
computed it: total growth / years) and the share of it that is honorer, and the regression slope of each unit's yearly log
headcount growth on its yearly log workload growth, for both budgeting modes. The full run
also reports the shipped ``kabupaten`` under the conventional preset with its flat demand.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from . import _common as common

NAME = "parkinson"
TITLE = "Parkinson's law: headcount growth under incremental vs performance budgeting"
SOURCE = ("Parkinson (1955) 'Parkinson's Law', The Economist 19 Nov 1955: Admiralty officials "
          "+78 % in 1914-28 as capital ships fell 68 %; Colonial Office 5.24 %/yr (1935-39), "
          "6.55 %/yr (1947-54)")
YEARLY_FACTORS = (0.95, 0.975, 1.0, 1.025, 1.05, 1.075)
UNITS_PER_GROUP = 3
UNIT_STAFF = 40
FULL = {"years": 10, "kabupaten": True}
QUICK = {"years": 8, "kabupaten": False}
PUBLISHED_RATE = (0.05, 0.07)
#: a stopped establishment: exits are refilled within a month of the round, so flat units end
#: within about one exit of their start (1 of 120 staff over 8 years is 0.1 %/yr)
STOPPED_TOLERANCE = 0.005
FREEZE = {"budget.formasi_share": 0.0, "budget.honorer_hiring": 0.0}
RUNS = {"incremental": {"budget.mode": "incremental"},
        "performance": {"budget.mode": "performance"},
        "freeze": {"budget.mode": "incremental", **FREEZE}}
SLOPE_ZERO_TOLERANCE = 0.2
SLOPE_ONE_TOLERANCE = 0.3


def _organisation(out_dir: Path) -> tuple[Path, dict[str, float]]:
    rows, factor = [], {}
    demand = round(0.75 * 3.96 * UNIT_STAFF / 2.0, 2)  # utilisation about 0.75 (README check)
    for g, f in enumerate(YEARLY_FACTORS):
        for k in range(UNITS_PER_GROUP):
            uid = f"G{g}_{k}"
            factor[uid] = f
            rows.append(common.unit_row(
                unit_id=uid, unit_name=f"Dinas {uid}", staff=UNIT_STAFF, daily_demand=demand,
                approval_layers=3, service_standard_days=5.0, work_hours_per_case=2.0,
                goal_clarity=0.4, monopoly=0.8, discretion=0.4,
            ))
    return common.write_org(out_dir / "parkinson_units.csv", rows), factor


def _shocks(factor: dict[str, float], years: int, horizon: int) -> list[dict]:
    shocks = []
    for f in sorted(set(factor.values())):
        if f == 1.0:
            continue
        units = [u for u, v in factor.items() if v == f]
        for year in range(1, years):
            start = year * 250
            shocks.append({"kind": "demand", "start_day": start, "duration_days": horizon - start,
                           "magnitude": f, "units": units})
    return shocks


def _unit_growth(model, years: int) -> pd.DataFrame:
    series = model.unit_series()
    last_day = int(series["day"].max())
    first = series[series["day"] < 250].groupby("unit_id")["arrivals"].sum()
    last = series[(series["day"] >= last_day - 250)].groupby("unit_id")["arrivals"].sum()
    start = series[series["day"] == 0].set_index("unit_id")["headcount"]
    end = series[series["day"] == last_day].set_index("unit_id")["headcount"]
    frame = pd.DataFrame({"headcount_start": start, "headcount_end": end,
                          "arrivals_first_year": first, "arrivals_last_year": last})
    frame["headcount_growth_simple"] = (frame["headcount_end"] / frame["headcount_start"] - 1) / years
    frame["headcount_growth_log"] = np.log(frame["headcount_end"] / frame["headcount_start"]) / years
    # the last year is year ``years``; the first is year 1: (years - 1) years of change
    frame["workload_growth_log"] = (
        np.log(frame["arrivals_last_year"] / frame["arrivals_first_year"]) / max(years - 1, 1)
    )
    return frame


def run(quick: bool, out_dir: Path, seed: int) -> common.PatternResult:
    cfg = QUICK if quick else FULL
    years = cfg["years"]
    horizon = years * 250 + 1  # one day past the last yearly budget round
    out_dir = Path(out_dir)
    org, factor = _organisation(out_dir)
    shocks = _shocks(factor, years, horizon)
    frames, totals, honorer = [], {}, {}
    for mode, levers in RUNS.items():
        scen = common.scenario(org, horizon=horizon, seed=seed, shocks=shocks,
                               levers=levers, name=f"parkinson_{mode}")
        model = common.run(scen, unit_series=["arrivals", "headcount"])
        frame = _unit_growth(model, years)
        frame["mode"] = mode
        frame["yearly_demand_factor"] = [factor[u] for u in frame.index]
        frames.append(frame)
        series = model.timeseries()
        totals[mode] = series["headcount"].to_numpy()
        grown = totals[mode][-1] - totals[mode][0]
        honorer[mode] = float(series["honorer_headcount"].iloc[-1] / grown) if grown > 0 else 0.0
    units = pd.concat(frames).reset_index(names="unit_id")

    fits, flat_rate = {}, {}
    for mode, group in units.groupby("mode"):
        if mode != "freeze":
            fits[mode] = stats.linregress(group["workload_growth_log"], group["headcount_growth_log"])
        flat = group[group["yearly_demand_factor"] == 1.0]
        flat_rate[mode] = float((flat["headcount_end"].sum() / flat["headcount_start"].sum() - 1) / years)

    kabupaten_rate = None
    if cfg["kabupaten"]:
        scen = common.scenario("kabupaten", horizon=horizon, seed=seed, name="parkinson_kabupaten")
        model = common.run(scen, unit_series=False)
        kabupaten_rate = model.summary()["headcount_growth_simple_per_year"]

    rows = []
    for mode in ("incremental", "performance"):
        fit = fits[mode]
        rows.append({
            "mode": mode, "flat_demand_growth_simple_per_year": flat_rate[mode],
            "honorer_share_of_growth": honorer[mode],
            "slope_headcount_on_workload": fit.slope, "slope_se": fit.stderr,
            "intercept": fit.intercept, "r2": fit.rvalue**2,
            "units": int((units["mode"] == mode).sum()),
        })
    rows.append({"mode": "incremental, formasi freeze + honorer ban",
                 "flat_demand_growth_simple_per_year": flat_rate["freeze"]})
    if kabupaten_rate is not None:
        rows.append({"mode": "incremental (kabupaten, flat demand)",
                     "flat_demand_growth_simple_per_year": kabupaten_rate})
    summary = pd.DataFrame(rows)
    table = pd.concat([summary, units], ignore_index=True)

    headline = kabupaten_rate if kabupaten_rate is not None else flat_rate["incremental"]
    checks = {
        "incremental_flat_growth_5_to_7pct": PUBLISHED_RATE[0] <= flat_rate["incremental"] <= PUBLISHED_RATE[1],
        "incremental_slope_near_0": abs(fits["incremental"].slope) <= SLOPE_ZERO_TOLERANCE,
        "performance_slope_near_1": abs(fits["performance"].slope - 1) <= SLOPE_ONE_TOLERANCE,
        "freeze_stops_growth": abs(flat_rate["freeze"]) <= STOPPED_TOLERANCE,
    }
    if kabupaten_rate is not None:
        checks["kabupaten_flat_growth_5_to_7pct"] = PUBLISHED_RATE[0] <= kabupaten_rate <= PUBLISHED_RATE[1]
    measured = {
        "incremental_growth_simple_per_year_flat_demand": flat_rate["incremental"],
        "performance_growth_simple_per_year_flat_demand": flat_rate["performance"],
        "freeze_growth_simple_per_year_flat_demand": flat_rate["freeze"],
        "honorer_share_of_incremental_growth": honorer["incremental"],
        "kabupaten_incremental_growth_simple_per_year": kabupaten_rate,
        "slope_incremental": fits["incremental"].slope,
        "slope_performance": fits["performance"].slope,
        "years": years,
    }
    published = {
        "growth_simple_per_year": "5-7 % whatever the workload (Admiralty 1914-28: +78 % in 14 "
                                  "years = 5.6 %/yr; Colonial Office 5.24 and 6.55 %/yr)",
        "slope_incremental": "about 0 (officials grew as the fleet shrank)",
        "slope_performance": "about 1 (headcount follows workload)",
        "freeze": "none: growth needs posts granted (formasi) or hired (honorer)",
    }
    note = (
        f"Incremental budgeting grows flat-demand units by {100 * flat_rate['incremental']:.1f} %/yr "
        f"(simple rate over {years} years; slope of headcount on workload growth "
        f"{fits['incremental'].slope:.2f}; {100 * honorer['incremental']:.0f} % of the growth is "
        "honorer); performance budgeting gives a slope of "
        f"{fits['performance'].slope:.2f}; a formasi freeze with the honorer ban enforced gives "
        f"{100 * flat_rate['freeze']:+.2f} %/yr. No parameter sets the rate: it is what first-layer "
        "officials' requests (two subordinates once per post, more often as coordination work "
        "grows) and the grants (formasi share, personnel cap, honorer) produce, and it rises "
        "a little over time as officials multiply. Under performance budgeting shrinking units "
        "lose staff only by attrition (civil servants are not dismissed) and keep posts up to "
        "the staffing deadband above their need, so the slope stays below 1."
    )

    t = np.arange(len(totals["incremental"])) / 250
    flat_units = units[(units["mode"] == "incremental")]
    x = np.linspace(units["workload_growth_log"].min(), units["workload_growth_log"].max(), 10)
    plot = {
        "years": t,
        "headcount": {mode: totals[mode] / totals[mode][0] for mode in totals},
        "workload": np.exp(flat_units["workload_growth_log"].mean() * np.maximum(t - 1, 0)),
        "units": units,
        "fit_x": x,
        "fits": {mode: (fits[mode].intercept, fits[mode].slope) for mode in fits},
    }
    measured["headline_growth_simple_per_year"] = headline
    summary_line = (
        f"incremental +{100 * headline:.1f} %/yr (flat demand), slope "
        f"{fits['incremental'].slope:.2f}; performance slope {fits['performance'].slope:.2f}; "
        f"freeze {100 * flat_rate['freeze']:+.1f} %/yr",
        "+5-7 %/yr whatever the workload (slope ~0); performance budgeting slope ~1",
    )
    return common.finish(NAME, title=TITLE, source=SOURCE, checks=checks, measured=measured,
                         published=published, note=note, table=table, plot=plot,
                         out_dir=out_dir, headline=summary_line)
