"""Repositories of one history: the harvest stores the shared root, the fork point and how far each side moved."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from catalogue import records
from catalogue.assessment import LineageKind, Relative, fork_candidates, relatives
from catalogue.harvest import mirror
from catalogue.harvest.gitcmd import GitSettings
from catalogue.harvest.lineage import link_lineages
from catalogue.harvest.run import HarvestOptions, harvest
from catalogue.model import Entry, LineageLink, Organisation, Repository, RepositoryFacts

from apiserver import ApiServer, Reply
from gitserver import Commit, GitHttpServer, git, make_repo

NOW = datetime(2026, 11, 1, tzinfo=UTC)
PUBLIC = "https://github.com/"

SHARED = [
    Commit("start", "2024-01-10T09:00:00+00:00", files={"README.md": "# App\n", "src/app.py": "print('app')\n"}),
    Commit("stable", "2024-03-01T09:00:00+00:00", files={"src/map.py": "MAP = 1\n"}),
]
ORIGIN_OWN = [Commit("origin goes on", "2025-05-01T09:00:00+00:00", files={"src/map.py": "MAP = 2\n"})]
VARIANT_OWN = [
    Commit("own feature", "2025-02-01T09:00:00+00:00", author="Kreis <dev@kreis.example>", files={"src/app.py": "print('kreis')\n"}),
    Commit("own config", "2025-06-01T09:00:00+00:00", author="Kreis <dev@kreis.example>", files={"src/config.py": "X = 1\n", "README.md": "# Kreis\n"}),
]
COPY_OWN = [Commit("our name", "2025-03-01T09:00:00+00:00", author="Dorf <it@dorf.example>", files={"README.md": "# Dorf-App\n"})]
UNRELATED = [Commit("else", "2024-01-10T09:00:00+00:00", files={"README.md": "# Else\n"})]

REPOSITORIES = {"stadt/app": SHARED + ORIGIN_OWN, "kreis/app": SHARED + VARIANT_OWN, "dorf/app": SHARED + COPY_OWN, "else/app": UNRELATED}
ENTRIES = {"app": "stadt/app", "app-kreis": "kreis/app", "app-dorf": "dorf/app", "other": "else/app"}


def entry(entry_id: str, repo: str) -> Entry:
    return Entry(
        id=entry_id,
        source_path=f"entries/{entry_id}.yaml",
        name=entry_id,
        short_description="x" * 10,
        description="x" * 20,
        repositories=(Repository(f"{PUBLIC}{repo}"),),
        organisation=Organisation(entry_id, "Kommune"),
        fields=("Mobilität",),
        roadmap_phase="P3",
        development_status="beta",
        licence="MIT",
    )


@dataclass
class Lineages:
    root: Path
    options: HarvestOptions
    served: Path

    def repository(self, entry_id: str) -> RepositoryFacts:
        record = records.read_record(self.options.harvest_dir, entry_id)
        assert record is not None
        return record.repositories[0]

    def commit(self, repo: str, message: str) -> str:
        return git("log", "--format=%H", "--grep", f"^{message}$", "main", cwd=self.served / f"{repo}.git").strip()


@pytest.fixture(scope="module")
def lineages(tmp_path_factory: pytest.TempPathFactory, licence_db: Path) -> Iterator[Lineages]:
    tmp_path = tmp_path_factory.mktemp("lineage")
    served = tmp_path / "served"
    for path, commits in REPOSITORIES.items():
        owner, name = path.split("/")
        make_repo(served / owner, name, commits)
    api = ApiServer()
    for path in REPOSITORIES:
        owner = path.split("/")[0]
        parent = {"fork": True, "parent": {"html_url": f"{PUBLIC}stadt/app"}} if owner in ("kreis", "dorf") else {}
        api.route(f"/repos/{path}", Reply(body={"owner": {"login": owner}, **parent}))
        for listing in ("releases", "issues", "forks"):
            api.route(f"/repos/{path}/{listing}", Reply(body=[]))
    api.route("/repos/stadt/app/forks", Reply(body=[{"owner": {"login": name}} for name in ("kreis", "dorf", "stadt-ulm")]))
    with GitHttpServer(served).running() as server, api.running():
        settings = GitSettings(allow_http=True, timeout_seconds=60, url_rewrites=((server.base_url, PUBLIC),))
        options = HarvestOptions(
            tmp_path / "harvest", tmp_path / "cache", settings, licence_database_path=licence_db, api_bases={"github.com": api.base_url}, sleep=lambda _: None
        )
        outcomes = harvest([entry(i, r) for i, r in ENTRIES.items()], options, now=NOW)
        assert [o.status for o in outcomes] == ["updated"] * 4, [o.error for o in outcomes]
        yield Lineages(tmp_path, options, served)


def test_root_commit_is_the_commit_without_parent(lineages: Lineages) -> None:
    root = git("rev-list", "--max-parents=0", "main", cwd=lineages.served / "kreis" / "app.git").strip()
    assert lineages.repository("app-kreis").root_commits == (root,)


def test_variant_link_holds_fork_point_and_its_own_development(lineages: Lineages) -> None:
    stable = lineages.commit("stadt/app", "stable")
    [to_origin, to_copy] = lineages.repository("app-kreis").lineage  # sorted by entry id
    assert to_origin == LineageLink(
        url="https://github.com/stadt/app",
        entry="app",
        shared_root=lineages.commit("stadt/app", "start"),
        fork_point=stable,
        fork_point_date=datetime(2024, 3, 1, 9, tzinfo=UTC),
        own_commits=2,
        own_changed_files=3,
        own_changed_paths=("README.md", "src/app.py", "src/config.py"),
        last_own_commit_date=datetime(2025, 6, 1, 9, tzinfo=UTC),
    )
    assert (to_copy.entry, to_copy.fork_point) == ("app-dorf", stable)


def test_each_side_counts_only_its_own_commits(lineages: Lineages) -> None:
    origin_links = {link.entry: link for link in lineages.repository("app").lineage}
    assert set(origin_links) == {"app-kreis", "app-dorf"}
    assert (origin_links["app-kreis"].own_commits, origin_links["app-kreis"].own_changed_paths) == (1, ("src/map.py",))
    copy_link = next(link for link in lineages.repository("app-dorf").lineage if link.entry == "app")
    assert (copy_link.own_commits, copy_link.own_changed_paths) == (1, ("README.md",))


def test_unrelated_history_has_no_lineage(lineages: Lineages) -> None:
    assert lineages.repository("other").lineage == ()


def test_unchanged_lineage_rewrites_no_record(lineages: Lineages) -> None:
    before = {path.name: path.read_bytes() for path in lineages.options.harvest_dir.iterdir()}
    assert link_lineages(lineages.options.harvest_dir, lineages.options.cache_dir, lineages.options.settings) == []
    assert {path.name: path.read_bytes() for path in lineages.options.harvest_dir.iterdir()} == before


def test_link_whose_mirror_left_the_cache_is_kept_as_it_was(lineages: Lineages, tmp_path: Path) -> None:
    harvest_dir, cache_dir = tmp_path / "harvest", tmp_path / "cache"
    shutil.copytree(lineages.options.harvest_dir, harvest_dir)
    shutil.copytree(lineages.options.cache_dir, cache_dir)
    shutil.rmtree(mirror.cache_path(cache_dir, "https://github.com/dorf/app"))
    link_lineages(harvest_dir, cache_dir, lineages.options.settings)
    kept = records.read_record(harvest_dir, "app-kreis")
    assert kept is not None and kept.repositories[0].lineage == lineages.repository("app-kreis").lineage


def relations(lineages: Lineages, entry_id: str) -> dict[str, Relative]:
    loaded = {i: r for i in ENTRIES if (r := records.read_record(lineages.options.harvest_dir, i)) is not None}
    return {r.other_entry: r for r in relatives(entry(entry_id, ENTRIES[entry_id]), loaded[entry_id], loaded)}


def test_fork_with_own_development_is_a_variant_of_the_origin_the_host_names(lineages: Lineages) -> None:
    assert relations(lineages, "app-kreis")["app"] == Relative(
        repository="https://github.com/kreis/app",
        other="https://github.com/stadt/app",
        other_entry="app",
        origin="https://github.com/stadt/app",
        origin_reason="der Host meldet https://github.com/kreis/app als Fork von https://github.com/stadt/app",
        derived="https://github.com/kreis/app",
        kind=LineageKind.VARIANT,
        kind_reason="2 eigene Commits seit dem gemeinsamen Stand vom 01.03.2024, 3 Dateien geändert, letzter eigener Commit am 01.06.2025",
    )


def test_origin_sees_the_same_verdict_from_its_side(lineages: Lineages) -> None:
    seen = relations(lineages, "app")["app-kreis"]
    assert (seen.origin, seen.derived, seen.kind) == ("https://github.com/stadt/app", "https://github.com/kreis/app", LineageKind.VARIANT)


def test_fork_that_only_renamed_itself_in_the_readme_is_a_copy(lineages: Lineages) -> None:
    copy = relations(lineages, "app-dorf")["app"]
    assert (copy.kind, copy.kind_reason) == (
        LineageKind.COPY,
        "1 eigener Commit seit dem gemeinsamen Stand vom 01.03.2024, nur an Dokumentation und Gestaltung (README.md), letzter eigener Commit am 01.03.2025",
    )


def test_two_forks_of_one_origin_have_no_origin_between_them(lineages: Lineages) -> None:
    sibling = relations(lineages, "app-kreis")["app-dorf"]
    assert (sibling.origin, sibling.kind) == (None, None)
    assert sibling.origin_reason == "welches Repository das ursprüngliche ist, sagen weder Host noch publiccode.yml noch die Commits"


def test_host_forks_stay_candidates_until_a_catalogued_repository_confirms_them(lineages: Lineages) -> None:
    record = records.read_record(lineages.options.harvest_dir, "app")
    assert record is not None and record.repositories[0].api is not None
    assert record.repositories[0].api.forks_by_other_owners == ("dorf", "kreis", "stadt-ulm")
    assert fork_candidates(record) == ["stadt-ulm"]
