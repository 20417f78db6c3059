"""The MkDocs build turns entries into pages and never passes a contributor's HTML through."""

from __future__ import annotations

import subprocess
from pathlib import Path

from catalogue.site.html import markdown_to_safe_html

from conftest import REPO_ROOT, VALID_ENTRY, build_site, site_project


def build(tmp_path: Path, entries: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return build_site(site_project(tmp_path, entries))


def test_build_makes_a_page_per_entry_and_the_overview(tmp_path: Path) -> None:
    result = build(tmp_path, {"beispiel-app": VALID_ENTRY})
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "loesungen" / "beispiel-app" / "index.html").read_text(encoding="utf-8")
    assert "Beispiel-App" in page and "EUPL-1.2" in page and "P3 – Pilot" in page
    assert "Kann unsere Kommune sie übernehmen?" in page
    assert "Offene Lizenz (OSI/FSF) in jedem Repository gefunden: <strong>unklar</strong>" in page  # not harvested yet
    assert 'href="beispiel-app/"' in (tmp_path / "site" / "loesungen" / "index.html").read_text(encoding="utf-8")


def test_build_fails_with_located_messages_on_invalid_entries(tmp_path: Path) -> None:
    result = build(tmp_path, {"kaputt": VALID_ENTRY.replace("licence: EUPL-1.2", "licence: Apache 2")})
    assert result.returncode != 0
    assert "entries/kaputt.yaml:18:10: Feld 'licence'" in result.stderr


def test_site_loads_no_google_fonts(tmp_path: Path) -> None:
    build(tmp_path, {"beispiel-app": VALID_ENTRY})
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


def test_markdown_with_html_is_shown_as_text_not_run() -> None:
    html = markdown_to_safe_html('Hallo <script>alert(1)</script> <img src=x onerror="alert(1)"> [x](javascript:alert(1))')
    assert "<script" not in html and "<img" not in html and "javascript:" not in html
    assert "&lt;script&gt;" in html


def test_markdown_keeps_safe_links_and_lists() -> None:
    html = markdown_to_safe_html("- eins\n- [zwei](https://example.org)")
    assert "<li>eins</li>" in html
    assert 'href="https://example.org"' in html and 'rel="noopener noreferrer nofollow"' in html


def test_site_publishes_the_entry_schema(tmp_path: Path) -> None:
    build(tmp_path, {"beispiel-app": VALID_ENTRY})
    published = (tmp_path / "site" / "schema" / "entry.schema.json").read_text(encoding="utf-8")
    assert published == (REPO_ROOT / "catalogue" / "schema" / "entry.schema.json").read_text(encoding="utf-8")
    assert 'href="../schema/entry.schema.json"' in (tmp_path / "site" / "format" / "index.html").read_text(encoding="utf-8")
