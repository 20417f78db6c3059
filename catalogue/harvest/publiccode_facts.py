"""What a repository's own publiccode.yml declares, read as untrusted input into `PubliccodeFacts`.

The file comes from a repository nobody here reviewed, so it is read with the same bounded reader as entries
(no anchors, aliases or tags, one document, limited size and depth) and every value is checked for shape before
it is kept. A file that cannot be read, or of a version this reader does not know, becomes a recorded reason;
a single value of the wrong form is left out with a problem. Of the maintenance contacts only the organisation
(`affiliation`) is kept: names, e-mail addresses and phone numbers of persons are never stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from catalogue import publiccode
from catalogue.model import PubliccodeContractor, PubliccodeDependency, PubliccodeFacts, PubliccodeMaintenance
from catalogue.yamlfile import YamlDocument, YamlProblem, read_yaml_mapping

FILE_NAMES = ("publiccode.yml", "publiccode.yaml")  # the standard's names, in the order a reader prefers them
MAX_BYTES = 256 * 1024
MAX_TEXT = 300
MAX_ITEMS = 200
MAX_PROBLEMS = 20
KNOWN_VERSIONS = "0.{} bis 0.{}".format(*re.findall(r"\[(\d)-(\d)\]", publiccode.SUPPORTED_VERSIONS.pattern)[0])
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NOT_PRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def read_publiccode(file: str, raw: bytes | None, unread_reason: str | None = None) -> PubliccodeFacts:
    """The facts a publiccode.yml declares; never raises for what the file holds."""
    if raw is None:
        return PubliccodeFacts(file, error=f"nicht gelesen: {unread_reason or 'Inhalt nicht verfügbar'}")
    if len(raw) > MAX_BYTES:
        return PubliccodeFacts(file, error=f"nicht gelesen: die Datei hat {len(raw) // 1024} KB, mehr als die erlaubten {MAX_BYTES // 1024} KB")
    loaded = read_yaml_mapping(raw, flag_yaml11_scalars=False)
    if isinstance(loaded, list):
        return PubliccodeFacts(file, error=_unreadable(loaded[0]))
    if loaded.problems:
        first = loaded.problems[0]
        return PubliccodeFacts(file, error=_unreadable(first))
    version = _version(loaded)
    if version is None or not publiccode.SUPPORTED_VERSIONS.match(version):
        shown = f"'{version}'" if version is not None else "keine"
        return PubliccodeFacts(file, version=version, error=f"unbekannte publiccodeYmlVersion ({shown}); gelesen werden die Versionen {KNOWN_VERSIONS}")
    return _facts(file, version, loaded.data)


# The bounded reader speaks to entry authors; for a repository's file the reason is said in German, as a fact of the record.
_REASONS = {
    "yaml.anchor": "Anker und Aliasse (& und *) werden nicht gelesen",
    "yaml.tag": "YAML-Tags wie {tag} werden nicht gelesen",
    "yaml.several_documents": "die Datei enthält mehrere YAML-Dokumente",
    "yaml.too_deep": "tiefer verschachtelt als {limit} Ebenen",
    "yaml.syntax.tab": "mit Tabulator eingerückt; YAML erlaubt nur Leerzeichen",
    "yaml.not_utf8": "kein UTF-8 (Byte {byte})",
    "yaml.control_character": "enthält das Steuerzeichen {codepoint}",
    "yaml.empty": "die Datei ist leer",
    "yaml.holds_list": "die Datei enthält keine Zuordnung von Schlüsseln",
    "yaml.holds_value": "die Datei enthält keine Zuordnung von Schlüsseln",
    "yaml.duplicate_key": "Schlüssel '{key}' doppelt (zuerst in Zeile {first_line})",
    "yaml.key_not_plain": "ein Schlüssel ist eine Liste oder Zuordnung",
}


def _unreadable(problem: YamlProblem) -> str:
    reason = _REASONS[problem.key].format(**problem.params) if problem.key in _REASONS else problem.message_in("de")
    return f"nicht lesbar (Zeile {problem.line}, Spalte {problem.column}): {reason}"


def _version(document: YamlDocument) -> str | None:
    # Written unquoted, 0.2 is a number to YAML; the text as written is the version.
    written = document.plain_text.get(("publiccodeYmlVersion",))
    value = document.data.get("publiccodeYmlVersion")
    if written is not None:
        return _clean(written)
    return _clean(value) if isinstance(value, str) else None


class _Reader:
    """Collects the problems of one file while its values are checked one by one."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, key: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"{key}: {message}")

    def text(self, data: dict[str, Any], key: str, check: Callable[[str], bool] = bool, wrong: str = "kein Text", at: str = "") -> str | None:
        """The value at `key` if it is text that passes `check`; `at` is where `data` stands in the file (for the problem)."""
        if key not in data or data[key] is None:
            return None
        value = data[key]
        cleaned = _clean(value) if isinstance(value, str) else None
        if cleaned is None or not check(cleaned):
            self.problem(at + key, f"{_shown(value)} ist {wrong}; weggelassen")
            return None
        return cleaned

    def texts(self, data: dict[str, Any], key: str, check: Callable[[str], bool] = bool, wrong: str = "kein Text") -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            self.problem(key, "ist keine Liste; weggelassen")
            return ()
        kept = []
        for index, item in enumerate(items[:MAX_ITEMS]):
            cleaned = _clean(item) if isinstance(item, str) else None
            if cleaned is None or not check(cleaned):
                self.problem(f"{key}[{index}]", f"{_shown(item)} ist {wrong}; weggelassen")
            else:
                kept.append(cleaned)
        if len(items) > MAX_ITEMS:
            self.problem(key, f"{len(items)} Einträge; die ersten {MAX_ITEMS} sind gespeichert")
        return tuple(dict.fromkeys(kept))


