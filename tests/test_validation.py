"""Validation patterns (quick versions): the model must keep reproducing the published patterns.

Each pattern's quick experiment runs once (module-scoped) and its key inequalities are checked
one by one, so that a lost pattern names what was lost. The full versions, their numbers and
figures are in ``docs/validation.md`` (``birosim validate``). Also: the queueing theory used
as the benchmark, the Bass curve, the outputs on disk and the ``validate`` command.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from birosim.experiments.validation import FIELD_EVIDENCE, PATTERNS
from birosim.experiments.validation.diffusion import bass, bass_peak_year
from birosim.experiments.validation.queueing import erlang_c, mdc_wait, mmc_wait, slotted_wait
from birosim.interfaces.figures.validation import validate_pattern

SEED = 2026


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("validation")


@pytest.fixture(scope="module")
def results(out_dir):
    cache = {}

    def get(name):  # each pattern's experiment, then its figure (what `birosim validate` does)
        if name not in cache:
            cache[name] = validate_pattern(name, quick=True, out_dir=out_dir, seed=SEED)
        return cache[name]

    return get


# ------------------------------------------------------------------------------ benchmarks
def test_mdc_wait_matches_md1_formula():
    for rho in (0.3, 0.6, 0.9):
        assert mdc_wait(rho, 1) == pytest.approx(rho / (2 * (1 - rho)), rel=1e-6)


def test_erlang_c_and_mmc():
    assert erlang_c(1, 0.7) == pytest.approx(0.7)  # M/M/1: P(wait) = rho
    assert mmc_wait(0.7, 1) == pytest.approx(0.7 / 0.3)
    assert mmc_wait(5.0, 5) == math.inf


def test_deterministic_service_waits_about_half_of_exponential():
    ratio = mdc_wait(4.75, 5) / mmc_wait(4.75, 5)
    assert 0.45 < ratio < 0.6


def test_fractional_capacity_lies_between_neighbours():
    assert slotted_wait(3.5, 5.0) < slotted_wait(3.5, 4.5) < slotted_wait(3.5, 4.0)


def test_bass_curve():
    t = np.linspace(0, 30, 301)
    f = bass(t, 0.03, 0.38, 0.01)
    assert f[0] == pytest.approx(0.01)
    assert np.all(np.diff(f) > 0) and f[-1] > 0.99
    rate = np.diff(bass(t, 0.03, 0.38, 0.0))  # the textbook curve starts from F(0) = 0
    assert abs(t[np.argmax(rate)] + 0.05 - bass_peak_year(0.03, 0.38)) < 0.1
    assert bass_peak_year(0.03, 0.0) == 0.0


# ------------------------------------------------------------------------------ patterns
def _check(result, name):
    failed = [k for k, ok in result.checks.items() if not ok]
    assert not failed, f"{name}: lost {failed}; measured {result.measured}"


def test_queueing(results):
    result = results("queueing")
    _check(result, "queueing")
    assert result.measured["little_max_error_pct"] <= 2.0
    assert result.measured["fit_lead_a_plus_b_over_1_minus_rho"]["b"] > 0
    assert 0.35 < result.measured["wait_ratio_model_to_mmc_rho_ge_0.8"] < 0.8


def test_parkinson(results):
    result = results("parkinson")
    _check(result, "parkinson")
    assert 0.05 <= result.measured["incremental_growth_simple_per_year_flat_demand"] <= 0.07
    assert abs(result.measured["freeze_growth_simple_per_year_flat_demand"]) <= 0.005
    assert abs(result.measured["slope_incremental"]) < 0.2
    assert result.measured["slope_performance"] > 0.7


def test_peter(results):
    result = results("peter")
    _check(result, "peter")
    table = result.table.set_index(["hypothesis", "strategy"])["gain_pct_points"]
    assert table["peter", "best"] < table["peter", "random"] < table["peter", "worst"]
    assert table["common_sense", "best"] > table["common_sense", "random"] > table["common_sense", "worst"]


def test_corruption(results):
    result = results("corruption")
    _check(result, "corruption")
    acts = result.measured["acts_per_1000_cases_low_medium_high_accountability"]
    assert acts[0] > acts[-1]
    assert result.measured["max_gap_between_branches"] >= 0.3


def test_gaming(results):
    result = results("gaming")
    _check(result, "gaming")
    m = result.measured
    assert m["mean_reported"] > m["mean_true"]
    assert m["share_reporting_target_met"] > m["share_truly_meeting_target"]
    assert m["effort_ratchet"] < m["effort_continuous"]


def test_diffusion(results):
    result = results("diffusion")
    _check(result, "diffusion")
    m = result.measured
    assert m["q_collaboration"] > 5 * m["p_collaboration"]
    assert m["q_no_collaboration"] < m["p_no_collaboration"]


def test_effect_size(results):
    result = results("effect_size")
    _check(result, "effect_size")
    m = result.measured
    assert 0 < m["d_composite_results_oriented"] <= 0.8
    for variant in ("poor_measurement", "no_training", "weak_leadership"):
        assert m[f"d_composite_{variant}"] < m["d_composite_results_oriented"]


# ------------------------------------------------------------------------------ outputs
def test_outputs_on_disk(results, out_dir):
    result = results("peter")
    folder = out_dir / "peter"
    table = pd.read_csv(folder / "table.csv")
    assert len(table) == len(result.table)
    assert (folder / "figure.png").stat().st_size > 10_000
    verdict = json.loads((folder / "verdict.json").read_text())
    assert verdict["verdict"] == result.verdict
    assert set(verdict["checks"]) == set(result.checks)


def test_registry_lists_every_pattern():
    """The textbook patterns first, then the field-evidence experiments (tests/test_evidence.py)."""
    textbook = ["queueing", "parkinson", "peter", "corruption", "gaming", "diffusion",
                "effect_size"]
    assert list(PATTERNS) == textbook + list(FIELD_EVIDENCE)


# ------------------------------------------------------------------------------ command
@pytest.fixture(scope="module")
def cli_app():
    from birosim.interfaces.cli import app

    return app


def test_validate_command(cli_app, tmp_path):
    from typer.testing import CliRunner

    result = CliRunner().invoke(cli_app, ["validate", "peter", "--quick", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "peter" in result.output and "PASS" in result.output
    assert (tmp_path / "peter" / "figure.png").is_file()


def test_validate_unknown_pattern_is_one_error_line(cli_app, tmp_path):
    from typer.testing import CliRunner

    result = CliRunner().invoke(cli_app, ["validate", "nonsense", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown pattern 'nonsense'" in result.output
