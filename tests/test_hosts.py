"""One host registry: built-in hosts, recognition by name, and self-hosted instances declared in hosts.yml."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.errors import CatalogueError
from catalogue.harvest.hosts.registry import api_target
from catalogue.hosts import DEFAULT, load_registry
from catalogue.site.data import SiteData
from catalogue.urls import host_kind


def test_built_in_hosts_have_kind_label_and_api() -> None:
    opencode = DEFAULT.host("gitlab.opencode.de")
    assert (opencode.kind.name, opencode.label, opencode.api_url) == ("gitlab", "OpenCoDE", "https://gitlab.opencode.de/api/v4")
    assert (DEFAULT.host("codeberg.org").kind.auth_scheme, DEFAULT.host("GitHub.com").api_url) == ("token", "https://api.github.com")


def test_unknown_hosts_are_recognised_by_name_or_read_by_git_alone() -> None:
    assert host_kind("gitlab.stadt.de") == "gitlab" and host_kind("forgejo.kreis.de") == "gitea"
    assert (DEFAULT.host("git.example.org").kind.name, DEFAULT.host("git.example.org").label) == ("git", "Andere")
    assert api_target("https://git.example.org/a/b.git", {}) is None


def test_a_self_hosted_instance_is_declared_without_code(tmp_path: Path) -> None:
    (tmp_path / "hosts.yml").write_text(
        "- host: git.stadt-beispiel.de\n  kind: gitea\n  label: Git der Stadt Beispiel\n  api: https://git.stadt-beispiel.de/forgejo/api/v1\n", encoding="utf-8"
    )
    registry = load_registry(tmp_path)
    target = api_target("https://git.stadt-beispiel.de/smartcity/app.git", {}, registry)
    assert target is not None
    assert (target.api.kind, target.base_url, target.path) == ("gitea", "https://git.stadt-beispiel.de/forgejo/api/v1", "smartcity/app")
    assert target.auth_scheme == "token"


def test_declared_labels_name_the_host_facet(tmp_path: Path) -> None:
    from test_assessment import entry

    from catalogue.model import Catalogue, Repository

    (tmp_path / "hosts.yml").write_text("- host: git.stadt-beispiel.de\n  kind: gitlab\n  label: Git der Stadt Beispiel\n", encoding="utf-8")
    solution = entry(repositories=(Repository("https://git.stadt-beispiel.de/a/b"), Repository("https://github.com/a/b")))
    data = SiteData.of(Catalogue((solution,)), {}, load_registry(tmp_path))
    assert data.views[0].facets()["host"] == ["Git der Stadt Beispiel", "GitHub"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("host: x", "erwartet eine Liste"),
        ("- host: 'not a host'\n  kind: gitea\n", "'host' muss ein Hostname sein"),
        ("- host: git.a.de\n  kind: bitbucket\n", "'kind' muss github, gitlab oder gitea sein"),
        ("- host: git.a.de\n  kind: gitea\n  api: http://git.a.de/api\n", "'api' muss eine https://-Adresse sein"),
        ("- host: git.a.de\n  kind: gitea\n  token: geheim\n", "unbekanntes Feld 'token'"),
        ("- [", "nicht lesbar"),
    ],
)
def test_a_bad_hosts_file_is_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "hosts.yml").write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError, match=message):
        load_registry(tmp_path)
