"""Pattern 5, gaming (Goodhart; Bevan & Hood 2006): reported vs true, bunching, ratchet.

Set-up: the shipped ``kabupaten`` under the conventional preset (SAKIP compliance reporting),
with the measurement turned high-powered as England's A&E four-hour target was: the whole
allowance tied to the measure (``incentive_strength`` 1) and acted on (``use_for_decisions`` 1),
a threshold target of 98 % of cases within the service standard (the A&E target's level), and a
measure the unit records itself (``gameability`` 1: the hospitals timed their own patients) and
that nobody checks closely (``noise`` 0.25), narrow (``breadth`` 0.3). Nothing sets the gap:
it is what the units' will to game (stake, integrity, cover, audits) and the reach of a
gameable measure make of each unit's true monthly result. Each unit's true and reported
performance are read once a month (unit-months after the first year). Measured:

- reported vs true performance, the gap between them (at least 8 points at this setting),
  and the share of unit-months that report the target met against the share that truly meet
  it (Bevan & Hood: 96 % reported vs 77 % in surveys);
- bunching: unit-months reporting within one point above the threshold against those within
  one point below it, for reported and for true values;
- the ratchet, on a less demanding target (90 %, which units can exceed): the same allowances
  with ``measurement.target = ratchet`` (the target is raised each year to the last reported
  result) against ``continuous`` (no ratchet). Effort (the unit's work-effort multiplier) is
  read every month; units above their target hold effort back during the year whose results
  set the next target, so mean effort is lower under the ratchet.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ...core import BureaucracyModel
from . import _common as common

NAME = "gaming"
TITLE = "Gaming: reported vs true performance, threshold bunching and the ratchet effect"
SOURCE = ("Bevan & Hood (2006) Public Administration 84(3):517-538; Goodhart (1975); "
          "Weitzman (1980) Bell J. Economics 11(1)")
#: high-powered allowances tied to an A&E-like threshold target on a self-recorded, loosely
#: checked, narrow measure, introduced into the conventional kabupaten (no other reform)
GAMING_LEVERS = {
    "measurement.intensity": 0.8, "measurement.incentive_strength": 1.0,
    "measurement.use_for_decisions": 1.0,
    "measurement.target": "threshold", "measurement.target_level": 0.98,
    "measurement.noise": 0.25, "measurement.gameability": 1.0, "measurement.breadth": 0.3,
}
#: the ratchet needs a target units can exceed (at 98 % almost none holds anything back)
RATCHET_LEVERS = {"measurement.target_level": 0.9, "measurement.noise": 0.1}
#: the smallest reported-minus-true gap (share) the threshold set-up must open: an expectation
#: of this pattern, not a published figure (bevan_hood2006 holds the model to Bevan & Hood's
#: 19 points). It was 10 points until leaders' use of the measure cut absence, which raised true
#: performance here by about a point: the full version's gap is now 9.7-9.9 points at seeds 1
#: and 2026, the quick one's 9.8-11.2 over seeds 1-5 and 2026
MIN_GAP = 0.08
FULL = {"years": 5}
QUICK = {"years": 3}
BAND = 0.01  # one percentage point either side of the threshold
MONTH = 250 / 12


def _monthly_units(model: BureaucracyModel, start_day: int) -> pd.DataFrame:
    series = model.unit_series()
    series = series[series["day"] >= start_day].copy()
    series["month"] = (series["day"] // 250) * 12 + ((series["day"] % 250) * 12) // 250
    return series.groupby(["unit_id", "month"], as_index=False)[["perf_true", "perf_reported"]].first()


def _run_tracking_effort(scen) -> tuple[BureaucracyModel, pd.DataFrame]:
    """Run, reading each unit's effort, holdback and target on the first day of each month."""
    model = BureaucracyModel(scen, unit_series=["perf_true", "perf_reported"])
    rows = []
    last_month = -1
    while model.day < scen.horizon_days:
        model.step()
        month = ((model.day - 1) // 250) * 12 + (((model.day - 1) % 250) * 12) // 250
        if month != last_month:
            last_month = month
            state = model.unit_state
            rows.append({"month": month, "effort": float(state.effort.mean()),
                         "holdback": float(state.holdback.mean()),
                         "target": float(state.target.mean()),
                         "share_holding_back": float((state.holdback > 0).mean())})
    return model, pd.DataFrame(rows)


def run(quick: bool, out_dir: Path, seed: int) -> common.PatternResult:
    cfg = QUICK if quick else FULL
    out_dir = Path(out_dir)
    horizon = cfg["years"] * 250
    base = common.scenario("kabupaten", horizon=horizon, warmup=250, seed=seed, name="gaming",
                           levers=GAMING_LEVERS)
    target = base.levers.measurement.target_level

    threshold = common.run(base, unit_series=["perf_true", "perf_reported"])
    months = _monthly_units(threshold, 250).dropna()
    true, reported = months["perf_true"].to_numpy(), months["perf_reported"].to_numpy()

    def band_ratio(values):
        above = ((values >= target) & (values < target + BAND)).sum()
        below = ((values >= target - BAND) & (values < target)).sum()
        return float(above / max(below, 1)), int(above), int(below)

    bunch_reported, above_r, below_r = band_ratio(reported)
    bunch_true, above_t, below_t = band_ratio(true)
    met_reported = float((reported >= target).mean())
    met_true = float((true >= target).mean())

    gap = float(np.mean(reported) - np.mean(true))

    efforts, tracks = {}, {}
    for rule in ("continuous", "ratchet"):
        scen = base.with_levers({**RATCHET_LEVERS, "measurement.target": rule},
                                source=f"validation:gaming_{rule}")
        model, track = _run_tracking_effort(scen)
        track = track[track["month"] >= 12]
        tracks[rule] = track
        efforts[rule] = {"effort": float(track["effort"].mean()),
                         "perf_true": model.summary()["perf_true"]}
    ratchet = tracks["ratchet"]
    holding_back = float(ratchet["share_holding_back"].mean())

    checks = {
        "reported_exceeds_true": gap > 0 and met_reported > met_true,
        "gap_at_least_8_points": gap >= MIN_GAP,
        "bunching_above_threshold": above_r >= 2 * max(above_t, 1) and bunch_reported > 2,
        "ratchet_holds_effort_back": efforts["ratchet"]["effort"] < efforts["continuous"]["effort"],
        "units_hold_back_above_target": holding_back > 0 and ratchet["holdback"].mean() > 0,
    }
    measured = {
        "mean_reported": float(np.mean(reported)), "mean_true": float(np.mean(true)),
        "reported_minus_true": gap,
        "share_reporting_target_met": met_reported, "share_truly_meeting_target": met_true,
        "bunching_ratio_reported": bunch_reported, "bunching_ratio_true": bunch_true,
        "unit_months_just_above_reported": above_r, "unit_months_just_above_true": above_t,
        "effort_continuous": efforts["continuous"]["effort"],
        "effort_ratchet": efforts["ratchet"]["effort"],
        "perf_true_continuous": efforts["continuous"]["perf_true"],
        "perf_true_ratchet": efforts["ratchet"]["perf_true"],
        "share_unit_months_holding_back": holding_back,
        "mean_holdback": float(ratchet["holdback"].mean()),
    }
    published = {
        "bevan_hood": "A&E 4-hour target reported met 96 % vs 77 % in patient surveys",
        "bunching": "reported values bunch just inside the threshold",
        "ratchet": "units hold performance back so as not to raise next year's target",
    }
    note = (
        f"With the threshold target, {100 * met_reported:.0f} % of unit-months report the "
        f"{100 * target:.0f} % target met against {100 * met_true:.0f} % that truly meet it "
        f"(mean reported {np.mean(reported):.3f} vs true {np.mean(true):.3f}, a gap of "
        f"{100 * gap:.1f} points); "
        f"{above_r} reports lie in the point above the threshold against {below_r} below "
        f"(true values: {above_t} vs {below_t}). Under a ratchet mean effort is "
        f"{efforts['ratchet']['effort']:.3f} against {efforts['continuous']['effort']:.3f} with "
        f"the same allowances and no ratchet; {100 * holding_back:.0f} % of unit-months hold "
        "back. In the model the holding back is a rule (effort falls as the measured result "
        "rises above target, all year since the next target is the year's mean report), not a "
        "forward-looking choice, so it does not rise as the reset approaches; "
        "gaming is a unit-level propensity set by the stake (pay for results and the grade), "
        "integrity, measurement noise and audit, not an individual decision."
    )

    plot = {"true": true, "reported": reported, "target": target, "met_true": met_true,
            "met_reported": met_reported, "tracks": tracks, "ratchet": ratchet,
            "years": cfg["years"]}
    table = pd.concat([
        pd.DataFrame([{"part": "threshold", **measured}]),
        tracks["continuous"].assign(part="effort_continuous"),
        tracks["ratchet"].assign(part="effort_ratchet"),
    ], ignore_index=True)
    headline = (
        f"mean reported {100 * np.mean(reported):.0f} % vs true {100 * np.mean(true):.0f} %; "
        f"target met: reported {100 * met_reported:.0f} % vs true {100 * met_true:.0f} %; "
        f"reports 1 pt above/below target {above_r}/{below_r} (true {above_t}/{below_t}); "
        f"effort ratchet {efforts['ratchet']['effort']:.3f} "
        f"vs {efforts['continuous']['effort']:.3f}",
        "reported 96 % vs true 77 % (A&E); bunching at target; ratchet holds back",
    )
    return common.finish(NAME, title=TITLE, source=SOURCE, checks=checks, measured=measured,
                         published=published, note=note, table=table, plot=plot, out_dir=out_dir,
                         headline=headline)
