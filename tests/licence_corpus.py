"""A corpus of real licence texts and variants, with the answer a careful reader would give."""

from __future__ import annotations

import re
from pathlib import Path

from catalogue.harvest.licences import spdx_texts

COMMON = [
    "MIT",
    "Apache-2.0",
    "GPL-2.0-only",
    "GPL-3.0-only",
    "AGPL-3.0-only",
    "LGPL-2.1-only",
    "LGPL-3.0-only",
    "MPL-2.0",
    "EUPL-1.2",
    "EUPL-1.1",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "ISC",
    "EPL-2.0",
    "EPL-1.0",
    "Unlicense",
    "CC0-1.0",
    "0BSD",
    "Zlib",
    "BSL-1.0",
    "MIT-0",
    "CC-BY-4.0",
    "CC-BY-SA-4.0",
    "OFL-1.1",
    "Artistic-2.0",
    "WTFPL",
    "PostgreSQL",
    "UPL-1.0",
]
DEBIAN = {
    "Apache-2.0": "Apache-2.0",
    "GPL-2": "GPL-2.0-only",
    "GPL-3": "GPL-3.0-only",
    "LGPL-2.1": "LGPL-2.1-only",
    "LGPL-3": "LGPL-3.0-only",
    "MPL-2.0": "MPL-2.0",
    "CC0-1.0": "CC0-1.0",
}
_PLACEHOLDER = re.compile(r"<\s*(year|copyright holders?|owner|organization|name of author)[^>]*>", re.IGNORECASE)


def _filled(text: str) -> str:
    return _PLACEHOLDER.sub("2021 Stadt Musterstadt", text).replace("[yyyy] [name of copyright owner]", "2021 Stadt Musterstadt")


def _markdown(spdx_id: str, text: str) -> str:
    paragraphs = [p.strip().replace("\n", " ") for p in text.split("\n\n") if p.strip()]
    return f"# {spdx_id} License\n\nCopyright (c) 2019-2024 Landeshauptstadt Musterstadt, it@M\n\n" + "\n\n".join(
        f"**{p}**" if i == 0 else p for i, p in enumerate(paragraphs)
    )


def _modified(text: str) -> str:
    """Change a real condition: the result is a different licence and must not be identified."""
    words = text.split()
    cut = len(words) // 3
    inserted = ["only", "for", "non-commercial", "purposes", "and", "never", "by", "any", "public", "authority", "or", "its", "contractors"]
    return " ".join([*words[:cut], *inserted, *words[cut + 25 :]])


def corpus() -> list[tuple[str, dict[str, str], str | None]]:
    """(case name, files, expected SPDX expression or None for unknown)."""
    texts = spdx_texts()
    cases: list[tuple[str, dict[str, str], str | None]] = []
    for spdx_id in COMMON:
        text = texts[spdx_id]
        cases.append((f"{spdx_id} SPDX text", {"LICENSE": text}, spdx_id))
        cases.append((f"{spdx_id} other copyright", {"LICENSE.txt": _filled(text)}, spdx_id))
        cases.append((f"{spdx_id} Markdown", {"LICENSE.md": _markdown(spdx_id, _filled(text))}, spdx_id))
        cases.append((f"{spdx_id} appended notice", {"COPYING": _filled(text) + "\n\nThird-party components are listed in NOTICE.md.\n"}, spdx_id))
        cases.append((f"{spdx_id} modified", {"LICENSE": _modified(text)}, None))
    for name, spdx_id in DEBIAN.items():
        path = Path("/usr/share/common-licenses") / name
        if path.exists():
            cases.append((f"Debian {name}", {"LICENSE": path.read_text(encoding="utf-8")}, spdx_id))
    cases.append(("dual MIT + Apache-2.0", {"LICENSE-MIT": _filled(texts["MIT"]), "LICENSE-APACHE": texts["Apache-2.0"]}, "Apache-2.0 AND MIT"))
    return cases
