"""Regenerate the plausible set of behavioural parameters by history matching.

Runs the Latin-hypercube design over the candidate parameters (``BOXES``) through the quick
field-evidence experiments in two waves and a confirmation at a second seed
(``birosim.experiments.plausible``; docs/evidence.md, "Parameter uncertainty in comparisons")
and writes ``model/experiments/plausible_set.json``. Resumable: the runs go to ``--work``
(``runs.csv``), and a rerun skips the (point, seed, experiment) runs already there. Rerun after
any change to a mechanism the experiments measure (about 3 minutes of CPU; 1.5 minutes on 2
workers, measured on 2026-12-02):

    python docs/make_plausible_set.py --match-seed 2026 --confirm-seed 2027 --workers 2
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from birosim.experiments.plausible import (
    DATA,
    EXPERIMENTS,
    MATCHED,
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
    parser.add_argument("--confirm-seed", type=int, default=2027,
                        help="the second seed, at the points the waves leave (default 2027)")
    parser.add_argument("--workers", type=int, default=1, help="processes (no number changes)")
    parser.add_argument("--work", type=Path, default=Path("results/plausible"),
                        help="folder of the resumable runs (default results/plausible)")
    parser.add_argument("--out", type=Path, default=DATA, help="the data file written")
    args = parser.parse_args()
    table = design()

    def run(experiments, only=None, seed=args.match_seed):
        return history_match(args.work, table, match_seed=seed,
                             experiments=experiments, only=only, workers=args.workers,
                             progress=lambda line: print(line, file=sys.stderr, flush=True))

    first = run(EXPERIMENTS)
    probed = survivors(first, EXPERIMENTS)
    if probed:
        run(SECOND_WAVE, probed)
        runs = run(MATCHED, probed, seed=args.confirm_seed)
    else:
        runs = first
    command = (f"python docs/make_plausible_set.py --match-seed {args.match_seed} "
               f"--confirm-seed {args.confirm_seed}")
    waves = {f"first: every design point, seed {args.match_seed}": list(EXPERIMENTS),
             f"second: the {len(probed)} points the first did not rule out {probed}, seed "
             f"{args.match_seed}": list(SECOND_WAVE),
             f"confirmation: the same points, seed {args.confirm_seed}": list(MATCHED)}
    data = plausible_data(table, runs, seeds=(args.match_seed, args.confirm_seed),
                          command=command, waves=waves)
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"{len(data['points'])} of {data['provenance']['points_run']} points kept; "
          f"wrote {args.out}")


if __name__ == "__main__":
    main()
