"""A corpus of licence texts and repository shapes, with the answer a careful reader would give.

Each case is (name, files, expected main licence or None for unknown). `files` maps repository paths to texts,
as the harvest reads them; paths under LICENSES/ only need to exist (REUSE names its licences by file name).
A GNU licence text alone cannot tell "-only" from "-or-later", so the answer is then the family ("GPL-3.0").
"""

from __future__ import annotations

import json
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
    "GPL-2": "GPL-2.0",
    "GPL-3": "GPL-3.0",
    "LGPL-2.1": "LGPL-2.1",
    "LGPL-3": "LGPL-3.0",
    "MPL-2.0": "MPL-2.0",
    "CC0-1.0": "CC0-1.0",
}
_PLACEHOLDER = re.compile(r"<\s*(year|copyright holders?|owner|organization|name of author)[^>]*>", re.IGNORECASE)
_GNU = re.compile(r"^((A|L)?GPL-\d\.\d)-(only|or-later)$")


def family(spdx_id: str) -> str:
    """What a GNU licence text alone can tell: the family without -only/-or-later."""
    found = _GNU.match(spdx_id)
    return found.group(1) if found else spdx_id


def _filled(text: str) -> str:
    return _PLACEHOLDER.sub("2021 Stadt Musterstadt", text).replace("[yyyy] [name of copyright owner]", "2021 Stadt Musterstadt")


def _markdown(spdx_id: str, text: str) -> str:
    paragraphs = [p.strip().replace("\n", " ") for p in text.split("\n\n") if p.strip()]
    return f"# {spdx_id} License\n\nCopyright (c) 2019-2024 Landeshauptstadt Musterstadt, it@M\n\n" + "\n\n".join(
        f"**{p}**" if i == 0 else p for i, p in enumerate(paragraphs)
    )


def _gnu_markdown(text: str) -> str:
    """A GNU licence as the widely copied Markdown editions write it: a Setext title, italic version and copyright
    lines with HTML entities, headings for sections, bold list markers."""
    paragraphs = [p.strip().replace("\n", " ") for p in text.split("\n\n") if p.strip()]
    out = [paragraphs[0].title(), "=" * len(paragraphs[0]), ""]
    for paragraph in paragraphs[1:]:
        paragraph = paragraph.replace("<", "&lt;<").replace(">", ">&gt;")
        if paragraph.startswith(("Version ", "Copyright")):
            out.append(f"_{paragraph}_  ")
        elif len(paragraph) < 70 and not paragraph.endswith("."):
            out += ["", f"### {paragraph}", ""]
        elif re.match(r"^\d+\. [A-Z]", paragraph):
            number, _, rest = paragraph.partition(" ")
            out += ["", f"### {number} {rest}"]
        elif re.match(r"^[a-z]\) ", paragraph):
            out.append(f" * **{paragraph[:2]}** {paragraph[3:]}")
        else:
            out += ["", paragraph]
    return "\n".join(out) + "\n"


def _modified(text: str) -> str:
    """Change a real condition: the result is a different licence and must not be identified."""
    words = text.split()
    cut = len(words) // 3
    inserted = ["only", "for", "non-commercial", "purposes", "and", "never", "by", "any", "public", "authority", "or", "its", "contractors"]
    return " ".join([*words[:cut], *inserted, *words[cut + 25 :]])


def _cut(text: str, marker: str) -> str:
    return text[: text.index(marker)]


def lgpl3_alone() -> str:
    """GNU's COPYING.LESSER: the LGPL-3.0 additional permissions, without the GPL-3.0 that SPDX's text appends."""
    return _cut(spdx_texts()["LGPL-3.0-only"], "GNU GENERAL PUBLIC LICENSE")


