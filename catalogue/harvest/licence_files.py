"""The licence files at the top of a repository: each identified, a file of several licence texts split into its
parts (a part that names a folder is that folder's licence), and the conventions that join them.

- COPYING with the GPL-3.0 next to COPYING.LESSER with the LGPL-3.0 is the LGPL-3.0: GNU ships the GPL it builds on.
- Several licence files are alternatives ("OR") when the README says so in an "either … or" sentence naming each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from catalogue import spdx
from catalogue.harvest import licence_variant
from catalogue.harvest.licence_text import TextMatcher, spdx_texts, words_of

MAX_PARTS = 8  # blocks of one file tried as licence texts; more is not a licence file
MAX_CONNECTING_WORDS = 60  # text between two licences ("The files in frontend/ are licensed under:")
MAX_NOTICE_WORDS = 300  # a GNU notice is about 150 words; a licence text is thousands


@dataclass(frozen=True)
class Part:
    """One licence text in a licence file: its SPDX id (a GNU family without variant), and the folder it names."""

    expression: str
    similarity: float
    folder: str | None
    source: str


@dataclass(frozen=True)
class IdentifiedFiles:
    """All licence files identified: the licences of the project, those of named folders, and notes."""

    main: list[str]
    folder_parts: list[Part]
    paths: tuple[str, ...]
    confidence: float
    notes: tuple[str, ...]
    notices: tuple[str, ...] = ()  # files named like licences that hold a GNU notice (a header template), not a licence


def identify_files(texts: dict[str, str], matcher: TextMatcher) -> IdentifiedFiles | None:
    """Identify every licence file; None when one of them (or one part of one) matches no licence."""
    parts: list[tuple[str, Part]] = []
    notices: list[str] = []
    for path, text in sorted(texts.items()):
        found = parts_of_file(path, text, matcher)
        if found is None and len(words_of(text)) <= MAX_NOTICE_WORDS and licence_variant.from_notice(path, text):
            notices.append(path)  # "license-header": the notice for source files, not a licence text
        elif found is None:
            return None
        else:
            parts += [(path, part) for part in found]
    if not parts:
        return None
    main = [(path, part) for path, part in parts if part.folder is None]
    notes = [f"{path}: ein GNU-Hinweis für Quelldateien, kein Lizenztext" for path in notices]
    ids = {part.expression for _, part in main}
    if {"LGPL-3.0", "GPL-3.0"} <= ids:
        gpl_files = sorted(path for path, part in main if part.expression == "GPL-3.0")
        notes.append(f"{', '.join(gpl_files)}: der Text der GPL-3.0, auf dem die LGPL-3.0 aufbaut")
        main = [(path, part) for path, part in main if part.expression != "GPL-3.0"]
    return IdentifiedFiles(
        main=sorted({part.expression for _, part in main}),
        folder_parts=[part for _, part in parts if part.folder is not None],
        paths=tuple(sorted(set(texts) - set(notices))),
        confidence=min(part.similarity for _, part in parts),
        notes=tuple(notes),
        notices=tuple(notices),
    )


def parts_of_file(path: str, text: str, matcher: TextMatcher) -> list[Part] | None:
    """The licence texts in one file: the whole text if it is one licence, else its blocks joined greedily."""
    whole = matcher.identify(text)
    if whole is not None:
        return [Part(_family(whole[0]), whole[1], None, path)]
    blocks = _blocks(text)
    if len(blocks) < 2 or len(blocks) > MAX_PARTS:
        return None
    parts: list[Part] = []
    start, connecting = 0, ""
    while start < len(blocks):
        found, end = _licence_at(blocks, start, matcher)
        if found is None:
            if len(words_of(blocks[start])) > MAX_CONNECTING_WORDS:
                return None  # a long text that is no licence: another licence, or a changed one
            connecting += blocks[start]
            start += 1
            continue
        intro = connecting + (blocks[start] if _is_connecting(blocks[start]) else "")
        folder = _named_folder(intro) if parts else None
        parts.append(Part(_family(found[0]), found[1], folder, f"{path} (Teil {len(parts) + 1})"))
        start, connecting = end, ""
    if len(words_of(connecting)) > MAX_CONNECTING_WORDS:
        return None
    return parts if len(parts) > 1 else None


def _licence_at(blocks: list[str], start: int, matcher: TextMatcher) -> tuple[tuple[str, float] | None, int]:
    """The licence that starts at block `start` and the block after it: the fewest blocks that are a licence,
    extended over following blocks while they stay that licence (an appendix), never over an introduction."""
    for end in range(start + 1, len(blocks) + 1):
        found = matcher.identify("".join(blocks[start:end]))
        if found is None:
            continue
        while end < len(blocks) and not _is_connecting(blocks[end]):
            longer = matcher.identify("".join(blocks[start : end + 1]))
            if longer is None or longer[0] != found[0]:
                break
            found, end = longer, end + 1
        return found, end
    return None, start + 1


def _family(spdx_id: str) -> str:
    variant = spdx.gnu_variant(spdx_id)
    return variant[0] if variant else spdx_id


_SEPARATOR = re.compile(r"^\s*([-*_=~]\s*){3,}$")
# A line that introduces the next licence: "The files in the folder `frontend/` are licensed under the following
# licence:", "src/viewshed/ is covered by Apache 2.0.", "Die Dateien im Ordner karte/ stehen unter der MIT-Lizenz".
_CONNECTING = re.compile(r"(licen[cs]|lizenz)[^\n]*:\s*$|(folder|director(y|ies)|ordner|verzeichnis)[^\n]*(licen[cs]|lizenz)", re.IGNORECASE)
_PATH_STATEMENT = re.compile(
    r"(?<![\w./:-])[\w.-]+/[\w./-]*[^\n]*\b(licen[cs]|lizenz|covered by|applies|gilt|unterliegt|steht unter|stehen unter)", re.IGNORECASE
)


def _is_connecting(block: str) -> bool:
    first = next((line for line in block.splitlines() if line.strip()), "")
    return len(first) < 300 and "://" not in first and bool(_CONNECTING.search(first) or _PATH_STATEMENT.search(first))


@lru_cache(maxsize=1)
def _licence_titles() -> frozenset[str]:
    """The first line of every SPDX licence text, folded: a line like this starts a licence."""
    titles = set()
    for text in spdx_texts().values():
        first = next((line for line in text.splitlines() if line.strip()), "")
        folded = _fold(first)
        if 4 <= len(folded) <= 80:
            titles.add(folded)
    return frozenset(titles)


def _fold(line: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", line.lower().replace("licence", "license")).strip()


def _blocks(text: str) -> list[str]:
    """The text cut before separator lines, licence titles and "licensed under" lines that follow a blank line."""
    lines = text.splitlines(keepends=True)
    cuts = [0]
    for index, line in enumerate(lines):
        if index == 0:
            continue
        after_blank = not lines[index - 1].strip() or bool(_SEPARATOR.match(lines[index - 1]))
        starts = _fold(line) in _licence_titles() or _is_connecting(line)
        if _SEPARATOR.match(line) or (after_blank and starts):
            cuts.append(index)
    cuts.append(len(lines))
    return ["".join(lines[a:b]) for a, b in pairwise(cuts) if b > a]


_FOLDER = re.compile(
    r"`([\w.@/-]+/?)`|\b(?:folder|directory|directories|ordner|verzeichnis)\s+[\"'“„]?([\w.@-]+(?:/[\w.@-]+)*/?)|\b([\w.@-]+(?:/[\w.@-]+)*/)(?=[\s,.:;)]|$)",
    re.IGNORECASE,
)


def _named_folder(text: str) -> str | None:
    """The folder a section says it is for ("The files in the folder `frontend/` …"), if any."""
    for match in _FOLDER.finditer(text):
        folder = next(group for group in match.groups() if group)
        if "://" not in text[max(0, match.start() - 8) : match.end()] and not folder.startswith(("http", "www.")):
            return folder.rstrip("/") + "/"
    return None


_EITHER = re.compile(r"\beither\b|at your option|dual[- ]licen[cs]ed|\bwahlweise\b|\bentweder\b|nach (?:ihrer|deiner|eigener) wahl", re.IGNORECASE)


def says_either_or(readme: str, expressions: list[str]) -> bool:
    """Whether the README offers these licences as alternatives: one "either … or" passage that names each."""
    for match in _EITHER.finditer(readme):
        passage = readme[max(0, match.start() - 300) : match.end() + 500]
        if all(_mentions(passage, expression) for expression in expressions):
            return True
    return False


def _mentions(passage: str, expression: str) -> bool:
    short = expression.split("-")[0]
    flags = 0 if short.lower() in ("mit",) else re.IGNORECASE  # "mit" is also a German word
    if re.search(rf"(?<![a-z0-9]){re.escape(short)}(?![a-z])", passage, flags):
        return True
    name = spdx.licence_name(expression)
    return bool(name) and name.lower() in passage.lower()
