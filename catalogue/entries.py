"""Reading and validating entry files: the only module that parses `entries/*.yaml`.

Every problem is collected with its file, line, column and field; nothing stops at the first one.
"""

from __future__ import annotations

import difflib
import errno
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

from catalogue import claims, spdx, urls, vocabulary
from catalogue.errors import CatalogueError, InvalidEntries
from catalogue.findings import Finding, Severity
from catalogue.markdown_text import markdown_problems
from catalogue.messages import MESSAGES, msg
from catalogue.model import Catalogue, Entry
from catalogue.schema import ID_PATTERN, SCHEMA_PATH
from catalogue.yamlfile import MAX_FILE_BYTES, YamlDocument, YamlProblem, dotted, is_date, read_yaml_mapping
from catalogue.yamlfile import Path as FieldPath

ENTRY_SUFFIX = ".yaml"
_ID = re.compile(ID_PATTERN)
_UNSAFE_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


@dataclass
class ValidationResult:
    entries: list[Entry] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(finding.severity is Severity.ERROR for finding in self.findings)


@dataclass
class _ParsedFile:
    path: Path
    display: str
    document: YamlDocument | None
    findings: list[Finding]

    @property
    def entry_id(self) -> str:
        return self.path.stem


@lru_cache(maxsize=1)
def entry_schema() -> dict[str, Any]:
    """The shipped JSON Schema of an entry."""
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(entry_schema())


def find_entry_files(paths: Iterable[Path]) -> list[Path]:
    """The entry files named by `paths`: files as given, directories searched for *.yaml and *.yml."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            # Links are listed too, so that they are refused with a finding instead of being followed or skipped silently.
            found += sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and (p.is_symlink() or p.is_file()))
        else:
            found.append(path)
    return found


def validate_paths(paths: Sequence[Path], *, root: Path | None = None, changed: frozenset[str] | None = None) -> ValidationResult:
    """Validate the entry files named by `paths` against the schema and against the other entries beside them.

    `changed` names the files (as shown, relative to `root`) that a pull request adds or changes: a problem between
    two entries is put on the changed one, where the contributor sees it. Unknown (None): on both.
    """
    requested = find_entry_files(paths)
    context = find_entry_files(sorted({p.parent for p in requested if p.exists()})) if requested else []
    all_files = list(dict.fromkeys([*context, *requested]))
    parsed = [_parse_file(path, _display(path, root)) for path in all_files]
    findings = [finding for item in parsed for finding in item.findings]
    findings += _cross_entry_findings(parsed, changed)
    shown = {_display(path, root) for path in requested}
    result = ValidationResult(findings=sorted(set(f for f in findings if f.path in shown)))
    failed = {finding.path for finding in findings if finding.severity is Severity.ERROR}
    for item in parsed:
        if item.document is not None and item.display in shown and item.display not in failed:
            result.entries.append(Entry.from_mapping(item.entry_id, item.display, item.document.data))
    result.entries.sort(key=lambda entry: entry.id)
    return result


def load_catalogue(entries_dir: Path, *, root: Path | None = None) -> Catalogue:
    """All entries of a directory, or InvalidEntries with every problem found."""
    if not entries_dir.is_dir():
        raise CatalogueError(msg("entries.no_folder", path=entries_dir))
    result = validate_paths([entries_dir], root=root)
    if not result.ok:
        raise InvalidEntries(result.findings)
    return Catalogue(entries=tuple(result.entries))


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            # The folder is resolved, not the file: a link is shown where it lies, not where it points.
            return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _parse_file(path: Path, display: str) -> _ParsedFile:
    findings: list[Finding] = []
    if path.suffix != ENTRY_SUFFIX:
        findings.append(Finding(display, 1, 1, "", msg("entries.suffix", suffix=ENTRY_SUFFIX, name=path.stem + ENTRY_SUFFIX)))
    if not _ID.match(path.stem):
        findings.append(Finding(display, 1, 1, "", msg("entries.bad_file_name", stem=path.stem)))
    raw = _read_entry_file(path)
    if isinstance(raw, str):
        return _ParsedFile(path, display, None, [*findings, Finding(display, 1, 1, "", raw)])
    loaded = read_yaml_mapping(raw)
    if isinstance(loaded, list):
        return _ParsedFile(path, display, None, [*findings, *(Finding(display, p.line, p.column, p.field, p.message) for p in loaded)])
    findings += [Finding(display, p.line, p.column, p.field, _yaml_problem_message(p, loaded)) for p in loaded.problems]
    # A YAML-level problem is the cause; a schema complaint about the same field would only repeat it.
    yaml_fields = {p.field for p in loaded.problems}
    findings += [f for f in _schema_findings(loaded, display) if f.field not in yaml_fields]
    findings += _content_findings(loaded, display, path.parent, {f.field for f in findings})
    return _ParsedFile(path, display, loaded, findings)


def _yaml_problem_message(problem: YamlProblem, document: YamlDocument) -> str:
    """The YAML reader's message, unless the field wants a year: then '2022-05-01' needs 2022, not quotes."""
    if problem.key == "yaml.yaml11_date":
        path = next((path for path, text in document.plain_text.items() if dotted(path) == problem.field), None)
        if path is not None and _schema_at(path).get("type") == "integer":
            text = document.plain_text[path]
            return msg("entries.expected_year_got_date", year=text[:4], shown=text)
    return problem.message


