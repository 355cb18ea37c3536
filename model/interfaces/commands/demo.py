"""``birosim demo``: the main demonstration, conventional vs results-oriented on the kabupaten."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..app import LangOpt, ReplicatesOpt, WorkersOpt, app, guard, seed_option, stdout
from ..inputs import run_spec
from .compare import check_compare_options, run_comparison


@app.command()
@guard
def demo(
    out: Annotated[Path, typer.Option(
        "--out", "-o", metavar="DIR", help="Output directory for the demo's tables and plots.")
    ] = Path("results/demo"),
    replicates: ReplicatesOpt = 5,
    steps: Annotated[int, typer.Option(
        "--steps", metavar="N",
        help="Working days to simulate (a whole number >= 1; 1250 = five years).")] = 1250,
    seed: Annotated[int | None, seed_option("the conventional scenario's seed")] = None,
    workers: WorkersOpt = 1,
    lang: LangOpt = "en",
) -> None:
    """The main demonstration: compare the shipped conventional and results_oriented scenarios
    on the synthetic kabupaten (36 units, 6,950 staff) and write the tables and plots to OUT
    (the same files as compare), and the decision-maker's report OUT/report.html."""
    from ..report import write_report

    check_compare_options(replicates, seed, steps, workers, lang)
    specs = [run_spec(name, "kabupaten", None, steps=steps)
             for name in ("conventional", "results_oriented")]
    run_comparison(specs, out, replicates, seed, steps, workers, lang)
    for path in write_report(out, out / "report.html", lang):
        stdout().print(f"wrote {path}", markup=False)
