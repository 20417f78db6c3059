"""Tables for the office: cells never run as formulas, codes such as the AGS stay text."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from catalogue.entries import load_catalogue
from catalogue.exports.bundle import write_exports
from catalogue.exports.table import neutralise

from conftest import VALID_ENTRY, EntryDir

HOSTILE_NAME = '=HYPERLINK("https://evil.example";"Klick")'


@pytest.fixture
def exported(entries: EntryDir, tmp_path: Path) -> Path:
    hostile = VALID_ENTRY.replace("name: Stadt Köln", f"name: '{HOSTILE_NAME}'")
    entries.write("beispiel-app", hostile)
    catalogue = load_catalogue(entries.path, root=entries.root)
    write_exports(tmp_path / "out", catalogue, {}, {}, "https://katalog.example.org/")
    return tmp_path / "out" / "api"


@pytest.mark.parametrize("text", ["=1+1", "+49 221", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_text_that_starts_like_a_formula_gets_a_quote(text: str) -> None:
    assert neutralise(text) == "'" + text


def test_ordinary_text_and_numbers_are_unchanged() -> None:
    assert (neutralise("Stadt Köln"), neutralise("05315000"), neutralise(3)) == ("Stadt Köln", "05315000", 3)


def test_csv_cells_never_start_a_formula(exported: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((exported / "entries.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0]["organisation"] == "'" + HOSTILE_NAME
    assert all(not value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values())


def test_csv_quotes_text_so_codes_can_be_read_as_text(exported: Path) -> None:
    data_line = (exported / "entries.csv").read_text(encoding="utf-8-sig").splitlines()[1]
    assert ';"05315000";' in data_line and ";0;" in data_line  # AGS quoted (text), reuse count bare (number)


def test_xlsx_keeps_the_ags_as_text_and_counts_as_numbers(exported: Path) -> None:
    sheet = openpyxl.load_workbook(exported / "entries.xlsx").active
    header = [cell.value for cell in sheet[1]]
    row = {name: cell for name, cell in zip(header, sheet[2], strict=True)}
    assert (row["ags"].value, row["ags"].data_type) == ("05315000", "s")
    assert (row["anzahl_nachnutzungen"].value, row["anzahl_nachnutzungen"].data_type) == (0, "n")
    assert row["organisation"].value == "'" + HOSTILE_NAME and row["organisation"].data_type == "s"
