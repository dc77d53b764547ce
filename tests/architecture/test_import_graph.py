"""The house rules, read from the source with ast (imports inside functions included).

- no import cycles between our modules;
- retrieval/ imports nothing from assistant/ but assistant.core;
- assistant.core imports nothing else of assistant/;
- ui/ talks to the API: it imports only schemas, the registry and the launcher of assistant/.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("assistant", "retrieval", "ui", "prompts", "eval")


def _modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = path
    return out


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> dict[str, set[str]]:
    """Module -> the modules of ours it imports anywhere in its body (a package import counts as its __init__)."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str | None] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {_resolve(a.name, modules) for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found |= {_resolve(f"{node.module}.{a.name}", modules) for a in node.names}
        # importing a.b.c runs a/__init__ and a/b/__init__ first: count those too
        parents = {".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)}
        graph[name] = {m for m in found | parents if m and m != name and m in modules}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_checker_finds_a_cycle_it_is_shown() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_there_are_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_retrieval_imports_only_the_core_of_assistant() -> None:
    graph = import_graph()
    bad = {m: sorted(t for t in targets if t.startswith("assistant") and not t.startswith("assistant.core")
                     and t != "assistant")
           for m, targets in graph.items() if m.startswith("retrieval")}
    assert {m: t for m, t in bad.items() if t} == {}


def test_the_core_imports_nothing_else_of_assistant() -> None:
    graph = import_graph()
    bad = {m: sorted(t for t in targets if not t.startswith(("assistant.core", "retrieval")) and t != "assistant")
           for m, targets in graph.items() if m.startswith("assistant.core")}
    assert {m: t for m, t in bad.items() if t} == {}
    assert not any(t.startswith("retrieval") for m, ts in graph.items() if m.startswith("assistant.core") for t in ts)


def test_ui_holds_no_business_logic() -> None:
    allowed = ("assistant.schemas", "assistant.core", "assistant.cli.launcher", "assistant.compose.exercises",
               "assistant.check.guards", "retrieval.models", "ui")
    graph = import_graph()
    bad = {m: sorted(t for t in ts if not t.startswith(allowed) and t not in ("assistant", "retrieval"))
           for m, ts in graph.items() if m.startswith("ui")}
    assert {m: t for m, t in bad.items() if t} == {}
