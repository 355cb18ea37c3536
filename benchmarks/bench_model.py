"""Speed and memory of birosim: classroom, kabupaten, national, scaling, numba compile, streaming.

Every measured case runs in a fresh Python subprocess (so that its peak memory, from
``resource.getrusage(RUSAGE_SELF).ru_maxrss``, is its own) and is repeated ``--reps`` times; the
tables show medians. Scenarios are built as

    scenario_from_dict({"organisation": ORG, "preset": "results_oriented", "horizon_days": 250})

(``results_oriented`` switches every mechanism on) and run for one simulated year (250 steps).

Usage (from the repository root):

    .venv/bin/python benchmarks/bench_model.py                 # classroom and kabupaten
    .venv/bin/python benchmarks/bench_model.py --national      # ... and national (4.28 M staff)
    .venv/bin/python benchmarks/bench_model.py --scaling       # ms per step at 10k..4.28M staff
    .venv/bin/python benchmarks/bench_model.py --compile       # numba compile vs cached load
    .venv/bin/python benchmarks/bench_model.py --stream        # national, unit series to Parquet
    .venv/bin/python benchmarks/bench_model.py --all --json results/bench.json

Figures:

- ``import s``: ``import birosim.core`` in a fresh process; ``warm-up s``: a classroom year
  (250 steps) before the measured case, which loads every cached numba kernel (see
  ``--compile``; the first promotions' kernels are called after day 25); both are one-off costs
  per process, reported separately;
- ``build s``: model construction (loading the organisation CSV, creating staff, settling the
  initial integrity norms); ``year s``: 250 steps after construction; ``year+build s``: both;
- ``build CPU s``, ``year CPU s``: the process's CPU time (user + system) for construction and
  for the year: less sensitive than wall
  time to other programs competing for the cores (the model itself runs on one core);
- ``staff-days/s``: staff x steps / year s;
- ``peak MiB``: the subprocess's peak resident memory (imports included; ``import MiB`` is the
  peak after importing birosim only);
- ``B/staff``: bytes of model state per staff member: the staff table as allocated (its capacity
  is 1.2 x the initial staff), ``StaffTable.nbytes_per_member()`` (one row), and the per-unit
  arrays divided by staff.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _orgs import national_csv, sample_organisation  # noqa: E402

STEPS = 250
#: classroom steps that call every kernel: a year (the first promotions' come after day 25)
WARMUP_STEPS = 250
SCALING_SIZES = (10_000, 100_000, 1_000_000, 4_282_429)


# --------------------------------------------------------------------------- worker side
def _array_bytes(obj, seen: set[int]) -> int:
    """Bytes of numpy arrays (and scipy sparse matrices) reachable from ``obj``'s attributes."""
    import numpy as np
    import scipy.sparse as sp

    if id(obj) in seen:
        return 0
    seen.add(id(obj))
    if isinstance(obj, np.ndarray):
        return obj.nbytes
    if sp.issparse(obj):
        return sum(_array_bytes(getattr(obj, a), seen) for a in ("data", "indices", "indptr")
                   if hasattr(obj, a))
    if isinstance(obj, dict):
        return sum(_array_bytes(v, seen) for v in obj.values())
    if isinstance(obj, list | tuple):
        return sum(_array_bytes(v, seen) for v in obj)
    if hasattr(obj, "__dict__") and type(obj).__module__.startswith("birosim"):
        return sum(_array_bytes(v, seen) for k, v in vars(obj).items() if k != "model")
    return 0


def memory_breakdown(model) -> dict[str, float]:
    """Bytes of model state: staff table (allocated), per-unit arrays, recorders."""
    from birosim.core.staff import FIELDS

    staff = model.staff
    n = max(staff.n, 1)
    staff_bytes = sum(getattr(staff, name).nbytes for name in FIELDS)
    seen = {id(staff), id(model.unit_recorder), id(model.recorder)}
    unit_bytes = sum(_array_bytes(getattr(model, name), seen) for name in (
        "unit_state", "service", "budget", "reform", "innovation", "flexibility", "integrity",
        "measurement", "careers", "goals", "citizens", "context",  # month tallies, practice
    ))
    return {
        "staff_row_bytes": staff.nbytes_per_member(),
        "staff_table_bytes": staff_bytes,
        "unit_array_bytes": unit_bytes,
        "bytes_per_staff": (staff_bytes + unit_bytes) / n,
        "staff_bytes_per_staff": staff_bytes / n,
        "unit_bytes_per_staff": unit_bytes / n,
    }


def _maxrss_bytes() -> int:
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024


