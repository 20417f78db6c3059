"""Which URLs an entry may contain, and which Git host a repository URL belongs to.

Repository URLs reach `git` and host APIs later, so the policy is strict: https only, no credentials,
no local or private addresses, and the URL of a repository rather than a page or a download.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from catalogue import hosts

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
            return f"'{scheme}' addresses are not allowed; write a full https:// address"
    if lowered.startswith("http://"):
        return "plain http:// is not accepted; write the https:// address"
    if lowered.startswith(("git@", "ssh://", "git://", "git+ssh://")):
        return "SSH and git:// URLs are not accepted; write the https:// clone URL"
    if "::" in url.split("/")[0]:
        return "git transport helpers ('ext::', 'fd::') are not allowed; write the https:// clone URL"
    if not lowered.startswith("https://"):
        return "write a full https:// address"
    return None


def url_problem(url: str) -> str | None:
    """Why `url` is not a public https address without credentials, or None when it is."""
    problem = scheme_problem(url)
    if problem:
        return problem
    if _CONTROL.search(url):
        return "the URL contains spaces or control characters"
    parts = urlsplit(url)
    if parts.username or parts.password or "@" in parts.netloc:
        return "the URL contains a user name or password; write it without credentials"
    return _host_problem((parts.hostname or "").lower())


def repository_url_problem(url: str) -> str | None:
    """Why `url` is not acceptable as a repository URL, or None when it is."""
    problem = url_problem(url)
    if problem:
        return problem
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.query or parts.fragment:
        return "a Git URL has no ?query or #fragment; write the repository's clone URL"
    path = parts.path
    if not path.strip("/"):
        return "the URL names a host but no repository"
    if path.startswith("/-") or "/../" in f"{path}/" or "/./" in f"{path}/":
        return "the repository path is not valid"
    if _NOT_A_REPOSITORY.search(path.rstrip("/")):
        return "this looks like a download or web page, not a Git repository; write the clone URL"
    return _host_path_problem(host, path)


def _host_problem(host: str) -> str | None:
    if not host:
        return "the URL has no host"
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        if host == "localhost" or host.endswith(_LOCAL_SUFFIXES) or "." not in host:
            return f"'{host}' is a local host name; repositories must be on a public Git host"
        return None
    if not address.is_global or address.is_private or address.is_loopback or address.is_link_local or address.is_reserved:
        return f"{host} is a loopback, private or reserved address; repositories must be on a public Git host"
    return "write the host's name, not an IP address"


def _host_path_problem(host: str, path: str) -> str | None:
    known = hosts.DEFAULT.host(host)
    if known.name in hosts.DEFAULT.hosts and known.kind.repository_path == "owner" and not _OWNER_REPO.match(path):
        return f"a {host} repository URL has the form https://{host}/<owner>/<repository>"
    if known.kind.repository_path == "group" and ("/-/" in path or not _GITLAB_PROJECT.match(path)):
        return f"a GitLab repository URL has the form https://{host}/<group>/<project> (without /-/...)"
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
