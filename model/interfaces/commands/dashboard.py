"""``birosim dashboard``: the trainers' dashboard, two scenarios side by side in a browser."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ...core.errors import InputError
from ..app import ORG_HELP, SHIPPED_SCENARIOS_HELP, app, check_int, guard, stdout
from ..inputs import load_argument, with_org


@app.command()
@guard
def dashboard(
    scenario_a: Annotated[str, typer.Argument(
        metavar="SCENARIO_A", help="Side A. " + SHIPPED_SCENARIOS_HELP)] = "conventional",
    scenario_b: Annotated[str, typer.Argument(
        metavar="SCENARIO_B", help="Side B (the same choices).")] = "results_oriented",
    org: Annotated[str, typer.Option("--org", metavar="NAME|CSV", help=ORG_HELP)] = "classroom",
    lang: Annotated[str, typer.Option(
        "--lang", metavar="id|en", help="Language of the page at start (switchable on it).")] = "id",
    host: Annotated[str, typer.Option(
        "--host", help="Address to listen on; 127.0.0.1 = this machine only. Use 0.0.0.0 to "
                       "let a classroom's laptops connect.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on (1 to 65535).")] = 8765,
) -> None:
    """The trainers' dashboard: two scenarios side by side on the same citizens, live, offline,
    in Bahasa Indonesia and English. Prints the address to open; Ctrl-C stops it."""
    from ..dashboard.app import DashboardConfig
    from ..dashboard.i18n import LANGS
    from ..dashboard.serve import serve

    if lang not in LANGS:
        raise InputError("--lang", "lang", lang, " | ".join(LANGS))
    check_int("--port", port)
    with_org(load_argument(scenario_a, "SCENARIO_A"), org)
    with_org(load_argument(scenario_b, "SCENARIO_B"), org)
    organisation = str(Path(org).resolve()) if Path(org).is_file() else org
    config = DashboardConfig(scenario_a, scenario_b, organisation, lang)
    code = serve(config, host, port, echo=lambda line: stdout().print(line, markup=False))
    if code:
        raise typer.Exit(code)
