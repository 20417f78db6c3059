"""Writing every export into a folder (the built site's api/ folder, or any other)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from catalogue import publiccode
from catalogue.exports import adms, publiccode_out
from catalogue.exports.api import api_schema, catalogue_document, entry_document
from catalogue.exports.feed import atom_feed
from catalogue.exports.table import catalogue_csv, catalogue_xlsx
from catalogue.model import Catalogue, HarvestRecord


def last_changes(repository_root: Path, catalogue: Catalogue) -> dict[str, str]:
    """When each entry file last changed, from one `git log` over entries/ (uncommitted files count as changed now)."""
    now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    wanted = {entry.source_path: entry.id for entry in catalogue.entries}
    folders = sorted({str(Path(path).parent) for path in wanted}) or ["entries"]
    try:
        log = subprocess.run(
            ["git", "log", "--format=commit %cI", "--name-only", "--", *folders], cwd=repository_root, capture_output=True, text=True, timeout=120, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        log = ""
    changes: dict[str, str] = {}
    date = ""
    for line in log.splitlines():
        if line.startswith("commit "):
            date = _utc(line.removeprefix("commit "))
        elif line in wanted and wanted[line] not in changes:
            changes[wanted[line]] = date  # git log is newest first: the first date seen is the last change
    return {entry_id: changes.get(entry_id, now) for entry_id in wanted.values()}


def _utc(iso: str) -> str:
    return datetime.fromisoformat(iso).astimezone(UTC).isoformat().replace("+00:00", "Z")


def write_exports(target: Path, catalogue: Catalogue, records: dict[str, HarvestRecord], updated: dict[str, str], site_url: str = "") -> list[Path]:
    """api/entries.json (+ schema), api/entries/<id>.json, api/entries.csv, api/feed.atom, api/publiccode/<id>.yml."""
    base = site_url.rstrip("/")

    def page_url(entry_id: str) -> str:
        return f"{base}/loesungen/{entry_id}/"

    generated_at = max(updated.values(), default=datetime.now(UTC).isoformat())
    api = target / "api"
    (api / "entries").mkdir(parents=True, exist_ok=True)
    (api / "publiccode").mkdir(parents=True, exist_ok=True)
    written = [
        _write(api / "entries.json", json.dumps(catalogue_document(catalogue, records, generated_at, page_url), ensure_ascii=False, indent=1)),
        _write(api / "entries.schema.json", json.dumps(api_schema(), ensure_ascii=False, indent=2)),
        _write(api / "entries.csv", catalogue_csv(catalogue, records, page_url)),
        _write_bytes(api / "entries.xlsx", catalogue_xlsx(catalogue, records, page_url)),
        *_adms_files(api, catalogue, records, page_url, base),
        _write(api / "feed.atom", atom_feed(catalogue, updated, page_url, f"{base}/api/feed.atom", generated_at)),
    ]
    outcomes: list[publiccode_out.PubliccodeExport] = []
    for entry in catalogue.entries:
        written.append(
            _write(
                api / "entries" / f"{entry.id}.json", json.dumps(entry_document(entry, records.get(entry.id), page_url(entry.id)), ensure_ascii=False, indent=1)
            )
        )
        outcome = publiccode_out.export(entry, records.get(entry.id))
        outcomes.append(outcome)
        if outcome.document is not None:
            written.append(_write(api / "publiccode" / f"{entry.id}.yml", publiccode.dump(outcome.document)))
    index = {
        o.entry_id: {"status": o.status, **({"upstream": o.upstream} if o.upstream else {}), **({"reason": o.reason} if o.reason else {})} for o in outcomes
    }
    written.append(_write(api / "publiccode" / "index.json", json.dumps(index, ensure_ascii=False, indent=1)))
    return written


def _adms_files(api: Path, catalogue: Catalogue, records: dict[str, HarvestRecord], page_url: Callable[[str], str], base: str) -> list[Path]:
    graph = adms.catalogue_graph(catalogue, records, page_url, base)
    return [_write(api / "adms.ttl", adms.as_turtle(graph)), _write(api / "adms.jsonld", adms.as_json_ld(graph))]


def _write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _write(path: Path, text: str) -> Path:
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8", newline="")
    return path
