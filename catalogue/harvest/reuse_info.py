"""What a REUSE repository says about its licences: REUSE.toml, .reuse/dep5 and SPDX-License-Identifier lines.

Read with the `reuse` package (the reference implementation of the REUSE specification), from texts already
taken out of git; the files are foreign input, so whatever cannot be read is reported and skipped.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from catalogue import spdx

REUSE_FILES = ("REUSE.toml", ".reuse/dep5")
HEADER_BYTES = 8192  # REUSE headers stand at the top of a file
_WHOLE_PROJECT = {"REUSE.toml": {"**", "**/*"}, ".reuse/dep5": {"*"}}  # in dep5, "*" also matches "/"


@dataclass(frozen=True)
class Annotation:
    """Licence information for some paths, from REUSE.toml or .reuse/dep5."""

    paths: tuple[str, ...]
    expression: str
    source: str

    @property
    def covers_everything(self) -> bool:
        return any(path in _WHOLE_PROJECT[self.source] for path in self.paths)


def read_annotations(files: dict[str, str]) -> tuple[list[Annotation], list[str]]:
    """The annotations of REUSE.toml and .reuse/dep5 among `files`, and a reason for each one that cannot be read."""
    found: list[Annotation] = []
    problems: list[str] = []
    if "REUSE.toml" in files:
        try:
            found += _reuse_toml(files["REUSE.toml"])
        except Exception as error:  # foreign input: any parser failure is a reason, never a crash
            problems.append(f"REUSE.toml: nicht lesbar ({_first_line(error)})")
    if ".reuse/dep5" in files:
        try:
            found += _dep5(files[".reuse/dep5"])
        except Exception as error:
            problems.append(f".reuse/dep5: nicht lesbar ({_first_line(error)})")
    return found, problems


def _reuse_toml(text: str) -> list[Annotation]:
    from reuse.global_licensing import ReuseTOML

    parsed = ReuseTOML.from_toml(text, "REUSE.toml")
    result = []
    for item in parsed.annotations:
        expressions = [spdx.read_expression(str(e)).normalized for e in item.spdx_expressions]
        if expressions and all(expressions):
            result.append(Annotation(tuple(sorted(item.paths)), " AND ".join(sorted(str(e) for e in expressions)), "REUSE.toml"))
    return result


def _dep5(text: str) -> list[Annotation]:
    from debian.copyright import Copyright

    copyright_file = Copyright(io.StringIO(text), strict=False)
    result = []
    for paragraph in copyright_file.all_files_paragraphs():
        licence: Any = paragraph.license  # debian.copyright.License, typed loosely by python-debian
        expression = spdx.read_expression(str(licence.synopsis) if licence is not None else "").normalized
        if expression:
            result.append(Annotation(tuple(paragraph.files), expression, ".reuse/dep5"))
    return result


def header_expressions(text: str, *, normalise: bool = True) -> list[str]:
    """The SPDX-License-Identifier expressions at the top of a file, as REUSE reads them (normalised as SPDX
    defines them, or as written)."""
    raw = _raw_headers(text[:HEADER_BYTES])
    if not normalise:
        return list(raw)
    readings = [spdx.read_expression(expression).normalized for expression in raw]
    return [reading for reading in readings if reading]


@lru_cache(maxsize=512)
def _raw_headers(head: str) -> tuple[str, ...]:
    from reuse.extract import extract_reuse_info

    try:
        info = extract_reuse_info(head)
    except Exception:  # foreign input
        return ()
    return tuple(sorted(str(expression) for expression in info.spdx_expressions))


def most_common_header(sources: dict[str, str]) -> tuple[str, int, int] | None:
    """(expression, files with it, files with any) when one header expression is on more than half of the
    sampled files that have one."""
    counts = Counter(expression for text in sources.values() for expression in set(header_expressions(text)))
    with_header = sum(1 for text in sources.values() if header_expressions(text))
    if not counts:
        return None
    expression, count = counts.most_common(1)[0]
    return (expression, count, with_header) if count * 2 > with_header else None


def _first_line(error: Exception) -> str:
    line = (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
    return "".join(ch if ch.isprintable() else "?" for ch in line)  # foreign text: nothing that drives a terminal
