"""Which licence a repository is offered under (its main licence), and which other licences cover parts of it.

Main licence, the first layer that answers: publiccode.yml `legal.license`; REUSE (an entry of REUSE.toml or
.reuse/dep5 for every file, else the licence file, a manifest or most sampled source headers, among the licences
in LICENSES/); licence files matched against the SPDX texts (see `licence_text`); package manifests. Unknown
rather than wrong: one licence file that matches nothing makes the answer unknown.

Other licences (REUSE entries for some paths, LICENSES/ files the main licence does not name, sections of a
licence file that name a folder) are recorded beside it, never folded into it. A GNU licence text cannot tell
"-only" from "-or-later"; `licence_variant` decides from evidence that can, else the family stays open.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from configparser import ConfigParser
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import yaml

from catalogue import spdx
from catalogue.harvest import licence_files as parts_of
from catalogue.harvest import licence_variant, reuse_info
from catalogue.harvest.licence_text import TextMatcher, spdx_texts
from catalogue.model import OtherLicence

__all__ = ["LICENCE_FILE", "MANIFESTS", "LicenceFinding", "OtherLicence", "TextMatcher", "detect_licence", "licence_inputs", "source_sample", "spdx_texts"]

LICENCE_FILE = re.compile(r"^(licen[cs]e|copying|unlicense)([-._][a-z0-9.+-]+)?(\.(md|txt|rst|markdown))?$", re.IGNORECASE)
README = re.compile(r"^readme(\.[a-z]+)?$", re.IGNORECASE)
MANIFESTS = ("package.json", "pyproject.toml", "setup.cfg", "composer.json", "Cargo.toml", "pom.xml")
SOURCE_SAMPLE = 24  # source files read for SPDX-License-Identifier lines and GNU notices
_SOURCE = re.compile(
    r"\.(py|js|mjs|cjs|ts|tsx|jsx|vue|svelte|java|kt|kts|scala|groovy|php|rb|go|rs|c|h|cc|cpp|hpp|cs|swift|m|sh|pl|lua|r|dart|ex|exs|erl|hs|ml|sql)$",
    re.IGNORECASE,
)
_VENDORED = re.compile(r"(^|/)(node_modules|vendor|third[_-]party|external|dist|build|target|\.git\w*)/|\.min\.js$", re.IGNORECASE)
_NOT_SOURCES = frozenset({"publiccode.yml", "publiccode.yaml", ".mailmap", *MANIFESTS, *reuse_info.REUSE_FILES})
UNKNOWN = "unknown"


@dataclass(frozen=True)
class LicenceFinding:
    """The main licence found, how, where and how sure (`expression` None when unknown), and the licences of parts."""

    expression: str | None
    method: str
    files: tuple[str, ...]
    confidence: float
    reason: str
    other_licences: tuple[OtherLicence, ...] = ()
    notes: tuple[str, ...] = ()
    undecided_variants: tuple[str, ...] = ()  # GNU families in `expression` without -only/-or-later, e.g. ("GPL-3.0",)

    def as_record(self) -> dict[str, Any]:
        approval = spdx.approval(self.expression) if self.expression else None
        return {
            "expression": self.expression,
            "method": self.method,
            "files": list(self.files),
            "confidence": round(self.confidence, 4),
            "reason": self.reason,
            "osi_approved": approval.osi_approved if approval else None,
            "fsf_libre": approval.fsf_libre if approval else None,
            "other_licences": [{"expression": o.expression, "paths": list(o.paths), "source": o.source} for o in self.other_licences],
            "notes": list(self.notes),
            "undecided_variants": list(self.undecided_variants),
        }


@dataclass(frozen=True)
class _Declared:
    """A licence a manifest states, read as SPDX defines it (GNU licences named without variant stay families)."""

    expression: str
    source: str
    notes: tuple[str, ...] = ()


@dataclass
class _Repository:
    """The texts read from one repository, sorted by what they can say about licences."""

    files: dict[str, str]
    licence_files: list[str]
    reuse_ids: list[str]
    matcher: TextMatcher
    notes: list[str] = field(default_factory=list)

    @cached_property
    def sources(self) -> dict[str, str]:
        special = set(self.licence_files) | set(_NOT_SOURCES)
        return {p: t for p, t in self.files.items() if p not in special and not README.match(p) and not p.startswith("LICENSES/")}

    @cached_property
    def readme(self) -> str:
        return "\n".join(text for path, text in sorted(self.files.items()) if README.match(path))

    @cached_property
    def annotations(self) -> list[reuse_info.Annotation]:
        found, problems = reuse_info.read_annotations(self.files)
        self.notes.extend(problems)
        return found

    @cached_property
    def licence_texts(self) -> parts_of.IdentifiedFiles | None:
        return parts_of.identify_files({p: self.files[p] for p in self.licence_files if p in self.files}, self.matcher)

    @cached_property
    def manifest(self) -> _Declared | None:
        """The licence of the first manifest that states one."""
        for name in MANIFESTS:
            if name in self.files:
                declared = _manifest_declared(name, self.files[name])
                if declared is not None:
                    self.notes.extend(f"{name}: {note}" for note in declared.notes)
                    return declared
        return None

    @cached_property
    def variant_evidence(self) -> list[licence_variant.VariantEvidence]:
        evidence = []
        for name in MANIFESTS:
            declared = _manifest_declared(name, self.files[name]) if name in self.files else None
            evidence += licence_variant.from_expression(declared.expression, name) if declared else []
        texts = self.licence_texts
        for path in texts.notices if texts else ():
            evidence += licence_variant.from_notice(path, self.files[path])
        for path, text in sorted(self.sources.items()):
            for expression in reuse_info.header_expressions(text, normalise=False):
                evidence += licence_variant.from_expression(expression, f"SPDX-License-Identifier in {path}")
            evidence += licence_variant.from_notice(path, text)
        return evidence


def source_sample(paths: list[str]) -> list[str]:
    """A bounded, deterministic sample of the repository's own source files, spread over its folders."""
    sources = sorted(p for p in paths if _SOURCE.search(p) and not _VENDORED.search(p))
    if len(sources) <= SOURCE_SAMPLE:
        return sources
    step = len(sources) / SOURCE_SAMPLE
    return [sources[int(index * step)] for index in range(SOURCE_SAMPLE)]


