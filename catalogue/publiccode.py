"""publiccode.yml in and out: validate a file against the standard's core rules, import it as an entry, export one.

The rules follow the standard's core schema (docs/standard/schema.core.rst of publiccodeyml/publiccode.yml):
mandatory keys, enumerations, lengths, SPDX licence, maintenance contacts; versions 0 to 0.5 are read.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from catalogue import publiccode_rules, spdx, vocabulary
from catalogue.yamlfile import read_yaml_mapping

SUPPORTED_VERSIONS = re.compile(r"^0(\.[2-7](\.\d+)?)?$")
DEVELOPMENT_STATUSES = ("concept", "development", "beta", "stable", "obsolete")
SOFTWARE_TYPES = (
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
)
MAINTENANCE_TYPES = ("internal", "contract", "community", "none")
CATEGORIES = frozenset(
    [
        "accounting",
        "agile-project-management",
        "applicant-tracking",
        "application-development",
        "appointment-scheduling",
        "backup",
        "billing-and-invoicing",
        "blog",
        "budgeting",
        "business-intelligence",
        "business-process-management",
        "cad",
        "call-center-management",
        "cloud-management",
        "collaboration",
        "communications",
        "compliance-management",
        "contact-management",
        "content-management",
        "crm",
        "customer-service-and-support",
        "data-analytics",
        "data-collection",
        "data-visualization",
        "design",
        "design-system",
        "digital-asset-management",
        "digital-citizenship",
        "document-management",
        "donor-management",
        "e-commerce",
        "e-signature",
        "educational-content",
        "email-management",
        "email-marketing",
        "employee-management",
        "enterprise-project-management",
        "enterprise-social-networking",
        "erp",
        "event-management",
        "facility-management",
        "feedback-and-reviews-management",
        "financial-reporting",
        "fleet-management",
        "fundraising",
        "gamification",
        "geographic-information-systems",
        "grant-management",
        "graphic-design",
        "help-desk",
        "hr",
        "ide",
        "identity-management",
        "instant-messaging",
        "inventory-management",
        "it-asset-management",
        "it-development",
        "it-management",
        "it-security",
        "it-service-management",
        "knowledge-management",
        "learning-management-system",
        "marketing",
        "mind-mapping",
        "mobile-marketing",
        "mobile-payment",
        "network-management",
        "office",
        "online-booking",
        "online-community",
        "payment-gateway",
        "payroll",
        "predictive-analysis",
        "procurement",
        "productivity-suite",
        "project-collaboration",
        "project-management",
        "property-management",
        "real-estate-management",
        "remote-support",
        "resource-management",
        "sales-management",
        "seo",
        "service-desk",
        "social-media-management",
        "survey",
        "talent-management",
        "task-management",
        "taxes-management",
        "test-management",
        "time-management",
        "time-tracking",
        "translation",
        "video-conferencing",
        "video-editing",
        "visitor-management",
        "voip",
        "warehouse-management",
        "web-collaboration",
        "web-conferencing",
        "website-builder",
        "whistleblowing",
        "integrated-library-system",
        "regulations-and-directives",
        "other",
        "workflow-management",
    ]
)
# One distinct publiccode category per Handlungsfeld, so that export and import are inverse (docs/publiccode.md).
CATEGORY_FOR_FIELD = {
    "Mobilität": "fleet-management",
    "Umwelt & Klima": "data-collection",
    "Energie": "facility-management",
    "Verwaltung & Bürgerservice": "customer-service-and-support",
    "Beteiligung": "digital-citizenship",
    "Daten & Plattformen": "data-analytics",
    "Stadtentwicklung & Digitaler Zwilling": "geographic-information-systems",
    "Gesundheit & Soziales": "online-community",
    "Bildung & Kultur": "educational-content",
    "Wirtschaft & Handel": "e-commerce",
    "Sicherheit & Katastrophenschutz": "communications",
    "Ländlicher Raum": "collaboration",
}
FIELD_FOR_CATEGORY = {category: field for field, category in CATEGORY_FOR_FIELD.items()}
ROADMAP_FOR_STATUS = {"concept": "P1", "development": "P2", "beta": "P3", "stable": "P4", "obsolete": "P4"}
_PLATFORMS_IN = {"web": "web", "android": "android", "ios": "ios", "windows": "desktop", "mac": "desktop", "linux": "desktop"}


class PubliccodeError(Exception):
    """A publiccode.yml could not be read; `problems` lists every reason with its key."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def validate(data: dict[str, Any], base_dir: Path | None = None) -> list[str]:
    """Every way `data` breaks the publiccode.yml core rules, as 'key: message' lines (empty when valid); files named
    by keys are looked up in `base_dir` when given."""
    problems: list[str] = []

    def need(condition: bool, key: str, message: str) -> None:
        if not condition:
            problems.append(f"{key}: {message}")

    version = data.get("publiccodeYmlVersion")
    need(
        isinstance(version, str) and bool(SUPPORTED_VERSIONS.match(version)),
        "publiccodeYmlVersion",
        f"unsupported version {version!r}; this reader knows 0 to 0.5 (write it in quotes)",
    )
    need(isinstance(data.get("name"), str) and bool(data.get("name")), "name", "is missing")
    url = data.get("url")
    need(isinstance(url, str) and url.startswith(("https://", "http://")), "url", "must be the http(s) URL of the source code repository")
    for key in ("landingURL", "roadmap"):
        if key in data:
            need(isinstance(data[key], str) and data[key].startswith(("https://", "http://")), key, "must be an http(s) URL")
    platforms = data.get("platforms")
    need(isinstance(platforms, (list, str)) and bool(platforms), "platforms", "is missing or empty")
    categories = data.get("categories")
    if categories is not None:
        need(isinstance(categories, list) and all(c in CATEGORIES for c in categories), "categories", "must be a list of the standard's categories")
    need(data.get("developmentStatus") in DEVELOPMENT_STATUSES, "developmentStatus", f"must be one of {', '.join(DEVELOPMENT_STATUSES)}")
    need(data.get("softwareType") in SOFTWARE_TYPES, "softwareType", f"must be one of {', '.join(SOFTWARE_TYPES)}")
    _validate_description(data.get("description"), need)
    legal = data.get("legal")
    licence = legal.get("license") if isinstance(legal, dict) else None
    need(
        (isinstance(licence, str) and spdx.check_expression(licence).normalized is not None) or _lenient_spdx(licence),
        "legal.license",
        f"{licence!r} is not a valid SPDX licence expression",
    )
    _validate_maintenance(data.get("maintenance"), need)
    localisation = data.get("localisation")
    need(isinstance(localisation, dict) and isinstance(localisation.get("localisationReady"), bool), "localisation.localisationReady", "must be true or false")
    languages = localisation.get("availableLanguages") if isinstance(localisation, dict) else None
    need(
        isinstance(languages, list) and bool(languages) and all(isinstance(x, str) and re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$", x) for x in languages),
        "localisation.availableLanguages",
        "must list BCP 47 language tags",
    )
    publiccode_rules.check_optional(data, need, base_dir)
    return problems


def _lenient_spdx(licence: Any) -> bool:
    # Other catalogues write ids SPDX has deprecated (GPL-3.0); they are still SPDX expressions.
    if not isinstance(licence, str):
        return False
    try:
        return not spdx._licensing().validate(licence).errors
    except Exception:
        return False


def _validate_description(description: Any, need: Any) -> None:
    if not isinstance(description, dict) or not description:
        need(False, "description", "needs at least one language section, e.g. 'de:'")
        return
    for language, text in description.items():
        key = f"description.{language}"
        need(bool(re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$", str(language))), key, "language must be a BCP 47 tag such as de or en-GB")
        if not isinstance(text, dict):
            need(False, key, "must be a mapping")
            continue
        short, long_ = text.get("shortDescription"), text.get("longDescription")
        need(isinstance(short, str) and 0 < len(short.strip()) <= 150, f"{key}.shortDescription", "is missing or longer than 150 characters")
        need(isinstance(long_, str) and 150 <= len(long_.strip()) <= 10000, f"{key}.longDescription", "must have between 150 and 10000 characters")
        features = text.get("features")
        need(isinstance(features, list) and bool(features) and all(isinstance(f, str) for f in features), f"{key}.features", "must list at least one feature")
        for link in ("documentation", "apiDocumentation"):
            if link in text:
                need(isinstance(text[link], str) and text[link].startswith(("https://", "http://")), f"{key}.{link}", "must be an http(s) URL")


def _validate_maintenance(maintenance: Any, need: Any) -> None:
    if not isinstance(maintenance, dict):
        need(False, "maintenance", "is missing")
        return
    kind = maintenance.get("type")
    need(kind in MAINTENANCE_TYPES, "maintenance.type", f"must be one of {', '.join(MAINTENANCE_TYPES)}")
    contacts = maintenance.get("contacts")
    if kind in ("internal", "community"):
        need(isinstance(contacts, list) and bool(contacts), "maintenance.contacts", f"are required when maintenance.type is {kind}")
    if kind == "contract":
        contractors = maintenance.get("contractors")
        need(isinstance(contractors, list) and bool(contractors), "maintenance.contractors", "are required when maintenance.type is contract")
    for index, contact in enumerate(contacts if isinstance(contacts, list) else []):
        need(isinstance(contact, dict) and isinstance(contact.get("name"), str), f"maintenance.contacts[{index}].name", "is missing")
        email = contact.get("email") if isinstance(contact, dict) else None
        if email is not None:
            need(
                isinstance(email, str) and bool(re.match(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$", email)),
                f"maintenance.contacts[{index}].email",
                "is not an e-mail address",
            )


def read(raw: bytes, base_dir: Path | None = None) -> dict[str, Any]:
    """Parse and validate a publiccode.yml; PubliccodeError lists every problem (YAML or standard)."""
    loaded = read_yaml_mapping(raw, flag_yaml11_scalars=False)
    if isinstance(loaded, list):
        raise PubliccodeError([f"line {p.line}, column {p.column}: {p.message}" for p in loaded])
    if loaded.problems:
        raise PubliccodeError([f"line {p.line}, column {p.column}: {p.message}" for p in loaded.problems])
    problems = validate(loaded.data, base_dir)
    if problems:
        raise PubliccodeError(problems)
    return loaded.data


@dataclass(frozen=True)
class ImportChoices:
    """What publiccode.yml does not say and an entry needs."""

    entry_id: str
    organisation_type: str = "Unternehmen"
    ags: str | None = None
    fields: tuple[str, ...] = ()


def to_entry_mapping(data: dict[str, Any], choices: ImportChoices) -> dict[str, Any]:
    """An entry (as the YAML mapping) from a validated publiccode.yml."""
    language = "de" if "de" in data["description"] else next(iter(data["description"]))
    text = data["description"][language]
    legal = data.get("legal") or {}
    owner = legal.get("repoOwner") or legal.get("mainCopyrightOwner") or (data.get("organisation") or {}).get("name")
    if not isinstance(owner, str) or not owner:
        raise PubliccodeError(["legal.repoOwner: needed to name the organisation (or give organisation.name)"])
    fields = list(choices.fields) or list(dict.fromkeys(FIELD_FOR_CATEGORY[c] for c in data.get("categories") or [] if c in FIELD_FOR_CATEGORY))
    if not fields:
        raise PubliccodeError([f"categories: none maps to a Handlungsfeld ({', '.join(data.get('categories') or []) or 'none given'}); pass --field"])
    platforms_in = data["platforms"] if isinstance(data["platforms"], list) else [data["platforms"]]
    licence = spdx.check_expression(legal["license"]).normalized or _modernise(legal["license"])
    organisation: dict[str, Any] = {"name": owner, "type": choices.organisation_type}
    declared = data.get("organisation")
    uri = declared.get("uri") if isinstance(declared, dict) else None
    uri = uri if isinstance(uri, str) else ""
    ags = choices.ags or _ags_from_uri(uri)
    if ags:
        organisation["ags"] = ags
        organisation["state"] = vocabulary.state_for_ags(ags)
    elif uri.startswith("https://"):
        organisation["url"] = uri
    entry: dict[str, Any] = {
        "name": data["name"],
        "short_description": " ".join(text["shortDescription"].split()),
        "description": text["longDescription"].strip(),
        "repositories": [{"url": _https(data["url"]), "role": "app"}],
        "organisation": organisation,
        "fields": fields[:3],
        "roadmap_phase": ROADMAP_FOR_STATUS[data["developmentStatus"]],
        "development_status": data["developmentStatus"],
        "licence": licence,
    }
    if isinstance(data.get("landingURL"), str) and data["landingURL"].startswith("https://"):
        entry["website"] = data["landingURL"]
    features = [" ".join(f.split()) for f in text.get("features") or [] if isinstance(f, str) and 3 <= len(" ".join(f.split())) <= 100][:20]
    if features:
        entry["features"] = features
    maintenance = _maintenance_in(data.get("maintenance"), _https(data["url"]))
    if maintenance:
        entry["maintenance"] = maintenance
    # usedBy is the repository's own claim: imported as reuse with the publiccode.yml as evidence, never the owner itself.
    used_by = [
        {"name": name, "role": "nachnutzung", "evidence": [_https(data["url"]).removesuffix(".git")]}
        for name in data.get("usedBy") or []
        if isinstance(name, str) and name.casefold() != owner.casefold()
    ]
    if used_by:
        entry["used_by"] = used_by
    documentation = {
        key: text[source] for key, source in (("user_guide", "documentation"), ("api", "apiDocumentation")) if str(text.get(source, "")).startswith("https://")
    }
    if documentation:
        entry["documentation"] = documentation
    platforms = sorted({_PLATFORMS_IN[p] for p in platforms_in if p in _PLATFORMS_IN})
    if platforms:
        entry["platforms"] = platforms
    languages = sorted({tag.split("-")[0] for tag in (data.get("localisation") or {}).get("availableLanguages") or [] if len(tag.split("-")[0]) == 2})
    if languages:
        entry["languages"] = languages
    if isinstance(data.get("logo"), str) and data["logo"].startswith("https://"):
        entry["logo"] = data["logo"]
    screenshots = [s for s in text.get("screenshots") or [] if isinstance(s, str) and s.startswith("https://")][:10]
    if screenshots:
        entry["screenshots"] = screenshots
    return entry


def _ags_from_uri(uri: str) -> str | None:
    """The AGS in a DCAT-AP.de municipality key URI, as the catalogue's own export writes organisation/uri."""
    found = re.fullmatch(r"https?://dcat-ap\.de/def/politicalGeocoding/municipalityKey/(\d{8})", uri)
    return found.group(1) if found else None


def _maintenance_in(maintenance: Any, evidence: str) -> dict[str, Any] | None:
    """maintenance type and contractors; contacts are persons and stay out of the catalogue (no personal data)."""
    if not isinstance(maintenance, dict) or maintenance.get("type") not in MAINTENANCE_TYPES:
        return None
    result: dict[str, Any] = {"type": maintenance["type"], "evidence": [evidence]}
    contractors = [
        {"name": c["name"], "until": str(c["until"]), **({"website": c["website"]} if str(c.get("website", "")).startswith("https://") else {})}
        for c in maintenance.get("contractors") or []
        if isinstance(c, dict) and isinstance(c.get("name"), str) and c.get("until")
    ]
    if maintenance["type"] == "contract":
        if not contractors:
            return None
        result["contractors"] = contractors
    return result


def _https(url: str) -> str:
    return "https://" + url.removeprefix("http://") if url.startswith("http://") else url


def _modernise(expression: str) -> str:
    return re.sub(r"\b((?:A|L)?GPL-[23]\.0|LGPL-2\.1)\+", r"\1-or-later", expression).replace("GPL-3.0 ", "GPL-3.0-only ")


def entry_yaml(entry: dict[str, Any], source: str) -> str:
    """The entry as a commented YAML file, every value quoted as JSON so YAML cannot re-type it."""
    body = yaml.safe_dump(json.loads(json.dumps(entry)), allow_unicode=True, sort_keys=False, default_style='"', width=120)
    body = re.sub(r'^(\s*(?:- )?)"([a-z_]+)":', r"\1\2:", body, flags=re.MULTILINE)  # keys plain, values quoted
    header = (
        "# yaml-language-server: $schema=../catalogue/schema/entry.schema.json\n"
        f"# Aus {source} übernommen. Bitte prüfen: roadmap_phase (aus developmentStatus abgeleitet), Handlungsfelder,\n"
        "# Art der Organisation und AGS. Kontaktpersonen aus publiccode.yml werden nicht übernommen (keine Personendaten).\n"
    )
    return header + body


def dump(data: dict[str, Any]) -> str:
    """publiccode.yml text (YAML 1.2-safe: every string quoted)."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: a tenth of the pure-Python time
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=120)
