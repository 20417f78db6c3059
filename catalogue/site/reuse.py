"""The entry page's sections on reuse: who uses the solution (recorded, declared by the repository, seen in Git),
and what the repositories' publiccode.yml say about themselves beside the entry, with every disagreement shown."""

from __future__ import annotations

from urllib.parse import urlsplit

from catalogue import assessment, vocabulary
from catalogue.assessment import Relative
from catalogue.model import PubliccodeFacts, PubliccodeMaintenance, RepositoryFacts
from catalogue.site.data import SOLUTIONS, UNSPECIFIED_ROLE, EntryView, Kommune, SiteData
from catalogue.site.html import facts, kommune_link, link, missing, text

ROOT = "../../"  # from an entry page to the site root


def who_uses(view: EntryView, data: SiteData) -> str:
    """'Wer nutzt sie schon?': what the entry records, what the repositories declare, what Git shows."""
    return (
        '<section class="sck-reuse" aria-labelledby="nutzung"><h2 id="nutzung">Wer nutzt sie schon?</h2>'
        f'<h3 id="nutzung-eingetragen">Eingetragen</h3>{_recorded(view, data)}'
        f'<h3 id="nutzung-repository">Laut Repository</h3>{_declared(view)}'
        f'<h3 id="nutzung-git">In Git beobachtet</h3>{_observed(view, data)}</section>'
    )


def _recorded(view: EntryView, data: SiteData) -> str:
    users = view.entry.used_by
    if not users:
        return "<p>" + missing("Im Eintrag ist noch keine Nachnutzung eingetragen.") + "</p>"
    items = "".join(
        f"<li>{kommune_link(data.kommune_names.get(u.ags or '', u.name), u.ags, ROOT)}: "
        f"{text(vocabulary.REUSE_ROLES.get(u.role or '', 'Art der Beziehung nicht angegeben'))}{' seit ' + str(u.since) if u.since else ''}"
        f"{' – ' + text(u.note) if u.note else ''}{_evidence(u.evidence)}</li>"
        for u in users
    )
    return f"<ul>{items}</ul>"


def _declared(view: EntryView) -> str:
    described = [(r, r.publiccode) for r in view.repositories if r.publiccode is not None]
    if not described:
        return "<p>" + missing("Keines der Repositorys beschreibt sich mit einer publiccode.yml.") + "</p>"
    parts = []
    for repository, declared in described:
        source = f"{_file(declared)} in {_repository(repository.url)}"
        if declared.error:
            parts.append(f"<p>{source}: {missing('nicht gelesen')} – {text(declared.error)}</p>")
        elif not declared.used_by:
            parts.append(f"<p>{source} nennt keine nutzenden Stellen (<code>usedBy</code>).</p>")
        else:
            items = "".join(
                f"<li>{text(body)}"
                + (" (auch im Eintrag)" if assessment.listed_user(body, view.entry) else ' <strong class="sck-warning">(nicht im Eintrag)</strong>')
                + "</li>"
                for body in declared.used_by
            )
            parts.append(f"<p>{source} nennt {len(declared.used_by)} nutzende Stelle{'n' if len(declared.used_by) != 1 else ''}:</p><ul>{items}</ul>")
    return "".join(parts)


def _observed(view: EntryView, data: SiteData) -> str:
    items = [f"<li>{_relative(view, relative, data)}</li>" for relative in data.relatives(view)]
    candidates = assessment.fork_candidates(view.record, view.entry)
    if candidates:
        items.append(f"<li>Forks anderer Organisationen laut Host, nicht geprüft (Kandidaten): {text(', '.join(candidates))}</li>")
    if not items:
        return "<p>" + missing("Kein anderes Repository im Katalog teilt die Git-Geschichte, und kein Host meldet Forks anderer Organisationen.") + "</p>"
    return f"<ul>{''.join(items)}</ul>"


