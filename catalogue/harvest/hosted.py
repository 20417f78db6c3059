"""Hosted third-party services a repository's configuration asks for (Mapbox, Supabase, Sentry, …; `services.yml`).

Environment examples are read as `NAME=value` lines; other configuration files (config.*, settings modules,
compose files, Helm values) by the names they use (`mapboxAccessToken` reads as MAPBOX_ACCESS_TOKEN) and the
addresses they hold. Each service is named once per file, with the first line and variable that show it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from catalogue.harvest.facts import TreeEntry
from catalogue.harvest.known_services import known_services
from catalogue.model import HostedService

MAX_DEPTH = 4
MAX_LINES = 5000
MAX_LINE = 2000
MAX_PER_SERVICE = 3  # files named per service
ENV_FILE = re.compile(r"^(\.env(\.[\w.-]+)?|[\w.-]+\.env(\.[\w.-]+)?|env\.(example|sample|template|dist|default)|\.env-[\w.-]+)$", re.IGNORECASE)
CONFIG_FILE = re.compile(
    r"^(config|configuration|settings|app\.config|application|appsettings|environment|runtime-config|site\.config|nuxt\.config|next\.config|vite\.config)"
    r"([._-][\w-]+)*\.(js|mjs|cjs|ts|json|ya?ml|toml|py|php|properties|ini|rb|exs|env)$",
    re.IGNORECASE,
)
SETTINGS_MODULE = re.compile(r"(^|/)settings(/[\w-]+)?\.py$|(^|/)environments?/environment[\w.-]*\.ts$", re.IGNORECASE)
_SKIP = re.compile(r"(^|/)(node_modules|vendor|dist|build|\.git|test|tests|__tests__|spec|fixtures|examples?/node_modules)/", re.IGNORECASE)
_ENV_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s*(.*)$")
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]{2,80}")


def config_files(entries: Iterable[TreeEntry]) -> tuple[list[str], list[str]]:
    """(environment examples, other configuration files) worth reading, nearest to the top first."""
    env, config = [], []
    for entry in entries:
        if entry.kind != "blob" or entry.is_symlink or entry.path.count("/") > MAX_DEPTH or _SKIP.search(entry.path):
            continue
        name = entry.path.rsplit("/", 1)[-1]
        if ENV_FILE.match(name):
            env.append(entry.path)
        elif CONFIG_FILE.match(name) or SETTINGS_MODULE.search(entry.path):
            config.append(entry.path)
    by_depth = lambda path: (path.count("/"), path)  # noqa: E731
    return sorted(env, key=by_depth)[:10], sorted(config, key=by_depth)[:15]


def by_file_name(paths: Iterable[str]) -> list[HostedService]:
    """Services whose own configuration file is in the tree (vercel.json: Vercel)."""
    found = []
    names = {path: path.rsplit("/", 1)[-1] for path in paths if path.count("/") <= MAX_DEPTH}
    for kind in known_services().hosted:
        for path, name in names.items():
            if any(path == f or path.endswith(f"/{f}") or (("/" not in f) and name == f) for f in kind.files):
                found.append(HostedService(kind.name, path, 1, name))
                break
    return found


def in_text(path: str, text: str, *, env_file: bool) -> list[HostedService]:
    """Services named in one file, each once, at the first line that shows it."""
    found: dict[str, HostedService] = {}
    kinds = known_services().hosted
    for number, raw in enumerate(text.splitlines()[:MAX_LINES], start=1):
        line = raw[:MAX_LINE]
        if env_file:
            matched = _ENV_LINE.match(line)
            if not matched or line.lstrip().startswith("#"):
                continue
            names, value = [matched.group(1)], matched.group(2)
        else:
            if line.lstrip().startswith(("#", "//")) and "=" not in line:
                continue
            names, value = [_upper_snake(word) for word in _IDENTIFIER.findall(line)], line
        for kind in kinds:
            if kind.name in found:
                continue
            variable = next((n for n in names if kind.variables.search(n)), None)
            if variable is None and kind.addresses is not None:
                address = kind.addresses.search(value)
                variable = address.group(0) if address else None
            if variable is not None:
                found[kind.name] = HostedService(kind.name, path, number, variable[:100])
    return list(found.values())


def merged(found: Iterable[HostedService]) -> tuple[HostedService, ...]:
    """At most MAX_PER_SERVICE files per service, services in the order of `services.yml`."""
    order = {kind.name: index for index, kind in enumerate(known_services().hosted)}
    kept: dict[str, list[HostedService]] = {}
    for service in found:
        files = kept.setdefault(service.name, [])
        if len(files) < MAX_PER_SERVICE and all(f.file != service.file for f in files):
            files.append(service)
    return tuple(s for name in sorted(kept, key=lambda n: order.get(n, 999)) for s in kept[name])


def _upper_snake(word: str) -> str:
    """`mapboxAccessToken` -> `MAPBOX_ACCESS_TOKEN`; `VITE_MAPBOX_KEY` stays as it is."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", word).upper()
