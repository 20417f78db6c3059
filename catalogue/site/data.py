"""What the pages show: each entry joined with its harvest record, and the facets derived from both."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from catalogue import spdx, vocabulary
from catalogue.harvest import store
from catalogue.model import Catalogue, Entry
from catalogue.report import Transfer, transfers

HOST_LABELS = {"github.com": "GitHub", "gitlab.com": "GitLab", "gitlab.opencode.de": "OpenCoDE", "codeberg.org": "Codeberg"}
ACTIVITY_LABELS = ("aktiv", "gelegentlich", "ruhend", "archiviert", "unbekannt")


@dataclass(frozen=True)
class EntryView:
    """An entry with its harvest record (None when not harvested yet) and its facet values."""

    entry: Entry
    record: dict[str, Any] | None

    @property
    def repositories(self) -> list[dict[str, Any]]:
        return list((self.record or {}).get("repositories", []))

    @property
    def main_repository(self) -> dict[str, Any] | None:
        repos = self.repositories
        return max(repos, key=lambda r: r.get("head_commit_date") or "") if repos else None

    @property
    def last_commit(self) -> str | None:
        main = self.main_repository
        return str(main["head_commit_date"]) if main and main.get("head_commit_date") else None

    @property
    def activity(self) -> str:
        if not self.repositories:
            return "unbekannt"
        if any((r.get("api") or {}).get("archived") for r in self.repositories):
            return "archiviert"
        commits = sum(int(r.get("commits_6_months") or 0) for r in self.repositories)
        if commits >= 5:
            return "aktiv"
        return "gelegentlich" if commits or any(int(r.get("commits_12_months") or 0) for r in self.repositories) else "ruhend"

    @property
    def reuse_count(self) -> int:
        return len(self.entry.used_by)

    @property
    def licence_family(self) -> str:
        return spdx.licence_family(self.entry.licence)

    @property
    def hosts(self) -> list[str]:
        return sorted({HOST_LABELS.get(urlsplit(r.url).hostname or "", "Andere") for r in self.entry.repositories})

    @property
    def badges(self) -> list[dict[str, Any]]:
        return list((self.record or {}).get("badges", []))

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
        }


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
}


def reuse_bucket(count: int) -> str:
    return "keine" if count == 0 else ("1" if count == 1 else "2 und mehr")


@dataclass(frozen=True)
class Kommune:
    """A municipality (or Landkreis) that builds or reuses solutions, keyed by its AGS."""

    ags: str
    name: str
    built: tuple[str, ...]
    reuses: tuple[str, ...]

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
    def load(cls, catalogue: Catalogue, harvest_dir: Path) -> SiteData:
        return cls(tuple(EntryView(entry, store.read_record(harvest_dir, entry.id)) for entry in catalogue.entries))

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
        reuses: dict[str, list[str]] = {}
        for view in self.views:
            org = view.entry.organisation
            if org.ags:
                names.setdefault(org.ags, org.name)
                built.setdefault(org.ags, []).append(view.entry.id)
            for user in view.entry.used_by:
                if user.ags:
                    names.setdefault(user.ags, user.name)
                    reuses.setdefault(user.ags, []).append(view.entry.id)
        return sorted(
            (Kommune(ags, name, tuple(built.get(ags, ())), tuple(reuses.get(ags, ()))) for ags, name in names.items()),
            key=lambda k: k.name.casefold(),
        )

    def transfers(self) -> list[Transfer]:
        """Reuse relations as the office report lists them: used_by entries and fork candidates."""
        return self._transfers

    @cached_property
    def _transfers(self) -> list[Transfer]:
        catalogue = Catalogue(tuple(view.entry for view in self.views))
        return transfers(catalogue, {view.entry.id: view.record for view in self.views if view.record is not None})


def slugify(text: str) -> str:
    """ASCII slug for URLs: 'Umwelt & Klima' -> 'umwelt-klima', 'Münster' -> 'muenster'."""
    text = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
