"""SHACL validation of the ADMS-AP export (pyshacl): the number of violations and their messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import SH


@dataclass(frozen=True)
class ShapeReport:
    conforms: bool
    violations: tuple[str, ...]  # "focus node: path: message"


def check(data: Graph, shapes_path: Path) -> ShapeReport:
    """Validate `data` against the SHACL shapes in `shapes_path` (Turtle)."""
    shapes = Graph().parse(shapes_path, format="turtle")
    conforms, report, _ = validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    violations = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus, path, message = (report.value(result, p) for p in (SH.focusNode, SH.resultPath, SH.resultMessage))
        violations.append(f"{focus}: {path}: {message}")
    return ShapeReport(bool(conforms), tuple(sorted(violations)))
