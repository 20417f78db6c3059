"""One harvest run: each entry's repositories are mirrored and analysed; a failure keeps the last good record."""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from catalogue import records
from catalogue.errors import HarvestCannotStart
from catalogue.harvest import budget, facts, licences, lineage, mirror, publiccode_facts, reuse_info, runnable
from catalogue.harvest.gitcmd import GitError, GitSettings, run_git
from catalogue.harvest.hosts import registry
from catalogue.harvest.hosts.client import ApiClient, ApiError, EtagCache
from catalogue.hosts import DEFAULT as DEFAULT_HOSTS
from catalogue.hosts import HostRegistry
from catalogue.model import ApiFacts, Entry, HarvestRecord, RepositoryFacts, Stale

_ALWAYS_READ = (".mailmap", "publiccode.yml", "publiccode.yaml", *licences.MANIFESTS, *reuse_info.REUSE_FILES)


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
    hosts: HostRegistry = DEFAULT_HOSTS  # built-in hosts plus those declared in hosts.yml
    budgets: budget.Budgets = field(default_factory=budget.Budgets)  # time and work limits (docs/harvest.md)

    @property
    def licence_database(self) -> Path:
        return self.licence_database_path or self.cache_dir / "licenseid.db"


@dataclass(frozen=True)
class HarvestOutcome:
    """What happened to one entry: 'updated', 'unchanged', 'skipped' or 'failed' (then `error` says why)."""

    entry_id: str
    status: str
    error: str | None = None


def harvest(
    entries: Iterable[Entry], options: HarvestOptions, now: datetime | None = None, on_done: Callable[[HarvestOutcome], None] | None = None
) -> list[HarvestOutcome]:
    """Harvest entries in parallel (bounded pool); every entry gets an outcome, none stops the run.

    Raises HarvestCannotStart, before any record is touched, when a local reason would fail every entry.
    """
    entries = list(entries)
    check_can_start(entries, options)
    moment = now or datetime.now(UTC)
    matcher = licences.TextMatcher(options.licence_database)
    apis = HostApis(options)
    deadline = budget.run_deadline(options.budgets)

    def one(entry: Entry) -> HarvestOutcome:
        if options.offline and not all(_cached(r.url, options) for r in entry.repositories):
            outcome = HarvestOutcome(entry.id, "skipped", "nicht im Cache; der Datensatz bleibt unverändert")
        elif deadline.expired:
            outcome = HarvestOutcome(entry.id, "skipped", deadline.exhausted("nicht geerntet") + "; der Datensatz bleibt unverändert")
        else:
            outcome = harvest_entry(entry, options, moment, matcher, apis, deadline)
        if on_done:
            on_done(outcome)
        return outcome

    try:
        with ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
            outcomes = list(pool.map(one, entries))
        link_lineages(replace(options, settings=replace(options.settings, deadline=deadline)))
        return outcomes
    finally:
        apis.cache.save()


def link_lineages(options: HarvestOptions) -> None:
    """Record which harvested repositories share a history; a failure here never undoes the entries' harvest."""
    with contextlib.suppress(GitError, OSError):  # the links of the last run stay; the next run tries again
        lineage.link_lineages(options.harvest_dir, options.cache_dir, options.settings)


def check_can_start(entries: list[Entry], options: HarvestOptions) -> None:
    """Stop with one clear error for what would fail every entry: no git, an unwritable cache, --offline without cache."""
    if shutil.which("git") is None:
        raise HarvestCannotStart("git ist nicht installiert; die Ernte braucht git (Debian: apt-get install git).")
    try:
        options.cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=options.cache_dir):
            pass
    except OSError as error:
        raise HarvestCannotStart(f"Der Cache-Ordner {options.cache_dir} ist nicht beschreibbar ({error.strerror or error}).") from None
    if options.offline and entries and not any(_cached(r.url, options) for e in entries for r in e.repositories):
        raise HarvestCannotStart(
            f"--offline braucht einen Cache, aber {options.cache_dir} enthält keines der Repositorys. "
            "Einmal ohne --offline ernten (catalogue harvest), dann geht es auch ohne Netz. Kein Datensatz wurde verändert."
        )


