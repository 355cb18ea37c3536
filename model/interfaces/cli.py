"""The ``birosim`` command line: run, compare and check scenarios, list levers, run the demo.

Every bad input (a scenario or organisation file, a ``--set`` lever, an option value, a missing
file) is reported as ONE red line ``error: <message>`` on stderr naming the file, the field, the
value and what is allowed, with exit code 2; never a traceback. Results are written to a
temporary file next to the target and renamed, so an error half-way never destroys earlier
results.

Examples::

    birosim check classroom --set measurement.noise=0.3
    birosim run classroom --steps 250 --out results/classroom
    birosim compare conventional results_oriented --org classroom --replicates 3 --out results/x
    birosim demo
"""

from __future__ import annotations

import functools
import json
import math
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from typer.core import TyperGroup

from .. import __version__
from ..core.errors import InputError

if TYPE_CHECKING:  # the model, pandas, scipy and matplotlib load only when a command needs them
    import pandas as pd

    from ..core import Scenario
    from ..experiments.compare import Comparison

EXIT_INPUT = 2
EXIT_OTHER = 1


# --------------------------------------------------------------------------- error handling
class CliError(typer.TyperException):
    """A bad input, shown as one line ``error: <message>`` with exit code 2."""

    exit_code = EXIT_INPUT


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _stdout() -> Console:
    console = Console(highlight=False)
    if not console.is_terminal:  # piped or captured: do not squeeze tables into 80 columns
        console = Console(highlight=False, width=max(console.width, 120))
    return console


def _print_error(message: str) -> None:
    message = " ".join(str(message).split())  # one line, whatever the source
    _stderr().print(f"error: {message}", style="bold red", markup=False)


class _Group(TyperGroup):
    """Typer's group with usage errors shown as one ``error:`` line, not a panel.

    Typer (>= 0.20) vendors click: its usage errors derive from :class:`typer.TyperException`.
    """

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            result = super().main(args=args, prog_name=prog_name, complete_var=complete_var,
                                  standalone_mode=False, **extra)
        except typer.TyperException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # bare `birosim`: show the help
                typer.echo(exc.format_message())
            else:
                _print_error(exc.format_message())
            code = exc.exit_code
        except InputError as exc:  # raised outside a command body: still one line
            _print_error(str(exc))
            code = EXIT_INPUT
        except typer.Abort:
            _stderr().print("aborted", style="red")
            code = EXIT_OTHER
        else:
            code = result if isinstance(result, int) else 0
        if not standalone_mode:
            return code
        sys.exit(code)


