"""One harvest run: each entry's repositories are mirrored and analysed; a failure keeps the last good record."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from catalogue import spdx
from catalogue.harvest import badges, facts, licences, mirror, store
from catalogue.harvest.gitcmd import GitError, GitSettings, run_git
from catalogue.harvest.hosts import registry
from catalogue.harvest.hosts.client import ApiClient, ApiError, EtagCache
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
    api_bases: dict[str, str] = field(default_factory=dict)  # host -> API base URL, for tests and mirrors
    use_apis: bool = True
    sleep: Callable[[float], None] = time.sleep  # how the API client waits (tests pass a recorder)

    @property
    def licence_database(self) -> Path:
        return self.licence_database_path or self.cache_dir / "licenseid.db"


@dataclass(frozen=True)
class HarvestOutcome:
    """What happened to one entry: 'updated', 'unchanged' or 'failed' (then `error` says why)."""

    entry_id: str
    status: str
    error: str | None = None


def harvest(
    entries: Iterable[Entry], options: HarvestOptions, now: datetime | None = None, on_done: Callable[[HarvestOutcome], None] | None = None
) -> list[HarvestOutcome]:
    """Harvest entries in parallel (bounded pool); every entry gets an outcome, none stops the run."""
    moment = now or datetime.now(UTC)
    matcher = licences.TextMatcher(options.licence_database)
    apis = HostApis(options)

    def one(entry: Entry) -> HarvestOutcome:
        outcome = harvest_entry(entry, options, moment, matcher, apis)
        if on_done:
            on_done(outcome)
        return outcome

    try:
        with ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
            return list(pool.map(one, entries))
    finally:
        apis.cache.save()


class HostApis:
    """One polite client per API host; requests to one host are made one at a time."""

    def __init__(self, options: HarvestOptions) -> None:
        self.options = options
        self.cache = EtagCache.load(options.cache_dir / "api-etags.json" if options.use_apis and not options.offline else None)
        self.clients: dict[str, tuple[ApiClient, threading.Lock]] = {}
        self.lock = threading.Lock()

    def facts(self, url: str, now: datetime, previous: dict[str, Any] | None) -> dict[str, Any] | None:
        """API facts for `url`; on failure the previous ones, marked with the error; None where no API applies."""
        target = registry.api_target(url, self.options.api_bases) if self.options.use_apis else None
        if target is None:
            return None
        if self.options.offline:
            return previous
        with self.lock:
            if target.host not in self.clients:
                client = ApiClient(target.base_url, registry.token_for(target.host), target.auth_scheme, self.cache, sleep=self.options.sleep)
                self.clients[target.host] = (client, threading.Lock())
            client, host_lock = self.clients[target.host]
        try:
            with host_lock:
                return {"host_api": target.api.kind, **target.api.repository_facts(client, target.path, now)}
        except ApiError as error:
            kept = {k: v for k, v in (previous or {}).items() if k != "error"}
            return {**kept, "host_api": target.api.kind, "error": str(error)}


def harvest_entry(entry: Entry, options: HarvestOptions, now: datetime, matcher: licences.TextMatcher, apis: HostApis) -> HarvestOutcome:
    when = facts.iso_time(now)
    previous = store.read_record(options.harvest_dir, entry.id)
    try:
        states = [_mirror(repository.url, options) for repository in entry.repositories]
        if _unchanged_since(previous, states) and not options.offline:
            return HarvestOutcome(entry.id, "unchanged")
        old = {r.get("url"): r for r in (previous or {}).get("repositories", [])}
        repositories = []
        for repository, state in zip(entry.repositories, states, strict=True):
            facts_of_repo = {"url": repository.url, "role": repository.role, **analyse(state, options, now, matcher)}
            api = apis.facts(repository.url, now, old.get(repository.url, {}).get("api"))
            if api is not None:
                facts_of_repo["api"] = api
            repositories.append(facts_of_repo)
    except (GitError, OSError, ValueError) as error:  # git, disk, or a repository git itself reads oddly
        message = public_text(str(error) if isinstance(error, GitError) else f"{type(error).__name__}: {error}", options.settings)
        store.mark_stale(options.harvest_dir, entry.id, message, when)
        return HarvestOutcome(entry.id, "failed", message)
    record = {
        "entry": entry.id,
        "harvested_at": when,
        "repositories": repositories,
        "licence_check": licence_check(entry.licence, repositories),
        "badges": badges.badges(entry, repositories, now),
    }
    store.write_record(options.harvest_dir, entry.id, record)
    return HarvestOutcome(entry.id, "updated")


def _unchanged_since(previous: dict[str, Any] | None, states: list[mirror.MirrorState]) -> bool:
    """A good record exists and every repository head is the one it was made from."""
    if not previous or "stale" in previous or any(state.changed for state in states):
        return False
    return [r.get("head_commit") for r in previous.get("repositories", [])] == [state.head for state in states]


def public_text(text: str, settings: GitSettings) -> str:
    """Say the public URL where git saw a local mirror, so no cache path or mirror address is stored."""
    for local, public in settings.url_rewrites:
        text = text.replace(local, public)
    return text


def licence_check(declared: str, repositories: list[dict[str, Any]]) -> dict[str, Any]:
    """Compare the entry's declared licence with what the repositories say.

    A bare GPL-family text cannot tell "-only" from "-or-later" (SPDX reads it as "-only"), so a file-based
    finding that differs only in that suffix is consistent with the declaration, with a note saying so.
    """
    found = [r["licence"]["expression"] for r in repositories]
    check: dict[str, Any] = {"declared": declared, "found": found, "matches_declared": None}
    known = [(r["licence"]["expression"], r["licence"]["method"]) for r in repositories if r["licence"]["expression"]]
    if not known:
        return check
    exact = all(spdx.equivalent(declared, expression) for expression, _ in known)
    same_text = all(
        spdx.equivalent(declared, expression) or (method == "licence file" and spdx.equivalent(_family(declared), _family(expression)))
        for expression, method in known
    )
    check["matches_declared"] = exact or same_text
    if same_text and not exact:
        check["note"] = "the licence file's text is the same for -only and -or-later; the declared variant cannot be checked from it"
    return check


def _family(expression: str) -> str:
    return expression.replace("-or-later", "-only")


def _mirror(url: str, options: HarvestOptions) -> mirror.MirrorState:
    if not options.offline:
        return mirror.update_mirror(url, options.cache_dir, options.settings)
    path = mirror.cache_path(options.cache_dir, url)
    if not path.exists():
        raise GitError("not in the cache yet; run once without --offline")
    head = run_git(["rev-parse", "HEAD"], options.settings, cwd=path).strip()
    branch = run_git(["symbolic-ref", "--short", "HEAD"], options.settings, cwd=path).strip()
    return mirror.MirrorState(path, head, branch, changed=False, settings=options.settings)


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
        mirror.fetch_blobs(state.path, [e.oid for e in readable], state.settings)
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
