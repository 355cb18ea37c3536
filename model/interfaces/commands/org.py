"""``birosim org check FILE``: every problem in an organisation file, then whether each unit can work.

Registered on the main app by :mod:`birosim.interfaces.commands`. The report
lists every bad value at once (row, unit, column, value, allowed range) in English or Bahasa
Indonesia, says what was detected about the file (encoding, separator, decimal mark), and then,
for a file without errors, the feasibility of each unit under a scenario's levers
(:mod:`birosim.core.feasibility`). Exit code 2 when the file has errors, 0 otherwise (the
feasibility warnings are printed, not failures: a planner may want to see an infeasible design
run).

Example::

    birosim org check my_kabupaten.xlsx --lang id
"""

from __future__ import annotations

from typing import Annotated

import typer

from ...core.feasibility import Feasibility, assess
from ...core.organisation import read_organisation
from ...core.scenario import load_scenario
from ..app import CliError, app, check_lang, guard, stderr, stdout

org_app = typer.Typer(help="Organisation files: check a planner's spreadsheet before a run.",
                      no_args_is_help=True)
app.add_typer(org_app, name="org")

WORDS = {
    "en": {"read": "read", "problems": "problem(s) in", "units": "units", "staff": "staff",
           "ok": "every unit can work under scenario", "cannot": "unit(s) cannot work under scenario",
           "tight": "near its limit", "levers": "levers of scenario"},
    "id": {"read": "dibaca", "problems": "masalah di", "units": "unit", "staff": "pegawai",
           "ok": "semua unit dapat bekerja dengan skenario",
           "cannot": "unit tidak dapat bekerja dengan skenario", "tight": "mendekati batas",
           "levers": "tuas kebijakan skenario"},
}


@org_app.command("check")
@guard
def org_check(
    file: Annotated[str, typer.Argument(metavar="FILE", help=(
        "An organisation file: CSV (comma, semicolon or tab; any common encoding) or .xlsx, "
        "or a shipped name such as kabupaten."))],
    scenario: Annotated[str, typer.Option(
        "--scenario", metavar="SCENARIO", help="Scenario whose levers the feasibility uses.")
    ] = "conventional",
    lang: Annotated[str, typer.Option("--lang", help="Language of the report: en or id.")] = "en",
) -> None:
    """Check an organisation file: every problem at once, then each unit's feasibility."""
    lang = check_lang(lang)
    words = WORDS[lang]
    reading = read_organisation(file)
    out, err = stdout(), stderr()
    if reading.notes:
        out.print(f"{file}: {words['read']} ({', '.join(reading.notes)})", markup=False)
    if reading.problems:
        for problem in reading.problems:
            err.print(problem.text(lang), markup=False)
        raise CliError(f"{len(reading.problems)} {words['problems']} {file}")
    org = reading.organisation
    out.print(f"{org.name}: {org.n_units} {words['units']}, {org.total_staff:,} {words['staff']}",
              markup=False)
    print_feasibility(out, assess(org, load_scenario(scenario).levers), scenario, lang)


def print_feasibility(out, feasibility: Feasibility, scenario: str, lang: str) -> None:
    """The feasibility report: which units cannot work, then every finding, worst first."""
    words = WORDS[lang]
    infeasible = feasibility.infeasible
    if infeasible:
        units = sorted({f.unit_id for f in infeasible})
        out.print(f"{len(units)} {words['cannot']} {scenario}: {', '.join(units)}", markup=False)
    else:
        out.print(f"{words['ok']} {scenario}", markup=False)
    for finding in feasibility.findings:
        mark = "!" if finding.severity == "infeasible" else "~"
        out.print(f"  {mark} {finding.text(lang)}", markup=False)
