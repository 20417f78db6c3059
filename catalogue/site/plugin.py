"""MkDocs plugin: reads the entries and harvest records once and adds the catalogue's pages and assets.

The page building lives in `pages.py` and plain HTML, so changing theme or generator later touches only this file.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from catalogue import report
from catalogue.entries import load_catalogue
from catalogue.errors import CatalogueError, InvalidEntries
from catalogue.exports.bundle import last_changes, write_exports
from catalogue.findings import format_findings
from catalogue.hosts import load_registry
from catalogue.records import load_records
from catalogue.schema import SCHEMA_PATH
from catalogue.site import pages
from catalogue.site.data import SOLUTIONS, SiteData

ASSETS = Path(__file__).parent / "assets"


class CataloguePluginConfig(Config):
    enabled = config_options.Type(bool, default=True)
    entries_dir = config_options.Type(str, default="entries")
    harvest_dir = config_options.Type(str, default="harvest")
    edit_base = config_options.Optional(config_options.Type(str))
    search_index = config_options.Type(bool, default=True)
    exports = config_options.Type(bool, default=True)


log = logging.getLogger(f"mkdocs.plugins.{__name__}")
_MARKER = "<!-- catalogue page: its HTML is set after Markdown -->"


class CataloguePlugin(BasePlugin[CataloguePluginConfig]):
    data: SiteData | None = None
    html: dict[str, str]

    def on_config(self, config: Any) -> Any:
        if self.config.enabled:
            config["extra_css"].append("assets/catalogue.css")
            config["extra_javascript"].append("assets/catalogue.js")
        return config

    def on_files(self, files: Files, /, *, config: Any) -> Files:
        if not self.config.enabled:
            return files
        root = Path(config["config_file_path"]).parent
        try:
            catalogue = load_catalogue(root / self.config.entries_dir, root=root)
        except InvalidEntries as error:
            raise PluginError("the entries have errors:\n" + format_findings(error.findings, "text")) from error
        loaded = load_records(catalogue, root / self.config.harvest_dir)
        for finding in loaded.findings:  # a bad record leaves its entry "not harvested", never breaks the build
            log.warning(finding.as_text())
        try:
            registry = load_registry(root)
        except CatalogueError as error:
            raise PluginError(str(error)) from error
        self.data = data = SiteData.of(catalogue, loaded.records, registry)
        self.catalogue, self.root, self.records = catalogue, root, loaded.records
        generated = {
            f"{SOLUTIONS}/index.md": pages.overview_page(data),
            "suche.md": pages.search_page(),
            "statistik.md": pages.statistics_page(data),
            "nachnutzung.md": pages.transfers_page(data),
            "karte.md": pages.map_page(data),
            "buero/bericht.md": pages.office_page(report.office_report(catalogue, self.records)),
            **pages.field_pages(data),
            **pages.kommune_pages(data),
            **{pages.entry_uri(view.entry.id): pages.entry_page(view, data, self.config.edit_base) for view in data.views},
        }
        # Generated pages are HTML already: Markdown sees only a marker, and on_page_content puts the HTML in.
        self.html = {uri: source.html for uri, source in generated.items()}
        for uri, source in generated.items():
            files.append(File.generated(config, uri, content=f"{source.front_matter}\n{_MARKER}\n"))
        files.append(File.generated(config, "schema/entry.schema.json", content=SCHEMA_PATH.read_bytes()))
        for asset in sorted(ASSETS.iterdir()):
            files.append(File.generated(config, f"assets/{asset.name}", content=asset.read_bytes()))
        return files

    def on_serve(self, server: Any, /, *, config: Any, builder: Any) -> Any:
        # `mkdocs serve` rebuilds when entries or harvest records change (where those folders exist).
        root = Path(config["config_file_path"]).parent
        for folder in (self.config.entries_dir, self.config.harvest_dir):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server

    def on_page_content(self, html: str, /, *, page: Any, config: Any, files: Files) -> str:
        generated = getattr(self, "html", {}).get(page.file.src_uri)
        return generated if generated is not None else html

    def on_post_build(self, *, config: Any) -> None:
        if not self.config.enabled:
            return
        if self.config.exports:
            write_exports(Path(config["site_dir"]), self.catalogue, self.records, last_changes(self.root, self.catalogue), config.get("site_url") or "")
        if not self.config.search_index:
            return
        command = [sys.executable, "-m", "pagefind", "--site", config["site_dir"], "--force-language", "de", "--silent"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            raise PluginError(f"pagefind could not index the site: {result.stderr.strip() or result.stdout.strip()}")
