"""The one module that reads and writes `harvest/<id>.json`: typed records in, located findings for bad files.

Records are decoded by the type hints of the dataclasses in `catalogue.model`, so a new fact is a new field there
(with a default, so older records still load) and needs no code here.
"""

from __future__ import annotations

import dataclasses
import json
import types
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

from catalogue import atomic
from catalogue.findings import Finding, Severity
from catalogue.model import Catalogue, HarvestRecord

SCHEMA_VERSION = 2
MAX_RECORD_BYTES = 4 * 1024 * 1024
_RETIRED_KEYS = {1: {"badges", "licence_check"}}  # keys of older schema versions that are now derived, not stored
T = TypeVar("T")


class RecordError(ValueError):
    """A record file whose content does not have the documented shape; `where` is the path of the bad value."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.message = message


@dataclass(frozen=True)
class LoadedRecords:
    """The records of a catalogue's entries, and a finding for every record file that could not be used."""

    records: dict[str, HarvestRecord]
    findings: tuple[Finding, ...] = ()


def record_path(harvest_dir: Path, entry_id: str) -> Path:
    return harvest_dir / f"{entry_id}.json"


def read_record(harvest_dir: Path, entry_id: str) -> HarvestRecord | None:
    """The entry's record; None when there is none. Raises RecordError for a file that cannot be used."""
    path = record_path(harvest_dir, entry_id)
    try:
        if path.is_symlink():
            raise RecordError("", "ist ein symbolischer Link; Datensätze müssen echte Dateien sein")
        if path.stat().st_size > MAX_RECORD_BYTES:
            raise RecordError("", f"größer als {MAX_RECORD_BYTES // (1024 * 1024)} MB")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError as error:
        raise RecordError("", f"kein gültiges UTF-8 (Byte {error.start})") from None
    except OSError as error:
        raise RecordError("", f"nicht lesbar ({error.strerror})") from None
    return parse_record(text, entry_id)


def parse_record(text: str, entry_id: str) -> HarvestRecord:
    """Decode a record's JSON text; every wrong shape is a RecordError naming the path of the value."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise RecordError("", "zu tief verschachtelt") from None
    except ValueError as error:
        raise RecordError("", f"kein gültiges JSON ({error})") from None
    if not isinstance(data, dict):
        raise RecordError("", "erwartet ein JSON-Objekt")
    version = data.pop("schema_version", None)
    if version not in (1, SCHEMA_VERSION):
        raise RecordError("schema_version", f"unbekannte Version {version!r}; dieses Programm liest 1 und {SCHEMA_VERSION}")
    for key in _RETIRED_KEYS.get(version, set()):
        data.pop(key, None)
    record = decode(HarvestRecord, data, "")
    if record.entry != entry_id:
        raise RecordError("entry", f"nennt den Eintrag {record.entry!r}, die Datei gehört aber zu {entry_id!r}")
    return record


def load_records(catalogue: Catalogue, harvest_dir: Path) -> LoadedRecords:
    """The record of every entry that has one; a bad file becomes a warning and the entry counts as not harvested."""
    records: dict[str, HarvestRecord] = {}
    findings: list[Finding] = []
    for entry in catalogue.entries:
        try:
            record = read_record(harvest_dir, entry.id)
        except RecordError as error:
            findings.append(record_finding(harvest_dir, entry.id, error))
            continue
        if record is not None:
            records[entry.id] = record
    return LoadedRecords(records, tuple(findings))


def record_finding(harvest_dir: Path, entry_id: str, error: RecordError) -> Finding:
    message = f"{error.message} – der Datensatz wird nicht verwendet, der Eintrag gilt als nicht geerntet"
    return Finding(str(record_path(harvest_dir, entry_id)), 1, 1, error.where, message, Severity.WARNING)


def write_record(harvest_dir: Path, record: HarvestRecord) -> Path:
    """Write a record atomically, with sorted keys and stable formatting."""
    target = record_path(harvest_dir, record.entry)
    atomic.write_text_atomically(target, record_json(record))
    return target


def record_json(record: HarvestRecord) -> str:
    data = {**encode(record), "schema_version": SCHEMA_VERSION}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def encode(value: Any) -> Any:
    """A typed value as JSON data: dataclasses as objects, tuples as lists, datetimes as ISO 8601 in UTC."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {str(key): encode(item) for key, item in value.items()}
    if isinstance(value, datetime):
        return iso_time(value)
    return value


