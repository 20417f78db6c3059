"""YAML from repositories (compose files, Helm values, Kubernetes manifests) read as untrusted node trees.

Real compose files use anchors and aliases, so they are allowed here, but nothing is constructed: the harvest
walks the composed nodes (an alias is the same node again, visited once), after a first pass over the parser's
events has refused files nested deeper than `MAX_DEPTH`, with more than `MAX_EVENTS` events or `MAX_DOCUMENTS`
documents. Every refusal is a reason in German, never an exception.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

MAX_DEPTH = 64
MAX_EVENTS = 200_000
MAX_DOCUMENTS = 50
MAX_NODES = 100_000  # nodes one walk visits

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def documents(text: str) -> list[yaml.Node] | str:
    """The documents of `text` as node trees, or why they are not read."""
    depth = events = count = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            events += 1
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return f"tiefer verschachtelt als {MAX_DEPTH} Ebenen; nicht ausgewertet"
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.DocumentStartEvent):
                count += 1
                if count > MAX_DOCUMENTS:
                    return f"mehr als {MAX_DOCUMENTS} YAML-Dokumente; nicht ausgewertet"
            if events > MAX_EVENTS:
                return f"mehr als {MAX_EVENTS} YAML-Elemente; nicht ausgewertet"
        return [node for node in yaml.compose_all(text, Loader=_Loader) if node is not None]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f" (Zeile {mark.line + 1})" if mark else ""
        return f"kein gültiges YAML{where}; nicht ausgewertet"
    except (yaml.YAMLError, RecursionError, ValueError):
        return "kein lesbares YAML; nicht ausgewertet"


def child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value node at `key` of a mapping node (None for other nodes or a missing key)."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value_node  # type: ignore[no-any-return]
    return None


def text(node: yaml.Node | None) -> str | None:
    """The text of a scalar node (None for anything else or an empty value)."""
    if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str) and node.value.strip():
        return node.value.strip()[:500]
    return None


def line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def items(node: yaml.Node | None) -> list[tuple[str, yaml.Node]]:
    """(key, value) pairs of a mapping node whose keys are scalars."""
    if not isinstance(node, yaml.MappingNode):
        return []
    return [(str(k.value), v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]


def entries(node: yaml.Node | None) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def mappings_with(root: yaml.Node, key: str) -> Iterator[tuple[yaml.Node, yaml.Node]]:
    """Every (mapping, value) in the tree where the mapping has `key`; each node visited once, at most MAX_NODES."""
    seen: set[int] = set()
    stack = [root]
    visits = 0
    while stack and visits < MAX_NODES:
        node = stack.pop()
        visits += 1
        if id(node) in seen:  # an alias: the same node again
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                    yield node, value_node
                stack.append(value_node)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
