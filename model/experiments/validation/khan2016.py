"""Field evidence: performance pay for tax collectors raises revenue and bribes (Khan et al. 2016).

Source: Khan, Khwaja & Olken (2016), "Tax Farming Redux: Experimental Evidence on Performance
Pay for Tax Collectors", Quarterly Journal of Economics 131(1):219-271. In a randomised trial
across property-tax units in Punjab (Pakistan), performance pay for collectors raised revenue
by 9.4 log points over two years; most taxpayers in the revenue-pay units reported paying
higher bribes: pay tied to the assessed quantity strengthened the collectors' bargaining
power over taxpayers (a higher assessment became a credible threat), so output and collusion
rose together.

Set-up, in the real :class:`BureaucracyModel`: tax offices are units of 20 staff with more
assessments to make than they can (demand at utilisation about 1.1: revenue left uncollected,
so effort raises it), one sign-off layer, a monopoly over the assessment (0.9) and some
discretion (0.3), under the conventional preset (SAKIP-style measurement, allowances by
attendance). Revenue is cases resolved (each assessment collected); in both arms it is counted
in full (``measurement.intensity`` 1.0, ``breadth`` 1.0, ``noise`` 0.02: revenue is counted,
not judged). The treatment ties 90 % of allowances (``measurement.incentive_strength`` 0.9) to
it and acts on it (``use_for_decisions`` 1.0); everything else, including ``integrity.pay_bargaining`` (the
registry's assumption for the size of the bargaining effect), stays at the registry's values.
Two years after a half-year warm-up, common seeds.

Criteria (written before running): revenue rises by 3 to 20 log points (9.4 published: from
about a third to about twice it); bribes (corrupt acts per case) rise, by 0 to 200 % (the
study reports the direction, "most taxpayers" paying more, not a size we can compare).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ...core import BureaucracyModel
from . import _common as common
from . import _evidence as evidence

NAME = "khan2016"
TITLE = "Performance pay for tax collectors: revenue and bribes up (Khan, Khwaja & Olken 2016)"
SOURCE = ("Khan, Khwaja & Olken (2016), Quarterly Journal of Economics 131(1):219-271; "
          "property-tax units in Punjab")
FULL = {"units": 24, "years": 2.0, "replicates": 6}
QUICK = {"units": 12, "years": 1.5, "replicates": 3}
WARMUP_DAYS = 125
HOURS_PER_STAFF_DAY = 3.96  # productive casework hours a staff member gives a day
UNIT_STAFF, WORK_HOURS = 20, 2.0
UNIT = {"staff": UNIT_STAFF, "daily_demand": round(1.1 * HOURS_PER_STAFF_DAY * UNIT_STAFF
                                                   / WORK_HOURS, 2),
        "approval_layers": 1, "work_hours_per_case": WORK_HOURS, "monopoly": 0.9,
        "discretion": 0.3, "goal_clarity": 0.6}
COUNTED = {"measurement.intensity": 1.0, "measurement.breadth": 1.0, "measurement.noise": 0.02}
ARMS = {"control": COUNTED,
        "performance_pay": {**COUNTED, "measurement.incentive_strength": 0.9,
                            "measurement.use_for_decisions": 1.0}}
CRITERIA = (
    evidence.Criterion(
        key="revenue_log_points", label_en="Revenue", label_id="Penerimaan", unit="log points",
        published=9.4, published_text="+9.4 log points", band=(3.0, 20.0), sign=1,
        why="from about a third to about twice the published effect"),
    evidence.Criterion(
        key="bribes_pct", label_en="Bribes per case", label_id="Suap per berkas",
        unit="% change", published=1.0, published_text="up (most taxpayers paid more)",
        band=(0.0, 200.0), sign=1,
        why="the direction the study reports; no comparable size"),
)


def revenue_and_bribes(model: BureaucracyModel) -> dict[str, float]:
    summary = model.summary()
    return {"resolved": summary["resolved"], "acts_per_1000": summary["corrupt_acts_per_1000_cases"],
            "corrupt_staff_share": summary["corrupt_staff_share"]}


def run(quick: bool, out_dir: Path, seed: int) -> common.PatternResult:
    cfg = QUICK if quick else FULL
    out_dir = Path(out_dir)
    rows = [common.unit_row(unit_id=f"T{k:02d}", unit_name=f"Tax unit {k}", **UNIT)
            for k in range(cfg["units"])]
    org = common.write_org(out_dir / "khan_units.csv", rows)
    horizon = int(cfg["years"] * 250)
    arms = evidence.arm_scenarios(org, ARMS, horizon=horizon, warmup=WARMUP_DAYS, name="khan")
    runs = evidence.run_arms(arms, evidence.seeds_for(seed, cfg["replicates"]),
                             revenue_and_bribes, unit_series=False)
    runs["log_resolved"] = np.log(runs["resolved"])
    runs["log_acts"] = np.log(runs["acts_per_1000"])
    revenue = evidence.paired(runs, "log_resolved", "performance_pay", "control", scale=100)
    bribes = tuple(100 * np.expm1(d) for d in evidence.paired(runs, "log_acts",
                                                              "performance_pay", "control"))
    estimates = [evidence.Estimate(CRITERIA[0], revenue), evidence.Estimate(CRITERIA[1], bribes)]
    panel = evidence.detail(
        "points", revenue,
        {"replicates": {"y": list(bribes), "label_en": "a replicate (paired seeds)",
                        "label_id": "satu ulangan (benih berpasangan)"}},
        xlabel=("revenue effect (log points)", "efek penerimaan (poin log)"),
        ylabel=("change in bribes per case (%)", "perubahan suap per berkas (%)"),
        title=("Output and collusion rise together", "Keluaran dan kolusi naik bersama"),
        reference={"y": 0.0, "label_en": "no change in bribes", "label_id": "suap tidak berubah"})
    setup = (f"{cfg['units']} tax units x {UNIT_STAFF} staff at utilisation ~1.1, {horizon} days "
             f"({WARMUP_DAYS} warm-up), {cfg['replicates']} replicates on common seeds")
    note = ("Bribes are corrupt acts per case: the model's bargaining raises the gain of a "
            "corrupt act where pay follows the measured quantity, so more staff find it worth it; "
            "the Rupiah size of a bribe is not an outcome of the model.")
    return evidence.finish(NAME, title=TITLE, source=SOURCE, setup=setup, estimates=estimates,
                           note=note, out_dir=out_dir, detail_panel=panel, runs=runs)
