"""Pattern 4, corruption: Klitgaard's formula, and a tipping point with hysteresis (Hammond).

Part A, Klitgaard (1988): corruption = monopoly + discretion - accountability. One organisation
of 16 otherwise equal units on a 4 x 4 grid of monopoly (0.25-1.0) and discretion (0.15-0.6) runs
at three accountability levels (audits per year and complaint channel: low, medium, high). The
measure is each unit's share of corrupt staff over the second year. Expected: it rises with
monopoly and with discretion (positive rank correlations across units) and the organisation's
corrupt acts per 1,000 cases fall as accountability rises.

Part B, tipping point and hysteresis (Hammond 2000; Andvig & Moene 1990): four equal units with a
large opportunity (monopoly 0.9, discretion 0.6) start from a corrupt history
(``integrity.initial_corruption = 1``); corrupt colleagues shield each other from detection
(``integrity.peer_cover = 1``: detection proportional to the share of honest colleagues). The expected penalty per month of corrupt work,
detection x penalty = (audit_rate / 12 x audit_detection) x penalty_months (months of pay), is
raised in steps by setting ``integrity.penalty_months`` between holding periods of one year
(the run continues: a quasi-static sweep, as a policy-maker would raise sanctions), then lowered
again along the same steps. Measured at the end of each holding period: the share of corrupt
staff, per unit and in total. Expected: on the way up each unit stays corrupt and then collapses
within one or two steps (abrupt, not linear), and on the way down corruption returns only at a
much lower detection x penalty (hysteresis: the two branches differ). The full version repeats
the sweep with the default ``peer_cover = 0`` as a control.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from ...core import BureaucracyModel
from . import _common as common

NAME = "corruption"
TITLE = "Corruption: Klitgaard's formula and a tipping point with hysteresis"
SOURCE = ("Klitgaard (1988) Controlling Corruption; Hammond (2000) Brookings CSED WP 19; "
          "Andvig & Moene (1990) J. Econ. Behav. Organ. 13(1)")
MONOPOLY = (0.25, 0.5, 0.75, 1.0)
DISCRETION = (0.15, 0.3, 0.45, 0.6)
ACCOUNTABILITY = {  # audits per year, complaint channel
    "low": {"integrity.audit_rate": 0.25, "integrity.complaint_channel": 0.05},
    "medium": {"integrity.audit_rate": 1.0, "integrity.complaint_channel": 0.2},
    "high": {"integrity.audit_rate": 4.0, "integrity.complaint_channel": 0.6},
}
TIPPING_UNITS, TIPPING_STAFF = 4, 80
AUDIT_RATE, AUDIT_DETECTION = 4.0, 0.3  # 0.1 detections per uncovered corrupt member-month
PEER_COVER = 1.0  # detection proportional to the share of honest colleagues (Andvig & Moene)
STEADY_LEVERS = {  # a stable workforce, so that only the sweep moves the unit
    "careers.retirement_age": 70, "careers.turnover_rate": 0.0,
    "budget.formasi_share": 0.0, "budget.honorer_hiring": 0.0,
}
FULL = {"klitgaard_years": 2, "steps": 13, "hold_days": 250, "control": True}
QUICK = {"klitgaard_years": 2, "steps": 7, "hold_days": 200, "control": False}
MAX_PENALTY_MONTHS = 60.0  # the lever's maximum: detection x penalty up to 6 months of pay
ABRUPT_SHARE = 0.5  # a unit's largest one-step fall is at least half its total fall
HYSTERESIS_GAP = 0.3  # up branch minus down branch, at its widest (share of staff)


def _unit(uid: str, staff: int, monopoly: float, discretion: float) -> dict:
    return common.unit_row(
        unit_id=uid, unit_name=f"Unit {uid}", staff=staff,
        daily_demand=round(0.75 * 3.96 * staff / 3.0, 2), approval_layers=2,
        service_standard_days=5.0, work_hours_per_case=3.0, goal_clarity=0.5,
        monopoly=monopoly, discretion=discretion,
    )


def klitgaard(out_dir: Path, seed: int, years: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = [_unit(f"M{i}D{j}", 30, m, d) for i, m in enumerate(MONOPOLY)
            for j, d in enumerate(DISCRETION)]
    org = common.write_org(out_dir / "klitgaard_units.csv", rows)
    horizon = years * 250
    units, levels = [], []
    for level, levers in ACCOUNTABILITY.items():
        scen = common.scenario(org, horizon=horizon, warmup=horizon - 250, seed=seed,
                               levers={**STEADY_LEVERS, **levers}, name=f"klitgaard_{level}")
        model = common.run(scen, unit_series=["corrupt_share"])
        series = model.unit_series()
        share = series[series["day"] >= horizon - 250].groupby("unit_id")["corrupt_share"].mean()
        frame = pd.DataFrame({"unit_id": share.index, "corrupt_share": share.to_numpy()})
        frame["monopoly"] = [MONOPOLY[int(u[1])] for u in frame["unit_id"]]
        frame["discretion"] = [DISCRETION[int(u[3])] for u in frame["unit_id"]]
        frame["accountability"] = level
        units.append(frame)
        summary = model.summary()
        levels.append({"accountability": level, **levers,
                       "corrupt_acts_per_1000_cases": summary["corrupt_acts_per_1000_cases"],
                       "corrupt_staff_share": summary["corrupt_staff_share"]})
    return pd.concat(units, ignore_index=True), pd.DataFrame(levels)


def tipping(out_dir: Path, seed: int, steps: int, hold: int,
            cover: float = PEER_COVER) -> pd.DataFrame:
    rows = [_unit(f"T{k}", TIPPING_STAFF, 0.9, 0.6) for k in range(TIPPING_UNITS)]
    org = common.write_org(out_dir / "tipping_units.csv", rows)
    detection = AUDIT_RATE / 12 * AUDIT_DETECTION
    penalties = np.linspace(0, MAX_PENALTY_MONTHS, steps)
    sequence = [("up", p) for p in penalties] + [("down", p) for p in penalties[::-1]]
    scen = common.scenario(org, horizon=hold * len(sequence), seed=seed, name="tipping", levers={
        **STEADY_LEVERS, "integrity.peer_cover": cover,
        "integrity.initial_corruption": 1.0, "integrity.audit_rate": AUDIT_RATE,
        "integrity.audit_detection": AUDIT_DETECTION, "integrity.penalty_months": 0.0,
    })
    model = BureaucracyModel(scen, unit_series=False)
    out = []
    for branch, penalty in sequence:
        # the quasi-static sweep: the sanction lever is changed between holding periods
        model.levers.integrity.penalty_months = float(penalty)
        window = []
        for day in range(hold):
            model.step()
            if day >= hold // 2:
                window.append(model.unit_state.corrupt_share.copy())
        share = np.mean(window, axis=0)
        out.append({"branch": branch, "detection_x_penalty": float(penalty * detection),
                    "penalty_months": float(penalty), "corrupt_share": float(share.mean()),
                    **{f"unit_{k}": float(s) for k, s in enumerate(share)}})
    return pd.DataFrame(out)


def _abruptness(up: pd.DataFrame) -> tuple[list[float], list[float]]:
    """Per unit on the up branch: largest one-step fall / total fall, and the x where it tips."""
    shares, tips = [], []
    for k in range(TIPPING_UNITS):
        values = up[f"unit_{k}"].to_numpy()
        falls = -np.diff(values)
        total = values[0] - values.min()
        shares.append(float(falls.max() / total) if total > 0 else 0.0)
        below = np.flatnonzero(values < 0.5)
        tips.append(float(up["detection_x_penalty"].iloc[below[0]]) if len(below) else np.nan)
    return shares, tips


def run(quick: bool, out_dir: Path, seed: int) -> common.PatternResult:
    cfg = QUICK if quick else FULL
    out_dir = Path(out_dir)
    units, levels = klitgaard(out_dir, seed, cfg["klitgaard_years"])
    sweep = tipping(out_dir, seed, cfg["steps"], cfg["hold_days"])
    control = (tipping(out_dir, seed, cfg["steps"], cfg["hold_days"], cover=0.0)
               if cfg["control"] else None)
    control_gap = np.nan
    if control is not None:
        c_up = control[control["branch"] == "up"]["corrupt_share"].to_numpy()
        c_down = control[control["branch"] == "down"].sort_values("detection_x_penalty")
        control_gap = float(np.max((c_up - c_down["corrupt_share"].to_numpy())[1:]))

    rho_m = stats.spearmanr(units["monopoly"], units["corrupt_share"]).statistic
    rho_d = stats.spearmanr(units["discretion"], units["corrupt_share"]).statistic
    acts = levels["corrupt_acts_per_1000_cases"].to_numpy()
    up = sweep[sweep["branch"] == "up"].reset_index(drop=True)
    down = sweep[sweep["branch"] == "down"].sort_values("detection_x_penalty").reset_index(drop=True)
    # the gap between the branches where enforcement is on (at zero penalty both branches are
    # still drifting back toward the corrupt state when the holding period ends)
    positive = up["detection_x_penalty"].to_numpy() > 0
    gap = (up["corrupt_share"].to_numpy() - down["corrupt_share"].to_numpy())[positive]
    abrupt, tips_up = _abruptness(up)
    linear = stats.linregress(up["detection_x_penalty"], up["corrupt_share"])
    tip_down = np.nan  # the highest x at which a unit that collapsed is corrupt again
    for k in range(TIPPING_UNITS):
        back = np.flatnonzero(down[f"unit_{k}"].to_numpy() >= 0.5)
        if np.isfinite(tips_up[k]) and len(back):
            x = float(down["detection_x_penalty"].iloc[back[-1]])
            tip_down = x if np.isnan(tip_down) else max(tip_down, x)

    checks = {
        "rises_with_monopoly": rho_m > 0,
        "rises_with_discretion": rho_d > 0,
        "falls_with_accountability": bool(np.all(np.diff(acts) < 0)),
        "abrupt_collapse_per_unit": float(np.median(abrupt)) >= ABRUPT_SHARE,
        "hysteresis": float(gap.max()) >= HYSTERESIS_GAP,
    }
    measured = {
        "spearman_share_vs_monopoly": rho_m,
        "spearman_share_vs_discretion": rho_d,
        "acts_per_1000_cases_low_medium_high_accountability": [float(a) for a in acts],
        "median_largest_step_share_of_fall": float(np.median(abrupt)),
        "tip_down_x_per_unit_up_branch": tips_up,
        "tip_back_x_down_branch": tip_down,
        "max_gap_between_branches": float(gap.max()),
        "linear_fit_r2_up_branch": linear.rvalue**2,
        "control_without_cover_max_gap": control_gap,
    }
    published = {
        "klitgaard": "C = M + D - A: corruption rises with monopoly and discretion, falls with "
                     "accountability",
        "hammond": "bistable corruption: abrupt transition past a threshold and hysteresis "
                   "(a higher threshold on the way out than on the way back)",
    }
    note = (
        f"Corrupt share rises with monopoly (Spearman {rho_m:.2f}) and discretion ({rho_d:.2f}); "
        "acts per 1,000 cases fall from "
        f"{acts[0]:.0f} to {acts[-1]:.0f} as accountability rises. On the way up each unit "
        f"collapses in one step (median {100 * np.median(abrupt):.0f} % of its fall in one step) "
        f"at detection x penalty {np.nanmin(tips_up):.2f}-{np.nanmax(tips_up):.2f} months of pay; "
        f"on the way down corruption returns only at {tip_down:.2f} or less. Units tip at different "
        "levels because tipping in a bistable unit of 80 staff is partly luck, so the "
        "organisation's mean falls in stages. The hysteresis needs the peer cover of detection "
        "(integrity.peer_cover = 1, Andvig & Moene 1990; added for this pattern, default 0): with "
        "the moral-cost peer effect alone the response is steep but single-valued"
        + (f" (control without cover: largest gap between the branches {control_gap:.2f})."
           if control is not None else ".")
    )

    plot = {"units": units, "accountability": list(ACCOUNTABILITY), "up": up, "down": down,
            "control": control, "tipping_units": TIPPING_UNITS}
    table = pd.concat([
        sweep.assign(part="tipping"),
        *([control.assign(part="tipping_control_no_cover")] if control is not None else []),
        units.assign(part="klitgaard_units"),
        levels.assign(part="klitgaard_accountability"),
    ], ignore_index=True)
    headline = (
        f"rho(M) {rho_m:.2f}, rho(D) {rho_d:.2f}, acts {acts[0]:.0f}->{acts[-1]:.0f} with A; "
        f"units collapse at DxP {np.nanmin(tips_up):.1f}-{np.nanmax(tips_up):.1f} and "
        f"re-corrupt only at DxP <= {tip_down:.1f}; branch gap {gap.max():.2f}",
        "C = M + D - A; abrupt fall past a threshold, hysteresis on the way back",
    )
    return common.finish(NAME, title=TITLE, source=SOURCE, checks=checks, measured=measured,
                         published=published, note=note, table=table, plot=plot, out_dir=out_dir,
                         headline=headline)
