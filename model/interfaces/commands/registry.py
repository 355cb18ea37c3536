"""``birosim levers`` and ``birosim outcomes``: the parameter and outcome registries, as a
table in English or Bahasa Indonesia, or as JSON for other tools."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from ...core.errors import InputError
from ..app import app, check_lang, guard, stdout

PARAMETER_FIELDS = ("name", "group", "role", "unit", "default", "min", "max", "choices", "source",
                    "label_en", "label_id", "description_en", "description_id")
OUTCOME_FIELDS = ("name", "unit", "better", "claim", "label_en", "label_id", "description_en",
                  "description_id")
HEADINGS = {
    "en": {"levers": "birosim levers and parameters", "outcomes": "birosim outcomes",
           "name": "name", "role": "role", "default": "default", "allowed": "allowed",
           "unit": "unit", "label": "label", "source": "source", "better": "better",
           "claim": "claim", "description": "description"},
    "id": {"levers": "Tuas dan parameter birosim", "outcomes": "Hasil birosim",
           "name": "nama", "role": "peran", "default": "bawaan", "allowed": "nilai yang boleh",
           "unit": "satuan", "label": "label", "source": "sumber", "better": "lebih baik",
           "claim": "klaim", "description": "keterangan"},
}

JsonOpt = Annotated[bool, typer.Option("--json", help="Print a JSON list instead of a table.")]
LangOpt = Annotated[str, typer.Option(
    "--lang", metavar="en|id", help="Language of labels and descriptions: en or id.")]


def _plain(value):
    """A JSON-ready value: tuples become lists."""
    return list(value) if isinstance(value, tuple) else value


@app.command()
@guard
def levers(
    group: Annotated[str | None, typer.Option(
        "--group", "-g", metavar="GROUP", show_default=False,
        help="Only this group (e.g. service, measurement, integrity).")] = None,
    role: Annotated[str | None, typer.Option(
        "--role", metavar="lever|parameter", show_default=False,
        help="Only levers (a reformer's policy choices) or parameters (the model's "
             "behavioural and institutional assumptions).")] = None,
    lang: LangOpt = "en",
    as_json: JsonOpt = False,
) -> None:
    """List every lever and parameter: name, role, default (the conventional preset), allowed
    values, unit, source and description. Change one with --set GROUP.NAME=VALUE or in a
    scenario file."""
    from ...core.parameters import GROUPS, ROLES, parameters

    lang = check_lang(lang)
    if group is not None and group not in GROUPS:
        raise InputError("--group", "group", group, " | ".join(GROUPS))
    if role is not None and role not in ROLES:
        raise InputError("--role", "role", role, " | ".join(ROLES))
    rows = parameters(role=role, group=group)
    if as_json:
        data = [{field: _plain(getattr(p, field)) for field in PARAMETER_FIELDS} for p in rows]
        typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    words = HEADINGS[lang]
    table = Table(title=words["levers"] + (f": {group}" if group else ""))
    table.add_column(words["name"], style="bold", no_wrap=True)
    for column in ("role", "default", "allowed", "source"):
        table.add_column(words[column], overflow="fold")
    table.add_column(words["description"], overflow="fold")
    for p in rows:
        default = p.default if not isinstance(p.default, bool) else str(p.default).lower()
        table.add_row(p.name, p.role, str(_plain(default)), p.allowed(lang), p.source,
                      f"{p.label(lang)}: {p.description(lang)}")
    stdout().print(table)


@app.command()
@guard
def outcomes(lang: LangOpt = "en", as_json: JsonOpt = False) -> None:
    """List every outcome the model reports: name, unit, which direction is better, the claim
    it measures, and its label and description."""
    from ...core.outcome_registry import OUTCOMES

    lang = check_lang(lang)
    if as_json:
        data = [{field: getattr(o, field) for field in OUTCOME_FIELDS} for o in OUTCOMES]
        typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    words = HEADINGS[lang]
    table = Table(title=words["outcomes"])
    table.add_column(words["name"], style="bold", no_wrap=True)
    for column in ("unit", "better", "claim"):
        table.add_column(words[column])
    table.add_column(words["description"], overflow="fold")
    for o in OUTCOMES:
        table.add_row(o.name, o.unit, o.better, o.claim, f"{o.label(lang)}: {o.description(lang)}")
    stdout().print(table)
