"""One base class for every error the catalogue raises on purpose; the CLI turns them into messages and exit codes."""

from __future__ import annotations

from collections.abc import Sequence

from catalogue.findings import Finding


class CatalogueError(Exception):
    """An error a user can act on: the message says what is wrong and what to do."""


class InvalidEntries(CatalogueError):
    """Entry files with problems; `findings` holds every one of them, located."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = list(findings)
        super().__init__(f"{len(self.findings)} Problem(e) in den Einträgen")


class HarvestCannotStart(CatalogueError):
    """A local reason (no cache for --offline, no git, an unwritable cache) stops a harvest before any record changes."""
