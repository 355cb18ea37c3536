"""Field evidence: Parkinson's growth of officials whatever the work (Parkinson 1955).

Source: Parkinson (1955), "Parkinson's Law", The Economist, 19 November 1955. Officials
multiply subordinates, not rivals, and make work for each other, so an establishment grows by
5-7 % a year (simple rate) whatever the work: Admiralty officials +78 % in 1914-28 (5.6 %/yr)
while capital ships fell by 68 %; the Colonial Office 5.24 %/yr (1935-39) and 6.55 %/yr
(1947-54). Parkinson's own formula gives 5.17-6.56 %/yr.

Set-up, in the real :class:`BureaucracyModel`: an organisation of six equal units (20 staff,
two sign-off layers, utilisation about 0.75) under the conventional preset (incremental
budgeting, formasi, honorer and the personnel-spending cap at the registry's values), with flat
demand (no seasonality). Nothing sets a growth rate: establishments grow by what officials
request and what the yearly round grants. Arms, on common seeds: flat demand, and demand
falling by 5 % a year from year 2 (one ``demand`` shock a year to the end of the run,
compounding: about -35 % over the run, as the Admiralty's work fell). Growth is the simple
yearly rate of headcount from day 0 to one day past the last yearly round.

Criteria (written before running): growth with flat demand is 5 to 7 %/yr (Parkinson's band);
growth with the work falling differs from it by at most 1.5 points a year ("whatever the
work").
"""

from __future__ import annotations

from pathlib import Path

from ...core import BureaucracyModel
from . import _common as common
from . import _evidence as evidence

NAME = "parkinson1955"
TITLE = "Parkinson's law from officials' requests: growth whatever the work (Parkinson 1955)"
SOURCE = ("Parkinson (1955), The Economist 19 Nov 1955: Admiralty +5.6 %/yr 1914-28 as capital "
          "ships fell 68 %; Colonial Office 5.24 and 6.55 %/yr")
FULL = {"years": 10, "replicates": 6}
QUICK = {"years": 6, "replicates": 2}
HOURS_PER_STAFF_DAY = 3.96  # productive casework hours a staff member gives a day
UNIT_STAFF, WORK_HOURS, UNITS = 20, 2.0, 6
UNIT = {"staff": UNIT_STAFF, "daily_demand": round(0.75 * HOURS_PER_STAFF_DAY * UNIT_STAFF
                                                   / WORK_HOURS, 2),
        "approval_layers": 2, "work_hours_per_case": WORK_HOURS, "goal_clarity": 0.4}
FALLING_FACTOR = 0.95
CRITERIA = (
    evidence.Criterion(
        key="flat_growth_pct_per_year", label_en="Growth, flat demand",
        label_id="Pertumbuhan, permintaan datar", unit="% a year (simple)", published=5.6,
        published_text="5.24-6.55 %/yr (Admiralty 5.6)", band=(5.0, 7.0), sign=1,
        published_low=5.24, published_high=6.55, why="Parkinson's band"),
    evidence.Criterion(
        key="falling_minus_flat_pct", label_en="Work falling 5 %/yr - flat",
        label_id="Pekerjaan turun 5 %/th - datar", unit="points a year", published=0.0,
        published_text="the same growth as ships fell 68 %", band=(-1.5, 1.5), sign=0,
        why="within 1.5 points a year: growth whatever the work"),
)


def falling_demand(years: int, horizon: int) -> list[dict]:
    """One demand shock a year from year 2 to the end of the run, compounding."""
    return [{"kind": "demand", "start_day": year * 250, "duration_days": horizon - year * 250,
             "magnitude": FALLING_FACTOR} for year in range(1, years)]


def growth(model: BureaucracyModel) -> dict[str, float]:
    summary = model.summary()
    return {"growth_pct_per_year": 100 * summary["headcount_growth_simple_per_year"],
            "headcount": summary["headcount"], "arrivals": summary["arrivals"]}


def run(quick: bool, out_dir: Path, seed: int) -> common.PatternResult:
    cfg = QUICK if quick else FULL
    out_dir = Path(out_dir)
    org = common.write_org(out_dir / "parkinson1955_units.csv",
                           [common.unit_row(unit_id=f"K{k}", **UNIT) for k in range(UNITS)])
    years = cfg["years"]
    horizon = years * 250 + 1  # one day past the last yearly round
    flat = {"service.seasonality": 0.0}
    arms = {"flat": common.scenario(org, horizon=horizon, levers=flat, name="parkinson_flat"),
            "falling": common.scenario(org, horizon=horizon, levers=flat,
                                       shocks=falling_demand(years, horizon),
                                       name="parkinson_falling")}
    runs = evidence.run_arms(arms, evidence.seeds_for(seed, cfg["replicates"]), growth,
                             unit_series=False)
    flat_growth = tuple(runs.loc[runs["arm"] == "flat", "growth_pct_per_year"])
    estimates = [
        evidence.Estimate(CRITERIA[0], flat_growth),
        evidence.Estimate(CRITERIA[1], evidence.paired(runs, "growth_pct_per_year", "falling",
                                                       "flat")),
    ]
    means = runs.groupby("arm")["growth_pct_per_year"].mean()
    panel = evidence.detail(
        "points", [0, 1],
        {"model": {"y": [means["flat"], means["falling"]], "label_en": "model, mean of replicates",
                   "label_id": "model, rata-rata ulangan"}},
        xlabel=("demand", "permintaan"),
        categories=[("flat", "datar"), ("falling 5 % a year", "turun 5 % per tahun")],
        ylabel=("headcount growth (% a year, simple)", "pertumbuhan pegawai (% per tahun)"),
        title=("Growth whatever the work", "Tumbuh apa pun pekerjaannya"),
        reference={"y": 5.6, "label_en": "Admiralty 1914-28: 5.6 %/yr",
                   "label_id": "Admiralty 1914-28: 5,6 %/th"})
    setup = (f"{UNITS} units x {UNIT_STAFF} staff, conventional preset, {years} years, "
             f"{cfg['replicates']} replicates on common seeds")
    note = ("Growth comes from officials' requests for subordinates and the yearly round's "
            "grants (formasi, the 30 % personnel cap, honorer), not from a growth lever.")
    return evidence.finish(NAME, title=TITLE, source=SOURCE, setup=setup, estimates=estimates,
                           note=note, out_dir=out_dir, detail_panel=panel, runs=runs)