def _relative(view: EntryView, relative: Relative, data: SiteData) -> str:
    other_view = data.by_id().get(relative.other_entry)
    other = _repository(relative.other)
    if relative.other_entry == view.entry.id:
        in_entry = " (ebenfalls in diesem Eintrag)"
    elif other_view is not None:
        in_entry = f" (Eintrag {link(f'{ROOT}{SOLUTIONS}/{other_view.entry.id}/', other_view.entry.name)}, {text(other_view.entry.organisation.name)})"
    else:
        in_entry = ""
    this = _repository(relative.repository)
    if relative.origin is None:
        return f"{other}{in_entry} hat eine gemeinsame Git-Geschichte mit {this}; {text(relative.origin_reason)}. {text(relative.kind_reason)}."
    kind = f"eine <strong>{text(relative.kind.value)}</strong>" if relative.kind else "ein Abzweig"
    ours = relative.origin == relative.repository
    sentence = f"{other}{in_entry} ist {kind} von {this}" if ours else f"{this} ist {kind} von {other}{in_entry}"
    return f"{sentence}: {text(relative.kind_reason)} ({text(relative.origin_reason)})."


def repository_says(view: EntryView) -> str:
    """'Laut Repository': each publiccode.yml's facts beside the entry's own, and a note where they disagree."""
    described = [(r, r.publiccode) for r in view.repositories if r.publiccode is not None]
    if not described:
        return ""
    conflicts = assessment.publiccode_conflicts(view.entry, view.record)
    note = (
        '<div class="sck-note sck-warning" role="note"><p><strong>Eintrag und Repository sagen Verschiedenes:</strong></p><ul>'
        + "".join(f"<li>{text(c.message)}</li>" for c in conflicts)
        + "</ul></div>"
        if conflicts
        else ""
    )
    blocks = "".join(_declaration(view, repository, declared) for repository, declared in described)
    return f'<section aria-labelledby="laut-repository"><h2 id="laut-repository">Was die Repositorys über sich sagen</h2>{note}{blocks}</section>'


def _declaration(view: EntryView, repository: RepositoryFacts, declared: PubliccodeFacts) -> str:
    heading = f"<h3>{_file(declared)} in {_repository(repository.url)} (laut Repository)</h3>"
    if declared.error:
        return f"{heading}<p>{missing('Die Datei wurde nicht gelesen:')} {text(declared.error)}</p>"
    entry_status = vocabulary.DEVELOPMENT_STATUSES[view.entry.development_status]
    status = vocabulary.DEVELOPMENT_STATUSES.get(declared.development_status or "", declared.development_status or "")
    rows = [
        ("Version der publiccode.yml", text(declared.version or "")),
        ("Entwicklungsstand", (text(status) + f" (im Eintrag: {text(entry_status)})") if status else missing("keine Angabe")),
        ("Art der Software", text(declared.software_type) if declared.software_type else missing("keine Angabe")),
        ("Wartung", _maintenance(declared.maintenance)),
        ("Repository der Software", link(declared.url, declared.url) if declared.url else missing("keine Angabe")),
        ("Website", link(declared.landing_url, declared.landing_url) if declared.landing_url else missing("keine Angabe")),
    ]
    if declared.is_based_on:
        rows.append(("Beruht auf", ", ".join(link(url, url) for url in declared.is_based_on)))
    if declared.depends_on:
        needs = [f"{d.name}{' ' + d.version if d.version else ''}{' (optional)' if d.optional else ''}" for d in declared.depends_on]
        rows.append(("Braucht", "<ul>" + "".join(f"<li>{text(n)}</li>" for n in needs) + "</ul>"))
    if declared.problems:
        rows.append(("Nicht übernommen", "<ul>" + "".join(f"<li>{text(p)}</li>" for p in declared.problems) + "</ul>"))
    return heading + facts(rows)


