"""Können wir das betreiben? Source present, current or superseded, mirrors, deployment artefacts and what running
takes, harvested from real repositories on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from catalogue import records
from catalogue.harvest import notices, runnable, source_files
from catalogue.harvest.facts import TreeEntry
from catalogue.harvest.gitcmd import GitSettings
from catalogue.harvest.mirror import MirrorState
from catalogue.harvest.run import HarvestOptions, _unchanged_since, harvest
from catalogue.model import (
    ContainerImage,
    DeploymentArtefact,
    Entry,
    HarvestRecord,
    HostedService,
    LanguageFiles,
    MissingPath,
    Notice,
    Organisation,
    Repository,
    RepositoryFacts,
    Runtime,
    StartedService,
)

from gitserver import Commit, GitHttpServer, git, make_repo

NOW = datetime(2026, 11, 1, tzinfo=UTC)
PUBLIC = "https://github.com/"
DAY = "2026-10-01T10:00:00+00:00"

SOURCELESS = {
    "Dockerfile": (
        "FROM node:22-alpine AS build\n"
        "COPY . /build/\n"
        "WORKDIR /build\n"
        "RUN npm install\n"
        "RUN chmod 755 /build/scripts/minify.sh\n"
        "FROM node:22-alpine\n"
        "COPY --from=build /build/dist/ ./\n"
        "COPY target/licences/ /licences/\n"  # made by the build before docker build: not missing
    ),
    "README.md": "# Importer\n\nImportiert Busdaten.\n\n## Installation\n\n```\nhelm install importer helm\n```\n",
    "LICENSE": "MIT License\n",
    "helm/Chart.yaml": "apiVersion: v2\nname: importer\nversion: 1.0.0\n",
    "helm/values.yaml": 'image:\n  registry: hub.example.net\n  repository: smartcity/importer\n  tag: ""\n',
    "helm/templates/deployment.yaml": "kind: Deployment\nimage: {{ .Values.image.repository }}\n",
    "helm/templates/_helpers.tpl": '{{- define "importer.name" -}}importer{{- end }}\n',
}
OUT_OF_DATE = {
    "README.md": "# Old tool\n\n> **Note:** This repository is out of date. You can find the new code in [this](https://github.com/org/new-tool) location.\n",
    "src/app.js": "console.log('old')\n",
}
NICHT_MEHR = {
    "README.md": (
        "# Altes Verfahren\n\nDieses Projekt wird nicht mehr weiterentwickelt. Der Nachfolger ist "
        "[Neues Verfahren](https://gitlab.opencode.de/stadt/neues-verfahren).\n"
    ),
    "app/main.py": "print('alt')\n",
}
MIRROR = {
    "README.md": "# App\n\nThis repository is a read-only mirror of https://gitlab.example.org/stadt/app.\n",
    "src/Main.java": "class Main {}\n",
}
COMPOSE = (
    "services:\n"
    "  app:\n"
    "    build: ../..\n"
    "    environment:\n"
    "      SENTRY_DSN: ${SENTRY_DSN}\n"
    "  db:\n"
    "    image: postgis/postgis:16-3.4\n"
    "  cache:\n"
    "    image: redis:7\n"
    "  search:\n"
    "    build: ./search\n"
)
CONFIGURED = {
    "deploy/docker/docker-compose.yml": COMPOSE,
    ".env.example": "# Karte\nVITE_MAPBOX_TOKEN=pk.your-token\nDATABASE_URL=postgres://db/app\n",
    "src/main.py": "print('app')\n",
    ".nvmrc": "22.11.0\n",
}
EXPIRED = {
    "publiccode.yml": (
        'publiccodeYmlVersion: "0.4"\nname: Alt\nurl: https://github.com/demo/expired\n'
        "maintenance:\n  type: contract\n  contractors:\n    - name: Firma GmbH\n      until: 2025-06-30\n"
    ),
    "src/index.ts": "export {}\n",
}
ALIASES = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True))
HOSTILE = {
    "app.py": b"\x00\x01\x02binary named like source\x00",
    "README.md": "Dieses Projekt wird nicht mehr gepflegt. Grüße aus Köln\n".encode("latin-1"),
    "compose.yaml": ALIASES + "services:\n  app:\n    image: *i\n  db:\n    image: postgres:16\n",
    "docker/compose.yaml": "services: " + "[" * 500 + "]" * 500 + "\n",
    ".env.example": b"MAPBOX_TOKEN=x\n" + b"FILLER=1\n" * (50 * 1024 * 1024 // 9),
    "a/b/c/d/e/f/g/h/Dockerfile": "FROM private.example/deep:1\n",
    "chart/Chart.yaml": "apiVersion: v2\nname: bomb\n",
    "chart/values.yaml": "base: &base\n  image:\n    repository: bitnami/redis\n"
    + ALIASES.replace("[x, x, x, x, x, x, x, x, x]", "[*base, *base, *base, *base, *base, *base, *base, *base, *base]"),
}


def _entry(entry_id: str) -> Entry:
    return Entry(
        id=entry_id,
        source_path=f"entries/{entry_id}.yaml",
        name=entry_id,
        short_description="x" * 10,
        description="x" * 20,
        repositories=(Repository(f"{PUBLIC}demo/{entry_id}"),),
        organisation=Organisation("Org", "Verein"),
        fields=("Mobilität",),
        roadmap_phase="P3",
        development_status="beta",
        licence="MIT",
    )


REPOSITORIES: dict[str, list[Commit]] = {
    "sourceless": [Commit("helm", DAY, files=dict(SOURCELESS))],
    "out-of-date": [Commit("notice", DAY, files=dict(OUT_OF_DATE))],
    "nicht-mehr": [Commit("Hinweis", DAY, files=dict(NICHT_MEHR))],
    "mirror": [Commit("start", "2026-09-01T10:00:00+00:00", files=dict(MIRROR)), Commit("Code drop 2026-10", DAY, files={"src/B.java": "class B {}\n"})],
    "configured": [Commit("start", DAY, files=dict(CONFIGURED))],
    "expired": [Commit("start", DAY, files=dict(EXPIRED))],
    "hostile": [Commit("start", DAY, files=dict(HOSTILE))],
}


@pytest.fixture(scope="module")
def harvested(tmp_path_factory: pytest.TempPathFactory, licence_db: Path) -> Iterator[dict[str, RepositoryFacts]]:
    """Every repository above, harvested once over loopback HTTP."""
    root = tmp_path_factory.mktemp("runnable")
    projects = root / "served" / "demo"
    projects.mkdir(parents=True)
    for name, commits in REPOSITORIES.items():
        make_repo(projects, name, commits)
    _add_symlinks(projects)
    with GitHttpServer(root / "served").running() as server:
        settings = GitSettings(allow_http=True, timeout_seconds=60, url_rewrites=((server.base_url, PUBLIC),))
        options = HarvestOptions(root / "harvest", root / "cache", settings, licence_database_path=licence_db, use_apis=False)
        outcomes = harvest([_entry(name) for name in REPOSITORIES], options, now=NOW)
    assert [o.status for o in outcomes] == ["updated"] * len(REPOSITORIES), [o.error for o in outcomes]
    found = {}
    for name in REPOSITORIES:
        record = records.read_record(root / "harvest", name)
        assert record is not None
        found[name] = record.repositories[0]
    yield found


def _add_symlinks(projects: Path) -> None:
    """A symbolic link named like a Dockerfile and one named like source, pointing out of the repository."""
    work = projects / "hostile-work"
    (work / "Dockerfile").symlink_to("../../../../etc/passwd")
    (work / "run.py").symlink_to("/etc/passwd")
    env = {"GIT_AUTHOR_DATE": DAY, "GIT_COMMITTER_DATE": DAY}
    git("add", "Dockerfile", "run.py", cwd=work)
    git("-c", "user.name=M", "-c", "user.email=m@example.org", "commit", "-q", "-m", "links", cwd=work, env=env)
    git("push", "-q", str(projects / "hostile.git"), "main", cwd=work)


# --- source present -----------------------------------------------------------------------------------------


def test_a_repository_of_dockerfile_and_helm_chart_has_no_source(harvested: dict[str, RepositoryFacts]) -> None:
    source = harvested["sourceless"].source
    assert source is not None
    assert (source.source_files, source.languages, source.build_files) == (0, (), 5)


def test_a_dockerfile_that_builds_from_files_the_tree_lacks_names_them(harvested: dict[str, RepositoryFacts]) -> None:
    source = harvested["sourceless"].source
    assert source is not None
    assert source.missing_paths == (
        MissingPath("Dockerfile", 4, "package.json", "RUN npm install"),
        MissingPath("Dockerfile", 5, "scripts/minify.sh", "RUN chmod 755 /build/scripts/minify.sh"),
    )


def test_source_files_are_counted_per_language(harvested: dict[str, RepositoryFacts]) -> None:
    source = harvested["configured"].source
    assert source is not None
    assert (source.languages, source.source_files) == ((LanguageFiles("Python", 1),), 1)


def test_a_binary_file_named_like_source_and_symbolic_links_are_no_source(harvested: dict[str, RepositoryFacts]) -> None:
    source = harvested["hostile"].source
    assert source is not None
    assert (source.source_files, source.binary_named_as_source) == (0, ("app.py",))


def test_a_compose_build_folder_the_tree_lacks_is_named(harvested: dict[str, RepositoryFacts]) -> None:
    source = harvested["configured"].source
    assert source is not None
    assert source.missing_paths == (MissingPath("deploy/docker/docker-compose.yml", 11, "./search", "build: ./search"),)


# --- current or superseded ----------------------------------------------------------------------------------


def test_an_english_out_of_date_notice_is_quoted_with_its_successor(harvested: dict[str, RepositoryFacts]) -> None:
    status = harvested["out-of-date"].status
    assert status is not None
    assert status.notices == (
        Notice("moved", "Note: This repository is out of date. You can find the new code in this location.", "README.md", 3, "https://github.com/org/new-tool"),
    )


def test_a_german_notice_is_quoted_with_its_successor(harvested: dict[str, RepositoryFacts]) -> None:
    status = harvested["nicht-mehr"].status
    assert status is not None
    assert status.notices == (
        Notice(
            "unmaintained",
            "Dieses Projekt wird nicht mehr weiterentwickelt. Der Nachfolger ist Neues Verfahren.",
            "README.md",
            3,
            "https://gitlab.opencode.de/stadt/neues-verfahren",
        ),
    )


def test_a_readme_that_is_not_utf8_is_still_read(harvested: dict[str, RepositoryFacts]) -> None:
    status = harvested["hostile"].status
    assert status is not None
    assert [(n.kind, n.line) for n in status.notices] == [("unmaintained", 1)]


def test_a_mirror_is_told_by_its_readme_and_its_code_drop_commits(harvested: dict[str, RepositoryFacts]) -> None:
    facts = harvested["mirror"]
    assert facts.status is not None and facts.head_commit is not None
    assert facts.status.mirror_hints == (
        Notice(
            "mirror", "This repository is a read-only mirror of https://gitlab.example.org/stadt/app.", "README.md", 3, "https://gitlab.example.org/stadt/app"
        ),
        Notice("mirror", "Code drop 2026-10", f"Commit {facts.head_commit[:12]}"),
    )


@pytest.mark.parametrize(
    "line",
    [
        "Trees that are no longer in the new dataset are deleted.",
        "This key is DEPRECATED and will be removed in the future.",
        "Der Wert wird in der Konfiguration eingestellt.",
        "The previous database is no longer used by the current compose file.",
        "Local read-only Studio diagnostics are described in docs/betrieb.md.",
    ],
)
def test_sentences_about_other_things_are_no_notices(line: str) -> None:
    assert notices.readme_notices("README.md", f"# Titel\n\nText.\n\n{line}\n", "https://github.com/a/b") == ([], [])


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Die Entwicklung wurde 2023 eingestellt.", "discontinued"),
        ("**DEPRECATED** – use the new addon.", "deprecated"),
        ("Note: This repository is archived and no longer maintained.", "archived"),
        ("This project has been superseded by NewThing.", "superseded"),
        ("Das Repository ist nach OpenCoDE umgezogen.", "moved"),
        ("This project isn't maintained anymore, sorry.", "unmaintained"),
    ],
)
def test_notices_in_german_and_english(line: str, kind: str) -> None:
    found, _ = notices.readme_notices("README.md", f"# Titel\n\n{line}\n", "https://github.com/a/b")
    assert [n.kind for n in found] == [kind]


# --- deployment artefacts and what running takes ------------------------------------------------------------


def test_deployment_artefacts_are_found_with_their_paths(harvested: dict[str, RepositoryFacts]) -> None:
    operation = harvested["sourceless"].operation
    assert operation is not None
    assert operation.artefacts == (
        DeploymentArtefact("dockerfile", "Dockerfile"),
        DeploymentArtefact("helm_chart", "helm"),
        DeploymentArtefact("install_guide", "README.md", 5, "Installation"),
    )


def test_an_image_from_an_unknown_registry_is_not_called_public(harvested: dict[str, RepositoryFacts]) -> None:
    operation = harvested["sourceless"].operation
    assert operation is not None
    assert operation.images == (
        ContainerImage("node:22-alpine", "docker.io", "Dockerfile", 1, True, base=True),
        ContainerImage("node:22-alpine", "docker.io", "Dockerfile", 6, True, base=True),
        ContainerImage("hub.example.net/smartcity/importer", "hub.example.net", "helm/values.yaml", 2, None),
    )
    assert operation.runtimes == (Runtime("Node.js", "Dockerfile", 1, "22-alpine"),)


def test_a_compose_file_in_a_sub_folder_and_the_services_it_starts(harvested: dict[str, RepositoryFacts]) -> None:
    operation = harvested["configured"].operation
    assert operation is not None
    assert DeploymentArtefact("compose", "deploy/docker/docker-compose.yml") in operation.artefacts
    assert operation.services == (
        StartedService("PostgreSQL/PostGIS", "deploy/docker/docker-compose.yml", 7, "postgis/postgis:16-3.4"),
        StartedService("Redis", "deploy/docker/docker-compose.yml", 9, "redis:7"),
    )


def test_a_mapbox_token_in_the_environment_example_is_a_hosted_service(harvested: dict[str, RepositoryFacts]) -> None:
    operation = harvested["configured"].operation
    assert operation is not None
    assert operation.hosted_services == (
        HostedService("Mapbox", ".env.example", 2, "VITE_MAPBOX_TOKEN"),
        HostedService("Sentry", "deploy/docker/docker-compose.yml", 5, "SENTRY_DSN"),
    )
    assert operation.runtimes == (Runtime("Node.js", ".nvmrc", 1, "22.11.0"),)


def test_the_repositorys_maintenance_contract_is_kept_as_written(harvested: dict[str, RepositoryFacts]) -> None:
    publiccode = harvested["expired"].publiccode
    assert publiccode is not None and publiccode.maintenance is not None
    assert (publiccode.maintenance.type, [(c.name, c.until) for c in publiccode.maintenance.contractors]) == ("contract", [("Firma GmbH", "2025-06-30")])


# --- bad input ----------------------------------------------------------------------------------------------


def test_hostile_compose_files_and_a_huge_environment_example_are_bounded_with_a_reason(harvested: dict[str, RepositoryFacts]) -> None:
    operation = harvested["hostile"].operation
    assert operation is not None
    assert operation.services == (  # the alias bombs are walked once
        StartedService("Redis", "chart/values.yaml", 3, "bitnami/redis"),
        StartedService("PostgreSQL/PostGIS", "compose.yaml", 14, "postgres:16"),
    )
    assert [i.reference for i in operation.images if i.file == "chart/values.yaml"] == ["bitnami/redis"]
    assert operation.hosted_services == ()  # the 50 MB .env.example was not read
    assert ".env.example: größer als 512 KB" in operation.limits_reached
    assert "docker/compose.yaml: tiefer verschachtelt als 64 Ebenen; nicht ausgewertet" in operation.limits_reached


def test_symbolic_links_and_deeply_nested_files_are_no_artefacts(harvested: dict[str, RepositoryFacts]) -> None:
    operation = harvested["hostile"].operation
    assert operation is not None
    assert [a.path for a in operation.artefacts if a.kind == "dockerfile"] == []


def test_a_tree_larger_than_the_bound_is_counted_in_part_and_says_so() -> None:
    entries = [TreeEntry("100644", "blob", "0" * 40, f"src/{n // 1000}/f{n}.py") for n in range(source_files.MAX_ENTRIES + 5)]
    found = runnable.analyse_tree(entries, lambda wanted: ({}, {}), lambda: [], "https://github.com/a/b")
    assert found.source.source_files == source_files.MAX_ENTRIES
    assert found.source.limits_reached == (
        f"der Baum hat mehr als {source_files.MAX_ENTRIES} Einträge; nur die ersten {source_files.MAX_ENTRIES} sind gezählt",
    )


def test_a_record_made_before_this_analysis_is_not_taken_as_up_to_date(harvested: dict[str, RepositoryFacts], tmp_path: Path) -> None:
    facts = harvested["configured"]
    assert facts.head_commit is not None
    state = MirrorState(tmp_path, facts.head_commit, "main", changed=False, settings=GitSettings())
    assert _unchanged_since(HarvestRecord("configured", NOW, (facts,)), [state])
    assert not _unchanged_since(HarvestRecord("configured", NOW, (replace(facts, source=None),)), [state])
