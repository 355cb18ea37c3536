"""``birosim compare``: scenario B against scenario A on common random numbers."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from ...core.errors import InputError
from ..app import (
    SHIPPED_SCENARIOS_HELP,
    LangOpt,
    OrgOpt,
    OutOpt,
    ReplicatesOpt,
    SetOpt,
    StepsOpt,
    WorkersOpt,
    app,
    atomic_outputs,
    check_int,
    check_lang,
    check_out,
    dump_frame,
    dump_json,
    fmt,
    guard,
    progress_bar,
    seed_option,
    stdout,
)
from ..inputs import scenario_from_options

if TYPE_CHECKING:
    from ...core import Scenario
    from ...experiments.compare import Comparison

COMPARISON_FILES = ("comparison.csv", "replicates.csv", "timeseries.parquet", "timeseries.png",
                    "effects.png", "summary.json")


@app.command(name="compare")
@guard
def compare_command(
    a: Annotated[str, typer.Argument(
        help="Scenario A (the baseline). " + SHIPPED_SCENARIOS_HELP, show_default=False,
        metavar="A")],
    b: Annotated[str, typer.Argument(
        help="Scenario B (the alternative), same forms as A.", show_default=False, metavar="B")],
    out: OutOpt,
    replicates: ReplicatesOpt = 5,
    seed: Annotated[int | None, seed_option(
        "scenario A's seed. Replicate seeds are "
        "numpy.random.SeedSequence(S).generate_state(R)")] = None,
    steps: StepsOpt = None,
    org: OrgOpt = None,
    set_: SetOpt = None,
    set_a: Annotated[list[str] | None, typer.Option(
        "--set-a", metavar="GROUP.NAME=VALUE", show_default=False,
        help="Like --set, for scenario A only (applied after --set).")] = None,
    set_b: Annotated[list[str] | None, typer.Option(
        "--set-b", metavar="GROUP.NAME=VALUE", show_default=False,
        help="Like --set, for scenario B only (applied after --set).")] = None,
    workers: WorkersOpt = 1,
    lang: LangOpt = "en",
) -> None:
    """Compare scenario B with scenario A on common random numbers, with paired 95 % CIs.

    Both run R times; replicate r of A and of B use the same seed, so they see the same
    citizens and the same initial staff. --org and --set apply to both. Prints the comparison
    table and writes to OUT: comparison.csv (outcome, mean_a, mean_b, mean_diff = B - A,
    ci_low, ci_high, ...), replicates.csv (per-replicate summaries), timeseries.parquet,
    timeseries.png, effects.png and summary.json (with the provenance of both scenarios).
    """
    check_compare_options(replicates, seed, steps, workers, lang)
    scen_a = scenario_from_options(a, org, set_, "A", set_a, "--set-a")
    scen_b = scenario_from_options(b, org, set_, "B", set_b, "--set-b")
    run_comparison(scen_a, scen_b, out, replicates, seed, steps, workers, lang)


def check_compare_options(replicates: int, seed: int | None, steps: int | None, workers: int,
                          lang: str) -> None:
    check_int("--replicates", replicates, 1)
    check_int("--seed", seed, 0)
    check_int("--steps", steps, 1)
    check_int("--workers", workers, 1)
    check_lang(lang)


def run_comparison(scen_a: Scenario, scen_b: Scenario, out: Path, replicates: int,
                   seed: int | None, steps: int | None, workers: int, lang: str) -> None:
    """Run, write and print a comparison (shared by ``compare`` and ``demo``)."""
    from ...experiments.compare import compare

    if steps is None and scen_a.horizon_days != scen_b.horizon_days:
        raise InputError("compare", "horizon_days",
                         f"{scen_a.horizon_days} (A) vs {scen_b.horizon_days} (B)",
                         "the same horizon in A and B, or give --steps")
    check_out(out)
    days = steps or scen_a.horizon_days
    with progress_bar(f"{replicates} x 2 runs", 2 * replicates * days) as advance:
        comparison = compare(scen_a, scen_b, replicates=replicates, seed=seed, steps=steps,
                             progress=advance, workers=workers)
    write_comparison(comparison, out, lang=lang)
    print_comparison(comparison)
    stdout().print(f"wrote {out}/comparison.csv, replicates.csv, timeseries.parquet, "
                   "timeseries.png, effects.png, summary.json", markup=False)


def write_comparison(comparison: Comparison, out: Path, lang: str = "en") -> dict[str, Path]:
    """Write a comparison's tables, timeseries, plots and summary.json into ``out``; returns
    ``{file name: path}``.

    Everything is written to temporary files first and renamed at the end, so a failure (e.g.
    while drawing) leaves the files of an earlier comparison in ``out`` untouched.
    """
    from ..plots import effects_figure, timeseries_figure

    out = check_out(Path(out))
    table = comparison.table()
    paths = {name: out / name for name in COMPARISON_FILES}
    summary = {
        "a": comparison.label_a,
        "b": comparison.label_b,
        "replicates": comparison.replicates,
        "steps": comparison.steps,
        "difference": "b - a, paired by replicate seed; 95 % CI = paired t-interval"
                      + ("" if comparison.replicates >= 2 else
                         "; with 1 replicate no CI can be estimated (null)"),
        "comparison": {
            row["outcome"]: {k: row[k] for k in
                             ("mean_a", "mean_b", "mean_diff", "ci_low", "ci_high", "n")}
            for row in table.to_dict("records")
        },
        "provenance": comparison.provenance,
    }
    with atomic_outputs(*paths.values()) as tmp:
        dump_frame(tmp[0], table, "csv")
        dump_frame(tmp[1], comparison.summaries, "csv")
        dump_frame(tmp[2], comparison.timeseries, "parquet")
        timeseries_figure(comparison, lang=lang).savefig(tmp[3], dpi=110, format="png")
        effects_figure(comparison, lang=lang).savefig(tmp[4], dpi=110, format="png")
        dump_json(tmp[5], summary)
    return paths


def print_comparison(comparison: Comparison) -> None:
    from ...core import SUMMARY_OUTCOMES

    table = comparison.table(list(SUMMARY_OUTCOMES))
    rich_table = Table(title=f"B = {comparison.label_b} vs A = {comparison.label_a}: "
                             f"{comparison.replicates} paired replicate(s) x "
                             f"{comparison.steps} days", title_justify="left")
    rich_table.add_column("outcome", overflow="fold")
    for name in ("mean A", "mean B", "B − A", "95 % CI"):
        rich_table.add_column(name, justify="right", no_wrap=True)
    for row in table.to_dict("records"):
        ci = "-" if not math.isfinite(row["ci_low"]) else \
            f"{fmt(row['ci_low'])} .. {fmt(row['ci_high'])}"
        rich_table.add_row(row["outcome"], fmt(row["mean_a"]), fmt(row["mean_b"]),
                           fmt(row["mean_diff"]), ci)
    console = stdout()
    console.print(rich_table)
    if comparison.replicates < 2:
        console.print("With 1 replicate no confidence interval can be estimated (CI shown as -).")
