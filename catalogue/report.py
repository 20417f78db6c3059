"""The programme office's report: the funding condition per entry, stale harvests, missing facts; and transfers."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date

from catalogue import assessment
from catalogue.assessment import CHECK_LABELS, CHECKS, Transfer, Verdict
from catalogue.exports import publiccode_out
from catalogue.exports.table import as_csv
from catalogue.model import Catalogue, Entry, HarvestRecord

OK, FAIL, UNKNOWN = Verdict.OK.value, Verdict.FAIL.value, Verdict.UNKNOWN.value
Records = dict[str, HarvestRecord]
RECOMMENDED = {
    "contact": "Kontakt",
    "documentation.installation": "Installationsanleitung",
    "used_by": "Nachnutzung",
    "website": "Website",
    "standards": "Standards",
}


@dataclass(frozen=True)
class EntryReport:
    id: str
    name: str
    checks: dict[str, str]
    funding_condition: str  # ok: reachable and an OSI/FSF licence in every repository; fail: one is not; unknown: cannot tell
    stale: str | None
    missing: list[str] = field(default_factory=list)
    reasons: dict[str, str] = field(default_factory=dict)  # check name (and "funding_condition") -> why
    publiccode: str = ""  # what the publiccode.yml export did for this entry, and why
    conflicts: list[str] = field(default_factory=list)  # where the repositories' publiccode.yml disagree with the entry
    operation: list[str] = field(default_factory=list)  # source-less, superseded, archived or mirror repositories


def entry_report(entry: Entry, record: HarvestRecord | None) -> EntryReport:
    judged = assessment.assess(entry, record)
    checks = {name: check.verdict.value for name, check in judged.checks.items()}
    reasons = {name: check.reason for name, check in judged.checks.items()} | {"funding_condition": judged.funding_condition.reason}
    missing = [label for key, label in RECOMMENDED.items() if not _has(entry, key)]
    if not _reviewed_within_a_year(entry.last_reviewed):
        missing.append("Prüfung in den letzten 12 Monaten (last_reviewed)")
    exported = publiccode_out.export(entry, record)
    publiccode = exported.status + (f": {exported.reason}" if exported.reason and exported.document is None and not exported.upstream else "")
    conflicts = [c.message for c in assessment.publiccode_conflicts(entry, record)]
    return EntryReport(
        entry.id,
        entry.name,
        checks,
        judged.funding_condition.verdict.value,
        judged.stale,
        missing,
        reasons,
        publiccode,
        conflicts,
        assessment.operation_summary(record, entry),
    )


def _reviewed_within_a_year(last_reviewed: str | None, today: date | None = None) -> bool:
    if last_reviewed is None:
        return False
    now = today or date.today()
    year, month = (int(part) for part in last_reviewed.split("-"))
    return (now.year - year) * 12 + (now.month - month) <= 12


def _has(entry: Entry, key: str) -> bool:
    if key == "documentation.installation":
        return bool(entry.documentation.installation)
    return bool(getattr(entry, key))


def office_report(catalogue: Catalogue, records: Records) -> list[EntryReport]:
    return [entry_report(entry, records.get(entry.id)) for entry in catalogue.entries]


def summary(reports: list[EntryReport]) -> dict[str, int]:
    return {
        "entries": len(reports),
        "funding_condition_ok": sum(r.funding_condition == OK for r in reports),
        "funding_condition_fail": sum(r.funding_condition == FAIL for r in reports),
        "funding_condition_unknown": sum(r.funding_condition == UNKNOWN for r in reports),
        "stale": sum(r.stale is not None for r in reports),
        "licence_mismatch": sum(r.checks["licence_matches"] == FAIL for r in reports),
        "conflicts": sum(len(r.conflicts) for r in reports),
    }


FAIL_ON: dict[str, Callable[[EntryReport], bool]] = {
    "funding": lambda r: r.funding_condition == FAIL,
    "unknown": lambda r: r.funding_condition == UNKNOWN,
    "stale": lambda r: r.stale is not None,
    "mismatch": lambda r: r.checks["licence_matches"] == FAIL,
    "archived": lambda r: r.checks["not_archived"] == FAIL,
    "conflict": lambda r: bool(r.conflicts),
    "operation": lambda r: bool(r.operation),
}


def failing(reports: list[EntryReport], conditions: list[str]) -> list[EntryReport]:
    return [r for r in reports if any(FAIL_ON[c](r) for c in conditions)]


_SYMBOL = {verdict.value: word for verdict, word in assessment.VERDICT_WORDS.items()}


def as_markdown(reports: list[EntryReport]) -> str:
    head = "| Eintrag | Förderbedingung | " + " | ".join(CHECK_LABELS.values()) + " | Veraltet | Es fehlt | publiccode.yml |\n"
    head += "|---" * (len(CHECKS) + 5) + "|\n"
    rows = "".join(
        f"| {r.id} | {_SYMBOL[r.funding_condition]} | "
        + " | ".join(_SYMBOL[r.checks[c]] for c in CHECKS)
        + f" | {'ja' if r.stale else ''} | {', '.join(r.missing)} | {r.publiccode} |\n"
        for r in reports
    )
    totals = summary(reports)
    closing = f"{totals['funding_condition_ok']} von {totals['entries']} Einträgen erfüllen die Förderbedingung nachweislich"
    closing += f"; {totals['funding_condition_fail']} nicht; {totals['funding_condition_unknown']} unklar.\n"
    return f"{head}{rows}\n{closing}" + _conflict_lines(reports, "- ") + _operation_lines(reports, "- ")


def _conflict_lines(reports: list[EntryReport], bullet: str) -> str:
    """Each disagreement between an entry and its repositories' publiccode.yml, one line each under a heading."""
    lines = [f"{bullet}{r.id}: {message}" for r in reports for message in r.conflicts]
    return "\nWidersprüche zwischen Eintrag und publiccode.yml:\n" + "\n".join(lines) + "\n" if lines else ""


