"""Which URLs an entry may contain, and which Git host a repository URL belongs to.

Repository URLs reach `git` and host APIs later, so the policy is strict: https only, no credentials,
no local or private addresses, and the URL of a repository rather than a page or a download.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from catalogue import hosts
from catalogue.messages import msg

_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa", ".intranet", ".corp")
_NOT_A_REPOSITORY = re.compile(r"\.(zip|tar|gz|tgz|bz2|xz|7z|pdf|html?|exe|apk|ipa|png|jpe?g)$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_OWNER_REPO = re.compile(r"^/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+?(\.git)?/?$")
_GITLAB_PROJECT = re.compile(r"^/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+?(\.git)?/?$")


def scheme_problem(url: str) -> str | None:
    """Why a URL that should be https is not, in words a contributor understands; None if it is https."""
    lowered = url.strip().lower()
    for scheme in ("javascript:", "data:", "vbscript:", "file:"):
        if lowered.startswith(scheme):
            return msg("url.scheme", scheme=scheme)
    if lowered.startswith("http://"):
        return msg("url.http")
    if lowered.startswith(("git@", "ssh://", "git://", "git+ssh://")):
        return msg("url.ssh")
    if "::" in url.split("/")[0]:
        return msg("url.transport")
    if not lowered.startswith("https://"):
        return msg("url.not_https")
    return None


def url_problem(url: str) -> str | None:
    """Why `url` is not a public https address without credentials, or None when it is."""
    problem = scheme_problem(url)
    if problem:
        return problem
    if _CONTROL.search(url):
        return msg("url.spaces")
    parts = urlsplit(url)
    if parts.username or parts.password or "@" in parts.netloc:
        return msg("url.credentials")
    return _host_problem((parts.hostname or "").lower())


def repository_url_problem(url: str) -> str | None:
    """Why `url` is not acceptable as a repository URL, or None when it is."""
    problem = url_problem(url)
    if problem:
        return problem
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.query or parts.fragment:
        return msg("url.query")
    path = parts.path
    if not path.strip("/"):
        return msg("url.no_repository")
    if path.startswith("/-") or "/../" in f"{path}/" or "/./" in f"{path}/":
        return msg("url.bad_path")
    if _NOT_A_REPOSITORY.search(path.rstrip("/")):
        return msg("url.download")
    return _host_path_problem(host, path)


def _host_problem(host: str) -> str | None:
    if not host:
        return msg("url.no_host")
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        if host == "localhost" or host.endswith(_LOCAL_SUFFIXES) or "." not in host:
            return msg("url.local_name", host=host)
        return None
    if not address.is_global or address.is_private or address.is_loopback or address.is_link_local or address.is_reserved:
        return msg("url.private_address", host=host)
    return msg("url.ip_address")


def _host_path_problem(host: str, path: str) -> str | None:
    known = hosts.DEFAULT.host(host)
    if known.name in hosts.DEFAULT.hosts and known.kind.repository_path == "owner" and not _OWNER_REPO.match(path):
        return msg("url.owner_form", host=host)
    if known.kind.repository_path == "group" and ("/-/" in path or not _GITLAB_PROJECT.match(path)):
        return msg("url.group_form", host=host)
    return None


def host_kind(host: str) -> str:
    """'github', 'gitlab', 'gitea' or 'git' (any other host, read by git alone), from the host registry."""
    return hosts.DEFAULT.host(host).kind.name


def repository_key(url: str) -> str:
    """A normal form of a repository URL, so the same repository written twice is recognised."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    path = path[:-4] if path.endswith(".git") else path
    return f"{(parts.hostname or '').lower()}{path.lower()}"
