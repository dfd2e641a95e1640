"""The import graph of the package: no cycle, and the core does not reach into the Chronos package.

The graph is read from the source with :mod:`ast`, not by importing: every ``import`` and
``from ... import`` of every module under ``isorepeat/``, at module level and inside functions
(a lazy import still runs, and still closes a cycle when it does), relative ones resolved, and
``from package import name`` counted as an import of ``package.name`` when that is a module.
Imports under ``if TYPE_CHECKING:`` never run and are left out; so is the implicit import of
every parent package, which Python performs for any module and which is no dependency of ours.
The modules are found on disk when the tests are collected, so moving a file needs no edit here.
"""

from __future__ import annotations

import ast
import itertools
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter
from pathlib import Path
from typing import Final

import pytest

from tests.paths import ROOT

PACKAGE: Final = ROOT / "isorepeat"
CHRONOS: Final = "isorepeat.chronos"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: Final = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
"""Every module of the package by its dotted name (a package by the name of its ``__init__``)."""


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _ours(name: str) -> bool:
    return name == "isorepeat" or name.startswith("isorepeat.")


# -- reading the imports -----------------------------------------------------------------------


@dataclass(frozen=True)
class Import:
    """``importer`` imports ``imported`` (both dotted module names) on ``line``."""

    importer: str
    imported: str
    line: int

    def __str__(self) -> str:
        return f"{_relative(MODULES[self.importer])}:{self.line} imports {self.imported}"