def _guard(command: Callable) -> Callable:
    """Turn bad input raised in a command into :class:`CliError` (one line, exit code 2)."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except InputError as exc:
            raise CliError(str(exc)) from None
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError) as exc:
            raise CliError(f"{exc.filename}: {exc.strerror}") from None
        except OSError as exc:
            error = CliError(str(exc))
            error.exit_code = EXIT_OTHER
            raise error from None

    return wrapper


app = typer.Typer(
    cls=_Group,
    name="birosim",
    help="birosim: an agent-based sandbox comparing conventional and results-oriented "
         "bureaucracy (Indonesia). Run a scenario, compare two on common random numbers, check "
         "your own scenario or organisation file, list the levers, or run the demo.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)


# ------------------------------------------------------------------------------ inputs
SHIPPED_SCENARIOS_HELP = (
    "A shipped scenario name (budget_cut, classroom, conventional, demand_shock, gaming, "
    "paper_reform, phased_rollout, results_oriented) or the path of a scenario TOML file."
)
ORG_HELP = (
    "Replace the scenario's organisation: a shipped organisation (classroom, kabupaten) or the "
    "path of an organisation CSV file (columns: see scenarios/organisations/README.md)."
)
SET_HELP = (
    "Override a lever, as GROUP.NAME=VALUE (e.g. measurement.noise=0.3 or budget.mode=performance"
    "). Repeat for several levers. `birosim levers` lists every lever with its allowed range."
)
STEPS_HELP = "Working days to simulate (250 = one year). Default: the scenario's horizon_days."


def _load(name: str, argument: str = "SCENARIO") -> Scenario:
    from ..core import load_scenario

    try:
        return load_scenario(name)
    except InputError as exc:
        if exc.field == "scenario" and exc.source == ".":
            raise InputError(f"argument {argument}", "scenario", exc.value, exc.allowed,
                             "no such file or shipped scenario") from None
        lever = _lever_rows().get(exc.field.removeprefix("levers."))
        if exc.field.startswith("levers.") and lever is not None:  # name the full range
            raise InputError(exc.source, exc.field, exc.value, _allowed_words(lever),
                             exc.reason) from None
        raise


def _lever_rows() -> dict[str, dict[str, Any]]:
    from ..core import lever_table

    return {row["lever"]: row for row in lever_table()}


def _with_org(scenario: Scenario, org: str | None) -> Scenario:
    """``scenario`` with its organisation replaced by ``--org`` (a shipped name or a CSV)."""
    if org is None:
        return scenario
    from ..core.organisation import ORGANISATIONS_DIR

    value = str(Path(org).resolve()) if Path(org).is_file() else org
    if not Path(value).is_file() and not (ORGANISATIONS_DIR / f"{value}.csv").is_file():
        shipped = ", ".join(sorted(p.stem for p in ORGANISATIONS_DIR.glob("*.csv")))
        raise InputError("--org", "organisation", org, f"a CSV file or one of: {shipped}",
                         "no such file or shipped organisation")
    updated = scenario.model_copy(update={"organisation": value})
    updated.load_organisation()  # checks every row; raises InputError naming file/row/column
    return updated


def _apply_sets(scenario: Scenario, sets: Sequence[str] | None, source: str = "--set") -> Scenario:
    """Apply ``--set GROUP.NAME=VALUE`` overrides one by one, naming the allowed range on error."""
    from ..core import parse_assignment

    levers = _lever_rows()
    for text in sets or ():
        try:
            path, value = parse_assignment(text)
        except InputError as exc:
            raise InputError(source, exc.field, exc.value, exc.allowed, exc.reason) from None
        group, _, name = path.partition(".")
        in_group = [lever.split(".")[1] for lever in levers if lever.startswith(group + ".")]
        if not in_group:
            groups = sorted({lever.split(".")[0] for lever in levers})
            raise InputError(source, path, value, "GROUP.NAME with GROUP one of: "
                             + " | ".join(groups), f"unknown lever group {group!r}")
        if path not in levers:
            raise InputError(source, path, value, f"one of the {group} levers: "
                             + ", ".join(in_group), "unknown lever")
        try:
            scenario = scenario.with_levers({path: value}, source=source)
        except InputError as exc:
            raise InputError(source, path, value, _allowed_words(levers[path]),
                             exc.reason) from None
    return scenario


def _allowed_words(row: dict[str, Any]) -> str:
    default = row["default"]
    if isinstance(default, bool):
        return "true | false"
    if isinstance(default, int):
        return f"a whole number {row['allowed']}"
    if isinstance(default, float):
        return f"a number {row['allowed']}"
    return str(row["allowed"])


def _scenario(name: str, org: str | None, sets: Sequence[str] | None,
              argument: str = "SCENARIO", extra_sets: Sequence[str] | None = None,
              extra_source: str = "--set") -> Scenario:
    scenario = _apply_sets(_with_org(_load(name, argument), org), sets)
    return _apply_sets(scenario, extra_sets, extra_source)


def _check_int(option: str, value: int | None, low: int) -> None:
    if value is not None and value < low:
        raise InputError(option, option.lstrip("-"), value, f"a whole number >= {low}")


def _check_out(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise InputError("--out", "directory", str(out), "a directory (new or existing)",
                         "a file of that name exists")
    out.mkdir(parents=True, exist_ok=True)
    return out


def _check_lang(lang: str) -> str:
    from .plots import LANGS

    if lang not in LANGS:
        raise InputError("--lang", "lang", lang, " | ".join(LANGS))
    return lang


# ----------------------------------------------------------------------------- outputs
def _tmp_path(path: Path) -> Path:
    return path.with_name(f".{path.stem}.tmp{os.getpid()}{path.suffix}")


@contextmanager
def atomic_outputs(*paths: str | Path) -> Iterator[list[Path]]:
    """Temporary paths next to ``paths``, renamed onto them together only if the block succeeds.

    On any error the temporary files are removed and the earlier results stay as they were.
    """
    targets = [Path(p) for p in paths]
    tmps = [_tmp_path(p) for p in targets]
    try:
        yield tmps
        for tmp, target in zip(tmps, targets, strict=True):
            if tmp.exists():
                tmp.replace(target)
    finally:
        for tmp in tmps:
            tmp.unlink(missing_ok=True)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def dump_json(path: Path, data: dict) -> None:
    """JSON with NaN and infinities written as null."""
    path.write_text(json.dumps(_jsonable(data), indent=2, allow_nan=False) + "\n",
                    encoding="utf-8")


def dump_frame(path: Path, frame: pd.DataFrame, kind: str) -> None:
    """A frame as ``"parquet"`` or ``"csv"`` (no index)."""
    if kind == "parquet":
        frame.to_parquet(path, index=False)
    else:
        frame.to_csv(path, index=False)


COMPARISON_FILES = ("comparison.csv", "replicates.csv", "timeseries.parquet", "timeseries.png",
                    "effects.png", "summary.json")


def write_comparison(comparison: Comparison, out: Path, lang: str = "en") -> dict[str, Path]:
    """Write a comparison's tables, timeseries, plots and summary.json into ``out``; returns
    ``{file name: path}``.

    Everything is written to temporary files first and renamed at the end, so a failure (e.g.
    while drawing) leaves the files of an earlier comparison in ``out`` untouched.
    """
    from .plots import effects_figure, timeseries_figure

    out = _check_out(Path(out))
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


@contextmanager
def _progress(description: str, total: int) -> Iterator[Callable[[int], None]]:
    """A rich progress bar in days on stderr (hidden when stderr is not a terminal)."""
    console = _stderr()
    bar = Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("days"), TimeElapsedColumn(), TimeRemainingColumn(),
        console=console, disable=not console.is_terminal,
    )
    with bar:
        task = bar.add_task(description, total=total)
        yield lambda n=1: bar.advance(task, n)


def _fmt(value: Any) -> str:
    """A number in at most 9 characters: 3 significant digits, exponent when large or tiny."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "-"
    if isinstance(value, int | float):
        if value != 0 and (abs(value) >= 1e5 or abs(value) < 1e-3):
            return f"{value:.3g}"
        if abs(value) >= 1000:
            return f"{value:,.0f}"
        return f"{value:.3g}"
    return str(value)


