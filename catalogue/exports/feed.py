"""The Atom feed of new and changed entries (RFC 4287)."""

from __future__ import annotations

from collections.abc import Callable
from xml.etree import ElementTree

from catalogue.model import Catalogue

ATOM = "http://www.w3.org/2005/Atom"
MAX_ITEMS = 50


def atom_feed(catalogue: Catalogue, updated: dict[str, str], page_url: Callable[[str], str], feed_url: str, generated_at: str) -> str:
    """Entries newest change first; `updated` maps id -> ISO time of its last change."""
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed", {"xml:lang": "de"})
    _text(feed, "id", "tag:smart-city-katalog.de,2026:feed")
    _text(feed, "title", "Smart-City-Katalog: neue und geänderte Lösungen")
    _text(feed, "updated", max(updated.values(), default=generated_at))
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": feed_url})
    author = ElementTree.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "Smart-City-Katalog")
    ordered = sorted(catalogue.entries, key=lambda e: (updated.get(e.id, generated_at), e.id), reverse=True)[:MAX_ITEMS]
    for entry in ordered:
        item = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        _text(item, "id", f"tag:smart-city-katalog.de,2026:entry/{entry.id}")
        _text(item, "title", entry.name)
        _text(item, "updated", updated.get(entry.id, generated_at))
        ElementTree.SubElement(item, f"{{{ATOM}}}link", {"rel": "alternate", "href": page_url(entry.id)})
        _text(item, "summary", entry.short_description)
        for field in entry.fields:
            ElementTree.SubElement(item, f"{{{ATOM}}}category", {"term": field})
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="unicode") + "\n"


def _text(parent: ElementTree.Element, name: str, value: str) -> None:
    ElementTree.SubElement(parent, f"{{{ATOM}}}{name}").text = value
