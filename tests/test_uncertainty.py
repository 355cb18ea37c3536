"""Parameter uncertainty in comparisons (``compare --uncertainty parameters``).

The draw of the plausible set is a pure function of the replicate seed, inside each range and
whole where the parameter is; a set of zero width gives exactly the seeds-only comparison (the
same point-estimate procedure); on the same replicate seeds the parameter intervals are at
least as wide as the seeds-only intervals. The width test uses a small organisation with stable
queues (utilisation about 0.6) and two base seeds, 6 paired replicates each. Its tolerance: the
width of a t-interval on 6 replicates has a sampling error of about 30 % (the sd of a sample
sd on 5 degrees of freedom is about 1/sqrt(10) of it), so one outcome whose effect hardly
depends on the parameters can come out narrower by chance; the test therefore requires the
widths to be at least as wide in aggregate: the geometric mean of the ratio over the outcomes
a planner reads first, and its median over every outcome with an interval, are at least 1.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from birosim.experiments.compare import COMPARISON_COLUMNS, compare
from birosim.experiments.uncertainty import PlausibleSet, drawable_parameters
from birosim.experiments.validation import _common as common

#: replicates per interval: with 6 the seeds-only width itself varies by about a third between
#: samples, so a small added parameter spread could come out narrower by chance (seen at 0.99)
REPLICATES = 12
HEADLINE = ("lead_time_mean_days", "on_time_share", "cost_per_case_rp",
            "corrupt_acts_per_1000_cases", "ikm", "productivity_true")


@pytest.fixture(scope="module")
def options(tmp_path_factory):
    rows = [common.unit_row(unit_id=f"U{k}", staff=20, daily_demand=24.0, approval_layers=2,
                            work_hours_per_case=2.0, monopoly=0.6, discretion=0.4)
            for k in range(8)]
    org = common.write_org(tmp_path_factory.mktemp("uncertainty") / "units.csv", rows)
    return (common.scenario(org, horizon=250, warmup=50, name="conventional"),
            common.scenario(org, horizon=250, warmup=50, preset="results_oriented",
                            name="results_oriented"))


def test_draws_are_reproducible_and_inside_the_set():
    plausible = PlausibleSet.prior()
    assert set(plausible.ranges) == {p.name for p in drawable_parameters()}
    first, again, other = plausible.draw(5), plausible.draw(5), plausible.draw(6)
    assert first == again and first != other
    for name, value in first.items():
        low, high = plausible.ranges[name]
        assert low <= value <= high, name
    whole = [p.name for p in drawable_parameters() if isinstance(p.default, int)]
    assert all(isinstance(first[name], int) for name in whole)
    assert "not yet history-matched" in plausible.provenance


def test_parameters_set_by_an_option_are_not_drawn(options):
    a, b = options
    tuned = b.with_levers({"integrity.moral_cost_months": 3.0}, source="test")
    free = PlausibleSet.prior().free_in([a.levers, tuned.levers])
    assert "integrity.moral_cost_months" not in free
    assert "integrity.decision_noise" in free


def test_zero_width_set_is_the_seeds_only_procedure(options):
    fixed = PlausibleSet({p.name: (p.default, p.default) for p in drawable_parameters()}, "test")
    seeds = compare(*options, replicates=2, seed=4, steps=120, uncertainty="seeds")
    drawn = compare(*options, replicates=2, seed=4, steps=120, uncertainty="parameters",
                    plausible=fixed)
    a, b = seeds.comparison_table(), drawn.comparison_table()
    assert list(a.columns) == list(COMPARISON_COLUMNS)
    assert set(a["interval"]) == {"seeds"} and set(b["interval"]) == {"parameters"}
    numbers = ["baseline_mean", "option_mean", "difference", "ci_low", "ci_high"]
    assert a[numbers].equals(b[numbers])


@pytest.mark.parametrize("seed", [1, 2])
def test_parameter_intervals_are_at_least_as_wide(options, seed):
    seeds = compare(*options, replicates=REPLICATES, seed=seed, uncertainty="seeds")
    drawn = compare(*options, replicates=REPLICATES, seed=seed, uncertainty="parameters")
    assert seeds.seeds == drawn.seeds
    width = {kind: c.comparison_table().set_index("outcome").eval("ci_high - ci_low")
             for kind, c in (("seeds", seeds), ("parameters", drawn))}
    ratio = (width["parameters"] / width["seeds"]).replace([np.inf], np.nan).dropna()
    headline = np.exp(np.log(ratio[list(HEADLINE)]).mean())
    assert headline >= 1, ratio[list(HEADLINE)].to_dict()
    assert ratio[ratio > 0].median() >= 1, ratio.to_dict()
    record = drawn.provenance["plausible_set"]
    assert len(record["draws"]) == REPLICATES and record["drawn"]
    assert drawn.provenance["interval"] == "parameters"


def test_cli_writes_the_interval_kind(tmp_path):
    from birosim.interfaces.cli import app
    from typer.testing import CliRunner

    out = tmp_path / "cmp"
    result = CliRunner().invoke(app, [
        "compare", "classroom", "classroom", "--replicates", "2", "--steps", "30",
        "--uncertainty", "parameters", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "parameter draws" in result.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["interval"] == "parameters" and manifest["plausible_set"]["drawn"]
    bad = CliRunner().invoke(app, ["compare", "classroom", "classroom", "--uncertainty", "both",
                                   "--out", str(tmp_path / "bad")])
    assert bad.exit_code == 2 and "seeds | parameters" in bad.output