GNU_NOTICE = """/*
 * Parkraum-Monitor
 * Copyright (C) 2021 Stadt Musterstadt
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU {name} as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU {name} for more details.
 */
#include "monitor.h"
"""
GNU_ONLY_NOTICE = """# Copyright (C) 2021 Stadt Musterstadt
#
# This program is free software: you can redistribute it and/or modify it
# under the terms of the GNU General Public License version 3 as published
# by the Free Software Foundation.
import os
"""
README_EITHER = """# Parkraum

## Lizenz

Licensed under either of

 * Apache License, Version 2.0 ([LICENSE-APACHE](LICENSE-APACHE))
 * MIT license ([LICENSE-MIT](LICENSE-MIT))

at your option.
"""
README_WAHLWEISE = "# Parkraum\n\n## Lizenz\n\nSie dürfen die Software wahlweise unter der EUPL 1.2 (LICENSE-EUPL) oder der MIT-Lizenz (LICENSE-MIT) nutzen.\n"
DEP5 = """Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: stadtplan
Source: https://example.org/stadtplan

Files: *
Copyright: 2022 Stadt Musterstadt
License: AGPL-3.0-or-later

Files: config/* *.json
Copyright: 2022 Stadt Musterstadt
License: CC0-1.0

Files: web/vendor/*
Copyright: 2019 Example Vendor
License: MIT OR BSD-2-Clause
"""
REUSE_TOML_CATCH_ALL = """version = 1

[[annotations]]
path = "**"
precedence = "aggregate"
SPDX-FileCopyrightText = "2023 Stadt Musterstadt"
SPDX-License-Identifier = "EUPL-1.2"

[[annotations]]
path = ["**/*.json", "**/*.svg", ".github/**"]
SPDX-FileCopyrightText = "2023 Stadt Musterstadt"
SPDX-License-Identifier = "CC0-1.0"
"""
REUSE_TOML_PARTS = """version = 1

[[annotations]]
path = ["docs/**", "**/*.md"]
SPDX-FileCopyrightText = "2023 Stadt Musterstadt"
SPDX-License-Identifier = "CC-BY-4.0"

[[annotations]]
path = ["**/*.json", "**/*.yaml"]
SPDX-FileCopyrightText = "2023 Stadt Musterstadt"
SPDX-License-Identifier = "CC0-1.0"
"""


VIEWSHED = "src/viewshed/ is covered by Apache 2.0. The source code was modified on 04/2024."


def _folder_section(first: str, second: str, folder: str) -> str:
    return f"{first}\n\n---\n\nThe files in the folder `{folder}` are licensed under the following licence:\n\n{second}"


def _pom(*names: str) -> str:
    licences = "".join(f"<license><name>{name}</name></license>" for name in names)
    return f"<project><modelVersion>4.0.0</modelVersion><licenses>{licences}</licenses></project>"


def corpus() -> list[tuple[str, dict[str, str], str | None]]:
    """(case name, files, expected SPDX expression or None for unknown)."""
    texts = spdx_texts()
    cases: list[tuple[str, dict[str, str], str | None]] = []
    for spdx_id in COMMON:
        text, expected = texts[spdx_id], family(spdx_id)
        cases.append((f"{spdx_id} SPDX text", {"LICENSE": text}, expected))
        cases.append((f"{spdx_id} other copyright", {"LICENSE.txt": _filled(text)}, expected))
        cases.append((f"{spdx_id} Markdown", {"LICENSE.md": _markdown(spdx_id, _filled(text))}, expected))
        cases.append((f"{spdx_id} appended notice", {"COPYING": _filled(text) + "\n\nThird-party components are listed in NOTICE.md.\n"}, expected))
        cases.append((f"{spdx_id} modified", {"LICENSE": _modified(text)}, None))
    for name, expected in DEBIAN.items():
        path = Path("/usr/share/common-licenses") / name
        if path.exists():
            cases.append((f"Debian {name}", {"LICENSE": path.read_text(encoding="utf-8")}, expected))
    cases += gnu_cases(texts) + dual_cases(texts) + concatenated_cases(texts) + reuse_cases(texts) + manifest_cases() + short_form_cases(texts)
    return cases