def worker_run(spec: dict) -> dict:
    """One case in this (fresh) process."""
    start = time.perf_counter()
    from birosim.core import BureaucracyModel, scenario_from_dict

    import_s = time.perf_counter() - start
    import_rss = _maxrss_bytes()
    steps = spec.get("steps", STEPS)
    start = time.perf_counter()
    warm = scenario_from_dict({"organisation": "classroom", "preset": "results_oriented",
                               "horizon_days": WARMUP_STEPS})
    BureaucracyModel(warm, unit_series=False).run()  # loads the numba kernels from their cache
    warmup_s = time.perf_counter() - start
    start = time.perf_counter()
    cpu = time.process_time()
    scenario = scenario_from_dict({
        "organisation": spec["org"], "preset": "results_oriented", "horizon_days": steps,
    })
    unit_series = spec.get("unit_series", False)
    sink = spec.get("unit_sink")
    model = BureaucracyModel(scenario, unit_series=unit_series, unit_sink=sink)
    build_s = time.perf_counter() - start
    build_cpu_s = time.process_time() - cpu
    memory = memory_breakdown(model)
    start = time.perf_counter()
    cpu = time.process_time()
    model.step()
    first_step_s = time.perf_counter() - start
    model.run()
    year_s = time.perf_counter() - start
    year_cpu_s = time.process_time() - cpu
    if sink:
        model.unit_recorder.close()
    total_s = build_s + year_s
    staff = int(model.org.total_staff)
    result = {
        "org": spec["org"], "label": spec.get("label", spec["org"]), "staff": staff,
        "units": int(model.org.n_units), "steps": steps, "import_s": import_s,
        "warmup_s": warmup_s,
        "build_s": build_s, "first_step_s": first_step_s, "year_s": year_s,
        "build_cpu_s": build_cpu_s, "year_cpu_s": year_cpu_s,
        "year_incl_build_s": total_s, "ms_per_step": 1000 * year_s / steps,
        "staff_days_per_s": staff * steps / year_s, "import_rss_bytes": import_rss,
        "peak_rss_bytes": _maxrss_bytes(), **memory,
    }
    if sink:
        result["sink_bytes"] = Path(sink).stat().st_size
    return result


def worker_compile(spec: dict) -> dict:
    """A classroom year (construction included) twice in a fresh process: the first
    compiles or loads every numba kernel the model uses (the monthly ones run on day 21).

    Uses the model's public API only, so it keeps working when a kernel's signature changes.
    """
    start = time.perf_counter()
    from birosim.core import BureaucracyModel, scenario_from_dict

    import_s = time.perf_counter() - start
    scenario = scenario_from_dict({"organisation": "classroom", "preset": "results_oriented",
                                   "horizon_days": WARMUP_STEPS})
    times = []
    for _ in range(2):
        start = time.perf_counter()
        BureaucracyModel(scenario, unit_series=False).run()
        times.append(time.perf_counter() - start)
    return {"import_s": import_s, "first_run_s": times[0], "second_run_s": times[1]}


