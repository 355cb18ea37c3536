"""``birosim sweep`` and ``birosim analyze``: experiments at scale, on the main command line.

Examples::

    birosim sweep morris_all_levers --out results/morris            # all local cores
    birosim sweep scenarios/experiments/sobol_main_levers.toml --out results/sobol -w 2
    birosim sweep reform_robustness --out results/robust --dask-workers 4
    birosim sweep reform_robustness --out results/robust --scheduler tcp://10.0.0.5:8786
    birosim analyze results/robust

Exit status of ``sweep``: 0 when every run finished, 3 when some runs failed (after one retry;
see ``DIR/failures``), 2 for bad input (one ``error:`` line), 130 when interrupted. Starting the
same command again finishes only the missing runs.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..core.errors import InputError
from .cli import app

EXIT_INPUT = 2
EXIT_FAILED_RUNS = 3
EXIT_INTERRUPTED = 130


def _error(message: str) -> None:
    from rich.console import Console

    message = " ".join(str(message).split())
    Console(stderr=True, highlight=False, soft_wrap=True).print(
        f"error: {message}", style="bold red", markup=False)


def _echo(message: str) -> None:
    typer.echo(message, err=True)


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m{secs:02d}s" if hours else f"{minutes}m{secs:02d}s"


def _check_positive(option: str, value: int | None) -> None:
    if value is not None and value < 1:
        raise InputError(option, option.lstrip("-"), value, "a whole number >= 1")


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
    chunk_size: Annotated[int | None, typer.Option(
        "--chunk-size", metavar="N", show_default=False,
        help="Runs per task sent to a worker (default: chosen from runs and workers).")] = None,
    skip_failed: Annotated[bool, typer.Option(
        "--skip-failed", help="On resume, do not try again runs that failed before.")] = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Check the spec and show the plan; run nothing.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Run every sample of an experiment SPEC (resumable) and store results as Parquet."""
    from ..experiments.spec import load_experiment
    from ..experiments.sweep import TextProgress, run_sweep

    try:
        for option, value in (("--workers", workers), ("--dask-workers", dask_workers),
                              ("--chunk-size", chunk_size)):
            _check_positive(option, value)
        if scheduler and dask_workers:
            raise InputError("--scheduler", "scheduler", scheduler,
                             "either --scheduler or --dask-workers", "both given")
        if workers and (scheduler or dask_workers):
            raise InputError("--workers", "workers", workers,
                             "--workers for local processes, not with Dask options")
        if out.exists() and not out.is_dir():
            raise InputError("--out", "directory", str(out), "a directory (new or existing)",
                             "a file of that name exists")
        experiment = load_experiment(spec)
        s = experiment.spec
        factors = ", ".join(f.name for f in experiment.factors) or "(none)"
        _echo(f"{s.name}: {s.design.method}, {experiment.n_samples} samples x {s.replicates} "
              f"replicates x {len(experiment.policies)} policies = {experiment.n_runs} runs of "
              f"{experiment.base.horizon_days} days on {Path(experiment.base.organisation).stem}")
        _echo(f"factors: {factors}")
        if dry_run:
            return
        previous = signal.signal(signal.SIGTERM, _terminate)
        try:
            result = run_sweep(
                experiment, out, workers=workers, scheduler=scheduler, dask_workers=dask_workers,
                chunk_size=chunk_size, retry_failed=not skip_failed,
                progress=None if quiet else TextProgress(), log=_echo,
            )
        finally:
            signal.signal(signal.SIGTERM, previous)
    except InputError as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_INPUT) from None
    except KeyboardInterrupt:
        _echo(f"interrupted: finished runs are saved in {out}; run the same command to resume")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    engine = result.engine
    where = (f"Dask ({engine['workers']} workers, {engine.get('scheduler')})"
             if engine["engine"] == "dask" else f"{engine['workers']} local process(es)")
    pending = result.total - result.done - result.failed
    typer.echo(
        f"sweep {s.name}: {result.done}/{result.total} runs done, {result.failed} failed, "
        f"{pending} pending; {result.ran} run now ({result.recovered} recovered on retry, "
        f"{result.skipped} already done) in {_duration(result.elapsed_s)} on {where} -> {out}"
    )
    if result.failed:
        from ..experiments.sweep import load_failures

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


@app.command()
def analyze(
    sweep_dir: Annotated[Path, typer.Argument(
        metavar="DIR", show_default=False, help="A folder written by `birosim sweep`.")],
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", metavar="DIR", show_default=False,
        help="Where tables, plots and report.md go (default: DIR/analysis).")] = None,
    spec: Annotated[str | None, typer.Option(
        "--spec", metavar="TOML", show_default=False,
        help="Take the [analysis] settings (baseline, PRIM question...) from this spec file "
             "instead of DIR/spec.toml.")] = None,
    plots: Annotated[bool, typer.Option("--plots/--no-plots", help="Write PNG plots.")] = True,
    top: Annotated[int, typer.Option(
        "--top", metavar="N", help="Factors shown per outcome in the printed tables.")] = 8,
) -> None:
    """Sensitivity indices (Sobol, Morris), paired policy effects and PRIM scenario discovery."""
    from ..experiments.analyze import analyze_sweep
    from ..experiments.spec import parse_spec, resolve_spec_path

    try:
        _check_positive("--top", top)
        if not sweep_dir.is_dir():
            raise InputError("DIR", "sweep folder", str(sweep_dir),
                             "a folder written by `birosim sweep`", "no such folder")
        analysis = None
        if spec is not None:
            path = resolve_spec_path(spec)
            analysis = parse_spec(path.read_text(encoding="utf-8"), str(path)).analysis
        report = analyze_sweep(sweep_dir, dest=out, plots=plots, analysis=analysis)
    except InputError as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_INPUT) from None
    typer.echo(report.to_text(top=top))
    typer.echo(f"written to {report.out}")


if __name__ == "__main__":  # python -m birosim.interfaces.sweep_cli sweep SPEC --out DIR
    sys.exit(app())
