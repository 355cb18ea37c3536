"""Pattern 3, the Peter principle: promotion strategies under the Peter and common-sense hypotheses.

Set-up, as Pluchino, Rapisarda & Garofalo (2010, Physica A 389:467): a pyramid of six levels with
1, 5, 11, 21, 41 and 81 posts and responsibility weights 1.0, 0.9, 0.8, 0.6, 0.4 and 0.2 (top
to bottom). Every member has an age and a competence on 1-10; newcomers draw competence from
N(7, 2) and age from N(25, 5) (truncated to 1-10 and 18-60). Each year (one time step) members
with competence below 4 or older than 60 leave, vacancies are filled top-down by promoting one
member of the level immediately below per vacant post, and the bottom level recruits. A promoted
member's competence is carried over with a random change of +-1 ("common sense") or redrawn
from N(7, 2) (the "Peter hypothesis"). Strategies: promote the best, the worst, a random member,
or alternately the best and the worst. Global efficiency is the responsibility-weighted
competence of every member, as a percentage of its value if everybody had competence 10::

    E(t) = 100 * sum_l w_l * sum_{i in l} c_i / (10 * sum_l w_l * n_l)

The efficiency gain of a run is its mean efficiency over the last fifth of the run minus its
initial efficiency; it is reported with a 95 % confidence interval over independent runs.

Implementation: every run of every (hypothesis, strategy) is one organisation in one set of
arrays, and the posts are filled with the careers submodel's own selection,
:func:`birosim.core.promotion.top_per_unit` (the highest-scoring candidates per group,
here per organisation, with the score set by the strategy), so that the experiment exercises the
model's promotion code. The Peter hypothesis is the careers lever
``careers.competence_on_promotion = "redrawn"``; common sense is ``"carried_over"`` (in the model,
without the +-1 change).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from scipy.special import ndtr, ndtri

from ...core.promotion import top_per_unit
from . import _common as common

NAME = "peter"
TITLE = "Peter principle: promotion strategies (Pluchino, Rapisarda & Garofalo 2010)"
SOURCE = "Pluchino, Rapisarda & Garofalo (2010), Physica A 389(3):467-472"
LEVEL_SIZES = (1, 5, 11, 21, 41, 81)  # top to bottom
WEIGHTS = (1.0, 0.9, 0.8, 0.6, 0.4, 0.2)
COMPETENCE = (7.0, 2.0, 1.0, 10.0)  # mean, sd, low, high
AGE = (25.0, 5.0, 18.0, 60.0)
DISMISSAL, RETIREMENT = 4.0, 60.0
COMMON_SENSE_CHANGE = 1.0
HYPOTHESES = ("peter", "common_sense")
STRATEGIES = ("best", "worst", "random", "alternating")
FULL = {"runs": 60, "years": 600}
QUICK = {"runs": 30, "years": 250}
STEADY_SHARE = 0.2  # the last fifth of the run is averaged


def truncated_normal(rng: np.random.Generator, spec: tuple[float, float, float, float],
                     size) -> np.ndarray:
    """Draws from N(mean, sd) truncated to [low, high] (inverse CDF)."""
    mean, sd, low, high = spec
    lo, hi = ndtr((low - mean) / sd), ndtr((high - mean) / sd)
    return mean + sd * ndtri(lo + (hi - lo) * rng.random(size))


def simulate(hypothesis: np.ndarray, strategy: np.ndarray, years: int,
             rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Global efficiency (%) of each organisation for years 0..``years``: shape (orgs, years+1),
    summed over members (the paper's E) and, second, over levels' mean competence.

    ``hypothesis[g]`` is ``"peter"`` or ``"common_sense"``, ``strategy[g]`` one of
    :data:`STRATEGIES`.
    """
    n_orgs = len(strategy)
    sizes = np.asarray(LEVEL_SIZES)
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    n_posts = int(bounds[-1])
    weight = np.repeat(WEIGHTS, sizes)
    max_efficiency = COMPETENCE[3] * weight.sum()
    competence = truncated_normal(rng, COMPETENCE, (n_orgs, n_posts))
    age = truncated_normal(rng, AGE, (n_orgs, n_posts))
    filled = np.ones((n_orgs, n_posts), dtype=bool)
    redraw = np.asarray(hypothesis) == "peter"
    strategy = np.asarray(strategy)
    worst_first, random_pick = strategy == "worst", strategy == "random"
    alternating = strategy == "alternating"
    taken_mask = np.zeros(n_orgs * n_posts, dtype=bool)
    best_next = np.ones(n_orgs, dtype=bool)  # alternating: is the next promotion the best?
    level_of = np.repeat(np.arange(len(sizes)), sizes)
    level_weight = np.asarray(WEIGHTS)

    def by_level_mean(values, present):
        sums = np.stack([(values * present)[:, level_of == k].sum(axis=1)
                         for k in range(len(sizes))], 1)
        counts = np.stack([present[:, level_of == k].sum(axis=1) for k in range(len(sizes))], 1)
        means = sums / np.maximum(counts, 1)
        return 100 * (means * level_weight).sum(axis=1) / (COMPETENCE[3] * level_weight.sum())

    efficiency = np.empty((n_orgs, years + 1))
    efficiency_levels = np.empty((n_orgs, years + 1))
    efficiency[:, 0] = 100 * (competence * weight).sum(axis=1) / max_efficiency
    efficiency_levels[:, 0] = by_level_mean(competence, filled)

    for year in range(1, years + 1):
        filled &= (competence >= DISMISSAL) & (age <= RETIREMENT)
        for level in range(len(sizes) - 1):
            upper = slice(bounds[level], bounds[level + 1])
            lower = slice(bounds[level + 1], bounds[level + 2])
            vacancies = (~filled[:, upper]).sum(axis=1)
            if not vacancies.any():
                continue
            org, post = np.nonzero(filled[:, lower] & (vacancies > 0)[:, None])
            index = org * n_posts + bounds[level + 1] + post  # flat index of each candidate
            value = competence.ravel()[index]
            score = np.where(worst_first[org], -value, value)
            lottery = random_pick[org]
            score[lottery] = rng.random(int(lottery.sum()))
            first_posts = np.where(alternating, np.where(best_next, (vacancies + 1) // 2,
                                                         vacancies // 2), vacancies)
            chosen = top_per_unit(index, org, score, first_posts, n_orgs)
            if alternating.any():
                second_posts = np.where(alternating, vacancies - first_posts, 0)
                taken_mask[chosen] = True
                rest = ~taken_mask[index]
                taken_mask[chosen] = False
                worst = top_per_unit(index[rest], org[rest], -value[rest], second_posts, n_orgs)
                chosen = np.concatenate([chosen, worst])
                best_next ^= alternating & (vacancies % 2 == 1)
            chosen = np.sort(chosen)  # grouped by organisation (flat index is org-major)
            from_org = chosen // n_posts
            # the k-th promoted member of an organisation takes its k-th vacant post
            vac_org, vac_post = np.nonzero(~filled[:, upper])
            taken = np.bincount(from_org, minlength=n_orgs)
            rank = np.arange(len(vac_org)) - np.searchsorted(vac_org, vac_org, side="left")
            keep = rank < taken[vac_org]
            target = vac_org[keep] * n_posts + bounds[level] + vac_post[keep]
            flat_c, flat_a, flat_f = competence.ravel(), age.ravel(), filled.ravel()
            moved = flat_c[chosen]
            change = rng.uniform(-COMMON_SENSE_CHANGE, COMMON_SENSE_CHANGE, len(chosen))
            fresh = truncated_normal(rng, COMPETENCE, len(chosen))
            flat_c[target] = np.where(redraw[from_org], fresh,
                                      np.clip(moved + change, COMPETENCE[2], COMPETENCE[3]))
            flat_a[target] = flat_a[chosen]
            flat_f[target] = True
            flat_f[chosen] = False
        bottom = slice(bounds[-2], bounds[-1])
        hires = ~filled[:, bottom]
        competence[:, bottom][hires] = truncated_normal(rng, COMPETENCE, int(hires.sum()))
        age[:, bottom][hires] = truncated_normal(rng, AGE, int(hires.sum()))
        filled[:, bottom] = True
        age += 1.0
        efficiency[:, year] = 100 * (competence * weight * filled).sum(axis=1) / max_efficiency
        efficiency_levels[:, year] = by_level_mean(competence, filled)
    return efficiency, efficiency_levels


def run(quick: bool, out_dir: Path, seed: int) -> common.PatternResult:
    cfg = QUICK if quick else FULL
    runs, years = cfg["runs"], cfg["years"]
    configs = [(h, s) for h in HYPOTHESES for s in STRATEGIES]
    hypothesis = np.repeat([h for h, _ in configs], runs)
    strategy = np.repeat([s for _, s in configs], runs)
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(3,)))
    efficiency, efficiency_levels = simulate(hypothesis, strategy, years, rng)
    last = max(1, int(STEADY_SHARE * years))
    steady = efficiency[:, -last:].mean(axis=1)
    gain = steady - efficiency[:, 0]
    gain_levels = efficiency_levels[:, -last:].mean(axis=1) - efficiency_levels[:, 0]

    rows = []
    for h, s in configs:
        pick = (hypothesis == h) & (strategy == s)
        mean, low, high = common.mean_ci(gain[pick])
        mean_l, low_l, high_l = common.mean_ci(gain_levels[pick])
        rows.append({"hypothesis": h, "strategy": s, "runs": int(pick.sum()),
                     "initial_efficiency": float(efficiency[pick, 0].mean()),
                     "final_efficiency": float(steady[pick].mean()),
                     "gain_pct_points": mean, "ci_low": low, "ci_high": high,
                     "gain_level_means": mean_l, "level_means_ci_low": low_l,
                     "level_means_ci_high": high_l})
    table = pd.DataFrame(rows)
    g = {(r.hypothesis, r.strategy): r.gain_pct_points for r in table.itertuples()}
    ci = {(r.hypothesis, r.strategy): (r.ci_low, r.ci_high) for r in table.itertuples()}

    def separated(a, b):  # a's interval entirely below b's
        return ci[a][1] < ci[b][0]

    checks = {
        "peter_best_lt_random": separated(("peter", "best"), ("peter", "random")),
        "peter_random_lt_worst": separated(("peter", "random"), ("peter", "worst")),
        "common_sense_best_gt_random": separated(("common_sense", "random"), ("common_sense", "best")),
        "common_sense_random_gt_worst": separated(("common_sense", "worst"), ("common_sense", "random")),
    }
    measured = {f"{h}/{s}": f"{g[h, s]:+.1f} [{ci[h, s][0]:+.1f}, {ci[h, s][1]:+.1f}]"
                for h, s in configs}
    level_gain = {(r.hypothesis, r.strategy): r.gain_level_means for r in table.itertuples()}
    measured["ordering_holds_with_level_means"] = bool(
        level_gain["peter", "best"] < level_gain["peter", "random"] < level_gain["peter", "worst"]
        and level_gain["common_sense", "best"] > level_gain["common_sense", "random"]
        > level_gain["common_sense", "worst"])
    measured["runs_per_strategy"] = runs
    measured["years"] = years
    published = {
        "peter": "best < random < worst (promoting the best lowers efficiency; the worst raises it)",
        "common_sense": "best > random > worst",
        "alternating": "close to random under both hypotheses (a robust compromise)",
    }
    note = (
        "Efficiency gains are percentage points of E over the initial E (about 70 %), mean over "
        f"the last {int(STEADY_SHARE * 100)} % of {years} yearly steps, 95 % CI over {runs} runs. "
        "The paper's E sums over members; with E over levels' mean competence instead the "
        "ordering " + ("also holds" if measured["ordering_holds_with_level_means"] else
                       "does not hold") + ". "
        "Uses the careers submodel's post-filling selection (top_per_unit); the model's own "
        "'redrawn' lever draws the new skill from the model's lognormal skill distribution "
        "rather than N(7, 2), and its 'carried_over' keeps competence without the +-1 change."
    )

    plot = {
        "years": np.arange(years + 1), "hypotheses": HYPOTHESES, "strategies": STRATEGIES,
        "efficiency": {(h, s): efficiency[(hypothesis == h) & (strategy == s)].mean(axis=0)
                       for h in HYPOTHESES for s in STRATEGIES},
        "gain": {(h, s): g[h, s] for h in HYPOTHESES for s in STRATEGIES},
    }
    order = {h: " ".join(f"{s[0]}{g[h, s]:+.1f}" for s in ("best", "random", "worst"))
             for h in HYPOTHESES}
    headline = (f"Peter: {order['peter']}; common sense: {order['common_sense']} "
                f"(points, b/r/w; {runs} runs)",
                "Peter: best < random < worst; common sense: best > random > worst")
    return common.finish(NAME, title=TITLE, source=SOURCE, checks=checks, measured=measured,
                         published=published, note=note, table=table, plot=plot, out_dir=out_dir,
                         headline=headline)