def _print_comparison(comparison: Comparison) -> None:
    from ..core import SUMMARY_OUTCOMES

    table = comparison.table(list(SUMMARY_OUTCOMES))
    rich_table = Table(title=f"B = {comparison.label_b} vs A = {comparison.label_a}: "
                             f"{comparison.replicates} paired replicate(s) x "
                             f"{comparison.steps} days", title_justify="left")
    rich_table.add_column("outcome", overflow="fold")
    for name in ("mean A", "mean B", "B − A", "95 % CI"):
        rich_table.add_column(name, justify="right", no_wrap=True)
    for row in table.to_dict("records"):
        ci = "-" if not math.isfinite(row["ci_low"]) else \
            f"{_fmt(row['ci_low'])} .. {_fmt(row['ci_high'])}"
        rich_table.add_row(row["outcome"], _fmt(row["mean_a"]), _fmt(row["mean_b"]),
                           _fmt(row["mean_diff"]), ci)
    console = _stdout()
    console.print(rich_table)
    if comparison.replicates < 2:
        console.print("With 1 replicate no confidence interval can be estimated (CI shown as -).")


# ---------------------------------------------------------------------------- commands
ScenarioArg = Annotated[str, typer.Argument(
    help=SHIPPED_SCENARIOS_HELP, show_default=False, metavar="SCENARIO")]