def _cached(url: str, options: HarvestOptions) -> bool:
    return mirror.cache_path(options.cache_dir, url).exists()


class HostApis:
    """One polite client per API host; requests to one host are made one at a time."""

    def __init__(self, options: HarvestOptions) -> None:
        self.options = options
        self.cache = EtagCache.load(options.cache_dir / "api-etags.json" if options.use_apis and not options.offline else None)
        self.clients: dict[str, tuple[ApiClient, threading.Lock]] = {}
        self.lock = threading.Lock()

    def facts(self, url: str, now: datetime, previous: ApiFacts | None, until: budget.Deadline | None = None) -> ApiFacts | None:
        """API facts for `url`; on failure the previous ones, marked with the error; None where no API applies."""
        target = registry.api_target(url, self.options.api_bases, self.options.hosts) if self.options.use_apis else None
        if target is None:
            return None
        if self.options.offline:
            return previous
        with self.lock:
            if target.host not in self.clients:
                self.clients[target.host] = (self._client(target), threading.Lock())
            client, host_lock = self.clients[target.host]
        try:
            with budget.holding(host_lock, until, f"{target.host}: API nicht gefragt"):
                client.until = until
                answer = {"host_api": target.api.kind, **target.api.repository_facts(client, target.path, now)}
            return records.decode(ApiFacts, answer, "api")
        except (ApiError, records.RecordError, budget.OutOfTime) as error:
            message = f"Antwort der API hat nicht die dokumentierte Form: {error}" if isinstance(error, records.RecordError) else str(error)
            kept = previous or ApiFacts(host_api=target.api.kind)
            return replace(kept, host_api=target.api.kind, error=message)

    def _client(self, target: registry.ApiTarget) -> ApiClient:
        limits = self.options.budgets
        return ApiClient(
            target.base_url,
            registry.token_for(target.host),
            target.auth_scheme,
            self.cache,
            sleep=self.options.sleep,
            deadline=limits.api_answer_seconds,
            max_wait=limits.api_wait_seconds,
            wait_without_reset=limits.api_wait_without_reset_seconds,
        )


def harvest_entry(
    entry: Entry, options: HarvestOptions, now: datetime, matcher: licences.TextMatcher, apis: HostApis, run_deadline: budget.Deadline | None = None
) -> HarvestOutcome:
    try:
        previous = records.read_record(options.harvest_dir, entry.id)
    except records.RecordError:
        previous = None  # a record that cannot be used is replaced by a fresh one (validate reports it)
    try:
        clocks = [budget.RepositoryClock(options.budgets, run_deadline) for _ in entry.repositories]
        states = []
        for repository, clock in zip(entry.repositories, clocks, strict=True):
            with clock.running() as until:
                states.append(_mirror(repository.url, _until(options, until)))
        if _unchanged_since(previous, states) and not options.offline:
            return HarvestOutcome(entry.id, "unchanged")
        old = {r.url: r for r in previous.repositories} if previous else {}
        repositories = []
        for repository, state, clock in zip(entry.repositories, states, clocks, strict=True):
            with clock.running() as until:
                found = {"url": repository.url, "role": repository.role, **analyse(state, _until(options, until), now, matcher, repository.url)}
                facts_of_repo = records.decode(RepositoryFacts, found, "repositories")
                api = apis.facts(repository.url, now, old[repository.url].api if repository.url in old else None, until)
            repositories.append(replace(facts_of_repo, api=api, status=runnable.with_description(facts_of_repo.status, api, repository.url)))
    except (GitError, OSError, ValueError, budget.OutOfTime) as error:  # git, disk, a repository git itself reads oddly, time
        raw = str(error) if isinstance(error, GitError | budget.OutOfTime) else f"{type(error).__name__}: {error}"
        message = public_text(raw, options.settings)
        records.write_record(options.harvest_dir, stale_record(previous, entry.id, message, now, gone=repository_is_gone(raw)))
        return HarvestOutcome(entry.id, "failed", message)
    records.write_record(options.harvest_dir, HarvestRecord(entry=entry.id, harvested_at=now, repositories=tuple(repositories)))
    return HarvestOutcome(entry.id, "updated")


