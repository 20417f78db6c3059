"""'Können wir das betreiben?': source present, superseded, deployment artefacts anywhere, hosted services."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from catalogue import assessment, records
from catalogue.harvest.gitcmd import GitSettings
from catalogue.harvest.operation import language_of
from catalogue.harvest.run import HarvestOptions, harvest
from catalogue.model import Documentation, Entry, OperationFacts, Organisation, Repository

from gitserver import Commit, GitHttpServer, make_repo

NOW = datetime(2026, 11, 1, tzinfo=UTC)
PUBLIC = "https://git.example-stadt.de/"
MIT = "MIT License\n\nCopyright (c) 2024 Stadt Beispiel\n\n" + "Permission is hereby granted"


def entry(name: str) -> Entry:
    return Entry(
        id=name,
        source_path=f"entries/{name}.yaml",
        name=name,
        short_description="x" * 10,
        description="x" * 20,
        repositories=(Repository(f"{PUBLIC}demo/{name}.git"),),
        organisation=Organisation("O", "Verein"),
        fields=("Mobilität",),
        roadmap_phase="P3",
        development_status="beta",
        licence="MIT",
        documentation=Documentation(installation="https://example.org/install"),
    )


def harvested(tmp_path: Path, licence_db: Path, name: str, files: dict[str, str]) -> OperationFacts:
    served = tmp_path / "served" / "demo"
    served.mkdir(parents=True, exist_ok=True)
    make_repo(served, name, [Commit("start", "2026-06-01T10:00:00+00:00", files=files)])
    with GitHttpServer(tmp_path / "served").running() as server:
        settings = GitSettings(allow_http=True, timeout_seconds=60, url_rewrites=((server.base_url, PUBLIC),))
        options = HarvestOptions(tmp_path / "harvest", tmp_path / "cache", settings, licence_database_path=licence_db, use_apis=False)
        [outcome] = harvest([entry(name)], options, now=NOW)
    assert outcome.status == "updated", outcome.error
    record = records.read_record(tmp_path / "harvest", name)
    assert record is not None and record.repositories[0].operation is not None
    return record.repositories[0].operation


def test_a_repository_of_build_files_only_has_no_source_and_is_not_ready(tmp_path: Path, licence_db: Path) -> None:
    files = {
        "Dockerfile": "FROM node:20\nCOPY src/ /app/\n",
        "README.md": "# Importer\n",
        "helm/Chart.yaml": "name: x\n",
        "helm/values.yaml": "image: r.example/x\n",
    }
    found = harvested(tmp_path, licence_db, "importer", files)
    assert (found.source_files, found.missing_build_paths) == (0, ("src",))
    record = records.read_record(tmp_path / "harvest", "importer")
    assert record is not None
    badge = assessment.reuse_badge(entry("importer"), record)
    assert badge.level is None and "kein Quellcode im Repository" in badge.reason


def test_a_superseded_readme_is_quoted_with_its_successor_in_english_and_german(tmp_path: Path, licence_db: Path) -> None:
    english = harvested(
        tmp_path,
        licence_db,
        "old",
        {"README.md": "# Tool\n\nThis repository is out of date. The new code is in https://github.com/x/new-tool.\n", "app.py": "x = 1\n"},
    )
    assert [(n.quote, n.successor) for n in english.notices] == [("This repository is out of date.", "https://github.com/x/new-tool")]
    german = harvested(tmp_path, licence_db, "alt", {"README.md": "# Werkzeug\n\nDas Projekt wird nicht mehr weiterentwickelt.\n", "app.py": "x = 1\n"})
    assert german.notices[0].quote == "Das Projekt wird nicht mehr weiterentwickelt."


def test_deployment_artefacts_in_sub_folders_and_services_from_env_examples(tmp_path: Path, licence_db: Path) -> None:
    files = {
        "frontend/src/main.ts": "export const a = 1\n",
        "deploy/docker/docker-compose.yml": "services:\n  db:\n    image: postgis/postgis\n",
        "frontend/.env.example": "VITE_MAPBOX_API_KEY=\nVITE_SUPABASE_URL=\nPORT=3000\n",
        "README.md": "# App\n\n## Installation\n\nnpm install\n",
    }
    found = harvested(tmp_path, licence_db, "karte", files)
    assert ("compose", "deploy/docker/docker-compose.yml") in [(a.kind, a.path) for a in found.artefacts]
    assert ("guide", "README.md#installation") in [(a.kind, a.path) for a in found.artefacts]
    assert [(s.service, s.file, s.variable) for s in found.services] == [
        ("Mapbox", "frontend/.env.example", "VITE_MAPBOX_API_KEY"),
        ("Supabase", "frontend/.env.example", "VITE_SUPABASE_URL"),
    ]
    assert found.languages == {"TypeScript": 1}


def test_languages_come_from_pygments_and_data_files_are_not_source() -> None:
    assert (language_of("src/app.py"), language_of("x/Component.vue"), language_of("Main.java")) == ("Python", "Vue", "Java")
    assert language_of("docs/readme.md") == "Markdown"  # counted as text, not as source (NOT_SOURCE)