def _schema_at(path: FieldPath) -> dict[str, Any]:
    """The part of the entry schema that describes the value at `path` ({} where the schema says nothing)."""
    schema: Any = entry_schema()
    for part in path:
        schema = schema.get("items", {}) if isinstance(part, int) else schema.get("properties", {}).get(part, {})
    return schema if isinstance(schema, dict) else {}


def _read_entry_file(path: Path) -> bytes | str:
    """The bytes of a regular file that is no symbolic link, at most one byte over the size limit; else why not."""
    if path.is_symlink():
        return msg("entries.symlink")
    try:
        # O_NOFOLLOW: the file cannot become a link between the check and the open; O_NONBLOCK: a FIFO cannot hang the read.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        return msg("entries.symlink") if error.errno == errno.ELOOP else msg("entries.cannot_read", reason=error.strerror or error)
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return msg("entries.not_a_file")
        try:
            return handle.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            return msg("entries.cannot_read", reason=error.strerror or error)


def _schema_findings(document: YamlDocument, display: str) -> list[Finding]:
    findings: list[Finding] = []
    for error in _validator().iter_errors(document.data):
        path: FieldPath = tuple(error.absolute_path)
        claim_problems = claims.schema_problems(error, path)
        if claim_problems is not None:
            findings += [Finding(display, *document.position(where, key=True), dotted(where), message) for where, message in claim_problems]
            continue
        if error.validator == "additionalProperties":
            allowed = list(error.schema.get("properties", {}))
            for key in sorted(set(error.instance) - set(allowed)):
                line, column = document.position((*path, key), key=True)
                findings.append(Finding(display, line, column, dotted((*path, key)), _unknown_field_message(str(key), allowed, path)))
            continue
        line, column = document.position(path)
        if error.validator == "required":
            missing = [name for name in error.validator_value if name not in error.instance]
            for name in missing:
                title = error.schema["properties"][name].get("title", "")
                findings.append(Finding(display, line, column, dotted((*path, name)), msg("entries.required", title=title)))
            continue
        findings.append(Finding(display, line, column, dotted(path), _schema_message(error, document, path)))
    return findings


def _unknown_field_message(key: str, allowed: list[str], path: FieldPath) -> str:
    where = msg("entries.unknown_field_where", path=dotted(path)) if path else ""
    guess = difflib.get_close_matches(key.lower(), allowed, n=1, cutoff=0.6)
    if guess:
        return msg("entries.unknown_field_guess", where=where, guess=guess[0])
    return msg("entries.unknown_field_list", where=where, allowed=", ".join(allowed))


