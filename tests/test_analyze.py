"""Analysis: SALib wiring checked on models with known answers, paired effects, PRIM, CLI."""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from birosim.core import InputError
from birosim.experiments.analyze import (
    SweepData,
    analyze_sweep,
    load_sweep,
    paired_effects,
    scenario_discovery,
)
from birosim.experiments.spec import AnalysisSpec, PrimSpec, factors_from_manifest, parse_spec
from birosim.experiments.sweep import run_sweep
from birosim.interfaces.figures.sensitivity import analysis_figures

PI = math.pi
# Ishigami (a = 7, b = 0.1): analytic first-order and total Sobol indices
ISHIGAMI_S1 = [0.3139, 0.4424, 0.0]
ISHIGAMI_ST = [0.5576, 0.4424, 0.2437]


def write(tmp_path: Path, text: str, name: str = "spec.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def linear_runner(scenario, *, seed, steps, series, factors):
    """y = 3a - 2b + 0c: Morris mu* = |coefficient| x range, sigma = 0."""
    return {"y": 3 * factors["a"] - 2 * factors["b"] + 0 * factors["c"]}


def test_sobol_indices_of_the_ishigami_function(tmp_path):
    spec = write(tmp_path, f"""
        name = "ishigami"
        runner = "ishigami"
        seed = 1
        [design]
        method = "sobol"
        samples = 2048
        [uncertainties]
        x1 = {{ range = [{-PI}, {PI}] }}
        x2 = {{ range = [{-PI}, {PI}] }}
        x3 = {{ range = [{-PI}, {PI}] }}
        [analysis]
        resamples = 200
    """)
    result = run_sweep(spec, tmp_path / "out", workers=1)
    assert result.complete and result.done == 2048 * 5
    report = analyze_sweep(tmp_path / "out", figures=analysis_figures())
    sobol = report.sensitivity["sobol"].set_index("factor")
    assert list(sobol.index) == ["x1", "x2", "x3"]
    assert set(sobol["role"]) == {"uncertainty"}
    for name, s1, st in zip(["x1", "x2", "x3"], ISHIGAMI_S1, ISHIGAMI_ST, strict=True):
        row = sobol.loc[name]
        assert row["S1"] == pytest.approx(s1, abs=0.04), name
        assert row["ST"] == pytest.approx(st, abs=0.04), name
        assert 0 < row["S1_conf"] < 0.1 and 0 < row["ST_conf"] < 0.1
    assert (tmp_path / "out" / "analysis" / "sobol.csv").is_file()
    assert (tmp_path / "out" / "analysis" / "sobol_base.png").is_file()
    assert "Sobol" in (tmp_path / "out" / "analysis" / "report.md").read_text()
    assert "x2" in report.to_text()


def test_morris_indices_of_a_linear_model(tmp_path):
    spec = write(tmp_path, """
        runner = "test_analyze:linear_runner"
        seed = 5
        [design]
        method = "morris"
        samples = 20
        levels = 4
        [levers]
        a = { range = [0, 1] }
        b = { range = [0, 2] }
        c = { range = [0, 1] }
    """)
    run_sweep(spec, tmp_path / "out", workers=1)
    report = analyze_sweep(tmp_path / "out")
    morris = report.sensitivity["morris"].set_index("factor")
    assert morris.loc["a", "mu_star"] == pytest.approx(3.0)
    assert morris.loc["b", "mu_star"] == pytest.approx(4.0)
    assert morris.loc["b", "mu"] == pytest.approx(-4.0)
    assert morris.loc["c", "mu_star"] == pytest.approx(0.0, abs=1e-12)
    assert morris["sigma"].abs().max() == pytest.approx(0.0, abs=1e-9)


def test_paired_effects_on_common_random_numbers():
    rng = np.random.default_rng(0)
    rows = []
    for sample in range(10):
        for rep in range(5):
            luck = rng.normal(50, 10)  # shared by both policies: cancels in the difference
            rows.append({"sample": sample, "replicate": rep, "policy": "a", "y": luck})
            rows.append({"sample": sample, "replicate": rep, "policy": "b",
                         "y": luck + 2 + rng.normal(0, 0.5)})
    runs = pd.DataFrame(rows[:-1])  # one run of b missing: its pair is left out
    table = paired_effects(runs, ["y"], ["a", "b"], "a", conf_level=0.95)
    row = table.iloc[0]
    assert row["policy"] == "b" and row["baseline"] == "a" and row["n_pairs"] == 49
    assert row["ci_low"] < 2 < row["ci_high"]
    assert row["ci_high"] - row["ci_low"] < 0.5  # CRN: the luck of each seed cancels
    assert row["p_value"] < 1e-10
    by_sample = paired_effects(runs, ["y"], ["a", "b"], "a", by="sample")
    assert len(by_sample) == 10 and by_sample["n_pairs"].sum() == 49


def _synthetic_sweep(tmp_path: Path, prim: str) -> SweepData:
    """A sweep whose reform fails exactly where x1 > 0.7 and x2 < 0.4 (plus a category)."""
    rng = np.random.default_rng(1)
    n = 600
    x1, x2 = rng.random(n), rng.random(n)
    mode = rng.choice(["incremental", "performance"], n)
    fails = (x1 > 0.7) & (x2 < 0.4)
    rows = []
    for i in range(n):
        values = {"x1": x1[i], "x2": x2[i], "budget.mode": mode[i]}
        base = 80 + rng.normal()
        rows.append({"run_id": f"s{i}-a", "sample": i, "replicate": 0, "policy": "conventional",
                     **values, "ikm": base, "cost": 100.0})
        rows.append({"run_id": f"s{i}-b", "sample": i, "replicate": 0,
                     "policy": "results_oriented", **values,
                     "ikm": base + (-1.0 if fails[i] else 2.0), "cost": 90.0})
    spec = parse_spec(textwrap.dedent(f"""
        runner = "x:y"
        [design]
        samples = {n}
        [levers]
        x1 = {{ range = [0, 1] }}
        x2 = {{ range = [0, 1] }}
        "budget.mode" = ["incremental", "performance"]
        [policies]
        conventional = "conventional"
        results_oriented = "results_oriented"
        {prim}
    """), "synthetic")
    manifest = {"design": {"policies": ["conventional", "results_oriented"], "factors": [
        {"name": "x1", "role": "uncertainty", "kind": "float", "range": [0, 1]},
        {"name": "x2", "role": "uncertainty", "kind": "float", "range": [0, 1]},
        {"name": "budget.mode", "role": "lever", "kind": "choice",
         "values": ["incremental", "performance"]},
    ]}}
    factors = factors_from_manifest(manifest)
    design = pd.DataFrame({"sample": np.arange(n)})
    return SweepData(tmp_path, spec, factors, design, pd.DataFrame(rows), pd.DataFrame(),
                     manifest, ["ikm", "cost"], ["conventional", "results_oriented"])


PRIM = """
[analysis.prim]
question = "Where does the reform fail to beat conventional on satisfaction or cost?"
policy = "results_oriented"
baseline = "conventional"
criteria = [{ outcome = "ikm", better = "higher" }, { outcome = "cost", better = "lower" }]
threshold = 0.95
"""


def test_prim_finds_the_box_where_the_reform_fails(tmp_path):
    data = _synthetic_sweep(tmp_path, PRIM)
    result = scenario_discovery(data)
    assert result.n_samples == 600
    assert result.n_interest == int(data.runs.query("policy == 'results_oriented'")
                                    .eval("x1 > 0.7 and x2 < 0.4").sum())
    assert result.meets_threshold and result.density >= 0.95 and result.coverage >= 0.8
    limits = result.limits.set_index("factor")
    assert set(limits.index) == {"x1", "x2"}  # the category does not matter
    assert limits.loc["x1", "min"] == pytest.approx(0.7, abs=0.05)
    assert limits.loc["x2", "max"] == pytest.approx(0.4, abs=0.05)
    assert "coverage" in result.describe()


def test_prim_without_baseline_uses_thresholds(tmp_path):
    prim = """
    [analysis.prim]
    policy = "results_oriented"
    criteria = [{ outcome = "ikm", below = 80.5 }]
    """
    data = _synthetic_sweep(tmp_path, prim)
    result = scenario_discovery(data)
    assert 0 < result.n_interest < result.n_samples


def test_prim_when_the_reform_never_fails(tmp_path):
    data = _synthetic_sweep(tmp_path, PRIM)
    spec = PrimSpec(policy="results_oriented", baseline="conventional",
                    criteria=[{"outcome": "cost", "better": "lower"}])
    result = scenario_discovery(data, spec)
    assert result.n_interest == 0 and "nothing for PRIM" in result.describe()


SMALL = """
name = "small"
base = "classroom"
horizon_days = 60
warmup_days = 10
seed = 11
replicates = 2
outcomes = ["ikm", "cost_per_case_rp", "lead_time_mean_days"]

[design]
method = "latin_hypercube"
samples = 10

[uncertainties]
"service.demand_multiplier" = { range = [0.7, 1.6] }
"reform.leadership_support" = { range = [0.1, 0.9] }
"measurement.target" = ["continuous", "threshold"]

[policies]
conventional = "conventional"
results_oriented = "results_oriented"

[analysis.prim]
question = "Where does results-oriented reform fail to beat conventional on satisfaction?"
policy = "results_oriented"
baseline = "conventional"
threshold = 0.6
criteria = [{ outcome = "ikm", better = "higher" }]
"""


@pytest.fixture(scope="module")
def small_sweep(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("small")
    spec = write(tmp, SMALL)
    run_sweep(spec, tmp / "out", workers=2)
    return tmp / "out"


def test_analyze_a_real_sweep(small_sweep, tmp_path):
    report = analyze_sweep(small_sweep, dest=tmp_path / "analysis", figures=analysis_figures())
    paired = report.paired.set_index("outcome")
    assert set(paired.index) == {"ikm", "cost_per_case_rp", "lead_time_mean_days"}
    assert (paired["n_pairs"] == 20).all()
    assert (paired["ci_low"] <= paired["effect"]).all()
    assert (paired["effect"] <= paired["ci_high"]).all()
    assert len(report.paired_by_sample) == 10 * 3
    assert report.prim is not None and report.prim.n_samples == 10
    for name in ("paired_effects.csv", "paired_effects_by_sample.csv", "paired_effects.png",
                 "report.md", "prim_cases.csv"):
        assert (tmp_path / "analysis" / name).is_file(), name
    assert "Question" in report.to_text()


def test_analysis_settings_from_another_spec(small_sweep, tmp_path):
    bad = AnalysisSpec(prim=PrimSpec(policy="results_oriented", baseline="conventional",
                                     criteria=[{"outcome": "headcount", "better": "lower"}]))
    with pytest.raises(InputError, match="not an outcome of this sweep"):
        load_sweep(small_sweep, bad)
    other = AnalysisSpec(baseline="results_oriented")
    report = analyze_sweep(small_sweep, dest=tmp_path / "a2", analysis=other)
    assert set(report.paired["baseline"]) == {"results_oriented"}


def test_analyze_refuses_a_folder_that_is_not_a_sweep(tmp_path):
    with pytest.raises(InputError, match="birosim sweep"):
        load_sweep(tmp_path)


def test_cli_analyze(small_sweep, tmp_path):
    pytest.importorskip("birosim.interfaces.cli")
    from birosim.interfaces.cli import app
    from typer.testing import CliRunner

    runner = CliRunner()
    result = runner.invoke(app, ["analyze", str(small_sweep), "--out", str(tmp_path / "a"),
                                 "--no-plots"])
    assert result.exit_code == 0, result.output
    assert "Paired policy effects" in result.output and "Question" in result.output
    assert not list((tmp_path / "a").glob("*.png"))
    result = runner.invoke(app, ["analyze", str(tmp_path / "nothing")])
    assert result.exit_code == 2 and "error:" in result.output


def test_no_module_under_experiments_imports_matplotlib():
    """Experiments return data; every figure is drawn in ``birosim.interfaces``."""
    import ast

    import birosim.experiments

    root = Path(birosim.experiments.__file__).parent
    offenders = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n == "matplotlib" or n.startswith("matplotlib.") for n in names):
                offenders.append(f"{path.relative_to(root)}:{node.lineno}")
    assert len(list(root.rglob("*.py"))) > 20  # the walk found the package
    assert offenders == []


# --------------------------------------------------------------------------- figures
def _texts(figure) -> list[str]:
    from matplotlib.text import Text

    return [t.get_text() for t in figure.findobj(Text)]


PLOT_OUTCOMES = ("lead_time_mean_days", "cost_per_case_rp", "ikm")
PLOT_FACTORS = ("integrity.audit_rate", "service.delegation", "shocks.0.magnitude")


def _paired_table(policies=("a", "b", "c", "d")) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    rows = []
    for policy in policies:
        for outcome in PLOT_OUTCOMES:
            effect = float(rng.normal())
            rows.append({"policy": policy, "baseline": "conventional", "outcome": outcome,
                         "n_pairs": 10, "mean_baseline": 10.0, "mean_policy": 10 + effect,
                         "effect": effect, "ci_low": effect - 0.5, "ci_high": effect + 0.5})
    return pd.DataFrame(rows)


def test_forest_plot_has_one_panel_per_outcome_group_with_registry_labels():
    from birosim.core.outcome_registry import OUTCOME_GROUPS, get_outcome
    from birosim.interfaces.figures.effects import effects_figure

    groups = {get_outcome(o).group for o in PLOT_OUTCOMES}
    assert len(groups) == 3  # the test covers several groups
    for lang in ("en", "id"):
        figure = effects_figure(_paired_table(), lang=lang)
        assert len(figure.axes) == len(groups)
        texts = _texts(figure)
        for outcome in PLOT_OUTCOMES:
            assert any(get_outcome(outcome).label(lang) in t.replace("\n", " ") for t in texts)
        titles = {ax.get_title(loc="left") for ax in figure.axes}
        assert titles == {OUTCOME_GROUPS[g][f"label_{lang}"] for g in groups}
        assert all(p in texts for p in "abcd")  # every policy in the legend


def test_forest_plot_verdict_follows_the_registry_direction():
    from birosim.core.outcome_registry import get_outcome
    from birosim.interfaces.figures.effects import verdict

    for outcome in PLOT_OUTCOMES:
        better = get_outcome(outcome).better
        up = verdict(outcome, 1.0, 2.0)
        assert up == {"higher": "better", "lower": "worse", "none": "neutral"}[better]
        assert verdict(outcome, -1.0, 2.0) in ("unclear", "neutral")


def _sensitivity_frame() -> pd.DataFrame:
    rows = []
    for outcome in PLOT_OUTCOMES:
        for i, factor in enumerate(PLOT_FACTORS):
            value = 0.1 * (i + 1)
            rows.append({"target": "results_oriented", "outcome": outcome, "factor": factor,
                         "role": "lever", "S1": value, "S1_conf": 0.05, "ST": 2 * value,
                         "ST_conf": 0.07, "mu": value, "mu_star": value,
                         "mu_star_conf": 0.02, "sigma": value / 2})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("kind", ["sobol", "morris"])
def test_sensitivity_figures_show_intervals_and_registry_labels(kind):
    from birosim.core.outcome_registry import get_outcome
    from birosim.core.parameters import get_parameter
    from birosim.interfaces.figures import sensitivity as figures

    draw = figures.sobol_figure if kind == "sobol" else figures.morris_figure
    figure = draw(_sensitivity_frame(), "results_oriented", lang="id")
    panels = [ax for ax in figure.axes if ax.get_visible()]
    assert len(panels) == len(PLOT_OUTCOMES)
    texts = " ".join(_texts(figure)).replace("\n", " ")
    for outcome in PLOT_OUTCOMES:
        assert get_outcome(outcome).label("id") in texts
    for factor in PLOT_FACTORS[:2]:
        assert get_parameter(factor).label("id") in texts
    assert "shocks.0.magnitude" in texts  # not in the registry: shown by its path
    for ax in panels:
        bars_with_intervals = [c for c in ax.containers if getattr(c, "errorbar", None)]
        assert len(bars_with_intervals) == (2 if kind == "sobol" else 1)
        assert ax.get_xlabel()  # an axis label on every panel
    if kind == "morris":
        assert get_outcome("cost_per_case_rp").unit in texts  # mu* is in the outcome's unit


def test_prim_figure(tmp_path):
    from birosim.interfaces.figures.canvas import save_figure
    from birosim.interfaces.figures.sensitivity import prim_figure

    result = scenario_discovery(_synthetic_sweep(tmp_path, PRIM))
    figure = prim_figure(result, lang="id")
    assert "lintasan pengupasan PRIM".lower() in " ".join(_texts(figure)).lower()
    assert save_figure(figure, tmp_path / "prim.png").stat().st_size > 10_000


def test_cli_analyze_writes_figures_in_indonesian(small_sweep, tmp_path):
    from birosim.interfaces.cli import app
    from typer.testing import CliRunner

    runner = CliRunner()
    result = runner.invoke(app, ["analyze", str(small_sweep), "--out", str(tmp_path / "a"),
                                 "--lang", "id"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a" / "paired_effects.png").stat().st_size > 10_000
    result = runner.invoke(app, ["analyze", str(small_sweep), "--lang", "fr"])
    assert result.exit_code == 2 and "--lang" in result.output
