"""Calibration recovers known parameter values from observations the model made at those values.

Synthetic observations are the model's own figures at known values of the fitted parameters,
on the replicate seeds the calibration uses; starting from the scenario's values, the fit must
come back within the stated tolerance (0.1 on each, a sixth of routine overhead's search range
and a thirtieth of the approval ratio's). On the classroom both queues the parameters act on
bind (a parameter whose queue has slack cannot be identified; see
``birosim.experiments.calibrate``). Small: one replicate, 250 days, about 130 evaluations.
"""

from __future__ import annotations

import pytest
from birosim.core.errors import InputError
from birosim.core.scenario import load_scenario
from birosim.experiments.calibrate import (
    Observation,
    calibrate,
    read_observed,
    simulated_figures,
)
from birosim.experiments.seeds import replicate_seeds
from birosim.interfaces.cli import app
from typer.testing import CliRunner

TRUTH = {"goals.routine_overhead": 0.4, "service.approval_capacity_ratio": 1.4}
TOLERANCE = {"goals.routine_overhead": 0.1, "service.approval_capacity_ratio": 0.1}
FIGURES = (("lead_time_mean_days", ""), ("backlog", ""), ("on_time_share", ""), ("ikm", ""),
           ("lead_time_mean_days", "LOKET"), ("lead_time_mean_days", "PERIZINAN"))


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("classroom").model_copy(update={"horizon_days": 250, "warmup_days": 50})


def synthetic(scenario, values):
    template = [Observation(figure, unit, 0.0) for figure, unit in FIGURES]
    simulated = simulated_figures(scenario.with_levers(values), template,
                                  replicate_seeds(scenario.seed, 1))
    return [Observation(o.figure, o.unit_id, float(v)) for o, v in zip(template, simulated, strict=True)]


def test_recovers_known_parameters(scenario):
    result = calibrate(scenario, synthetic(scenario, TRUTH), replicates=1)
    for name, truth in TRUTH.items():
        assert abs(result.fitted[name] - truth) <= TOLERANCE[name], (name, result.fitted)
        assert abs(result.start[name] - truth) > TOLERANCE[name]  # the fit had to move
    assert (result.fit["relative_residual"].abs() < 0.2).all(), result.fit


def write_obs(path, rows):
    path.write_text("figure;unit_id;value\n" + "".join(f"{f};{u};{v}\n" for f, u, v in rows),
                    encoding="utf-8-sig")
    return path


def test_observed_file_read_strictly(tmp_path):
    units = load_scenario("classroom").load_organisation().unit_id
    good = write_obs(tmp_path / "obs.csv", [("ikm", "", "78,5"), ("waktu_layanan", "LOKET", "2")])
    assert read_observed(good, units) == [Observation("ikm", "", 78.5),
                                          Observation("lead_time_mean_days", "LOKET", 2.0)]
    for rows, words in (([("ikm", "", "120")], ("value", "25 to 100")),
                        ([("speed", "", "1")], ("figure", "speed")),
                        ([("ikm", "NOWHERE", "80")], ("unit_id", "NOWHERE")),
                        ([("headcount_growth", "LOKET", "0.05")], ("whole organisation",))):
        with pytest.raises(InputError) as info:
            read_observed(write_obs(tmp_path / "bad.csv", rows), units)
        for word in words:
            assert word in str(info.value)


def test_cli_writes_a_calibrated_scenario_that_loads(tmp_path):
    obs = write_obs(tmp_path / "obs.csv", [("lead_time_mean_days", "", "3.5"), ("ikm", "", "80")])
    out = tmp_path / "calib"
    result = CliRunner().invoke(app, [
        "calibrate", "classroom", "--observed", str(obs), "--out", str(out), "--steps", "100",
        "--replicates", "1", "--generations", "1", "--fit", "service.absence_rate=0.05:0.2"])
    assert result.exit_code == 0, result.output
    assert "observed" in result.output and "service.absence_rate" in result.output
    calibrated = load_scenario(str(out / "calibrated.toml"))
    assert 0.05 <= calibrated.levers.service.absence_rate <= 0.2
    assert (out / "fit.csv").read_text().startswith("figure,unit_id,observed,simulated,residual")
    bad = CliRunner().invoke(app, ["calibrate", "classroom", "--observed", str(obs), "--out",
                                   str(out), "--fit", "service.absence_rate=0.1:0.9"])
    assert bad.exit_code == 2 and "absence_rate" in bad.output and "Traceback" not in bad.output
    lever = CliRunner().invoke(app, ["calibrate", "classroom", "--observed", str(obs), "--out",
                                     str(out), "--fit", "service.delegation=0:1"])
    assert lever.exit_code == 2 and "lever" in lever.output