def _schema_message(error: jsonschema.ValidationError, document: YamlDocument, path: FieldPath) -> str:
    value: Any = error.instance
    schema: Any = error.schema
    kind = error.validator
    if kind == "type":
        return _type_message(str(error.validator_value), value, document.plain_text.get(path))
    if kind == "enum":
        return _enum_message(value, schema)
    if kind == "maxLength":
        return msg("entries.too_long", length=len(value), limit=error.validator_value)
    if kind == "minLength":
        return msg("entries.too_short", limit=error.validator_value)
    if kind == "pattern":
        hint = str(schema.get("x-hint", ""))
        if hint == "hint.https":
            return msg("entries.not_https", value=_shorten(value), problem=urls.url_problem(value) or msg("hint.https"))
        return msg("entries.pattern", value=_shorten(value), hint=msg(hint) if hint in MESSAGES else msg("entries.pattern_generic"))
    if kind == "minItems":
        return msg("entries.list_empty", limit=error.validator_value)
    if kind == "maxItems":
        return msg("entries.list_too_long", count=len(value), limit=error.validator_value)
    if kind == "uniqueItems":
        return msg("entries.list_repeats")
    if kind in ("minimum", "maximum"):
        return msg("entries.year_range", value=_shorten(str(value)), minimum=schema.get("minimum", "?"), maximum=schema.get("maximum", "?"))
    if kind == "anyOf" and path and path[-1] == "contact":
        return msg("entries.contact")
    return msg("entries.schema_other", detail=_shorten(str(error.message), 120))


def _type_message(expected: str, value: Any, raw: str | None) -> str:
    reading = _yaml_reading(value)
    if expected == "string":
        shown = _shorten(raw if raw is not None else str(value))
        return msg("entries.expected_text", reading=reading, shown=shown)
    if expected == "integer":
        # A date where a year belongs: saying "put it in quotes" would only lead to the next complaint.
        if isinstance(value, str) and is_date(value):
            return msg("entries.expected_year_got_date", year=value[:4], shown=value)
        return msg("entries.expected_integer", reading=reading)
    if expected == "array":
        return msg("entries.expected_list", reading=reading)
    if expected == "object":
        return msg("entries.expected_mapping", reading=reading)
    return msg("entries.expected_other", expected=expected, reading=reading)


def _yaml_reading(value: Any) -> str:
    if value is None:
        return msg("reading.empty")
    if isinstance(value, bool):
        return msg("reading.boolean", value=str(value).lower())
    if isinstance(value, (int, float)):
        return msg("reading.number", value=_shorten(str(value)))
    if isinstance(value, list):
        return msg("reading.list")
    if isinstance(value, dict):
        return msg("reading.mapping")
    return msg("reading.text", value=_shorten(str(value)))


