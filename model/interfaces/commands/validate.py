"""``birosim validate``: run the validation patterns and print a verdict per pattern.

Registered on the main app by :mod:`birosim.interfaces.commands`. Each pattern
writes ``table.csv``, ``figure.png`` and ``verdict.json`` under ``OUT/<pattern>/``; the command
prints one row per pattern (verdict, the measured figure, the published one) and exits with 1
when a pattern fails (0 when all pass, 2 for a bad input). ``--quick`` runs the short versions
the tests use. See ``docs/validation.md`` (textbook patterns) and ``docs/evidence.md``
(field evidence: olken2007, bevan_hood2006, ...).

Examples::

    birosim validate                    # every pattern, full versions
    birosim validate queueing peter --quick --out /tmp/validation
    birosim validate olken2007 pluchino2010 --seed 7
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..app import CliError, app, check_int, guard, stderr, stdout

PATTERN_HELP = (
    "Patterns to run (default: all): the textbook patterns of docs/validation.md (queueing, "
    "parkinson, peter, ...) and the field-evidence experiments of docs/evidence.md (olken2007, "
    "bevan_hood2006, ...); an unknown name lists them all."
)


@app.command()
@guard
def validate(
    patterns: Annotated[list[str] | None, typer.Argument(
        metavar="PATTERN", help=PATTERN_HELP, show_default=False)] = None,
    quick: Annotated[bool, typer.Option(
        "--quick", help="Short versions of the experiments (what the tests run).")] = False,
    out: Annotated[Path, typer.Option(
        "--out", "-o", metavar="DIR", help="Output directory: one folder per pattern.")
    ] = Path("results/validation"),
    seed: Annotated[int, typer.Option(
        "--seed", metavar="S", help="Seed of every experiment (a whole number >= 0).")] = 2026,
) -> int:
    """Reproduce the published patterns (queueing theory, Parkinson, Peter principle,
    corruption tipping, gaming, Bass diffusion, realistic effect sizes) and the field
    evidence (Olken 2007, Bevan & Hood 2006, Gerrish 2016, Pluchino et al. 2010, Bass, ...),
    and print a verdict per pattern with the measured figure next to the published one."""
    from ...experiments.validation import PATTERNS, TITLES
    from ..figures.validation import validate_pattern

    check_int("--seed", seed)
    names = list(patterns or PATTERNS)
    unknown = [n for n in names if n not in PATTERNS]
    if unknown:
        raise CliError(f"validate: unknown pattern {unknown[0]!r}; one of: {', '.join(PATTERNS)}")
    if out.exists() and not out.is_dir():
        raise CliError(f"--out {out}: exists and is not a directory")
    err = stderr()
    results = []
    for name in names:
        err.print(f"validating {name} ({'quick' if quick else 'full'}) ...", markup=False)
        results.append(validate_pattern(name, quick=quick, out_dir=out, seed=seed))

    table = Table(title=f"birosim validation ({'quick' if quick else 'full'}, seed {seed})",
                  show_lines=True)
    table.add_column("pattern", style="bold")
    table.add_column("verdict")
    table.add_column("measured")
    table.add_column("published")
    for result in results:
        style = "green" if result.passed else "red"
        failed = [k for k, ok in result.checks.items() if not ok]
        verdict = result.verdict.upper() + ("\n" + "\n".join(failed) if failed else "")
        table.add_row(f"{result.name}\n{TITLES[result.name]}", f"[{style}]{verdict}[/{style}]",
                      result.headline[0], result.headline[1])
    console = stdout()
    console.print(table)
    passed = sum(r.passed for r in results)
    console.print(f"{passed}/{len(results)} patterns reproduced; figures and tables in {out}/")
    return 0 if passed == len(results) else 1
