"""Sweep throughput: 1 and 2 local processes and a 2-worker Dask cluster.

For the classroom and kabupaten organisations, one simulated year (250 days) under
results-oriented rules, on a Latin-hypercube design of demand and absence. The speed of these
shared virtual machines drifts by up to 40 % over tens of seconds, more than the effects to be
measured, so every figure below is either a ratio of work done back to back or a ratio taken
inside one sweep.

**Paired batches.** The engines take turns on batches of ``--per-worker`` runs per worker (one
chunk per worker, sent through the engine's own ``run_chunk`` task as a sweep sends them; the
1-process engine runs both chunks), ``--batches`` times, in an order that rotates. Medians over
the batches, with distribution-free 95 % confidence intervals:

- ``parallel efficiency`` at 2 processes: T(1 process) / (2 x T(2 processes)); target >= 85 %;
- ``time inside a run``: the runs' own elapsed time with both cores busy over one core, and in a
  Dask worker over a local process;
- ``Dask, batch end to end``: T(2 Dask workers) / T(2 processes) - 1 for the batch. A batch
  pays Dask's round trip (15-20 ms a task on these machines) once per short chunk; a sweep
  sends 4-second chunks and keeps the next one queued at each worker.

**Whole sweeps** (``--reps`` rounds of ``run_sweep`` on ``--runs`` runs per engine, Parquet
results, manifest, everything a real sweep does):

- ``idle %``: worker time not spent inside runs, (run_s x workers - sum of the runs' elapsed_s)
  / sum of elapsed_s: dispatch, messages, storage, load imbalance at the end (median of rounds);
- ``Dask overhead per run in a sweep`` (target < 5 % for kabupaten-sized runs): the time per run
  of a sweep is the time inside a run x (1 + idle share), so the overhead is (time inside a run,
  Dask over local) x (1 + idle Dask) / (1 + idle local) - 1;
- ``runs/min`` (each engine's fastest round): runs / ``run_s`` x 60, ``run_s`` being the time
  from the first task sent to the last result stored (start-up excluded: forking the pool,
  importing and compiling in Dask's workers; shown as ``startup s``);
- ``driver CPU %``: CPU used by the sweep command's own process, as a share of one core (for
  Dask it includes the local cluster's scheduler and nannies, which live there);
- ``CPU got %``: CPU time of the runs / their wall time, how much of a core each worker had.

The raw ratios of whole sweeps are printed too; with a few rounds they mostly measure the drift.
All three engines must give identical results; the script checks it. ``--dask-defaults`` runs
only the paired batches, on a cluster with Dask's default settings instead of birosim's quietened
ones (``birosim.experiments.sweep.dask_tuning``), to show what those gain.

Usage (from the repository root):

    .venv/bin/python benchmarks/sweep_throughput.py                  # about 15 minutes
    .venv/bin/python benchmarks/sweep_throughput.py --orgs kabupaten --batches 40 --reps 1
    .venv/bin/python benchmarks/sweep_throughput.py --dask-defaults
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import platform
import shutil
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pandas as pd

SPEC = """
name = "throughput_{org}"
base = "classroom"
organisation = "{org}"
horizon_days = 250
warmup_days = 50
seed = 1
replicates = 1

[design]
method = "latin_hypercube"
samples = {runs}

[uncertainties]
"service.demand_multiplier" = {{ range = [0.9, 1.1] }}
"service.absence_rate" = {{ range = [0.06, 0.10] }}

