"""Where the shipped scenarios, organisations and experiment specs are.

They are package data of ``birosim.scenarios`` (the repository's top-level ``scenarios/``
folder, mapped into the package by ``pyproject.toml``), found through
:mod:`importlib.resources`, so a wheel installed anywhere reads the same files as a checkout.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

# Scenario files name organisations by relative path and results record file paths, so the
# data must be real files: os.fspath refuses a zipped install instead of guessing.
SCENARIOS_DIR = Path(os.fspath(files("birosim.scenarios")))
ORGANISATIONS_DIR = SCENARIOS_DIR / "organisations"
EXPERIMENTS_DIR = SCENARIOS_DIR / "experiments"
#: sub-folders of shipped scenarios, named ``folder/name`` (``rollout/big_bang``)
SCENARIO_FOLDERS = ("rollout",)


def shipped_scenarios() -> list[str]:
    """The names of the shipped scenarios: ``conventional`` ... then ``rollout/big_bang`` ..."""
    names = sorted(path.stem for path in SCENARIOS_DIR.glob("*.toml"))
    for folder in SCENARIO_FOLDERS:
        names += sorted(f"{folder}/{path.stem}" for path in (SCENARIOS_DIR / folder).glob("*.toml"))
    return names
