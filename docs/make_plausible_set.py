"""Regenerate the plausible set of behavioural parameters by history matching.

Runs the Latin-hypercube design over the candidate parameters (``BOXES``) through the quick
field-evidence experiments in two waves (``birosim.experiments.plausible``; docs/evidence.md,
"Parameter uncertainty in comparisons") and writes ``model/experiments/plausible_set.json``.
Resumable: the runs go to ``--work`` (``runs.csv``), and a rerun skips the (point, experiment)
pairs already there. Rerun after any change to a mechanism the experiments measure:

    python docs/make_plausible_set.py --match-seed 2026 --second-wave 4 --workers 3
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from birosim.experiments.plausible import (
    DATA,
    EXPERIMENTS,
    SECOND_WAVE,
    design,
    history_match,
    plausible_data,
    survivors,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--match-seed", type=int, default=2026,
                        help="the experiments' seed at every point (default 2026)")
    parser.add_argument("--second-wave", type=int, default=4,
                        help="survivors of the first wave run through the second (default 4)")
    parser.add_argument("--workers", type=int, default=1, help="processes (no number changes)")
    parser.add_argument("--work", type=Path, default=Path("results/plausible"),
                        help="folder of the resumable runs (default results/plausible)")
    parser.add_argument("--out", type=Path, default=DATA, help="the data file written")
    args = parser.parse_args()
    table = design()

    def run(experiments, only=None):
        return history_match(args.work, table, match_seed=args.match_seed,
                             experiments=experiments, only=only, workers=args.workers,
                             progress=lambda line: print(line, file=sys.stderr, flush=True))

    first = run(EXPERIMENTS)
    probed = survivors(first[first["experiment"].isin(EXPERIMENTS)])[:args.second_wave]
    runs = run(SECOND_WAVE, probed) if probed and args.second_wave else first
    command = (f"python docs/make_plausible_set.py --match-seed {args.match_seed} "
               f"--second-wave {args.second_wave}")
    waves = {"first: every design point": list(EXPERIMENTS),
             f"second: points {probed}, the first survivors of the first": list(SECOND_WAVE)}
    data = plausible_data(table, runs, match_seed=args.match_seed, command=command,
                          waves=waves)
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"{len(data['points'])} of {data['provenance']['points_run']} points kept; "
          f"wrote {args.out}")


if __name__ == "__main__":
    main()
