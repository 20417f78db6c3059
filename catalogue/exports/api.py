"""The JSON API: api/entries.json (all entries with their harvested facts) and api/entries/<id>.json."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from urllib.parse import urlsplit

from catalogue import assessment, records, spdx
from catalogue.model import Catalogue, Entry, HarvestRecord

API_SCHEMA_VERSION = "1.0"
# Harvest facts kept internal: an API's error text (may quote a host's answer) is never published.
_INTERNAL_API_FACTS = ("error",)


def entry_document(entry: Entry, record: HarvestRecord | None, page_url: str) -> dict[str, Any]:
    """One entry as the API publishes it (the shape api/entries.schema.json describes)."""
    data = {key: value for key, value in asdict(entry).items() if key not in ("source_path", "licence")}
    data["licence"] = {"declared": entry.licence, "family": spdx.licence_family(entry.licence), **asdict(spdx.approval(entry.licence))}
    for repository in data["repositories"]:
        repository["host"] = urlsplit(repository["url"]).hostname
    data["page"] = page_url
    data["source"] = entry.source_path
    data["harvest"] = _published_harvest(entry, record)
    published: dict[str, Any] = _without_none(data)
    return published


def _published_harvest(entry: Entry, record: HarvestRecord | None) -> dict[str, Any] | None:
    if record is None or not record.repositories:
        return None
    repositories = []
    for repository in record.repositories:
        facts = records.encode(repository)
        if repository.api is not None:
            facts["api"] = {key: value for key, value in facts["api"].items() if key not in _INTERNAL_API_FACTS}
        repositories.append(facts)
    check = assessment.licence_check(entry.licence, record)
    return {
        "harvested_at": records.encode(record.harvested_at),
        "stale": record.stale is not None,
        "repositories": repositories,
        "licence_check": {"declared": check.declared, "found": list(check.found), "matches_declared": check.matches_declared, "note": check.note},
        "badges": [{"name": b.name, "level": b.level, "reason": b.reason} for b in assessment.badges(entry, record)],
        "activity": assessment.activity(record).value,
    }


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None and v != () and v != []}
    if isinstance(value, (list, tuple)):
        return [_without_none(v) for v in value]
    return value


def catalogue_document(catalogue: Catalogue, harvest: dict[str, HarvestRecord], generated_at: str, page_url: Any) -> dict[str, Any]:
    """api/entries.json: every entry, sorted by id."""
    entries = [entry_document(e, harvest.get(e.id), page_url(e.id)) for e in catalogue.entries]
    return {"schema_version": API_SCHEMA_VERSION, "generated_at": generated_at, "count": len(entries), "entries": entries}


def api_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of api/entries.json, version API_SCHEMA_VERSION."""
    text = {"type": "string"}
    texts = {"type": "array", "items": text}
    entry = {
        "type": "object",
        "required": [
            "id",
            "name",
            "short_description",
            "description",
            "repositories",
            "organisation",
            "fields",
            "roadmap_phase",
            "development_status",
            "licence",
            "page",
        ],
        "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9-]+$"},
            "name": text,
            "short_description": text,
            "description": text,
            "website": text,
            "page": text,
            "source": text,
            "repositories": {
                "type": "array",
                "minItems": 1,
                "items": {"type": "object", "required": ["url", "host"], "properties": {"url": text, "role": text, "host": text}},
            },
            "organisation": {"type": "object", "required": ["name", "type"]},
            "funding": {"type": "object"},
            "fields": texts,
            "tags": texts,
            "standards": texts,
            "platforms": texts,
            "languages": texts,
            "screenshots": texts,
            "related": texts,
            "roadmap_phase": {"enum": ["P1", "P2", "P3", "P4", "P5"]},
            "development_status": {"enum": ["concept", "development", "beta", "stable", "obsolete"]},
            "licence": {"type": "object", "required": ["declared", "family", "osi_approved", "fsf_libre"]},
            "used_by": {"type": "array", "items": {"type": "object", "required": ["name"]}},
            "documentation": {"type": "object"},
            "contact": {"type": "object"},
            "logo": text,
            "harvest": {"type": "object", "required": ["stale", "repositories"]},
        },
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://smart-city-katalog.de/api/{API_SCHEMA_VERSION}/entries.schema.json",
        "title": "Smart-City-Katalog: alle Einträge",
        "type": "object",
        "required": ["schema_version", "generated_at", "count", "entries"],
        "properties": {
            "schema_version": {"const": API_SCHEMA_VERSION},
            "generated_at": text,
            "count": {"type": "integer"},
            "entries": {"type": "array", "items": {"$ref": "#/$defs/entry"}},
        },
        "$defs": {"entry": entry},
    }
