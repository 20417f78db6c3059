"""Checks on the Markdown that contributors write in descriptions.

Raw HTML is refused rather than silently dropped, so the author sees what the site will not show;
the site escapes it as well, so nothing in a description ever runs in a visitor's browser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from catalogue.messages import msg

_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)[^`].*?\1", re.DOTALL)
_HTML = re.compile(r"<!--|<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?\s*>")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")
_SAFE_SCHEMES = ("http:", "https:", "mailto:")


@dataclass(frozen=True)
class TextProblem:
    line_offset: int  # 0 = the first line of the text
    message: str


def markdown_problems(text: str) -> list[TextProblem]:
    """Raw HTML and links with schemes other than http(s) and mailto, with the line they stand on."""
    masked = _mask(text)
    problems: list[TextProblem] = []
    for match in _HTML.finditer(masked):
        tag = text[match.start() : match.end()]
        shown = tag if len(tag) <= 40 else tag[:37] + "..."
        problems.append(TextProblem(_line_of(text, match.start()), msg("markdown.html", tag=shown)))
    for pattern in (_INLINE_LINK, _REFERENCE, _AUTOLINK):
        for match in pattern.finditer(masked):
            target = text[match.start(1) : match.end(1)].strip()
            if _has_scheme(target) and not target.lower().startswith(_SAFE_SCHEMES):
                scheme = target.split(":", 1)[0]
                problems.append(TextProblem(_line_of(text, match.start(1)), msg("markdown.scheme", scheme=scheme)))
    return sorted(problems, key=lambda problem: problem.line_offset)


def _mask(text: str) -> str:
    # Code is shown as code, so HTML inside it is harmless; blank it out but keep offsets.
    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, text))


def _has_scheme(target: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", re.sub(r"[\x00-\x20]", "", target)))


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)
