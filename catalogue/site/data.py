"""What the pages show: each entry joined with its harvest record, and the facets derived from both."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from urllib.parse import urlsplit

from catalogue import assessment, spdx, vocabulary
from catalogue.assessment import Activity, Transfer
from catalogue.hosts import DEFAULT as DEFAULT_HOSTS
from catalogue.hosts import HostRegistry
from catalogue.model import Catalogue, Entry, HarvestRecord, RepositoryFacts

ACTIVITY_LABELS = tuple(a.value for a in Activity)
SOLUTIONS = "loesungen"  # the folders of the generated pages
KOMMUNEN = "kommunen"


@dataclass(frozen=True)
class EntryView:
    """An entry with its harvest record (None when not harvested yet) and the verdicts derived from both."""

    entry: Entry
    record: HarvestRecord | None
    host_registry: HostRegistry = DEFAULT_HOSTS

    @property
    def repositories(self) -> tuple[RepositoryFacts, ...]:
        return self.record.repositories if self.record else ()

    @property
    def main_repository(self) -> RepositoryFacts | None:
        """The repository with the latest commit: the one whose facts the page shows first."""
        dated = [r for r in self.repositories if r.head_commit_date]
        return max(dated, key=lambda r: r.head_commit_date or datetime.min) if dated else (self.repositories[0] if self.repositories else None)

    @property
    def last_commit(self) -> datetime | None:
        return assessment.last_commit(self.record)

    @property
    def activity(self) -> str:
        return assessment.activity(self.record).value

    @property
    def reuse_count(self) -> int:
        """Other bodies that run their own instance (role nachnutzung); commissioning or piloting is no reuse."""
        return len(assessment.transferred_to(self.entry))

    @property
    def licence_family(self) -> str:
        return spdx.licence_family(self.entry.licence)

    @property
    def hosts(self) -> list[str]:
        return sorted({self.host_registry.host(urlsplit(r.url).hostname or "").label for r in self.entry.repositories})

    @cached_property
    def badges(self) -> tuple[assessment.Badge, ...]:
        return assessment.badges(self.entry, self.record)

    @cached_property
    def assessment(self) -> assessment.Assessment:
        return assessment.assess(self.entry, self.record)

    def facets(self) -> dict[str, list[str]]:
        """Facet name -> values, as the overview's filters use them."""
        return {
            "feld": list(self.entry.fields),
            "land": [self.entry.organisation.state] if self.entry.organisation.state else [],
            "lizenz": [self.licence_family],
            "phase": [self.entry.roadmap_phase],
            "aktivitaet": [self.activity],
            "nachnutzung": [reuse_bucket(self.reuse_count)],
            "host": self.hosts,
            "plattform": [vocabulary.PLATFORMS[p] for p in self.entry.platforms],
            "standard": list(self.entry.standards),
            "dienste": self.external_services,
            "container": [self.container_operation],
            "status_repo": self.status_by_repository,
        }

    @property
    def external_services(self) -> list[str]:
        """Hosted third-party services the repositories' configuration asks for ('keine' when none was found)."""
        known = [r.operation for r in self.repositories if r.operation is not None]
        if not known:
            return ["unbekannt"]
        return sorted({service.name for operation in known for service in operation.hosted_services}) or ["keine"]

    @property
    def container_operation(self) -> str:
        """'ja' when a Dockerfile, compose file, Helm chart or Kubernetes manifest is anywhere in a repository."""
        known = [r.operation for r in self.repositories if r.operation is not None]
        if not known:
            return "unbekannt"
        kinds = {a.kind for operation in known for a in operation.artefacts}
        return "ja" if kinds & {"dockerfile", "compose", "helm_chart", "kubernetes", "kustomize"} else "nein"

    @property
    def status_by_repository(self) -> list[str]:
        """What the repositories say about themselves: archived, superseded, a mirror, publiccode.yml developmentStatus."""
        statuses = set()
        for repository in self.repositories:
            if repository.api is not None and repository.api.archived:
                statuses.add("archiviert")
            if repository.status is not None and repository.status.notices:
                statuses.add("abgelöst oder nicht mehr gepflegt")
            if repository.publiccode is not None and repository.publiccode.development_status:
                statuses.add(vocabulary.DEVELOPMENT_STATUSES.get(repository.publiccode.development_status, repository.publiccode.development_status))
        if any(m.certain for m in assessment.mirrors(self.record)):
            statuses.add("Spiegel")
        return sorted(statuses) or ["keine Angabe"]


