"""Field evidence: the Peter principle's orderings, with the model's own careers submodel.

Source: Pluchino, Rapisarda & Garofalo (2010), Physica A 389(3):467-472. In a pyramid whose
members leave and are replaced by promotion from the level below, global efficiency (the
responsibility-weighted competence of all members) changes with the promotion strategy and with
what happens to competence on promotion. Under the "Peter hypothesis" (competence in the new
post unrelated to the old one) promoting the best lowers efficiency and promoting at random
does better; under "common sense" (competence carried over) promoting the best does best. In
their simulations (160 members, six levels) the gap best - random is about -10 points of
efficiency under the Peter hypothesis and about +6 under common sense.

Set-up, in the real :class:`BureaucracyModel`: an organisation of equal units with three
sign-off layers and a span of control of 3 (a steep pyramid like the paper's: about 45 % of
staff hold a post), under the conventional preset with no training (so that skill changes only
by hiring and promotion) and a higher voluntary exit rate (``careers.turnover_rate`` 0.25 a
year, times one minus motivation), so that posts turn over within the run as the paper's yearly
pruning makes them. The careers submodel fills vacancies top-down from the grade below each
month. Arms: ``careers.promotion = merit`` (the paper's "best": measured skill, here the
supervisor's judgement with its error ``impression_noise``) and ``lottery`` (the paper's
"random"), each with ``competence_on_promotion = redrawn`` (Peter) and ``carried_over``
(common sense). The paper's "worst" strategy has no counterpart in the model. Efficiency is
the paper's formula on the model's staff, with responsibility weights rising linearly from 0.2
(front line) to 1.0 (the top layer) and the skill ceiling as the maximum::

    E(t) = 100 * sum_i w_grade(i) * skill_i / (skill_ceiling * sum_i w_grade(i))

read monthly; the gain of a run is E over its last year minus E on day 0.

Criteria (written before running): the gap merit - lottery in efficiency gain is negative under
the Peter hypothesis and positive under common sense, each in a band from the ordering's
sign to the paper's largest gaps (within 15 points), and its 95 % CI over replicates excludes 0
(an ordering, not noise).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ...core import BureaucracyModel
from ...core.staff import ACTIVE
from . import _common as common
from . import _evidence as evidence

NAME = "pluchino2010"
TITLE = "Peter principle in the model's own careers: merit vs lottery (Pluchino et al. 2010)"
SOURCE = "Pluchino, Rapisarda & Garofalo (2010), Physica A 389(3):467-472"
FULL = {"units": 24, "staff": 40, "years": 8, "replicates": 6}
QUICK = {"units": 12, "staff": 40, "years": 5, "replicates": 3}
LAYERS = 3
LEVERS = {
    "careers.span_of_control": 3, "careers.training_days_per_year": 0.0,
    "careers.turnover_rate": 0.25,
}
ARMS = {
    (hypothesis, rule): {"careers.promotion": rule, "careers.competence_on_promotion": on_promotion}
    for hypothesis, on_promotion in (("peter", "redrawn"), ("common_sense", "carried_over"))
    for rule in ("merit", "lottery")
}
CRITERIA = (
    evidence.Criterion(
        key="peter_merit_minus_lottery", label_en="Peter: merit - lottery",
        label_id="Peter: merit - undian", unit="points of efficiency E", published=-10.0,
        published_text="best < random (about -10 points)", band=(-15.0, 0.0), sign=-1,
        why="the ordering's sign, up to the paper's largest gap (15 points)"),
    evidence.Criterion(
        key="common_sense_merit_minus_lottery", label_en="Common sense: merit - lottery",
        label_id="Akal sehat: merit - undian", unit="points of efficiency E", published=6.0,
        published_text="best > random (about +6 points)", band=(0.0, 15.0), sign=1,
        why="the ordering's sign, up to the paper's largest gap (15 points)"),
)


def grade_weights(layers: int) -> np.ndarray:
    """Responsibility weight of grades 0..layers: 0.2 at the front line to 1.0 at the top."""
    return 0.2 + 0.8 * np.arange(layers + 1) / layers


def efficiency(model: BureaucracyModel, weights: np.ndarray) -> float:
    """The paper's global efficiency (%) of the model's active staff."""
    staff = model.staff
    active = staff.view("status") == ACTIVE
    w = weights[np.minimum(staff.view("grade")[active], len(weights) - 1)]
    skill = staff.view("skill")[active]
    return float(100 * (w * skill).sum() / (model.levers.careers.skill_ceiling * w.sum()))


def _track(model: BureaucracyModel, weights: np.ndarray) -> np.ndarray:
    """Efficiency on day 0 and at the end of every month."""
    values, month = [efficiency(model, weights)], 0
    while model.day < model.scenario.horizon_days:
        month += 1
        model.run(month * model.days_per_year // 12 - model.day)
        values.append(efficiency(model, weights))
    return np.asarray(values)


def run(quick: bool, out_dir: Path, seed: int) -> common.PatternResult:
    cfg = QUICK if quick else FULL
    out_dir = Path(out_dir)
    rows = [common.unit_row(unit_id=f"P{k:02d}", staff=cfg["staff"], daily_demand=8.0,
                            approval_layers=LAYERS, work_hours_per_case=2.0)
            for k in range(cfg["units"])]
    org = common.write_org(out_dir / "pluchino_units.csv", rows)
    horizon = cfg["years"] * 250
    weights = grade_weights(LAYERS)
    records, curves = [], {}
    for replicate, run_seed in enumerate(evidence.seeds_for(seed, cfg["replicates"])):
        for (hypothesis, rule), levers in ARMS.items():
            scen = common.scenario(org, horizon=horizon, seed=run_seed, levers={**LEVERS, **levers},
                                   name=f"pluchino_{hypothesis}_{rule}")
            model = BureaucracyModel(scen, unit_series=False)
            track = _track(model, weights)
            curves.setdefault((hypothesis, rule), []).append(track)
            records.append({"arm": f"{hypothesis}/{rule}", "hypothesis": hypothesis,
                            "rule": rule, "replicate": replicate, "seed": run_seed,
                            "efficiency_start": track[0], "efficiency_last_year": track[-12:].mean(),
                            "gain": track[-12:].mean() - track[0]})
    runs = pd.DataFrame(records)
    gain = runs.pivot(index="replicate", columns="arm", values="gain")
    estimates = [
        evidence.Estimate(CRITERIA[0], tuple(gain["peter/merit"] - gain["peter/lottery"])),
        evidence.Estimate(CRITERIA[1], tuple(gain["common_sense/merit"]
                                             - gain["common_sense/lottery"])),
    ]
    separated = {f"{e.criterion.key}_ci_excludes_0":
                 bool(e.mean_ci[1] > 0 or e.mean_ci[2] < 0) for e in estimates}
    months = np.arange(cfg["years"] * 12 + 1) / 12
    series = {}
    for (hypothesis, rule), tracks in curves.items():
        mean = np.mean(tracks, axis=0)
        series[f"{hypothesis}/{rule}"] = {
            "x": list(months), "y": list(mean - mean[0]),
            "label_en": f"{hypothesis.replace('_', ' ')}, {rule}",
            "label_id": f"{'Peter' if hypothesis == 'peter' else 'akal sehat'}, "
                        f"{'merit' if rule == 'merit' else 'undian'}"}
    panel = evidence.detail(
        "lines", months, series, xlabel=("year", "tahun"),
        ylabel=("efficiency E - E(0) (points)", "efisiensi E - E(0) (poin)"),
        title=("Global efficiency, mean over replicates", "Efisiensi global, rata-rata ulangan"))
    setup = (f"{cfg['units']} units x {cfg['staff']} staff, {LAYERS} sign-off layers, span of "
             f"control 3, {cfg['years']} years, {cfg['replicates']} replicates (common seeds)")
    note = (
        "Merit promotion in the model ranks candidates by skill plus the supervisor's judgement "
        "error (impression_noise 0.5 skill sd), so 'best' is the best as judged. The model has no "
        "'worst' strategy and no dismissal of the incompetent (the paper prunes competence < 4); "
        "posts turn over by retirement at 58 and voluntary exits. Redrawn skill comes from the "
        "model's recruitment distribution (lognormal around 1), not N(7, 2)."
    )
    return evidence.finish(NAME, title=TITLE, source=SOURCE, setup=setup, estimates=estimates,
                           note=note, out_dir=out_dir, detail_panel=panel, runs=runs,
                           extra_checks=separated)
