"""The committed `harvest/` folder: one JSON record per entry, written atomically, never losing the last good data."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

RECORD_SCHEMA_VERSION = 1


def record_path(harvest_dir: Path, entry_id: str) -> Path:
    return harvest_dir / f"{entry_id}.json"


def read_record(harvest_dir: Path, entry_id: str) -> dict[str, Any] | None:
    """The stored record of an entry, or None when there is none or it cannot be read."""
    try:
        loaded = json.loads(record_path(harvest_dir, entry_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return loaded if isinstance(loaded, dict) else None


def write_record(harvest_dir: Path, entry_id: str, record: dict[str, Any]) -> Path:
    """Write a record atomically, with sorted keys and stable formatting."""
    target = record_path(harvest_dir, entry_id)
    write_json_atomically(target, {**record, "schema_version": RECORD_SCHEMA_VERSION})
    return target


def write_json_atomically(target: Path, data: Any) -> None:
    """Temp file in the same folder, fsync, rename, fsync the folder: a crash leaves the old or the new file."""
    directory_path = target.parent
    directory_path.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    handle, temporary = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=directory_path)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    directory = os.open(directory_path, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def mark_stale(harvest_dir: Path, entry_id: str, error: str, when: str) -> None:
    """Keep the last good facts and say that this run could not refresh them, and why."""
    previous = read_record(harvest_dir, entry_id) or {"entry": entry_id}
    write_record(harvest_dir, entry_id, {**previous, "stale": {"error": error, "since": previous.get("stale", {}).get("since", when), "last_attempt": when}})
