"""Paired comparisons of several options on common random numbers (birosim.experiments.compare),
the one seed scheme they share with sweeps, and the one paired-effects function."""

from __future__ import annotations

import math
import sys

import numpy as np
import pandas as pd
import pytest
from birosim.core import SUMMARY_OUTCOMES, InputError, load_scenario
from birosim.core.run_spec import RunSpec
from birosim.experiments.compare import (
    COMPARISON_COLUMNS,
    TABLE_COLUMNS,
    compare,
    load_with_preset,
    with_horizon,
)
from birosim.experiments.effects import paired_effect
from birosim.experiments.seeds import replicate_seed, replicate_seeds
from scipy import stats

STEPS = 60


@pytest.fixture(scope="module")
def classroom():
    return load_scenario("classroom")


@pytest.fixture(scope="module")
def options():
    """The classroom organisation under three rule sets, 60 days."""
    return [with_horizon(load_with_preset("classroom", preset), STEPS)
            for preset in ("conventional", "results_oriented")] + [
        with_horizon(load_scenario("paper_reform").model_copy(
            update={"organisation": "classroom"}), STEPS)]


@pytest.fixture(scope="module")
def paired(options):
    return compare(*options[:2], replicates=3, seed=11, steps=STEPS)


@pytest.fixture(scope="module")
def three(options):
    return compare(*options, replicates=2, seed=5, steps=STEPS)


def test_identical_levers_give_exactly_zero_differences(classroom):
    comparison = compare(classroom, classroom, replicates=2, seed=5, steps=STEPS)
    assert comparison.labels == ("classroom [A]", "classroom [B]")
    diff = comparison.differences()
    a, b = comparison.side("classroom [A]"), comparison.side("classroom [B]")
    for outcome in comparison.outcomes():
        both_nan = a[outcome].isna() & b[outcome].isna()
        assert (both_nan | (diff[outcome] == 0)).all(), outcome
    table = comparison.table().set_index("outcome")
    finite = table[table["n"] > 0]
    assert (finite["mean_diff"] == 0).all()
    assert (finite["ci_low"] == 0).all() and (finite["ci_high"] == 0).all()
    assert set(SUMMARY_OUTCOMES) <= set(finite.index)
    ts = comparison.timeseries
    left = ts[ts["policy"] == "classroom [A]"].drop(columns="policy").reset_index(drop=True)
    right = ts[ts["policy"] == "classroom [B]"].drop(columns="policy").reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right)


def test_replicate_seeds_are_deterministic_prefix_stable_and_the_sweeps_scheme():
    seeds = replicate_seeds(2026, 4)
    assert seeds == replicate_seeds(2026, 4)
    assert seeds[:2] == replicate_seeds(2026, 2)
    assert seeds == [replicate_seed(2026, 0, r) for r in range(4)]
    assert len(set(seeds)) == 4 and all(0 <= s < 2**63 for s in seeds)
    assert replicate_seeds(2027, 4) != seeds
    assert replicate_seed(2026, 1, 0) != replicate_seed(2026, 0, 0)  # samples differ
    assert replicate_seed(2026, 7, 1, common=True) == replicate_seed(2026, 3, 1, common=True)
    with pytest.raises(InputError):
        replicate_seeds(1, 0)


def test_every_option_runs_on_the_same_replicate_seeds(three, options):
    seeds = replicate_seeds(5, 2)
    assert three.labels[0] == three.baseline == options[0].name
    summaries = three.summaries
    assert list(summaries.columns[:3]) == ["policy", "replicate", "seed"]
    assert len(summaries) == 3 * 2
    for label in three.labels:
        assert summaries.loc[summaries["policy"] == label, "seed"].tolist() == seeds
    # common random numbers: every option sees the same citizens on the first day
    ts = three.timeseries
    assert ts.groupby(["policy", "replicate"])["day"].max().eq(STEPS - 1).all()
    assert (ts[ts["day"] == 0].groupby("replicate")["arrivals"].nunique() == 1).all()
    assert three.provenance["replicate_seeds"] == seeds
    hashes = {option["scenario_hash"] for option in three.provenance["options"]}
    assert len(hashes) == 3


