"""The cache of bare, blob-less clones: ask `ls-remote` first, fetch only when the head moved."""

from __future__ import annotations

import hashlib
import ipaddress
import re
import shutil
import socket
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from catalogue.harvest.gitcmd import GitError, GitSettings, run_git

_OID = re.compile(r"^[0-9a-f]{40}$")


@dataclass(frozen=True)
class MirrorState:
    path: Path
    head: str
    default_branch: str
    changed: bool
    settings: GitSettings  # with the checked address pinned, for any later fetch from this remote


def cache_path(cache_dir: Path, url: str) -> Path:
    """Where the clone of `url` lives: a readable name plus a hash, so no URL can point outside the cache."""
    parts = urlsplit(url)
    readable = re.sub(r"[^a-z0-9]+", "-", f"{parts.hostname}{parts.path}".lower()).strip("-")[:80]
    digest = hashlib.sha256(url.encode()).hexdigest()[:12]
    return cache_dir / "repos" / f"{readable}-{digest}.git"


def effective_url(url: str, settings: GitSettings) -> str:
    """The URL git will really contact, after the configured rewrites to local mirrors."""
    for local, public in settings.url_rewrites:
        if url.startswith(public):
            return local + url[len(public) :]
    return url


def check_reachable_address(url: str, settings: GitSettings) -> GitSettings:
    """Refuse hosts that resolve to loopback, private or link-local addresses unless explicitly allowed; return
    settings that pin git to the checked address, so a second DNS answer (rebinding) cannot redirect it."""
    target = effective_url(url, settings)
    parts = urlsplit(target)
    if parts.scheme not in ("https", "http") or (parts.scheme == "http" and not settings.allow_http):
        raise GitError(f"only https:// repositories are harvested, not {parts.scheme or 'this'} URLs")
    host = parts.hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, parts.port or 443, proto=socket.IPPROTO_TCP)}
    except OSError as error:
        raise GitError(f"host {host} cannot be resolved ({error.strerror or error})") from None
    for address in addresses:
        ip = ipaddress.ip_address(str(address).split("%")[0])
        if not ip.is_global and not settings.allow_http:
            raise GitError(f"host {host} resolves to the non-public address {address}; refused")
    chosen = ipaddress.ip_address(str(sorted(addresses)[0]).split("%")[0])
    shown = f"[{chosen}]" if chosen.version == 6 else str(chosen)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return replace(settings, resolve_pins=(*settings.resolve_pins, f"{host}:{port}:{shown}"))


def remote_head(url: str, settings: GitSettings) -> tuple[str, str]:
    """(head commit, default branch) of the remote, from one `ls-remote --symref` round trip."""
    # Protocol v0 answers ls-remote in a single request; v2 needs two.
    output = run_git(["-c", "protocol.version=0", "ls-remote", "--symref", "--", url, "HEAD"], settings, offline=False)
    branch, head = "", ""
    for line in output.splitlines():
        if line.startswith("ref: ") and line.endswith("\tHEAD"):
            branch = line[5:].split("\t")[0]
        elif line.endswith("\tHEAD") and _OID.match(line.split("\t")[0]):
            head = line.split("\t")[0]
    if not head:
        raise GitError("the repository is empty or has no default branch")
    if not branch.startswith("refs/heads/") or ".." in branch or any(ord(c) < 32 for c in branch):
        raise GitError("the remote HEAD is not a valid branch name; skipped")
    return head, branch.removeprefix("refs/heads/")


def update_mirror(url: str, cache_dir: Path, settings: GitSettings) -> MirrorState:
    """Clone (blob-less) or fetch `url` into the cache unless its default-branch head is unchanged."""
    settings = check_reachable_address(url, settings)
    head, branch = remote_head(url, settings)
    path = cache_path(cache_dir, url)
    if path.exists() and _local_head(path, settings) == head:
        return MirrorState(path, head, branch, changed=False, settings=settings)
    if path.exists():
        run_git(["fetch", "--prune", "--tags", "--filter=blob:none", "origin", f"+refs/heads/{branch}:refs/heads/{branch}"], settings, cwd=path, offline=False)
        run_git(["symbolic-ref", "HEAD", f"refs/heads/{branch}"], settings, cwd=path)
    else:
        _fresh_clone(url, path, settings)
    _enforce_size_limit(path, settings)
    return MirrorState(path, head, branch, changed=True, settings=settings)


def _enforce_size_limit(path: Path, settings: GitSettings) -> None:
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    if size > settings.max_repository_bytes:
        shutil.rmtree(path, ignore_errors=True)
        limit = settings.max_repository_bytes / 1e6
        raise GitError(f"repository history is {size / 1e6:.0f} MB even without file contents (limit {limit:.0f} MB); skipped")


def _fresh_clone(url: str, path: Path, settings: GitSettings) -> None:
    partial = path.with_name(path.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.parent.mkdir(parents=True, exist_ok=True)
    try:
        run_git(["clone", "--bare", "--filter=blob:none", "--no-recurse-submodules", "--", url, str(partial)], settings, offline=False)
    except GitError:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    partial.rename(path)


def _local_head(path: Path, settings: GitSettings) -> str | None:
    try:
        return run_git(["rev-parse", "--verify", "--quiet", "HEAD"], settings, cwd=path).strip() or None
    except GitError:
        return None


def fetch_blobs(path: Path, oids: list[str], settings: GitSettings) -> None:
    """Fetch the named blobs in one batch (the cache is blob-less); blobs already present are skipped."""
    missing = [oid for oid in oids if not _has_object(path, oid, settings)]
    if missing:
        # No negotiation, as git's own lazy fetch: with "have" lines a server answering from a reachability bitmap
        # may leave out exactly the blobs we want ("did not send all necessary objects").
        command = ["-c", "fetch.negotiationAlgorithm=noop", "fetch", "--no-tags", "--no-write-fetch-head", "--filter=blob:none", "origin", *missing]
        run_git(command, settings, cwd=path, offline=False)


def _has_object(path: Path, oid: str, settings: GitSettings) -> bool:
    try:
        run_git(["cat-file", "-e", oid], settings, cwd=path)
        return True
    except GitError:
        return False
