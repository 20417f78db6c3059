"""Page sources (Markdown with embedded, escaped HTML) built from the catalogue."""

from __future__ import annotations

from urllib.parse import urlsplit

from catalogue import vocabulary
from catalogue.model import Catalogue, Entry, Repository
from catalogue.site.html import markdown_to_safe_html, text
from catalogue.urls import host_kind, repository_key

SOLUTIONS_DIR = "loesungen"
_HOST_LABELS = {"github": "GitHub", "gitlab": "GitLab", "gitea": "Gitea/Forgejo", "git": "Git"}


def entry_uri(entry_id: str) -> str:
    return f"{SOLUTIONS_DIR}/{entry_id}.md"


def entry_page(entry: Entry, catalogue: Catalogue, edit_base: str | None) -> str:
    """The page of one solution."""
    org = entry.organisation
    facts = [
        ("Lizenz (erklärt)", text(entry.licence)),
        ("Roadmap-Phase", text(f"{entry.roadmap_phase} – {vocabulary.ROADMAP_PHASES[entry.roadmap_phase]}")),
        ("Entwicklungsstand", text(vocabulary.DEVELOPMENT_STATUSES[entry.development_status])),
        ("Handlungsfelder", text(", ".join(entry.fields))),
        ("Entwickelt von", text(org.name + (f" ({org.state})" if org.state else ""))),
        ("Plattformen", text(", ".join(vocabulary.PLATFORMS[p] for p in entry.platforms)) or "keine Angabe"),
        ("Standards", text(", ".join(entry.standards)) or "keine Angabe"),
    ]
    rows = "".join(f'<tr><th scope="row">{label}</th><td>{value}</td></tr>' for label, value in facts)
    repos = "".join(_repository_item(r) for r in entry.repositories)
    reuse = "".join(f"<li>{text(u.name)}{' seit ' + str(u.since) if u.since else ''}{' – ' + text(u.note) if u.note else ''}</li>" for u in entry.used_by)
    known = catalogue.by_id()
    related = "".join(f'<li><a href="../{r}/">{text(known[r].name)}</a></li>' for r in entry.related if r in known)
    parts = [
        f"# {_md_heading(entry.name)}\n",
        f'<p class="sck-lead">{text(entry.short_description)}</p>',
        f'<div class="sck-description">{markdown_to_safe_html(entry.description)}</div>',
        f'<h2>Steckbrief</h2><table class="sck-facts">{rows}</table>',
        f"<h2>Repositories</h2><ul>{repos}</ul>",
        "<h2>Nachnutzung</h2>" + (f"<ul>{reuse}</ul>" if reuse else "<p>Noch keine Nachnutzung eingetragen.</p>"),
    ]
    if related:
        parts.append(f"<h2>Verwandte Lösungen</h2><ul>{related}</ul>")
    if edit_base:
        parts.append(f'<p><a href="{text(edit_base + entry.source_path)}">Diesen Eintrag bearbeiten</a></p>')
    return "\n\n".join(parts) + "\n"


def _repository_item(repository: Repository) -> str:
    host = urlsplit(repository.url).hostname or ""
    role = f", {text(vocabulary.REPOSITORY_ROLES[repository.role])}" if repository.role else ""
    return f'<li><a href="{text(repository.url)}">{text(repository_key(repository.url))}</a> ({_HOST_LABELS[host_kind(host)]}{role})</li>'


def overview_page(catalogue: Catalogue) -> str:
    """The list of all solutions, readable without JavaScript."""
    items = "".join(
        f'<li><a href="{e.id}/">{text(e.name)}</a> – {text(e.short_description)} <small>({text(", ".join(e.fields))}; {text(e.licence)})</small></li>'
        for e in sorted(catalogue.entries, key=lambda e: e.name.casefold())
    )
    return f'# Lösungen\n\n<p>{len(catalogue.entries)} Lösungen im Katalog.</p>\n\n<ul class="sck-list">{items}</ul>\n'


def _md_heading(value: str) -> str:
    # A heading is Markdown: escape what Markdown or HTML would read as markup.
    return text(value).replace("*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("`", "\\`")
