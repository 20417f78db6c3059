"""The JSON Schema (2020-12) of an entry, built from the vocabularies and written to schema/entry.schema.json.

Run `python -m catalogue.schema` after changing a vocabulary; a test fails while the file is out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from catalogue import vocabulary as v

SCHEMA_PATH = Path(__file__).parent / "schema" / "entry.schema.json"
SCHEMA_ID = "https://smart-city-katalog.de/schema/entry.schema.json"
ID_PATTERN = "^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,62}$"
AGS_PATTERN = "^(0[1-9]|1[0-6])[0-9]{6}$"
DATE_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
HTTPS_PATTERN = r"^https://[^\s/?#@:]+(:[0-9]{1,5})?([/?#][^\s]*)?$"


def _text(title: str, *, min_length: int = 1, max_length: int = 200, pattern: str | None = None, hint: str | None = None) -> dict[str, Any]:
    spec: dict[str, Any] = {"type": "string", "title": title, "minLength": min_length, "maxLength": max_length}
    if pattern:
        spec["pattern"] = pattern
    if hint:
        spec["x-hint"] = hint  # a key of catalogue/message_table.py, shown by the validator when the pattern does not match
    return spec


def _https(title: str) -> dict[str, Any]:
    return _text(title, max_length=500, pattern=HTTPS_PATTERN, hint="hint.https")


def _enum(title: str, values: tuple[Any, ...]) -> dict[str, Any]:
    return {"title": title, "enum": list(values)}


def _list(title: str, items: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "array", "title": title, "items": items, "uniqueItems": True, **extra}


def _object(title: str, properties: dict[str, Any], required: list[str], **extra: Any) -> dict[str, Any]:
    return {"type": "object", "title": title, "properties": properties, "required": required, "additionalProperties": False, **extra}


def _ags() -> dict[str, Any]:
    return _text(
        "Amtlicher Gemeindeschlüssel (8 Ziffern)",
        min_length=8,
        max_length=8,
        pattern=AGS_PATTERN,
        hint="hint.ags",
    )


def _email() -> dict[str, Any]:
    return _text("E-Mail", max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", hint="hint.email")


def _file_or_https(title: str) -> dict[str, Any]:
    return _text(
        title,
        max_length=500,
        pattern=r"^(https://[^\s]+|[A-Za-z0-9][A-Za-z0-9._-]*\.(png|jpg|jpeg|svg|webp))$",
        hint="hint.file_or_https",
    )


def build_schema() -> dict[str, Any]:
    """The entry schema as a JSON-compatible dict."""
    repository = _object("Repository", {"url": _https("Git-URL des Repositorys"), "role": _enum("Rolle", tuple(v.REPOSITORY_ROLES))}, ["url"])
    organisation = _object(
        "Organisation, die die Lösung entwickelt hat",
        {
            "name": _text("Name"),
            "type": _enum("Art der Organisation", tuple(v.ORGANISATION_TYPES)),
            "ags": _ags(),
            "state": _enum("Bundesland", tuple(v.BUNDESLAENDER.values())),
            "url": _https("Website"),
        },
        ["name", "type"],
    )
    funding = _object(
        "Förderung",
        {
            "programme": _enum("Förderprogramm", tuple(v.FUNDING_PROGRAMMES)),
            "programme_name": _text("Name des Programms (bei 'other')"),
            "cohort": _enum("Staffel (Jahr)", v.MPSC_COHORTS),
            "phase": _enum("Phase", tuple(v.FUNDING_PHASES)),
            "evidence": _list("Belege der Förderung (https)", _https("Beleg"), minItems=1),
        },
        ["programme", "evidence"],
    )
    reuse = _object(
        "Nachnutzung",
        {
            "name": _text("Name der Stelle"),
            "ags": _ags(),
            "role": _enum("Art der Beziehung", tuple(v.REUSE_ROLES)),
            "evidence": _list("Belege: öffentliche Quellen (https)", _https("Beleg"), minItems=1),
            "since": {"type": "integer", "title": "Jahr", "minimum": 2000, "maximum": 2100},
            "note": _text("Anmerkung", max_length=300),
        },
        ["name", "role", "evidence"],
    )
    source = _object(
        "Quelle",
        {"url": _https("Adresse der Quelle"), "note": _text("Was die Quelle belegt (deutsch, kurz)", min_length=3, max_length=200)},
        ["url", "note"],
    )
    documentation = _object(
        "Dokumentation",
        {
            "installation": _https("Installationsanleitung"),
            "operation": _https("Betriebshandbuch"),
            "user_guide": _https("Benutzerhandbuch"),
            "api": _https("Schnittstellendokumentation"),
        },
        [],
    )
    contact = _object(
        "Kontakt (eine Funktionsadresse genügt)",
        {
            "name": _text("Name oder Funktion"),
            "email": _text("E-Mail", max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", hint="hint.email"),
            "url": _https("Kontaktseite"),
        },
        [],
        anyOf=[{"required": ["email"]}, {"required": ["url"]}],
    )
    maintenance = _object(
        "Wartung (wie publiccode.yml maintenance)",
        {
            "type": _enum("Art der Wartung", tuple(v.MAINTENANCE_TYPES)),
            "contractors": _list(
                "Dienstleister mit Vertragsende (bei contract)",
                _object(
                    "Dienstleister",
                    {
                        "name": _text("Name"),
                        "until": _text("Vertrag bis (JJJJ-MM-TT)", min_length=10, max_length=10, pattern=DATE_PATTERN, hint="hint.date"),
                        "website": _https("Website"),
                    },
                    ["name", "until"],
                ),
                minItems=1,
            ),
            "contacts": _list(
                "Technische Ansprechpersonen, die dafür genannt werden wollen",
                _object("Ansprechperson", {"name": _text("Name"), "email": _email(), "affiliation": _text("Organisation")}, ["name"]),
            ),
            "evidence": _list("Belege (https)", _https("Beleg"), minItems=1),
        },
        ["type", "evidence"],
    )
    properties: dict[str, Any] = {
        "name": _text("Name der Lösung", min_length=2, max_length=100),
        "short_description": _text("Kurzbeschreibung (höchstens 200 Zeichen)", min_length=10, max_length=200),
        "description": _text("Beschreibung (Markdown)", min_length=20, max_length=20000),
        "website": _https("Website der Lösung"),
        "repositories": _list("Repositories", repository, minItems=1),
        "organisation": organisation,
        "funding": funding,
        "fields": _list("Handlungsfelder", _enum("Handlungsfeld", tuple(v.HANDLUNGSFELDER)), minItems=1, maxItems=3),
        "tags": _list("Schlagwörter", _text("Schlagwort", max_length=40), maxItems=20),
        "roadmap_phase": _enum("Phase der MPSC-Skalierungsroadmap", tuple(v.ROADMAP_PHASES)),
        "development_status": _enum("Entwicklungsstand (publiccode.yml developmentStatus)", tuple(v.DEVELOPMENT_STATUSES)),
        "licence": _text("Lizenz als SPDX-Ausdruck", max_length=200),
        "licence_url": _https("Adresse des Lizenztexts (Pflicht bei einer Lizenz außerhalb der SPDX-Liste, LicenseRef-…)"),
        "used_by": _list("Nachnutzende Kommunen und Stellen", reuse),
        "documentation": documentation,
        "standards": _list("Standards", _enum("Standard", tuple(v.STANDARDS))),
        "platforms": _list("Plattformen und Bereitstellung", _enum("Plattform", tuple(v.PLATFORMS))),
        "languages": _list(
            "Sprachen der Oberfläche (ISO 639-1)",
            _text("Sprache", min_length=2, max_length=2, pattern="^[a-z]{2}$", hint="hint.language"),
        ),
        "contact": contact,
        "sources": _list("Quellen der Angaben", source, maxItems=30),
        "last_reviewed": _text(
            "Zuletzt geprüft (JJJJ-MM)",
            min_length=7,
            max_length=7,
            pattern=r"^20[0-9]{2}-(0[1-9]|1[0-2])$",
            hint="hint.year_month",
        ),
        "maintenance": maintenance,
        "features": _list("Funktionen (kurze Sätze, wie publiccode.yml features)", _text("Funktion", min_length=3, max_length=100), maxItems=20),
        "logo": _file_or_https("Logo"),
        "screenshots": _list("Bildschirmfotos", _file_or_https("Bildschirmfoto"), maxItems=10),
        "related": _list("Verwandte Einträge (ids)", _text("id", max_length=64, pattern=ID_PATTERN, hint="hint.id")),
    }
    required = ["name", "short_description", "description", "repositories", "organisation", "fields", "roadmap_phase", "development_status", "licence"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **_object("Eintrag im Smart-City-Katalog", properties, required),
    }


def schema_json() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(schema_json(), encoding="utf-8")
    sys.stdout.write(f"wrote {SCHEMA_PATH}\n")
