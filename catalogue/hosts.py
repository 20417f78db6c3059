"""Every Git host the catalogue knows, in one registry: how it is recognised, its label, its API and auth scheme.

Known public hosts are built in; self-hosted GitLab, Gitea or Forgejo instances (a Land's or a city's own) are
declared in `hosts.yml` beside `mkdocs.yml`, without code changes:

    - host: git.example-stadt.de
      kind: gitea                   # github | gitlab | gitea
      label: Git der Stadt Beispiel
      api: https://git.example-stadt.de/api/v1   # optional; default from the kind
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from catalogue.errors import CatalogueError

HOSTS_FILE = "hosts.yml"


@dataclass(frozen=True)
class HostKind:
    """One kind of host software: its API's default address, how it takes a token, and how to name a repository."""

    name: str  # "github", "gitlab", "gitea", or "git" (read by git alone)
    api_base: str | None  # "{host}" is replaced by the host name
    auth_scheme: str | None
    name_prefixes: tuple[str, ...] = ()  # host names that start like this are of this kind (gitlab.example.de)
    repository_path: str = "owner"  # "owner": /<owner>/<repository>; "group": /<group>/.../<project>


KINDS: dict[str, HostKind] = {
    "github": HostKind("github", "https://api.github.com", "Bearer"),
    "gitlab": HostKind("gitlab", "https://{host}/api/v4", "Bearer", ("gitlab.",), "group"),
    "gitea": HostKind("gitea", "https://{host}/api/v1", "token", ("gitea.", "forgejo.")),
    "git": HostKind("git", None, None),
}


@dataclass(frozen=True)
class Host:
    """One host name, what runs there, and how pages name it."""

    name: str
    kind: HostKind
    label: str
    api_base: str | None = None  # overrides the kind's default

    @property
    def api_url(self) -> str | None:
        base = self.api_base or self.kind.api_base
        return base.format(host=self.name) if base else None


_BUILT_IN = (
    Host("github.com", KINDS["github"], "GitHub"),
    Host("gitlab.com", KINDS["gitlab"], "GitLab"),
    Host("gitlab.opencode.de", KINDS["gitlab"], "OpenCoDE"),
    Host("codeberg.org", KINDS["gitea"], "Codeberg"),
    Host("gitea.com", KINDS["gitea"], "Gitea"),
)


@dataclass(frozen=True)
class HostRegistry:
    """Known hosts by name; unknown names are recognised by prefix, else read by git alone ("Andere")."""

    hosts: Mapping[str, Host] = field(default_factory=lambda: {h.name: h for h in _BUILT_IN})

    def host(self, name: str) -> Host:
        name = name.lower()
        if name in self.hosts:
            return self.hosts[name]
        for kind in KINDS.values():
            if name.startswith(kind.name_prefixes) and kind.name_prefixes:
                return Host(name, kind, name)
        return Host(name, KINDS["git"], "Andere")

    def with_hosts(self, extra: list[Host]) -> HostRegistry:
        return HostRegistry({**self.hosts, **{h.name: h for h in extra}})


DEFAULT = HostRegistry()
_HOST_NAME = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")


def load_registry(project_root: Path) -> HostRegistry:
    """The built-in hosts plus those declared in `<project_root>/hosts.yml` (if it exists)."""
    path = project_root / HOSTS_FILE
    if not path.exists():
        return DEFAULT
    try:
        declared = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise CatalogueError(f"{path}: nicht lesbar ({error})") from None
    if not isinstance(declared, list):
        raise CatalogueError(f"{path}: erwartet eine Liste von Hosts (- host: …, kind: gitlab|gitea|github)")
    return DEFAULT.with_hosts([_declared_host(path, index, item) for index, item in enumerate(declared)])


def _declared_host(path: Path, index: int, item: object) -> Host:
    where = f"{path}: Eintrag {index + 1}"
    if not isinstance(item, dict) or not isinstance(item.get("host"), str) or not _HOST_NAME.match(item["host"].lower()):
        raise CatalogueError(f"{where}: 'host' muss ein Hostname sein, z. B. git.example-stadt.de")
    kind = item.get("kind")
    if kind not in ("github", "gitlab", "gitea"):
        raise CatalogueError(f"{where}: 'kind' muss github, gitlab oder gitea sein (Forgejo: gitea)")
    api = item.get("api")
    if api is not None and (not isinstance(api, str) or not api.startswith("https://")):
        raise CatalogueError(f"{where}: 'api' muss eine https://-Adresse sein")
    label = item.get("label", item["host"])
    if not isinstance(label, str) or not label.strip():
        raise CatalogueError(f"{where}: 'label' muss ein Text sein")
    unknown = sorted(set(item) - {"host", "kind", "label", "api"})
    if unknown:
        raise CatalogueError(f"{where}: unbekanntes Feld '{unknown[0]}' (erlaubt: host, kind, label, api)")
    return Host(item["host"].lower(), KINDS[kind], label, api)
