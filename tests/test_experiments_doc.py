"""docs/experiments.md states the sizes the shipped experiment specs resolve to."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "docs" / "spec_table.py"


def load_script():
    spec = importlib.util.spec_from_file_location("spec_table", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_specs_table_matches_the_specs():
    script = load_script()
    doc = script.DOC.read_text(encoding="utf-8")
    assert script.with_table(doc, script.spec_table()) == doc, (
        "docs/experiments.md is out of date: run python docs/spec_table.py")


def test_every_shipped_spec_has_a_row_and_a_question():
    script = load_script()
    doc = script.DOC.read_text(encoding="utf-8")
    table = doc.split(script.START, 1)[1].split(script.END, 1)[0]
    after = doc.split(script.END, 1)[1].split("\n## ", 1)[0]
    for path in script.EXPERIMENTS_DIR.glob("*.toml"):
        assert f"| `{path.stem}` |" in table
        assert f"| `{path.stem}` |" in after, f"{path.stem} has no question in the doc"
