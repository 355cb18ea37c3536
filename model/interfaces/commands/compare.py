"""``birosim compare A B [C ...]``: every option against the baseline A on common random numbers.

The results directory holds ``manifest.json`` (the options with their scenario content hashes,
the seeds, the organisation, version, git commit and the kind of uncertainty),
``comparison.csv`` (long: option, outcome, baseline_mean, option_mean, difference, ci_low,
ci_high, relative_difference, interval: ``seeds`` or ``parameters``, what the CI covers), ``summaries.csv`` (option, replicate, seed and the run outcomes),
``units.csv`` (option, replicate, unit id, name and parent organisation and the per-unit run
outcomes), ``timeseries.parquet`` and the plots ``timeseries.png`` and ``effects.png`` (the
second option against the baseline), ``timeseries_3.png`` and ``effects_3.png`` for the third
and so on. Every file is
written to a temporary file and renamed only once all are complete.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from ...core.errors import InputError
from ...experiments.uncertainty import DEFAULT_UNCERTAINTY, check_uncertainty
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
    guard,
    progress_bar,
    seed_option,
    stdout,
)
from ..inputs import run_spec
from ..numbers import format_outcome

if TYPE_CHECKING:
    from ...core.run_spec import RunSpec
    from ...experiments.compare import Comparison

INTERVAL_WORDS = {"seeds": "seeds", "parameters": "seeds and parameter draws"}

@app.command(name="compare")
@guard
def compare_command(
    scenarios: Annotated[list[str], typer.Argument(
        help="Two or more options: the first is the baseline, every other one is compared "
             "with it. Each is " + SHIPPED_SCENARIOS_HELP[0].lower() + SHIPPED_SCENARIOS_HELP[1:],
        show_default=False, metavar="A B [C ...]")],
    out: OutOpt,
    replicates: ReplicatesOpt = 5,
    seed: Annotated[int | None, seed_option(
        "the baseline's seed. Replicate r of every option runs on "
        "replicate_seed(S, 0, r), the seed of replicate r in a sweep with seed S")] = None,
    steps: StepsOpt = None,
    org: OrgOpt = None,
    set_: SetOpt = None,
    set_a: Annotated[list[str] | None, typer.Option(
        "--set-a", metavar="GROUP.NAME=VALUE", show_default=False,
        help="Like --set, for the baseline A only (applied after --set).")] = None,
    set_b: Annotated[list[str] | None, typer.Option(
        "--set-b", metavar="GROUP.NAME=VALUE", show_default=False,
        help="Like --set, for every option but the baseline (applied after --set).")] = None,
    workers: WorkersOpt = 1,
    lang: LangOpt = "en",
    uncertainty: Annotated[str, typer.Option(
        "--uncertainty", metavar="seeds|parameters",
        help="What the 95 % CIs cover: seed noise and the behavioural parameters, drawn for "
             "each replicate from the plausible set history-matched to the field evidence, the "
             "same draw for every option (parameters, the default; see docs/evidence.md), or "
             "seed noise only, parameters at their values (seeds).")] = DEFAULT_UNCERTAINTY,
) -> None:
    """Compare options B, C ... with the baseline A on common random numbers, with paired
    95 % CIs.

    Every option runs R times; replicate r of every option uses the same seed, so they see
    the same citizens and the same initial staff. --org and --set apply to all. Prints a table
    per option and writes to OUT: manifest.json, comparison.csv, summaries.csv, units.csv,
    timeseries.parquet, timeseries.png and effects.png (timeseries_3.png, effects_3.png ... for
    further options).
    """
    check_compare_options(replicates, seed, steps, workers, lang)
    check_uncertainty(uncertainty)
    if len(scenarios) < 2:
        raise InputError("compare", "scenarios", " ".join(scenarios),
                         "two or more scenarios: A (the baseline) B [C ...]")
    specs = [
        run_spec(name, org, set_, argument=_argument(i), steps=steps,
                 extra_sets=set_a if i == 0 else set_b,
                 extra_source="--set-a" if i == 0 else "--set-b")
        for i, name in enumerate(scenarios)
    ]
    run_comparison(specs, out, replicates, seed, steps, workers, lang, uncertainty)


def _argument(index: int) -> str:
    """``A``, ``B``, ... ``Z``, then ``27``, ``28`` ...: the option's name in error messages."""
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def check_compare_options(replicates: int, seed: int | None, steps: int | None, workers: int,
                          lang: str) -> None:
    check_int("--replicates", replicates, 1)
    check_int("--seed", seed, 0)
    check_int("--steps", steps, 1)
    check_int("--workers", workers, 1)
    check_lang(lang)


def run_comparison(specs: list[RunSpec], out: Path, replicates: int, seed: int | None,
                   steps: int | None, workers: int, lang: str,
                   uncertainty: str = DEFAULT_UNCERTAINTY) -> None:
    """Run, write and print a comparison (shared by ``compare`` and ``demo``)."""
    from ...experiments.compare import compare

    horizons = [spec.steps for spec in specs]
    if steps is None and len(set(horizons)) > 1:
        raise InputError("compare", "horizon_days", " vs ".join(
            f"{h} ({_argument(i)})" for i, h in enumerate(horizons)),
            "the same horizon in every option, or give --steps")
    check_out(out)
    with progress_bar(f"{replicates} x {len(specs)} runs",
                      len(specs) * replicates * horizons[0]) as advance:
        comparison = compare(*specs, replicates=replicates, seed=seed, progress=advance,
                             workers=workers, uncertainty=uncertainty)
    paths = write_comparison(comparison, out, lang=lang)
    print_comparison(comparison, lang)
    stdout().print(f"wrote {out}/" + ", ".join(paths), markup=False)


