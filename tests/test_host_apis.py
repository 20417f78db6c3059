"""Host APIs on loopback: the shapes GitHub, GitLab and Gitea document, and their faults."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from catalogue.harvest.hosts.client import ApiClient, ApiError, EtagCache
from catalogue.harvest.hosts.gitea import Gitea
from catalogue.harvest.hosts.github import GitHub
from catalogue.harvest.hosts.gitlab import GitLab
from catalogue.harvest.hosts.registry import api_target, token_for

from apiserver import ApiServer, Reply

NOW = datetime(2026, 11, 1, tzinfo=UTC)


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def api() -> ApiServer:
    server = ApiServer()
    with server.running():
        yield server


def client(api: ApiServer, **extra: object) -> tuple[ApiClient, Sleeps]:
    sleeps = Sleeps()
    return ApiClient(api.base_url, sleep=sleeps, clock=lambda: 1_000_000.0, **extra), sleeps  # type: ignore[arg-type]


def github_repo(api: ApiServer) -> None:
    api.route(
        "/repos/stadt/app",
        Reply(
            body={
                "stargazers_count": 42,
                "forks_count": 3,
                "open_issues_count": 5,
                "archived": False,
                "description": "Eine App",
                "topics": ["smart-city", "bäume"],
                "owner": {"login": "stadt"},
                "fork": True,
                "parent": {"html_url": "https://github.com/land/app"},
            },
            headers={"ETag": '"r1"'},
        ),
    )
    api.route("/repos/stadt/app/releases", Reply(body=[{"published_at": "2026-09-01T10:00:00Z"}], headers={"Link": '<{base}/releases2>; rel="next"'}))
    api.route("/releases2", Reply(body=[{"published_at": "2025-01-01T10:00:00Z"}, {"published_at": None, "draft": True}]))
    api.route("/repos/stadt/app/forks", Reply(body=[{"owner": {"login": "stadt-ulm"}}, {"owner": {"login": "Stadt"}}, {"owner": {"login": "stadt-ulm"}}]))
    api.route(
        "/repos/stadt/app/issues",
        Reply(
            body=[
                {"number": 1, "created_at": "2026-10-01T00:00:00Z", "comments": 2},
                {"number": 2, "created_at": "2026-10-10T00:00:00Z", "comments": 1},
                {"number": 3, "created_at": "2026-10-11T00:00:00Z", "comments": 0},
                {"number": 4, "created_at": "2026-10-12T00:00:00Z", "comments": 3, "pull_request": {}},
            ]
        ),
    )
    api.route("/repos/stadt/app/issues/1/comments", Reply(body=[{"created_at": "2026-10-02T00:00:00Z"}]))
    api.route("/repos/stadt/app/issues/2/comments", Reply(body=[{"created_at": "2026-10-14T00:00:00Z"}]))


def test_github_facts_from_documented_shapes(api: ApiServer) -> None:
    github_repo(api)
    facts = GitHub().repository_facts(client(api)[0], "stadt/app", NOW)
    assert facts == {
        "stars": 42,
        "forks": 3,
        "open_issues": 5,
        "archived": False,
        "description": "Eine App",
        "topics": ["bäume", "smart-city"],
        "releases": 2,
        "latest_release_date": "2026-09-01T10:00:00Z",
        "issue_reaction_median_days": 2.5,
        "forks_by_other_owners": ["stadt-ulm"],
        "fork_of": "https://github.com/land/app",
    }
    assert "/repos/stadt/app/issues/4/comments" not in api.paths()


def test_second_request_sends_the_etag_and_uses_the_cached_body_on_304(api: ApiServer, tmp_path: Path) -> None:
    github_repo(api)
    cache = EtagCache.load(tmp_path / "etags.json")
    first, _ = client(api, cache=cache)[0].get("/repos/stadt/app")
    cache.save()
    again, _ = client(api, cache=EtagCache.load(tmp_path / "etags.json"))[0].get("/repos/stadt/app")
    assert again == first
    assert api.log[-1][1].get("If-None-Match") == '"r1"'


def test_primary_rate_limit_waits_until_reset(api: ApiServer) -> None:
    api.route("/x", Reply(403, {"message": "API rate limit exceeded"}, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1000030"}), Reply(body={"ok": 1}))
    http, sleeps = client(api)
    assert http.get("/x")[0] == {"ok": 1}
    assert sleeps == [31.0]


def test_secondary_rate_limit_honours_retry_after(api: ApiServer) -> None:
    api.route("/x", Reply(429, {"message": "slow down"}, {"Retry-After": "7"}), Reply(body={"ok": 1}))
    http, sleeps = client(api)
    assert http.get("/x")[0] == {"ok": 1}
    assert sleeps == [7.0]


def test_rate_limit_far_in_the_future_is_an_error_not_a_long_sleep(api: ApiServer) -> None:
    api.route("/x", Reply(403, {}, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1003600"}))
    http, sleeps = client(api)
    with pytest.raises(ApiError, match="rate limit: next request allowed in 3601 s"):
        http.get("/x")
    assert sleeps == []


def test_server_errors_are_retried_with_backoff_then_reported(api: ApiServer) -> None:
    api.route("/x", Reply(502, {}), Reply(500, {}), Reply(body={"ok": 1}))
    http, sleeps = client(api)
    assert http.get("/x")[0] == {"ok": 1}
    assert sleeps == [2, 4]
    api.route("/y", Reply(503, {}))
    with pytest.raises(ApiError, match="answered HTTP 503"):
        http.get("/y")


def test_truncated_json_is_retried_then_reported(api: ApiServer) -> None:
    api.route("/x", Reply(raw=b'{"stargazers_count": 4'))
    http, sleeps = client(api)
    with pytest.raises(ApiError):
        http.get("/x")
    assert len(sleeps) == 3


def test_missing_repository_is_a_clear_error(api: ApiServer) -> None:
    with pytest.raises(ApiError, match=r"says the repository does not exist \(404\)"):
        client(api)[0].get("/repos/stadt/weg")


def test_token_is_sent_as_authorization_and_never_in_errors(api: ApiServer) -> None:
    api.route("/x", Reply(401, {"message": "Bad credentials"}))
    http, _ = client(api, token="geheim-123")
    with pytest.raises(ApiError) as caught:
        http.get("/x")
    assert "geheim" not in str(caught.value)
    assert api.log[-1][1]["Authorization"] == "Bearer geheim-123"


def test_gitlab_facts(api: ApiServer) -> None:
    base = "/projects/stadt%2Fsub%2Fapp"
    api.route(
        base,
        Reply(
            body={
                "star_count": 7,
                "forks_count": 1,
                "open_issues_count": 2,
                "archived": True,
                "description": None,
                "topics": ["opencode"],
                "namespace": {"full_path": "stadt/sub"},
                "forked_from_project": {"web_url": "https://gitlab.example.org/land/app"},
            }
        ),
    )
    api.route(f"{base}/releases", Reply(body=[{"released_at": "2026-08-01T00:00:00.000Z"}]))
    api.route(f"{base}/forks", Reply(body=[{"namespace": {"full_path": "landkreis-x"}}]))
    api.route(f"{base}/issues", Reply(body=[{"iid": 9, "created_at": "2026-10-01T00:00:00Z", "user_notes_count": 1}]))
    api.route(
        f"{base}/issues/9/notes", Reply(body=[{"system": True, "created_at": "2026-10-01T01:00:00Z"}, {"system": False, "created_at": "2026-10-04T00:00:00Z"}])
    )
    facts = GitLab().repository_facts(client(api)[0], "stadt/sub/app", NOW)
    assert (facts["stars"], facts["archived"], facts["releases"], facts["issue_reaction_median_days"], facts["forks_by_other_owners"]) == (
        7,
        True,
        1,
        3.0,
        ["landkreis-x"],
    )
    assert facts["fork_of"] == "https://gitlab.example.org/land/app"


def test_gitea_facts(api: ApiServer) -> None:
    api.route(
        "/repos/stadt/app",
        Reply(body={"stars_count": 3, "forks_count": 0, "open_issues_count": 0, "archived": False, "description": "x", "owner": {"login": "stadt"}}),
    )
    api.route("/repos/stadt/app/releases", Reply(body=[]))
    api.route("/repos/stadt/app/forks", Reply(body=[]))
    api.route("/repos/stadt/app/issues", Reply(body=[]))
    facts = Gitea().repository_facts(client(api)[0], "stadt/app", NOW)
    assert facts == {
        "stars": 3,
        "forks": 0,
        "open_issues": 0,
        "archived": False,
        "description": "x",
        "topics": [],
        "releases": 0,
        "latest_release_date": None,
        "issue_reaction_median_days": None,
        "forks_by_other_owners": [],
        "fork_of": None,
    }


def test_registry_picks_the_api_by_host() -> None:
    assert api_target("https://github.com/a/b.git", {}).base_url == "https://api.github.com"  # type: ignore[union-attr]
    assert api_target("https://gitlab.opencode.de/g/s/p", {}).path == "g/s/p"  # type: ignore[union-attr]
    assert api_target("https://codeberg.org/a/b", {}).base_url == "https://codeberg.org/api/v1"  # type: ignore[union-attr]
    assert api_target("https://git.example.org/a/b", {}) is None


def test_tokens_come_from_per_host_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CATALOGUE_TOKEN_GITLAB_OPENCODE_DE", "t1")
    monkeypatch.setenv("GITHUB_TOKEN", "t2")
    assert (token_for("gitlab.opencode.de"), token_for("github.com"), token_for("codeberg.org")) == ("t1", "t2", None)


def test_slow_answers_time_out_and_are_retried_then_reported(api: ApiServer) -> None:
    api.route("/x", Reply(body={"ok": 1}, delay=1.0))
    http, sleeps = client(api, timeout=0.2)
    with pytest.raises(ApiError, match=r"no answer from 127\.0\.0\.1:\d+ \(ReadTimeout\)"):
        http.get("/x")
    assert sleeps == [2, 4, 8]


# --- hostile servers: credentials, redirects, trickling, nesting -------------------------------------------------


def test_a_next_link_to_another_host_is_refused_and_gets_no_token() -> None:
    from catalogue.harvest.hosts.client import ApiClient, ApiError

    from apiserver import ApiServer, Reply

    other = ApiServer("127.0.0.2")
    other.route("/steal", Reply(body=[{"id": 2}]))
    home = ApiServer()
    with other.running(), home.running():
        home.route("/items", Reply(body=[{"id": 1}], headers={"Link": f'<{other.base_url}/steal>; rel="next"'}))
        client = ApiClient(home.base_url, token="geheim", sleep=lambda s: None)
        with pytest.raises(ApiError, match="anderen Host"):
            list(client.paginate("/items"))
    assert other.log == []


def test_a_redirect_to_another_host_is_not_followed() -> None:
    from catalogue.harvest.hosts.client import ApiClient, ApiError

    from apiserver import ApiServer, Reply

    other = ApiServer("127.0.0.2")
    other.route("/repo", Reply(body={"stars": 1_000_000}))
    home = ApiServer()
    with other.running(), home.running():
        home.route("/repo", Reply(301, {}, headers={"Location": f"{other.base_url}/repo"}))
        client = ApiClient(home.base_url, token="geheim", sleep=lambda s: None)
        with pytest.raises(ApiError, match="Weiterleitungen werden nicht gefolgt"):
            client.get("/repo")
    assert other.log == []


def test_a_trickling_server_runs_out_of_the_deadline() -> None:
    import time

    from catalogue.harvest.hosts.client import ApiClient, ApiError

    from apiserver import ApiServer, Reply

    server = ApiServer()
    with server.running():
        server.route("/slow", Reply(body={"description": "x" * 200}, trickle=0.05))
        client = ApiClient(server.base_url, sleep=lambda s: None, deadline=1.0)
        started = time.monotonic()
        with pytest.raises(ApiError, match="took longer than 1 s"):
            client.get("/slow")
    assert time.monotonic() - started < 5


def test_deeply_nested_json_is_a_reason_not_a_crash() -> None:
    from catalogue.harvest.hosts.client import ApiClient, ApiError

    from apiserver import ApiServer, Reply

    server = ApiServer()
    with server.running():
        server.route("/deep", Reply(raw=b"[" * 200_000 + b"]" * 200_000, missing_bytes=0))
        with pytest.raises(ApiError, match="nested too deeply"):
            ApiClient(server.base_url, sleep=lambda s: None).get("/deep")


def test_a_429_without_reset_headers_waits_briefly_then_gives_up() -> None:
    from catalogue.harvest.hosts.client import MAX_ATTEMPTS, WAIT_WITHOUT_HEADERS, ApiClient, ApiError

    from apiserver import ApiServer, Reply

    waits: list[float] = []
    server = ApiServer()
    with server.running():
        server.route("/busy", Reply(429, {}))
        with pytest.raises(ApiError):
            ApiClient(server.base_url, sleep=waits.append).get("/busy")
    assert sum(waits) <= MAX_ATTEMPTS * WAIT_WITHOUT_HEADERS
