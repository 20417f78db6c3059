"""What a repository says about its own state: "no longer maintained", "moved to …", "this is a mirror".

Read from the README's first screenful (the first `SCREENFUL_LINES` lines), the host's description and recent
commit subjects. Each notice keeps the sentence as quoted evidence and, where the sentence (or the one after it)
links to a successor or the canonical repository, that address. The patterns want the project as subject
("this repository is archived"), so "data that is no longer used" or "this key is deprecated" stay silent.
"""

from __future__ import annotations

import re

from catalogue.model import Notice

SCREENFUL_LINES = 60
MAX_QUOTE = 300
_SUBJECT = (
    r"(?:this|the|our|dieses|diese|das|unser)\s+(?:\w+\s+){0,3}?"
    r"(?:project|repository|repo|app|application|package|library|tool|code|addon|add-on|plugin|module|software|projekt|anwendung|paket|bibliothek|werkzeug)"
)
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "unmaintained",
        re.compile(
            r"\b(?:no longer|not)\s+(?:being\s+|actively\s+)*(?:maintained|developed|supported)\b|\bmaintained\s+any\s?more\b|\bunmaintained\b"
            r"|\bnicht\s+mehr\s+(?:aktiv\s+)?(?:gepflegt|gewartet|unterstützt|weiterentwickelt)\b|\bwird\s+nicht\s+(?:mehr\s+)?weiterentwickelt\b",
            re.IGNORECASE,
        ),
    ),
    (
        "discontinued",
        re.compile(
            r"\b(?:has\s+been|was|is)\s+discontinued\b"
            r"|\b(?:Entwicklung|Weiterentwicklung|Projekt|Pflege|Wartung)\b[^.!?\n]{0,60}\b(?:ist|wurde|wird)\b[^.!?\n]{0,30}\beingestellt\b"
            r"|\b(?:ist|wurde|wird)\s+(?:die\s+|das\s+)?(?:Entwicklung|Weiterentwicklung|Projekt|Pflege|Wartung|Betrieb)\b[^.!?\n]{0,40}\beingestellt\b",
            re.IGNORECASE,
        ),
    ),
    ("archived", re.compile(_SUBJECT + r"\s+(?:is|has\s+been|was|ist|wurde)\s+(?:now\s+|jetzt\s+)?archiv(?:ed|iert)\b", re.IGNORECASE)),
    (
        "deprecated",
        re.compile(
            r"^\W*deprecated\b|" + _SUBJECT + r"\s+(?:is|has\s+been|ist)\s+(?:now\s+)?(?:deprecated|veraltet)\b|\bdeprecated\s+in\s+favou?r\s+of\b",
            re.IGNORECASE,
        ),
    ),
    ("out_of_date", re.compile(_SUBJECT + r"\s+(?:is|ist)\s+(?:now\s+|jetzt\s+)?(?:out\s+of\s+date|outdated|nicht\s+mehr\s+aktuell)\b", re.IGNORECASE)),
    (
        "moved",
        re.compile(
            r"\b(?:has|have|was|were|is|been)\s+(?:been\s+)?moved\s+to\b|\b(?:ist|wurde)\s+(?:\w+\s+){0,3}?umgezogen\b|\bnow\s+lives\s+(?:at|in)\b"
            r"|\bnew\s+(?:code|home|location|repository)\b[^.!?\n]{0,40}\b(?:is|can\s+be\s+found)\b|\bfind\s+the\s+new\s+code\b",
            re.IGNORECASE,
        ),
    ),
    ("superseded", re.compile(r"\bsuperseded\s+by\b|\babgelöst\s+(?:durch|von)\b|\breplaced\s+by\s+(?:the\s+)?(?:new|newer)\b", re.IGNORECASE)),
)
_MOST_TELLING = (
    "superseded",
    "moved",
    "out_of_date",
    "archived",
    "deprecated",
    "discontinued",
    "unmaintained",
)  # one notice per line: the kind that tells most
MIRROR = re.compile(
    r"\b(?:is|ist)\s+(?:only\s+|nur\s+)?(?:a|an|ein)\s+(?:[\w-]+\s+){0,2}?(?:mirror|spiegel)\b|\bread[- ]only\s+(?:mirror|repository|repo|copy|kopie)\b"
    r"|\bmirror(?:ed)?\s+(?:of|from)\b|\bgespiegelt\s+(?:von|aus)\b|\bSpiegel\s+(?:von|des|der)\b",
    re.IGNORECASE,
)
CODE_DROP = re.compile(r"\bcode[ -]?drop\b|\bmirror(?:ed)?\s+from\b|\bsync(?:ed)?\s+from\s+(?:gitlab|internal|upstream|svn)\b", re.IGNORECASE)
_SUCCESSOR_WORDS = re.compile(
    r"\b(new|newer|neue[nmrs]?|moved|umgezogen|superseded|abgelöst|in\s+favou?r|successor|nachfolger|now\s+lives|replaced|continued|weitergeführt)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](\s|$)")
_POINTS_ON = re.compile(r"\b(new|neue[nmrs]?|find|finden|moved|umgezogen)\b", re.IGNORECASE)
DESCRIPTION = "Beschreibung beim Host"
_LINK = re.compile(r"\[([^\]]*)\]\((https?://[^)\s]+)\)|<a\s[^>]*href=\"(https?://[^\"]+)\"|(?<![(\"'=])\b(https?://[^\s)<>\]\"']+)", re.IGNORECASE)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|<img\b[^>]*>", re.IGNORECASE)