[policies]
results_oriented = "results_oriented"
"""


def measure(spec: Path, out: Path, **engine) -> dict:
    from birosim.experiments.sweep import load_runs, run_sweep, summary_frame

    start, driver_cpu = time.perf_counter(), time.process_time()
    result = run_sweep(spec, out, **engine)
    wall, driver_cpu = time.perf_counter() - start, time.process_time() - driver_cpu
    assert result.complete, result
    runs = load_runs(out)
    busy = float(runs["elapsed_s"].sum())
    workers = result.engine["workers"]
    row = {"run_s": result.run_s, "wall_s": wall, "startup_s": wall - result.run_s,
           "runs": result.total, "frame": summary_frame(out),
           "idle_share": (result.run_s * workers - busy) / busy,
           "cpu_share": float(runs["cpu_s"].sum()) / busy,
           "driver_cpu_share": driver_cpu / wall,
           "runs_per_min": 60 * result.total / result.run_s}
    shutil.rmtree(out)
    return row


def paired_batches(spec: Path, scheduler: str, batches: int, per_worker: int,
                   quiet: bool = True) -> dict:
    """Short batches (``per_worker`` runs on each of 2 workers, sent as one chunk per worker, as a
    sweep does) on 1 process, 2 local processes and 2 Dask workers in turn, each batch a few
    seconds: the ratios of neighbouring batches are hardly touched by the machine's drift."""
    from birosim.experiments.spec import expand_design, load_experiment, plan_runs, sample_values
    from birosim.experiments.sweep import (
        DaskEngine,
        InlineEngine,
        LocalEngine,
        run_chunk,
        run_tasks,
        task_payload,
        warm_up,
    )

    experiment = load_experiment(spec)
    design = expand_design(experiment.spec, experiment.factors)
    plan = plan_runs(experiment.spec, len(design), list(experiment.policies))
    tasks = run_tasks(plan, sample_values(experiment.factors, design))
    payload = task_payload(experiment)
    warm_up(experiment.spec.runner, experiment.base)
    engines = {"one": InlineEngine(), "two": LocalEngine(2),
               "dask": DaskEngine(address=scheduler, quiet=quiet)}
    engines["dask"].run_everywhere(warm_up, experiment.spec.runner, experiment.base)
    times: dict[str, list[float]] = {name: [] for name in engines}
    in_runs: dict[str, list[float]] = {name: [] for name in engines}
    names = list(engines)
    try:
        for batch in range(batches):
            start = (batch * 2 * per_worker) % (len(tasks) - 2 * per_worker)
            chunks = [tasks[start:start + per_worker],
                      tasks[start + per_worker:start + 2 * per_worker]]
            for name in names[batch % 3:] + names[:batch % 3]:
                engine = engines[name]
                clock = time.perf_counter()
                pending = [engine.submit(run_chunk, {**payload, "tasks": chunk})
                           for chunk in chunks]
                results = []
                while pending:
                    done = engine.wait(pending, None)
                    results += [res for future in done for res in future.result()]
                    pending = [f for f in pending if f not in done]
                times[name].append(time.perf_counter() - clock)
                in_runs[name].append(sum(res["elapsed_s"] for res in results))
    finally:
        for engine in engines.values():
            engine.close()
    efficiency = [one / (2 * two) for one, two in zip(times["one"], times["two"], strict=True)]
    overhead = [dask / two - 1 for dask, two in zip(times["dask"], times["two"], strict=True)]
    # how much longer the runs themselves took with both cores busy, and in a Dask worker
    slower_runs = {"two": [two / one for one, two in zip(in_runs["one"], in_runs["two"],
                                                         strict=True)],
                   "dask": [dask / two for two, dask in zip(in_runs["two"], in_runs["dask"],
                                                           strict=True)]}
    return {"efficiency": efficiency, "overhead": overhead, "slower_runs": slower_runs,
            "s_per_run": {name: statistics.median(t) / (2 * per_worker)
                          for name, t in times.items()}}


def median_ci(values: list[float]) -> tuple[float, float, float]:
    """The median and a distribution-free 95 % confidence interval for it (order statistics
    at n/2 -+ 1.96 sqrt(n)/2)."""
    ordered, n = sorted(values), len(values)
    half_width = 1.96 * math.sqrt(n) / 2
    low = max(0, math.floor(n / 2 - half_width))
    high = min(n - 1, math.ceil(n / 2 + half_width) - 1)
    return ordered[low], statistics.median(ordered), ordered[high]


