"""The ODD's parameter tables, generated from the parameter registry.

``docs/ODD.md`` marks each submodel's table with ``<!-- parameters: GROUP -->`` ...
``<!-- /parameters -->``; :func:`sync` rewrites every marked block from the registry, so the
documented defaults, ranges, units and sources cannot drift from the code
(``python docs/make_odd_tables.py`` applies it; ``tests/test_docs.py`` checks it was applied).
"""

from __future__ import annotations

import re

from .levers import BEHAVIOURAL_LEVERS, FORMAL_RULES
from .parameters import Parameter, parameters

BLOCK = re.compile(r"(<!-- parameters: (\w+) -->\n)(.*?)(<!-- /parameters -->)", re.DOTALL)
HEADER = ("| name | default | range | unit | role | kind | source | meaning |\n"
          "|---|---|---|---|---|---|---|---|\n")


def kind(parameter: Parameter) -> str:
    """B (behavioural: follows implementation), F (formal: follows joining) or G (global)."""
    if parameter.name in BEHAVIOURAL_LEVERS:
        return "B"
    return "F" if parameter.name in FORMAL_RULES else "G"


def _default(parameter: Parameter) -> str:
    default = parameter.default
    if isinstance(default, bool):
        return str(default).lower()
    if isinstance(default, tuple):
        return "(none)" if not default else ", ".join(default)
    return str(default)


def _range(parameter: Parameter) -> str:
    if parameter.choices is not None or isinstance(parameter.default, (bool, tuple)):
        return parameter.allowed()
    return parameter.allowed().removesuffix(f" {parameter.unit}")


def parameter_table(group: str) -> str:
    """The Markdown table of one group's parameters (English), one row per parameter."""
    rows = [
        f"| `{p.name}` | {_default(p)} | {_range(p)} | {p.unit} | {p.role} | {kind(p)} | "
        f"{p.source} | {p.description_en} |\n"
        for p in parameters(group=group)
    ]
    return HEADER + "".join(rows)


def sync(text: str) -> str:
    """``text`` with every marked parameter block replaced by the registry's table."""
    return BLOCK.sub(lambda m: m.group(1) + parameter_table(m.group(2)) + m.group(4), text)


def marked_groups(text: str) -> list[str]:
    """The groups whose parameter table ``text`` marks, in order."""
    return [match.group(2) for match in BLOCK.finditer(text)]
