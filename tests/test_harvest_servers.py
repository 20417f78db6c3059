"""The harvest works against every ordinary git server: packs with reachability bitmaps, with and without partial
clone support, protocol v0 and v2 (the blob fetch must not depend on negotiation)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from catalogue import records
from catalogue.harvest.gitcmd import GitSettings
from catalogue.harvest.licences import spdx_texts
from catalogue.harvest.run import HarvestOptions, harvest
from catalogue.model import Entry, Organisation, Repository

from gitserver import Commit, GitHttpServer, git, make_repo

NOW = datetime(2026, 11, 1, tzinfo=UTC)
PUBLIC = "https://git.example-stadt.de/"


def entry() -> Entry:
    return Entry(
        id="app",
        source_path="entries/app.yaml",
        name="App",
        short_description="x" * 10,
        description="x" * 20,
        repositories=(Repository(PUBLIC + "demo/app.git"),),
        organisation=Organisation("O", "Verein"),
        fields=("Mobilität",),
        roadmap_phase="P3",
        development_status="beta",
        licence="MIT",
    )


@pytest.mark.parametrize("allow_filter", [True, False], ids=["filter", "no-filter"])
@pytest.mark.parametrize("protocol", ["0", "2"])
def test_a_repacked_repository_with_bitmaps_is_harvested(tmp_path: Path, licence_db: Path, allow_filter: bool, protocol: str) -> None:
    served = tmp_path / "served" / "demo"
    served.mkdir(parents=True)
    mit = spdx_texts()["MIT"].replace("<year> <copyright holders>", "2024 Stadt Beispiel")
    commits = [Commit(f"c{n}", f"2026-0{n}-01T10:00:00+00:00", files={f"src/m{n}.py": f"x = {n}\n" * 50}) for n in range(1, 6)]
    commits.append(Commit("licence", "2026-07-01T10:00:00+00:00", files={"LICENSE": mit}))
    bare = make_repo(served, "app", commits)
    git("repack", "-a", "-d", "-b", cwd=bare)  # what git gc writes in bare repositories on self-hosted servers
    assert list((bare / "objects" / "pack").glob("*.bitmap"))
    git("config", "uploadpack.allowFilter", str(allow_filter).lower(), cwd=bare)
    with GitHttpServer(tmp_path / "served").running() as server:
        settings = GitSettings(allow_http=True, timeout_seconds=60, url_rewrites=((server.base_url, PUBLIC),), protocol_version=protocol)
        options = HarvestOptions(tmp_path / "harvest", tmp_path / "cache", settings, licence_database_path=licence_db, use_apis=False)
        [outcome] = harvest([entry()], options, now=NOW)
    assert outcome.status == "updated", outcome.error
    record = records.read_record(tmp_path / "harvest", "app")
    assert record is not None and record.repositories[0].licence.expression == "MIT"
    assert record.repositories[0].commits_12_months == 6
