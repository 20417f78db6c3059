"""MkDocs plugin: reads the entries once and adds a page per solution plus the overview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from catalogue.entries import CatalogueError, load_catalogue
from catalogue.findings import format_findings
from catalogue.model import Catalogue
from catalogue.site import pages


class CataloguePluginConfig(Config):
    enabled = config_options.Type(bool, default=True)
    entries_dir = config_options.Type(str, default="entries")
    edit_base = config_options.Optional(config_options.Type(str))


class CataloguePlugin(BasePlugin[CataloguePluginConfig]):
    catalogue: Catalogue | None = None

    def on_files(self, files: Files, /, *, config: Any) -> Files:
        if not self.config.enabled:
            return files
        root = Path(config["config_file_path"]).parent
        try:
            self.catalogue = load_catalogue(root / self.config.entries_dir, root=root)
        except CatalogueError as error:
            raise PluginError("the entries have errors:\n" + format_findings(error.findings, "text")) from error
        catalogue = self.catalogue
        files.append(File.generated(config, f"{pages.SOLUTIONS_DIR}/index.md", content=pages.overview_page(catalogue)))
        for entry in catalogue.entries:
            files.append(File.generated(config, pages.entry_uri(entry.id), content=pages.entry_page(entry, catalogue, self.config.edit_base)))
        return files
