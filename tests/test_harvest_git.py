"""Harvesting git facts from real repositories served on loopback."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from catalogue import records
from catalogue.harvest.facts import bus_factor
from catalogue.harvest.gitcmd import GitSettings
from catalogue.harvest.licences import spdx_texts
from catalogue.harvest.run import HarvestOptions, harvest, public_text
from catalogue.model import Entry, Organisation, Repository

from gitserver import Commit, GitHttpServer, git, make_repo

NOW = datetime(2026, 11, 1, tzinfo=UTC)
PUBLIC = "https://github.com/"

HISTORY = [
    Commit("start", "2024-01-10T09:00:00+00:00", files={"README.md": "# Demo\n", "LICENSE": "MIT\n"}),
    Commit("feature 1", "2026-06-15T10:00:00+00:00", files={"Dockerfile": "FROM scratch\n"}),
    Commit("feature 2", "2026-06-16T10:00:00+00:00", files={"docs/index.md": "docs\n"}),
    Commit("feature 3", "2026-06-17T10:00:00+00:00", files={"chart/Chart.yaml": "name: demo\n"}),
    Commit("bob 1", "2026-09-01T10:00:00+00:00", author="Bob <bob@example.org>", files={"a.txt": "1\n"}, tag="v1.0"),
    Commit("bob 2", "2026-09-02T10:00:00+00:00", author="Bob <bob@example.org>", files={"a.txt": "2\n"}),
    Commit(
        "old address",
        "2026-10-01T10:00:00+00:00",
        author="Ada L <ada@old.example>",
        files={".mailmap": "Ada Lovelace <ada@example.org> <ada@old.example>\n"},
    ),
]


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


@pytest.fixture
def served(tmp_path: Path) -> Iterator[GitHttpServer]:
    projects = tmp_path / "served" / "demo"
    projects.mkdir(parents=True)
    make_repo(projects, "app", HISTORY)
    with GitHttpServer(tmp_path / "served").running() as server:
        yield server


@pytest.fixture
def options(tmp_path: Path, licence_db: Path) -> Callable[..., HarvestOptions]:
    def make(server: GitHttpServer, **extra: Any) -> HarvestOptions:
        settings = GitSettings(allow_http=True, timeout_seconds=60, url_rewrites=((server.base_url, PUBLIC),))
        return HarvestOptions(tmp_path / "harvest", tmp_path / "cache", settings, licence_database_path=licence_db, **{"use_apis": False, **extra})

    return make


def test_first_harvest_records_exact_git_facts(tmp_path: Path, served: GitHttpServer, options: Callable[..., HarvestOptions]) -> None:
    [outcome] = harvest([entry("demo-app", "demo/app.git")], options(served), now=NOW)
    assert outcome.status == "updated", outcome.error
    record = records.read_record(tmp_path / "harvest", "demo-app")
    assert record is not None
    [repo] = record.repositories
    assert repo.default_branch == "main"
    assert repo.first_commit_date == datetime(2024, 1, 10, 9, tzinfo=UTC)
    assert repo.head_commit_date == datetime(2026, 10, 1, 10, tzinfo=UTC)
    assert (repo.commits_6_months, repo.commits_12_months) == (6, 6)
    assert (repo.authors_6_months, repo.authors_12_months) == (2, 2)  # the .mailmap joins Ada's two addresses
    assert repo.bus_factor_6_months == 1
    assert repo.commits_per_month["2026-06"] == 3 and repo.commits_per_month["2026-09"] == 2
    assert len(repo.commits_per_month) == 24
    assert (repo.tags, repo.latest_tag, repo.latest_tag_date) == (1, "v1.0", datetime(2026, 9, 1, 10, tzinfo=UTC))
    assert asdict(repo.files) == {
        "readme": True,
        "contributing": False,
        "security_policy": False,
        "changelog": False,
        "publiccode": False,
        "dockerfile": True,
        "compose_file": False,
        "reuse_licenses_folder": False,
        "docs_folder": True,
        "helm_chart": True,
    }
    assert record.harvested_at == NOW
    assert json.loads((tmp_path / "harvest" / "demo-app.json").read_text(encoding="utf-8"))["schema_version"] == records.SCHEMA_VERSION


def test_cache_is_a_bare_blobless_clone_without_work_tree(tmp_path: Path, served: GitHttpServer, options: Callable[..., HarvestOptions]) -> None:
    harvest([entry("demo-app", "demo/app.git")], options(served), now=NOW)
    [clone] = (tmp_path / "cache" / "repos").iterdir()
    assert (clone / "HEAD").is_file() and not (clone / ".git").exists()
    config = subprocess.run(["git", "config", "--file", str(clone / "config"), "--list"], capture_output=True, text=True).stdout
    assert "remote.origin.partialclonefilter=blob:none" in config


def test_warm_harvest_of_unchanged_repository_costs_one_request_and_rewrites_nothing(
    tmp_path: Path, served: GitHttpServer, options: Callable[..., HarvestOptions]
) -> None:
    harvest([entry("demo-app", "demo/app.git")], options(served), now=NOW)
    before = (tmp_path / "harvest" / "demo-app.json").read_bytes()
    served.requests.clear()
    [outcome] = harvest([entry("demo-app", "demo/app.git")], options(served), now=datetime(2026, 11, 2, tzinfo=UTC))
    assert outcome.status == "unchanged"
    assert len(served.requests) == 1
    assert (tmp_path / "harvest" / "demo-app.json").read_bytes() == before


def test_failed_repository_keeps_last_good_record_marked_stale(tmp_path: Path, served: GitHttpServer, options: Callable[..., HarvestOptions]) -> None:
    harvest([entry("demo-app", "demo/app.git")], options(served), now=NOW)
    (served.project_root / "demo" / "app.git").rename(served.project_root / "demo" / "moved.git")
    outcomes = harvest([entry("demo-app", "demo/app.git"), entry("missing", "demo/nothing.git")], options(served), now=NOW)
    assert [o.status for o in outcomes] == ["failed", "failed"]
    record = records.read_record(tmp_path / "harvest", "demo-app")
    assert record is not None
    assert record.repositories[0].commits_6_months == 6
    assert record.stale is not None and record.stale.since == NOW
    assert "git ls-remote failed" in record.stale.error


def test_offline_recomputes_from_the_cache_without_network(tmp_path: Path, served: GitHttpServer, options: Callable[..., HarvestOptions]) -> None:
    harvest([entry("demo-app", "demo/app.git")], options(served), now=NOW)
    served.requests.clear()
    [outcome] = harvest([entry("demo-app", "demo/app.git")], options(served, offline=True), now=datetime(2027, 6, 1, tzinfo=UTC))
    assert outcome.status == "updated"
    assert served.requests == []
    record = records.read_record(tmp_path / "harvest", "demo-app")
    assert record is not None and record.repositories[0].commits_6_months == 0


def test_loopback_repository_is_refused_without_allow_local(tmp_path: Path, served: GitHttpServer, options: Callable[..., HarvestOptions]) -> None:
    settings = GitSettings(allow_http=False, url_rewrites=((served.base_url, PUBLIC),))
    refused = replace(options(served), settings=settings)
    [outcome] = harvest([entry("demo-app", "demo/app.git")], refused, now=NOW)
    assert outcome.status == "failed"
    assert outcome.error == "only https:// repositories are harvested, not http URLs"
    assert served.requests == []


def test_hostile_parent_environment_does_not_reach_git(
    tmp_path: Path, served: GitHttpServer, options: Callable[..., HarvestOptions], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CONFIG_PARAMETERS", "'url.http://127.0.0.1:1/.insteadOf'='http://127.0.0.1'")
    monkeypatch.setenv("GIT_SSL_NO_VERIFY", "1")
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "elsewhere"))
    [outcome] = harvest([entry("demo-app", "demo/app.git")], options(served), now=NOW)
    assert outcome.status == "updated", outcome.error


def test_bus_factor_is_the_fewest_authors_covering_half_the_commits() -> None:
    assert bus_factor([]) == 0
    assert bus_factor(["a", "a", "b", "c"]) == 1
    assert bus_factor(["a", "b", "c", "d"]) == 2


def test_records_survive_sigkill_mid_write(tmp_path: Path) -> None:
    script = (
        "import sys\nfrom pathlib import Path\nfrom catalogue import records\nfrom catalogue.model import HarvestRecord, Stale\n"
        "from datetime import datetime, UTC\nnow = datetime.now(UTC)\n"
        "i = 0\nwhile True:\n    i += 1\n"
        "    records.write_record(Path(sys.argv[1]), HarvestRecord(f'e{i % 5}', stale=Stale('x' * 90000 + str(i), now, now)))\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])})
    deadline = datetime.now(UTC).timestamp() + 20
    while len(list(tmp_path.glob("*.json"))) < 5 and datetime.now(UTC).timestamp() < deadline:
        pass
    child.send_signal(signal.SIGKILL)
    child.wait()
    records = sorted(tmp_path.glob("*.json"))
    assert len(records) == 5
    for path in records:
        assert json.loads(path.read_text(encoding="utf-8"))["entry"] == path.stem


def test_licence_is_detected_and_compared_with_the_declared_one(tmp_path: Path, options: Callable[..., HarvestOptions]) -> None:
    projects = tmp_path / "served" / "demo"
    projects.mkdir(parents=True)
    mit = spdx_texts()["MIT"].replace("<year> <copyright holders>", "2022 Stadt Ulm")
    make_repo(projects, "mit", [Commit("start", "2026-01-01T00:00:00+00:00", files={"LICENSE.md": mit})])
    with GitHttpServer(tmp_path / "served").running() as server:
        [outcome] = harvest([entry("mit-app", "demo/mit.git")], options(server), now=NOW)
    assert outcome.status == "updated", outcome.error
    record = records.read_record(tmp_path / "harvest", "mit-app")
    assert record is not None
    licence = record.repositories[0].licence
    assert (licence.expression, licence.method, licence.files, licence.osi_approved) == ("MIT", "licence file", ("LICENSE.md",), True)


def test_hostile_repository_is_read_as_data_only(tmp_path: Path, options: Callable[..., HarvestOptions]) -> None:
    projects = tmp_path / "served" / "demo"
    projects.mkdir(parents=True)
    bare = make_repo(projects, "hostile", [Commit("start", "2026-01-01T00:00:00+00:00", files={"README.md": "hi\n"})])
    work = projects / "hostile-work"
    (work / "LICENSE").symlink_to("../../../../etc/passwd")
    (work / ".git" / "hooks" / "post-checkout").write_text("#!/bin/sh\ntouch " + str(tmp_path / "pwned") + "\n")
    (work / "big.bin").write_bytes(os.urandom(3 * 1024 * 1024))
    git_env = {"GIT_AUTHOR_DATE": "2026-02-01T00:00:00+00:00", "GIT_COMMITTER_DATE": "2026-02-01T00:00:00+00:00"}
    git("add", "LICENSE", "big.bin", cwd=work)
    git("-c", "user.name=M", "-c", "user.email=m@example.org", "commit", "-q", "-m", "hostile", cwd=work, env=git_env)
    sub = make_repo(projects, "sub", [Commit("s", "2026-01-01T00:00:00+00:00", files={"x": "y"})])
    git("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(sub), "vendor/sub", cwd=work)
    git("-c", "user.name=M", "-c", "user.email=m@example.org", "commit", "-q", "-m", "sub", cwd=work, env=git_env)
    git("push", "-q", str(bare), "main", cwd=work)
    with GitHttpServer(tmp_path / "served").running() as server:
        [outcome] = harvest([entry("hostile", "demo/hostile.git")], options(server), now=NOW)
    assert outcome.status == "updated", outcome.error
    record = records.read_record(tmp_path / "harvest", "hostile")
    assert record is not None
    licence = record.repositories[0].licence
    assert licence.expression is None
    assert licence.reason == "LICENSE: is a symbolic link (not followed)"
    [clone] = (tmp_path / "cache" / "repos").iterdir()
    assert not (clone / "modules").exists() and not (tmp_path / "pwned").exists()
    pack_bytes = sum(p.stat().st_size for p in (clone / "objects").rglob("*") if p.is_file())
    assert pack_bytes < 1024 * 1024  # the 3 MB blob was never fetched


def test_api_facts_join_git_facts_and_survive_an_api_outage(tmp_path: Path, served: GitHttpServer, options: Callable[..., HarvestOptions]) -> None:
    from apiserver import ApiServer, Reply

    api = ApiServer()
    api.route("/repos/demo/app", Reply(body={"stargazers_count": 9, "forks_count": 1, "open_issues_count": 0, "archived": True, "owner": {"login": "demo"}}))
    for path in ("/repos/demo/app/releases", "/repos/demo/app/forks", "/repos/demo/app/issues"):
        api.route(path, Reply(body=[]))
    with api.running():
        with_api = options(served, use_apis=True, api_bases={"github.com": api.base_url}, sleep=lambda seconds: None)
        harvest([entry("demo-app", "demo/app")], with_api, now=NOW)
        record = records.read_record(tmp_path / "harvest", "demo-app")
        assert record is not None and record.repositories[0].api is not None and record.repositories[0].api.stars == 9
        api.route("/repos/demo/app", Reply(500, {}))
        work = served.project_root / "demo" / "app-work"
        git("-c", "user.name=M", "-c", "user.email=m@example.org", "commit", "-q", "--allow-empty", "-m", "new", cwd=work)
        git("push", "-q", str(served.project_root / "demo" / "app.git"), "main", cwd=work)
        [outcome] = harvest([entry("demo-app", "demo/app")], with_api, now=NOW)
    assert outcome.status == "updated"
    record = records.read_record(tmp_path / "harvest", "demo-app")
    api_facts = record.repositories[0].api if record else None
    assert api_facts is not None and (api_facts.archived, api_facts.stars) == (True, 9)
    assert api_facts.error is not None and api_facts.error.endswith("answered HTTP 500")


def test_harvest_command_prints_a_summary_and_exits_1_on_failures(tmp_path: Path, served: GitHttpServer) -> None:
    from conftest import VALID_ENTRY

    (tmp_path / "entries").mkdir()
    (tmp_path / "entries" / "demo-app.yaml").write_text(VALID_ENTRY.replace("example/beispiel-app", "demo/app"), encoding="utf-8")
    (tmp_path / "entries" / "kaputt.yaml").write_text(VALID_ENTRY.replace("example/beispiel-app", "demo/nothing"), encoding="utf-8")
    command = [sys.executable, "-m", "catalogue.cli", "harvest", "--allow-local", "--no-api", "--mirror", f"{served.base_url}={PUBLIC}"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["demo-app", "updated"]
    assert lines[1].startswith("kaputt    failed     git ls-remote failed")
    assert result.stderr.strip().endswith("1 updated, 0 unchanged, 1 failed")
    assert json.loads((tmp_path / "harvest" / "demo-app.json").read_text(encoding="utf-8"))["entry"] == "demo-app"


def test_errors_name_the_public_url_not_the_local_mirror() -> None:
    settings = GitSettings(url_rewrites=(("http://127.0.0.1:9/", PUBLIC),))
    assert public_text("repository 'http://127.0.0.1:9/a/b/' not found", settings) == "repository 'https://github.com/a/b/' not found"


def test_repository_over_the_size_limit_is_removed_and_reported(tmp_path: Path, served: GitHttpServer, options: Callable[..., HarvestOptions]) -> None:
    tiny = options(served)
    tiny = replace(tiny, settings=replace(tiny.settings, max_repository_bytes=1000))
    [outcome] = harvest([entry("demo-app", "demo/app.git")], tiny, now=NOW)
    assert outcome.status == "failed"
    assert outcome.error is not None and outcome.error.endswith("(limit 0 MB); skipped")
    assert not list((tmp_path / "cache" / "repos").iterdir())


def test_sigkill_mid_harvest_leaves_valid_records_with_the_last_good_data(tmp_path: Path, licence_db: Path) -> None:
    from conftest import VALID_ENTRY

    projects = tmp_path / "served" / "demo"
    projects.mkdir(parents=True)
    (tmp_path / "entries").mkdir()
    for index in range(8):
        make_repo(projects, f"r{index}", HISTORY[:3])
        text = VALID_ENTRY.replace("example/beispiel-app", f"demo/r{index}").replace("name: Beispiel-App", f"name: App {index}")
        (tmp_path / "entries" / f"app-{index}.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "cache").mkdir()
    shutil.copy(licence_db, tmp_path / "cache" / "licenseid.db")
    with GitHttpServer(tmp_path / "served").running() as server:
        command = [sys.executable, "-m", "catalogue.cli", "harvest", "--allow-local", "--no-api", "--jobs", "2", "--mirror", f"{server.base_url}={PUBLIC}"]
        assert subprocess.run(command, cwd=tmp_path, capture_output=True, timeout=300).returncode == 0
        good = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "harvest").glob("*.json")}
        for index in range(8):
            work = projects / f"r{index}-work"
            git("-c", "user.name=M", "-c", "user.email=m@example.org", "commit", "-q", "--allow-empty", "-m", "more", cwd=work)
            git("push", "-q", str(projects / f"r{index}.git"), "main", cwd=work)
        child = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and all(json.loads(p.read_text(encoding="utf-8")) == good[p.name] for p in (tmp_path / "harvest").glob("*.json")):
            time.sleep(0.01)
        child.send_signal(signal.SIGKILL)
        child.wait()
    records = sorted((tmp_path / "harvest").glob("*.json"))
    assert len(records) == 8
    changed = 0
    for path in records:
        record = json.loads(path.read_text(encoding="utf-8"))  # every file is whole JSON
        assert record["repositories"][0]["commits_12_months"] >= 2
        changed += record != good[path.name]
    assert 1 <= changed < 8  # killed mid-run: some records are new, the others still the last good ones


def test_a_redirecting_repository_is_not_followed(tmp_path: Path, served: GitHttpServer, options: Callable[..., HarvestOptions]) -> None:
    [outcome] = harvest([entry("demo-app", "moved/demo/app.git")], options(served), now=NOW)
    assert outcome.status == "failed"
    assert outcome.error is not None and "302" in outcome.error
    assert served.requests == ["/moved/demo/app.git/info/refs?service=git-upload-pack"]


def test_git_gets_an_environment_built_from_scratch_and_the_checked_address(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from catalogue.harvest.gitcmd import run_git
    from catalogue.harvest.mirror import check_reachable_address

    fake = tmp_path / "bin" / "git"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\nenv > "{tmp_path}/env.txt"\nprintf "%s\\n" "$@" > "{tmp_path}/args.txt"\n', encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:{os.environ['PATH']}")
    for hostile in ("GIT_SSL_NO_VERIFY", "GIT_ASKPASS", "GIT_CONFIG_PARAMETERS", "GIT_DIR", "HTTPS_PROXY", "GIT_TOKEN"):
        monkeypatch.setenv(hostile, "1")
    settings = check_reachable_address("http://127.0.0.1:8080/a/b.git", GitSettings(allow_http=True))
    run_git(["ls-remote", "--", "http://127.0.0.1:8080/a/b.git"], settings, offline=False)
    env = dict(line.split("=", 1) for line in (tmp_path / "env.txt").read_text(encoding="utf-8").splitlines() if "=" in line)
    assert {k for k in env if k.startswith("GIT_")} == {"GIT_TERMINAL_PROMPT", "GIT_ASKPASS", "GIT_CONFIG_NOSYSTEM", "GIT_CONFIG_GLOBAL", "GIT_ALLOW_PROTOCOL"}
    assert (env["GIT_ASKPASS"], env["GIT_TERMINAL_PROMPT"], env["GIT_ALLOW_PROTOCOL"]) == ("/bin/false", "0", "https:http")
    assert "HTTPS_PROXY" not in env and "GIT_SSL_NO_VERIFY" not in env
    args = (tmp_path / "args.txt").read_text(encoding="utf-8").splitlines()
    assert "http.curloptResolve=127.0.0.1:8080:127.0.0.1" in args and "core.hooksPath=/dev/null" in args


def test_remote_text_cannot_drive_a_terminal_or_a_ci_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from catalogue.harvest.gitcmd import GitError, run_git

    fake = tmp_path / "bin" / "git"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nprintf 'remote: \\033]8;;https://evil.example/\\033\\\\click\\r::error file=x::pwned\\n' >&2\nexit 128\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:{os.environ['PATH']}")
    with pytest.raises(GitError) as caught:
        run_git(["ls-remote", "--", "https://example.org/a.git"], GitSettings())
    message = str(caught.value)
    assert "\x1b" not in message and "\r" not in message and "\n" not in message
    assert message.startswith("git ls-remote failed: ")  # a workflow command (::error) only works at a line's start


def test_a_host_resolving_to_a_private_address_is_refused_before_git_runs(tmp_path: Path, options: Callable[..., HarvestOptions]) -> None:
    from catalogue.harvest.gitcmd import GitError
    from catalogue.harvest.mirror import check_reachable_address

    with pytest.raises(GitError, match=r"^host localhost resolves to the non-public address (127\.0\.0\.1|::1); refused$"):
        check_reachable_address("https://localhost/demo/app.git", GitSettings())
    strict = replace(options(GitHttpServer(tmp_path / "none")), settings=GitSettings())
    [outcome] = harvest([Entry(**{**entry("local", "x").__dict__, "repositories": (Repository("https://localhost/demo/app.git"),)})], strict, now=NOW)
    assert outcome.status == "failed" and outcome.error is not None and "non-public address" in outcome.error


def test_offline_without_a_cache_stops_before_touching_any_record(tmp_path: Path, served: GitHttpServer, options: Callable[..., HarvestOptions]) -> None:
    from catalogue.errors import HarvestCannotStart

    (tmp_path / "harvest").mkdir()
    (tmp_path / "harvest" / "demo-app.json").write_text("kept as it is", encoding="utf-8")
    with pytest.raises(HarvestCannotStart, match="--offline braucht einen Cache"):
        harvest([entry("demo-app", "demo/app.git")], options(served, offline=True), now=NOW)
    assert (tmp_path / "harvest" / "demo-app.json").read_text(encoding="utf-8") == "kept as it is"
    assert served.requests == []


def test_offline_skips_an_entry_whose_repository_is_not_cached_and_keeps_its_record(
    tmp_path: Path, served: GitHttpServer, options: Callable[..., HarvestOptions]
) -> None:
    harvest([entry("demo-app", "demo/app.git")], options(served), now=NOW)
    (tmp_path / "harvest" / "other.json").write_text("kept as it is", encoding="utf-8")
    outcomes = harvest([entry("demo-app", "demo/app.git"), entry("other", "demo/other.git")], options(served, offline=True), now=NOW)
    assert [o.status for o in outcomes] == ["updated", "skipped"]
    assert (tmp_path / "harvest" / "other.json").read_text(encoding="utf-8") == "kept as it is"


def test_a_repository_the_host_does_not_know_is_recorded_as_gone(tmp_path: Path, served: GitHttpServer, options: Callable[..., HarvestOptions]) -> None:
    [outcome] = harvest([entry("missing", "demo/nothing.git")], options(served), now=NOW)
    record = records.read_record(tmp_path / "harvest", "missing")
    assert outcome.status == "failed" and record is not None and record.stale is not None
    assert record.stale.gone is True, record.stale.error


def test_a_timeout_is_not_gone(tmp_path: Path) -> None:
    from catalogue.harvest.run import repository_is_gone

    assert repository_is_gone("git ls-remote failed: repository 'https://github.com/a/b/' not found")
    assert not repository_is_gone("git ls-remote took longer than 300 s and was stopped")
    assert not repository_is_gone("git ls-remote failed: The requested URL returned error: 503")


def test_a_reuse_repository_records_its_main_licence_from_source_headers_and_the_licences_of_parts(
    tmp_path: Path, options: Callable[..., HarvestOptions]
) -> None:
    projects = tmp_path / "served" / "demo"
    projects.mkdir(parents=True)
    dep5 = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: docs/*\nLicense: CC-BY-4.0\n"
    header = "# SPDX-FileCopyrightText: 2024 Stadt Musterstadt\n# SPDX-License-Identifier: LGPL-2.1-or-later\n"
    files = {".reuse/dep5": dep5, "LICENSES/LGPL-2.1-or-later.txt": "x\n", "LICENSES/CC-BY-4.0.txt": "x\n", "src/lib/core.py": header, "docs/a.md": "a\n"}
    make_repo(projects, "reuse", [Commit("start", "2026-01-01T00:00:00+00:00", files=files)])
    with GitHttpServer(tmp_path / "served").running() as server:
        [outcome] = harvest([entry("reuse-app", "demo/reuse.git")], options(server), now=NOW)
    assert outcome.status == "updated", outcome.error
    record = records.read_record(tmp_path / "harvest", "reuse-app")
    assert record is not None
    licence = record.repositories[0].licence
    assert (licence.expression, licence.method, licence.osi_approved) == ("LGPL-2.1-or-later", "REUSE", True)
    assert licence.reason == "SPDX-License-Identifier in 1 von 1 gelesenen Quelldateien"
    assert [(o.expression, o.paths, o.source) for o in licence.other_licences] == [("CC-BY-4.0", ("docs/*",), ".reuse/dep5")]