def licence_inputs(paths: list[str]) -> tuple[list[str], list[str]]:
    """(top-level licence files, SPDX ids named by the REUSE folder LICENSES/) among a repository's paths."""
    licence_files = sorted(p for p in paths if "/" not in p and LICENCE_FILE.match(p))
    reuse_ids = [p.removeprefix("LICENSES/").rsplit(".", 1)[0] for p in paths if p.startswith("LICENSES/") and p.count("/") == 1]
    return licence_files, reuse_ids


def detect_licence(files: dict[str, str], licence_files: list[str], reuse_ids: list[str], matcher: TextMatcher, skipped: dict[str, str]) -> LicenceFinding:
    """The main and other licences from the texts read from a repository (path -> text); `skipped` explains unread files."""
    repository = _Repository(files, licence_files, [i for i in reuse_ids if spdx.is_known_id(i)], matcher)
    main = None
    for layer in _LAYERS:
        main = layer(repository)
        if main is not None:
            break
    if main is None:
        reason = "no licence file, publiccode.yml, REUSE folder or manifest licence found"
        if skipped:
            reason = "; ".join(f"{path}: {why}" for path, why in sorted(skipped.items()))
        elif licence_files:
            reason = f"{', '.join(licence_files)}: text does not match any SPDX licence closely enough"
        main = LicenceFinding(None, UNKNOWN, tuple(licence_files), 0.0, reason)
    main = _with_variants(main, repository)
    others = _other_licences(repository, main.expression)
    return replace(main, other_licences=others, notes=tuple(dict.fromkeys([*main.notes, *repository.notes])))


def _from_publiccode(repository: _Repository) -> LicenceFinding | None:
    for name in ("publiccode.yml", "publiccode.yaml"):
        if name in repository.files:
            try:
                data = yaml.safe_load(repository.files[name])
            except (yaml.YAMLError, RecursionError):  # nested deeper than Python's stack: no evidence (publiccode_facts says why)
                return None
            legal = data.get("legal") if isinstance(data, dict) else None
            license_value = legal.get("license") if isinstance(legal, dict) else None
            reading = spdx.read_expression(license_value) if isinstance(license_value, str) else spdx.Reading(None)
            if reading.normalized:
                notes = tuple(f"{name}: {note}" for note in reading.notes)
                return LicenceFinding(reading.normalized, "publiccode.yml", (name,), 1.0, f"legal.license in {name}", notes=notes)
    return None


def _from_reuse(repository: _Repository) -> LicenceFinding | None:
    ids, annotations = repository.reuse_ids, repository.annotations
    if not ids and not annotations:
        return None
    whole = [a for a in annotations if a.covers_everything]
    if whole:
        return LicenceFinding(whole[-1].expression, "REUSE", (whole[-1].source,), 1.0, f"{whole[-1].source}: Angabe für alle Dateien")
    texts = repository.licence_texts
    if texts is not None and texts.main:
        found = _from_licence_files(repository)
        if found is not None:
            return replace(found, method="REUSE", reason=f"{found.reason}; REUSE-Ordner LICENSES/")
    declared = repository.manifest
    if declared and set(spdx.licence_ids(declared.expression)) <= set(ids):
        reason = f"Lizenzfeld von {declared.source}, eine der Lizenzen in LICENSES/"
        return LicenceFinding(declared.expression, "REUSE", (declared.source,), 0.9, reason)
    common = reuse_info.most_common_header(repository.sources)
    if common and set(spdx.licence_ids(common[0])) <= set(ids):
        expression, count, total = common
        return LicenceFinding(expression, "REUSE", (), 0.9, f"SPDX-License-Identifier in {count} von {total} gelesenen Quelldateien")
    if not ids:
        return None
    reason = "die Lizenz im REUSE-Ordner LICENSES/" if len(ids) == 1 else "mehrere Lizenzen in LICENSES/; nichts sagt, welche für das ganze Projekt gilt"
    return LicenceFinding(" AND ".join(sorted(set(ids))), "REUSE", tuple(f"LICENSES/{i}.txt" for i in sorted(set(ids))), 0.9, reason)


