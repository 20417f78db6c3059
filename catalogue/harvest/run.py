"""One harvest run: each entry's repositories are mirrored and analysed; a failure keeps the last good record."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from catalogue import spdx
from catalogue.harvest import facts, licences, mirror, store
from catalogue.harvest.gitcmd import GitError, GitSettings, run_git
from catalogue.model import Entry

_ALWAYS_READ = (".mailmap", "publiccode.yml", "publiccode.yaml", *licences.MANIFESTS)
MAX_BLOB_BYTES = 512 * 1024


@dataclass(frozen=True)
class HarvestOptions:
    harvest_dir: Path
    cache_dir: Path
    settings: GitSettings = field(default_factory=GitSettings)
    offline: bool = False
    jobs: int = 4
    licence_database_path: Path | None = None  # default: <cache>/licenseid.db

    @property
    def licence_database(self) -> Path:
        return self.licence_database_path or self.cache_dir / "licenseid.db"


@dataclass(frozen=True)
class HarvestOutcome:
    """What happened to one entry: 'updated', 'unchanged' or 'failed' (then `error` says why)."""

    entry_id: str
    status: str
    error: str | None = None


def harvest(entries: Iterable[Entry], options: HarvestOptions, now: datetime | None = None) -> list[HarvestOutcome]:
    """Harvest entries in parallel (bounded pool); every entry gets an outcome, none stops the run."""
    moment = now or datetime.now(UTC)
    matcher = licences.TextMatcher(options.licence_database)
    with ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
        return list(pool.map(lambda entry: harvest_entry(entry, options, moment, matcher), entries))


def harvest_entry(entry: Entry, options: HarvestOptions, now: datetime, matcher: licences.TextMatcher) -> HarvestOutcome:
    when = facts.iso_time(now)
    previous = store.read_record(options.harvest_dir, entry.id)
    try:
        states = [_mirror(repository.url, options) for repository in entry.repositories]
        if _unchanged_since(previous, states) and not options.offline:
            return HarvestOutcome(entry.id, "unchanged")
        repositories = [
            {"url": repository.url, "role": repository.role, **analyse(state, options, now, matcher)}
            for repository, state in zip(entry.repositories, states, strict=True)
        ]
    except GitError as error:
        store.mark_stale(options.harvest_dir, entry.id, str(error), when)
        return HarvestOutcome(entry.id, "failed", str(error))
    record = {"entry": entry.id, "harvested_at": when, "repositories": repositories, "licence_check": licence_check(entry.licence, repositories)}
    store.write_record(options.harvest_dir, entry.id, record)
    return HarvestOutcome(entry.id, "updated")


def _unchanged_since(previous: dict[str, Any] | None, states: list[mirror.MirrorState]) -> bool:
    """A good record exists and every repository head is the one it was made from."""
    if not previous or "stale" in previous or any(state.changed for state in states):
        return False
    return [r.get("head_commit") for r in previous.get("repositories", [])] == [state.head for state in states]


def licence_check(declared: str, repositories: list[dict[str, Any]]) -> dict[str, Any]:
    """Compare the entry's declared licence with what the repositories say."""
    found = [r["licence"]["expression"] for r in repositories]
    known = [expression for expression in found if expression]
    matches = all(spdx.equivalent(declared, expression) for expression in known) if known else None
    return {"declared": declared, "found": found, "matches_declared": matches}


def _mirror(url: str, options: HarvestOptions) -> mirror.MirrorState:
    if not options.offline:
        return mirror.update_mirror(url, options.cache_dir, options.settings)
    path = mirror.cache_path(options.cache_dir, url)
    if not path.exists():
        raise GitError("not in the cache yet; run once without --offline")
    head = run_git(["rev-parse", "HEAD"], options.settings, cwd=path).strip()
    branch = run_git(["symbolic-ref", "--short", "HEAD"], options.settings, cwd=path).strip()
    return mirror.MirrorState(path, head, branch, changed=False)


def analyse(state: mirror.MirrorState, options: HarvestOptions, now: datetime, matcher: licences.TextMatcher) -> dict[str, Any]:
    """The facts of one mirrored repository."""
    entries = facts.tree(state.path, options.settings)
    top = {e.path: e for e in entries if "/" not in e.path}
    licence_files = sorted(path for path in top if licences.LICENCE_FILE.match(path))
    wanted = [top[path] for path in (*_ALWAYS_READ, *licence_files) if path in top]
    skipped = {e.path: "is a symbolic link (not followed)" for e in wanted if e.is_symlink}
    skipped |= {e.path: "is a directory" for e in wanted if e.kind != "blob"}
    readable = [e for e in wanted if e.path not in skipped]
    if readable and not options.offline:
        mirror.fetch_blobs(state.path, [e.oid for e in readable], options.settings)
    texts: dict[str, str] = {}
    for item in readable:
        text = facts.read_blob(state.path, item.oid, options.settings, MAX_BLOB_BYTES)
        if text is None:
            skipped[item.path] = f"not readable or larger than {MAX_BLOB_BYTES // 1024} KB"
        else:
            texts[item.path] = text
    reuse_ids = [e.path.removeprefix("LICENSES/").rsplit(".", 1)[0] for e in entries if e.path.startswith("LICENSES/") and e.path.count("/") == 1]
    licence_skipped = {path: why for path, why in skipped.items() if path in licence_files}
    finding = licences.detect_licence(texts, [p for p in licence_files if p in texts], reuse_ids, matcher, licence_skipped)
    return {
        "default_branch": state.default_branch,
        **facts.history_facts(state.path, options.settings, now, top[".mailmap"].oid if ".mailmap" in texts else None),
        **facts.tag_facts(state.path, options.settings),
        "files": facts.present_files(entries),
        "licence": finding.as_record(),
    }