def sweep_rounds(spec: Path, tmp: Path, scheduler: str, reps: int) -> dict:
    """Whole sweeps, engines taking turns; each engine's fastest round and every round's ratios."""
    engines = {"one": {"workers": 1}, "two": {"workers": 2}, "dask": {"scheduler": scheduler}}
    names = list(engines)
    best: dict[str, dict] = {}
    idle: dict[str, list[float]] = {name: [] for name in names}
    efficiency, overhead = [], []
    for rep in range(reps):
        rows = {name: measure(spec, tmp / f"{name}-{rep}", **engines[name])
                for name in names[rep % 3:] + names[:rep % 3]}
        for name, row in rows.items():
            idle[name].append(row["idle_share"])
            if name not in best or row["run_s"] < best[name]["run_s"]:
                best[name] = row
        efficiency.append(rows["one"]["run_s"] / (2 * rows["two"]["run_s"]))
        overhead.append(rows["dask"]["run_s"] / rows["two"]["run_s"] - 1)
    frames = [row.pop("frame") for row in best.values()]
    return {"best": best, "efficiency": efficiency, "overhead": overhead,
            "idle_share": {name: statistics.median(shares) for name, shares in idle.items()},
            "identical_results": all(frame.equals(frames[0]) for frame in frames)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=80, help="runs per sweep (default 80)")
    parser.add_argument("--reps", type=int, default=3, help="whole-sweep rounds (default 3)")
    parser.add_argument("--batches", type=int, default=120,
                        help="paired batches per organisation (default 120)")
    parser.add_argument("--per-worker", type=int, default=2,
                        help="runs per worker in a paired batch (default 2)")
    parser.add_argument("--orgs", nargs="+", default=["classroom", "kabupaten"])
    parser.add_argument("--dask-defaults", action="store_true",
                        help="for comparison: paired batches only, on a Dask cluster with "
                             "Dask's default settings (birosim's quietening off)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()

    import dask
    from birosim.experiments.sweep import run_sweep
    from birosim.experiments.sweep.dask_tuning import quiet_config
    from distributed import Client, LocalCluster

    load = os.getloadavg()
    reps = 0 if args.dask_defaults else args.reps
    print(f"birosim sweep throughput, 250-day runs: {reps} rounds of whole sweeps of "
          f"{args.runs} runs, {args.batches} paired batches of {args.per_worker} runs per "
          f"worker; {os.cpu_count()} cores, load average {load[0]:.1f} at start, "
          f"Python {platform.python_version()}")
    t0 = time.perf_counter()
    with dask.config.set({} if args.dask_defaults else quiet_config()):
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
    client = Client(cluster)
    cluster_start = time.perf_counter() - t0
    print(f"Dask LocalCluster (2 workers, {'Dask defaults' if args.dask_defaults else 'quiet'}"
          f") started in {cluster_start:.1f} s")
    results = {"cores": os.cpu_count(), "load_at_start": load[0], "runs": args.runs,
               "dask_defaults": args.dask_defaults, "dask_cluster_start_s": cluster_start,
               "orgs": {}}
    rows = []
    with tempfile.TemporaryDirectory(prefix="birosim_sweep_bench_") as tmp_name:
        tmp = Path(tmp_name)
        for org in args.orgs:
            spec = tmp / f"{org}.toml"
            spec.write_text(textwrap.dedent(SPEC.format(org=org, runs=args.runs)))
            warm = tmp / f"{org}-warm.toml"
            warm.write_text(textwrap.dedent(SPEC.format(org=org, runs=2)))
            run_sweep(warm, tmp / f"{org}-warm-local", workers=1)
            run_sweep(warm, tmp / f"{org}-warm-dask", scheduler=cluster.scheduler_address)
            paired = paired_batches(spec, cluster.scheduler_address, args.batches,
                                    args.per_worker, quiet=not args.dask_defaults)
            eff, batch_over = median_ci(paired["efficiency"]), median_ci(paired["overhead"])
            busy, in_dask = (median_ci(paired["slower_runs"][name]) for name in ("two", "dask"))
            figures = results["orgs"][org] = {"parallel_efficiency_2": eff[1],
                                              "paired_batches": paired}
            print(f"{org}, {args.batches} paired batches (medians, 95 % CI):\n"
                  f"  parallel efficiency at 2 processes {eff[1]:.0%} ({eff[0]:.0%} to "
                  f"{eff[2]:.0%}; target >= 85 %)\n"
                  f"  time inside a run: {busy[1] - 1:+.1%} ({busy[0] - 1:+.1%} to "
                  f"{busy[2] - 1:+.1%}) with both cores busy; in a Dask worker {in_dask[1] - 1:+.1%}"
                  f" ({in_dask[0] - 1:+.1%} to {in_dask[2] - 1:+.1%}) over a local process\n"
                  f"  Dask, batch end to end: {batch_over[1]:+.1%} ({batch_over[0]:+.1%} to "
                  f"{batch_over[2]:+.1%}); this includes Dask's round trip of about 15-20 ms per "
                  f"task, once per {args.per_worker}-run chunk here, once per 4 s chunk in a sweep",
                  flush=True)
            if not reps:
                continue
            sweeps = sweep_rounds(spec, tmp / org, cluster.scheduler_address, reps)
            figures["sweep_rounds"] = sweeps
            idle = sweeps["idle_share"]
            # time per run in a sweep = time inside the run x (1 + idle share of the workers)
            idle_ratio = (1 + idle["dask"]) / (1 + idle["two"])
            sweep_over = [(ratio * idle_ratio) - 1 for ratio in in_dask]
            figures["dask_overhead_share"] = sweep_over[1]
            print(f"{org}, whole sweeps ({reps} rounds): workers idle {idle['two']:.1%} (2 "
                  f"processes) and {idle['dask']:.1%} (Dask), median; identical results on all "
                  f"engines: {sweeps['identical_results']}\n"
                  f"  Dask overhead per run in a sweep = time inside a run x idle ratio: "
                  f"{sweep_over[1]:+.1%} ({sweep_over[0]:+.1%} to {sweep_over[2]:+.1%}; target "
                  f"< 5 %)\n"
                  f"  (raw ratios of whole sweeps, which mostly measure the machine's drift: "
                  f"efficiency {statistics.median(sweeps['efficiency']):.0%}, Dask "
                  f"{statistics.median(sweeps['overhead']):+.1%})", flush=True)
            labels = {"one": "local, 1 process", "two": "local, 2 processes",
                      "dask": "dask, 2 workers"}
            for name, row in sweeps["best"].items():
                rows.append({"organisation": org, "engine": labels[name],
                             "runs/min": round(row["runs_per_min"], 1),
                             "s/run": round(row["run_s"] / args.runs, 3),
                             "idle %": round(100 * row["idle_share"], 1),
                             "CPU got %": round(100 * row["cpu_share"], 0),
                             "driver CPU %": round(100 * row["driver_cpu_share"], 1),
                             "startup s": round(row["startup_s"], 2)})
    client.close()
    cluster.close()
    if rows:
        print()
        print(pd.DataFrame(rows).to_string(index=False))
    load = os.getloadavg()
    print(f"load average at end {load[0]:.1f} (a busy machine lowers every figure)")
    results["load_at_end"] = load[0]
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2, default=str) + "\n")
    if not all(v.get("sweep_rounds", {}).get("identical_results", True)
               for v in results["orgs"].values()):
        sys.exit("results differ between engines")


if __name__ == "__main__":
    main()
