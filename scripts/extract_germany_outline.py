"""Write catalogue/site/geodata/germany.json: Germany's outline from Natural Earth 1:50m, as packaged in the
npm package world-atlas (TopoJSON, ISC licence; the Natural Earth data are public domain).

    npm install --prefix /tmp/world-atlas world-atlas@2
    .venv/bin/python scripts/extract_germany_outline.py /tmp/world-atlas/node_modules/world-atlas/countries-50m.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

GERMANY = "276"  # ISO 3166-1 numeric
TARGET = Path(__file__).resolve().parent.parent / "catalogue" / "site" / "geodata" / "germany.json"


def decode_arc(arc: list[list[int]], scale: list[float], translate: list[float]) -> list[tuple[float, float]]:
    x = y = 0
    points = []
    for dx, dy in arc:
        x, y = x + dx, y + dy
        points.append((round(x * scale[0] + translate[0], 3), round(y * scale[1] + translate[1], 3)))
    return points


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        part = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(part[1:] if points else part)
    return points


def main() -> None:
    topology = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    transform = topology["transform"]
    arcs = [decode_arc(arc, transform["scale"], transform["translate"]) for arc in topology["arcs"]]
    geometry = next(g for g in topology["objects"]["countries"]["geometries"] if g.get("id") == GERMANY)
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    outline = [ring(polygon[0], arcs) for polygon in polygons]  # outer rings; Germany has no holes at this scale
    TARGET.write_text(json.dumps({"source": "Natural Earth 1:50m via world-atlas 2 (public domain)", "rings": outline}) + "\n", encoding="utf-8")
    print(f"wrote {TARGET} ({sum(len(r) for r in outline)} points in {len(outline)} rings)")


if __name__ == "__main__":
    main()