_GONE = re.compile(r"repository '[^']*' not found|not found: .*repository|repository not exported|HTTP 404|HTTP 410|error: 404|error: 410", re.IGNORECASE)


def repository_is_gone(git_message: str) -> bool:
    """Only git's own words that the host answered "no such repository" make a repository unreachable."""
    return bool(_GONE.search(git_message))


def stale_record(previous: HarvestRecord | None, entry_id: str, error: str, now: datetime, *, gone: bool) -> HarvestRecord:
    """Keep the last good facts and say that this run could not refresh them, and why."""
    base = previous or HarvestRecord(entry=entry_id)
    since = base.stale.since if base.stale else now
    return replace(base, stale=Stale(error=error, since=since, last_attempt=now, gone=gone))


def _unchanged_since(previous: HarvestRecord | None, states: list[mirror.MirrorState]) -> bool:
    """A good record exists, made by a harvester that gathered today's facts, and every repository head is the one it was made from."""
    if previous is None or previous.stale is not None or any(state.changed for state in states):
        return False
    if any(r.source is None for r in previous.repositories):  # made before source, status and operation were read
        return False
    return [r.head_commit for r in previous.repositories] == [state.head for state in states]


def public_text(text: str, settings: GitSettings) -> str:
    """Say the public URL where git saw a local mirror, so no cache path or mirror address is stored."""
    for local, public in settings.url_rewrites:
        text = text.replace(local, public)
    return text


def _until(options: HarvestOptions, deadline: budget.Deadline) -> HarvestOptions:
    """The options with every git command held to `deadline`."""
    return replace(options, settings=replace(options.settings, deadline=deadline))


def _mirror(url: str, options: HarvestOptions) -> mirror.MirrorState:
    if not options.offline:
        return mirror.update_mirror(url, options.cache_dir, options.settings)
    path = mirror.cache_path(options.cache_dir, url)
    if not path.exists():
        raise GitError("not in the cache yet; run once without --offline")
    head = run_git(["rev-parse", "HEAD"], options.settings, cwd=path).strip()
    branch = run_git(["symbolic-ref", "--short", "HEAD"], options.settings, cwd=path).strip()
    return mirror.MirrorState(path, head, branch, changed=False, settings=options.settings)


