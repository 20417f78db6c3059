"""The publiccode.yml standard's rules for its optional keys (docs/standard/schema.core.rst, versions 0.2–0.7).

`check_optional(data, need, base_dir)` adds a problem per broken rule; files that the keys name (logo, screenshots,
authors file) are checked beside the publiccode.yml when `base_dir` is given. What needs the network (oEmbed of
videos) or the Italian public-administration register (codice IPA) is not checked here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

Need = Callable[[bool, str, str], None]

TOP_LEVEL_KEYS = frozenset(
    [
        "publiccodeYmlVersion",
        "name",
        "applicationSuite",
        "url",
        "landingURL",
        "isBasedOn",
        "softwareVersion",
        "releaseDate",
        "logo",
        "monochromeLogo",
        "inputTypes",
        "outputTypes",
        "platforms",
        "categories",
        "usedBy",
        "fundedBy",
        "roadmap",
        "developmentStatus",
        "softwareType",
        "supports",
        "organisation",
        "intendedAudience",
        "description",
        "legal",
        "maintenance",
        "localisation",
        "dependsOn",
        "it",
        "IT",
    ]
)
SCOPES = frozenset(
    [
        "agriculture",
        "culture",
        "defence",
        "education",
        "emergency-services",
        "employment",
        "energy",
        "environment",
        "finance-and-economic-development",
        "foreign-affairs",
        "government",
        "healthcare",
        "infrastructures",
        "justice",
        "local-authorities",
        "manufacturing",
        "research",
        "science-and-technology",
        "security",
        "society",
        "sport",
        "tourism",
        "transportation",
        "welfare",
    ]
)
ALIASES = frozenset(["gdpr", "eidas", "nis2", "cra", "spid", "cie", "anpr", "pagopa", "io"])
# ISO 3166-1 alpha-2, the codes the standard accepts for intendedAudience.
COUNTRIES = frozenset(
    [
        "AD",
        "AE",
        "AF",
        "AG",
        "AI",
        "AL",
        "AM",
        "AO",
        "AQ",
        "AR",
        "AS",
        "AT",
        "AU",
        "AW",
        "AX",
        "AZ",
        "BA",
        "BB",
        "BD",
        "BE",
        "BF",
        "BG",
        "BH",
        "BI",
        "BJ",
        "BL",
        "BM",
        "BN",
        "BO",
        "BQ",
        "BR",
        "BS",
        "BT",
        "BV",
        "BW",
        "BY",
        "BZ",
        "CA",
        "CC",
        "CD",
        "CF",
        "CG",
        "CH",
        "CI",
        "CK",
        "CL",
        "CM",
        "CN",
        "CO",
        "CR",
        "CU",
        "CV",
        "CW",
        "CX",
        "CY",
        "CZ",
        "DE",
        "DJ",
        "DK",
        "DM",
        "DO",
        "DZ",
        "EC",
        "EE",
        "EG",
        "EH",
        "ER",
        "ES",
        "ET",
        "FI",
        "FJ",
        "FK",
        "FM",
        "FO",
        "FR",
        "GA",
        "GB",
        "GD",
        "GE",
        "GF",
        "GG",
        "GH",
        "GI",
        "GL",
        "GM",
        "GN",
        "GP",
        "GQ",
        "GR",
        "GS",
        "GT",
        "GU",
        "GW",
        "GY",
        "HK",
        "HM",
        "HN",
        "HR",
        "HT",
        "HU",
        "ID",
        "IE",
        "IL",
        "IM",
        "IN",
        "IO",
        "IQ",
        "IR",
        "IS",
        "IT",
        "JE",
        "JM",
        "JO",
        "JP",
        "KE",
        "KG",
        "KH",
        "KI",
        "KM",
        "KN",
        "KP",
        "KR",
        "KW",
        "KY",
        "KZ",
        "LA",
        "LB",
        "LC",
        "LI",
        "LK",
        "LR",
        "LS",
        "LT",
        "LU",
        "LV",
        "LY",
        "MA",
        "MC",
        "MD",
        "ME",
        "MF",
        "MG",
        "MH",
        "MK",
        "ML",
        "MM",
        "MN",
        "MO",
        "MP",
        "MQ",
        "MR",
        "MS",
        "MT",
        "MU",
        "MV",
        "MW",
        "MX",
        "MY",
        "MZ",
        "NA",
        "NC",
        "NE",
        "NF",
        "NG",
        "NI",
        "NL",
        "NO",
        "NP",
        "NR",
        "NU",
        "NZ",
        "OM",
        "PA",
        "PE",
        "PF",
        "PG",
        "PH",
        "PK",
        "PL",
        "PM",
        "PN",
        "PR",
        "PS",
        "PT",
        "PW",
        "PY",
        "QA",
        "RE",
        "RO",
        "RS",
        "RU",
        "RW",
        "SA",
        "SB",
        "SC",
        "SD",
        "SE",
        "SG",
        "SH",
        "SI",
        "SJ",
        "SK",
        "SL",
        "SM",
        "SN",
        "SO",
        "SR",
        "SS",
        "ST",
        "SV",
        "SX",
        "SY",
        "SZ",
        "TC",
        "TD",
        "TF",
        "TG",
        "TH",
        "TJ",
        "TK",
        "TL",
        "TM",
        "TN",
        "TO",
        "TR",
        "TT",
        "TV",
        "TW",
        "TZ",
        "UA",
        "UG",
        "UM",
        "US",
        "UY",
        "UZ",
        "VA",
        "VC",
        "VE",
        "VG",
        "VI",
        "VN",
        "VU",
        "WF",
        "WS",
        "YE",
        "YT",
        "ZA",
        "ZM",
        "ZW",
    ]
)
_URL = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$|^https?://(localhost|\d+\.\d+\.\d+\.\d+)(:\d+)?([/?#]\S*)?$")
_URN = re.compile(r"^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$", re.IGNORECASE)
_ITALIAN_PA = re.compile(r"^urn:x-italian-pa:[a-z0-9_]{1,20}$", re.IGNORECASE)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_MIME = re.compile(r"^[a-z]+/[a-zA-Z0-9.+-]+$")
_LOGO_EXTENSIONS = (".svg", ".svgz", ".png")


def is_url(value: Any) -> bool:
    return isinstance(value, str) and bool(_URL.match(value))


def is_uri(value: Any) -> bool:
    """A URL, or a URN; a bare word is neither."""
    return isinstance(value, str) and (is_url(value) or bool(_URN.match(value)))


def is_date(value: Any) -> bool:
    if isinstance(value, date) and not hasattr(value, "hour"):
        return True
    if not isinstance(value, str) or not _DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def check_optional(data: dict[str, Any], need: Need, base_dir: Path | None) -> None:
    """Every rule the standard sets for keys that may be left out."""
    for key in sorted(set(data) - TOP_LEVEL_KEYS, key=str):
        need(False, str(key), "is not a key of publiccode.yml")
    need(not ("it" in data and "IT" in data), "it", "the Italian section appears twice (it and IT)")
    _optional_types(data, need)
    _files(data, need, base_dir)
    _organisations(data, need)
    _audience(data.get("intendedAudience"), need)
    _descriptions(data.get("description"), need, base_dir)
    _dependencies(data.get("dependsOn"), need)
    _contractors(data.get("maintenance"), need)
    _supports(data.get("supports"), need)
    _italian(data.get("it", data.get("IT")), need)


def _optional_types(data: dict[str, Any], need: Need) -> None:
    if "applicationSuite" in data:
        need(isinstance(data["applicationSuite"], str), "applicationSuite", "must be text")
    if "softwareVersion" in data:
        need(isinstance(data["softwareVersion"], str), "softwareVersion", "must be text (write it in quotes)")
    if "releaseDate" in data:
        need(is_date(data["releaseDate"]), "releaseDate", "must be a date YYYY-MM-DD")
    if "isBasedOn" in data:
        based = data["isBasedOn"]
        urls = [based] if isinstance(based, str) else based if _strings(based) else None
        need(urls is not None and all(is_url(u) for u in urls), "isBasedOn", "must be a URL or a list of URLs")
    if "usedBy" in data:
        need(_strings(data["usedBy"]), "usedBy", "must be a list of names")
    if "platforms" in data:
        need(_strings(data["platforms"]), "platforms", "must be a list, e.g. [web]")
    for key in ("inputTypes", "outputTypes"):
        if key in data:
            need(_strings(data[key]) and all(_MIME.match(v) for v in data[key]), key, "must be a list of MIME types such as text/csv")


def _files(data: dict[str, Any], need: Need, base_dir: Path | None) -> None:
    for key in ("logo", "monochromeLogo"):
        if key not in data:
            continue
        value = data[key]
        if not isinstance(value, str):
            need(False, key, "must be a relative path or a URL")
            continue
        extensions = _LOGO_EXTENSIONS if key == "logo" else (".png",)
        need(value.lower().endswith(extensions), key, f"must be a {' or '.join(extensions)} file")
        need(not value.startswith("/") and not value.lower().startswith("file:"), key, "must be a path inside the repository or an http(s) URL")
        if not re.match(r"^[a-z][a-z0-9+.-]*:", value, re.IGNORECASE):
            path = base_dir / value if base_dir is not None else None
            need(path is None or path.is_file(), key, f"file {value} does not exist")
            if path is not None and path.is_file() and value.lower().endswith(".png"):
                need(path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", key, f"{value} is not a PNG image")
        elif not value.lower().startswith("file:"):
            need(is_url(value), key, "must be an http(s) URL")
    legal = data.get("legal")
    authors = legal.get("authorsFile") if isinstance(legal, dict) else None
    if authors is not None:
        need(isinstance(authors, str) and (base_dir is None or (base_dir / authors).is_file()), "legal.authorsFile", "file does not exist")


def _organisations(data: dict[str, Any], need: Need) -> None:
    organisation = data.get("organisation")
    if "organisation" in data:
        if not isinstance(organisation, dict):
            need(False, "organisation", "must be a mapping with uri (and name)")
        else:
            _organisation_uri(organisation.get("uri"), "organisation.uri", need)
    if "fundedBy" in data:
        funders = data["fundedBy"]
        if not isinstance(funders, list) or not all(isinstance(f, dict) for f in funders):
            need(False, "fundedBy", "must be a list of organisations (uri, name)")
            return
        for index, funder in enumerate(funders):
            _organisation_uri(funder.get("uri"), f"fundedBy[{index}].uri", need)


def _organisation_uri(uri: Any, key: str, need: Need) -> None:
    if uri is None:
        need(False, key, "is missing")
    elif isinstance(uri, str) and uri.lower().startswith("urn:x-italian-pa:"):
        need(bool(_ITALIAN_PA.match(uri)), key, "is not a valid urn:x-italian-pa: code")
    else:
        need(is_uri(uri), key, "must be a URI (a URL or a URN)")


def _audience(audience: Any, need: Need) -> None:
    if audience is None:
        return
    if not isinstance(audience, dict):
        need(False, "intendedAudience", "must be a mapping")
        return
    for key in ("countries", "unsupportedCountries"):
        if key in audience:
            value = audience[key]
            valid = _strings(value) and all(v.upper() in COUNTRIES and (v.isupper() or v.islower()) for v in value)
            need(valid, f"intendedAudience.{key}", "must list ISO 3166-1 alpha-2 codes (upper case)")
    if "scope" in audience:
        need(_strings(audience["scope"]) and all(v in SCOPES for v in audience["scope"]), "intendedAudience.scope", "must list scopes of the standard")


def _descriptions(descriptions: Any, need: Need, base_dir: Path | None) -> None:
    if not isinstance(descriptions, dict):
        return
    for language, text in descriptions.items():
        if not isinstance(text, dict):
            continue
        key = f"description.{language}"
        if "genericName" in text:
            need(isinstance(text["genericName"], str) and len(text["genericName"]) <= 35, f"{key}.genericName", "must be text of at most 35 characters")
        if "localisedName" in text:
            need(isinstance(text["localisedName"], str), f"{key}.localisedName", "must be text")
        if "awards" in text:
            need(_strings(text["awards"]), f"{key}.awards", "must be a list of texts")
        if "videos" in text:
            need(_strings(text["videos"]) and all(is_url(v) for v in text["videos"]), f"{key}.videos", "must be a list of URLs")
        for index, shot in enumerate(text.get("screenshots") or []):
            if isinstance(shot, str) and not re.match(r"^[a-z][a-z0-9+.-]*:", shot, re.IGNORECASE):
                need(base_dir is None or (base_dir / shot).is_file(), f"{key}.screenshots[{index}]", f"file {shot} does not exist")


def _dependencies(depends: Any, need: Need) -> None:
    if depends is None:
        return
    if not isinstance(depends, dict):
        need(False, "dependsOn", "must be a mapping of open, proprietary, hardware")
        return
    for kind, items in depends.items():
        if not isinstance(items, list):
            need(False, f"dependsOn.{kind}", "must be a list")
            continue
        for index, item in enumerate(items):
            where = f"dependsOn.{kind}[{index}]"
            if not isinstance(item, dict):
                need(False, where, "must be a mapping")
                continue
            need(isinstance(item.get("name"), str), f"{where}.name", "must be text")
            for field in ("version", "versionMin", "versionMax"):
                if field in item:
                    need(isinstance(item[field], str), f"{where}.{field}", "must be text (write it in quotes)")
            if "optional" in item:
                need(isinstance(item["optional"], bool), f"{where}.optional", "must be true or false")


def _contractors(maintenance: Any, need: Need) -> None:
    if not isinstance(maintenance, dict):
        return
    contractors = maintenance.get("contractors")
    if contractors is None:
        return
    need(maintenance.get("type") == "contract", "maintenance.contractors", "may only be given when maintenance.type is contract")
    if not isinstance(contractors, list):
        need(False, "maintenance.contractors", "must be a list")
        return
    for index, contractor in enumerate(contractors):
        where = f"maintenance.contractors[{index}]"
        if not isinstance(contractor, dict):
            need(False, where, "must be a mapping")
            continue
        need(isinstance(contractor.get("name"), str), f"{where}.name", "is missing")
        need(is_date(contractor.get("until")), f"{where}.until", "must be a date YYYY-MM-DD")
        if "email" in contractor:
            need(isinstance(contractor["email"], str) and bool(_EMAIL.match(contractor["email"])), f"{where}.email", "is not an e-mail address")
        if "website" in contractor:
            need(is_url(contractor["website"]), f"{where}.website", "must be an http(s) URL")


def _supports(supports: Any, need: Need) -> None:
    if supports is None:
        return
    if not isinstance(supports, list):
        need(False, "supports", "must be a list of {id: ...}")
        return
    for index, item in enumerate(supports):
        identifier = item.get("id") if isinstance(item, dict) else None
        if isinstance(identifier, str) and identifier.startswith("alias:"):
            need(identifier.removeprefix("alias:") in ALIASES, f"supports[{index}].id", "is not an alias of the standard's list")
        else:
            need(is_uri(identifier), f"supports[{index}].id", "must be alias:<name> or a URI")


def _italian(section: Any, need: Need) -> None:
    if not isinstance(section, dict):
        return
    version = section.get("countryExtensionVersion")
    if version is not None:
        need(version in ("0.2", "1.0"), "it.countryExtensionVersion", "must be 0.2 or 1.0")
    riuso = section.get("riuso")
    code = riuso.get("codiceIPA") if isinstance(riuso, dict) else None
    if code is not None:
        need(isinstance(code, str) and bool(re.match(r"^[a-z0-9_]{1,20}$", code)), "it.riuso.codiceIPA", "is not a valid codice IPA")
