"""The JSON API: api/entries.json (all entries with their harvested facts) and api/entries/<id>.json."""

from __future__ import annotations

import copy
from dataclasses import asdict
from typing import Any
from urllib.parse import urlsplit

from catalogue import assessment, records, spdx
from catalogue.model import Catalogue, Entry, HarvestRecord, RepositoryFacts
from catalogue.schema import ID_PATTERN, build_schema

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
    """JSON Schema (2020-12) of api/entries.json, generated from the entry schema and the harvest record's types."""
    entry_schema = build_schema()
    properties = copy.deepcopy(entry_schema["properties"])
    text = {"type": "string"}
    properties["repositories"]["items"]["properties"]["host"] = text
    properties["repositories"]["items"]["required"] = ["url", "host"]
    properties["licence"] = {
        "type": "object",
        "required": ["declared", "family"],
        "properties": {"declared": text, "family": text, "osi_approved": {"type": "boolean"}, "fsf_libre": {"type": "boolean"}},
        "additionalProperties": False,
    }
    properties |= {"id": {"type": "string", "pattern": ID_PATTERN}, "page": text, "source": text, "harvest": _harvest_schema()}
    entry = {
        "type": "object",
        "required": [*entry_schema["required"], "id", "page"],
        "properties": properties,
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


def _harvest_schema() -> dict[str, Any]:
    """The published harvest: the record's repository facts (without internal ones) and the derived verdicts."""
    repository = records.json_schema(RepositoryFacts)
    api = repository["properties"]["api"]["anyOf"][0]
    for key in _INTERNAL_API_FACTS:
        del api["properties"][key]
    text = {"type": "string"}
    badge = {"type": "object", "required": ["name", "reason"], "properties": {"name": text, "level": {"type": ["integer", "string"]}, "reason": text}}
    check = records.json_schema(assessment.LicenceCheck)
    return {
        "type": "object",
        "required": ["stale", "repositories", "activity"],
        "properties": {
            "harvested_at": {"type": "string", "format": "date-time"},
            "stale": {"type": "boolean"},
            "repositories": {"type": "array", "items": repository},
            "licence_check": check,
            "badges": {"type": "array", "items": badge},
            "activity": {"enum": [a.value for a in assessment.Activity]},
        },
        "additionalProperties": False,
    }
