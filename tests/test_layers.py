"""The layers read one way (docs/ARCHITECTURE.md, “Layers”): the import graph of src/, walked with ast.

core/ sits at the bottom (with paths.py), language/ and export/ above it and beside each other, gui/ above
those, cli.py on top. A package imports only packages below it; Qt lives in gui/ alone; no two packages and no
two modules import each other (imports under `if TYPE_CHECKING:` are for the type checker only and do not
count).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
ROOT_PACKAGE = "report_writer"

# Lower number = lower layer. A module may import its own package and any package with a lower number.
LAYERS = {"__init__": 0, "paths": 0, "core": 1, "language": 2, "export": 2, "gui": 3, "cli": 4, "__main__": 5}
QT_MODULES = ("PySide6", "shiboken6")
QT_PACKAGES = {"gui"}

# Module cycles that exist today and are being taken apart (issue 14); a new cycle, or a known one that grows,
# fails the test. Remove an entry when its cycle is gone.
KNOWN_MODULE_CYCLES: list[set[str]] = []


def module_names(src: Path, root_package: str) -> dict[str, Path]:
    """Dotted module name (without the root package) → file."""
    names = {}
    for path in sorted((src / root_package).rglob("*.py")):
        parts = list(path.relative_to(src / root_package).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def _type_checking_only(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def imports_of(path: Path, name: str, root_package: str) -> tuple[set[str], set[str]]:
    """(modules, modules and the names taken from them) the file imports at run time (top level or inside
    functions), as absolute dotted names: `from a import b` may take the module a.b or a name in a."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    is_package = path.name == "__init__.py"
    modules: set[str] = set()
    found: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom) or _type_checking_only(node, parents):
            continue
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
            continue
        module = node.module or ""
        if node.level:
            base = [root_package, *name.split(".")]
            base = base if is_package else base[:-1]
            base = base[: len(base) - (node.level - 1)]
            module = ".".join(base + ([module] if module else []))
        modules.add(module)
        found.update(f"{module}.{alias.name}" for alias in node.names)
    return modules, modules | found


def module_graph(src: Path, root_package: str) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(module → modules of ours it imports, module → every module it imports)."""
    names = module_names(src, root_package)
    edges: dict[str, set[str]] = {}
    raw: dict[str, set[str]] = {}
    for name, path in names.items():
        raw[name], candidates = imports_of(path, name, root_package)
        prefix = root_package + "."
        ours = {imported.removeprefix(prefix) for imported in candidates if imported.startswith(prefix)}
        ours |= {"__init__"} if root_package in candidates else set()
        edges[name] = {target for target in ours if target in names and target != name}
    return edges, raw


def package_of(module: str) -> str:
    return module.split(".")[0]


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components of more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            step = next(targets, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(graph.get(step, ())))))
                elif step in on_stack:
                    low[node] = min(low[node], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def layer_problems(src: Path, root_package: str) -> list[str]:
    edges, raw = module_graph(src, root_package)
    problems = []
    for module, targets in sorted(edges.items()):
        package = package_of(module)
        for target in sorted(targets):
            other = package_of(target)
            if other != package and LAYERS.get(other, 99) >= LAYERS.get(package, 99):
                problems.append(f"{module} imports {target}: {package}/ may not import {other}/")
        if package not in QT_PACKAGES:
            problems += [
                f"{module} imports {name} (Qt only in gui/)"
                for name in sorted(raw[module])
                if name.split(".")[0] in QT_MODULES
            ]
    packages: dict[str, set[str]] = {}
    for module, targets in edges.items():
        packages.setdefault(package_of(module), set()).update(
            package_of(target) for target in targets if package_of(target) != package_of(module)
        )
    problems += [f"packages import each other: {sorted(group)}" for group in cycles(packages)]
    for group in cycles(edges):
        if not any(group <= known for known in KNOWN_MODULE_CYCLES):
            problems.append(f"modules import each other: {sorted(group)}")
    return problems


def test_src_layers_read_one_way() -> None:
    assert layer_problems(SRC, ROOT_PACKAGE) == []


def test_known_cycles_are_still_there() -> None:
    """A known cycle that is gone should leave the list, so the list cannot hide a new cycle later."""
    edges, _ = module_graph(SRC, ROOT_PACKAGE)
    present = cycles(edges)
    for known in KNOWN_MODULE_CYCLES:
        assert any(group & known for group in present), f"{sorted(known)} is no longer a cycle: remove it"


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {
                "core/__init__.py": "",
                "core/a.py": "from pkg.language import b\n",
                "language/__init__.py": "",
                "language/b.py": "from pkg.core import a\n",
            },
            [
                "core.a imports language: core/ may not import language/",
                "core.a imports language.b: core/ may not import language/",
                "packages import each other: ['core', 'language']",
                "modules import each other: ['core.a', 'language.b']",
            ],
        ),
        (
            {
                "core/__init__.py": "",
                "core/a.py": "def f():\n    from . import b\n",
                "core/b.py": "from .a import f\n",
            },
            ["modules import each other: ['core.a', 'core.b']"],
        ),
        (
            {"core/__init__.py": "", "core/a.py": "from PySide6.QtCore import QObject\n"},
            ["core.a imports PySide6.QtCore (Qt only in gui/)"],
        ),
        (
            {
                "gui/__init__.py": "",
                "gui/a.py": "from PySide6.QtCore import QObject\nfrom pkg.core import b\n",
                "core/__init__.py": "",
                "core/b.py": (
                    "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.gui import a\n"
                ),
            },
            [],
        ),
    ],
)
def test_the_walk_finds_wrong_way_imports(tmp_path: Path, files: dict[str, str], expected: list[str]) -> None:
    assert layer_problems(_write(tmp_path, files), "pkg") == expected