def _maintenance(maintenance: PubliccodeMaintenance | None) -> str:
    if maintenance is None or maintenance.type is None:
        return missing("keine Angabe")
    parts = [text(vocabulary.MAINTENANCE_TYPES.get(maintenance.type, maintenance.type))]
    parts += [f"{text(c.name)}{' bis ' + text(c.until) if c.until else ''}" for c in maintenance.contractors]
    if maintenance.contact_organisations:
        parts.append("Kontakt über " + text(", ".join(maintenance.contact_organisations)))
    return "; ".join(parts)


def _file(declared: PubliccodeFacts) -> str:
    return f"<code>{text(declared.file)}</code>"


def _repository(url: str) -> str:
    return link(url, urlsplit(url).path.strip("/") or url)


def kommune_relations(kommune: Kommune, data: SiteData) -> str:
    """A Kommune's relations to solutions of others, one list per role: nutzt nach, hat beauftragt, entwickelt mit, testet."""
    by_id = data.by_id()
    sections = []
    for role, label in [*vocabulary.REUSE_ROLES.items(), (UNSPECIFIED_ROLE, "genannt, Art der Beziehung nicht angegeben")]:
        entry_ids = kommune.with_role(role)
        if not entry_ids and role == UNSPECIFIED_ROLE:
            continue
        items = "".join(_related_item(by_id[i], kommune) for i in entry_ids) or f"<li>{missing('keine eingetragen')}</li>"
        sections.append(f"<h2>{text(label[0].upper() + label[1:])}</h2><ul>{items}</ul>")
    return "".join(sections)


def _related_item(view: EntryView, kommune: Kommune) -> str:
    user = next((u for u in view.entry.used_by if u.ags == kommune.ags), None)
    evidence = _evidence(user.evidence) if user and user.evidence else ""
    since = f" seit {user.since}" if user and user.since else ""
    return f"<li>{link(f'../../{SOLUTIONS}/{view.entry.id}/', view.entry.name)} von {text(view.entry.organisation.name)}{since}{evidence}</li>"


def _evidence(urls: tuple[str, ...]) -> str:
    return " (" + ", ".join(link(url, f"Beleg {n}") for n, url in enumerate(urls, start=1)) + ")" if urls else ""


def transfers_body(data: SiteData) -> str:
    """The Nachnutzung page: every transfer from the builder to another body, with role and evidence, as one table."""
    relations = data.transfers()
    rows = "".join(
        f"<tr><td>{link(f'../{SOLUTIONS}/{t.entry}/', t.solution)}</td><td>{text(t.builder)}</td>"
        f"<td>{kommune_link(data.kommune_names.get(t.ags or '', t.reuser), t.ags, '../')}</td>"
        f"<td>{text(vocabulary.REUSE_ROLES.get(t.role or '', '–'))}</td><td>{t.since or ''}</td>"
        f"<td>{text(t.kind + (f' ({t.lineage})' if t.lineage else ''))}</td>"
        f"<td>{', '.join(link(url, f'Beleg {n}') for n, url in enumerate(t.evidence, start=1))}</td></tr>"
        for t in relations
    )
    head = "".join(f'<th scope="col">{text(c)}</th>' for c in ("Lösung", "von (entwickelt)", "an (nutzt nach)", "Rolle", "seit", "Art", "Belege"))
    counts = {kind: sum(t.kind == kind for t in relations) for kind in assessment.TRANSFER_KINDS}
    kinds = "".join(f"<li><strong>{text(kind)}</strong>: {text(meaning)} ({counts[kind]})</li>" for kind, meaning in assessment.TRANSFER_KINDS.items())
    intro = (
        f"<p>{counts['eingetragen']} belegte Nachnutzungen: eine andere Stelle betreibt eine eigene Instanz einer Lösung, die anderswo "
        "entstanden ist. Wer eine Lösung beauftragt, mitentwickelt oder testet, steht auf den Seiten der Lösung und der Kommune, "
        f"zählt hier aber nicht.</p><ul>{kinds}</ul>"
        "<p>Dieselbe Tabelle liefert <code>catalogue transfers --format csv</code> (oder <code>--format json</code>).</p>"
    )
    return f"{intro}<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