def _from_licence_files(repository: _Repository) -> LicenceFinding | None:
    texts = repository.licence_texts
    if texts is None or not texts.main:
        return None
    expressions = sorted(set(texts.main))
    notes = list(texts.notes)
    operator = " AND "
    if len(expressions) > 1:
        declared = repository.manifest
        either = parts_of.says_either_or(repository.readme, expressions)
        manifest_or = declared is not None and spdx.equivalent(spdx.without_variants(declared.expression, spdx.GNU_FAMILIES), " OR ".join(expressions))
        if either or manifest_or:
            operator = " OR "
            notes.append("Lizenzen zur Wahl: " + ("die README sagt „either … or“" if either else f"{declared.source if declared else ''} verbindet sie mit OR"))
    expression = operator.join(expressions)
    reason = "text matched against the SPDX License List"
    return LicenceFinding(expression, "licence file", texts.paths, texts.confidence, reason, notes=tuple(notes))


def _from_manifests(repository: _Repository) -> LicenceFinding | None:
    declared = repository.manifest
    if declared is None:
        return None
    reason = f"licence field of {declared.source}"
    return LicenceFinding(declared.expression, "package manifest", (declared.source,), 0.8, reason)


_LAYERS: tuple[Callable[[_Repository], LicenceFinding | None], ...] = (_from_publiccode, _from_reuse, _from_licence_files, _from_manifests)


def _with_variants(finding: LicenceFinding, repository: _Repository) -> LicenceFinding:
    """GNU licences named without variant (from a text, a bare deprecated id, a name) get the one the evidence says."""
    families = spdx.bare_gnu_families(finding.expression) if finding.expression else ()
    if not finding.expression or not families:
        return finding
    resolution = licence_variant.resolve(finding.expression, families, repository.variant_evidence)
    return replace(finding, expression=resolution.expression, notes=(*finding.notes, *resolution.notes), undecided_variants=resolution.undecided)


def _other_licences(repository: _Repository, main: str | None) -> tuple[OtherLicence, ...]:
    main_ids = set(spdx.licence_ids(main)) if main else set()
    others: list[OtherLicence] = []
    texts = repository.licence_texts
    if texts is not None:
        others += [OtherLicence(part.expression, (part.folder,), part.source) for part in texts.folder_parts if part.folder]
    for annotation in repository.annotations:
        if not annotation.covers_everything and annotation.expression != main:
            others.append(OtherLicence(annotation.expression, annotation.paths, annotation.source))
    named = main_ids | {i for o in others for i in spdx.licence_ids(o.expression)}
    for spdx_id in sorted(set(repository.reuse_ids) - named):
        carried = sorted(p for p, t in repository.sources.items() if spdx_id in {i for e in reuse_info.header_expressions(t) for i in spdx.licence_ids(e)})
        others.append(OtherLicence(spdx_id, tuple(carried[:20]), f"LICENSES/{spdx_id}"))
    return tuple(others)


def _manifest_licence(name: str, text: str) -> str | None:
    try:
        if name in ("package.json", "composer.json"):
            data = json.loads(text)
            value = data.get("license") if isinstance(data, dict) else None
            if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                return " OR ".join(f"({v})" for v in value)
            if isinstance(value, dict):
                value = value.get("type")
            return value if isinstance(value, str) else None
        if name in ("pyproject.toml", "Cargo.toml"):
            data = tomllib.loads(text)
            section = data.get("project") or data.get("package") or data.get("tool", {}).get("poetry") or {}
            value = section.get("license")
            return value if isinstance(value, str) else None
        if name == "setup.cfg":
            parser = ConfigParser()
            parser.read_string(text)
            return parser.get("metadata", "license", fallback=None)
    except Exception:  # a broken manifest is no evidence, whatever its parser says
        return None
    return None


def _manifest_declared(name: str, text: str) -> _Declared | None:
    if name == "pom.xml":
        return _pom_declared(text)
    reading = spdx.read_expression(_manifest_licence(name, text) or "")
    return _Declared(reading.normalized, name, notes=reading.notes) if reading.normalized else None


def _pom_declared(text: str) -> _Declared | None:
    """Maven's <licenses>: several entries are alternatives ("the user can select any of them"); names are read exactly."""
    try:
        block = re.search(r"<licenses>(.*?)</licenses>", text, re.DOTALL)
        names = re.findall(r"<license>\s*<name>([^<]{1,100})</name>", block.group(1)) if block else []
    except Exception:
        return None
    parts: list[str] = []
    notes: list[str] = []
    for name in names:
        found = spdx.licence_for_name(name.strip())
        if found is None:
            return None
        spdx_id, is_family = found
        reading = spdx.Reading(spdx_id) if is_family else spdx.read_expression(spdx_id)
        if reading.normalized is None:
            return None
        parts.append(reading.normalized)
        notes += reading.notes
    if not parts:
        return None
    return _Declared(" OR ".join(dict.fromkeys(parts)), "pom.xml", tuple(notes))
