"""The package's shape, checked: small modules, stages that import only downwards, a core
without click or rich. Imports inside functions count too (they are still dependencies)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "corpus_cli"
# Stages from the bottom up: each may import only itself and those before it.
STAGES = ("errors", "language", "document", "ingest", "index", "search", "analysis", "api", "output", "cli")
MAX_LINES = 400


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path) -> set[str]:
    """Modules of the package and outside names that ``path`` imports, anywhere but under TYPE_CHECKING."""
    found = set()

    def visit(node):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.Import):
                found.update(a.name for a in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and not child.level:
                submodules = {f"{child.module}.{a.name}" for a in child.names} & MODULES.keys()
                found.update(submodules or {child.module})
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


IMPORTS = {name: _imports(path) for name, path in MODULES.items()}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "corpus_cli" and len(parts) > 1 else None


def test_the_package_has_every_stage():
    assert {_stage(m) for m in MODULES} - {None} >= set(STAGES)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_over_400_lines(module):
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module} has {lines} lines"


def test_stages_import_only_downwards():
    upward = sorted(
        f"{m} -> {d}"
        for m, deps in IMPORTS.items()
        for d in deps
        if _stage(m) in STAGES and _stage(d) in STAGES and STAGES.index(_stage(d)) > STAGES.index(_stage(m))
    )
    assert upward == []


def test_no_import_cycle_between_modules():
    graph = {m: {d for d in deps if d in MODULES and d != m} for m, deps in IMPORTS.items()}
    # A package's __init__ that imports its own modules to register them is not a cycle.
    graph = {m: {d for d in deps if not d.startswith(m + ".")} for m, deps in graph.items()}
    state: dict[str, int] = {}  # 1 on the path, 2 done
    cycles = []

    def walk(m, path):
        state[m] = 1
        for d in sorted(graph[m]):
            if state.get(d) == 1:
                cycles.append(path[path.index(d):] + [d])
            elif d not in state:
                walk(d, path + [d])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            walk(m, [m])
    assert cycles == []


@pytest.mark.parametrize("library", ["click", "rich"])
def test_the_core_imports_neither_click_nor_rich(library):
    allowed = {"cli"} if library == "click" else {"cli", "output"}
    users = sorted(m for m, deps in IMPORTS.items() if _stage(m) not in allowed
                   and any(d == library or d.startswith(library + ".") for d in deps))
    assert users == []


def test_the_checks_would_see_a_violation(tmp_path):
    """The import reader is not blind: it finds a lazy import and one under a plain if."""
    source = tmp_path / "m.py"
    source.write_text("def f():\n    import click\nif True:\n    from rich.table import Table\n", encoding="utf-8")
    assert _imports(source) == {"click", "rich.table"}
