"""Lineages in Git: harvested repositories that share a root commit, and how far each moved since they parted.

Runs after the entries are harvested, on the cache only (no network): for every group of repositories with a
common root commit, one temporary repository borrows their objects (git alternates) so that `merge-base`, `rev-list`
and a tree diff can see both histories. Blobs are never needed. A pair that cannot be computed (a mirror missing
from the cache, a head gone) keeps the link it had; the records are rewritten only where a link changed.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import combinations
from pathlib import Path

from catalogue import records
from catalogue.harvest import mirror
from catalogue.harvest.gitcmd import GitError, GitSettings, run_git
from catalogue.model import HarvestRecord, LineageLink, RepositoryFacts

MAX_CHANGED_PATHS = 200
Pair = tuple[tuple[str, str], tuple[str, str]]  # (this repository, the other), each as (entry, url)


@dataclass(frozen=True)
class _Repository:
    entry: str
    facts: RepositoryFacts

    @property
    def key(self) -> tuple[str, str]:
        return (self.entry, self.facts.url)


def link_lineages(harvest_dir: Path, cache_dir: Path, settings: GitSettings) -> list[str]:
    """Store in every record which other harvested repositories share a root with its own; the ids of rewritten records."""
    loaded = _records(harvest_dir)
    repositories = [_Repository(entry, r) for entry, record in loaded.items() for r in record.repositories if r.head_commit]
    groups: dict[str, list[_Repository]] = defaultdict(list)
    for repository in repositories:
        for root in repository.facts.root_commits:
            groups[root].append(repository)
    links: dict[tuple[str, str], dict[str, LineageLink]] = defaultdict(dict)
    done: set[frozenset[tuple[str, str]]] = set()
    for root, members in sorted(groups.items()):
        pairs = [(a, b) for a, b in combinations(members, 2) if _same(a, b) is False and frozenset((a.key, b.key)) not in done]
        if not pairs:
            continue
        computed = _compute(root, pairs, cache_dir, settings)
        for a, b in pairs:
            done.add(frozenset((a.key, b.key)))
            for this, other in ((a, b), (b, a)):
                link = computed.get((this.key, other.key)) or _previous(this.facts, other, root)
                links[this.key][other.facts.url] = link
    return [entry for entry, record in loaded.items() if _rewrite(harvest_dir, record, links)]


def _records(harvest_dir: Path) -> dict[str, HarvestRecord]:
    found = {}
    for path in sorted(harvest_dir.glob("*.json")):
        try:
            record = records.read_record(harvest_dir, path.stem)
        except records.RecordError:
            continue  # validate and report say why; a bad record takes no part in lineages
        if record is not None:
            found[path.stem] = record
    return found


def _same(a: _Repository, b: _Repository) -> bool:
    return a.facts.url.rstrip("/").removesuffix(".git").lower() == b.facts.url.rstrip("/").removesuffix(".git").lower()


def _previous(facts: RepositoryFacts, other: _Repository, root: str) -> LineageLink:
    """The link this harvest could not compute: as stored before, else the shared root alone."""
    kept = next((link for link in facts.lineage if link.url == other.facts.url), None)
    return kept or LineageLink(url=other.facts.url, entry=other.entry, shared_root=root)


def _compute(root: str, pairs: list[tuple[_Repository, _Repository]], cache_dir: Path, settings: GitSettings) -> dict[Pair, LineageLink]:
    """Link facts for each pair whose mirrors are in the cache; a pair git cannot read is left out."""
    members = {r.key: r for pair in pairs for r in pair}
    mirrors = {key: mirror.cache_path(cache_dir, r.facts.url) for key, r in members.items()}
    present = {key for key, path in mirrors.items() if (path / "objects").is_dir()}
    computed: dict[Pair, LineageLink] = {}
    with tempfile.TemporaryDirectory(dir=cache_dir, prefix="lineage-") as scratch:
        run_git(["init", "-q", "--bare", scratch], settings)
        alternates = "".join(f"{mirrors[key].resolve() / 'objects'}\n" for key in sorted(present))
        (Path(scratch) / "objects" / "info" / "alternates").write_text(alternates, encoding="utf-8")
        for a, b in pairs:
            if a.key not in present or b.key not in present:
                continue
            try:
                computed |= _pair(root, a, b, Path(scratch), settings)
            except GitError:
                continue  # a head no longer in the cache: the previous link stays
    return computed


def _pair(root: str, a: _Repository, b: _Repository, repo: Path, settings: GitSettings) -> dict[Pair, LineageLink]:
    head_a, head_b = str(a.facts.head_commit), str(b.facts.head_commit)
    fork_point = run_git(["merge-base", head_a, head_b], settings, cwd=repo).strip()
    fork_date = _date(run_git(["log", "-1", "--format=%cI", fork_point], settings, cwd=repo))
    result = {}
    for this, other, head in ((a, b, head_a), (b, a, head_b)):
        own = run_git(["rev-list", "--count", "--no-merges", f"{fork_point}..{head}"], settings, cwd=repo).strip()
        last = run_git(["log", "-1", "--no-merges", "--format=%cI", f"{fork_point}..{head}"], settings, cwd=repo)
        changed = [p for p in run_git(["diff", "--name-only", "--no-renames", "-z", fork_point, head], settings, cwd=repo).split("\0") if p]
        result[(this.key, other.key)] = LineageLink(
            url=other.facts.url,
            entry=other.entry,
            shared_root=root,
            fork_point=fork_point,
            fork_point_date=fork_date,
            own_commits=int(own),
            own_changed_files=len(changed),
            own_changed_paths=tuple(changed[:MAX_CHANGED_PATHS]),
            last_own_commit_date=_date(last),
        )
    return result


def _date(text: str) -> datetime | None:
    return datetime.fromisoformat(text.strip()) if text.strip() else None


def _rewrite(harvest_dir: Path, record: HarvestRecord, links: dict[tuple[str, str], dict[str, LineageLink]]) -> bool:
    repositories = tuple(
        replace(r, lineage=tuple(sorted(links.get((record.entry, r.url), {}).values(), key=lambda link: (link.entry, link.url)))) for r in record.repositories
    )
    if repositories == record.repositories:
        return False
    records.write_record(harvest_dir, replace(record, repositories=repositories))
    return True