def readme_notices(file: str, text: str, own_url: str) -> tuple[list[Notice], list[Notice]]:
    """(status notices, mirror hints) in the first screenful of a README."""
    lines = text.splitlines()[:SCREENFUL_LINES]
    notices: list[Notice] = []
    mirrors: list[Notice] = []
    for index, raw in enumerate(lines):
        plain = _plain(raw)
        if not plain:
            continue
        matched = [(kind, pattern) for kind, pattern in PATTERNS if pattern.search(plain)]
        if matched:
            kind = min((k for k, _ in matched), key=_MOST_TELLING.index)
            notices.append(_notice(kind, [p for _, p in matched], plain, raw, lines[index + 1 : index + 3], file, index + 1, own_url))
        if MIRROR.search(plain):
            mirrors.append(_notice("mirror", [MIRROR], plain, raw, lines[index + 1 : index + 3], file, index + 1, own_url, need_words=False))
        if len(notices) + len(mirrors) >= 10:
            break
    return notices, mirrors


def description_notices(description: str | None, own_url: str) -> tuple[list[Notice], list[Notice]]:
    """(status notices, mirror hints) in the host's description of the repository."""
    if not description:
        return [], []
    plain = _plain(description)
    matched = [(kind, pattern) for kind, pattern in PATTERNS if pattern.search(plain)]
    notices = []
    if matched:
        kind = min((k for k, _ in matched), key=_MOST_TELLING.index)
        notices.append(_notice(kind, [p for _, p in matched], plain, description, [], DESCRIPTION, None, own_url))
    mirrors = [_notice("mirror", [MIRROR], plain, description, [], DESCRIPTION, None, own_url, need_words=False)] if MIRROR.search(plain) else []
    return notices, mirrors


def commit_hints(subjects: list[tuple[str, str]]) -> list[Notice]:
    """A mirror hint from recent commit subjects ("code drop", "mirrored from …"): (commit, subject) pairs, newest first."""
    drops = [(commit, subject) for commit, subject in subjects if CODE_DROP.search(subject)]
    if not drops:
        return []
    commit, subject = drops[0]
    others = f" und {len(drops) - 1} weitere der letzten {len(subjects)} Commits" if len(drops) > 1 else ""
    return [Notice("mirror", _quote(_plain(subject)), f"Commit {commit[:12]}{others}")]


def _notice(
    kind: str,
    patterns: list[re.Pattern[str]],
    plain: str,
    raw: str,
    following: list[str],
    file: str,
    line: int | None,
    own_url: str,
    *,
    need_words: bool = True,
) -> Notice:
    sentence = _sentence(plain, patterns)
    links = [url for url in _links(raw) + [u for more in following for u in _links(more)] if not _same(url, own_url)]
    context = plain + " " + " ".join(_plain(f) for f in following)
    points_on = not need_words or _SUCCESSOR_WORDS.search(context)
    url = links[0] if links and points_on else None
    if url is not None and kind == "mirror" and not _is_repository(url):
        url = None  # "mirror of our project on OpenCoDE (https://gitlab.opencode.de/)": a host, not a repository
    return Notice(kind, sentence, file, line, url)


def _sentence(plain: str, patterns: list[re.Pattern[str]]) -> str:
    """The sentences of `plain` in which the patterns match, and the next one when it points on (a new place)."""
    spans = [m.span() for p in patterns if (m := p.search(plain))] or [(0, 0)]
    start, stop = min(s for s, _ in spans), max(e for _, e in spans)
    begin = max(plain.rfind(". ", 0, start), plain.rfind("! ", 0, start), plain.rfind("? ", 0, start))
    begin = begin + 2 if begin >= 0 else 0
    end_match = _SENTENCE_END.search(plain, stop)
    end = end_match.end() if end_match else len(plain)
    sentence = plain[begin:end].strip()
    following = _SENTENCE_END.search(plain, end)
    rest = plain[end : following.end() if following else len(plain)].strip()
    if rest and _POINTS_ON.search(rest) and len(sentence) < MAX_QUOTE // 2:
        sentence = f"{sentence} {rest}"
    return _quote(sentence)


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1].rstrip() + "…"


def _plain(raw: str) -> str:
    """Markdown and HTML reduced to the words a reader sees; control characters removed."""
    text = _IMAGE.sub(" ", raw)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]{0,300}>", " ", text)
    text = re.sub(r":[a-z_]+:", " ", text)  # GitHub emoji codes
    text = re.sub(r"[*_`#>|]+", " ", text)
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def _links(raw: str) -> list[str]:
    without_images = _IMAGE.sub(" ", raw)
    return [next(g for g in match.groups()[1:] if g).rstrip(".,;") for match in _LINK.finditer(without_images)][:5]


def _same(url: str, own_url: str) -> bool:
    def key(address: str) -> str:
        return re.sub(r"^https?://(www\.)?", "", address.lower()).removesuffix(".git").rstrip("/")

    return key(url) == key(own_url) or key(url).startswith(key(own_url) + "/")


def _is_repository(url: str) -> bool:
    """An address with at least owner and name after the host."""
    path = re.sub(r"^https?://[^/]+", "", url).strip("/")
    return path.count("/") >= 1
