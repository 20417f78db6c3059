"""Turning untrusted entry text into safe HTML: escape plain text, sanitise rendered Markdown."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

import markdown
import nh3

from catalogue.site.data import KOMMUNEN, slugify

_ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


def text(value: str) -> str:
    """Plain text for HTML content or attribute values."""
    return escape(value, quote=True)


def markdown_to_safe_html(source: str) -> str:
    """Render a contributor's Markdown; raw HTML is shown as text, links only http(s)/mailto."""
    escaped = source.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    rendered = markdown.markdown(escaped, extensions=["tables"], output_format="html")
    cleaned: str = nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return cleaned


def missing(what: str) -> str:
    """A value the catalogue does not know, marked so readers see it is missing rather than empty."""
    return f'<span class="sck-missing">{text(what)}</span>'


def date(value: datetime | None) -> str:
    if value is None:
        return missing("unbekannt")
    return f'<time datetime="{value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}">{value.astimezone(UTC).strftime("%d.%m.%Y")}</time>'


def facts(rows: list[tuple[str, str]]) -> str:
    """A definition list of label and (already safe) HTML value."""
    # The trailing spaces keep label and value apart in the search index's excerpts.
    return '<dl class="sck-facts">' + "".join(f"<dt>{label}: </dt><dd>{value} </dd>" for label, value in rows) + "</dl>"


def link(href: str, label: str) -> str:
    return f'<a href="{text(href)}">{text(label)}</a>'


def kommune_link(name: str, ags: str | None, prefix: str) -> str:
    """A link to the Kommune's page (`prefix` leads to the site root), or the bare name without an AGS."""
    return link(f"{prefix}{KOMMUNEN}/{slugify(name)}-{ags}/", name) if ags else text(name)
