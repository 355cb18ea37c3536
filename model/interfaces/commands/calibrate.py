"""``birosim calibrate``: fit a scenario's uncertain behavioural parameters to observed figures.

Registered on the main app by :mod:`birosim.interfaces.commands`. Reads the planner's observed
figures (``OBS.csv``: columns ``figure, unit_id, value``; see
``scenarios/organisations/README.md``), fits the parameters (default: see
:data:`birosim.experiments.calibrate.DEFAULT_FIT`) on common random numbers, prints the fit
(observed vs simulated per figure, with the residual) and writes ``OUT/calibrated.toml`` (a
scenario file that runs as is) and ``OUT/fit.csv``.

Example::

    birosim calibrate conventional --org my_kabupaten.xlsx --observed today.csv --out calib
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import tomli_w
import typer
from rich.table import Table

from ...core.errors import InputError
from ..app import (
    OrgOpt,
    ReplicatesOpt,
    ScenarioArg,
    SetOpt,
    StepsOpt,
    app,
    atomic_outputs,
    check_int,
    check_out,
    dump_frame,
    guard,
    seed_option,
    stdout,
)
from ..inputs import run_spec
from ..numbers import format_number

FIT_HELP = ("A parameter to fit with its search range, GROUP.NAME=LOW:HIGH (repeat for several). "
            "Default: goals.routine_overhead=0.05:0.6 and service.approval_capacity_ratio=1:4.")


def parse_fit(texts: list[str] | None) -> dict[str, tuple[float, float]] | None:
    """``--fit GROUP.NAME=LOW:HIGH`` options as name -> bounds (None: the defaults)."""
    if not texts:
        return None
    fit = {}
    for text in texts:
        name, _, bounds = text.partition("=")
        low, _, high = bounds.partition(":")
        try:
            low_value, high_value = float(low), float(high)
        except ValueError:
            raise InputError("--fit", "fit", text, "GROUP.NAME=LOW:HIGH with LOW < HIGH") from None
        if not low_value < high_value:
            raise InputError("--fit", "fit", text, "GROUP.NAME=LOW:HIGH with LOW < HIGH")
        fit[name.strip()] = (low_value, high_value)
    return fit


@app.command()
@guard
def calibrate(
    scenario: ScenarioArg,
    observed: Annotated[Path, typer.Option(
        "--observed", metavar="OBS.csv", show_default=False,
        help="Observed figures: CSV or .xlsx with columns figure, unit_id (empty = whole "
             "organisation), value.")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Output directory.")
                   ] = Path("results/calibration"),
    org: OrgOpt = None,
    fit: Annotated[list[str] | None, typer.Option(
        "--fit", metavar="GROUP.NAME=LOW:HIGH", help=FIT_HELP, show_default=False)] = None,
    replicates: ReplicatesOpt = 2,
    seed: Annotated[int | None, seed_option("the scenario's seed")] = None,
    steps: StepsOpt = None,
    generations: Annotated[int, typer.Option(
        "--generations", metavar="N",
        help="Generations of the search (10 candidates each, then 30 local evaluations).")] = 5,
    set_: SetOpt = None,
) -> None:
    """Fit behavioural parameters so the scenario reproduces today's observed figures."""
    from ...experiments.calibrate import calibrate as fit_scenario
    from ...experiments.calibrate import read_observed, scenario_toml

    check_int("--replicates", replicates, 1)
    check_int("--generations", generations, 1)
    check_int("--steps", steps, 2)
    check_int("--seed", seed, 0)
    bounds = parse_fit(fit)
    spec = run_spec(scenario, org, set_)
    base = spec.scenario
    observations = read_observed(observed, spec.organisation.unit_id)
    if bounds:
        for name, (low, high) in bounds.items():  # both ends must be valid values of the lever
            base.with_levers({name: low}, source="--fit")
            base.with_levers({name: high}, source="--fit")
    out = check_out(out)
    result = fit_scenario(base, observations, fit=bounds, seed=seed, replicates=replicates,
                          steps=steps, generations=generations)

    console = stdout()
    table = Table(title=f"Calibration of {base.name}: observed vs simulated "
                        f"({len(result.seeds)} replicate(s), {result.evaluations} evaluations)")
    for column in ("figure", "unit", "observed", "simulated", "residual", "relative"):
        table.add_column(column, justify="left" if column in ("figure", "unit") else "right")
    for row in result.fit.itertuples():
        table.add_row(row.figure, row.unit_id, format_number(row.observed),
                      format_number(row.simulated), format_number(row.residual), f"{row.relative_residual:+.1%}")
    console.print(table)
    for name, value in result.fitted.items():
        low, high = result.bounds[name]
        console.print(f"{name}: {result.start[name]:.4g} -> {value:.4g} (searched {low:g} to "
                      f"{high:g})", markup=False)
    organisation = str(Path(spec.organisation.source).resolve())
    data = scenario_toml(result, f"{base.name}_calibrated", organisation)
    with atomic_outputs(out / "calibrated.toml", out / "fit.csv") as (toml_tmp, fit_tmp):
        toml_tmp.write_text(tomli_w.dumps(data), encoding="utf-8")
        dump_frame(fit_tmp, result.fit, "csv")
    console.print(f"wrote {out}/calibrated.toml and {out}/fit.csv", markup=False)
