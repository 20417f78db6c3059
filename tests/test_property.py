"""Property: whatever an entry file or a free-text field holds, the commands end with exit 0 or 1 and located findings, never a traceback."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_office import MINIMAL

from catalogue import report
from catalogue.cli import main
from catalogue.entries import load_catalogue, validate_paths
from catalogue.site import pages
from catalogue.site.data import SiteData

from conftest import VALID_ENTRY

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
FREE_TEXT = ("name", "short_description", "licence", "organisation.name")
# Text as people paste it, plus what YAML and the licence library treat specially.
TEXT = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["Apache License, Version 2.0", "MIT/Apache-2.0", "MIT; Apache-2.0", "Apache-2.0 & MIT", "dl-de/by-2-0", "MIT OR", "(", "AND"]),
    st.sampled_from([".nan", "-.inf", "9" * 5000, "2021-02-30", "0x" + "f" * 5000, "yes", "~", "*a", "&a x", "!!python/none", "'", '"', ": ", "- x"]),
)


@contextmanager
def project(files: dict[str, bytes]) -> Iterator[Path]:
    """A fresh project folder as the working directory, holding `files`."""
    before = Path.cwd()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "entries").mkdir()
        for name, content in files.items():
            (root / name).write_bytes(content)
        os.chdir(root)
        try:
            yield root
        finally:
            os.chdir(before)


def assert_located(root: Path) -> None:
    for finding in validate_paths([root / "entries"], root=root).findings:
        assert finding.path.startswith("entries/") and finding.line >= 1 and finding.column >= 1 and finding.message.strip()


def with_value(field: str, text: str, *, quoted: bool) -> str:
    """VALID_ENTRY with one field's value replaced: as YAML text (quoted) or as raw characters (anything goes)."""
    value = json.dumps(text, ensure_ascii=False) if quoted else text
    key = field.split(".")[-1]
    lines = VALID_ENTRY.splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith(f"{key}:") and (("." in field) == line.startswith("  ")))
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    lines[index] = f"{indent}{key}: {value}"
    return "\n".join(lines) + "\n"


@SETTINGS
@given(field=st.sampled_from(FREE_TEXT), text=TEXT, quoted=st.booleans())
def test_validate_on_any_value_exits_0_or_1_with_located_findings(field: str, text: str, quoted: bool, capsys: pytest.CaptureFixture[str]) -> None:
    entry = with_value(field, text, quoted=quoted).encode("utf-8", "surrogatepass")
    with project({"entries/beispiel.yaml": entry}) as root:
        assert main(["validate"]) in (0, 1)
        assert main(["validate", "--format", "github"]) in (0, 1)
        assert_located(root)
    assert "Traceback" not in capsys.readouterr().err


@SETTINGS
@given(raw=st.binary(max_size=400), cut=st.integers(min_value=0, max_value=len(VALID_ENTRY)))
def test_validate_on_a_damaged_file_exits_0_or_1_with_located_findings(raw: bytes, cut: int, capsys: pytest.CaptureFixture[str]) -> None:
    entry = VALID_ENTRY.encode()[:cut] + raw + VALID_ENTRY.encode()[cut:]
    with project({"entries/beispiel.yaml": entry}) as root:
        assert main(["validate"]) in (0, 1)
        assert_located(root)
    assert "Traceback" not in capsys.readouterr().err


@SETTINGS
@given(name=TEXT, short=TEXT, description=TEXT, organisation=TEXT, licence=TEXT)
def test_new_without_questions_exits_0_or_1_and_writes_only_valid_entries(
    name: str, short: str, description: str, organisation: str, licence: str, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ["--id", "neu", "--repository", "https://github.com/a/b", "--organisation-type", "Unternehmen", "--field", "Energie"]
    flags += ["--roadmap-phase", "P2", "--development-status", "beta", f"--name={name}", f"--short-description={short}"]
    flags += [f"--description={description}", f"--organisation={organisation}", f"--licence={licence}"]  # '=': a value may start with '-'
    with project({}) as root:
        code = main(["new", *flags])
        assert code in (0, 1)
        if code == 0:
            assert validate_paths([root / "entries"], root=root).findings == []
    assert "Traceback" not in capsys.readouterr().err


@SETTINGS
@given(name=TEXT, short=TEXT, licence=TEXT, owner=TEXT)
def test_import_publiccode_exits_0_or_1(name: str, short: str, licence: str, owner: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = MINIMAL.format(version="0.4")
    for old, new in (("name: Stadtplan", f"name: {json.dumps(name)}"), ("license: EUPL-1.2", f"license: {json.dumps(licence)}")):
        text = text.replace(old, new)
    text = text.replace("repoOwner: Stadt Musterhausen", f"repoOwner: {json.dumps(owner)}")
    text = text.replace("shortDescription: Interaktiver Stadtplan mit Haltestellen und öffentlichen Einrichtungen.", f"shortDescription: {json.dumps(short)}")
    with project({"publiccode.yml": text.encode()}) as root:
        code = main(["import", "publiccode", "publiccode.yml", "--id", "stadtplan", "--field", "Mobilität"])
        assert code in (0, 1)
        if code == 0:
            assert validate_paths([root / "entries"], root=root).findings == []
    assert "Traceback" not in capsys.readouterr().err


@settings(max_examples=25, deadline=None)
@given(field=st.sampled_from(("name", "short_description", "organisation.name")), text=TEXT)
def test_site_pages_render_every_valid_entry(field: str, text: str) -> None:
    with project({"entries/beispiel.yaml": with_value(field, text, quoted=True).encode("utf-8", "surrogatepass")}) as root:
        if validate_paths([root / "entries"], root=root).ok:
            catalogue = load_catalogue(root / "entries", root=root)
            data = SiteData.of(catalogue, {})
            rendered = [pages.overview_page(data), pages.statistics_page(data), pages.transfers_page(data), pages.map_page(data)]
            rendered += [pages.office_page(report.office_report(catalogue, {}))]
            rendered += [*pages.field_pages(data).values(), *pages.kommune_pages(data).values()]
            rendered += [pages.entry_page(view, data, None) for view in data.views]
            assert all(page.html for page in rendered)