# --------------------------------------------------------------------------- driver side
def run_case(spec: dict, env: dict | None = None) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", json.dumps(spec)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=HERE.parent)
    if done.returncode != 0:
        raise RuntimeError(f"case {spec} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


_DONE: dict[str, dict] = {}


def median_case(spec: dict, reps: int, log) -> dict:
    key = json.dumps({k: v for k, v in spec.items() if k != "label"}, sort_keys=True)
    if key in _DONE:  # e.g. the 4.28M scaling point is the national case
        return {**_DONE[key], "label": spec.get("label", spec["org"])}
    runs = []
    for rep in range(reps):
        result = run_case(spec)
        log(f"  {spec.get('label', spec['org'])} rep {rep + 1}/{reps}: "
            f"build {result['build_s']:.2f} s (CPU {result['build_cpu_s']:.3f} s), "
            f"year {result['year_s']:.2f} s "
            f"(CPU {result['year_cpu_s']:.3f} s), "
            f"peak {result['peak_rss_bytes'] / 2**20:.0f} MiB")
        runs.append(result)
    summary = dict(runs[0])
    for name, value in runs[0].items():
        if isinstance(value, float):
            summary[name] = statistics.median(r[name] for r in runs)
    summary["reps"] = reps
    summary["year_s_runs"] = [r["year_s"] for r in runs]
    _DONE[key] = summary
    return summary


def machine() -> dict:
    info = {"python": platform.python_version(), "nproc": os.cpu_count(),
            "platform": platform.platform()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["ram_gib"] = round(int(line.split()[1]) / 2**20, 1)
        info["loadavg_at_start"] = Path("/proc/loadavg").read_text().split()[:3]
    except OSError:
        pass
    import numba
    import numpy

    info.update(numpy=numpy.__version__, numba=numba.__version__)
    return info


def print_cases(title: str, cases: list[dict]) -> None:
    print(f"\n## {title} (one year = {STEPS} steps, median of {cases[0]['reps']} runs)\n")
    print("| case | staff | units | import s | warm-up s | build s | build CPU s | year s "
          "| year CPU s "
          "| year+build s | ms/step | staff-days/s | peak MiB | import MiB "
          "| B/staff (staff table + units) | row B |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for c in cases:
        print(f"| {c['label']} | {c['staff']:,} | {c['units']:,} | {c['import_s']:.2f} "
              f"| {c['warmup_s']:.2f} | {c['build_s']:.2f} | {c['build_cpu_s']:.3f} "
              f"| {c['year_s']:.2f} "
              f"| {c['year_cpu_s']:.3f} "
              f"| {c['year_incl_build_s']:.2f} | {c['ms_per_step']:.2f} "
              f"| {c['staff_days_per_s']:.3g} | {c['peak_rss_bytes'] / 2**20:,.0f} "
              f"| {c['import_rss_bytes'] / 2**20:,.0f} | {c['bytes_per_staff']:.0f} "
              f"({c['staff_bytes_per_staff']:.0f} + {c['unit_bytes_per_staff']:.0f}) "
              f"| {c['staff_row_bytes']} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--worker-compile", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--national", action="store_true", help="also the national organisation")
    parser.add_argument("--scaling", action="store_true", help="ms per step at 10k..4.28M staff")
    parser.add_argument("--sizes", default=",".join(map(str, SCALING_SIZES)),
                        help="staff sizes of the scaling mode")
    parser.add_argument("--compile", action="store_true", help="numba compile vs cached load")
    parser.add_argument("--stream", action="store_true",
                        help="national with all per-unit series streamed to Parquet")
    parser.add_argument("--all", action="store_true", help="every mode")
    parser.add_argument("--reps", type=int, default=3, help="repetitions per case (median)")
    parser.add_argument("--skip-small", action="store_true", help="skip classroom and kabupaten")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    args = parser.parse_args(argv)

    if args.worker_compile:
        print(json.dumps(worker_compile({})))
        return 0
    if args.worker:
        print(json.dumps(worker_run(json.loads(args.worker))))
        return 0

    def log(text):
        print(text, file=sys.stderr, flush=True)

    command = " ".join([Path(sys.executable).name, *sys.argv])
    report: dict = {"machine": machine(), "command": command}
    print("# birosim benchmark\n")
    print("machine: " + ", ".join(f"{k}={v}" for k, v in report["machine"].items()))

    cases = []
    if not args.skip_small:
        cases += [{"org": "classroom"}, {"org": "kabupaten"}]
    if args.national or args.all:
        cases.append({"org": str(national_csv()), "label": "national"})
    if cases:
        results = [median_case(spec, args.reps, log) for spec in cases]
        report["cases"] = results
        print_cases("Organisations", results)

    if args.stream or args.all:
        sink = Path(tempfile.mkdtemp(prefix="birosim_bench_")) / "units.parquet"
        spec = {"org": str(national_csv()), "label": "national + unit series -> Parquet",
                "unit_series": True, "unit_sink": str(sink)}
        streamed = median_case(spec, args.reps, log)
        report["stream"] = streamed
        print_cases("Per-unit series streamed to Parquet (all 13 columns, every unit, every step)",
                    [streamed])
        rows = streamed["units"] * streamed["steps"]
        print(f"\n{rows:,} unit-day rows, Parquet file {streamed['sink_bytes'] / 2**20:,.0f} MiB")

    if args.scaling or args.all:
        sizes = [int(s) for s in args.sizes.split(",")]
        scaled = []
        for size in sizes:
            spec = {"org": str(sample_organisation(size)), "label": f"{size:,} target"}
            scaled.append(median_case(spec, args.reps, log))
        report["scaling"] = scaled
        print(f"\n## Scaling: cost of a step against staff (units sampled from national, "
              f"median of {args.reps} runs)\n")
        print("| staff | units | ms/step | ms/step per 100k staff | CPU ms/step | staff-days/s "
              "| peak MiB | B/staff |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        for c in scaled:
            print(f"| {c['staff']:,} | {c['units']:,} | {c['ms_per_step']:.2f} "
                  f"| {c['ms_per_step'] / c['staff'] * 1e5:.2f} "
                  f"| {1000 * c['year_cpu_s'] / c['steps']:.2f} | {c['staff_days_per_s']:.3g} "
                  f"| {c['peak_rss_bytes'] / 2**20:,.0f} | {c['bytes_per_staff']:.0f} |")

    if args.compile or args.all:
        cache = tempfile.mkdtemp(prefix="birosim_numba_cache_")
        env = {**os.environ, "NUMBA_CACHE_DIR": cache}
        command = [sys.executable, str(Path(__file__).resolve()), "--worker-compile"]
        rounds = {}
        for label in ("cold (empty cache: compile)", "warm (cached on disk)"):
            done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
            rounds[label] = json.loads(done.stdout.strip().splitlines()[-1])
        report["compile"] = rounds
        print("\n## numba kernels (`cache=True`): compile vs cached load\n")
        print(f"A {WARMUP_STEPS}-step classroom run (construction included), twice in a fresh "
              "process;\nthe difference is the kernels' compilation (empty cache) or loading "
              "from the on-disk cache.\n")
        print("| cache | import birosim.core s | first run s | second run s | compile or load s |")
        print("|---|---:|---:|---:|---:|")
        for label, r in rounds.items():
            print(f"| {label} | {r['import_s']:.2f} | {r['first_run_s']:.3f} "
                  f"| {r['second_run_s']:.3f} | {r['first_run_s'] - r['second_run_s']:.2f} |")

    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1))
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
