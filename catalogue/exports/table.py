"""The CSV export: UTF-8 with byte-order mark, semicolons, CRLF, so German office software opens it as it is."""

from __future__ import annotations

import csv
import io
from typing import Any

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
)


def catalogue_csv(catalogue: Catalogue, records: dict[str, HarvestRecord], page_url: Any) -> str:
    """One row per entry; several values in one cell are separated by ', '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for entry in catalogue.entries:
        record = records.get(entry.id)
        repositories = record.repositories if record else ()
        last = assessment.last_commit(record)
        writer.writerow(
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
                ", ".join(u.name for u in entry.used_by),
                len(entry.used_by),
                last.date().isoformat() if last else "",
                max(r.commits_6_months for r in repositories) if repositories else "",
                page_url(entry.id),
            ]
        )
    return "\ufeff" + buffer.getvalue()
