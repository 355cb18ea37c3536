"""``birosim analyze``: sensitivity indices, paired policy effects and PRIM of a sweep folder.

Example::

    birosim analyze results/robust
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ...core.errors import InputError
from ...core.tabular import MAX_TOML_BYTES, read_text
from ..app import EXIT_INPUT, LangOpt, app, check_int, check_lang, print_error


@app.command()
def analyze(
    sweep_dir: Annotated[Path, typer.Argument(
        metavar="DIR", show_default=False, help="A folder written by `birosim sweep`.")],
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", metavar="DIR", show_default=False,
        help="Where tables, plots and report.md go (default: DIR/analysis).")] = None,
    spec: Annotated[str | None, typer.Option(
        "--spec", metavar="TOML", show_default=False,
        help="Take the [analysis] settings (baseline, PRIM question...) from this spec file "
             "instead of DIR/spec.toml.")] = None,
    plots: Annotated[bool, typer.Option("--plots/--no-plots", help="Write PNG plots.")] = True,
    top: Annotated[int, typer.Option(
        "--top", metavar="N", help="Factors shown per outcome in the printed tables.")] = 8,
    lang: LangOpt = "en",
) -> None:
    """Sensitivity indices (Sobol, Morris), paired policy effects and PRIM scenario discovery."""
    from ...experiments.analyze import analyze_sweep
    from ...experiments.spec import parse_spec, resolve_spec_path
    from ..figures.sensitivity import analysis_figures

    try:
        check_int("--top", top, 1)
        check_lang(lang)
        if not sweep_dir.is_dir():
            raise InputError("DIR", "sweep folder", str(sweep_dir),
                             "a folder written by `birosim sweep`", "no such folder")
        analysis = None
        if spec is not None:
            path = resolve_spec_path(spec)
            analysis = parse_spec(read_text(path, MAX_TOML_BYTES, legacy=False)[0], str(path)).analysis
        report = analyze_sweep(sweep_dir, dest=out, analysis=analysis,
                               figures=analysis_figures(lang) if plots else None)
    except InputError as exc:
        print_error(str(exc))
        raise typer.Exit(EXIT_INPUT) from None
    typer.echo(report.to_text(top=top))
    typer.echo(f"written to {report.out}")
