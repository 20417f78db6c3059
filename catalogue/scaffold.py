"""`catalogue new`: write a valid, commented entry from a few answers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from catalogue import vocabulary
from catalogue.urls import host_kind

SCHEMA_COMMENT = "# yaml-language-server: $schema=../catalogue/schema/entry.schema.json"


@dataclass(frozen=True)
class NewEntry:
    """The answers `catalogue new` needs; everything else is left as commented examples."""

    id: str
    name: str
    short_description: str
    repository: str
    organisation: str
    organisation_type: str
    fields: tuple[str, ...]
    licence: str
    roadmap_phase: str
    development_status: str
    ags: str | None = None
    description: str = ""


def _q(value: str) -> str:
    # JSON strings are valid double-quoted YAML scalars: no value is ever re-typed by YAML.
    return json.dumps(value, ensure_ascii=False)


def render_entry(answers: NewEntry) -> str:
    """The YAML text of a new entry, with comments that explain each field."""
    state = vocabulary.state_for_ags(answers.ags) if answers.ags else None
    organisation = [f"  name: {_q(answers.organisation)}", f"  type: {_q(answers.organisation_type)}  # {' | '.join(vocabulary.ORGANISATION_TYPES)}"]
    if answers.ags:
        organisation.append(f"  ags: {_q(answers.ags)}  # Amtlicher Gemeindeschlüssel, 8 Ziffern, in Anführungszeichen")
    if state:
        organisation.append(f"  state: {_q(state)}")
    host = host_kind(answers.repository.split("/")[2]) if answers.repository.count("/") >= 2 else "git"
    lines = [
        SCHEMA_COMMENT,
        "# Eintrag im Smart-City-Katalog. Das Format ist in docs/format.md beschrieben.",
        "",
        f"name: {_q(answers.name)}",
        "# Ein Satz, höchstens 200 Zeichen: was die Lösung tut und für wen.",
        f"short_description: {_q(answers.short_description)}",
        "# Ausführliche Beschreibung in Markdown (kein HTML): Zweck, Funktionen, Voraussetzungen für die Nachnutzung.",
        *_text_field("description", answers.description or answers.short_description),
        "",
        "repositories:",
        f"  - url: {_q(answers.repository)}  # erkannt als {host}",
        "    role: app  # " + " | ".join(vocabulary.REPOSITORY_ROLES),
        "",
        "# Wer hat die Lösung entwickelt?",
        "organisation:",
        *organisation,
        "",
        "# Förderung, falls zutreffend (programme: MPSC | other; cohort: 2019 | 2020 | 2021; phase: A | B):",
        "# funding:",
        "#   programme: MPSC",
        "#   cohort: 2020",
        "#   phase: B",
        "",
        "# Handlungsfelder (1 bis 3): " + "; ".join(vocabulary.HANDLUNGSFELDER),
        "fields:",
        *(f"  - {_q(field)}" for field in answers.fields),
        "tags: []",
        "",
        "# Phase der MPSC-Skalierungsroadmap: " + ", ".join(f"{k} {v}" for k, v in vocabulary.ROADMAP_PHASES.items()),
        f"roadmap_phase: {answers.roadmap_phase}",
        "# publiccode.yml developmentStatus: " + " | ".join(vocabulary.DEVELOPMENT_STATUSES),
        f"development_status: {answers.development_status}",
        "",
        "# SPDX-Lizenzausdruck, z. B. MIT, Apache-2.0, EUPL-1.2, AGPL-3.0-or-later",
        f"licence: {_q(answers.licence)}",
        "",
        "# Wer nutzt die Lösung schon? (name, ags, since, url, note)",
        "used_by: []",
        "",
        "# Weitere Angaben helfen bei der Nachnutzung:",
        "# documentation:",
        "#   installation: https://...",
        "# standards: [OGC SensorThings API]",
        "# platforms: [web, docker]",
        "# languages: [de]",
        "# contact:",
        "#   name: Smart-City-Team",
        "#   email: smartcity@example.de",
        "",
    ]
    return "\n".join(lines)


def _text_field(key: str, text: str) -> list[str]:
    """A literal block (readable, no escapes) when YAML keeps the text exactly so, else a quoted string."""
    lines = text.split("\n")
    plain = all(line == line.rstrip() and "\t" not in line and line.isprintable() for line in lines)
    if plain and lines[0][:1] not in (" ", "") and text.strip() == text:
        return [f"{key}: |", *(f"  {line}" if line else "" for line in lines)]
    return [f"{key}: {_q(text)}"]


def write_new_entry(entries_dir: Path, answers: NewEntry) -> Path:
    """Create entries/<id>.yaml; refuse to overwrite an existing entry."""
    target = entries_dir / f"{answers.id}.yaml"
    with target.open("x", encoding="utf-8") as handle:
        handle.write(render_entry(answers))
    return target