def _facts(file: str, version: str, data: dict[str, Any]) -> PubliccodeFacts:
    read = _Reader()
    return PubliccodeFacts(
        file=file,
        version=version,
        url=read.text(data, "url", _is_web_address, "keine http(s)-Adresse"),
        landing_url=read.text(data, "landingURL", _is_web_address, "keine http(s)-Adresse"),
        development_status=read.text(data, "developmentStatus", lambda v: v in publiccode.DEVELOPMENT_STATUSES, _one_of(publiccode.DEVELOPMENT_STATUSES)),
        software_type=read.text(data, "softwareType", lambda v: v in publiccode.SOFTWARE_TYPES, _one_of(publiccode.SOFTWARE_TYPES)),
        used_by=read.texts(data, "usedBy"),
        is_based_on=read.texts(data, "isBasedOn", _is_web_address, "keine http(s)-Adresse"),
        depends_on=_depends_on(data.get("dependsOn"), read),
        maintenance=_maintenance(data.get("maintenance"), read),
        problems=tuple(read.problems),
    )


def _maintenance(value: Any, read: _Reader) -> PubliccodeMaintenance | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        read.problem("maintenance", "ist keine Zuordnung; weggelassen")
        return None
    kind = read.text(value, "type", lambda v: v in publiccode.MAINTENANCE_TYPES, _one_of(publiccode.MAINTENANCE_TYPES), "maintenance.")
    contractors = []
    for index, item in enumerate(_items(value, "contractors", read, "maintenance.")):
        at = f"maintenance.contractors[{index}]."
        name = read.text(item, "name", at=at) if isinstance(item, dict) else None
        if name is None:
            read.problem(at.rstrip("."), "hat keinen Namen; weggelassen")
            continue
        until = read.text(item, "until", lambda v: bool(_DATE.match(v)), "kein Datum wie 2027-12-31", at)
        contractors.append(PubliccodeContractor(name, until, read.text(item, "website", _is_web_address, "keine http(s)-Adresse", at)))
    organisations = [item.get("affiliation") for item in _items(value, "contacts", read, "maintenance.") if isinstance(item, dict)]
    contact_organisations = tuple(dict.fromkeys(c for c in (_clean(o) if isinstance(o, str) else None for o in organisations) if c))
    return PubliccodeMaintenance(kind, tuple(contractors), contact_organisations)


def _depends_on(value: Any, read: _Reader) -> tuple[PubliccodeDependency, ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        read.problem("dependsOn", "ist keine Zuordnung; weggelassen")
        return ()
    found = []
    for kind in ("open", "proprietary", "hardware"):
        for index, item in enumerate(_items(value, kind, read, "dependsOn.")):
            name = read.text(item, "name", at=f"dependsOn.{kind}[{index}].") if isinstance(item, dict) else None
            if name is None:
                read.problem(f"dependsOn.{kind}[{index}]", "hat keinen Namen; weggelassen")
                continue
            optional = item.get("optional")
            found.append(PubliccodeDependency(name, kind, _version_range(item), optional if isinstance(optional, bool) else None))
    return tuple(found)


def _version_range(item: dict[str, Any]) -> str | None:
    parts = {key: item.get(key) for key in ("version", "versionMin", "versionMax")}
    written = {key: _clean(str(value)) for key, value in parts.items() if isinstance(value, str | int | float) and not isinstance(value, bool)}
    if written.get("version"):
        return written["version"]
    bounds = [f"{sign} {written[key]}" for key, sign in (("versionMin", ">="), ("versionMax", "<=")) if written.get(key)]
    return ", ".join(bounds) or None


def _items(data: dict[str, Any], key: str, read: _Reader, prefix: str) -> list[Any]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        read.problem(prefix + key, "ist keine Liste; weggelassen")
        return []
    return value[:MAX_ITEMS]


def _clean(value: str) -> str | None:
    """One line of printable text of bounded length, or None when nothing is left."""
    text = " ".join(_NOT_PRINTABLE.sub(" ", value).split())
    return text[:MAX_TEXT] or None


def _is_web_address(value: str) -> bool:
    return value.startswith(("https://", "http://")) and " " not in value and len(value) < MAX_TEXT


def _one_of(values: tuple[str, ...]) -> str:
    return "keiner der Werte " + ", ".join(values)


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return (_clean(text) or "''")[:80]


def from_files(texts: dict[str, str], unread: dict[str, str]) -> PubliccodeFacts | None:
    """The facts of the repository's publiccode.yml (or .yaml) among the top-level files read; None when it has none."""
    for name in FILE_NAMES:
        if name in texts:
            return read_publiccode(name, texts[name].encode("utf-8"))
        if name in unread:
            return read_publiccode(name, None, unread[name])
    return None
