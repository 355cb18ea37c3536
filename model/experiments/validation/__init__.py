"""Validation: the model next to published patterns, as experiments anyone can rerun.

Each pattern is a module with ``run(quick, out_dir, seed) -> PatternResult`` that runs its
experiment through the model's public API, writes ``table.csv``, ``figure.png`` and
``verdict.json`` to ``out_dir`` and returns the verdict (pass when every check holds) with the
measured figures next to the published ones. ``quick=True`` is the fast version the tests run.

Textbook patterns (``docs/validation.md``):

=============  ==============================================================================
pattern        what is reproduced
=============  ==============================================================================
queueing       Little's law, the 1/(1-rho) lead-time curve, M/D/c and Erlang C (M/M/c)
parkinson      headcount +5-7 %/yr under incremental budgeting whatever the workload
peter          Pluchino et al. (2010): promotion strategies under Peter vs common sense
corruption     Klitgaard's formula; tipping point and hysteresis (Hammond 2000)
gaming         reported > true, bunching at a threshold, ratchet (Bevan & Hood 2006)
diffusion      Bass curve with collaboration (p ~ 0.03, q ~ 0.38), no S-curve without
effect_size    a modest standardised effect, much smaller without good practice (Gerrish 2016)
=============  ==============================================================================

Field evidence (``docs/evidence.md``): the model set up like a study's setting must reproduce
the sign and size of what the study measured, inside the real model, with a 95 % CI over
replicates and a verdict against criteria written in the module before running
(:mod:`._evidence`). Each module's docstring gives its source, set-up and criteria.

Usage::

    from birosim.experiments.validation import run_patterns
    results = run_patterns(["queueing", "peter"], quick=True, out_dir="results/validation")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType

from . import (
    bass,
    bevan_hood2006,
    corruption,
    diffusion,
    effect_size,
    gaming,
    gerrish2016,
    khan2016,
    olken2007,
    parkinson,
    parkinson1955,
    peter,
    pluchino2010,
    queueing,
    rasul_rogger2018,
)
from ._common import FAIL, PASS, PatternResult

__all__ = ["FAIL", "FIELD_EVIDENCE", "PASS", "PATTERNS", "TITLES", "PatternResult",
           "run_pattern", "run_patterns"]

DEFAULT_OUT = Path("results/validation")
DEFAULT_SEED = 2026

_TEXTBOOK: tuple[ModuleType, ...] = (
    queueing, parkinson, peter, corruption, gaming, diffusion, effect_size)
_FIELD: tuple[ModuleType, ...] = (
    olken2007, rasul_rogger2018, khan2016, bevan_hood2006, gerrish2016, pluchino2010,
    parkinson1955, bass)
#: the field-evidence experiments, in the order of ``docs/evidence.md``
FIELD_EVIDENCE: tuple[str, ...] = tuple(module.NAME for module in _FIELD)
#: pattern name -> ``run(quick, out_dir, seed)``: the textbook patterns, then field evidence
PATTERNS: dict[str, Callable[..., PatternResult]] = {
    module.NAME: module.run for module in _TEXTBOOK + _FIELD}
TITLES: dict[str, str] = {module.NAME: module.TITLE for module in _TEXTBOOK + _FIELD}


def run_pattern(name: str, *, quick: bool = False, out_dir: str | Path = DEFAULT_OUT,
                seed: int = DEFAULT_SEED) -> PatternResult:
    """Run one pattern; its outputs go to ``out_dir/<name>/``."""
    if name not in PATTERNS:
        raise KeyError(f"unknown pattern {name!r}; one of: {', '.join(PATTERNS)}")
    return PATTERNS[name](quick=quick, out_dir=Path(out_dir) / name, seed=int(seed))


def run_patterns(names: Iterable[str] | None = None, *, quick: bool = False,
                 out_dir: str | Path = DEFAULT_OUT, seed: int = DEFAULT_SEED,
                 progress: Callable[[str], None] | None = None) -> list[PatternResult]:
    """Run the named patterns (default: all) in the registry's order of names given."""
    results = []
    for name in list(names or PATTERNS):
        if progress is not None:
            progress(name)
        results.append(run_pattern(name, quick=quick, out_dir=out_dir, seed=seed))
    return results
