"""Bit-identity: every shipped scenario gives exactly the recorded outputs at a fixed seed.

The reference was recorded by ``tests/data/make_reference_outputs.py`` before the registries
refactor; a refactor that keeps behaviour must leave every float bit for bit as it was. A
deliberate behaviour change re-records the affected entry in its own commit, saying why.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

DATA = Path(__file__).with_name("data")
_spec = importlib.util.spec_from_file_location("make_reference_outputs",
                                               DATA / "make_reference_outputs.py")
reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reference)
RECORDED = json.loads(reference.REFERENCE_FILE.read_text())


def test_every_shipped_scenario_is_recorded():
    assert sorted(RECORDED) == reference.shipped_scenarios()


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_outputs_are_bit_identical(name):
    assert reference.reference_output(name) == RECORDED[name]
