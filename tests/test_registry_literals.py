"""No number that shapes behaviour hides in the code: it is declared in the parameter registry.

Walks the syntax trees of the submodels, the model and its compiled kernels: every
module-level assignment of a number must be a structural constant on the short allow-list
below, and no numeric literal other than 0, 1 and 2 may be passed to a random-distribution call
(those shape the draws, so they belong in the registry with a source).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[1] / "model" / "core"
MODULES = sorted((CORE / "submodels").glob("*.py")) + [
    CORE / name for name in ("model.py", "aggregates.py", "promotion.py", "staff_passes.py")
]

#: structural constants: calendar, array sizes, solver settings and output definitions, not
#: behaviour (changing them changes the bookkeeping or a definition, not what an agent does)
STRUCTURAL = {
    "DAYS_PER_YEAR": "the working-day calendar (250 working days a year)",
    "MONTHS_PER_YEAR": "the calendar",
    "COMPACT_EVERY_DAYS": "how often the staff table drops departed staff (memory only)",
    "DRAW_BLOCK": "how many staff are drawn at a time at set-up (memory only: the same draws)",
    "RECOVERY_TOLERANCE": "the definition of the shock_recovery_days outcome (its reducer says so)",
    "WINDOW": "ring-buffer length of the case cohorts (a case aged 255 days is withdrawn)",
    "N_STAGES": "casework plus at most six sign-off layers (the organisation CSV's range)",
    "GRADE_PRIORITY": "a sort key larger than any promotion score (ranks the grade below first)",
    "UTILISATION_DAYS": "the window the utilisation outcome is read over (a report, not behaviour)",
    "MAX_UTILISATION": "the cap that keeps a reported utilisation finite (a report, not behaviour)",
    "MERIT": "the promotion kernel's code for a rule (a label, not a quantity)",
    "SENIORITY": "the promotion kernel's code for a rule (a label, not a quantity)",
    "LOTTERY": "the promotion kernel's code for a rule (a label, not a quantity)",
    "TOP_K_BUFFER": "how the promotion kernel finds a unit's best (speed only: the same choice)",
    "SLOTS_PER_CALL": "the layout of the promotion draws' counters (which round, which grade)",
    "RULE_SLOTS": "the layout of the promotion draws' counters (rules apart from scores)",
    "SETTLING_ROUNDS": "fixed-point iterations that settle the starting norms (converged sooner)",
    "IKM_MIN": "the IKM scale's floor (PermenPANRB 14/2017 defines the scale)",
    "IKM_MAX": "the IKM scale's top (PermenPANRB 14/2017 defines the scale)",
}
#: numbers a draw may name: array shapes, bounds of the unit interval, and the positivity guard
#: of the beta shapes of staff acceptance (numpy needs shapes > 0)
DRAW_LITERALS = {0, 1, 2, 1e-3}
DISTRIBUTIONS = {
    "beta", "binomial", "choice", "exponential", "gamma", "integers", "lognormal", "normal",
    "poisson", "random", "standard_normal", "uniform", "multinomial", "geometric",
}


def _numbers(node: ast.AST) -> list[float]:
    return [n.value for n in ast.walk(node)
            if isinstance(n, ast.Constant) and isinstance(n.value, (int, float))
            and not isinstance(n.value, bool)]


def module_constants(tree: ast.Module) -> list[str]:
    """Names assigned a number (directly or inside an expression) at the top of a module."""
    names = []
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        if _numbers(value):
            for target in targets:
                elements = target.elts if isinstance(target, ast.Tuple) else [target]
                names += [e.id for e in elements if isinstance(e, ast.Name)]
    return names


def draw_literals(tree: ast.Module) -> list[tuple[int, str, float]]:
    """(line, distribution, number) for each disallowed numeric literal in a random draw."""
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in DISTRIBUTIONS):
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                found += [(node.lineno, node.func.attr, number) for number in _numbers(argument)
                          if number not in DRAW_LITERALS]
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_undeclared_module_constant(path):
    names = module_constants(ast.parse(path.read_text(encoding="utf-8")))
    undeclared = [name for name in names if name not in STRUCTURAL]
    assert not undeclared, f"{path.name}: declare {undeclared} in birosim.core.parameters"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_numeric_literal_in_random_draws(path):
    found = draw_literals(ast.parse(path.read_text(encoding="utf-8")))
    assert not found, f"{path.name}: literals in random draws (line, call, value): {found}"


def test_the_walk_finds_what_it_must_refuse():
    """The checks can fail: a module constant and a literal shape in a draw are both caught."""
    tree = ast.parse("TEMPTATION = 0.5\nscale = np.float32(0.8)\n"
                     "def f(rng):\n    return rng.beta(5, 3, 10)\n")
    assert module_constants(tree) == ["TEMPTATION", "scale"]
    assert [number for _, _, number in draw_literals(tree)] == [5, 3, 10]