def test_long_table_has_every_alternative(three):
    table = three.comparison_table()
    assert list(table.columns) == list(COMPARISON_COLUMNS)
    assert list(pd.unique(table["option"])) == list(three.alternatives)
    for option in three.alternatives:
        rows = table[table["option"] == option].set_index("outcome").loc[list(SUMMARY_OUTCOMES)]
        pair = three.table(option=option).set_index("outcome").loc[list(SUMMARY_OUTCOMES)]
        np.testing.assert_array_equal(rows["difference"], pair["mean_diff"])
        np.testing.assert_array_equal(rows["baseline_mean"], pair["mean_a"])
    units = three.units
    assert set(units["policy"]) == set(three.labels)
    assert len(units) == 3 * 2 * 5  # options x replicates x classroom units


def test_a_compare_uses_the_seeds_and_gives_the_runs_of_a_two_policy_sweep(tmp_path):
    from birosim.experiments.spec import load_experiment
    from birosim.experiments.sweep import load_runs, run_sweep

    spec = tmp_path / "two_policies.toml"
    spec.write_text('name = "two_policies"\nbase = "classroom"\nhorizon_days = 30\n'
                    'warmup_days = 5\nseed = 4242\nreplicates = 2\n'
                    '[design]\nmethod = "full_factorial"\n'
                    '[policies]\nconventional = "conventional"\n'
                    'results_oriented = "results_oriented"\n')
    experiment = load_experiment(spec)
    run_sweep(experiment, tmp_path / "sweep", workers=1)
    runs = load_runs(tmp_path / "sweep")
    comparison = compare(*experiment.policies.values(), replicates=2, seed=4242,
                         labels=tuple(experiment.policies), uncertainty="seeds")
    for policy in experiment.policies:
        swept = runs[runs["policy"] == policy].set_index("replicate").sort_index()
        compared = comparison.side(policy)
        assert swept["seed"].tolist() == compared["seed"].tolist() == replicate_seeds(4242, 2)
        outcomes = [o for o in SUMMARY_OUTCOMES if o in swept.columns]
        assert outcomes
        pd.testing.assert_frame_equal(swept[outcomes], compared[outcomes], check_names=False)


def test_paired_effect_is_the_paired_t_interval():
    rng = np.random.default_rng(3)
    base = rng.normal(10, 2, 12)
    option = base + rng.normal(1, 0.5, 12)
    option[4] = np.nan  # an unfinished pair is left out on both sides
    e = paired_effect(base, option)
    ok = np.isfinite(option)
    diff = option[ok] - base[ok]
    half = stats.t.ppf(0.975, len(diff) - 1) * diff.std(ddof=1) / math.sqrt(len(diff))
    assert e["n"] == 11
    assert e["difference"] == pytest.approx(diff.mean())
    assert e["difference"] == pytest.approx(e["mean_option"] - e["mean_baseline"])
    assert (e["ci_low"], e["ci_high"]) == pytest.approx((diff.mean() - half, diff.mean() + half))
    assert e["p_value"] == pytest.approx(stats.ttest_rel(option[ok], base[ok]).pvalue)
    assert e["relative_difference"] == pytest.approx(diff.mean() / abs(base[ok].mean()))
    assert paired_effect(base, base)["p_value"] != paired_effect(base, base)["p_value"]  # NaN
    assert paired_effect(base, base + 1)["p_value"] == 0.0
    one = paired_effect([1.0], [2.0])
    assert one["difference"] == 1.0 and math.isnan(one["ci_low"])