def gnu_cases(texts: dict[str, str]) -> list[tuple[str, dict[str, str], str | None]]:
    gpl, lesser = texts["GPL-3.0-only"], lgpl3_alone()
    lgpl_header = GNU_NOTICE.format(name="Lesser General Public License")
    return [
        ("GNU COPYING.LESSER alone", {"COPYING.LESSER": lesser}, "LGPL-3.0"),
        ("GNU COPYING and COPYING.LESSER", {"COPYING": gpl, "COPYING.LESSER": lesser}, "LGPL-3.0"),
        ("GNU COPYING.LESSER with or-later headers", {"COPYING": gpl, "COPYING.LESSER": lesser, "src/monitor.c": lgpl_header}, "LGPL-3.0-or-later"),
        ("GNU COPYING.LESSER modified", {"COPYING.LESSER": _modified(lesser)}, None),
        ("LGPL-3.0 beside a license-header notice", {"LICENSE": lesser, "license-header": lgpl_header}, "LGPL-3.0-or-later"),
        ("GPL-3.0 with or-later headers", {"LICENSE": gpl, "src/main.c": GNU_NOTICE.format(name="General Public License")}, "GPL-3.0-or-later"),
        ("GPL-3.0 with -only headers", {"COPYING": gpl, "app/main.py": GNU_ONLY_NOTICE}, "GPL-3.0-only"),
        ("GPL-3.0 with SPDX header", {"LICENSE": gpl, "app/x.js": "// SPDX-License-Identifier: GPL-3.0-or-later\nexport {}\n"}, "GPL-3.0-or-later"),
        ("AGPL-3.0 with package.json", {"LICENSE": texts["AGPL-3.0-only"], "package.json": '{"license": "AGPL-3.0-or-later"}'}, "AGPL-3.0-or-later"),
        (
            "GPL-3.0 with contradicting headers",
            {"LICENSE": gpl, "src/a.c": GNU_NOTICE.format(name="General Public License"), "src/b.py": "# SPDX-License-Identifier: GPL-3.0-only\n"},
            "GPL-3.0",
        ),
        ("GPL-3.0 header of another family", {"LICENSE": gpl, "src/lib.c": lgpl_header}, "GPL-3.0"),
        ("GPL-3.0 Markdown edition", {"LICENSE.md": _gnu_markdown(gpl)}, "GPL-3.0"),
        ("AGPL-3.0 Markdown edition", {"LICENSE.md": _gnu_markdown(texts["AGPL-3.0-only"])}, "AGPL-3.0"),
        ("GPL-2.0 Markdown edition", {"COPYING.md": _gnu_markdown(texts["GPL-2.0-only"])}, "GPL-2.0"),
        ("LGPL-2.1 Markdown edition", {"LICENSE.md": _gnu_markdown(texts["LGPL-2.1-only"])}, "LGPL-2.1"),
        ("GPL-3.0 Markdown edition modified", {"LICENSE.md": _gnu_markdown(_modified(gpl))}, None),
    ]


def dual_cases(texts: dict[str, str]) -> list[tuple[str, dict[str, str], str | None]]:
    pair = {"LICENSE-MIT": _filled(texts["MIT"]), "LICENSE-APACHE": texts["Apache-2.0"]}
    eupl = {"LICENSE-EUPL": texts["EUPL-1.2"], "LICENSE-MIT": _filled(texts["MIT"])}
    return [
        ("dual MIT + Apache-2.0 without wording", pair, "Apache-2.0 AND MIT"),
        ("dual MIT + Apache-2.0 with README either", {**pair, "README.md": README_EITHER}, "Apache-2.0 OR MIT"),
        ("dual MIT + Apache-2.0 with Cargo.toml", {**pair, "Cargo.toml": '[package]\nname = "x"\nlicense = "MIT OR Apache-2.0"\n'}, "Apache-2.0 OR MIT"),
        ("dual EUPL + MIT with German README", {**eupl, "README.md": README_WAHLWEISE}, "EUPL-1.2 OR MIT"),
        ("dual with one modified text", {**pair, "LICENSE-MIT": _modified(texts["MIT"]), "README.md": README_EITHER}, None),
    ]


def concatenated_cases(texts: dict[str, str]) -> list[tuple[str, dict[str, str], str | None]]:
    mit, apache, eupl = _filled(texts["MIT"]), texts["Apache-2.0"], texts["EUPL-1.2"]
    return [
        ("concatenated MIT, Apache-2.0 for a folder", {"LICENSE": _folder_section(mit, apache, "frontend/")}, "MIT"),
        ("concatenated EUPL, MIT for a folder", {"LICENSE.md": _folder_section(eupl, mit, "src/vendor/leaflet")}, "EUPL-1.2"),
        ("concatenated two texts, no folder", {"LICENSE": f"{mit}\n\n---\n\n{apache}"}, "Apache-2.0 AND MIT"),
        (
            "concatenated with a path statement between (a real shape)",
            {"LICENSE": f"The following licensing applies to this project:\n{mit}\n\n{VIEWSHED}\n\n{apache}"},
            "MIT",
        ),
        ("concatenated with a modified part", {"LICENSE": _folder_section(mit, _modified(apache), "frontend/")}, None),
    ]


