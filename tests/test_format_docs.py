"""The shipped schema, the vocabulary and the German format documentation agree with each other."""

from __future__ import annotations

import json
import re

import jsonschema

from catalogue import vocabulary
from catalogue.entries import validate_paths
from catalogue.schema import SCHEMA_PATH, build_schema, schema_json

from conftest import REPO_ROOT, EntryDir

FORMAT_DOC = (REPO_ROOT / "docs" / "format.md").read_text(encoding="utf-8")


def test_shipped_schema_is_up_to_date_with_the_vocabulary() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_json(), "run: python -m catalogue.schema"


def test_shipped_schema_is_a_valid_2020_12_schema() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_field_is_documented() -> None:
    schema = build_schema()
    for name, spec in schema["properties"].items():
        assert f"| `{name}` |" in FORMAT_DOC, name
        for sub in spec.get("properties", {}):
            assert f"`{sub}`" in FORMAT_DOC, f"{name}.{sub}"


def test_every_vocabulary_value_is_documented() -> None:
    for values in (vocabulary.HANDLUNGSFELDER, vocabulary.ORGANISATION_TYPES, vocabulary.ROADMAP_PHASES, vocabulary.STANDARDS):
        for value in values:
            assert value in FORMAT_DOC, value


def test_the_documented_example_is_a_valid_entry(entries: EntryDir) -> None:
    example = re.search(r"## Vollständiges Beispiel\n\n```yaml\n(.*?)```", FORMAT_DOC, re.DOTALL)
    assert example
    path = entries.write("giess-den-kiez", example.group(1))
    assert validate_paths([path], root=entries.root).findings == []


def test_entries_point_editors_at_the_schema() -> None:
    for path in sorted((REPO_ROOT / "entries").glob("*.yaml")):
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../catalogue/schema/entry.schema.json\n"), path


def test_every_plugin_setting_is_documented() -> None:
    from catalogue.site.plugin import CataloguePluginConfig

    office = (REPO_ROOT / "docs" / "programmstelle.md").read_text(encoding="utf-8")
    for name, _ in CataloguePluginConfig._schema:
        assert f"| `{name}` |" in office, name
