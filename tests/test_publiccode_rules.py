"""The importer applies the standard's rules to optional keys too (cases modelled on the reference parser's test data)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from test_office import MINIMAL

from catalogue import publiccode


def problems(extra: dict[str, Any], base_dir: Path | None = None) -> list[str]:
    data = yaml.safe_load(MINIMAL.format(version="0.5"))
    data.update(extra)
    return publiccode.validate(data, base_dir)


def test_the_minimal_file_is_valid() -> None:
    assert problems({}) == []


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        ({"foobar": 1}, "foobar"),
        ({"releaseDate": "2011-01-01 20:04:05"}, "releaseDate"),
        ({"softwareVersion": 1.0}, "softwareVersion"),
        ({"isBasedOn": "not a url"}, "isBasedOn"),
        ({"usedBy": "Stadt X"}, "usedBy"),
        ({"platforms": "web"}, "platforms"),
        ({"organisation": {"name": "X", "uri": "1"}}, "organisation.uri"),
        ({"organisation": ["X"]}, "organisation"),
        ({"fundedBy": [{"name": "X"}]}, "fundedBy[0].uri"),
        ({"intendedAudience": {"countries": ["DE", "Fr"]}}, "intendedAudience.countries"),
        ({"intendedAudience": {"scope": ["space-travel"]}}, "intendedAudience.scope"),
        ({"dependsOn": {"open": [{"name": "PostgreSQL", "versionMin": 13}]}}, "dependsOn.open[0].versionMin"),
        ({"supports": [{"id": "alias:nonsense"}]}, "supports[0].id"),
        ({"logo": "file:///logo.png"}, "logo"),
        ({"logo": "logo.gif"}, "logo"),
        ({"maintenance": {"type": "internal", "contacts": [{"name": "A"}], "contractors": [{"name": "B", "until": "2030-01-01"}]}}, "maintenance.contractors"),
        ({"maintenance": {"type": "contract", "contractors": [{"name": "B", "until": "bald"}]}}, "maintenance.contractors[0].until"),
    ],
)
def test_broken_optional_keys_are_named(extra: dict[str, Any], key: str) -> None:
    assert any(p.startswith(f"{key}:") for p in problems(extra)), problems(extra)


def test_valid_optional_keys_pass() -> None:
    extra = {
        "organisation": {"uri": "urn:x-italian-pa:pcm", "name": "X"},
        "fundedBy": [{"uri": "https://www.smart-city-dialog.de/"}],
        "intendedAudience": {"countries": ["de", "AT"], "scope": ["local-authorities"]},
        "supports": [{"id": "alias:gdpr"}, {"id": "https://eur-lex.europa.eu/eli/reg/2016/679/oj"}],
        "categories": ["other"],
        "maintenance": {"type": "none", "contacts": [{"name": "Erika Mustermann"}]},
        "publiccodeYmlVersion": "0.7",
    }
    assert problems(extra) == []


def test_files_named_by_keys_must_exist_beside_the_file(tmp_path: Path) -> None:
    assert any(p.startswith("logo:") for p in problems({"logo": "img/logo.png"}, tmp_path))
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "logo.png").write_bytes(b"not a png")
    assert any("not a PNG image" in p for p in problems({"logo": "img/logo.png"}, tmp_path))
    (tmp_path / "img" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    assert problems({"logo": "img/logo.png"}, tmp_path) == []
