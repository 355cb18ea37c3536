"""``birosim run``: one scenario, its per-day and per-unit series and its run summary."""

from __future__ import annotations

from typing import Annotated

from rich.table import Table

from ..app import (
    OrgOpt,
    OutOpt,
    ScenarioArg,
    SetOpt,
    StepsOpt,
    app,
    atomic_outputs,
    check_int,
    check_out,
    dump_frame,
    dump_json,
    guard,
    progress_bar,
    seed_option,
    stdout,
    tmp_path,
)
from ..inputs import run_spec
from ..numbers import format_outcome


@app.command()
@guard
def run(
    scenario: ScenarioArg,
    out: OutOpt,
    org: OrgOpt = None,
    steps: StepsOpt = None,
    seed: Annotated[int | None, seed_option("the scenario's seed")] = None,
    set_: SetOpt = None,
) -> None:
    """Run one scenario and write its per-day and per-unit series and its run summary.

    Writes OUT/timeseries.parquet (a row per day), OUT/units.parquet (a row per unit and day,
    streamed to disk while the model runs) and OUT/summary.json (outcome -> value and a
    provenance object: scenario content hash, seed, package version and git commit).
    """
    from ...core import SUMMARY_OUTCOMES
    from ...experiments.run import provenance
    from ..plots import outcome_label

    check_int("--steps", steps, 1)
    check_int("--seed", seed, 0)
    spec = run_spec(scenario, org, set_, seed=seed, steps=steps)
    scen, seed = spec.scenario, spec.seed
    out = check_out(out)
    units_path = out / "units.parquet"
    units_tmp = tmp_path(units_path)
    model = spec.model(unit_sink=units_tmp)
    try:
        with progress_bar(f"{scen.name} (seed {seed})", scen.horizon_days) as advance:
            model.run(progress=advance)
        # the model has no public close(): close its per-unit Parquet writer directly
        model.unit_recorder.close()
        summary = model.summary()
        summary.update({f"cases_{k}": v for k, v in model.cases().items()})
        summary["provenance"] = provenance(spec)
        with atomic_outputs(out / "timeseries.parquet", out / "summary.json",
                            units_path) as (ts_tmp, summary_tmp, _):
            dump_frame(ts_tmp, model.timeseries(), "parquet")
            dump_json(summary_tmp, summary)
            # the third temporary path is units_tmp, streamed by the model: renamed with them
    finally:
        writer = getattr(model.unit_recorder, "writer", None)
        if writer is not None:
            writer.close()
        units_tmp.unlink(missing_ok=True)

    table = Table(title=f"{scen.name}: {scen.horizon_days} days, seed {seed}, "
                        f"summary after {scen.warmup_days} warm-up days")
    table.add_column("outcome")
    table.add_column("value", justify="right")
    for key in SUMMARY_OUTCOMES:
        table.add_row(outcome_label(key), format_outcome(key, summary.get(key)))
    console = stdout()
    console.print(table)
    console.print(f"wrote {out}/timeseries.parquet, units.parquet, summary.json", markup=False)
