"""The lists of `services.yml`: hosted services, services started next to the software, public registries, runtimes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class HostedKind:
    name: str
    what: str
    variables: re.Pattern[str]
    addresses: re.Pattern[str] | None
    files: tuple[str, ...]


@dataclass(frozen=True)
class Named:
    """A name and the pattern that recognises it (an image name, a Helm dependency, a version file)."""

    name: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class KnownServices:
    hosted: tuple[HostedKind, ...]
    started: tuple[Named, ...]
    registries: frozenset[str]
    runtime_images: tuple[Named, ...]
    runtime_files: dict[str, str]  # file name -> runtime

    def started_by(self, image_name: str) -> str | None:
        """The service an image (name without registry and tag) or Helm dependency starts, if it is a known one."""
        return next((s.name for s in self.started if s.pattern.fullmatch(image_name.lower())), None)

    def runtime_of(self, image_name: str) -> str | None:
        return next((r.name for r in self.runtime_images if r.pattern.fullmatch(image_name.lower())), None)


@cache
def known_services() -> KnownServices:
    text = resources.files("catalogue.harvest").joinpath("services.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    hosted = tuple(
        HostedKind(
            item["name"],
            item["what"],
            re.compile(item["variables"], re.IGNORECASE),
            re.compile(item["addresses"], re.IGNORECASE) if item.get("addresses") else None,
            tuple(item.get("files", ())),
        )
        for item in data["hosted"]
    )
    started = tuple(Named(item["name"], re.compile(item["images"])) for item in data["started"])
    runtimes = data["runtimes"]
    return KnownServices(
        hosted=hosted,
        started=started,
        registries=frozenset(data["registries"]),
        runtime_images=tuple(Named(item["name"], re.compile(item["images"])) for item in runtimes["images"]),
        runtime_files={item["file"]: item["name"] for item in runtimes["files"]},
    )
