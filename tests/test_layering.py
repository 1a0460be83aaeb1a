"""The import rule of docs/design.md, read from the source: no arrow points back up a layer, and
no two modules import each other (directly or round a longer cycle).

Every import statement counts, at module level or inside a function: a lazy import is still a
dependency.
"""

import ast
from functools import lru_cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sarcoma_stats"

# layer -> the layers it may import (besides itself)
ALLOWED = {
    "_validation": set(),
    "_results": set(),
    "stats": {"_validation", "_results"},
    "printed": {"stats", "_validation", "_results"},
    "claims": {"printed", "stats", "_validation", "_results"},
    "extract": {"claims", "printed", "stats", "_validation", "_results"},
    "graphics": {"stats", "_validation", "_results"},
    "report": {"graphics", "claims", "printed", "stats", "_validation", "_results"},
    "cli": {"report", "extract", "graphics", "claims", "printed", "stats", "_validation",
            "_results"},
}
# the facade re-exports lazily and is imported by nothing inside the package, except for the
# version string
FACADE_NAMES = {"__version__"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@lru_cache(maxsize=1)
def modules():
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path):
    """(imported module, names, line) for every import of the package's own modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name, [], node.lineno) for a in node.names
                      if a.name.split(".")[0] == "sarcoma_stats"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "sarcoma_stats":
                continue
            names = [a.name for a in node.names]
            # "from . import counts" imports the submodule sarcoma_stats.<pkg>.counts
            known = modules()
            submodules = [f"{target}.{n}" for n in names if f"{target}.{n}" in known]
            if submodules:
                found += [(m, [], node.lineno) for m in submodules]
            else:
                found.append((target, names, node.lineno))
    return found


def layer(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_no_upward_arrow():
    problems = []
    for name, path in modules().items():
        own = layer(name)
        if own == "__init__":
            continue
        for target, names, line in imports_of(name, path):
            other = layer(target)
            if other == own:
                continue
            if other == "__init__":
                if not set(names) <= FACADE_NAMES:
                    problems.append(f"{name}:{line} imports the facade ({', '.join(names)})")
            elif other not in ALLOWED[own]:
                problems.append(f"{name}:{line} ({own}) imports {target} ({other})")
    assert not problems, "\n".join(problems)


def test_every_layer_is_known():
    assert {layer(n) for n in modules()} - {"__init__"} <= set(ALLOWED)


def test_no_import_cycle():
    known = modules()
    graph = {name: sorted({t for t, _, _ in imports_of(name, path) if t in known and t != name})
             for name, path in known.items()}
    state, stack, cycles = {}, [], []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in graph[node]:
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in graph:
        if node not in state:
            visit(node)
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


@pytest.mark.parametrize("bad", [
    ("sarcoma_stats.stats.fake", "from ..claims.verdict import VERDICTS"),
    ("sarcoma_stats.graphics.fake", "from ..claims import schema"),
])
def test_the_rule_catches_an_upward_arrow(tmp_path, bad):
    # the checker itself must be able to fail: a planted upward import is reported
    name, line = bad
    path = tmp_path / "fake.py"
    path.write_text(line + "\n")
    own = layer(name)
    found = imports_of(name, path)
    assert any(layer(t) not in ALLOWED[own] | {own} for t, _, _ in found)