def iso_time(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def decode(kind: type[T], data: Any, where: str) -> T:
    """`data` checked and converted to `kind` (a dataclass of the model); RecordError names the bad value's path."""
    return _decode(kind, data, where)  # type: ignore[no-any-return]


def _decode(kind: Any, data: Any, where: str) -> Any:
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        options = get_args(kind)
        if data is None and type(None) in options:
            return None
        concrete = [option for option in options if option is not type(None)]
        if len(concrete) == 1:
            return _decode(concrete[0], data, where)
        errors = []
        for option in concrete:
            try:
                return _decode(option, data, where)
            except RecordError as error:
                errors.append(error)
        raise errors[0]
    if dataclasses.is_dataclass(kind):
        return _decode_dataclass(kind, data, where)
    if origin is tuple:
        item_kind = get_args(kind)[0]
        if not isinstance(data, list):
            raise RecordError(where, "erwartet eine Liste")
        return tuple(_decode(item_kind, item, f"{where}[{index}]") for index, item in enumerate(data))
    if origin is dict:
        _, value_kind = get_args(kind)
        if not isinstance(data, dict):
            raise RecordError(where, "erwartet ein Objekt")
        return {key: _decode(value_kind, value, f"{where}.{key}") for key, value in data.items()}
    return _decode_scalar(kind, data, where)


def _decode_dataclass(kind: Any, data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise RecordError(where, "erwartet ein Objekt")
    hints = get_type_hints(kind)
    fields = {f.name: f for f in dataclasses.fields(kind)}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise RecordError(_join(where, unknown[0]), "unbekanntes Feld")
    values = {}
    for name, spec in fields.items():
        if name in data:
            values[name] = _decode(hints[name], data[name], _join(where, name))
        elif spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
            raise RecordError(_join(where, name), "fehlt")
    return kind(**values)


def _decode_scalar(kind: Any, data: Any, where: str) -> Any:
    if kind is bool:
        if isinstance(data, bool):
            return data
        raise RecordError(where, "erwartet true oder false")
    if kind is int:
        if isinstance(data, int) and not isinstance(data, bool) and abs(data) < 10**15:
            return data
        raise RecordError(where, "erwartet eine ganze Zahl")
    if kind is float:
        if isinstance(data, int | float) and not isinstance(data, bool) and abs(data) < 1e15:
            return float(data)
        raise RecordError(where, "erwartet eine Zahl")
    if kind is str:
        if isinstance(data, str) and len(data) <= 100_000:
            return data
        raise RecordError(where, "erwartet einen Text")
    if kind is datetime:
        return _decode_time(data, where)
    raise TypeError(f"the record decoder cannot read {kind!r}")  # a model field of a type this module does not know


def _decode_time(data: Any, where: str) -> datetime:
    if isinstance(data, str):
        try:
            moment = datetime.fromisoformat(data.replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            if moment.tzinfo is not None:
                return moment
    raise RecordError(where, "erwartet einen Zeitpunkt wie 2026-11-28T12:00:00Z")


def json_schema(kind: Any) -> dict[str, Any]:
    """The JSON Schema of a model type as `encode` writes it: the same type hints as the decoder, one source of truth."""
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        options = [json_schema(option) for option in get_args(kind) if option is not type(None)]
        nullable = type(None) in get_args(kind)
        return {"anyOf": [*options, {"type": "null"}]} if nullable else {"anyOf": options}
    if dataclasses.is_dataclass(kind):
        hints = get_type_hints(kind)
        fields = dataclasses.fields(kind)
        required = [f.name for f in fields if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
        properties = {f.name: json_schema(hints[f.name]) for f in fields}
        return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}
    if origin is tuple:
        return {"type": "array", "items": json_schema(get_args(kind)[0])}
    if origin is dict:
        return {"type": "object", "additionalProperties": json_schema(get_args(kind)[1])}
    scalar = {bool: {"type": "boolean"}, int: {"type": "integer"}, float: {"type": "number"}, str: {"type": "string"}}
    if kind is datetime:
        return {"type": "string", "format": "date-time"}
    return scalar[kind]


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name
