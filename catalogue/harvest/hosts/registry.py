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
from catalogue.urls import host_kind

APIS: dict[str, HostApi] = {"github": GitHub(), "gitlab": GitLab(), "gitea": Gitea()}
_DEFAULT_BASES = {"github": "https://api.github.com", "gitlab": "https://{host}/api/v4", "gitea": "https://{host}/api/v1"}
_AUTH_SCHEMES = {"github": "Bearer", "gitlab": "Bearer", "gitea": "token"}


@dataclass(frozen=True)
class ApiTarget:
    api: HostApi
    host: str
    base_url: str
    path: str  # owner/repository or group/project, without .git
    auth_scheme: str


def api_target(url: str, base_overrides: dict[str, str]) -> ApiTarget | None:
    """The API for `url`, or None for a host that is read by git alone."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    kind = host_kind(host)
    if kind not in APIS:
        return None
    path = parts.path.strip("/").removesuffix(".git")
    base = base_overrides.get(host) or _DEFAULT_BASES[kind].format(host=host)
    return ApiTarget(APIS[kind], host, base, path, _AUTH_SCHEMES[kind])


def token_for(host: str) -> str | None:
    """CATALOGUE_TOKEN_<HOST> (dots and dashes as underscores), or GITHUB_TOKEN for github.com."""
    name = "CATALOGUE_TOKEN_" + re.sub(r"[^A-Z0-9]", "_", host.upper())
    return os.environ.get(name) or (os.environ.get("GITHUB_TOKEN") if host == "github.com" else None)
