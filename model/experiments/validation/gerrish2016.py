"""Field evidence: performance management's effect across practice settings (Gerrish 2016).

Source: Gerrish (2016), "The Impact of Performance Management on Performance in Public
Organizations: A Meta-Analysis", Public Administration Review 76(1):48-66: 2,188 effects from 49
studies. The average effect of performance management on performance is small (about 0.1 of a
standard deviation); it is substantially larger where best practices (training, leadership
support, credible measures used for management) accompany it.

Set-up, in the real :class:`BureaucracyModel`: a district-like organisation of 24 units that
differ in size, workload (utilisation 0.55-0.85: stable queues), sign-off layers and goal
clarity (drawn once, the same for every seed), under the conventional preset. Each unit's
service standard is its sign-off days plus at most one day, so that timeliness has room to
move, as the performance measures of the meta-analysis's studies had (with standards of 3-10
days, 20 of the 24 units resolved every case within the standard under conventional rules, and
an effect could show only in the other four). The treatment is a performance-management
programme only: measurement used for management (``measurement.intensity`` 0.8, allowances on results
``incentive_strength`` 0.3, a ``continuous`` target) and nothing else of the results-oriented
preset, with a reform programme every unit joins on day 0 (so leaders' support and training
act on staff acceptance, skill and implementation). The programme's rules are set by the
scenario, so they hold in every unit from day 0 and are not scaled by implementation;
``docs/evidence.md`` gives what that means for leaders' support and what routing them
through implementation gave. It runs in a spread of
practice settings, a Latin hypercube over the management practices the meta-analysis finds
moderate the effect: how far leaders use the measure for management
(``measurement.use_for_decisions`` 0.1, the SAKIP compliance baseline, to 0.9), the measure's
precision (``measurement.noise`` 0.02-0.3), its breadth (0.2-0.9), leaders' support
(``reform.leadership_support`` 0.2-0.9) and training (``careers.training_days_per_year``
from the organisation's own 2 days a year to 10: the programme adds training or none, it does
not cut what staff already get). A setting's practice index is the mean of its five positions
in those ranges (noise reversed). The effect of a setting is Glass's delta, as in the meta-analysis's
between-organisation comparisons: each unit's difference from the conventional run on the same
seed, averaged over units, divided by the spread of the outcome across the conventional units;
the outcome is the mean of the standardised share of cases within the service standard and
cases resolved per staff-day (true, not reported), over the year after a one-year warm-up.

Criteria (written before running): the mean effect over settings is positive and small (at most
0.3); the good-practice third of the settings (highest index) has an effect larger than the
poor-practice third's by 0.05 to 1.0 standard deviations, and at least 1.5 times the mean.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import qmc

from ...core import BureaucracyModel
from . import _common as common
from . import _evidence as evidence

NAME = "gerrish2016"
TITLE = "Performance management: small on average, larger with good practice (Gerrish 2016)"
SOURCE = ("Gerrish (2016), Public Administration Review 76(1):48-66; 49 studies, 2,188 effects")
FULL = {"settings": 24, "replicates": 3, "years": 2}
QUICK = {"settings": 6, "replicates": 2, "years": 2}
UNITS = 24
HOURS_PER_STAFF_DAY = 3.96  # productive casework hours a staff member gives a day (README check)
PROGRAMME = {
    "reform.enabled": True, "measurement.intensity": 0.8,
    "measurement.incentive_strength": 0.3, "measurement.target": "continuous",
}
#: moderator -> (low, high, better when high)
MODERATORS = {
    "measurement.use_for_decisions": (0.1, 0.9, True),
    "measurement.noise": (0.02, 0.3, False),
    "measurement.breadth": (0.2, 0.9, True),
    "reform.leadership_support": (0.2, 0.9, True),
    "careers.training_days_per_year": (2.0, 10.0, True),
}
OUTCOMES = ("on_time_share", "productivity_true")
CRITERIA = (
    evidence.Criterion(
        key="mean_d", label_en="Mean effect over settings", label_id="Rata-rata efek",
        unit="standard deviations (Glass's delta)", published=0.1,
        published_text="small average effect (~0.1 SD)", band=(0.0, 0.3), sign=1,
        why="positive and small: at most 0.3, between Cohen's 'small' 0.2 and 'medium' 0.5"),
    evidence.Criterion(
        key="good_minus_poor_d", label_en="Good - poor practice", label_id="Praktik baik - buruk",
        unit="standard deviations", published=0.2,
        published_text="substantially larger with best practices", band=(0.05, 1.0), sign=1,
        why="larger by at least 0.05 SD (a difference, not noise) and at most 1 SD"),
)


def _organisation(out_dir: Path) -> Path:
    rng = np.random.default_rng(2016)  # the organisation is part of the set-up, not a replicate
    rows = []
    for k in range(UNITS):
        staff = int(rng.integers(12, 41))
        hours = float(rng.uniform(1.0, 3.0))
        utilisation = float(rng.uniform(0.55, 0.85))
        layers = int(rng.integers(1, 4))
        # a standard of the sign-off days plus at most one day: timeliness off its ceiling
        slack_days = int(rng.integers(0, 2))
        rows.append(common.unit_row(
            unit_id=f"D{k:02d}", unit_name=f"Dinas {k}", staff=staff,
            daily_demand=round(utilisation * HOURS_PER_STAFF_DAY * staff / hours, 2),
            approval_layers=layers, service_standard_days=float(layers + slack_days),
            work_hours_per_case=round(hours, 2), goal_clarity=round(float(rng.uniform(0.3, 0.8)), 2),
            monopoly=0.5, discretion=0.3))
    return common.write_org(out_dir / "gerrish_units.csv", rows)


def settings(count: int, seed: int) -> pd.DataFrame:
    """A Latin hypercube of practice settings with their practice index (0 poor - 1 good)."""
    sample = qmc.LatinHypercube(d=len(MODERATORS), seed=np.random.default_rng(seed)).random(count)
    frame = pd.DataFrame({name: low + sample[:, i] * (high - low)
                          for i, (name, (low, high, _)) in enumerate(MODERATORS.items())})
    positions = [sample[:, i] if better else 1 - sample[:, i]
                 for i, (_, (_, _, better)) in enumerate(MODERATORS.items())]
    frame["practice_index"] = np.mean(positions, axis=0)
    return frame


def unit_outcomes(model: BureaucracyModel, warmup: int) -> pd.DataFrame:
    series = model.unit_series()
    series = series[series["day"] >= warmup]
    g = series.assign(on_time_n=series["on_time_share"].fillna(0) * series["resolved"]).groupby(
        "unit_id")
    resolved = g["resolved"].sum().astype(float)
    return pd.DataFrame({"on_time_share": g["on_time_n"].sum() / resolved,
                         "productivity_true": resolved / g["headcount"].sum()})


def glass_delta(treated: pd.DataFrame, control: pd.DataFrame) -> float:
    """Mean over outcomes of (mean unit difference) / (spread across control units)."""
    return float(np.mean([(treated[o] - control[o]).mean() / control[o].std() for o in OUTCOMES]))


def run(quick: bool, out_dir: Path, seed: int) -> common.PatternResult:
    cfg = QUICK if quick else FULL
    out_dir = Path(out_dir)
    org = _organisation(out_dir)
    warmup, horizon = 250, (cfg["years"]) * 250
    grid = settings(cfg["settings"], seed)
    columns = ["resolved", "on_time_share", "headcount"]
    records = []
    for replicate, run_seed in enumerate(evidence.seeds_for(seed, cfg["replicates"])):
        base = common.scenario(org, horizon=horizon, warmup=warmup, name="gerrish_control")
        control = unit_outcomes(common.run(base, seed=run_seed, unit_series=columns), warmup)
        for k, setting in grid.iterrows():
            levers = {**PROGRAMME, **{name: float(setting[name]) for name in MODERATORS}}
            scen = common.scenario(org, horizon=horizon, warmup=warmup, levers=levers,
                                   name=f"gerrish_setting_{k}")
            treated = unit_outcomes(common.run(scen, seed=run_seed, unit_series=columns), warmup)
            records.append({"arm": f"setting_{k}", "replicate": replicate, "seed": run_seed,
                            "setting": k, **setting.to_dict(), "d": glass_delta(treated, control)})
    runs = pd.DataFrame(records)
    third = max(1, len(grid) // 3)
    order = grid["practice_index"].sort_values().index
    poor, good = set(order[:third]), set(order[-third:])
    per_replicate = runs.groupby("replicate").apply(lambda r: pd.Series({
        "mean_d": r["d"].mean(),
        "good_d": r.loc[r["setting"].isin(good), "d"].mean(),
        "poor_d": r.loc[r["setting"].isin(poor), "d"].mean()}), include_groups=False)
    per_replicate["good_minus_poor_d"] = per_replicate["good_d"] - per_replicate["poor_d"]
    estimates = [evidence.Estimate(c, tuple(per_replicate[c.key])) for c in CRITERIA]
    mean_d, good_d = per_replicate["mean_d"].mean(), per_replicate["good_d"].mean()
    by_setting = runs.groupby("setting").agg(d=("d", "mean"), index=("practice_index", "first"))
    by_setting = by_setting.sort_values("index")
    panel = evidence.detail(
        "points", by_setting["index"],
        {"d": {"y": list(by_setting["d"]), "label_en": "a practice setting",
               "label_id": "satu setelan praktik"}},
        xlabel=("practice index (0 poor - 1 good)", "indeks praktik (0 buruk - 1 baik)"),
        ylabel=("effect vs conventional (Glass's delta)", "efek terhadap konvensional (delta Glass)"),
        title=("Effect by practice setting", "Efek menurut setelan praktik"),
        reference={"y": 0.1, "label_en": "meta-analysis average ~0.1",
                   "label_id": "rata-rata meta-analisis ~0,1"})
    setup = (f"{UNITS} heterogeneous units, conventional vs a performance-management programme in "
             f"{cfg['settings']} practice settings (Latin hypercube), {cfg['years']} years "
             f"(1 warm-up), {cfg['replicates']} replicates on common seeds")
    note = (f"Good-practice third: d = {good_d:.2f} against a mean of {mean_d:.2f}. The effect is "
            "the model's whole response to measurement used for management (effort on what is "
            "measured, reporting hours, gaming, motivation, the reform's implementation), on "
            "true performance.")
    return evidence.finish(
        NAME, title=TITLE, source=SOURCE, setup=setup, estimates=estimates, note=note,
        out_dir=out_dir, detail_panel=panel, runs=runs,
        measured={"good_practice_d": good_d, "poor_practice_d": per_replicate["poor_d"].mean()},
        extra_checks={"good_practice_at_least_1.5x_mean": bool(good_d >= 1.5 * mean_d)})
