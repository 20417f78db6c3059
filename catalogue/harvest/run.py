"""One harvest run: each entry's repositories are mirrored and analysed; a failure keeps the last good record."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from catalogue.harvest import facts, mirror, store
from catalogue.harvest.gitcmd import GitError, GitSettings, run_git
from catalogue.model import Entry

_BLOBS_TO_READ = (".mailmap",)


@dataclass(frozen=True)
class HarvestOptions:
    harvest_dir: Path
    cache_dir: Path
    settings: GitSettings = field(default_factory=GitSettings)
    offline: bool = False
    jobs: int = 4


@dataclass(frozen=True)
class HarvestOutcome:
    """What happened to one entry: 'updated', 'unchanged' or 'failed' (then `error` says why)."""

    entry_id: str
    status: str
    error: str | None = None


def harvest(entries: Iterable[Entry], options: HarvestOptions, now: datetime | None = None) -> list[HarvestOutcome]:
    """Harvest entries in parallel (bounded pool); every entry gets an outcome, none stops the run."""
    moment = now or datetime.now(UTC)
    with ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
        return list(pool.map(lambda entry: harvest_entry(entry, options, moment), entries))


def harvest_entry(entry: Entry, options: HarvestOptions, now: datetime) -> HarvestOutcome:
    when = facts.iso_time(now)
    try:
        repositories, changed = [], False
        for repository in entry.repositories:
            state = _mirror(repository.url, options)
            changed = changed or state.changed
            repositories.append({"url": repository.url, "role": repository.role, **analyse(state, options, now)})
    except GitError as error:
        store.mark_stale(options.harvest_dir, entry.id, str(error), when)
        return HarvestOutcome(entry.id, "failed", str(error))
    previous = store.read_record(options.harvest_dir, entry.id)
    if previous and not changed and "stale" not in previous and previous.get("repositories") == repositories:
        return HarvestOutcome(entry.id, "unchanged")
    store.write_record(options.harvest_dir, entry.id, {"entry": entry.id, "harvested_at": when, "repositories": repositories})
    return HarvestOutcome(entry.id, "updated")


def _mirror(url: str, options: HarvestOptions) -> mirror.MirrorState:
    if not options.offline:
        return mirror.update_mirror(url, options.cache_dir, options.settings)
    path = mirror.cache_path(options.cache_dir, url)
    if not path.exists():
        raise GitError("not in the cache yet; run once without --offline")
    head = run_git(["rev-parse", "HEAD"], options.settings, cwd=path).strip()
    branch = run_git(["symbolic-ref", "--short", "HEAD"], options.settings, cwd=path).strip()
    return mirror.MirrorState(path, head, branch, changed=False)


def analyse(state: mirror.MirrorState, options: HarvestOptions, now: datetime) -> dict[str, Any]:
    """The facts of one mirrored repository."""
    entries = facts.tree(state.path, options.settings)
    wanted = {e.path: e for e in entries if e.path in _BLOBS_TO_READ and e.kind == "blob" and not e.is_symlink}
    if wanted and not options.offline:
        mirror.fetch_blobs(state.path, [e.oid for e in wanted.values()], options.settings)
    mailmap = wanted.get(".mailmap")
    mailmap_ok = mailmap is not None and facts.read_blob(state.path, mailmap.oid, options.settings) is not None
    return {
        "default_branch": state.default_branch,
        **facts.history_facts(state.path, options.settings, now, mailmap.oid if mailmap and mailmap_ok else None),
        **facts.tag_facts(state.path, options.settings),
        "files": facts.present_files(entries),
    }
