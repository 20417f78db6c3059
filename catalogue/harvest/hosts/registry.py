"""Which API answers for a repository URL, where it lives, and which token it gets."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from catalogue.harvest.hosts.base import HostApi
from catalogue.harvest.hosts.gitea import Gitea
from catalogue.harvest.hosts.github import GitHub
from catalogue.harvest.hosts.gitlab import GitLab
from catalogue.hosts import DEFAULT, HostRegistry

APIS: dict[str, HostApi] = {"github": GitHub(), "gitlab": GitLab(), "gitea": Gitea()}


@dataclass(frozen=True)
class ApiTarget:
    api: HostApi
    host: str
    base_url: str
    path: str  # owner/repository or group/project, without .git
    auth_scheme: str


def api_target(url: str, base_overrides: dict[str, str], hosts: HostRegistry = DEFAULT) -> ApiTarget | None:
    """The API for `url`, or None for a host that is read by git alone."""
    parts = urlsplit(url)
    host = hosts.host(parts.hostname or "")
    base = base_overrides.get(host.name) or host.api_url
    if host.kind.name not in APIS or base is None or host.kind.auth_scheme is None:
        return None
    path = parts.path.strip("/").removesuffix(".git")
    return ApiTarget(APIS[host.kind.name], host.name, base, path, host.kind.auth_scheme)


def token_for(host: str) -> str | None:
    """CATALOGUE_TOKEN_<HOST> (dots and dashes as underscores), or GITHUB_TOKEN for github.com."""
    name = "CATALOGUE_TOKEN_" + re.sub(r"[^A-Z0-9]", "_", host.upper())
    return os.environ.get(name) or (os.environ.get("GITHUB_TOKEN") if host == "github.com" else None)
