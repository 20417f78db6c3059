"""The entry page's "Was braucht der Betrieb?": the readiness rules and each repository's operation facts in plain
German, every fact with its source (file and line at the harvested commit, or the publiccode.yml key)."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from catalogue import assessment
from catalogue.assessment import READINESS_RULES, Verdict
from catalogue.model import ContainerImage, PubliccodeMaintenance, RepositoryFacts
from catalogue.site.data import EntryView
from catalogue.site.html import facts, link, missing, text

ARTEFACT_LABELS = {
    "dockerfile": "Dockerfile",
    "compose": "Compose-Datei",
    "helm_chart": "Helm-Chart",
    "kubernetes": "Kubernetes-Manifest",
    "kustomize": "Kustomize",
    "ansible": "Ansible-Rolle",
    "install_guide": "Installationsanleitung",
}
NOTICE_LABELS = {
    "unmaintained": "nicht mehr gepflegt",
    "discontinued": "eingestellt",
    "archived": "archiviert",
    "deprecated": "veraltet",
    "out_of_date": "nicht mehr aktuell",
    "moved": "umgezogen",
    "superseded": "abgelöst",
    "mirror": "Spiegel",
}
MAINTENANCE_TYPES = {"internal": "intern", "contract": "per Vertrag", "community": "durch eine Gemeinschaft", "none": "nicht gewartet"}
SYMBOL = {Verdict.OK: "ja", Verdict.FAIL: "nein", Verdict.UNKNOWN: "unklar"}


def status_banner(view: EntryView) -> str:
    """At the top of the page: what the repositories say about being superseded, archived or a mirror."""
    if view.record is None or not view.record.repositories:
        return ""
    lines = []
    current = assessment.current_check(view.record)
    if current.verdict is Verdict.FAIL:
        lines.append(f"Laut Repository nicht mehr aktuell: {text(current.reason)}")
    for mirror in assessment.mirrors(view.record):
        original = f" Original: {link(mirror.canonical, mirror.canonical)}." if mirror.canonical else ""
        lines.append(f"{'Spiegel' if mirror.certain else 'Vermutlich ein Spiegel'}: {text(mirror.repository)} ({text(mirror.evidence)}).{original}")
    if not lines:
        return ""
    return '<div class="sck-status-note" role="note">' + "".join(f'<p class="sck-warning">{line}</p>' for line in lines) + "</div>"


def section(view: EntryView) -> str:
    """The readiness rules, then each harvested repository; a note before the first harvest with this analysis."""
    repositories = [r for r in view.repositories if r.operation is not None or r.source is not None]
    if view.record is None or not repositories:
        return "<p>" + missing("Für diese Lösung wurde noch nicht gelesen, was der Betrieb braucht.") + "</p>"
    checks = assessment.readiness(view.entry, view.record)
    rules = "".join(
        f'<li data-rule="{name}"><strong>{text(READINESS_RULES[name])}: {SYMBOL[check.verdict]}</strong> – {text(check.reason)}</li>'
        for name, check in checks.items()
    )
    body = f'<h3 id="bereit">Bereit zur Nachnutzung?</h3><ul class="sck-readiness">{rules}</ul>'
    return body + "".join(_repository(r, view) for r in repositories)


def _repository(repository: RepositoryFacts, view: EntryView) -> str:
    rows: list[tuple[str, str]] = []
    source = repository.source
    if source is not None:
        if source.source_files:
            languages = ", ".join(f"{text(lang.language)} ({lang.files})" for lang in source.languages[:8])
            rows.append(("Quellcode", f"{source.source_files} Quelldateien: {languages}"))
        else:
            where = " (der Code liegt in Git-Submodulen: " + text(", ".join(source.submodules[:5])) + ")" if source.submodules else ""
            rows.append(("Quellcode", f'<strong class="sck-warning">kein Quellcode im Repository</strong>{where}'))
        if source.missing_paths:
            items = "".join(
                f"<li>{_source_link(repository, m.file, m.line)} braucht <code>{text(m.path)}</code>, das im Repository fehlt "
                f"(<code>{text(m.instruction)}</code>)</li>"
                for m in source.missing_paths
            )
            rows.append(("Build-Dateien verweisen auf Fehlendes", f"<ul>{items}</ul>"))
        if source.binary_named_as_source:
            rows.append(("Binärdateien mit Quellcode-Namen", text(", ".join(source.binary_named_as_source))))
    operation = repository.operation
    if operation is not None:
        if operation.runtimes:
            rows.append(
                (
                    "Laufzeit",
                    ", ".join(
                        f"{text(r.name)}{' ' + text(r.version) if r.version else ''} ({_source_link(repository, r.file, r.line)})" for r in operation.runtimes
                    ),
                )
            )
        rows.append(("Installation und Betrieb", _artefacts(repository)))
        if operation.images:
            rows.append(
                (
                    "Container-Images",
                    "<ul>" + "".join(_image(repository, i) for i in operation.images if not i.base) + "</ul>"
                    if any(not i.base for i in operation.images)
                    else "nur Basis-Images der Dockerfiles",
                )
            )
        if operation.services:
            items = "".join(f"<li>{text(s.name)} ({_source_link(repository, s.file, s.line)})</li>" for s in operation.services)
            rows.append(("Startet mit", f"<ul>{items}</ul>"))
        if operation.hosted_services:
            items = "".join(
                f"<li><strong>{text(s.name)}</strong> ({_source_link(repository, s.file, s.line)}: <code>{text(s.variable)}</code>)</li>"
                for s in operation.hosted_services
            )
            rows.append(("Braucht externe Dienste", f"<ul>{items}</ul>"))
        else:
            rows.append(("Braucht externe Dienste", "keine in Umgebungsbeispielen und Konfiguration gefunden"))
    status = repository.status
    for notice in status.notices if status else ():
        successor = f" Nachfolger: {link(notice.url, notice.url)}" if notice.url else ""
        rows.append(
            (
                f"Laut Repository {NOTICE_LABELS.get(notice.kind, notice.kind)}",
                f"„{text(notice.quote)}“ ({_source_link(repository, notice.file, notice.line)}){successor}",
            )
        )
    maintenance = repository.publiccode.maintenance if repository.publiccode else None
    if maintenance is not None and repository.publiccode is not None:
        rows.append(("Wartung laut publiccode.yml", _maintenance(maintenance, repository.publiccode.file, view)))
    limits = [*(source.limits_reached if source else ()), *(operation.limits_reached if operation else ())]
    if limits:
        rows.append(("Nicht ausgewertet", "<ul>" + "".join(f"<li>{text(limit)}</li>" for limit in limits[:8]) + "</ul>"))
    return f"<h3>{text(repository.url.removeprefix('https://'))}</h3>" + facts(rows)


def _artefacts(repository: RepositoryFacts) -> str:
    operation = repository.operation
    if operation is None or not operation.artefacts:
        return missing("keine Container-, Helm-, Kubernetes- oder Ansible-Dateien und keine Installationsanleitung gefunden")
    items = []
    for artefact in operation.artefacts[:15]:
        title = f" „{text(artefact.title)}“" if artefact.title else ""
        items.append(f"<li>{text(ARTEFACT_LABELS.get(artefact.kind, artefact.kind))}{title}: {_source_link(repository, artefact.path, artefact.line)}</li>")
    more = f"<li>und {len(operation.artefacts) - 15} weitere</li>" if len(operation.artefacts) > 15 else ""
    return "<ul>" + "".join(items) + more + "</ul>"


def _image(repository: RepositoryFacts, image: ContainerImage) -> str:
    registry = "öffentliche Registry" if image.public_registry else "Registry nicht als öffentlich bekannt – ob jemand das Image holen kann, ist unklar"
    return f"<li><code>{text(image.reference)}</code> ({text(image.registry)}: {registry}; {_source_link(repository, image.file, image.line)})</li>"


def _maintenance(maintenance: PubliccodeMaintenance, file: str, view: EntryView) -> str:
    parts = [f"{text(MAINTENANCE_TYPES.get(maintenance.type or '', maintenance.type or 'unbekannt'))} (<code>{text(file)}</code>: maintenance.type)"]
    harvested = view.record.harvested_at.date().isoformat() if view.record and view.record.harvested_at else None
    for index, contractor in enumerate(maintenance.contractors):
        ended = contractor.until is not None and harvested is not None and contractor.until < harvested
        note = ' – <strong class="sck-warning">Wartungsvertrag abgelaufen</strong>' if ended else ""
        parts.append(f"{text(contractor.name)} bis {text(contractor.until or '?')} (maintenance.contractors[{index}].until){note}")
    return "; ".join(parts)


def _source_link(repository: RepositoryFacts, file: str, line: int | None) -> str:
    """`file:line` linked to the file at the harvested commit where the host's address scheme is known."""
    shown = f"{file}:{line}" if line else file
    if file.startswith(("Commit ", "Beschreibung")) or not repository.head_commit:
        return text(shown)
    parts = urlsplit(repository.url)
    base = repository.url.removesuffix(".git").rstrip("/")
    anchor = f"#L{line}" if line else ""
    path = quote(file)
    if parts.hostname == "github.com":
        return link(f"{base}/blob/{repository.head_commit}/{path}{anchor}", shown)
    if parts.hostname and parts.hostname.startswith("gitlab"):
        return link(f"{base}/-/blob/{repository.head_commit}/{path}{anchor}", shown)
    if parts.hostname in ("codeberg.org", "gitea.com"):
        return link(f"{base}/src/commit/{repository.head_commit}/{path}{anchor}", shown)
    return f"<code>{text(shown)}</code>"
