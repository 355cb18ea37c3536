"""The reading layer and strict validation, case by case: TOML bytes, sizes, types, option
ranges and copies of a scenario; the last-resort guard for everything else."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from birosim.core import InputError
from birosim.core.run_spec import with_horizon
from birosim.core.scenario import MAX_HORIZON, read_scenario
from birosim.core.shipped import EXPERIMENTS_DIR, SCENARIOS_DIR
from birosim.core.tabular import MAX_TOML_BYTES
from birosim.experiments.spec import parse_spec
from birosim.interfaces.cli import app
from birosim.interfaces.commands import check as check_command
from typer.testing import CliRunner

CLASSROOM = (SCENARIOS_DIR / "classroom.toml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def one_error_line(result, code: int = 2) -> str:
    assert result.exit_code == code, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16", "utf-32"])
def test_toml_that_is_not_utf8_names_the_file_and_the_byte(runner, tmp_path, encoding):
    path = tmp_path / "s.toml"
    path.write_bytes(CLASSROOM.replace("small", "kecil é").encode(encoding))
    line = one_error_line(runner.invoke(app, ["check", str(path)]))
    assert str(path) in line and "not UTF-8 at byte" in line


def test_toml_with_bom_reads_as_without(tmp_path):
    path = tmp_path / "s.toml"
    path.write_bytes(b"\xef\xbb\xbf" + CLASSROOM.encode())
    plain = read_scenario("classroom")
    assert read_scenario(path).model_dump(exclude={"base_dir"}) == \
        plain.model_dump(exclude={"base_dir", "name"}) | {"name": "classroom"}


def test_oversized_toml_is_refused_with_the_limit(runner, tmp_path):
    path = tmp_path / "big.toml"
    path.write_text(CLASSROOM + "# " + "x" * MAX_TOML_BYTES + "\n", encoding="utf-8")
    line = one_error_line(runner.invoke(app, ["check", str(path)]))
    assert str(path) in line and f"at most {MAX_TOML_BYTES:,} bytes" in line


@pytest.mark.parametrize("line, field", [
    ('preset = ["conventional"]', "preset"),
    ("seed = true", "seed"),
    ('seed = "7"', "seed"),
    ("horizon_days = 10.0", "horizon_days"),
    ("name = { a = 1 }", "name"),
    ("seed = " + "9" * 5000, "TOML syntax"),
])
def test_wrong_types_in_a_scenario_are_one_line(runner, tmp_path, line, field):
    key = line.split(" = ")[0]
    kept = "\n".join(x for x in CLASSROOM.splitlines() if not x.startswith(key + " ="))
    path = tmp_path / "s.toml"
    path.write_text(line + "\n" + kept + "\n", encoding="utf-8")
    error = one_error_line(runner.invoke(app, ["check", str(path)]))
    assert str(path) in error and field in error


@pytest.mark.parametrize("value", ["true", '"0.5"'])
def test_numeric_levers_refuse_booleans_and_strings(tmp_path, value):
    path = tmp_path / "s.toml"
    path.write_text(CLASSROOM + f"\n[levers.integrity]\naudit_rate = {value}\n", encoding="utf-8")
    with pytest.raises(InputError, match="integrity.audit_rate"):
        read_scenario(path)


def test_toml_integers_still_fill_float_levers(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(CLASSROOM + "\n[levers.integrity]\naudit_rate = 2\n", encoding="utf-8")
    assert read_scenario(path).levers.integrity.audit_rate == 2.0


@pytest.mark.parametrize("steps", ["1000000000000", "200000", "0"])
def test_steps_beyond_the_file_bounds_are_refused_before_running(runner, tmp_path, steps):
    line = one_error_line(runner.invoke(app, ["run", "classroom", "--steps", steps,
                                              "--out", str(tmp_path)]))
    assert "--steps" in line and f"from 1 to {MAX_HORIZON}" in line


def test_copies_of_a_scenario_are_validated_like_the_file():
    scenario = read_scenario("classroom")
    for steps in (MAX_HORIZON + 1, 0, True):
        with pytest.raises(InputError, match="--steps"):
            with_horizon(scenario, steps)
    shorter = with_horizon(scenario, 20)
    assert (shorter.horizon_days, shorter.warmup_days) == (20, 19)
    with pytest.raises(InputError, match="integrity.audit_rate"):
        scenario.with_levers({"integrity.audit_rate": True})


@pytest.mark.parametrize("args, option", [
    (("dashboard", "--port", "70000"), "--port"),
    (("validate", "queueing", "--seed", "-1"), "--seed"),
    (("sweep", "factorial_measurement", "--out", "x", "--chunk-size", "0"), "--chunk-size"),
    (("sweep", "factorial_measurement", "--out", "x", "--dashboard-port", "70000"),
     "--dashboard-port"),
    (("analyze", "x", "--top", "0"), "--top"),
    (("calibrate", "classroom", "--observed", "o.csv", "--generations", "0", "--out", "x"),
     "--generations"),
])
def test_every_integer_option_has_a_range(runner, tmp_path, monkeypatch, args, option):
    monkeypatch.chdir(tmp_path)
    line = one_error_line(runner.invoke(app, list(args)))
    assert option in line and "from " in line


@pytest.mark.parametrize("key, value", [("replicates", "true"), ("seed", '"3"'),
                                        ("horizon_days", "true"), ("seed", "1.0")])
def test_experiment_specs_are_type_strict(key, value):
    path = EXPERIMENTS_DIR / "factorial_measurement.toml"
    lines = [f"{key} = {value}" if x.startswith(f"{key} =") else x
             for x in path.read_text(encoding="utf-8").splitlines()]
    with pytest.raises(InputError, match=key):
        parse_spec("\n".join(lines), str(path))


def test_experiment_spec_that_is_not_utf8_is_one_line(runner, tmp_path):
    path = tmp_path / "spec.toml"
    path.write_bytes((EXPERIMENTS_DIR / "factorial_measurement.toml").read_bytes() + b"\xff\xfe")
    line = one_error_line(runner.invoke(app, ["sweep", str(path), "--out", str(tmp_path / "o"),
                                              "--dry-run"]))
    assert str(path) in line and "not UTF-8 at byte" in line


def test_any_other_exception_is_one_line_naming_its_log(runner, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(check_command, "run_spec", broken)
    line = one_error_line(runner.invoke(app, ["check", "classroom"]), code=1)
    assert "internal error (RuntimeError: boom)" in line and "please report it" in line
    log = Path(line.split("full traceback in ")[1].split(";")[0])
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: boom" in text
    log.unlink()


def test_ctrl_c_is_not_an_internal_error(runner, monkeypatch):
    logs = set(Path(tempfile.gettempdir()).glob("birosim-error-*.log"))
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(check_command, "run_spec", interrupted)
    result = runner.invoke(app, ["check", "classroom"])
    assert result.exit_code in (1, 130) and "Traceback" not in result.output
    assert "internal error" not in result.stderr
    assert set(Path(tempfile.gettempdir()).glob("birosim-error-*.log")) == logs


def test_a_set_unit_id_unknown_to_the_organisation_names_the_option(runner):
    line = one_error_line(runner.invoke(app, ["check", "classroom", "--set",
                                              'reform.pilot_units=["NOPE"]']))
    assert line.startswith("error: --set: levers.reform.pilot_units") and "LOKET" in line
