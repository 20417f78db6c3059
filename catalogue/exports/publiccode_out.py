"""publiccode.yml for an entry, in the newest version of the standard, with no value the evidence does not give.

Every mandatory key comes from the entry (what its authors wrote and sourced) or is derived by a documented rule
(softwareType from repository roles and platforms, localisationReady from the languages). Where the evidence is
missing the file is not written and `reason` says what the entry needs. Where the repository publishes its own
publiccode.yml, the catalogue links that file instead of writing a competing description.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from catalogue import assessment, hosts, vocabulary
from catalogue.model import Entry, HarvestRecord

EXPORT_VERSION = "0.7"
MUNICIPALITY_URI = "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/{ags}"


@dataclass(frozen=True)
class PubliccodeExport:
    """The outcome for one entry: a document, or a link to the repository's own file, or the reason for neither."""

    entry_id: str
    document: dict[str, Any] | None = None
    upstream: str | None = None
    reason: str | None = None

    @property
    def status(self) -> str:
        if self.document is not None:
            return "exportiert"
        return "eigene publiccode.yml im Repository" if self.upstream else "nicht exportiert"


def export(entry: Entry, record: HarvestRecord | None) -> PubliccodeExport:
    """publiccode.yml for `entry`, or why there is none."""
    upstream = upstream_file(entry, record)
    if upstream:
        return PubliccodeExport(entry.id, upstream=upstream, reason="Das Repository beschreibt sich selbst; der Katalog verweist auf diese Datei.")
    missing = _missing_evidence(entry)
    if missing:
        return PubliccodeExport(entry.id, reason="Es fehlt: " + "; ".join(missing))
    return PubliccodeExport(entry.id, document=_document(entry))


def upstream_file(entry: Entry, record: HarvestRecord | None) -> str | None:
    """The address of the canonical repository's own publiccode.yml, when the harvest read one."""
    if record is None or not record.repositories:
        return None
    canonical = record.repositories[0]
    facts = canonical.publiccode
    if facts is None or facts.error is not None or canonical.default_branch is None:
        return None
    kind = hosts.DEFAULT.host(urlsplit(canonical.url).hostname or "").kind.name
    separator = {"github": "/blob/", "gitlab": "/-/blob/", "gitea": "/src/branch/"}.get(kind)
    if separator is None:
        return f"{canonical.url} ({facts.file})"
    return f"{canonical.url.removesuffix('.git')}{separator}{canonical.default_branch}/{facts.file}"


def _missing_evidence(entry: Entry) -> list[str]:
    missing = []
    maintenance = entry.maintenance
    if maintenance is None:
        missing.append("wie die Lösung gewartet wird (Feld maintenance mit Beleg)")
    elif maintenance.type in ("internal", "community") and not maintenance.contacts:
        missing.append(f"eine technische Ansprechperson (maintenance.contacts), die publiccode.yml bei '{maintenance.type}' verlangt")
    if not entry.features:
        missing.append("Funktionen der Lösung (Feld features)")
    if len(entry.short_description) > 150:
        missing.append("eine Kurzbeschreibung mit höchstens 150 Zeichen (publiccode.yml erlaubt nicht mehr)")
    if len(entry.description.strip()) < 150:
        missing.append("eine Beschreibung mit mindestens 150 Zeichen")
    if not entry.platforms:
        missing.append("die Plattformen (Feld platforms)")
    if not entry.languages:
        missing.append("die Sprachen der Oberfläche (Feld languages)")
    return missing


def _document(entry: Entry) -> dict[str, Any]:
    maintenance = entry.maintenance
    assert maintenance is not None  # checked by _missing_evidence
    description: dict[str, Any] = {
        "shortDescription": entry.short_description,
        "longDescription": entry.description.strip()[:10000],
        "features": list(entry.features),
    }
    if entry.documentation.user_guide:
        description["documentation"] = entry.documentation.user_guide
    if entry.documentation.api:
        description["apiDocumentation"] = entry.documentation.api
    screenshots = [s for s in entry.screenshots if s.startswith("https://")]
    if screenshots:
        description["screenshots"] = screenshots
    data: dict[str, Any] = {
        "publiccodeYmlVersion": EXPORT_VERSION,
        "name": entry.name,
        "url": entry.repositories[0].url,
    }
    if entry.website:
        data["landingURL"] = entry.website
    if entry.logo and entry.logo.startswith("https://"):
        data["logo"] = entry.logo
    data["platforms"] = list(entry.platforms)  # web, android, ios as the standard names them; others as human-readable values
    reusers = [user.name for user in assessment.confirmed_reusers(entry)]
    if reusers:
        data["usedBy"] = reusers
    if entry.funding:
        data["fundedBy"] = [_funder(entry)]
    data["developmentStatus"] = entry.development_status
    data["softwareType"] = software_type(entry)
    organisation = _organisation(entry)
    if organisation:
        data["organisation"] = organisation
    data["description"] = {"de": description}
    data["legal"] = {"license": entry.licence}
    data["maintenance"] = _maintenance(entry)
    data["localisation"] = {"localisationReady": len(entry.languages) > 1, "availableLanguages": list(entry.languages)}
    return data


def _funder(entry: Entry) -> dict[str, str]:
    funding = entry.funding
    assert funding is not None
    name = vocabulary.FUNDING_PROGRAMMES[funding.programme] if funding.programme != "other" else (funding.programme_name or "Förderprogramm")
    funder = {"name": name}
    if funding.programme in vocabulary.FUNDING_PROGRAMME_URLS:
        funder["uri"] = vocabulary.FUNDING_PROGRAMME_URLS[funding.programme]
    return funder


def _organisation(entry: Entry) -> dict[str, str] | None:
    organisation = entry.organisation
    if organisation.ags and organisation.type in vocabulary.TYPES_WITH_AGS:
        return {"uri": MUNICIPALITY_URI.format(ags=organisation.ags), "name": organisation.name}
    if organisation.url:
        return {"uri": organisation.url, "name": organisation.name}
    return None


def _maintenance(entry: Entry) -> dict[str, Any]:
    maintenance = entry.maintenance
    assert maintenance is not None
    result: dict[str, Any] = {"type": maintenance.type}
    if maintenance.contractors:
        result["contractors"] = [{"name": c.name, "until": c.until, **({"website": c.website} if c.website else {})} for c in maintenance.contractors]
    if maintenance.contacts:
        result["contacts"] = [
            {"name": c.name, **({"email": c.email} if c.email else {}), **({"affiliation": c.affiliation} if c.affiliation else {})}
            for c in maintenance.contacts
        ]
    return result


def software_type(entry: Entry) -> str:
    """softwareType by a documented rule: library/infrastructure roles first, then the platforms users use."""
    roles = {r.role for r in entry.repositories}
    platforms = set(entry.platforms)
    if roles == {"library"}:
        return "library"
    if roles == {"infrastructure"}:
        return "configurationFiles"
    if platforms & {"android", "ios"} and "web" not in platforms:
        return "standalone/mobile"
    if "web" in platforms:
        return "standalone/web"
    if "desktop" in platforms:
        return "standalone/desktop"
    if "iot" in platforms:
        return "standalone/iot"
    if platforms & {"server", "docker", "kubernetes"}:
        return "standalone/backend"
    return "standalone/other"