def reuse_cases(texts: dict[str, str]) -> list[tuple[str, dict[str, str], str | None]]:
    def licences(*ids: str) -> dict[str, str]:
        return {f"LICENSES/{i}.txt": "" for i in ids}

    return [
        ("REUSE dep5 with Files: *", {".reuse/dep5": DEP5, **licences("AGPL-3.0-or-later", "BSD-2-Clause", "CC0-1.0", "MIT")}, "AGPL-3.0-or-later"),
        ("REUSE.toml with a catch-all", {"REUSE.toml": REUSE_TOML_CATCH_ALL, **licences("CC0-1.0", "EUPL-1.2")}, "EUPL-1.2"),
        (
            "REUSE.toml for parts, LICENSE file",
            {"REUSE.toml": REUSE_TOML_PARTS, "LICENSE": texts["EUPL-1.2"], **licences("CC-BY-4.0", "CC0-1.0", "EUPL-1.2")},
            "EUPL-1.2",
        ),
        (
            "REUSE.toml for parts, SPDX headers",
            {
                "REUSE.toml": REUSE_TOML_PARTS,
                "src/app.py": "# SPDX-FileCopyrightText: 2023 Stadt Musterstadt\n# SPDX-License-Identifier: AGPL-3.0-or-later\n",
                "src/db.py": "# SPDX-License-Identifier: AGPL-3.0-or-later\n",
                "web/main.ts": "// SPDX-License-Identifier: AGPL-3.0-or-later\n",
                **licences("AGPL-3.0-or-later", "CC-BY-4.0", "CC0-1.0"),
            },
            "AGPL-3.0-or-later",
        ),
        ("REUSE folder with package.json", {"package.json": '{"license": "EUPL-1.2"}', **licences("CC0-1.0", "EUPL-1.2", "MIT")}, "EUPL-1.2"),
        ("REUSE folder with one licence", licences("Apache-2.0"), "Apache-2.0"),
        ("REUSE folder with several, nothing says which", licences("CC0-1.0", "MIT"), "CC0-1.0 AND MIT"),
    ]


def manifest_cases() -> list[tuple[str, dict[str, str], str | None]]:
    return [
        ("package.json deprecated AGPL-3.0 in OR", {"package.json": json.dumps({"license": "(AGPL-3.0 OR EUPL-1.2)"})}, "AGPL-3.0 OR EUPL-1.2"),
        ("package.json deprecated GPL-3.0", {"package.json": json.dumps({"license": "GPL-3.0"})}, "GPL-3.0"),
        (
            "package.json deprecated GPL-3.0 with or-later headers",
            {"package.json": json.dumps({"license": "GPL-3.0"}), "src/index.js": GNU_NOTICE.format(name="General Public License")},
            "GPL-3.0-or-later",
        ),
        ("composer.json deprecated GPL-3.0+", {"composer.json": json.dumps({"license": "GPL-3.0+"})}, "GPL-3.0-or-later"),
        ("composer.json list with deprecated LGPL-2.1", {"composer.json": json.dumps({"license": ["LGPL-2.1", "MIT"]})}, "LGPL-2.1 OR MIT"),
        ("pom.xml deprecated id", {"pom.xml": _pom("AGPL-3.0")}, "AGPL-3.0"),
        (
            "pom.xml GNU name with or later",
            {"pom.xml": _pom("GNU Lesser General Public License v3, or (at your option) any later version")},
            "LGPL-3.0-or-later",
        ),
        ("pom.xml GNU name without variant", {"pom.xml": _pom("GNU Affero General Public License v3.0")}, "AGPL-3.0"),
        ("pom.xml two licences", {"pom.xml": _pom("The Apache Software License, Version 2.0", "MIT License")}, "Apache-2.0 OR MIT"),
        ("pom.xml unknown name", {"pom.xml": _pom("Stadtlizenz Musterstadt 1.0")}, None),
        ("package.json no SPDX", {"package.json": json.dumps({"license": "SEE LICENSE IN LICENSE.md"})}, None),
        ("package.json bare AGPL", {"package.json": json.dumps({"license": "AGPL"})}, None),
    ]


def short_form_cases(texts: dict[str, str]) -> list[tuple[str, dict[str, str], str | None]]:
    mpl, epl, cc = texts["MPL-2.0"], texts["EPL-2.0"], texts["CC-BY-4.0"]
    return [
        ("MPL-2.0 without exhibits", {"LICENSE": _cut(mpl, "Exhibit A - Source Code Form License Notice")}, "MPL-2.0"),
        ("EPL-2.0 without Exhibit A", {"LICENSE": _cut(epl, "Exhibit A – Form of Secondary")}, "EPL-2.0"),
        ("CC-BY-4.0 without the Creative Commons notice", {"LICENSE": _cut(cc, "Creative Commons is not a party")}, "CC-BY-4.0"),
        ("MPL-2.0 without its last section", {"LICENSE": _cut(mpl, "10. Versions of the License")}, None),
    ]
