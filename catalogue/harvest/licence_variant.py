"""-only or -or-later: a GNU licence text is the same for both, so the choice is read from what can tell.

Evidence: current SPDX ids in manifests (a bare deprecated id like `GPL-3.0` cannot tell), SPDX-License-Identifier
lines, and the standard GNU notice at the top of source files ("either version 3 of the License, or (at your
option) any later version"). When the evidence disagrees or there is none, the family stays without a variant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from catalogue import spdx

NOTICE_BYTES = 4096  # GNU notices stand at the top of a file
_NAMES = (
    ("affero general public license", "AGPL"),
    ("lesser general public license", "LGPL"),
    ("library general public license", "LGPL"),
    ("general public license", "GPL"),
)
_OR_LATER = re.compile(
    r"version (\d(?: \d)?) of the license or at your option any later version|version (\d(?: \d)?) or any later version|version (\d(?: \d)?) or later"
)
_ONLY = re.compile(
    r"general public license version (\d(?: \d)?) only|general public license version (\d(?: \d)?) as published by the free software foundation(?! either)"
    r"|as published by the free software foundation version (\d(?: \d)?) of the license(?! or)"
)
UNDECIDED_NOTE = "-only oder -or-later nicht erkennbar"


@dataclass(frozen=True)
class VariantEvidence:
    """One statement of the version choice: `family` like 'GPL-3.0', `variant` 'only' or 'or-later', and where."""

    family: str
    variant: str
    source: str


def from_expression(expression: str, source: str) -> list[VariantEvidence]:
    """The GNU ids with a variant in an expression (current ids only: a deprecated id cannot tell)."""
    found = []
    for key in spdx.licence_ids(expression):
        variant = spdx.gnu_variant(key)
        if variant:
            found.append(VariantEvidence(variant[0], variant[1], source))
    return found


def from_notice(path: str, text: str) -> list[VariantEvidence]:
    """The version choice stated by a standard GNU notice at the top of a source file."""
    words = " ".join(re.findall(r"[a-z0-9]+", text[:NOTICE_BYTES].lower()))
    kind = next((short for name, short in _NAMES if name in words), None)
    if kind is None:
        return []
    for pattern, variant in ((_OR_LATER, "or-later"), (_ONLY, "only")):
        match = pattern.search(words)
        if match:
            version = next(group for group in match.groups() if group).replace(" ", ".")
            family = f"{kind}-{version}" if "." in version else f"{kind}-{version}.0"
            if family in spdx.GNU_FAMILIES:
                return [VariantEvidence(family, variant, f"GNU-Hinweis in {path}")]
    return []


@dataclass(frozen=True)
class Resolution:
    """The expression with the variants the evidence decides, the families it leaves open, and notes."""

    expression: str
    undecided: tuple[str, ...]
    notes: tuple[str, ...]


def resolve(expression: str, families: tuple[str, ...], evidence: list[VariantEvidence]) -> Resolution:
    """Give each family in `families` (written without variant in `expression`) the variant all evidence agrees on."""
    undecided, notes = [], []
    for family in families:
        said = {e.variant for e in evidence if e.family == family}
        if len(said) == 1:
            variant = said.pop()
            expression = re.sub(rf"(?<![\w.+-]){re.escape(family)}(?![\w.+-])", f"{family}-{variant}", expression)
            sources = sorted({e.source for e in evidence if e.family == family})
            notes.append(f"{family}-{variant} laut {', '.join(sources[:3])}" + (" und weiteren" if len(sources) > 3 else ""))
        else:
            undecided.append(family)
            notes.append(f"{family}: {UNDECIDED_NOTE}" + (" (Angaben widersprechen sich)" if said else ""))
    return Resolution(expression, tuple(undecided), tuple(notes))
