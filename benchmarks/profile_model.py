"""Where the time of a birosim run goes: construction and one year, by function (cProfile).

    .venv/bin/python benchmarks/profile_model.py kabupaten
    .venv/bin/python benchmarks/profile_model.py national --steps 250 --top 25

Prints, for model construction and for the run, the functions with the most own time (birosim's
and the numpy/builtin calls they make), with their cumulative time (including what they call)
and their share of the total. The
numba kernels show as single calls (their inside is compiled code). The kernel is loaded and a
tiny model run before profiling, so compilation or cache loading is not in the figures.
cProfile adds overhead to every Python call (a few percent here: the model makes few, large
numpy calls).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _orgs import national_csv  # noqa: E402


def table(profile: cProfile.Profile, total: float, top: int, title: str) -> None:
    stats = pstats.Stats(profile)
    rows = []
    for (filename, line, name), (_, calls, own, cumulative, _) in stats.stats.items():
        if "/model/" in filename:  # birosim's own code
            where = f"{filename.split('/model/')[-1]}:{line}({name})"
        elif filename == "~":  # a builtin, e.g. a numpy method such as Generator.binomial
            where = name
        else:
            where = f"{Path(filename).name}:{line}({name})"
        rows.append((own, cumulative, calls, where))
    print(f"\n### {title}: {total:.2f} s wall\n")
    print("| function | calls | own s | own % | cumulative s | cumulative % |")
    print("|---|---:|---:|---:|---:|---:|")
    for own, cumulative, calls, where in sorted(rows, reverse=True)[:top]:
        print(f"| `{where}` | {calls} | {own:.2f} | {100 * own / total:.0f} "
              f"| {cumulative:.2f} | {100 * cumulative / total:.0f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("organisation", help="classroom, kabupaten, national or a CSV path")
    parser.add_argument("--steps", type=int, default=250)
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args(argv)
    org = str(national_csv()) if args.organisation == "national" else args.organisation

    from birosim.core import BureaucracyModel, scenario_from_dict

    warm = scenario_from_dict({"organisation": "classroom", "preset": "results_oriented",
                               "horizon_days": 22})
    BureaucracyModel(warm, unit_series=False).run()  # compile or load every kernel
    scenario = scenario_from_dict({"organisation": org, "preset": "results_oriented",
                                   "horizon_days": args.steps})
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    model = BureaucracyModel(scenario, unit_series=False)
    profile.disable()
    table(profile, time.perf_counter() - start, args.top, f"{args.organisation}: construction")
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    model.run()
    profile.disable()
    table(profile, time.perf_counter() - start, args.top,
          f"{args.organisation}: {args.steps} steps ({model.org.total_staff:,} staff)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
