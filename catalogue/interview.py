"""The questions of `catalogue new`, each answer checked when it is given, and the draft that keeps answers on abort."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from catalogue import spdx, urls, vocabulary
from catalogue.entries import find_entry_files
from catalogue.messages import msg
from catalogue.scaffold import NewEntry
from catalogue.schema import AGS_PATTERN, ID_PATTERN
from catalogue.yamlfile import read_yaml_mapping

MAX_FIELDS = 3
DRAFT_SUFFIX = ".entwurf.json"


@dataclass(frozen=True)
class Question:
    key: str
    choices: tuple[str, ...] = ()
    repeatable: bool = False


QUESTIONS = (
    Question("id"),
    Question("name"),
    Question("short_description"),
    Question("description"),
    Question("repository"),
    Question("organisation"),
    Question("organisation_type", tuple(vocabulary.ORGANISATION_TYPES)),
    Question("ags"),
    Question("fields", tuple(vocabulary.HANDLUNGSFELDER), repeatable=True),
    Question("licence"),
    Question("roadmap_phase", tuple(vocabulary.ROADMAP_PHASES)),
    Question("development_status", tuple(vocabulary.DEVELOPMENT_STATUSES)),
)
_LENGTHS = {"name": (2, 100), "short_description": (10, 200), "description": (20, 20000), "organisation": (2, 200)}


@dataclass(frozen=True)
class Existing:
    """What `new` compares an answer with: the entries already in the folder."""

    display: str
    name: str
    repositories: tuple[str, ...]


def existing_entries(entries_dir: Path) -> list[Existing]:
    """Name and repository keys of every readable entry in `entries_dir` (unreadable files are left to `validate`)."""
    found = []
    for path in find_entry_files([entries_dir]):
        try:
            loaded = read_yaml_mapping(path.read_bytes()) if path.is_file() and not path.is_symlink() else []
        except OSError:
            continue
        if isinstance(loaded, list):
            continue
        data = loaded.data
        listed = data.get("repositories")
        repositories = listed if isinstance(listed, list) else []
        keys = tuple(urls.repository_key(r["url"]) for r in repositories if isinstance(r, dict) and isinstance(r.get("url"), str))
        found.append(Existing(path.as_posix(), str(data.get("name", "")), keys))
    return found


def prompt(question: Question) -> str:
    """The question as shown, with the allowed values for a choice."""
    text = msg(f"new.ask.{question.key}")
    return f"{text} [{' | '.join(question.choices)}]: " if question.choices else f"{text}: "


def check(question: Question, raw: Any, answers: Mapping[str, Any], entries_dir: Path, existing: list[Existing]) -> tuple[Any, str | None]:
    """The answer in its stored form, or None and why it cannot be taken."""
    key = question.key
    if question.repeatable:
        values = [str(v).strip() for v in (raw if isinstance(raw, (list, tuple)) else str(raw).split(","))]
        values = [v for v in values if v]
        if not values:
            return None, msg("new.missing_answer")
        if len(values) > MAX_FIELDS:
            return None, msg("new.too_many", limit=MAX_FIELDS)
        chosen = []
        for value in values:
            match, problem = _choice(value, question.choices)
            if problem:
                return None, problem
            chosen.append(match)
        return tuple(dict.fromkeys(chosen)), None
    value = str(raw).strip()
    if question.choices:
        return _choice(value, question.choices)
    if key == "description" and not value:
        value = str(answers.get("short_description") or "")
    if key in _LENGTHS:
        low, high = _LENGTHS[key]
        if not low <= len(value) <= high:
            return None, msg("new.length", length=len(value), low=low, high=high)
        return value, _unsafe(value)
    if key == "id":
        return _check_id(value, entries_dir)
    if key == "repository":
        return _check_repository(value, existing)
    if key == "ags":
        return _check_ags(value, str(answers.get("organisation_type") or ""))
    if key == "licence":
        return (value, spdx.check_expression(value).problem) if value else (None, msg("new.missing_answer"))
    return value, None


def similar_entries(name: str, existing: list[Existing]) -> list[Existing]:
    """Entries whose name is close to `name`: the duplicate lookup offered after the name is given."""
    folded = name.casefold()
    return [e for e in existing if e.name and (difflib.SequenceMatcher(None, folded, e.name.casefold()).ratio() >= 0.8 or folded in e.name.casefold())]


def new_entry(answers: Mapping[str, Any]) -> NewEntry:
    return NewEntry(
        id=answers["id"],
        name=answers["name"],
        short_description=answers["short_description"],
        description=answers["description"],
        repository=answers["repository"],
        organisation=answers["organisation"],
        organisation_type=answers["organisation_type"],
        ags=answers.get("ags") or None,
        fields=tuple(answers["fields"]),
        licence=answers["licence"],
        roadmap_phase=answers["roadmap_phase"],
        development_status=answers["development_status"],
    )


def write_draft(entries_dir: Path, answers: Mapping[str, Any]) -> Path:
    """Keep the answers given so far beside the entries (never read as an entry), for `catalogue new --resume`."""
    name = answers.get("id") if isinstance(answers.get("id"), str) else "neuer-eintrag"
    target = entries_dir / f"{name}{DRAFT_SUFFIX}"
    given = {key: list(value) if isinstance(value, tuple) else value for key, value in answers.items() if value not in (None, "", ())}
    target.write_text(json.dumps(given, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


def read_draft(path: Path) -> dict[str, Any]:
    """The answers of a draft; each is checked again like a new answer."""
    loaded = json.loads(path.read_text(encoding="utf-8"))
    known = {question.key for question in QUESTIONS}
    return {key: value for key, value in loaded.items() if key in known} if isinstance(loaded, dict) else {}


def _choice(value: str, choices: tuple[str, ...]) -> tuple[str | None, str | None]:
    by_folded = {choice.casefold(): choice for choice in choices}
    if value.casefold() in by_folded:
        return by_folded[value.casefold()], None
    guess = difflib.get_close_matches(value.casefold(), list(by_folded), n=1, cutoff=0.6)
    hint = msg("new.choice_guess", guess=by_folded[guess[0]]) if guess else ""
    return None, msg("new.choice", value=value, allowed=" | ".join(choices), hint=hint)


def _check_id(value: str, entries_dir: Path) -> tuple[str | None, str | None]:
    if not re.match(ID_PATTERN, value):
        return None, msg("new.bad_id", value=value)
    target = entries_dir / f"{value}.yaml"
    if target.exists() or target.is_symlink():
        return None, msg("new.id_taken", path=target.as_posix())
    return value, None


def _check_repository(value: str, existing: list[Existing]) -> tuple[str | None, str | None]:
    problem = urls.repository_url_problem(value)
    if problem:
        return None, problem
    key = urls.repository_key(value)
    listed = [e.display for e in existing if key in e.repositories]
    return (None, msg("new.repository_listed", path=listed[0])) if listed else (value, None)


def _check_ags(value: str, organisation_type: str) -> tuple[str | None, str | None]:
    if not value:
        needed = organisation_type in vocabulary.TYPES_WITH_AGS
        return (None, msg("new.ags_needed", kind=organisation_type)) if needed else ("", None)
    if not value.isdigit() or len(value) != 8:
        return None, msg("new.ags_length", value=value, length=len(value))
    if not re.match(AGS_PATTERN, value):
        return None, msg("new.ags_land", value=value, prefix=value[:2])
    if organisation_type == "Landkreis" and not value.endswith("000"):
        return None, msg("entries.landkreis_ags")
    return value, None


def _unsafe(value: str) -> str | None:
    return msg("entries.unsafe_characters") if not value.isprintable() or re.search(r"[\u202a-\u202e\u2066-\u2069]", value) else None