def _enum_message(value: Any, schema: dict[str, Any]) -> str:
    allowed = [str(option) for option in schema["enum"]]
    title = schema.get("title", msg("entries.this_field"))
    message = msg("entries.enum", value=_shorten(str(value)), title=title)
    by_folded = {option.casefold(): option for option in allowed}
    guess = difflib.get_close_matches(str(value).casefold(), list(by_folded), n=1, cutoff=0.5)
    if not guess:
        guess = [folded for folded in by_folded if str(value).casefold() in folded][:1]
    if guess:
        return msg("entries.enum_guess", message=message, guess=by_folded[guess[0]])
    if len(allowed) <= 16:
        return msg("entries.enum_list", message=message, allowed=", ".join(allowed))
    return msg("entries.enum_docs", message=message)


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _content_findings(document: YamlDocument, display: str, directory: Path, flagged: set[str]) -> list[Finding]:
    """Checks the schema cannot express: SPDX, URL policy, AGS, Markdown, files, unsafe characters."""
    data = document.data
    findings: list[Finding] = []

    def add(path: FieldPath, message: str, severity: Severity = Severity.ERROR) -> None:
        if dotted(path) not in flagged:
            line, column = document.position(path)
            findings.append(Finding(display, line, column, dotted(path), message, severity))

    licence = data.get("licence")
    if isinstance(licence, str):
        licence_problem = spdx.check_expression(licence).problem
        if licence_problem:
            add(("licence",), licence_problem)
        elif spdx.licence_refs(licence) and not data.get("licence_url"):
            add(("licence",), msg("entries.licence_ref_needs_url", refs=", ".join(spdx.licence_refs(licence))))
    for index, repository in _items(data.get("repositories")):
        url = repository.get("url") if isinstance(repository, dict) else None
        if isinstance(url, str):
            url_problem = urls.repository_url_problem(url)
            if url_problem:
                add(("repositories", index, "url"), msg("entries.not_https", value=_shorten(url), problem=url_problem))
        if index == 0 and isinstance(repository, dict) and repository.get("role") == "spiegel":
            add(("repositories", 0, "role"), msg("entries.mirror_first"))
    organisation = data.get("organisation")
    if isinstance(organisation, dict):
        _check_organisation(organisation, add)
    maintenance = data.get("maintenance")
    if isinstance(maintenance, dict):
        _check_maintenance(maintenance, add)
    if isinstance(organisation, dict):
        _check_reuse(organisation, data.get("used_by"), add)
    _check_not_in_future(data, add)
    description = data.get("description")
    if isinstance(description, str):
        start_line, column = document.position(("description",))
        first = start_line + 1 if ("description",) in document.block_scalars else start_line
        for problem in markdown_problems(description):
            findings.append(
                Finding(display, first + problem.line_offset, column if problem.line_offset == 0 and first == start_line else 1, "description", problem.message)
            )
    for path, value in _file_references(data):
        if not value.startswith("https://") and not (directory / value).is_file():
            add(path, msg("entries.file_missing", value=_shorten(value)))
    for path, value in _strings(data, ()):
        if _UNSAFE_CHARACTERS.search(value):
            severity = Severity.WARNING if path == ("description",) else Severity.ERROR
            add(path, msg("entries.unsafe_characters"), severity)
    return findings


def _check_organisation(organisation: dict[str, Any], add: Callable[[FieldPath, str], None]) -> None:
    ags, state, kind = organisation.get("ags"), organisation.get("state"), organisation.get("type")
    if kind in vocabulary.TYPES_WITH_AGS and not ags:
        add(("organisation", "type"), msg("entries.needs_ags", kind=kind))
    if isinstance(ags, str) and isinstance(state, str):
        expected = vocabulary.state_for_ags(ags)
        if expected and expected != state:
            add(("organisation", "state"), msg("entries.ags_state", ags=ags, expected=expected, state=state))
    if kind == "Landkreis" and isinstance(ags, str) and not ags.endswith("000"):
        add(("organisation", "ags"), msg("entries.landkreis_ags"))


def _check_reuse(organisation: dict[str, Any], used_by: Any, add: Callable[[FieldPath, str], None]) -> None:
    own_ags, own_name = organisation.get("ags"), str(organisation.get("name", "")).casefold()
    for index, user in _items(used_by):
        if not isinstance(user, dict):
            continue
        if (own_ags and user.get("ags") == own_ags) or str(user.get("name", "")).casefold() == own_name:
            add(("used_by", index, "name"), msg("entries.reuse_by_developer"))


def _check_not_in_future(data: dict[str, Any], add: Callable[[FieldPath, str], None]) -> None:
    today = date.today()
    for index, user in _items(data.get("used_by")):
        since = user.get("since") if isinstance(user, dict) else None
        if isinstance(since, int) and not isinstance(since, bool) and since > today.year:
            add(("used_by", index, "since"), msg("entries.since_future", since=since))
    reviewed = data.get("last_reviewed")
    if isinstance(reviewed, str) and reviewed > today.strftime("%Y-%m"):
        add(("last_reviewed",), msg("entries.reviewed_future", reviewed=reviewed))


