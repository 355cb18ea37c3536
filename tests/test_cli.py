"""The ``birosim`` command line (birosim.interfaces.cli), on the classroom organisation."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from birosim.core import SUMMARY_OUTCOMES
from birosim.core.organisation import ORGANISATIONS_DIR
from birosim.experiments.compare import COMPARISON_COLUMNS
from birosim.experiments.seeds import replicate_seeds
from birosim.interfaces.cli import app
from birosim.interfaces.commands import run as run_command
from typer.testing import CliRunner

STEPS = "60"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args))


def assert_input_error(result, *fragments: str) -> str:
    """Exit code 2, no traceback, exactly one ``error:`` line naming every fragment."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


@pytest.fixture(scope="module")
def run_dir(runner, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("run")
    result = invoke(runner, "run", "classroom", "--steps", STEPS, "--seed", "3",
                    "--set", "measurement.noise=0.2", "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_run_writes_series_and_summary(run_dir):
    timeseries = pd.read_parquet(run_dir / "timeseries.parquet")
    assert len(timeseries) == int(STEPS)
    assert timeseries["day"].tolist() == list(range(int(STEPS)))
    assert {"backlog", "lead_time_mean_days", "ikm", "perf_reported"} <= set(timeseries.columns)
    units = pd.read_parquet(run_dir / "units.parquet")
    assert {"day", "unit_id", "backlog", "headcount"} <= set(units.columns)
    assert len(units) == 5 * int(STEPS)  # five classroom units
    assert set(units["unit_id"].astype(str)) == {
        "LOKET", "PERIZINAN", "REGISTRASI", "KEUANGAN", "SEKRETARIAT"}
    summary = json.loads((run_dir / "summary.json").read_text())
    assert set(SUMMARY_OUTCOMES) <= set(summary)
    provenance = summary["provenance"]
    assert provenance["seed"] == 3
    assert provenance["steps"] == int(STEPS)
    assert len(provenance["scenario_hash"]) == 16
    assert provenance["package_version"]
    assert "git_commit" in provenance
    assert not list(run_dir.glob(".*"))  # no temporary files left


def test_failed_run_keeps_earlier_results(runner, run_dir, tmp_path, monkeypatch):
    out = tmp_path / "keep"
    shutil.copytree(run_dir, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    # bad input: nothing is touched
    assert_input_error(invoke(runner, "run", "classroom", "--steps", STEPS,
                              "--set", "service.delegation=5", "--out", str(out)))
    # a failure while writing: the old summary stays, no temporary files remain
    def broken(path, data):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(run_command, "dump_json", broken)
    result = invoke(runner, "run", "classroom", "--steps", STEPS, "--out", str(out))
    assert result.exit_code == 1
    assert "No space left" in result.stderr and "Traceback" not in result.output
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after == before  # timeseries, units and summary all kept together
    assert not list(out.glob(".*"))


COMPARE_FILES = {"manifest.json", "comparison.csv", "summaries.csv", "units.csv",
                 "timeseries.parquet", "timeseries.png", "effects.png"}


def test_compare_writes_tables_plots_and_provenance(runner, tmp_path):
    out = tmp_path / "cmp"
    result = invoke(runner, "compare", "conventional", "results_oriented", "--org", "classroom",
                    "--steps", STEPS, "--replicates", "2", "--seed", "9", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "lead_time_mean_days" in result.stdout and "95 % CI" in result.stdout
    assert {p.name for p in out.iterdir()} == COMPARE_FILES
    table = pd.read_csv(out / "comparison.csv")
    assert list(table.columns) == list(COMPARISON_COLUMNS)
    assert set(table["option"]) == {"results_oriented"}
    assert set(SUMMARY_OUTCOMES) <= set(table["outcome"])
    summaries = pd.read_csv(out / "summaries.csv")
    assert list(summaries.columns[:3]) == ["option", "replicate", "seed"]
    assert len(summaries) == 4
    assert set(summaries["option"]) == {"conventional", "results_oriented"}
    timeseries = pd.read_parquet(out / "timeseries.parquet")
    assert len(timeseries) == 2 * 2 * int(STEPS)
    assert {"option", "replicate", "seed", "day", "backlog"} <= set(timeseries.columns)
    for name in ("timeseries.png", "effects.png"):
        assert (out / name).stat().st_size > 10_000
    manifest = json.loads((out / "manifest.json").read_text())
    assert [o["scenario"] for o in manifest["options"]] == ["conventional", "results_oriented"]
    assert all(len(o["scenario_hash"]) == 16 for o in manifest["options"])
    assert manifest["organisation"]["name"] == "classroom"
    assert manifest["seed"] == 9
    assert manifest["replicate_seeds"] == replicate_seeds(9, 2)
    assert summaries["seed"].tolist() == 2 * manifest["replicate_seeds"]
    assert {"package_version", "git_commit", "uncertainty"} <= set(manifest)
    assert not list(out.glob(".*"))


def test_compare_of_three_options_writes_every_option_into_every_file(runner, tmp_path):
    out = tmp_path / "three"
    options = ["conventional", "results_oriented", "paper_reform"]
    result = invoke(runner, "compare", *options, "--org", "classroom", "--steps", "30",
                    "--replicates", "2", "--seed", "4", "--lang", "id", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == COMPARE_FILES | {"timeseries_3.png",
                                                               "effects_3.png"}
    manifest = json.loads((out / "manifest.json").read_text())
    assert [o["option"] for o in manifest["options"]] == options
    assert manifest["baseline"] == "conventional"
    assert set(manifest["plots"]) == {"timeseries.png", "effects.png", "timeseries_3.png",
                                      "effects_3.png"}
    assert list(pd.unique(pd.read_csv(out / "comparison.csv")["option"])) == options[1:]
    summaries = pd.read_csv(out / "summaries.csv")
    assert list(pd.unique(summaries["option"])) == options
    # every option ran on the same replicate seeds
    assert summaries.groupby("option")["seed"].apply(tuple).nunique() == 1
    units = pd.read_csv(out / "units.csv")
    assert list(units.columns[:5]) == ["option", "replicate", "unit_id", "unit_name",
                                       "parent_org"]
    assert {"lead_time_mean_days", "on_time_share", "backlog", "ikm", "headcount",
            "corrupt_share", "perf_true", "perf_reported", "implementation", "arrivals",
            "resolved"} <= set(units.columns)
    assert set(units["option"]) == set(options)
    assert len(units) == 3 * 2 * 5
    assert "Loket Pelayanan Terpadu" in set(units["unit_name"])
    assert set(pd.read_parquet(out / "timeseries.parquet")["option"]) == set(options)
    for option in options[1:]:
        assert option in result.stdout
    # Rupiah read as juta / miliar, not as 2.74e+08
    assert "Rp " in result.stdout and " jt" in result.stdout
    assert "e+" not in result.stdout


def test_a_bad_third_option_is_one_line_and_loses_nothing(runner, tmp_path):
    out = tmp_path / "keep"
    result = invoke(runner, "compare", "conventional", "results_oriented", "--org", "classroom",
                    "--steps", "20", "--replicates", "1", "--out", str(out))
    assert result.exit_code == 0, result.output
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    result = invoke(runner, "compare", "conventional", "results_oriented", "no_such_option",
                    "--org", "classroom", "--steps", "20", "--replicates", "1",
                    "--out", str(out))
    assert_input_error(result, "argument C", "no_such_option")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_one_run_parses_its_organisation_once(runner, tmp_path, monkeypatch):
    import sys

    from birosim.core import organisation

    original = organisation.load_organisation
    calls = []

    def counting(*args, **kwargs):
        calls.append(args[0])
        return original(*args, **kwargs)

    for module in [m for name, m in sys.modules.items() if name.startswith("birosim")]:
        for attribute, value in list(vars(module).items()):
            if value is original:
                monkeypatch.setattr(module, attribute, counting)
    result = invoke(runner, "run", "classroom", "--steps", "5", "--set", "measurement.noise=0.2",
                    "--out", str(tmp_path / "run"))
    assert result.exit_code == 0, result.output
    assert len(calls) == 1, calls
    calls.clear()
    result = invoke(runner, "compare", "conventional", "results_oriented", "gaming",
                    "--org", "classroom", "--steps", "5", "--replicates", "2",
                    "--out", str(tmp_path / "cmp"))
    assert result.exit_code == 0, result.output
    assert len(calls) == 3, calls  # once per option, not once per run
    calls.clear()
    assert invoke(runner, "check", "classroom").exit_code == 0
    assert len(calls) == 1, calls


def test_set_values_are_checked_once_against_the_registry(runner, monkeypatch, tmp_path):
    from birosim.core import scenario as scenario_module
    from birosim.core.parameters import get_parameter

    validations = []
    original = scenario_module._validate

    def counting(data, source):
        validations.append(source)
        return original(data, source)

    monkeypatch.setattr(scenario_module, "_validate", counting)
    sets = ["measurement.noise=0.3", "budget.mode=performance", "integrity.audit_rate=2",
            "service.delegation=0.4"]
    result = invoke(runner, "run", "classroom", "--steps", "1", "--out", str(tmp_path / "o"),
                    *[a for s in sets for a in ("--set", s)])
    assert result.exit_code == 0, result.output
    # the scenario file once, every --set value together once, then the --steps copy once
    assert validations[0].endswith("classroom.toml")
    assert validations[1:] == ["--set", "--steps"]
    line = assert_input_error(invoke(runner, "check", "classroom", "--set",
                                     "integrity.audit_rate=99"), "integrity.audit_rate", "99")
    assert get_parameter("integrity.audit_rate").allowed() in line


def test_check_describes_without_running(runner):
    result = invoke(runner, "check", "classroom", "--set", "measurement.noise=0.3",
                    "--set", "budget.mode=performance")
    assert result.exit_code == 0, result.output
    for fragment in ("OK", "units", "100", "horizon", "conventional", "measurement.noise",
                     "budget.mode", "performance"):
        assert fragment in result.stdout, fragment
    result = invoke(runner, "check", "demand_shock", "--org", "kabupaten")
    assert result.exit_code == 0, result.output
    assert "demand x1.6" in result.stdout


def test_levers_table(runner):
    result = invoke(runner, "levers")
    assert result.exit_code == 0
    assert "measurement.noise" in result.stdout and "service.delegation" in result.stdout
    result = invoke(runner, "levers", "--group", "integrity")
    assert result.exit_code == 0
    assert "integrity.audit_rate" in result.stdout and "measurement.noise" not in result.stdout
    assert_input_error(invoke(runner, "levers", "--group", "nope"), "nope", "integrity")
    assert_input_error(invoke(runner, "levers", "--role", "knob"), "--role", "lever | parameter")
    assert_input_error(invoke(runner, "outcomes", "--lang", "fr"), "--lang", "en | id")


def test_levers_json_is_the_registry(runner):
    from birosim.core.parameters import parameters

    result = invoke(runner, "levers", "--json", "--role", "parameter", "--group", "integrity")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [row["name"] for row in rows] == [p.name for p in parameters("parameter", "integrity")]
    assert all(list(row) == ["name", "group", "role", "unit", "default", "min", "max", "choices",
                             "source", "label_en", "label_id", "description_en",
                             "description_id"] for row in rows)
    assert {row["role"] for row in rows} == {"parameter"}
    result = invoke(runner, "levers", "--lang", "id", "--group", "integrity")
    assert "Frekuensi audit" in result.stdout and "sampai" in result.stdout


def test_outcomes_json_is_the_registry(runner):
    from birosim.core.outcome_registry import OUTCOMES

    result = invoke(runner, "outcomes", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [row["name"] for row in rows] == [o.name for o in OUTCOMES]
    assert all(list(row) == ["name", "unit", "better", "claim", "label_en", "label_id",
                             "description_en", "description_id"] for row in rows)
    assert "Tunggakan" in invoke(runner, "outcomes", "--lang", "id").stdout


@pytest.mark.parametrize(("args", "fragments"), [
    (("run", "no_such_scenario"), ("SCENARIO", "no_such_scenario", "classroom")),
    (("run", "classroom", "--set", "service.wings=3"), ("--set", "service.wings",
                                                        "unknown lever", "delegation")),
    (("run", "classroom", "--set", "nope.x=3"), ("--set", "nope.x", "unknown lever group")),
    (("run", "classroom", "--set", "service.delegation=1.5"), ("service.delegation", "1.5",
                                                               "0 to 1")),
    (("run", "classroom", "--set", "service.delegation=abc"), ("service.delegation", "abc",
                                                               "0 to 1")),
    (("run", "classroom", "--set", "budget.mode=magic"), ("budget.mode", "magic",
                                                          "incremental | performance")),
    (("run", "classroom", "--set", "novalue"), ("--set", "GROUP.NAME=VALUE")),
    (("run", "classroom", "--steps", "-5"), ("--steps", "-5", "from 1 to 100000")),
    (("run", "classroom", "--steps", "abc"), ("--steps",)),
    (("run", "classroom", "--seed", "-1"), ("--seed", "-1", "from 0 to ")),
    (("run", "classroom", "--org", "missing_org.csv"), ("--org", "missing_org.csv", "kabupaten")),
    (("compare", "classroom", "classroom", "--replicates", "-2"), ("--replicates", "-2", "from 1 to 100000")),
    (("compare", "classroom", "classroom", "--workers", "0"), ("--workers", "from 1 to 1024")),
    (("compare", "classroom", "conventional"), ("horizon_days", "--steps")),
    (("compare", "classroom", "classroom", "--lang", "fr"), ("--lang", "fr", "en | id")),
    (("compare", "classroom", "nope", "--steps", "10"), ("argument B", "nope")),
    (("check", "classroom", "--set-a", "x.y=1"), ("--set-a",)),
])
def test_bad_input_is_one_clear_line(runner, tmp_path, args, fragments):
    result = invoke(runner, *args, "--out", str(tmp_path / "out")) if args[0] != "check" else \
        invoke(runner, *args)
    assert_input_error(result, *fragments)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_bad_organisation_csv_names_file_row_column_and_range(runner, tmp_path):
    rows = (ORGANISATIONS_DIR / "classroom.csv").read_text().splitlines()
    header, first = rows[0], rows[1].split(",")
    first[header.split(",").index("approval_layers")] = "9"
    bad = tmp_path / "bad_org.csv"
    bad.write_text("\n".join([header, ",".join(first), *rows[2:]]) + "\n")
    line = assert_input_error(invoke(runner, "check", "classroom", "--org", str(bad)),
                              "bad_org.csv", "row 2", "approval_layers", "'9'", "1 to 6")
    assert "LOKET" in line
    line = assert_input_error(invoke(runner, "run", "classroom", "--org", str(bad), "--out",
                                     str(tmp_path / "o")), "bad_org.csv", "approval_layers")
    assert not (tmp_path / "o").exists()


def test_help_explains_every_option(runner):
    result = invoke(runner, "--help")
    assert result.exit_code == 0
    for command in ("run", "compare", "check", "levers", "demo"):
        assert command in result.stdout
    expected = {
        "run": ("--org", "--steps", "--seed", "--set", "--out"),
        "compare": ("--replicates", "--seed", "--steps", "--org", "--set", "--workers", "--out",
                    "--lang"),
        "check": ("--org", "--set"),
        "levers": ("--group", "--role", "--lang", "--json"),
        "outcomes": ("--lang", "--json"),
        "demo": ("--out", "--replicates", "--steps", "--workers"),
    }
    for command, options in expected.items():
        result = invoke(runner, command, "--help")
        assert result.exit_code == 0, command
        for option in options:
            assert option in result.stdout, (command, option)


def test_bad_scenario_file_names_file_field_and_range(runner, tmp_path):
    bad = tmp_path / "mine.toml"
    bad.write_text('organisation = "classroom"\nhorizon_days = 100\n'
                   '[levers.service]\ndelegation = 3\n')
    assert_input_error(invoke(runner, "check", str(bad)), "mine.toml",
                       "levers.service.delegation", "3", "0 to 1")
    bad.write_text('organisation = "classroom"\nhorizon_days = [\n')
    assert_input_error(invoke(runner, "check", str(bad)), "mine.toml", "TOML")


def test_rupiah_read_as_people_write_it():
    from birosim.interfaces.numbers import format_outcome, format_rupiah

    assert format_rupiah(9.62e9, "id") == "Rp 9,62 M"
    assert format_rupiah(9.62e9, "en") == "Rp 9.62 bn"
    assert format_rupiah(9.62e11, "id") == "Rp 962 M"
    assert format_rupiah(2.5e6, "id") == "Rp 2,5 jt"
    assert format_rupiah(1.2e13, "en") == "Rp 12 tn"
    assert format_rupiah(145_781.4, "id") == "Rp 145.781"
    assert format_rupiah(-1_530_000, "en") == "-Rp 1.53 mn"
    assert format_rupiah(float("nan")) == "-"
    assert format_outcome("staff_cost_rp", 9.62e11, "en") == "Rp 962 bn"
    assert format_outcome("ikm", 88.25, "id") == "88,2"
