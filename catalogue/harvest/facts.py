"""Facts read from a bare, blob-less clone: activity, authors, tags and the files a reuser looks for.

Everything here runs with lazy fetching disabled, so analysing the cache never touches the network.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from catalogue.harvest import people
from catalogue.harvest.gitcmd import GitError, GitSettings, run_git

MONTHS_OF_HISTORY = 24
_FILE_MARKERS: dict[str, re.Pattern[str]] = {
    "readme": re.compile(r"^readme(\.[a-z]+)?$", re.IGNORECASE),
    "contributing": re.compile(r"^contributing(\.[a-z]+)?$", re.IGNORECASE),
    "security_policy": re.compile(r"^security(\.[a-z]+)?$", re.IGNORECASE),
    "changelog": re.compile(r"^(changelog|changes|history)(\.[a-z]+)?$", re.IGNORECASE),
    "publiccode": re.compile(r"^publiccode\.ya?ml$"),
    "dockerfile": re.compile(r"^(dockerfile|containerfile)(\..+)?$", re.IGNORECASE),
    "compose_file": re.compile(r"^(docker-)?compose(\.[a-z0-9-]+)?\.ya?ml$", re.IGNORECASE),
}


@dataclass(frozen=True)
class TreeEntry:
    mode: str
    kind: str
    oid: str
    path: str

    @property
    def is_symlink(self) -> bool:
        return self.mode == "120000"


def tree(path: Path, settings: GitSettings) -> list[TreeEntry]:
    """Every path at HEAD with its mode and object id (trees are in a blob-less clone; blobs need not be)."""
    output = run_git(["ls-tree", "-r", "-t", "-z", "--full-tree", "HEAD"], settings, cwd=path)
    entries = []
    for record in output.split("\0"):
        if record:
            meta, _, name = record.partition("\t")
            mode, kind, oid = meta.split(" ")
            entries.append(TreeEntry(mode, kind, oid, name))
    return entries


def present_files(entries: list[TreeEntry]) -> dict[str, bool]:
    """Which files a reuser looks for are in the repository (top level, or anywhere for Helm charts)."""
    top = [e.path for e in entries if "/" not in e.path]
    found = {name: any(pattern.match(p) for p in top) for name, pattern in _FILE_MARKERS.items()}
    found["reuse_licenses_folder"] = any(e.path == "LICENSES" and e.kind == "tree" for e in entries)
    found["docs_folder"] = any(e.path in ("docs", "doc", "documentation") and e.kind == "tree" for e in entries)
    found["helm_chart"] = any(e.path.rsplit("/", 1)[-1] == "Chart.yaml" for e in entries)
    return found


@dataclass(frozen=True)
class LoggedCommit:
    """One commit of the default branch as the history facts need it."""

    person: int | None  # None: a bot or automation
    merge: bool
    date: datetime  # committer date: when the commit became part of the branch


def history_facts(path: Path, settings: GitSettings, now: datetime, mailmap_blob: str | None) -> dict[str, Any]:
    """Commit activity, people (mailmap-aware, bots apart) and bus factor, from the default branch."""
    since = now - timedelta(days=31 * MONTHS_OF_HISTORY)
    args = ["log", "--use-mailmap", f"--since={since.isoformat()}", "--format=%aN%x00%aE%x00%cI%x00%P", "HEAD"]
    if mailmap_blob:
        args = ["-c", f"mailmap.blob={mailmap_blob}", *args]
    logged = logged_commits(run_git(args, settings, cwd=path))
    commits = [c for c in logged if c.date <= now]  # a date after the harvest is no activity
    head_line = run_git(["log", "-1", "--format=%H%x00%cI", "HEAD"], settings, cwd=path).strip()
    head, head_date = head_line.split("\0")
    roots = [line.split("\0") for line in run_git(["log", "--max-parents=0", "--format=%H%x00%cI", "HEAD"], settings, cwd=path).split()]
    six = [c for c in commits if c.date >= now - timedelta(days=183)]
    twelve = [c for c in commits if c.date >= now - timedelta(days=365)]
    return {
        "head_commit": head,
        "head_commit_date": iso_time(datetime.fromisoformat(head_date)),
        "first_commit_date": iso_time(min(datetime.fromisoformat(d) for _, d in roots)) if roots else None,
        "root_commits": sorted(commit for commit, _ in roots),
        "commits_6_months": sum(not c.merge for c in six),
        "commits_12_months": sum(not c.merge for c in twelve),
        "commits_with_merges_6_months": len(six),
        "commits_with_merges_12_months": len(twelve),
        "automated_commits_6_months": sum(c.person is None for c in six),
        "automated_commits_12_months": sum(c.person is None for c in twelve),
        "authors_6_months": len({c.person for c in six if c.person is not None}),
        "authors_12_months": len({c.person for c in twelve if c.person is not None}),
        "commits_per_month": _per_month([c.date for c in commits if not c.merge], now),
        "bus_factor_6_months": bus_factor([c.person for c in six if c.person is not None and not c.merge]),
        "future_commits": len(logged) - len(commits),
    }


def logged_commits(log: str) -> list[LoggedCommit]:
    """Parse `git log --format=%aN%x00%aE%x00%cI%x00%P`: people joined, automation without a person."""
    rows = [line.split("\0") for line in log.splitlines() if line.count("\0") == 3]
    humans = [(name, email) for name, email, _, _ in rows if not people.is_automation(name, email)]
    person = people.join_people(humans)
    return [LoggedCommit(person.get((name, email)), merge=len(parents.split()) > 1, date=datetime.fromisoformat(date)) for name, email, date, parents in rows]


def bus_factor(author_per_commit: Sequence[Hashable]) -> int:
    """The fewest people who together made at least half of the commits (0 without commits)."""
    counts = sorted(Counter(author_per_commit).values(), reverse=True)
    total, covered = sum(counts), 0
    for index, count in enumerate(counts, start=1):
        covered += count
        if covered * 2 >= total:
            return index
    return 0


def tag_facts(path: Path, settings: GitSettings, now: datetime | None = None) -> dict[str, Any]:
    """How many tags, and the latest one made by the time of the harvest (a tag dated later is counted, not taken as latest)."""
    output = run_git(["for-each-ref", "refs/tags", "--format=%(refname:short)%00%(creatordate:iso-strict)"], settings, cwd=path)
    tags = [line.split("\0") for line in output.splitlines() if "\0" in line]
    dated = [(name, datetime.fromisoformat(date)) for name, date in tags if date]
    latest = max((item for item in dated if now is None or item[1] <= now), key=lambda item: item[1], default=None)
    return {"tags": len(tags), "latest_tag": latest[0] if latest else None, "latest_tag_date": iso_time(latest[1]) if latest else None}


def read_blob(path: Path, oid: str, settings: GitSettings, max_bytes: int = 512 * 1024) -> str | None:
    """A blob's text from the object store (never the file system); None when absent or too large."""
    try:
        size = int(run_git(["cat-file", "-s", oid], settings, cwd=path).strip())
        if size > max_bytes:
            return None
        return run_git(["cat-file", "blob", oid], settings, cwd=path)
    except GitError:
        return None


def blob_sizes(path: Path, oids: list[str], settings: GitSettings) -> dict[str, int]:
    """Sizes of the blobs the object store holds, asked in one `cat-file --batch-check`; absent ones are left out."""
    listing = "".join(f"{oid}\n" for oid in oids).encode()
    output = run_git(["cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)"], settings, cwd=path, input=listing)
    sizes = {}
    for line in output.splitlines():
        oid, kind, size = [*line.split(" "), "", ""][:3]
        if kind == "blob" and size.isdigit():
            sizes[oid] = int(size)
    return sizes


def _per_month(dates: list[datetime], now: datetime) -> dict[str, int]:
    months: dict[str, int] = {}
    year, month = now.year, now.month
    for _ in range(MONTHS_OF_HISTORY):
        months[f"{year:04d}-{month:02d}"] = 0
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    for date in dates:
        key = date.astimezone(UTC).strftime("%Y-%m")
        if key in months:
            months[key] += 1
    return dict(sorted(months.items()))


def iso_time(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
