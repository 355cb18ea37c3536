"""The ``birosim`` Typer app and what every command shares: one-line errors, options, outputs.

Every bad input (a scenario or organisation file, a ``--set`` lever, an option value, a missing
file) is reported as ONE red line ``error: <message>`` on stderr naming the file, the field, the
value and what is allowed, with exit code 2; never a traceback. Results are written to a
temporary file next to the target and renamed, so an error half-way never destroys earlier
results.

Commands live in :mod:`birosim.interfaces.commands`, one module each, and register on
:data:`app` with ``@app.command()``; this module imports none of them.
"""

from __future__ import annotations

import functools
import json
import math
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
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
from typer.core import TyperGroup

from ..core.errors import InputError
from ..core.scenario import MAX_HORIZON, MAX_SEED
from .figures.labels import check_lang  # noqa: F401  (the one --lang check, for the commands)

if TYPE_CHECKING:  # pandas loads only when a command needs it
    import pandas as pd

EXIT_INPUT = 2
EXIT_OTHER = 1


# --------------------------------------------------------------------------- error handling
class CliError(typer.TyperException):
    """A bad input, shown as one line ``error: <message>`` with exit code 2."""

    exit_code = EXIT_INPUT


def stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def stdout() -> Console:
    console = Console(highlight=False)
    if not console.is_terminal:  # piped or captured: do not squeeze tables into 80 columns
        console = Console(highlight=False, width=max(console.width, 120))
    return console


def print_error(message: str) -> None:
    message = " ".join(str(message).split())  # one line, whatever the source
    stderr().print(f"error: {message}", style="bold red", markup=False)


class OneLineErrorGroup(TyperGroup):
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
                print_error(exc.format_message())
            code = exc.exit_code
        except InputError as exc:  # raised outside a command body: still one line
            print_error(str(exc))
            code = EXIT_INPUT
        except typer.Abort:
            stderr().print("aborted", style="red")
            code = EXIT_OTHER
        except Exception as exc:  # the last resort: a bug, never a bare traceback
            log = write_traceback_log(exc)
            print_error(f"internal error ({type(exc).__name__}: {exc}); full traceback in {log}; "
                        "please report it with that file")
            code = EXIT_OTHER
        else:
            code = result if isinstance(result, int) else 0
        if not standalone_mode:
            return code
        sys.exit(code)


def write_traceback_log(exc: BaseException) -> Path:
    """Write ``exc``'s full traceback to ``birosim-error-<timestamp>.log`` in the temp dir."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    log = Path(tempfile.gettempdir()) / f"birosim-error-{stamp}-{os.getpid()}.log"
    log.write_text(f"birosim {' '.join(sys.argv[1:])}\n" + "".join(
        traceback.format_exception(exc)), encoding="utf-8")
    return log


def guard(command: Callable) -> Callable:
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
    cls=OneLineErrorGroup,
    name="birosim",
    help="birosim: an agent-based sandbox comparing conventional and results-oriented "
         "bureaucracy (Indonesia). Run a scenario, compare two on common random numbers, check "
         "your own scenario or organisation file, list the levers, or run the demo.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)


# --------------------------------------------------------------------------- options
SHIPPED_SCENARIOS_HELP = (
    "A shipped scenario name (budget_cut, classroom, conventional, demand_shock, gaming, "
    "paper_reform, phased_rollout, results_oriented; the rollout options rollout/big_bang, "
    "rollout/pilot_named, rollout/pilot_readiness ...) or the path of a scenario TOML file."
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


def seed_option(default_from: str) -> Any:
    return typer.Option(
        "--seed", metavar="S", show_default=False,
        help=f"Seed (a whole number >= 0). Default: {default_from}.",
    )


#: the range of every integer option: a file's bounds where a file holds the same value
#: (horizon_days, seed, replicates), else what one machine or one table can sensibly take
INT_OPTIONS: dict[str, tuple[int, int]] = {
    "--steps": (1, MAX_HORIZON),
    "--seed": (0, MAX_SEED),
    "--replicates": (1, 100_000),
    "--workers": (1, 1024),
    "--dask-workers": (1, 1024),
    "--chunk-size": (1, 1_000_000),
    "--generations": (1, 10_000),
    "--top": (1, 1000),
    "--port": (1, 65535),
    "--dashboard-port": (0, 65535),
}


def check_int(option: str, value: int | None, low: int | None = None) -> None:
    """Refuse ``value`` outside the range of ``option`` (:data:`INT_OPTIONS`; ``low`` raises
    its lower bound for a command that needs more), before anything is allocated."""
    if value is None:
        return
    least, most = INT_OPTIONS[option]
    least = least if low is None else low
    if not least <= value <= most:
        raise InputError(option, option.lstrip("-"), value,
                         f"a whole number from {least} to {most}")


def check_out(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise InputError("--out", "directory", str(out), "a directory (new or existing)",
                         "a file of that name exists")
    out.mkdir(parents=True, exist_ok=True)
    return out


# ----------------------------------------------------------------------------- outputs
def tmp_path(path: Path) -> Path:
    """The temporary file next to ``path`` that :func:`atomic_outputs` renames onto it."""
    return path.with_name(f".{path.stem}.tmp{os.getpid()}{path.suffix}")


@contextmanager
def atomic_outputs(*paths: str | Path) -> Iterator[list[Path]]:
    """Temporary paths next to ``paths``, renamed onto them together only if the block succeeds.

    On any error the temporary files are removed and the earlier results stay as they were.
    """
    targets = [Path(p) for p in paths]
    tmps = [tmp_path(p) for p in targets]
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


@contextmanager
def progress_bar(description: str, total: int) -> Iterator[Callable[[int], None]]:
    """A rich progress bar in days on stderr (hidden when stderr is not a terminal)."""
    console = stderr()
    bar = Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("days"), TimeElapsedColumn(), TimeRemainingColumn(),
        console=console, disable=not console.is_terminal,
    )
    with bar:
        task = bar.add_task(description, total=total)
        yield lambda n=1: bar.advance(task, n)
