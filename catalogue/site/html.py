"""Turning untrusted entry text into safe HTML: escape plain text, sanitise rendered Markdown."""

from __future__ import annotations

from html import escape

import markdown
import nh3

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
