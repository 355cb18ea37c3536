"""Paired comparisons on common random numbers (birosim.experiments.compare)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from birosim.core import SUMMARY_OUTCOMES, InputError, load_scenario
from birosim.experiments.compare import (
    TABLE_COLUMNS,
    compare,
    load_with_preset,
    replicate_seeds,
    with_horizon,
)
from scipy import stats

STEPS = 60


@pytest.fixture(scope="module")
def classroom():
    return load_scenario("classroom")


@pytest.fixture(scope="module")
def pair():
    """The classroom organisation under the two presets, 60 days."""
    a = with_horizon(load_with_preset("classroom", "conventional"), STEPS)
    b = with_horizon(load_with_preset("classroom", "results_oriented"), STEPS)
    return a, b


@pytest.fixture(scope="module")
def paired(pair):
    a, b = pair
    return compare(a, b, replicates=3, seed=11, steps=STEPS)


def test_identical_levers_give_exactly_zero_differences(classroom):
    comparison = compare(classroom, classroom, replicates=2, seed=5, steps=STEPS)
    assert comparison.labels == ("classroom [A]", "classroom [B]")
    diff = comparison.differences()
    a, b = comparison.side("a"), comparison.side("b")
    for outcome in comparison.outcomes():
        both_nan = a[outcome].isna() & b[outcome].isna()
        assert (both_nan | (diff[outcome] == 0)).all(), outcome
    table = comparison.table().set_index("outcome")
    finite = table[table["n"] > 0]
    assert (finite["mean_diff"] == 0).all()
    assert (finite["ci_low"] == 0).all() and (finite["ci_high"] == 0).all()
    assert set(SUMMARY_OUTCOMES) <= set(finite.index)
    # the per-day series are identical too
    ts = comparison.timeseries
    left = ts[ts["policy"] == "classroom [A]"].drop(columns="policy").reset_index(drop=True)
    right = ts[ts["policy"] == "classroom [B]"].drop(columns="policy").reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right)


def test_replicate_seeds_are_deterministic_and_prefix_stable():
    seeds = replicate_seeds(2026, 4)
    assert seeds == replicate_seeds(2026, 4)
    assert seeds[:2] == replicate_seeds(2026, 2)
    assert seeds == [int(s) for s in np.random.SeedSequence(2026).generate_state(4)]
    assert len(set(seeds)) == 4
    assert replicate_seeds(2027, 4) != seeds
    with pytest.raises(InputError):
        replicate_seeds(1, 0)


def test_comparison_frames(paired, pair):
    a, b = pair
    seeds = replicate_seeds(11, 3)
    assert paired.seeds == seeds
    summaries = paired.summaries
    assert list(summaries.columns[:3]) == ["policy", "replicate", "seed"]
    assert len(summaries) == 6
    assert set(summaries["policy"]) == {a.name, b.name}
    for label in (a.name, b.name):
        rows = summaries[summaries["policy"] == label]
        assert rows["replicate"].tolist() == [0, 1, 2]
        assert rows["seed"].tolist() == seeds
    assert set(SUMMARY_OUTCOMES) <= set(summaries.columns)
    ts = paired.timeseries
    assert list(ts.columns[:4]) == ["policy", "replicate", "seed", "day"]
    assert len(ts) == 2 * 3 * STEPS
    assert ts.groupby(["policy", "replicate"])["day"].max().eq(STEPS - 1).all()
    # common random numbers: both policies see the same citizens on the first day
    day0 = ts[ts["day"] == 0].groupby("replicate")["arrivals"].nunique()
    assert (day0 == 1).all()
    assert paired.provenance["a"]["scenario_hash"] != paired.provenance["b"]["scenario_hash"]
    assert paired.provenance["replicate_seeds"] == seeds


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
    np.testing.assert_allclose(main["mean_diff"], main["mean_b"] - main["mean_a"], rtol=1e-12,
                               atol=1e-9)
    # the interval is the paired t-interval on the per-replicate differences
    diff = paired.differences()["ikm"].to_numpy()
    half = stats.t.ppf(0.975, 2) * diff.std(ddof=1) / math.sqrt(3)
    row = main.loc["ikm"]
    assert row["ci_low"] == pytest.approx(diff.mean() - half)
    assert row["ci_high"] == pytest.approx(diff.mean() + half)
    assert row["sd_diff"] == pytest.approx(diff.std(ddof=1))


def test_one_replicate_has_no_interval(classroom):
    table = compare(classroom, classroom, replicates=1, seed=3, steps=STEPS).table()
    assert (table["n"] <= 1).all()
    assert table["ci_low"].isna().all() and table["ci_high"].isna().all()
    assert table["sd_diff"].isna().all()


def test_workers_do_not_change_results(pair):
    a, b = pair
    days = []
    serial = compare(a, b, replicates=2, seed=4, steps=40, workers=1, progress=days.append)
    assert sum(days) == 2 * 2 * 40
    days.clear()
    parallel = compare(a, b, replicates=2, seed=4, steps=40, workers=2, progress=days.append)
    assert sum(days) == 2 * 2 * 40
    pd.testing.assert_frame_equal(serial.summaries, parallel.summaries)
    pd.testing.assert_frame_equal(serial.timeseries, parallel.timeseries)
    pd.testing.assert_frame_equal(serial.table(), parallel.table())


def test_bad_arguments(classroom, pair):
    with pytest.raises(InputError, match="replicates"):
        compare(classroom, classroom, replicates=0, seed=1, steps=10)
    with pytest.raises(InputError, match="workers"):
        compare(classroom, classroom, replicates=1, seed=1, steps=10, workers=0)
    longer = classroom.model_copy(update={"horizon_days": classroom.horizon_days + 1})
    with pytest.raises(InputError, match="horizon"):
        compare(classroom, longer, replicates=1, seed=1, steps=None)
    with pytest.raises(InputError, match="steps"):
        with_horizon(classroom, 0)


def test_figures_in_both_languages(paired, tmp_path):
    from birosim.interfaces.plots import effects_figure, save_figure, timeseries_figure

    figure = timeseries_figure(paired.timeseries, band="se", lang="id")  # drawn by the CLI tests
    assert len(figure.axes) == 12
    assert figure.get_suptitle().startswith("Hasil utama")
    path = save_figure(effects_figure(paired, lang="id"), tmp_path / "effects.png")
    assert path.stat().st_size > 10_000
    figure = effects_figure(paired.table(), labels=("A", "B"), scale="sd")
    assert "Effect of B" in figure.get_suptitle()
    assert not list(tmp_path.glob(".*"))  # no temporary files left behind
    with pytest.raises(InputError, match="lang"):
        effects_figure(paired, lang="fr")
