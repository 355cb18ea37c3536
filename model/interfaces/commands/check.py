"""``birosim check``: check a scenario and its organisation without running, and describe them."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from ..app import OrgOpt, ScenarioArg, SetOpt, app, check_lang, guard, stdout
from ..inputs import run_spec
from .org import print_feasibility


@app.command()
@guard
def check(
    scenario: ScenarioArg, org: OrgOpt = None, set_: SetOpt = None,
    lang: Annotated[str, typer.Option("--lang", metavar="en|id",
                                      help="Language of the feasibility report: en or id.")] = "en",
) -> None:
    """Check a scenario and its organisation without running, and describe them.

    Every value is checked against its allowed range; the first problem is reported as one
    line naming the file, the field, the value and what is allowed (exit code 2). Then each
    unit's feasibility under the scenario's levers: a stage (casework or a sign-off layer)
    loaded at or above its capacity, or a service standard shorter than the sign-off layers
    allow, is named with its numbers (warnings, exit code 0).
    """
    from ...core import scenario_from_dict
    from ...core.feasibility import assess

    lang = check_lang(lang)

    spec = run_spec(scenario, org, set_)
    scen, organisation = spec.scenario, spec.organisation
    preset = scenario_from_dict({"preset": scen.preset}).levers.model_dump()
    current = scen.levers.model_dump()
    changed = [
        (f"{group}.{name}", preset[group][name], value)
        for group, values in current.items() for name, value in values.items()
        if value != preset[group][name]
    ]
    console = stdout()
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
    print_feasibility(console, assess(organisation, scen.levers), scen.name, lang)
