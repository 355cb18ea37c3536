"""The import graph of ``model/``: no cycle, and dependencies point inward.

Every module is parsed (not imported), so imports inside functions and under ``TYPE_CHECKING``
count too: a cycle hidden in a function still makes import order matter.
``interfaces`` may import ``experiments`` and ``core``; ``experiments`` may import ``core``;
``core`` imports neither.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

MODEL = Path(__file__).resolve().parents[1] / "model"
PACKAGE = "birosim"
#: layer -> the layers it must not import
FORBIDDEN = {
    "core": ("experiments", "interfaces"),
    "experiments": ("interfaces",),
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(MODEL).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGE, *parts])


MODULES = {module_name(path): path for path in sorted(MODEL.rglob("*.py"))}


def is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def imported_modules(name: str, tree: ast.AST) -> set[str]:
    """The ``birosim`` modules that module ``name`` imports, anywhere in its body."""
    package = name if is_package(name) else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:  # `from pkg import submodule` imports the submodule
                submodule = f"{target}.{alias.name}"
                found.add(submodule if submodule in MODULES else target)
    return {module for module in found if module in MODULES}


GRAPH = {name: imported_modules(name, ast.parse(path.read_text(encoding="utf-8")))
         for name, path in MODULES.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module, or a module importing itself
    (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph[node]:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def layer(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else None


def test_the_graph_sees_every_kind_of_import():
    # the walker must find relative, absolute and function-level imports, or the checks below
    # would pass vacuously
    assert len(MODULES) > 20
    assert "birosim.core.errors" in GRAPH["birosim.core"]
    assert "birosim.interfaces.app" in GRAPH["birosim.interfaces.cli"]
    assert "birosim.core" in GRAPH["birosim.experiments.compare"]
    assert "birosim.experiments.run" in GRAPH["birosim.interfaces.commands.run"]  # in a function
    assert "birosim.experiments.compare" in GRAPH["birosim.interfaces.commands.compare"]


def test_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"a"}}) == [["a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle():
    assert cycles(GRAPH) == []


@pytest.mark.parametrize("inner", sorted(FORBIDDEN))
def test_dependencies_point_inward(inner):
    wrong = sorted(
        f"{name} imports {dep}"
        for name, deps in GRAPH.items() if layer(name) == inner
        for dep in deps if layer(dep) in FORBIDDEN[inner]
    )
    assert wrong == []