def _is_type_checking(test: ast.expr) -> bool:
    """``TYPE_CHECKING`` or ``typing.TYPE_CHECKING``."""
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """Every node below ``node`` that can run: the bodies of ``if TYPE_CHECKING:`` are skipped
    (their ``else:`` runs, and is kept)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for alternative in child.orelse:
                yield alternative
                yield from _runtime_nodes(alternative)
            continue
        yield child
        yield from _runtime_nodes(child)


def _base(package: str, node: ast.ImportFrom) -> str:
    """The module ``from <base> import ...`` names in ``package``, relative imports resolved."""
    if not node.level:
        assert node.module is not None  # only a relative import may omit the module
        return node.module
    parts = package.split(".")
    if node.level > 1:
        parts = parts[: -(node.level - 1)]
    return ".".join([*parts, *([node.module] if node.module else [])])


def imports_in(importer: str, source: str, *, is_package: bool = False) -> list[Import]:
    """The imports of the package's own modules that the code of ``importer`` runs."""
    package = importer if is_package else importer.rpartition(".")[0]
    found: list[Import] = []
    for node in _runtime_nodes(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend(Import(importer, alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _base(package, node)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.append(Import(importer, submodule if submodule in MODULES else base, node.lineno))
    return [found_import for found_import in found if _ours(found_import.imported)]


def imports_of(importer: str) -> list[Import]:
    path = MODULES[importer]
    return imports_in(importer, path.read_text(encoding="utf-8"), is_package=path.name == "__init__.py")


IMPORTS: Final = {name: imports_of(name) for name in MODULES}


def _graph() -> dict[str, set[str]]:
    """Module -> the modules it imports; a module naming itself adds no dependency."""
    return {
        name: {found.imported for found in imports if found.imported != name}
        for name, imports in IMPORTS.items()
    }


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of ``graph`` as ``[a, b, ..., a]``, each module importing the next; or ``None``."""
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as error:
        # graphlib lists each node before the nodes that depend on it ([a, b, a]: b imports a);
        # reversed, the list reads the way the imports run.
        return list(reversed(error.args[1]))
    return None


def _explained(cycle: list[str]) -> str:
    """The cycle and, for each step, the line of the import that makes it."""
    steps = [
        next((str(found) for found in IMPORTS.get(importer, []) if found.imported == imported), None)
        or f"{importer} imports {imported}"
        for importer, imported in itertools.pairwise(cycle)
    ]
    return " -> ".join(cycle) + "\n" + "\n".join(steps)


# -- the graph ---------------------------------------------------------------------------------


def test_the_modules_are_found() -> None:
    assert "isorepeat" in MODULES
    assert "isorepeat.schedule" in MODULES
    assert CHRONOS in MODULES
    assert "isorepeat.cli.app" in MODULES


def test_every_import_names_a_module() -> None:
    # An import that resolves to no file would drop an edge from the graph without a word.
    unknown = [
        str(found) for imports in IMPORTS.values() for found in imports if found.imported not in MODULES
    ]
    assert not unknown, "\n".join(unknown)


SAMPLE: Final = """\
from __future__ import annotations

import json
import isorepeat.units
from typing import TYPE_CHECKING
from . import grammar, NOT_A_MODULE
from .printing import create
from .. import schedule as renamed

if TYPE_CHECKING:
    from isorepeat.zones import Zone
else:
    from isorepeat import errors

def lazy() -> None:
    from isorepeat.dialects import parse
    if True:
        import isorepeat.chronos.dialect as dialect
"""


def test_imports_are_read_at_every_level_and_resolved() -> None:
    # The reader itself, on a made-up isorepeat/chronos/sample.py: relative imports resolved,
    # submodules told from names, lazy imports counted, TYPE_CHECKING left out but not its else.
    found = [(item.imported, item.line) for item in imports_in("isorepeat.chronos.sample", SAMPLE)]
    assert found == [
        ("isorepeat.units", 4),
        ("isorepeat.chronos", 6),  # grammar is no module of the Chronos package
        ("isorepeat.chronos", 6),
        ("isorepeat.chronos.printing", 7),
        ("isorepeat.schedule", 8),
        ("isorepeat.errors", 13),
        ("isorepeat.dialects", 16),
        ("isorepeat.chronos.dialect", 18),
    ]


def test_imports_of_a_package_are_relative_to_itself() -> None:
    found = imports_in("isorepeat.chronos", "from . import skip\nfrom .. import units\n", is_package=True)
    assert [item.imported for item in found] == ["isorepeat.chronos.skip", "isorepeat.units"]


def test_import_graph_has_no_cycle() -> None:
    cycle = _cycle(_graph())
    assert cycle is None, f"import cycle: {_explained(cycle)}"


def test_cycle_finder_finds_a_cycle() -> None:
    # The checker itself: one import made mutual (a lazy import back, say) is a cycle, reported
    # the way the imports run, with the line of the real one.
    graph = _graph()
    importer, imported = next((name, found) for name in sorted(graph) for found in sorted(graph[name]))
    graph[imported] = graph[imported] | {importer}
    cycle = _cycle(graph)
    assert cycle is not None
    assert cycle[0] == cycle[-1]
    assert {importer, imported} <= set(cycle)
    assert all(following in graph[module] for module, following in itertools.pairwise(cycle))
    assert f"{_relative(MODULES[importer])}:" in _explained(cycle)


# -- the core does not import the Chronos package ----------------------------------------------

# The CLI is an application on top of the library and may use the Chronos package. Today three
# of its modules do, each inside the command that needs it: cli/check.py imports the package and
# its diagnostics module; cli/explain.py the package, compare and dialect; cli/simulate.py fleet.
# isorepeat/dialects.py names "isorepeat.chronos.dialect" in its registry as a string, which is
# no import: it is checked like every other core module. isorepeat/bpmn/check.py is the one BPMN
# module that may: it is what ``isorepeat check`` runs, job files (Chronos's) and BPMN files in
# one report, with the Chronos package's diagnostics, sources and directory walk.
CHECKERS: Final = ("isorepeat.bpmn.check",)
CORE: Final = [
    name
    for name in MODULES
    if name not in (CHRONOS, "isorepeat.cli", *CHECKERS)
    and not name.startswith((f"{CHRONOS}.", "isorepeat.cli."))
]


@pytest.mark.parametrize("name", CORE, ids=lambda name: _relative(MODULES[name]))
def test_core_module_does_not_import_chronos(name: str) -> None:
    chronos = [
        str(found) for found in IMPORTS[name] if found.imported.split(".")[:2] == ["isorepeat", "chronos"]
    ]
    assert not chronos, "\n".join(chronos)


def test_the_registry_names_real_modules() -> None:
    # The strings that stand in for imports in dialects.py (the built-in dialects' modules).
    tree = ast.parse(MODULES["isorepeat.dialects"].read_text(encoding="utf-8"))
    named = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.startswith("isorepeat.")
    }
    assert f"{CHRONOS}.dialect" in named
    assert named <= set(MODULES)


# -- nor names it ------------------------------------------------------------------------------


def chronos_lines(source: str) -> list[int]:
    """The lines of the ``"chronos"`` constants in the code of ``source``: not in its
    documentation (the docstrings of the module, classes and functions, and the strings that
    stand alone as statements, as attribute docstrings do)."""
    tree = ast.parse(source)
    documentation = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value == "chronos" and id(node) not in documentation
    ]


LITERAL_CHECKED: Final = [
    name
    for name in CORE
    # dialects.py is where the built-in names are registered; the CLI: see CORE above (today
    # isorepeat/cli/check.py defaults --dialect to "chronos").
    if name != "isorepeat.dialects"
]


@pytest.mark.parametrize("name", LITERAL_CHECKED, ids=lambda name: _relative(MODULES[name]))
def test_core_module_does_not_name_chronos(name: str) -> None:
    path = MODULES[name]
    found = [f"{_relative(path)}:{line}" for line in chronos_lines(path.read_text(encoding="utf-8"))]
    assert not found, "'chronos' in the code of a core module: " + ", ".join(found)


def test_chronos_in_documentation_is_not_code() -> None:
    # The finder itself: documentation may say "chronos"; a constant in the code may not.
    source = (
        '"""chronos"""\n'
        "\n"
        "def f() -> str:\n"
        '    """chronos"""\n'
        '    return "chronos"\n'
        "\n"
        'NAME: Literal["iso", "chronos"] = "iso"\n'
        '"""chronos"""\n'
        'LABEL = f"{NAME}: Chronos"\n'
    )
    assert chronos_lines(source) == [5, 7]


def test_version_is_the_distributions() -> None:
    from importlib.metadata import version

    import isorepeat

    assert isorepeat.__version__ == version("isorepeat")
    assert "__version__" in isorepeat.__all__


def test_check_loads_neither_the_fleet_nor_the_schedulers_nor_the_comparison() -> None:
    # isorepeat check runs on every commit: what it does not use loads on first use (STYLE 2.1).
    code = (
        "import sys, isorepeat.chronos, isorepeat.chronos.check;"
        "print(sorted(m for m in sys.modules if m.startswith('isorepeat.chronos.')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    for lazy in ("fleet", "comparison", "scheduler", "scheduler2x", "skip"):
        assert f"'isorepeat.chronos.{lazy}'" not in loaded
    import isorepeat.chronos

    for name in isorepeat.chronos.__all__:  # and every exported name still resolves
        assert getattr(isorepeat.chronos, name) is not None
