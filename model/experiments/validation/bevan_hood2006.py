"""Field evidence: reported vs true performance under a high-powered target (Bevan & Hood 2006).

Source: Bevan & Hood (2006), "What's measured is what matters: targets and gaming in the
English public health care system", Public Administration 84(3):517-538. Under the accident and
emergency (A&E) four-hour target (98 % of patients within four hours, with managers' posts at
stake: "targets and terror"), hospitals reported 96 % of patients seen within four hours in
2004-05, while the national patient survey put it at 77 %.

Set-up, in the real :class:`BureaucracyModel`: service units (20 staff, one sign-off layer)
of unequal load, as hospitals are (daily demand spread evenly over ``DEMAND_RANGE``, chosen so
that the true share within the standard under the target sits near the survey's 77 %: the
*level* is set up, the *gap* is tested). The four-hour rule leaves no room for a queue: its
analogue is a service standard of one day, the fastest the unit's sign-off allows, so a case is
within it only if it is worked the day it arrives and is complete the first time. Patients
come to A&E whatever the wait (``citizens.wait_elasticity`` 0: no latent demand), and the
establishment is held over the observation years (no formasi, no honorer hires), so the units'
load stays that of the set-up rather than drifting away from it as establishments grow. The units run under the conventional preset with the target regime of the ``gaming``
pattern introduced (``gaming.GAMING_LEVERS``): a threshold target of 98 % of cases within the
standard, the whole allowance tied to it and acted on, on a measure the unit records itself
(``gameability`` 1), loosely checked (``noise`` 0.25) and narrow (``breadth`` 0.3). A control arm
has the same stake on a measure that cannot be gamed (``gameability`` 0). Reported and true
performance (the share of cases within the standard) are each unit's monthly values, averaged
over units and the two years after a one-year warm-up.

Criteria (written before running): under the target the reported share is at least 90 %
(96 % published); the gap reported - true is positive and between 10 and 30 points (19
published); the true share is within 10 points of the survey's 77 % (a set-up check).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ...core import BureaucracyModel
from . import _common as common
from . import _evidence as evidence
from .gaming import GAMING_LEVERS

NAME = "bevan_hood2006"
TITLE = "A&E four-hour target: reported vs true performance (Bevan & Hood 2006)"
SOURCE = "Bevan & Hood (2006), Public Administration 84(3):517-538"
FULL = {"units": 24, "years": 3, "replicates": 6}
QUICK = {"units": 12, "years": 2, "replicates": 3}
DEMAND_RANGE = (28.0, 34.0)  # cases a day: utilisation about 0.7-0.86 before reporting hours
UNIT = {"staff": 20, "approval_layers": 1, "service_standard_days": 1.0,
        "work_hours_per_case": 2.0, "goal_clarity": 0.5, "monopoly": 0.3, "discretion": 0.3}
#: emergencies come whatever the wait; the establishment is held over the observation years
A_AND_E = {"citizens.wait_elasticity": 0.0, "budget.formasi_share": 0.0,
           "budget.honorer_hiring": 0.0}
ARMS = {"target": {**GAMING_LEVERS, **A_AND_E},
        "ungameable": {**GAMING_LEVERS, **A_AND_E, "measurement.gameability": 0.0}}
CRITERIA = (
    evidence.Criterion(
        key="reported_pct", label_en="Reported within the standard",
        label_id="Dilaporkan dalam standar", unit="% of cases", published=96.0,
        published_text="96 % reported", band=(90.0, 100.0), sign=1,
        why="at least 90 %: reports near the 98 % target, as the hospitals' were"),
    evidence.Criterion(
        key="gap_points", label_en="Reported - true", label_id="Dilaporkan - sebenarnya",
        unit="percentage points", published=19.0, published_text="96 % vs 77 %: 19 points",
        band=(10.0, 30.0), sign=1,
        why="19 points, from about half to about 1.5 times"),
    evidence.Criterion(
        key="true_pct", label_en="True within the standard", label_id="Sebenarnya dalam standar",
        unit="% of cases", published=77.0, published_text="77 % (patient survey)",
        band=(67.0, 87.0), sign=1,
        why="within 10 points of the survey (a set-up check: the level is set up by demand)"),
)


def reported_and_true(model: BureaucracyModel) -> dict[str, float]:
    summary = model.summary()
    reported, true = 100 * summary["perf_reported"], 100 * summary["perf_true"]
    return {"reported_pct": reported, "true_pct": true, "gap_points": reported - true}


def run(quick: bool, out_dir: Path, seed: int) -> common.PatternResult:
    cfg = QUICK if quick else FULL
    out_dir = Path(out_dir)
    demands = np.linspace(*DEMAND_RANGE, cfg["units"]).round(2)
    rows = [common.unit_row(unit_id=f"AE{k:02d}", unit_name=f"A&E {k}", daily_demand=demand,
                            **UNIT) for k, demand in enumerate(demands)]
    org = common.write_org(out_dir / "bevan_hood_units.csv", rows)
    horizon = (cfg["years"] + 1) * 250
    arms = evidence.arm_scenarios(org, ARMS, horizon=horizon, warmup=250, name="bevan_hood")
    runs = evidence.run_arms(arms, evidence.seeds_for(seed, cfg["replicates"]),
                             reported_and_true, unit_series=False)
    target = runs[runs["arm"] == "target"]
    estimates = [evidence.Estimate(c, tuple(target[c.key])) for c in CRITERIA]
    means = runs.groupby("arm")[["reported_pct", "true_pct"]].mean()
    panel = evidence.detail(
        "points", [0, 1],
        {"reported": {"y": [means.loc["ungameable", "reported_pct"],
                            means.loc["target", "reported_pct"]],
                      "label_en": "reported", "label_id": "dilaporkan"},
         "true": {"y": [means.loc["ungameable", "true_pct"], means.loc["target", "true_pct"]],
                  "label_en": "true", "label_id": "sebenarnya"}},
        xlabel=("98 % target at full stake", "target 98 % taruhan penuh"),
        categories=[("ungameable measure", "ukuran tak dapat dimanipulasi"),
                    ("self-recorded", "dicatat sendiri")],
        ylabel=("% of cases within the standard", "% kasus dalam standar"),
        title=("Reported and true performance", "Kinerja dilaporkan dan sebenarnya"),
        reference={"y": 96.0, "label_en": "A&E reported 96 % (true 77 %)",
                   "label_id": "A&E dilaporkan 96 % (sebenarnya 77 %)"})
    setup = (f"{cfg['units']} units x {UNIT['staff']} staff (demand {DEMAND_RANGE[0]:.0f}-"
             f"{DEMAND_RANGE[1]:.0f} cases a day), {cfg['years']} years after a "
             f"1-year warm-up, {cfg['replicates']} replicates on common seeds")
    note = ("Gaming in the model is a unit-level propensity (incentive x low integrity x the "
            "cover a noisy measure gives x weak audit); under a threshold target a gaming unit "
            "that can reach the target reports just above it.")
    return evidence.finish(NAME, title=TITLE, source=SOURCE, setup=setup, estimates=estimates,
                           note=note, out_dir=out_dir, detail_panel=panel, runs=runs)
