"""German messages for schema errors in the claims an entry makes: `used_by`, `funding`, `maintenance` evidence, `sources`, `last_reviewed`.

Each message comes with the field it is about; `entries.py` adds file, line and column.
"""

from __future__ import annotations

import difflib
from typing import Any

import jsonschema

from catalogue import vocabulary
from catalogue.yamlfile import Path as FieldPath

Problem = tuple[FieldPath, str]

_ROLES = ", ".join(f"{role} ({label})" for role, label in vocabulary.REUSE_ROLES.items())
_EVIDENCE_HINT = "eine öffentliche Seite, die jede Person öffnen kann"
_MISSING: dict[tuple[str, str], str] = {
    ("used_by", "role"): f"Art der Beziehung fehlt; 'role' ist eine von: {_ROLES}",
    ("used_by", "evidence"): (
        "Nachweis fehlt: 'evidence' nennt mindestens eine https-Adresse, die die Nutzung belegt "
        "(Seite der Stelle mit der laufenden Lösung, ihr Fork, ein Ratsbeschluss, eine Pressemitteilung); ohne Nachweis entfällt die Angabe"
    ),
    ("maintenance", "evidence"): "Nachweis fehlt: 'evidence' nennt mindestens eine https-Adresse, die die Angabe zur Wartung belegt",
    ("funding", "evidence"): (
        "Nachweis der Förderung fehlt: 'evidence' nennt mindestens eine https-Adresse (Projektseite des Förderprogramms, Förderbescheid, Pressemitteilung)"
    ),
    ("sources", "url"): "Adresse der Quelle fehlt ('url' mit https://)",
    ("sources", "note"): "Notiz fehlt: was belegt die Quelle? (Herkunft, Förderung, Status, Nachnutzung, Kontakt, Installation)",
    ("used_by", "name"): "Name der Stelle fehlt",
}


def schema_problems(error: jsonschema.ValidationError, path: FieldPath) -> list[Problem] | None:
    """German messages for a schema error inside `used_by`, `funding`, `sources` or `last_reviewed`; None for other fields."""
    expected: Any = error.validator_value
    if error.validator == "required" and isinstance(error.instance, dict) and path and isinstance(path[0], str):
        missing = [name for name in expected if name not in error.instance]
        known = [name for name in missing if (path[0], name) in _MISSING]
        if len(path) in (1, 2) and known and len(known) == len(missing):
            return [((*path, name), _MISSING[(path[0], name)]) for name in known]
        return None
    problem = _schema_problem(error, path)
    return None if problem is None else [problem]


def _schema_problem(error: jsonschema.ValidationError, path: FieldPath) -> Problem | None:
    """A German message for a schema error inside `used_by`, `funding.evidence`, `sources` or `last_reviewed`; None for other fields."""
    section = path[0] if path else None
    kind = str(error.validator)
    instance: Any = error.instance
    if section == "used_by" and len(path) == 2 and kind == "additionalProperties" and isinstance(instance, dict) and "url" in instance:
        return (*path, "url"), "'url' gibt es nicht mehr: Nachweise stehen als Liste unter 'evidence' (jeweils eine https-Adresse)"
    if section in ("used_by", "funding", "maintenance") and "evidence" in path:
        return path, _evidence_message(kind, error.instance)
    if section == "used_by" and path[-1:] == ("role",) and kind == "enum":
        return path, _role_message(error.instance)
    if section == "used_by" and path[-1:] == ("since",) and kind in ("minimum", "maximum", "type"):
        return path, f"'{error.instance}' ist kein Jahr; schreiben Sie das Jahr, seit dem die Beziehung besteht, z. B. 2023"
    if section == "sources" and path[-1:] == ("url",) and kind == "pattern":
        return path, f"'{_shorten(str(error.instance))}' ist keine https://-Adresse; eine Quelle ist {_EVIDENCE_HINT}"
    if section == "sources" and len(path) == 1 and kind == "type":
        return path, "'sources' ist eine Liste von Quellen, jeweils mit 'url' und 'note'"
    if section == "last_reviewed" and kind in ("pattern", "type", "minLength", "maxLength"):
        return path, f"'{error.instance}' ist kein Jahr-Monat; schreiben Sie es in Anführungszeichen, z. B. \"2026-11\""
    return None


def _evidence_message(kind: str, value: Any) -> str:
    if kind == "type":
        return "Nachweise stehen als Liste, jeweils in einer Zeile '- https://…'"
    if kind == "minItems":
        return f"die Liste der Nachweise ist leer; nennen Sie mindestens eine https-Adresse, {_EVIDENCE_HINT}"
    if kind == "uniqueItems":
        return "ein Nachweis steht doppelt in der Liste; streichen Sie die Wiederholung"
    return f"Nachweis '{_shorten(str(value))}' ist keine https://-Adresse; ein Nachweis ist {_EVIDENCE_HINT}"


def _role_message(value: Any) -> str:
    message = f"'{_shorten(str(value))}' ist keine bekannte Art der Beziehung"
    guess = difflib.get_close_matches(str(value).casefold(), list(vocabulary.REUSE_ROLES), n=1, cutoff=0.5)
    if guess:
        return f"{message} - meinten Sie '{guess[0]}'? Erlaubt sind: {', '.join(vocabulary.REUSE_ROLES)}"
    return f"{message}; erlaubt sind: {_ROLES}"


def _items(value: Any) -> list[tuple[int, Any]]:
    return list(enumerate(value)) if isinstance(value, list) else []


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
