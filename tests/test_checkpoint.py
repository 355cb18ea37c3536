"""Checkpoint and resume, and per-unit series in memory or streamed to Parquet.

A long national run must be able to stop and resume: a model pickled after step 125 of 250 and
finished after unpickling gives exactly the result of one uninterrupted run (every random stream
and every array is part of the pickled state).
"""

from __future__ import annotations

import math
import pickle

import pandas as pd
import pytest
from birosim.core import BureaucracyModel, scenario_from_dict
from birosim.core.outcomes import UNIT_COLUMNS

HORIZON = 250
HALF = 125


def scenario(horizon: int = HORIZON):
    return scenario_from_dict({
        "organisation": "classroom", "preset": "results_oriented", "horizon_days": horizon,
    })


def same(a: float, b: float) -> bool:
    """Exact equality, NaN equal to NaN."""
    return a == b or (math.isnan(a) and math.isnan(b))


@pytest.fixture(scope="module")
def uninterrupted():
    model = BureaucracyModel(scenario(), unit_series=True)
    model.run()
    return model


def test_resume_after_checkpoint_gives_the_same_run(uninterrupted):
    first_half = BureaucracyModel(scenario(), unit_series=True)
    first_half.run(HALF)
    assert first_half.day == HALF and first_half.running
    blob = pickle.dumps(first_half)
    del first_half
    resumed = pickle.loads(blob)
    resumed.run()
    assert resumed.day == HORIZON and not resumed.running

    expected, got = uninterrupted.summary(), resumed.summary()
    assert expected.keys() == got.keys()
    different = {k: (expected[k], got[k]) for k in expected if not same(expected[k], got[k])}
    assert not different
    assert resumed.cases() == uninterrupted.cases()
    pd.testing.assert_frame_equal(resumed.timeseries(), uninterrupted.timeseries())
    pd.testing.assert_frame_equal(resumed.unit_series(), uninterrupted.unit_series())


def test_checkpoint_does_not_disturb_the_original(uninterrupted):
    model = BureaucracyModel(scenario(), unit_series=True)
    model.run(HALF)
    pickle.dumps(model)  # taking a checkpoint must not change the run
    model.run()
    pd.testing.assert_frame_equal(model.timeseries(), uninterrupted.timeseries())


def test_streamed_unit_series_equal_the_in_memory_ones(tmp_path, uninterrupted):
    sink = tmp_path / "units.parquet"
    streamed = BureaucracyModel(scenario(), unit_series=True, unit_sink=sink)
    streamed.run()
    assert sink.is_file()
    in_memory = uninterrupted.unit_series()
    pd.testing.assert_frame_equal(streamed.unit_series(), in_memory)  # closes the file
    from_file = pd.read_parquet(sink)
    assert len(from_file) == HORIZON * uninterrupted.org.n_units
    assert list(from_file.columns) == ["day", "unit_id", *UNIT_COLUMNS]
    pd.testing.assert_frame_equal(from_file, in_memory)
    # collecting (or streaming) per-unit series does not change the model's own results
    assert all(same(streamed.summary()[k], v) for k, v in uninterrupted.summary().items())


def test_parquet_file_is_complete_when_the_run_ends(tmp_path):
    sink = tmp_path / "units.parquet"
    model = BureaucracyModel(scenario(60), unit_series=["backlog"], unit_sink=sink)
    model.run()
    assert len(pd.read_parquet(sink)) == 60 * model.org.n_units


def test_a_column_selection_keeps_only_those_columns(tmp_path, uninterrupted):
    columns = ["backlog", "headcount"]
    sink = tmp_path / "selected.parquet"
    for sink_path in (None, sink):
        model = BureaucracyModel(scenario(), unit_series=columns, unit_sink=sink_path)
        model.run()
        frame = model.unit_series()
        assert list(frame.columns) == ["day", "unit_id", *columns]
        expected = uninterrupted.unit_series()[["day", "unit_id", *columns]]
        pd.testing.assert_frame_equal(frame, expected)


def test_no_unit_series_when_switched_off():
    model = BureaucracyModel(scenario(20), unit_series=False)
    model.run()
    assert model.unit_series().empty
    assert len(model.timeseries()) == 20


def test_unknown_unit_column_is_refused():
    with pytest.raises(ValueError, match="unknown unit columns"):
        BureaucracyModel(scenario(5), unit_series=["backlog", "no_such_column"])


def test_a_streaming_run_can_be_checkpointed(tmp_path, uninterrupted):
    """Checkpointing closes the Parquet file written so far; the resumed run writes a part file
    beside it, and together they hold exactly the rows of one uninterrupted run."""
    first = BureaucracyModel(scenario(), unit_sink=tmp_path / "units.parquet")
    first.run(HALF)
    resumed = pickle.loads(pickle.dumps(first))
    resumed.run()
    paths = resumed.unit_recorder.paths()
    assert [p.name for p in paths] == ["units.parquet", "units.part1.parquet"]
    assert all(p.exists() for p in paths)
    pd.testing.assert_frame_equal(
        resumed.unit_series().reset_index(drop=True),
        uninterrupted.unit_series().reset_index(drop=True),
        check_exact=True, check_categorical=False,
    )