def plot_file(kind: str, position: int) -> str:
    """The ``timeseries`` or ``effects`` plot of option ``position`` (1 = the baseline) against
    the baseline: ``effects.png`` for option 2, ``effects_3.png`` for option 3 ..."""
    return f"{kind}.png" if position == 2 else f"{kind}_{position}.png"


def write_comparison(comparison: Comparison, out: Path, lang: str = "en") -> dict[str, Path]:
    """Write a comparison's results directory into ``out``; returns ``{file name: path}``.

    Everything is written to temporary files first and renamed at the end, so a failure (e.g.
    while drawing) leaves the files of an earlier comparison in ``out`` untouched.
    """
    from ..plots import effects_figure, timeseries_figure

    out = check_out(Path(out))
    plots = {plot_file(kind, position): (kind, label)
             for position, label in enumerate(comparison.alternatives, start=2)
             for kind in ("timeseries", "effects")}
    names = ["manifest.json", "comparison.csv", "summaries.csv", "units.csv",
             "timeseries.parquet", *plots]
    paths = {name: out / name for name in names}
    with atomic_outputs(*paths.values()) as tmp_list:
        tmp = dict(zip(names, tmp_list, strict=True))
        dump_frame(tmp["comparison.csv"], comparison.comparison_table(), "csv")
        dump_frame(tmp["summaries.csv"], _as_option(comparison.summaries), "csv")
        dump_frame(tmp["units.csv"], _as_option(comparison.units).drop(columns="seed"), "csv")
        dump_frame(tmp["timeseries.parquet"], _as_option(comparison.timeseries), "parquet")
        shocks = sorted({
            (s.start_day, s.start_day + (s.duration_days if s.kind == "demand" else 1))
            for spec in comparison.options for s in spec.scenario.shocks
        })
        warmup = max(spec.scenario.warmup_days for spec in comparison.options)
        series = comparison.timeseries
        for position, label in enumerate(comparison.alternatives, start=2):
            pair = (comparison.baseline, label)
            figure = timeseries_figure(series[series["policy"].isin(pair)], labels=pair,
                                       lang=lang, warmup_days=warmup, shock_days=shocks)
            figure.savefig(tmp[plot_file("timeseries", position)], dpi=110, format="png")
            figure = effects_figure(comparison.table(option=label), labels=pair,
                                    n_replicates=comparison.replicates, lang=lang,
                                    interval=comparison.uncertainty)
            figure.savefig(tmp[plot_file("effects", position)], dpi=110, format="png")
        dump_json(tmp["manifest.json"], manifest(comparison, plots))
    return paths


def _as_option(frame):
    """A comparison frame with its ``policy`` column named ``option``, as the files have it."""
    return frame.rename(columns={"policy": "option"})


def manifest(comparison: Comparison, plots: dict[str, tuple[str, str]]) -> dict:
    """What the results directory holds and what identifies it."""
    from ... import __version__
    from ...experiments.run import git_commit

    provenance = comparison.provenance
    baseline = comparison.options[0]
    return {
        "kind": "birosim compare",
        "baseline": comparison.baseline,
        "options": [
            {"option": option["label"], "scenario": option["scenario"],
             "scenario_hash": option["scenario_hash"], "organisation": option["organisation"]}
            for option in provenance["options"]
        ],
        "organisation": {
            "name": baseline.organisation.name, "source": baseline.organisation.source,
            "units": baseline.organisation.n_units, "staff": baseline.organisation.total_staff,
        },
        "replicates": comparison.replicates,
        "steps": comparison.steps,
        "seed": provenance["base_seed"],
        "replicate_seeds": provenance["replicate_seeds"],
        "seed_rule": provenance["seed_rule"],
        "uncertainty": provenance["uncertainty"] + (
            "" if comparison.replicates >= 2 else
            "; with 1 replicate no CI can be estimated (null)"),
        "interval": provenance["interval"],
        "plausible_set": provenance["plausible_set"],
        "package_version": __version__,
        "git_commit": git_commit(),
        "plots": {name: f"{kind}: {label} against {comparison.baseline}"
                  for name, (kind, label) in plots.items()},
    }


def print_comparison(comparison: Comparison, lang: str = "en") -> None:
    """A table per option against the baseline: means, difference and its 95 % CI."""
    from ...core import SUMMARY_OUTCOMES

    console = stdout()
    for label in comparison.alternatives:
        table = comparison.table(list(SUMMARY_OUTCOMES), option=label)
        rich_table = Table(title=f"{label} vs baseline {comparison.baseline}: "
                                 f"{comparison.replicates} paired replicate(s) x "
                                 f"{comparison.steps} days; CI over "
                                 f"{INTERVAL_WORDS[comparison.uncertainty]}",
                                 title_justify="left")
        rich_table.add_column("outcome", overflow="fold")
        for name in ("baseline", "option", "option − baseline", "95 % CI"):
            rich_table.add_column(name, justify="right", no_wrap=True)
        for row in table.to_dict("records"):
            outcome = row["outcome"]
            ci = "-" if not math.isfinite(row["ci_low"]) else \
                f"{format_outcome(outcome, row['ci_low'], lang)} .. {format_outcome(outcome, row['ci_high'], lang)}"
            rich_table.add_row(outcome, format_outcome(outcome, row["mean_a"], lang),
                               format_outcome(outcome, row["mean_b"], lang),
                               format_outcome(outcome, row["mean_diff"], lang), ci)
        console.print(rich_table)
    if comparison.replicates < 2:
        console.print("With 1 replicate no confidence interval can be estimated (CI shown as -).")
