"""``birosim levers``: every lever with its default, allowed values and description."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from ...core.errors import InputError
from ..app import app, guard, stdout


@app.command()
@guard
def levers(
    group: Annotated[str | None, typer.Option(
        "--group", "-g", metavar="GROUP", show_default=False,
        help="Only the levers of this group (e.g. service, measurement, integrity).")] = None,
) -> None:
    """List every lever: its dotted name, default (the conventional preset), allowed values
    and description. Change one with --set GROUP.NAME=VALUE or in a scenario file."""
    from ...core import lever_table

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
    stdout().print(table)
