"""birosim against a straightforward Mesa implementation at 100,000 staff, side by side.

Both run on the same organisation (units sampled from ``national.csv`` up to about 100,000
staff, see ``_orgs.py``) for the same number of days, alternately, in this one process:

- birosim with the ``results_oriented`` preset (every mechanism on: casework, integrity,
  citizens, careers, measurement, innovation, flexibility, goals, reform);
- ``mesa_reference.CaseworkModel``: one ``mesa.Agent`` per staff member with
  ``shuffle_do("step")``, casework and sign-off only (see its docstring for what it leaves out).

It prints staff-days per CPU second for each (median of ``--reps`` runs, construction
excluded and included) and the speed-up. Both run on one core in this process, so CPU time is
their cost, and it is less disturbed than wall time by other programs on a shared machine.
Run from the repository root:

    .venv/bin/python benchmarks/compare_reference.py [--staff 100000] [--days 100] [--reps 3]

The targets (issue 15) are read at ``--days 30``, where construction weighs most.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _orgs import sample_organisation  # noqa: E402
from mesa_reference import CaseworkModel  # noqa: E402


def run_birosim(org: Path, days: int) -> dict:
    from birosim.core import BureaucracyModel, scenario_from_dict

    start = time.process_time()
    scenario = scenario_from_dict({"organisation": str(org), "preset": "results_oriented",
                                   "horizon_days": days})
    model = BureaucracyModel(scenario, unit_series=False)
    built = time.process_time()
    model.run()
    done = time.process_time()
    summary = model.summary()
    return {"staff": model.org.total_staff, "build_s": built - start, "run_s": done - built,
            "lead_time": summary["lead_time_mean_days"], "resolved": summary["resolved"]}


def run_reference(org: Path, days: int) -> dict:
    start = time.process_time()
    model = CaseworkModel(org)
    built = time.process_time()
    for _ in range(days):
        model.step()
    done = time.process_time()
    summary = model.summary()
    return {"staff": model.n_staff, "build_s": built - start, "run_s": done - built,
            "lead_time": summary["lead_time_mean_days"], "resolved": summary["resolved"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=100)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args(argv)
    org = sample_organisation(args.staff)

    from birosim.core import BureaucracyModel, scenario_from_dict

    warm = scenario_from_dict({"organisation": "classroom", "preset": "results_oriented",
                               "horizon_days": 250})
    # load every numba kernel before timing: a classroom year reaches the promotions' kernels
    # (first called after day 25), which would otherwise be loaded inside the first timed run
    BureaucracyModel(warm, unit_series=False).run()

    runs: dict[str, list[dict]] = {"birosim": [], "mesa reference": []}
    for rep in range(args.reps):  # alternate, so that both see the same machine load
        for name, runner in (("birosim", run_birosim), ("mesa reference", run_reference)):
            # the Mesa model's 100,000 agents are a reference cycle, freed only by a full
            # collection; without this, that collection (about 0.2 s) falls inside whichever
            # run next allocates enough, often birosim's construction
            gc.collect()
            result = runner(org, args.days)
            runs[name].append(result)
            print(f"rep {rep + 1}/{args.reps} {name:<15} build {result['build_s']:7.3f} s  "
                  f"{args.days} days {result['run_s']:8.3f} s", file=sys.stderr, flush=True)

    rates = {}
    print(f"\n{org.name}: {args.days} days, median of {args.reps} runs\n")
    print("| model | staff | build s | run s | staff-days/s (run) | staff-days/s (build+run) "
          "| mean lead time d |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, results in runs.items():
        staff = results[0]["staff"]
        build = statistics.median(r["build_s"] for r in results)
        run = statistics.median(r["run_s"] for r in results)
        total = statistics.median(r["build_s"] + r["run_s"] for r in results)
        rates[name] = (staff * args.days / run, staff * args.days / total)
        lead = statistics.median(r["lead_time"] for r in results)
        print(f"| {name} | {staff:,} | {build:.3f} | {run:.3f} | {rates[name][0]:.3g} "
              f"| {rates[name][1]:.3g} | {lead:.2f} |")
    speedup = rates["birosim"][0] / rates["mesa reference"][0]
    speedup_total = rates["birosim"][1] / rates["mesa reference"][1]
    print(f"\nspeed-up of birosim (every mechanism) over the Mesa reference (casework only): "
          f"{speedup:.0f}x (run), {speedup_total:.0f}x (build+run); "
          f"target >= 200x (run), >= 120x (build+run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
