"""``birosim sweep``: every sample of an experiment spec, resumable, stored as Parquet.

Examples::

    birosim sweep morris_all_levers --out results/morris            # all local cores
    birosim sweep scenarios/experiments/sobol_main_levers.toml --out results/sobol -w 2
    birosim sweep reform_robustness --out results/robust --dask-workers 4
    birosim sweep reform_robustness --out results/robust --scheduler tcp://10.0.0.5:8786

Exit status: 0 when every run finished, 3 when some runs failed (after one retry; see
``DIR/failures``), 2 for bad input (one ``error:`` line), 130 when interrupted. Starting the
same command again finishes only the missing runs.
"""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Annotated

import typer

from ...core.errors import InputError
from ..app import EXIT_INPUT, app, check_int, print_error

EXIT_FAILED_RUNS = 3
EXIT_INTERRUPTED = 130


def echo_err(message: str) -> None:
    typer.echo(message, err=True)


def duration(seconds: float) -> str:
    """``1h02m03s`` or ``2m03s``."""
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m{secs:02d}s" if hours else f"{minutes}m{secs:02d}s"


@app.command()
def sweep(
    spec: Annotated[str, typer.Argument(
        metavar="SPEC", show_default=False,
        help="Experiment spec: a TOML file or a shipped one (morris_all_levers, "
             "sobol_main_levers, reform_robustness, factorial_measurement).")],
    out: Annotated[Path, typer.Option(
        "--out", "-o", metavar="DIR", show_default=False,
        help="Sweep folder (created if needed). Run again with the same folder to resume.")],
    workers: Annotated[int | None, typer.Option(
        "--workers", "-w", metavar="N", show_default=False,
        help="Local processes (default: all cores; 1 runs in this process).")] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", metavar="ADDRESS", show_default=False,
        help="Run on an existing dask.distributed cluster, e.g. tcp://host:8786. Its workers' "
             "profiler is paused and their monitors slowed until the sweep ends "
             "(docs/experiments.md).")] = None,
    dask_workers: Annotated[int | None, typer.Option(
        "--dask-workers", metavar="N", show_default=False,
        help="Start a local Dask cluster with N single-threaded worker processes.")] = None,
    dask_dashboard: Annotated[bool, typer.Option(
        "--dask-dashboard",
        help="Open Dask's dashboard on this machine (127.0.0.1, --dashboard-port) and print "
             "its link; with --scheduler, print the cluster's own link.")] = False,
    dashboard_port: Annotated[int, typer.Option(
        "--dashboard-port", metavar="PORT",
        help="Port of the dashboard that --dask-dashboard opens (0: any free port).")] = 8787,
    chunk_size: Annotated[int | None, typer.Option(
        "--chunk-size", metavar="N", show_default=False,
        help="Runs per task sent to a worker (default: chosen from runs and workers).")] = None,
    samples: Annotated[int | None, typer.Option(
        "--samples", metavar="N", show_default=False,
        help="Replace the spec's design.samples (LHS samples, Sobol base N a power of 2, Morris "
             "trajectories) without editing it; recorded in the manifest.")] = None,
    replicates: Annotated[int | None, typer.Option(
        "--replicates", "-r", metavar="R", show_default=False,
        help="Replace the spec's replicates (seeds per sample and policy); recorded in the "
             "manifest.")] = None,
    skip_failed: Annotated[bool, typer.Option(
        "--skip-failed", help="On resume, do not try again runs that failed before.")] = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Check the spec and show the plan; run nothing.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Run every sample of an experiment SPEC (resumable) and store results as Parquet."""
    from ...experiments.spec import load_experiment
    from ...experiments.sweep import TextProgress, run_sweep

    try:
        for option, value in (("--workers", workers), ("--dask-workers", dask_workers),
                              ("--chunk-size", chunk_size), ("--dashboard-port", dashboard_port)):
            check_int(option, value)
        if scheduler and dask_workers:
            raise InputError("--scheduler", "scheduler", scheduler,
                             "either --scheduler or --dask-workers", "both given")
        if workers and (scheduler or dask_workers):
            raise InputError("--workers", "workers", workers,
                             "--workers for local processes, not with Dask options")
        if dask_dashboard and not (scheduler or dask_workers):
            raise InputError("--dask-dashboard", "dask-dashboard", "on",
                             "with --dask-workers N or --scheduler ADDRESS",
                             "the local engine has no dashboard")
        if out.exists() and not out.is_dir():
            raise InputError("--out", "directory", str(out), "a directory (new or existing)",
                             "a file of that name exists")
        sizes = {k: v for k, v in (("samples", samples), ("replicates", replicates))
                 if v is not None}
        experiment = load_experiment(spec, sizes=sizes)
        s = experiment.spec
        factors = ", ".join(f.name for f in experiment.factors) or "(none)"
        echo_err(f"{s.name}: {s.design.method}, {experiment.n_samples} samples x {s.replicates} "
              f"replicates x {len(experiment.policies)} policies = {experiment.n_runs} runs of "
              f"{experiment.base.horizon_days} days on {Path(experiment.base.organisation).stem}")
        echo_err(f"factors: {factors}")
        if dry_run:
            return
        previous = signal.signal(signal.SIGTERM, _terminate)
        try:
            result = run_sweep(
                experiment, out, workers=workers, scheduler=scheduler, dask_workers=dask_workers,
                dask_dashboard=dashboard_port if dask_dashboard else None, chunk_size=chunk_size, retry_failed=not skip_failed,
                progress=None if quiet else TextProgress(), log=echo_err,
            )
        finally:
            signal.signal(signal.SIGTERM, previous)
    except InputError as exc:
        print_error(str(exc))
        raise typer.Exit(EXIT_INPUT) from None
    except KeyboardInterrupt:
        echo_err(f"interrupted: finished runs are saved in {out}; run the same command to resume")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    engine = result.engine
    where = (f"Dask ({engine['workers']} workers, {engine.get('scheduler')})"
             if engine["engine"] == "dask" else f"{engine['workers']} local process(es)")
    pending = result.total - result.done - result.failed
    typer.echo(
        f"sweep {s.name}: {result.done}/{result.total} runs done, {result.failed} failed, "
        f"{pending} pending; {result.ran} run now ({result.recovered} recovered on retry, "
        f"{result.skipped} already done) in {duration(result.elapsed_s)} on {where} -> {out}"
    )
    if result.failed:
        from ...experiments.sweep import load_failures

        failures = load_failures(out)
        last = failures[~failures["recovered"]].drop_duplicates("run_id", keep="last")
        for row in last.head(5).itertuples(index=False):
            typer.echo(f"  failed {row.run_id}: {row.error}")
        if result.failed > 5:
            typer.echo(f"  ... and {result.failed - 5} more")
        typer.echo(f"  parameters and tracebacks: {out / 'failures'}")
        raise typer.Exit(EXIT_FAILED_RUNS)


def _terminate(signum, frame) -> None:
    raise KeyboardInterrupt