def _operation_lines(reports: list[EntryReport], bullet: str) -> str:
    """Repositories without source code, superseded, archived or mirrors: what decides whether a town can run it."""
    lines = [f"{bullet}{r.id}: {note}" for r in reports for note in r.operation]
    return "\nZum Betrieb (Quellcode, abgelöst, archiviert, Spiegel):\n" + "\n".join(lines) + "\n" if lines else ""


def as_table(reports: list[EntryReport]) -> str:
    width = max((len(r.id) for r in reports), default=8)
    columns = ["Förderbed.", "erreichbar", "OSI/FSF", "wie erkl.", "n. archiv.", "aktiv", "veraltet"]
    lines = [f"{'Eintrag':<{width}}  " + "  ".join(f"{c:<10}" for c in columns)]
    for r in reports:
        cells = [_SYMBOL[r.funding_condition], *(_SYMBOL[r.checks[c]] for c in CHECKS), "ja" if r.stale else ""]
        lines.append(f"{r.id:<{width}}  " + "  ".join(f"{c:<10}" for c in cells))
    totals = summary(reports)
    counts = f"erfüllt: {totals['funding_condition_ok']}, nicht erfüllt: {totals['funding_condition_fail']}, unklar: {totals['funding_condition_unknown']}"
    lines.append(f"\nFörderbedingung {counts}; veraltet: {totals['stale']}; Widersprüche zur publiccode.yml: {totals['conflicts']}")
    return "\n".join(lines) + (_conflict_lines(reports, "  ") + _operation_lines(reports, "  ")).rstrip("\n")


def as_json(reports: list[EntryReport]) -> str:
    return json.dumps({"summary": summary(reports), "entries": [asdict(r) for r in reports]}, ensure_ascii=False, indent=2)


def transfers(catalogue: Catalogue, records: Records) -> list[Transfer]:
    return assessment.transfers(catalogue.entries, records)


def transfers_as(rows: list[Transfer], output_format: str) -> str:
    """Transfers as a table, CSV (for German office software) or JSON; each row from the builder to the reuser."""
    if output_format == "json":
        return json.dumps([asdict(t) for t in rows], ensure_ascii=False, indent=2)
    if output_format == "csv":
        columns = ["eintrag", "loesung", "entwickelt_von", "nachgenutzt_von", "ags", "seit", "art", "rolle", "linie", "belege"]
        cells = [
            [t.entry, t.solution, t.builder, t.reuser, t.ags or "", t.since or "", t.kind, t.role or "", t.lineage or "", " ".join(t.evidence)] for t in rows
        ]
        return as_csv(columns, cells)
    width = max((len(t.solution) for t in rows), default=7)
    lines = [f"{t.solution:<{width}}  {t.builder[:40]:<40}  {t.reuser[:40]:<40}  {t.since or ''!s:<5}  {t.kind:<17}  {' '.join(t.evidence)}" for t in rows]
    counts = Counter(t.kind for t in rows)
    return "\n".join(
        [
            f"{'Lösung':<{width}}  {'von':<40}  {'an (nutzt nach)':<40}  {'seit':<5}  {'Art':<17}  Belege",
            *lines,
            f"\n{counts['eingetragen']} eingetragene Nachnutzungen, {counts['in Git beobachtet']} in Git beobachtet, {counts['Fork-Kandidat']} Fork-Kandidaten",
        ]
    )
