"""docs/ODD.md keeps up with the code: every parameter, submodel, constant and output is documented.

Fast (about a second): reads the ODD text once and compares it with the lever table, the
submodel modules' source and the output column lists; one two-day classroom run gives the summary
keys. A new lever, submodel, submodel constant or output without documentation fails here; so does
a lever whose default changed without the doc.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from birosim.core import BureaucracyModel, lever_table, scenario_from_dict
from birosim.core.odd import marked_groups, sync
from birosim.core.outcomes import MODEL_COLUMNS, SUMMARY_OUTCOMES, UNIT_COLUMNS
from birosim.core.parameters import GROUPS, PARAMETERS

ROOT = Path(__file__).resolve().parents[1]
ODD = ROOT / "docs" / "ODD.md"
SUBMODELS_DIR = ROOT / "model" / "core" / "submodels"
SUBMODELS = sorted(p.stem for p in SUBMODELS_DIR.glob("*.py") if p.stem != "__init__")
LEVERS = lever_table()


@pytest.fixture(scope="module")
def odd() -> str:
    assert ODD.is_file(), "docs/ODD.md is missing"
    return ODD.read_text(encoding="utf-8")


def test_submodels_found():
    assert len(SUBMODELS) >= 10, SUBMODELS


@pytest.mark.parametrize("path", [row["lever"] for row in LEVERS])
def test_every_lever_is_documented(odd, path):
    assert f"`{path}`" in odd, f"lever {path} is not documented in docs/ODD.md"


def test_parameter_tables_are_generated_from_the_registry(odd):
    """Each submodel section carries its group's generated table, as the registry gives it now
    (a parameter added, removed or changed without ``python docs/make_odd_tables.py`` fails)."""
    assert marked_groups(odd) == list(GROUPS)
    assert sync(odd) == odd, "docs/ODD.md is out of date: run python docs/make_odd_tables.py"


def test_a_changed_parameter_shows_as_out_of_date(odd):
    """The sync check can fail: a table with one row's default edited is rewritten."""
    name = PARAMETERS[0].name
    row = re.search(rf"^\| `{re.escape(name)}` \| [^|]+ \|", odd, flags=re.MULTILINE)
    assert row is not None
    edited = odd.replace(row.group(0), f"| `{name}` | 12345 |", 1)
    assert sync(edited) != edited


@pytest.mark.parametrize("name", SUBMODELS)
def test_every_submodel_has_a_section(odd, name):
    heading = re.compile(rf"^#{{2,4}}\s.*`{re.escape(name)}`", flags=re.MULTILINE)
    assert heading.search(odd), f"submodel {name} has no section heading in docs/ODD.md"


def _module_constants(path: Path) -> list[str]:
    """Names of the numeric UPPER_CASE constants assigned at the top level of a module."""
    constants = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        values = value.elts if isinstance(value, ast.Tuple) else [value] * len(targets)
        names = (
            targets[0].elts if len(targets) == 1 and isinstance(targets[0], ast.Tuple) else targets
        )
        for target, item in zip(names, values, strict=False):
            numeric = isinstance(item, ast.Constant) and isinstance(item.value, (int, float))
            if (
                isinstance(target, ast.Name)
                and re.fullmatch(r"[A-Z][A-Z0-9_]+", target.id)
                and numeric
            ):
                constants.append(target.id)
    return constants


@pytest.mark.parametrize("name", SUBMODELS)
def test_submodel_constants_are_documented(odd, name):
    missing = [c for c in _module_constants(SUBMODELS_DIR / f"{name}.py") if f"`{c}`" not in odd]
    assert not missing, f"constants of submodel {name} not documented in docs/ODD.md: {missing}"


@pytest.mark.parametrize(
    "column", sorted(set(MODEL_COLUMNS) | set(UNIT_COLUMNS) | set(SUMMARY_OUTCOMES))
)
def test_output_columns_are_documented(odd, column):
    outputs = odd.split("## 8 Outputs", 1)
    assert len(outputs) == 2, "docs/ODD.md has no '## 8 Outputs' section"
    assert f"`{column}`" in outputs[1], f"output {column} is not defined in the Outputs section"


def test_summary_outcomes_are_documented(odd):
    scenario = scenario_from_dict({"organisation": "classroom", "horizon_days": 2}, source="tests")
    summary = BureaucracyModel(scenario).run().summary()
    outputs = odd.split("## 8 Outputs", 1)[1]
    missing = [key for key in summary if f"`{key}`" not in outputs]
    assert not missing, f"run-summary outcomes not defined in the Outputs section: {missing}"
