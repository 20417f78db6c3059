"""The entry page's section "Was braucht der Betrieb?": operation facts in plain German, each with its source file."""

from __future__ import annotations

from catalogue.model import PubliccodeMaintenance, RepositoryFacts
from catalogue.site.data import EntryView
from catalogue.site.html import facts, link, missing, text

ARTEFACT_LABELS = {
    "dockerfile": "Dockerfile",
    "compose": "Compose-Datei",
    "helm": "Helm-Chart",
    "kubernetes": "Kubernetes-Manifest",
    "ansible": "Ansible",
    "guide": "Installationsanleitung",
}


def section(view: EntryView) -> str:
    """Facts of every harvested repository; 'noch nicht gelesen' before the first harvest with this analysis."""
    repositories = [r for r in view.repositories if r.operation is not None]
    if not repositories:
        return "<p>" + missing("Für diese Lösung wurde noch nicht gelesen, was der Betrieb braucht.") + "</p>"
    return "".join(_repository(r, view) for r in repositories)


def _repository(repository: RepositoryFacts, view: EntryView) -> str:
    found = repository.operation
    assert found is not None
    where = repository.url.removeprefix("https://")
    rows: list[tuple[str, str]] = []
    if found.source_files:
        languages = ", ".join(f"{text(name)} ({count})" for name, count in found.languages.items())
        rows.append(("Quellcode", f"{found.source_files} Dateien: {languages}" + (" (mindestens; großes Repository)" if found.bounded else "")))
    else:
        rows.append(("Quellcode", '<strong class="sck-warning">kein Quellcode im Repository</strong> (nur Build-, Deploy- und Textdateien)'))
    for notice in found.notices:
        successor = f" Nachfolger: {link(notice.successor, notice.successor)}" if notice.successor else ""
        rows.append(("Stand laut README", f"„{text(notice.quote)}“ ({text(notice.file)}){successor}"))
    if found.artefacts:
        items = "".join(f"<li>{text(ARTEFACT_LABELS[a.kind])}: <code>{text(a.path)}</code></li>" for a in found.artefacts[:12])
        rows.append(("Für Installation und Betrieb", f"<ul>{items}</ul>"))
    else:
        rows.append(("Für Installation und Betrieb", missing("keine Container-, Helm- oder Ansible-Dateien und keine Installationsanleitung gefunden")))
    if found.services:
        items = "".join(f"<li>{text(s.service)} (<code>{text(s.file)}</code>: <code>{text(s.variable)}</code>)</li>" for s in found.services)
        rows.append(("Braucht externe Dienste", f"<ul>{items}</ul>"))
    if found.missing_build_paths:
        rows.append(("Build-Dateien verweisen auf Fehlendes", text(", ".join(found.missing_build_paths))))
    maintenance = repository.publiccode.maintenance if repository.publiccode else None
    if maintenance is not None:
        rows.append(("Wartung laut publiccode.yml", _maintenance(maintenance, view)))
    return f"<h3>{text(where)}</h3>" + facts(rows)


def _maintenance(maintenance: PubliccodeMaintenance, view: EntryView) -> str:
    labels = {"internal": "intern", "contract": "per Vertrag", "community": "durch eine Gemeinschaft", "none": "nicht gewartet"}
    parts = [text(labels.get(maintenance.type or "", maintenance.type or "unbekannt"))]
    harvested = view.record.harvested_at.date().isoformat() if view.record and view.record.harvested_at else None
    for contractor in maintenance.contractors:
        ended = contractor.until is not None and harvested is not None and contractor.until < harvested
        parts.append(f"{text(contractor.name)} bis {text(contractor.until or '?')}" + (" – <strong>Wartungsvertrag abgelaufen</strong>" if ended else ""))
    return "; ".join(parts)