FACET_TITLES = {
    "feld": "Handlungsfeld",
    "land": "Bundesland",
    "lizenz": "Lizenzfamilie",
    "phase": "Roadmap-Phase",
    "aktivitaet": "Aktivität",
    "nachnutzung": "Nachnutzende Stellen",
    "host": "Code liegt bei",
    "plattform": "Plattform",
    "standard": "Standard",
    "dienste": "Braucht externe Dienste",
    "container": "Betrieb mit Containern",
    "status_repo": "Status laut Repository",
}


def reuse_bucket(count: int) -> str:
    return "keine" if count == 0 else ("1" if count == 1 else "2 und mehr")


UNSPECIFIED_ROLE = ""  # a used_by item without role: listed, never counted as reuse


@dataclass(frozen=True)
class Kommune:
    """A municipality (or Landkreis) that builds or reuses solutions, keyed by its AGS."""

    ags: str
    name: str
    built: tuple[str, ...]
    related: tuple[tuple[str, str], ...] = ()  # (role of its used_by item, entry id): what it runs, commissioned, co-develops, tests

    @property
    def reuses(self) -> tuple[str, ...]:
        """The entries it runs as its own instance (role nachnutzung)."""
        return self.with_role("nachnutzung")

    def with_role(self, role: str) -> tuple[str, ...]:
        return tuple(entry_id for kind, entry_id in self.related if kind == role)

    @property
    def slug(self) -> str:
        return f"{slugify(self.name)}-{self.ags}"

    @property
    def state(self) -> str:
        return vocabulary.state_for_ags(self.ags) or ""


@dataclass(frozen=True)
class SiteData:
    views: tuple[EntryView, ...]

    @classmethod
    def of(cls, catalogue: Catalogue, records: dict[str, HarvestRecord], hosts: HostRegistry = DEFAULT_HOSTS) -> SiteData:
        return cls(tuple(EntryView(entry, records.get(entry.id), hosts) for entry in catalogue.entries))

    def by_id(self) -> dict[str, EntryView]:
        return self._by_id

    @cached_property
    def _by_id(self) -> dict[str, EntryView]:
        return {view.entry.id: view for view in self.views}

    def kommunen(self) -> list[Kommune]:
        return self._kommunen

    @cached_property
    def kommune_names(self) -> dict[str, str]:
        """AGS -> the name the Kommune pages use."""
        return {kommune.ags: kommune.name for kommune in self._kommunen}

    @cached_property
    def _kommunen(self) -> list[Kommune]:
        names: dict[str, str] = {}
        built: dict[str, list[str]] = {}
        related: dict[str, list[tuple[str, str]]] = {}
        for view in self.views:
            org = view.entry.organisation
            if org.ags:
                names.setdefault(org.ags, org.name)
                built.setdefault(org.ags, []).append(view.entry.id)
            for user in view.entry.used_by:
                if user.ags and user.ags != org.ags:
                    names.setdefault(user.ags, user.name)
                    related.setdefault(user.ags, []).append((user.role or UNSPECIFIED_ROLE, view.entry.id))
        return sorted(
            (Kommune(ags, name, tuple(built.get(ags, ())), tuple(related.get(ags, ()))) for ags, name in names.items()),
            key=lambda k: k.name.casefold(),
        )

    def transfers(self) -> list[Transfer]:
        """Reuse relations as the office report lists them: used_by entries and fork candidates."""
        return self._transfers

    @cached_property
    def _transfers(self) -> list[Transfer]:
        return assessment.transfers(tuple(view.entry for view in self.views), self.records)

    @cached_property
    def records(self) -> dict[str, HarvestRecord]:
        """Every harvested entry's record, by entry id."""
        return {view.entry.id: view.record for view in self.views if view.record is not None}

    def relatives(self, view: EntryView) -> tuple[assessment.Relative, ...]:
        """The repositories of other entries (or the same) that share Git history with this entry's."""
        return assessment.relatives(view.entry, view.record, self.records)


def slugify(text: str) -> str:
    """ASCII slug for URLs: 'Umwelt & Klima' -> 'umwelt-klima', 'Münster' -> 'muenster'."""
    text = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
