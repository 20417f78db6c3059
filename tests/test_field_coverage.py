"""Every entry field reaches the entry page, the JSON API, the CSV and publiccode.yml, or is listed here as left out
on purpose; the documented full example exports valid against the published API schema."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from catalogue import vocabulary
from catalogue.schema import build_schema

from conftest import REPO_ROOT, build_site, site_project

EXAMPLE = re.search(r"## Vollständiges Beispiel\n\n```yaml\n(.*?)```", (REPO_ROOT / "docs" / "format.md").read_text(encoding="utf-8"), re.DOTALL)
# Left out on purpose, with the reason; everything else must appear in each output.
LEFT_OUT: dict[str, dict[str, str]] = {
    "page": {
        "logo": "shown as an image, not as text",
        "screenshots": "shown as images, not as text",
    },
    "csv": {
        "maintenance": "in the JSON API and publiccode.yml",
        "features": "in the JSON API and publiccode.yml",
        "sources": "links with notes; in the JSON API",
        "description": "long Markdown text; the CSV is for overviews",
        "logo": "an image",
        "screenshots": "images",
        "related": "ids of other rows",
        "documentation": "links are in the JSON API",
        "languages": "in the JSON API",
        "platforms": "in the JSON API",
        "tags": "in the JSON API",
        "standards": "in the JSON API",
        "funding": "in the JSON API",
        "contact": "in the JSON API",
        "website": "in the JSON API",
        "licence_url": "in the JSON API",
    },
    "publiccode": {
        "related": "publiccode.yml has no field for related catalogue entries",
        "roadmap_phase": "MPSC scaling roadmap; publiccode.yml has no such field",
        "standards": "publiccode.yml has no field for supported standards",
        "tags": "publiccode.yml has no free keywords (features are functions, not tags)",
        "documentation": "publiccode.yml takes one documentation link (the user guide); the others are in the JSON API",
        "sources": "publiccode.yml has no key for sources",
        "licence_url": "publiccode.yml has no key for the address of the licence text",
        "last_reviewed": "publiccode.yml has no key for the catalogue's review date",
        "fields": "publiccode.yml categories do not correspond to Handlungsfelder; exporting them would invent",
        "contact": "publiccode.yml maintenance.contacts are persons; the entry's contact is a functional address",
        "organisation": "exported as organisation/uri+name only with an AGS or url (checked in test_publiccode_export)",
    },
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert EXAMPLE
    root = tmp_path_factory.mktemp("coverage")
    text = EXAMPLE.group(1)
    site_project(root, {"giess-den-kiez": text, "andere-loesung": text.replace("technologiestiftung/giessdenkiez-de", "example/andere")})
    result = build_site(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def example() -> dict[str, Any]:
    assert EXAMPLE
    loaded: dict[str, Any] = yaml.safe_load(EXAMPLE.group(1))
    return loaded


def probe(value: Any) -> str | None:
    """A piece of text that shows the value was carried over (first text leaf)."""
    if isinstance(value, dict):
        for key in ("name", "url", "programme", *value):
            if key in value and (found := probe(value[key])):
                return found
        return None
    if isinstance(value, list):
        return probe(value[0]) if value else None
    return str(value).strip().splitlines()[0][:40]


def page_probe(field: str, value: Any) -> str | None:
    labels = {
        "development_status": lambda v: vocabulary.DEVELOPMENT_STATUSES[v],
        "platforms": lambda v: vocabulary.PLATFORMS[v[0]],
        "funding": lambda v: vocabulary.FUNDING_PROGRAMMES[v["programme"]],
        "maintenance": lambda v: vocabulary.MAINTENANCE_TYPES[v["type"]],
    }
    return labels[field](value) if field in labels else probe(value)


def test_the_full_example_uses_every_field() -> None:
    missing = set(build_schema()["properties"]) - set(example())
    assert not missing, f"add these fields to the full example in docs/format.md: {sorted(missing)}"


def test_the_full_example_exports_valid_against_the_published_schema(built: Path) -> None:
    document = json.loads((built / "api" / "entries.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, json.loads((built / "api" / "entries.schema.json").read_text(encoding="utf-8")))
    published = next(e for e in document["entries"] if e["id"] == "giess-den-kiez")
    assert set(example()) - {"related"} <= set(published)


@pytest.mark.parametrize("field", sorted(build_schema()["properties"]))
def test_every_field_reaches_each_output(built: Path, field: str) -> None:
    value = example().get(field)
    if value in (None, [], {}):
        pytest.skip(f"the example leaves {field} empty")
    page = html.unescape((built / "loesungen" / "giess-den-kiez" / "index.html").read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO((built / "api" / "entries.csv").read_text(encoding="utf-8").removeprefix("\ufeff")), delimiter=";"))
    row = " | ".join(next(r for r in rows if r["id"] == "giess-den-kiez").values())
    publiccode = (built / "api" / "publiccode" / "giess-den-kiez.yml").read_text(encoding="utf-8")
    publiccode_probe = vocabulary.FUNDING_PROGRAMMES[value["programme"]] if field == "funding" else probe(value)
    outputs = {"page": (page, page_probe(field, value)), "csv": (row, probe(value)), "publiccode": (publiccode, publiccode_probe)}
    missing = [name for name, (text, needle) in outputs.items() if field not in LEFT_OUT[name] and needle and needle not in text]
    assert not missing, f"{field} ({probe(value)!r}) does not reach: {missing}; show it there or list it in LEFT_OUT with the reason"