def _check_maintenance(maintenance: dict[str, Any], add: Callable[[FieldPath, str], None]) -> None:
    kind, contractors = maintenance.get("type"), maintenance.get("contractors")
    if kind == "contract" and not contractors:
        add(("maintenance", "type"), msg("entries.contract_needs_contractors"))
    if kind != "contract" and contractors:
        add(("maintenance", "contractors"), msg("entries.contractors_without_contract"))
    for index, contractor in _items(contractors):
        until = contractor.get("until") if isinstance(contractor, dict) else None
        if isinstance(until, str):
            try:
                date.fromisoformat(until)
            except ValueError:
                add(("maintenance", "contractors", index, "until"), msg("entries.not_a_date", value=_shorten(until)))


def _items(value: Any) -> list[tuple[int, Any]]:
    return list(enumerate(value)) if isinstance(value, list) else []


def _file_references(data: dict[str, Any]) -> list[tuple[FieldPath, str]]:
    references: list[tuple[FieldPath, str]] = []
    if isinstance(data.get("logo"), str):
        references.append((("logo",), data["logo"]))
    references += [(("screenshots", i), s) for i, s in _items(data.get("screenshots")) if isinstance(s, str)]
    return references


def _strings(value: Any, path: FieldPath) -> Iterable[tuple[FieldPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _cross_entry_findings(parsed: list[_ParsedFile], changed: frozenset[str] | None) -> list[Finding]:
    """Rules between entries: unique ids, existing related ids, each repository in one entry only."""
    findings: list[Finding] = []

    def between(one: _ParsedFile, other: _ParsedFile, where: dict[int, tuple[int, int, str]], key: str, **params: str) -> None:
        # On the file the pull request touches; on both when that is unknown or neither is touched (an old problem).
        touched = [item for item in (one, other) if changed is not None and item.display in changed]
        for item in touched or [one, other]:
            partner = other if item is one else one
            findings.append(Finding(item.display, *where[id(item)], msg(key, other=partner.display, **params)))

    first_by_id: dict[str, _ParsedFile] = {}
    for item in parsed:
        other = first_by_id.setdefault(item.entry_id, item)
        if other is not item:
            between(item, other, {id(item): (1, 1, ""), id(other): (1, 1, "")}, "entries.duplicate_id", entry_id=item.entry_id)
    known_ids = set(first_by_id)
    first_by_repository: dict[str, tuple[_ParsedFile, int]] = {}
    for item in parsed:
        if item.document is None:
            continue
        document = item.document
        data = document.data
        for index, related in _items(data.get("related")):
            if not isinstance(related, str) or not _ID.match(related):
                continue
            line, column = document.position(("related", index))
            if related == item.entry_id:
                findings.append(Finding(item.display, line, column, f"related[{index}]", msg("entries.related_self")))
            elif related not in known_ids:
                guess = difflib.get_close_matches(related, sorted(known_ids), n=1)
                hint = msg("entries.related_guess", guess=guess[0]) if guess else ""
                findings.append(Finding(item.display, line, column, f"related[{index}]", msg("entries.related_unknown", related=related, hint=hint)))
        for index, repository in _items(data.get("repositories")):
            url = repository.get("url") if isinstance(repository, dict) else None
            if not isinstance(url, str):
                continue
            owner, owner_index = first_by_repository.setdefault(urls.repository_key(url), (item, index))
            if owner is not item:
                where = {id(item): _repository_position(item, index), id(owner): _repository_position(owner, owner_index)}
                between(item, owner, where, "entries.repository_twice")
    return findings


def _repository_position(item: _ParsedFile, index: int) -> tuple[int, int, str]:
    line, column = item.document.position(("repositories", index, "url")) if item.document else (1, 1)
    return line, column, f"repositories[{index}].url"
