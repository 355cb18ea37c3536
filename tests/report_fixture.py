"""A compare results directory as ``birosim compare A B [C ...]`` writes it (manifest.json,
comparison.csv, summaries.csv, units.csv and the plots), made by the command's own writer from
a real comparison, so the report is tested on what the command produces."""

from __future__ import annotations

from pathlib import Path

from birosim.core.scenario import Scenario
from birosim.experiments.compare import compare
from birosim.interfaces.commands.compare import write_comparison


def write_results_dir(out: Path, options: list[tuple[str, Scenario]], replicates: int = 3,
                      seed: int = 11, steps: int = 120) -> Path:
    names = tuple(name for name, _ in options)
    comparison = compare(*(scenario for _, scenario in options), replicates=replicates,
                         seed=seed, steps=steps, labels=names)
    write_comparison(comparison, out)
    return out
