"""The house has one direction: govaudit (the CLI) → crawler → audit.db → checks → reports.

Each top-level package is a stage and imports only earlier stages (crawler ← checks ← reports ← govaudit);
no stage imports the command line; the pure extractors (crawler/extract) never import Scrapy; nothing
imports a module that imports it back. Every import that can run counts, lazy ones inside functions
included; only ``if TYPE_CHECKING:`` imports, which annotate and never run, are left out. Importing
checks or reports never loads Scrapy or Twisted (checked in a fresh interpreter).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("crawler", "checks", "reports", "govaudit")  # each may import the ones before it
PURE = ("crawler.extract",)  # extraction: plain strings in, dataclasses out
FRAMEWORKS = ("scrapy", "twisted", "scrapy_playwright", "playwright")


def modules(root: Path) -> dict[str, Path]:
    found = {}
    for stage in STAGES:
        for path in sorted((root / stage).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Every module ``name`` imports (top level or inside functions): project modules as their dotted names,
    anything else as its top-level name."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    targets: set[str] = set()
    for node in _executed(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            # `from checks import history` imports the module checks.history
            targets.update(f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names)
    result = set()
    for target in targets:
        while target not in known and "." in target:
            target = target.rpartition(".")[0]
        if target != name:
            result.add(target)
    return result


def _executed(tree: ast.AST):
    """Every node that can run: all of them but the bodies of ``if TYPE_CHECKING:``, which only annotate."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and ast.unparse(child.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
                todo.extend(child.orelse)
            else:
                todo.append(child)


def graph(root: Path) -> dict[str, set[str]]:
    known = modules(root)
    return {name: imports(name, path, known) for name, path in known.items()}


def against_direction(edges: dict[str, set[str]]) -> list[str]:
    wrong = []
    for source, targets in edges.items():
        stage = STAGES.index(source.split(".")[0])
        for target in sorted(targets):
            top = target.split(".")[0]
            if top in STAGES and STAGES.index(top) > stage:
                wrong.append(f"{source} imports {target} (a later stage)")
            if top in FRAMEWORKS and source.startswith(PURE):
                wrong.append(f"{source} imports {target} (extraction is pure)")
    return wrong


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each a set of modules importing each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in edges:
                continue
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def test_every_import_follows_the_direction() -> None:
    assert against_direction(graph(ROOT)) == []


def test_no_module_imports_one_that_imports_it_back() -> None:
    assert cycles(graph(ROOT)) == []


def test_test_sites_are_not_in_the_package() -> None:
    assert not (ROOT / "govaudit" / "testsites").exists()
    assert (ROOT / "tests" / "testsites").is_dir()


def test_checks_and_reports_load_no_crawling_framework() -> None:
    names = sorted(n for n in modules(ROOT) if n.split(".")[0] in ("checks", "reports"))
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(FRAMEWORKS)!r}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


# --- the checker itself fails on what it must catch ----------------------------------------------------

def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for stage in STAGES:
        (tmp_path / stage).mkdir()
        (tmp_path / stage / "__init__.py").write_text("")
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.parent / "__init__.py").touch()
        path.write_text(text)
    return tmp_path


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"crawler/store.py": "from checks import model\n", "checks/model.py": ""},
         "crawler.store imports checks.model (a later stage)"),
        ({"checks/facts.py": "def f():\n    from govaudit.cli import main\n", "govaudit/cli.py": ""},
         "checks.facts imports govaudit.cli (a later stage)"),
        ({"reports/build.py": "import govaudit\n"}, "reports.build imports govaudit (a later stage)"),
        ({"crawler/extract/dates.py": "import scrapy\n"}, "crawler.extract.dates imports scrapy (extraction is pure)"),
    ],
)
def test_an_import_against_the_direction_is_caught(tmp_path: Path, files: dict[str, str], expected: str) -> None:
    assert against_direction(graph(_tree(tmp_path, files))) == [expected]


def test_type_checking_imports_annotate_and_are_no_cycle(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "checks/model.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from checks.facts import Facts\n",
        "checks/facts.py": "from checks.model import Finding\n",
    })
    assert cycles(graph(root)) == []


def test_a_cycle_is_caught_even_through_a_lazy_import(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "checks/profile.py": "from checks.catalogue import CATALOGUE\n",
        "checks/catalogue.py": "from checks import fiscal\n",
        "checks/fiscal.py": "def day():\n    from .profile import load\n",
        "checks/runner.py": "from checks import catalogue\n",
    })
    assert cycles(graph(root)) == [["checks.catalogue", "checks.fiscal", "checks.profile"]]
