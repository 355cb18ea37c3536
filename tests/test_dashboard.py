"""The dashboard's logic without a browser: lockstep on common random numbers, events, levers."""

from __future__ import annotations

import numpy as np
import pytest
from birosim.core import load_scenario
from birosim.core.errors import InputError
from birosim.core.outcome_registry import get_outcome
from birosim.core.parameters import get_parameter
from birosim.interfaces.dashboard.charts import Line, line_chart, smooth
from birosim.interfaces.dashboard.controls import THEMES, theme_levers
from birosim.interfaces.dashboard.events import EVENTS
from birosim.interfaces.dashboard.i18n import LANGS, TEXT
from birosim.interfaces.dashboard.session import LockstepPair
from birosim.interfaces.dashboard.views import PANELS, SCORECARD, scorecard_rows

COLUMNS = ("backlog", "lead_time_mean_days", "headcount", "corrupt_acts", "ikm", "perf_reported",
           "acceptance")


@pytest.fixture(scope="module")
def classroom():
    return load_scenario("classroom")


@pytest.fixture(scope="module")
def reform():
    """The results-oriented reform on the classroom organisation (every event has a target)."""
    return load_scenario("results_oriented").model_copy(update={"organisation": "classroom"})


def same(pair: LockstepPair, column: str) -> bool:
    series = pair.series(column)
    return np.array_equal(series["A"], series["B"], equal_nan=True)


def test_identical_levers_keep_both_sides_identical(classroom):
    pair = LockstepPair(classroom, classroom)
    pair.step(60)
    assert pair.day == 60
    assert all(same(pair, column) for column in COLUMNS)


def test_a_lever_on_one_side_changes_that_side_only(classroom):
    pair = LockstepPair(classroom, classroom)
    reference = LockstepPair(classroom, classroom)
    pair.step(20)
    reference.step(20)
    pair.set_lever("A", "service.demand_multiplier", 2.0)
    pair.step(20)
    reference.step(20)
    assert not same(pair, "backlog")
    np.testing.assert_array_equal(pair.series("backlog")["B"], reference.series("backlog")["B"])
    assert reference.lever("B", "service.demand_multiplier") == 1.0


def test_a_bad_lever_value_is_refused_and_changes_nothing(classroom):
    pair = LockstepPair(classroom, classroom)
    before = pair.models["A"].levers.model_dump()
    parameter = get_parameter("integrity.audit_rate")
    with pytest.raises(InputError, match="integrity.audit_rate"):
        pair.set_lever("A", parameter.name, parameter.max + 1)
    with pytest.raises(InputError):
        pair.set_lever("A", parameter.name, "many")
    assert pair.models["A"].levers.model_dump() == before


@pytest.mark.parametrize("event", sorted(EVENTS))
def test_an_event_acts_on_both_sides_alike_and_is_marked(reform, event):
    pair = LockstepPair(reform, reform)
    calm = LockstepPair(reform, reform)
    pair.step(25)
    calm.step(25)
    pair.fire(event)
    pair.step(120)
    calm.step(120)
    assert [marker.event for marker in pair.markers] == [event]
    assert pair.markers[0].day == 25
    assert all(same(pair, column) for column in COLUMNS)  # both sides met the same event
    assert pair.models["A"].levers.model_dump() == pair.models["B"].levers.model_dump()
    changed = any(not np.array_equal(pair.series(c)["A"], calm.series(c)["A"], equal_nan=True)
                  for c in COLUMNS)
    assert changed, f"{event} changed nothing"


def test_audit_campaign_ends_after_its_duration(classroom):
    pair = LockstepPair(classroom, classroom)
    rate = pair.lever("A", "integrity.audit_rate")
    pair.fire("audit_campaign")
    assert pair.lever("B", "integrity.audit_rate") > rate
    pair.step(EVENTS["audit_campaign"].duration_days)
    assert pair.lever("A", "integrity.audit_rate") == pytest.approx(rate)


def test_copy_a_to_b_and_reset_keep_the_pair_in_lockstep(classroom, reform):
    pair = LockstepPair(classroom, reform)
    pair.step(10)
    assert not same(pair, "backlog")
    pair.copy_levers("A", "B")
    pair.reset()
    pair.step(30)
    assert pair.day == 30
    assert all(same(pair, column) for column in COLUMNS)


def test_sessions_share_no_state(classroom):
    first, second = LockstepPair(classroom, classroom), LockstepPair(classroom, classroom)
    first.set_lever("B", "service.demand_multiplier", 3.0)
    first.fire("demand_surge")
    first.step(10)
    assert second.lever("B", "service.demand_multiplier") == 1.0
    assert not second.markers and second.day == 0
    assert classroom.shocks == [] and classroom.levers.service.demand_multiplier == 1.0


def test_every_theme_shows_levers_and_every_lever_group_has_a_theme():
    from birosim.core.parameters import parameters

    assert all(theme_levers(theme) for theme in THEMES)
    shown = {group for groups in THEMES.values() for group in groups}
    assert {p.group for p in parameters(role="lever")} <= shown


def test_every_dashboard_word_exists_in_both_languages():
    for key, words in TEXT.items():
        assert set(words) == set(LANGS), key
        assert all(words[lang].strip() for lang in LANGS), key
    for name in EVENTS:
        assert f"event_{name}" in TEXT and f"help_{name}" in TEXT
    for panel, _ in PANELS:
        assert f"panel_{panel}" in TEXT and f"explain_{panel}" in TEXT


def test_charts_and_scorecard_read_registered_outcomes(classroom, reform):
    columns = {c for _, charts in PANELS for chart in charts for c in chart} | set(SCORECARD)
    for column in columns:
        assert get_outcome(column).label("id")
    pair = LockstepPair(classroom, reform)
    pair.step(40)
    for row in scorecard_rows(pair, "en"):
        better = get_outcome(row["column"]).better
        if row["verdict"] != "none":
            assert (row["difference"] > 0) == ((row["verdict"] == "better") == (better == "higher"))


def test_chart_draws_both_sides_on_one_axis_with_markers():
    values = np.arange(30, dtype=float)
    svg = line_chart("t", [Line("A", "x", values), Line("B", "x", values * 2)], [(10, "surge")],
                     250, {"A": "A", "B": "B"})
    assert svg.count("<polyline") == 2 and svg.count("birosim-marker") == 1
    assert smooth(np.array([1.0, np.nan, 3.0]), 2)[-1] == 3.0
