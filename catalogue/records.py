"""Entries joined with their harvest records: what reports and exports read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from catalogue.harvest import store
from catalogue.model import Catalogue

Records = dict[str, dict[str, Any]]


def load_records(catalogue: Catalogue, harvest_dir: Path) -> Records:
    """The harvest record of every entry that has one."""
    found = {entry.id: store.read_record(harvest_dir, entry.id) for entry in catalogue.entries}
    return {entry_id: record for entry_id, record in found.items() if record is not None}