OutOpt = Annotated[Path, typer.Option(
    "--out", "-o", metavar="DIR", show_default=False,
    help="Output directory (created if needed); files in it are replaced only once the new "
         "ones are complete.")]
OrgOpt = Annotated[str | None, typer.Option(
    "--org", metavar="NAME|CSV", help=ORG_HELP, show_default=False)]
StepsOpt = Annotated[int | None, typer.Option(
    "--steps", metavar="N", help=STEPS_HELP + " A whole number >= 1.", show_default=False)]
SetOpt = Annotated[list[str] | None, typer.Option(
    "--set", "-s", metavar="GROUP.NAME=VALUE", help=SET_HELP, show_default=False)]
ReplicatesOpt = Annotated[int, typer.Option(
    "--replicates", "-r", metavar="R",
    help="Paired replicates (a whole number >= 1): replicate r of A and of B share one seed "
         "(common random numbers). With 1 replicate no confidence interval can be given.")]
WorkersOpt = Annotated[int, typer.Option(
    "--workers", "-w", metavar="W",
    help="Processes running replicates in parallel (>= 1); results are identical whatever the "
         "number.")]
LangOpt = Annotated[str, typer.Option(
    "--lang", metavar="en|id",
    help="Language of the plot labels: en (English) or id (Bahasa Indonesia).")]


def _seed_option(default_from: str) -> Any:
    return typer.Option(
        "--seed", metavar="S", show_default=False,
        help=f"Seed (a whole number >= 0). Default: {default_from}.",
    )


@app.command()
@_guard
def run(
    scenario: ScenarioArg,
    out: OutOpt,
    org: OrgOpt = None,
    steps: StepsOpt = None,
    seed: Annotated[int | None, _seed_option("the scenario's seed")] = None,
    set_: SetOpt = None,
) -> None:
    """Run one scenario and write its per-day and per-unit series and its run summary.

    Writes OUT/timeseries.parquet (a row per day), OUT/units.parquet (a row per unit and day,
    streamed to disk while the model runs) and OUT/summary.json (outcome -> value and a
    provenance object: scenario content hash, seed, package version and git commit).
    """
    from ..core import SUMMARY_OUTCOMES, BureaucracyModel
    from ..experiments.compare import with_horizon
    from ..experiments.run import provenance
    from .plots import outcome_label

    _check_int("--steps", steps, 1)
    _check_int("--seed", seed, 0)
    scen = with_horizon(_scenario(scenario, org, set_), steps)
    out = _check_out(out)
    seed = scen.seed if seed is None else seed
    units_path = out / "units.parquet"
    units_tmp = _tmp_path(units_path)
    model = BureaucracyModel(scen, seed=seed, unit_sink=units_tmp)
    try:
        with _progress(f"{scen.name} (seed {seed})", scen.horizon_days) as advance:
            model.run(progress=advance)
        # the model has no public close(): close its per-unit Parquet writer directly
        model.unit_recorder.close()
        summary = model.summary()
        summary.update({f"cases_{k}": v for k, v in model.cases().items()})
        summary["provenance"] = provenance(scen, seed, scen.horizon_days)
        with atomic_outputs(out / "timeseries.parquet", out / "summary.json",
                            units_path) as (ts_tmp, summary_tmp, _):
            dump_frame(ts_tmp, model.timeseries(), "parquet")
            dump_json(summary_tmp, summary)
            # the third temporary path is units_tmp, streamed by the model: renamed with them
    finally:
        writer = getattr(model.unit_recorder, "writer", None)
        if writer is not None:
            writer.close()
        units_tmp.unlink(missing_ok=True)

    table = Table(title=f"{scen.name}: {scen.horizon_days} days, seed {seed}, "
                        f"summary after {scen.warmup_days} warm-up days")
    table.add_column("outcome")
    table.add_column("value", justify="right")
    for key in SUMMARY_OUTCOMES:
        table.add_row(outcome_label(key), _fmt(summary.get(key)))
    console = _stdout()
    console.print(table)
    console.print(f"wrote {out}/timeseries.parquet, units.parquet, summary.json", markup=False)


