"""The catalogue's own entries are valid and real."""

from __future__ import annotations

from urllib.parse import urlsplit

from catalogue.entries import load_catalogue

from conftest import REPO_ROOT


def test_real_entries_are_valid_and_at_least_30() -> None:
    catalogue = load_catalogue(REPO_ROOT / "entries", root=REPO_ROOT)
    assert len(catalogue.entries) >= 30


def test_real_entries_point_at_public_git_hosts() -> None:
    catalogue = load_catalogue(REPO_ROOT / "entries", root=REPO_ROOT)
    hosts = {urlsplit(repo.url).hostname for entry in catalogue.entries for repo in entry.repositories}
    assert hosts <= {"github.com", "gitlab.com", "gitlab.opencode.de", "codeberg.org", "bitbucket.org"}
