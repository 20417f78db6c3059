"""The JSON API: api/entries.json (all entries with their harvested facts) and api/entries/<id>.json."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from urllib.parse import urlsplit

from catalogue import spdx
from catalogue.model import Catalogue, Entry

API_SCHEMA_VERSION = "1.0"
# Harvest keys that are published; anything else a record may hold (errors, paths) stays internal.
_PUBLISHED_REPOSITORY_FACTS = (
    "url",
    "role",
    "default_branch",
    "head_commit",
    "head_commit_date",
    "first_commit_date",
    "commits_6_months",
    "commits_12_months",
    "authors_6_months",
    "authors_12_months",
    "commits_per_month",
    "bus_factor_6_months",
    "tags",
    "latest_tag",
    "latest_tag_date",
    "files",
    "licence",
)
_PUBLISHED_API_FACTS = (
    "host_api",
    "stars",
    "forks",
    "open_issues",
    "archived",
    "description",
    "topics",
    "releases",
    "latest_release_date",
    "issue_reaction_median_days",
    "forks_by_other_owners",
)


def entry_document(entry: Entry, record: dict[str, Any] | None, page_url: str) -> dict[str, Any]:
    """One entry as the API publishes it (the shape api/entries.schema.json describes)."""
    data = {key: value for key, value in asdict(entry).items() if key not in ("source_path", "licence")}
    data["licence"] = {"declared": entry.licence, "family": spdx.licence_family(entry.licence), **asdict(spdx.approval(entry.licence))}
    for repository in data["repositories"]:
        repository["host"] = urlsplit(repository["url"]).hostname
    data["page"] = page_url
    data["source"] = entry.source_path
    data["harvest"] = _published_harvest(record)
    published: dict[str, Any] = _without_none(data)
    return published


def _published_harvest(record: dict[str, Any] | None) -> dict[str, Any] | None:
    if not record or "repositories" not in record:
        return None
    repositories = []
    for repository in record["repositories"]:
        facts = {key: repository[key] for key in _PUBLISHED_REPOSITORY_FACTS if key in repository}
        api = repository.get("api") or {}
        if api:
            facts["api"] = {key: api[key] for key in _PUBLISHED_API_FACTS if key in api}
        repositories.append(facts)
    return {
        "harvested_at": record.get("harvested_at"),
        "stale": "stale" in record,
        "repositories": repositories,
        "licence_check": record.get("licence_check"),
        "badges": record.get("badges", []),
    }


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None and v != () and v != []}
    if isinstance(value, (list, tuple)):
        return [_without_none(v) for v in value]
    return value


def catalogue_document(catalogue: Catalogue, records: dict[str, dict[str, Any]], generated_at: str, page_url: Any) -> dict[str, Any]:
    """api/entries.json: every entry, sorted by id."""
    entries = [entry_document(e, records.get(e.id), page_url(e.id)) for e in catalogue.entries]
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