@app.command(name="compare")
@_guard
def compare_command(
    a: Annotated[str, typer.Argument(
        help="Scenario A (the baseline). " + SHIPPED_SCENARIOS_HELP, show_default=False,
        metavar="A")],
    b: Annotated[str, typer.Argument(
        help="Scenario B (the alternative), same forms as A.", show_default=False, metavar="B")],
    out: OutOpt,
    replicates: ReplicatesOpt = 5,
    seed: Annotated[int | None, _seed_option(
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
    _check_compare_options(replicates, seed, steps, workers, lang)
    scen_a = _scenario(a, org, set_, "A", set_a, "--set-a")
    scen_b = _scenario(b, org, set_, "B", set_b, "--set-b")
    _run_comparison(scen_a, scen_b, out, replicates, seed, steps, workers, lang)


def _check_compare_options(replicates: int, seed: int | None, steps: int | None, workers: int,
                           lang: str) -> None:
    _check_int("--replicates", replicates, 1)
    _check_int("--seed", seed, 0)
    _check_int("--steps", steps, 1)
    _check_int("--workers", workers, 1)
    _check_lang(lang)


def _run_comparison(scen_a: Scenario, scen_b: Scenario, out: Path, replicates: int,
                    seed: int | None, steps: int | None, workers: int, lang: str) -> None:
    from ..experiments.compare import compare

    if steps is None and scen_a.horizon_days != scen_b.horizon_days:
        raise InputError("compare", "horizon_days",
                         f"{scen_a.horizon_days} (A) vs {scen_b.horizon_days} (B)",
                         "the same horizon in A and B, or give --steps")
    _check_out(out)
    days = steps or scen_a.horizon_days
    with _progress(f"{replicates} x 2 runs", 2 * replicates * days) as advance:
        comparison = compare(scen_a, scen_b, replicates=replicates, seed=seed, steps=steps,
                             progress=advance, workers=workers)
    write_comparison(comparison, out, lang=lang)
    _print_comparison(comparison)
    _stdout().print(f"wrote {out}/comparison.csv, replicates.csv, timeseries.parquet, "
                    "timeseries.png, effects.png, summary.json", markup=False)


@app.command()
@_guard
def check(scenario: ScenarioArg, org: OrgOpt = None, set_: SetOpt = None) -> None:
    """Check a scenario and its organisation without running, and describe them.

    Every value is checked against its allowed range; the first problem is reported as one
    line naming the file, the field, the value and what is allowed (exit code 2).
    """
    from ..core import scenario_from_dict

    scen = _scenario(scenario, org, set_)
    organisation = scen.load_organisation()
    preset = scenario_from_dict({"preset": scen.preset}).levers.model_dump()
    current = scen.levers.model_dump()
    changed = [
        (f"{group}.{name}", preset[group][name], value)
        for group, values in current.items() for name, value in values.items()
        if value != preset[group][name]
    ]
    console = _stdout()
    console.print(f"[bold]{scen.name}[/bold]: OK (nothing was run)")
    if scen.description:
        console.print(" ".join(scen.description.split()), markup=False)
    info = Table(show_header=False, box=None)
    info.add_column(style="bold")
    info.add_column()
    parents = sorted(set(organisation.parent_org))
    info.add_row("organisation", f"{organisation.name} ({organisation.source})")
    info.add_row("units", f"{organisation.n_units} in {len(parents)} parent organisation(s): "
                          f"{', '.join(parents)}")
    info.add_row("staff", f"{organisation.total_staff:,}")
    info.add_row("daily demand", f"{float(organisation.daily_demand.sum()):,.1f} cases per day")
    info.add_row("horizon", f"{scen.horizon_days} working days "
                            f"({scen.horizon_days / 250:.1f} years), warm-up {scen.warmup_days}")
    info.add_row("seed", str(scen.seed))
    info.add_row("preset", scen.preset)
    info.add_row("shocks", "; ".join(
        f"{s.kind} x{s.magnitude:g} from day {s.start_day}"
        + (f" for {s.duration_days} days" if s.kind == "demand" else "")
        + (f" in {', '.join(s.units)}" if s.units else "") for s in scen.shocks) or "none")
    info.add_row("changed levers", f"{len(changed)} (from the {scen.preset} preset)")
    console.print(info, markup=False)
    if changed:
        levers = Table()
        for column in ("lever", f"{scen.preset} preset", "this scenario"):
            levers.add_column(column)
        for path, before, after in changed:
            levers.add_row(path, str(before), str(after))
        console.print(levers)


@app.command()
@_guard
def levers(
    group: Annotated[str | None, typer.Option(
        "--group", "-g", metavar="GROUP", show_default=False,
        help="Only the levers of this group (e.g. service, measurement, integrity).")] = None,
) -> None:
    """List every lever: its dotted name, default (the conventional preset), allowed values
    and description. Change one with --set GROUP.NAME=VALUE or in a scenario file."""
    from ..core import lever_table

    rows = lever_table()
    groups = list(dict.fromkeys(row["lever"].split(".")[0] for row in rows))
    if group is not None:
        if group not in groups:
            raise InputError("--group", "group", group, " | ".join(groups))
        rows = [row for row in rows if row["lever"].split(".")[0] == group]
    table = Table(title="birosim levers" + (f": {group}" if group else ""))
    table.add_column("lever", style="bold", no_wrap=True)
    table.add_column("default")
    table.add_column("allowed")
    table.add_column("description", overflow="fold")
    for row in rows:
        allowed = "true | false" if isinstance(row["default"], bool) else str(row["allowed"])
        table.add_row(row["lever"], str(row["default"]), allowed, str(row["description"] or ""))
    _stdout().print(table)


@app.command()
@_guard
def demo(
    out: Annotated[Path, typer.Option(
        "--out", "-o", metavar="DIR", help="Output directory for the demo's tables and plots.")
    ] = Path("results/demo"),
    replicates: ReplicatesOpt = 5,
    steps: Annotated[int, typer.Option(
        "--steps", metavar="N",
        help="Working days to simulate (a whole number >= 1; 1250 = five years).")] = 1250,
    seed: Annotated[int | None, _seed_option("the conventional scenario's seed")] = None,
    workers: WorkersOpt = 1,
    lang: LangOpt = "en",
) -> None:
    """The main demonstration: compare the shipped conventional and results_oriented scenarios
    on the synthetic kabupaten (36 units, 6,950 staff) and write the tables and plots to OUT
    (the same files as compare)."""
    _check_compare_options(replicates, seed, steps, workers, lang)
    scen_a = _with_org(_load("conventional"), "kabupaten")
    scen_b = _with_org(_load("results_oriented"), "kabupaten")
    _run_comparison(scen_a, scen_b, out, replicates, seed, steps, workers, lang)


@app.command()
def version() -> None:
    """Print the package version."""
    _stdout().print(f"birosim {__version__}")


# commands defined in their own modules register themselves on ``app`` when imported
from . import org_cli, sweep_cli, validate_cli  # noqa: E402, F401