def analyse(state: mirror.MirrorState, options: HarvestOptions, now: datetime, matcher: licences.TextMatcher, url: str = "") -> dict[str, Any]:
    """The facts of one mirrored repository, within the bounds of `options.budgets`."""
    entries = facts.tree(state.path, options.settings)
    top = {e.path: e for e in entries if "/" not in e.path}
    by_path = {e.path: e for e in entries}
    found_licence_files, reuse_ids = licences.licence_inputs([e.path for e in entries])
    licence_files, too_many = budget.licence_candidates(found_licence_files, options.budgets)
    readmes = sorted(path for path in top if licences.README.match(path))
    sample = licences.source_sample([e.path for e in entries if e.kind == "blob" and not e.is_symlink])
    wanted = [by_path[path] for path in (*_ALWAYS_READ, *licence_files, *readmes, *sample) if path in by_path]
    skipped = {e.path: "is a symbolic link (not followed)" for e in wanted if e.is_symlink}
    skipped |= {e.path: "is a directory" for e in wanted if e.kind != "blob"}
    limited = {found_licence_files[0]: too_many} if too_many else {}  # left out for a bound of options.budgets
    skipped |= limited
    readable = [e for e in wanted if e.path not in skipped]
    planned = runnable.plan(entries)  # source, status and operation: their files are fetched and read with the licence's
    extra = [e for e in planned.wanted if e.path not in {w.path for w in wanted}]
    if (readable or extra) and not options.offline:
        _fetch(state, options, readable, extra)
    held = runnable.present_blobs(state.path, [e.oid for e in extra], options.settings)
    skipped |= {e.path: "nicht lesbar (vom Server nicht geliefert)" for e in extra if e.oid not in held}
    extra = [e for e in extra if e.oid in held]
    read = _read_texts(state, [*readable, *extra], options, skipped, limited)  # the licence's files first, then the operation's
    texts = {e.path: read[e.path] for e in readable if e.path in read}
    licence_skipped = {path: why for path, why in skipped.items() if path in found_licence_files}
    if options.settings.deadline is not None:
        options.settings.deadline.check("Lizenztexte nicht abgeglichen")
    finding = licences.detect_licence(texts, [p for p in licence_files if p in texts], reuse_ids, matcher, licence_skipped)
    return {
        "default_branch": state.default_branch,
        **facts.history_facts(state.path, options.settings, now, top[".mailmap"].oid if ".mailmap" in texts else None),
        **facts.tag_facts(state.path, options.settings, now),
        "files": facts.present_files(entries),
        "licence": finding.as_record(),
        "publiccode": records.encode(publiccode_facts.from_files(texts, skipped)),
        **_runnable_facts(state, options, planned, read, skipped, url),
        "limits_reached": [f"{path}: {why}" for path, why in sorted(limited.items())],
    }


def _fetch(state: mirror.MirrorState, options: HarvestOptions, readable: list[facts.TreeEntry], extra: list[facts.TreeEntry]) -> None:
    """One batch for the licence's files and the analysis's; should the server refuse it, the licence's files alone (their
    failure fails the repository, as before), then the analysis's one by one: a blob the server lacks is left unread."""
    settings = replace(state.settings, deadline=options.settings.deadline)
    try:
        mirror.fetch_blobs(state.path, [e.oid for e in (*readable, *extra)], settings)
    except GitError:
        if readable:
            mirror.fetch_blobs(state.path, [e.oid for e in readable], settings)
        for item in extra:
            with contextlib.suppress(GitError):  # then "nicht lesbar (nicht im Cache)" in the facts' limits
                mirror.fetch_blobs(state.path, [item.oid], settings)


def _runnable_facts(
    state: mirror.MirrorState, options: HarvestOptions, planned: runnable.Plan, read: dict[str, str], skipped: dict[str, str], url: str
) -> dict[str, Any]:
    texts = {e.path: read[e.path] for e in planned.wanted if e.path in read}
    unread = {e.path: skipped[e.path] for e in planned.wanted if e.path in skipped}
    found = runnable.findings(planned, texts, unread, lambda: runnable.recent_subjects(state.path, options.settings), url)
    return {"source": records.encode(found.source), "status": records.encode(found.status), "operation": records.encode(found.operation)}


def _read_texts(
    state: mirror.MirrorState, readable: list[facts.TreeEntry], options: HarvestOptions, skipped: dict[str, str], limited: dict[str, str]
) -> dict[str, str]:
    """The texts of the files to read, within the bytes allowed per file and per repository; `skipped` gets the reason
    for every file not read, `limited` for those left out because of a limit."""
    sizes = facts.blob_sizes(state.path, [e.oid for e in readable], options.settings) if readable else {}
    allowance = budget.ReadAllowance(options.budgets)
    texts: dict[str, str] = {}
    for item in readable:
        size = sizes.get(item.oid)
        if size is None:
            skipped[item.path] = "nicht lesbar (nicht im Cache)"
        elif refusal := allowance.refusal(size):
            skipped[item.path] = limited[item.path] = refusal
        else:
            texts[item.path] = run_git(["cat-file", "blob", item.oid], options.settings, cwd=state.path)
    return texts
