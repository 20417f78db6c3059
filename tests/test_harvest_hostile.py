"""A whole harvest against hostile and broken servers on loopback: tokens stay home, time and work are bounded, odd
answers and odd repositories become recorded reasons, and the git facts still make the record."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from catalogue import records
from catalogue.harvest.budget import Budgets
from catalogue.harvest.gitcmd import GitError, GitSettings, run_git
from catalogue.harvest.licences import spdx_texts
from catalogue.harvest.run import HarvestOptions, HarvestOutcome, harvest
from catalogue.model import Entry, HarvestRecord, Organisation, Repository

from apiserver import ApiServer, Reply
from gitserver import Commit, GitHttpServer, git, make_repo

NOW = datetime(2026, 11, 1, tzinfo=UTC)
PUBLIC = "https://github.com/"
MIT = spdx_texts()["MIT"]
HISTORY = [
    Commit("start", "2026-06-01T10:00:00+00:00", files={"README.md": "# Demo\n", "LICENSE": MIT}, tag="v1"),
    Commit("more", "2026-10-01T10:00:00+00:00", files={"a.txt": "1\n"}),
]
DOCUMENTED_REPO = {"stargazers_count": 9, "forks_count": 1, "open_issues_count": 0, "archived": False, "owner": {"login": "demo"}}


def entry(entry_id: str, repo: str) -> Entry:
    return Entry(
        id=entry_id,
        source_path=f"entries/{entry_id}.yaml",
        name=entry_id,
        short_description="x" * 10,
        description="x" * 20,
        repositories=(Repository(f"{PUBLIC}{repo}"),),
        organisation=Organisation("Org", "Verein"),
        fields=("Mobilität",),
        roadmap_phase="P3",
        development_status="beta",
        licence="MIT",
    )


class Scene:
    """Repositories on a loopback git server, an API server answering like GitHub, and a harvest against both."""

    def __init__(self, root: Path, licence_db: Path, git_server: GitHttpServer, api: ApiServer) -> None:
        self.root, self.licence_db, self.git_server, self.api = root, licence_db, git_server, api

    def repo(self, name: str, commits: list[Commit]) -> None:
        make_repo(self.git_server.project_root / "demo", name, commits)

    def documented_api(self, name: str) -> None:
        self.api.route(f"/repos/demo/{name}", Reply(body=DOCUMENTED_REPO))
        for part in ("releases", "forks", "issues"):
            self.api.route(f"/repos/demo/{name}/{part}", Reply(body=[]))

    def options(self, *, rewrites: tuple[tuple[str, str], ...] = (), settings: dict[str, Any] | None = None, **extra: Any) -> HarvestOptions:
        git_settings = GitSettings(allow_http=True, timeout_seconds=60, url_rewrites=(*rewrites, (self.git_server.base_url, PUBLIC)), **(settings or {}))
        defaults: dict[str, Any] = {"licence_database_path": self.licence_db, "api_bases": {"github.com": self.api.base_url}, "sleep": lambda _: None}
        return HarvestOptions(self.root / "harvest", self.root / "cache", git_settings, **{**defaults, **extra})

    def harvest(self, *entries: Entry, **options: Any) -> list[HarvestOutcome]:
        return harvest(list(entries), self.options(**options), now=NOW)

    def record(self, entry_id: str) -> HarvestRecord:
        record = records.read_record(self.root / "harvest", entry_id)
        assert record is not None
        return record


@pytest.fixture
def scene(tmp_path: Path, licence_db: Path) -> Iterator[Scene]:
    (tmp_path / "served" / "demo").mkdir(parents=True)
    api = ApiServer()
    with GitHttpServer(tmp_path / "served").running() as git_server, api.running():
        yield Scene(tmp_path, licence_db, git_server, api)


# --- 1. credentials stay with their host ----------------------------------------------------------------------------


def test_a_next_link_to_another_origin_is_an_api_error_and_the_git_facts_make_the_record(scene: Scene, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "geheim-123")
    other = ApiServer("127.0.0.2")
    other.route("/forks", Reply(body=[{"owner": {"login": "fremd"}}]))
    scene.repo("app", HISTORY)
    scene.documented_api("app")
    with other.running():
        scene.api.route("/repos/demo/app/forks", Reply(body=[], headers={"Link": f'<{other.base_url}/forks>; rel="next"'}))
        [outcome] = scene.harvest(entry("demo-app", "demo/app"))
    assert outcome.status == "updated"
    [repository] = scene.record("demo-app").repositories
    assert repository.api is not None and repository.api.error is not None
    assert "verweist auf einen anderen Host (127.0.0.2:" in repository.api.error
    assert (repository.commits_6_months, repository.licence.expression) == (2, "MIT")
    assert other.log == []
    assert all(headers.get("Authorization") == "Bearer geheim-123" for _, headers in scene.api.log)


# --- 2. deadlines and bounded work ------------------------------------------------------------------------------------


def test_a_trickling_api_is_cut_at_the_repository_budget_and_recorded_as_such(scene: Scene) -> None:
    scene.repo("app", HISTORY)
    scene.documented_api("app")
    scene.api.route("/repos/demo/app", Reply(body={**DOCUMENTED_REPO, "description": "x" * 300}, trickle=0.1))  # 30 s of body
    started = time.monotonic()
    [outcome] = scene.harvest(entry("demo-app", "demo/app"), budgets=Budgets(repository_seconds=8))
    assert time.monotonic() - started < 20
    assert outcome.status == "updated"
    [repository] = scene.record("demo-app").repositories
    assert repository.api is not None and repository.api.error is not None
    assert repository.api.error.endswith("Antwort abgebrochen: die Zeit für dieses Repository (8 s) ist aufgebraucht")
    assert repository.commits_6_months == 2


def trickling_git(api: ApiServer, name: str) -> tuple[str, str]:
    """A git host that answers the first request and then sends one byte every 10 ms (for a minute)."""
    api.route(f"/slow/{name}/info/refs", Reply(raw=b"0" * 6000, missing_bytes=0, trickle=0.01))
    return (f"{api.base_url}/slow/", f"{PUBLIC}slow/")


def test_a_trickling_git_server_is_stopped_at_the_repository_budget(scene: Scene) -> None:
    slow = trickling_git(scene.api, "app")
    started = time.monotonic()
    [outcome] = scene.harvest(entry("slow-app", "slow/app"), rewrites=(slow,), budgets=Budgets(repository_seconds=2))
    assert time.monotonic() - started < 10
    assert outcome.status == "failed"
    assert outcome.error == "git ls-remote abgebrochen: die Zeit für dieses Repository (2 s) ist aufgebraucht"
    stale = scene.record("slow-app").stale
    assert stale is not None and stale.error == outcome.error and not stale.gone


def test_entries_the_run_budget_does_not_reach_are_skipped_and_keep_their_record(scene: Scene) -> None:
    slow = trickling_git(scene.api, "app")
    scene.repo("app", HISTORY)
    started = time.monotonic()
    outcomes = scene.harvest(entry("slow-app", "slow/app"), entry("demo-app", "demo/app"), rewrites=(slow,), jobs=1, budgets=Budgets(run_seconds=2))
    assert time.monotonic() - started < 10
    assert [(o.status, o.error) for o in outcomes] == [
        ("failed", "git ls-remote abgebrochen: die Zeit für den ganzen Lauf (2 s) ist aufgebraucht"),
        ("skipped", "nicht geerntet: die Zeit für den ganzen Lauf (2 s) ist aufgebraucht; der Datensatz bleibt unverändert"),
    ]
    assert records.read_record(scene.root / "harvest", "demo-app") is None


def test_too_many_licence_files_are_not_read_and_the_licence_stays_unknown(scene: Scene) -> None:
    files = {"LICENSE": MIT, "LICENSE-docs": MIT, "LICENSE-fonts.txt": MIT}
    scene.repo("app", [Commit("start", "2026-06-01T10:00:00+00:00", files=files)])
    [outcome] = scene.harvest(entry("demo-app", "demo/app"), use_apis=False, budgets=Budgets(licence_candidates=2))
    assert outcome.status == "updated"
    [repository] = scene.record("demo-app").repositories
    too_many = "3 Lizenzdateien im Hauptordner, mehr als die 2, die geprüft werden; keine davon ausgewertet"
    assert (repository.licence.expression, repository.licence.reason) == (None, f"LICENSE: {too_many}")
    assert repository.limits_reached == (f"LICENSE: {too_many}",)
    [clone] = (scene.root / "cache" / "repos").iterdir()
    blob = git("rev-parse", "HEAD:LICENSE", cwd=clone).strip()
    with pytest.raises(GitError):  # never fetched
        run_git(["cat-file", "-e", blob], GitSettings(), cwd=clone)


def test_files_beyond_the_bytes_allowed_are_not_read_and_the_limit_is_recorded(scene: Scene) -> None:
    manifest = '{"name": "app", "license": "MIT", "description": "' + "x" * 1500 + '"}'
    files = {"publiccode.yml": 'publiccodeYmlVersion: "0.4"\n# ' + "y" * 1500 + "\n", "package.json": manifest, "LICENSE": MIT + " " * 3000}
    scene.repo("app", [Commit("start", "2026-06-01T10:00:00+00:00", files=files)])
    scene.harvest(entry("demo-app", "demo/app"), use_apis=False, budgets=Budgets(bytes_per_file=2048, bytes_per_repository=2560))
    [repository] = scene.record("demo-app").repositories
    assert repository.limits_reached == (
        "LICENSE: größer als 2 KB",
        "package.json: nicht mehr gelesen: aus dem Repository wurden schon 1 KB gelesen (höchstens 2 KB)",
    )
    assert (repository.licence.expression, repository.licence.reason) == (None, "LICENSE: größer als 2 KB")


def test_git_output_beyond_the_limit_stops_the_command_with_a_reason(scene: Scene) -> None:
    scene.repo("app", [Commit("many files", "2026-06-01T10:00:00+00:00", files={f"src/file-{n:04d}.txt": "x\n" for n in range(200)})])
    [outcome] = scene.harvest(entry("demo-app", "demo/app"), use_apis=False, settings={"max_output_bytes": 4096})
    assert outcome.status == "failed"
    assert outcome.error == "git ls-tree abgebrochen: mehr als 4 KB Ausgabe (zu groß zum Auswerten)"


# --- 3. odd answers and odd repositories are recorded reasons ----------------------------------------------------


def test_an_api_answer_of_another_shape_is_a_recorded_reason_and_the_git_facts_stay(scene: Scene) -> None:
    scene.repo("app", HISTORY)
    scene.documented_api("app")
    scene.api.route("/repos/demo/app", Reply(body={**DOCUMENTED_REPO, "owner": "demo"}))
    [outcome] = scene.harvest(entry("demo-app", "demo/app"))
    assert outcome.status == "updated"
    [repository] = scene.record("demo-app").repositories
    assert repository.api is not None
    assert repository.api.error == "Antwort auf /repos/demo/app hat nicht die dokumentierte Form: owner: Text statt Objekt"
    assert repository.api.stars is None
    assert repository.commits_6_months == 2


def test_a_deeply_nested_publiccode_yml_is_a_reason_not_a_crash(scene: Scene) -> None:
    nested = 'publiccodeYmlVersion: "0.4"\nlegal: ' + "[" * 5000 + "]" * 5000 + "\n"
    scene.repo("app", [*HISTORY, Commit("publiccode", "2026-10-02T10:00:00+00:00", files={"publiccode.yml": nested})])
    [outcome] = scene.harvest(entry("demo-app", "demo/app"), use_apis=False)
    assert outcome.status == "updated"
    [repository] = scene.record("demo-app").repositories
    assert repository.publiccode is not None and repository.publiccode.error is not None
    assert repository.publiccode.error.startswith("nicht lesbar (Zeile 2, ")
    assert repository.licence.expression == "MIT"


def test_commits_and_tags_dated_after_the_harvest_are_not_activity(scene: Scene) -> None:
    scene.repo("app", [*HISTORY, Commit("from the future", "2099-01-01T10:00:00+00:00", files={"b.txt": "2\n"}, tag="v99")])
    scene.harvest(entry("demo-app", "demo/app"), use_apis=False)
    [repository] = scene.record("demo-app").repositories
    assert (repository.commits_6_months, repository.commits_12_months, repository.future_commits) == (2, 2, 1)
    assert sum(repository.commits_per_month.values()) == 2
    assert (repository.tags, repository.latest_tag) == (2, "v1")