def test_table_has_finite_paired_t_intervals(paired):
    table = paired.table()
    assert list(table.columns) == list(TABLE_COLUMNS)
    assert table["outcome"].tolist()[: len(SUMMARY_OUTCOMES)] == list(SUMMARY_OUTCOMES)
    main = table.set_index("outcome").loc[list(SUMMARY_OUTCOMES)]
    assert (main["n"] == 3).all()
    for column in ("mean_a", "mean_b", "mean_diff", "ci_low", "ci_high", "sd_diff"):
        assert np.isfinite(main[column]).all(), column
    assert (main["ci_low"] <= main["mean_diff"]).all()
    assert (main["mean_diff"] <= main["ci_high"]).all()
    diff = paired.differences()["ikm"].to_numpy()
    half = stats.t.ppf(0.975, 2) * diff.std(ddof=1) / math.sqrt(3)
    row = main.loc["ikm"]
    assert row["ci_low"] == pytest.approx(diff.mean() - half)
    assert row["ci_high"] == pytest.approx(diff.mean() + half)


def test_one_replicate_has_no_interval(classroom):
    table = compare(classroom, classroom, replicates=1, seed=3, steps=STEPS).table()
    assert (table["n"] <= 1).all()
    assert table["ci_low"].isna().all() and table["ci_high"].isna().all()
    assert table["sd_diff"].isna().all()


@pytest.mark.skipif(sys.platform == "win32", reason="fork start method")
def test_workers_do_not_change_results(options):
    days = []
    serial = compare(*options, replicates=2, seed=4, steps=40, workers=1, progress=days.append)
    assert sum(days) == 3 * 2 * 40
    days.clear()
    parallel = compare(*options, replicates=2, seed=4, steps=40, workers=2,
                       progress=days.append)
    assert sum(days) == 3 * 2 * 40
    pd.testing.assert_frame_equal(serial.summaries, parallel.summaries)
    pd.testing.assert_frame_equal(serial.timeseries, parallel.timeseries)
    pd.testing.assert_frame_equal(serial.units, parallel.units)


def test_bad_arguments(classroom):
    with pytest.raises(InputError, match="replicates"):
        compare(classroom, classroom, replicates=0, seed=1, steps=10)
    with pytest.raises(InputError, match="workers"):
        compare(classroom, classroom, replicates=1, seed=1, steps=10, workers=0)
    with pytest.raises(InputError, match="two or more"):
        compare(classroom, replicates=1, seed=1, steps=10)
    longer = classroom.model_copy(update={"horizon_days": classroom.horizon_days + 1})
    with pytest.raises(InputError, match="horizon"):
        compare(classroom, longer, replicates=1, seed=1, steps=None)
    with pytest.raises(InputError, match="labels"):
        compare(classroom, longer, replicates=1, seed=1, steps=10, labels=("x", "x"))
    with pytest.raises(InputError, match="steps"):
        with_horizon(classroom, 0)


def test_figures_in_both_languages(paired, tmp_path):
    from birosim.interfaces.plots import effects_figure, save_figure, timeseries_figure

    figure = timeseries_figure(paired.timeseries, band="se", lang="id")
    assert len(figure.axes) == 12
    assert figure.get_suptitle().startswith("Hasil utama")
    path = save_figure(effects_figure(paired, lang="id"), tmp_path / "effects.png")
    assert path.stat().st_size > 10_000
    figure = effects_figure(paired.table(), labels=("A", "B"), scale="sd")
    assert "Effect of B" in figure.get_suptitle()
    assert not list(tmp_path.glob(".*"))
    with pytest.raises(InputError, match="lang"):
        effects_figure(paired, lang="fr")


def test_run_spec_reuses_its_organisation(classroom):
    spec = RunSpec.build(classroom, seed=3, steps=20)
    assert spec.steps == 20 and spec.seed == 3
    assert spec.with_seed(4).organisation is spec.organisation
    assert spec.with_seed(4).content_hash == spec.content_hash  # the seed is recorded apart
    longer = spec.with_steps(30)
    assert longer.organisation is spec.organisation and longer.content_hash != spec.content_hash
    assert spec.content_hash == with_horizon(classroom, 20).content_hash()
    with pytest.raises(ValueError, match="organisation"):
        spec.with_scenario(classroom.model_copy(update={"organisation": "kabupaten"}))
