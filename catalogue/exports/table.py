"""The CSV export: UTF-8 with byte-order mark, semicolons, CRLF, so German office software opens it as it is."""

from __future__ import annotations

import csv
import io
from typing import Any

import xlsxwriter

from catalogue import assessment, spdx
from catalogue.model import Catalogue, HarvestRecord

COLUMNS = (
    "id",
    "name",
    "kurzbeschreibung",
    "handlungsfelder",
    "organisation",
    "art",
    "ags",
    "bundesland",
    "lizenz",
    "lizenzfamilie",
    "roadmap_phase",
    "entwicklungsstand",
    "repositories",
    "nachgenutzt_von",
    "anzahl_nachnutzungen",
    "letzter_commit",
    "commits_6_monate",
    "seite",
    "zuletzt_geprueft",
)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A cell value spreadsheet programs never run: text that starts like a formula gets a leading ' (OWASP)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def catalogue_rows(catalogue: Catalogue, records: dict[str, HarvestRecord], page_url: Any) -> list[list[str | int]]:
    """One row per entry, in the order of COLUMNS; several values in one cell are separated by ', '."""
    rows: list[list[str | int]] = []
    for entry in catalogue.entries:
        record = records.get(entry.id)
        repositories = record.repositories if record else ()
        last = assessment.last_commit(record)
        rows.append(
            [
                entry.id,
                entry.name,
                entry.short_description,
                ", ".join(entry.fields),
                entry.organisation.name,
                entry.organisation.type,
                entry.organisation.ags or "",
                entry.organisation.state or "",
                entry.licence,
                spdx.licence_family(entry.licence),
                entry.roadmap_phase,
                entry.development_status,
                ", ".join(r.url for r in entry.repositories),
                ", ".join(u.name for u in assessment.transferred_to(entry)),
                len(assessment.transferred_to(entry)),
                last.date().isoformat() if last else "",
                max(r.commits_6_months for r in repositories) if repositories else "",
                page_url(entry.id),
                entry.last_reviewed or "",
            ]
        )
    return rows


def catalogue_csv(catalogue: Catalogue, records: dict[str, HarvestRecord], page_url: Any) -> str:
    """UTF-8 with BOM, semicolons, CRLF; text quoted (so "quoted field as text" keeps the AGS' leading zero), numbers
    bare, and no cell that starts like a formula."""
    return as_csv(COLUMNS, catalogue_rows(catalogue, records, page_url))


def as_csv(columns: tuple[str, ...] | list[str], rows: list[list[str | int]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(columns)
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return "\ufeff" + buffer.getvalue()


def catalogue_xlsx(catalogue: Catalogue, records: dict[str, HarvestRecord], page_url: Any) -> bytes:
    """The same table as an Excel workbook: codes such as the AGS are text cells, counts are numbers."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False})
    sheet = workbook.add_worksheet("Lösungen")
    bold = workbook.add_format({"bold": True})
    sheet.write_row(0, 0, COLUMNS, bold)
    for number, row in enumerate(catalogue_rows(catalogue, records, page_url), start=1):
        for column, cell in enumerate(row):
            if isinstance(cell, int):
                sheet.write_number(number, column, cell)
            else:
                sheet.write_string(number, column, str(neutralise(cell)))
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, len(catalogue.entries), len(COLUMNS) - 1)
    workbook.close()
    return buffer.getvalue()
