"""Host APIs on loopback: the shapes GitHub, GitLab and Gitea document, and their faults."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from catalogue.harvest.budget import Deadline
from catalogue.harvest.hosts.client import MAX_ATTEMPTS, MAX_JSON_DEPTH, WAIT_WITHOUT_HEADERS, ApiClient, ApiError, EtagCache
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


# --- hostile servers: credentials stay with their origin -----------------------------------------------------------


@pytest.fixture
def other_host() -> Iterator[ApiServer]:
    """A second API server on another loopback address: another origin, which must never see the token."""
    server = ApiServer("127.0.0.2")
    server.route("/steal", Reply(body=[{"id": 2}]))
    server.route("/repo", Reply(body={"stargazers_count": 1_000_000}))
    with server.running():
        yield server


def test_a_next_link_to_another_host_is_refused_and_gets_no_token(api: ApiServer, other_host: ApiServer) -> None:
    api.route("/items", Reply(body=[{"id": 1}], headers={"Link": f'<{other_host.base_url}/steal>; rel="next"'}))
    with pytest.raises(ApiError, match=r"verweist auf einen anderen Host \(127\.0\.0\.2:\d+\); nicht gefolgt"):
        list(client(api, token="geheim")[0].paginate("/items"))
    assert other_host.log == []


def test_a_next_link_to_another_port_of_the_same_host_is_another_origin(api: ApiServer) -> None:
    second = ApiServer()
    second.route("/steal", Reply(body=[{"id": 2}]))
    with second.running():
        api.route("/items", Reply(body=[{"id": 1}], headers={"Link": f'<{second.base_url}/steal>; rel="next"'}))
        with pytest.raises(ApiError, match="anderen Host"):
            list(client(api, token="geheim")[0].paginate("/items"))
    assert second.log == []


def test_a_redirect_to_another_host_is_not_followed(api: ApiServer, other_host: ApiServer) -> None:
    api.route("/repo", Reply(301, {}, headers={"Location": f"{other_host.base_url}/repo"}))
    with pytest.raises(ApiError, match=r"leitet weiter \(301 nach 127\.0\.0\.2:\d+\); Weiterleitungen zu einem anderen Host werden nicht gefolgt"):
        client(api, token="geheim")[0].get("/repo")
    assert other_host.log == []


def test_a_redirect_within_the_origin_is_followed_with_the_token(api: ApiServer) -> None:
    api.route("/repos/stadt/alt", Reply(301, {}, headers={"Location": "/repositories/42"}))  # how GitHub answers for a renamed repository
    api.route("/repositories/42", Reply(body={"stargazers_count": 4}))
    assert client(api, token="geheim")[0].get("/repos/stadt/alt")[0] == {"stargazers_count": 4}
    assert [(path, headers.get("Authorization")) for path, headers in api.log] == [("/repos/stadt/alt", "Bearer geheim"), ("/repositories/42", "Bearer geheim")]


def test_a_redirect_loop_within_the_origin_ends_after_three_hops(api: ApiServer) -> None:
    api.route("/loop", Reply(302, {}, headers={"Location": "/loop"}))
    with pytest.raises(ApiError, match="leitet mehr als 3-mal weiter"):
        client(api)[0].get("/loop")
    assert len(api.log) == 4


# --- hostile servers: deadlines -------------------------------------------------------------------------------------


def test_a_trickling_server_runs_out_of_the_answer_deadline(api: ApiServer) -> None:
    api.route("/slow", Reply(body={"description": "x" * 200}, trickle=0.05))
    http, _ = client(api, deadline=1.0)
    started = time.monotonic()
    with pytest.raises(ApiError, match="took longer than 1 s"):
        http.get("/slow")
    assert time.monotonic() - started < 5


def test_a_trickling_answer_is_cut_at_the_repository_deadline(api: ApiServer) -> None:
    api.route("/slow", Reply(body={"description": "x" * 200}, trickle=0.05))
    http, _ = client(api, until=Deadline.after(1.0, "für dieses Repository (1 s)"))
    started = time.monotonic()
    with pytest.raises(ApiError, match=r"Antwort abgebrochen: die Zeit für dieses Repository \(1 s\) ist aufgebraucht"):
        http.get("/slow")
    assert time.monotonic() - started < 5


def test_no_request_starts_after_the_repository_deadline(api: ApiServer) -> None:
    api.route("/x", Reply(body={"ok": 1}))
    http, _ = client(api, until=Deadline.after(0.0, "für dieses Repository (600 s)"))
    with pytest.raises(ApiError, match="nicht mehr gefragt: die Zeit für dieses Repository"):
        http.get("/x")
    assert api.log == []


def test_a_wait_the_host_asks_for_is_not_slept_past_the_repository_deadline(api: ApiServer) -> None:
    api.route("/x", Reply(429, {"message": "slow down"}, {"Retry-After": "100"}), Reply(body={"ok": 1}))
    http, sleeps = client(api, until=Deadline.after(10.0, "für dieses Repository (10 s)"))
    with pytest.raises(ApiError, match=r"nicht 100 s auf 127\.0\.0\.1:\d+ gewartet: die Zeit für dieses Repository"):
        http.get("/x")
    assert sleeps == []


def test_a_429_without_reset_headers_waits_briefly_then_gives_up(api: ApiServer) -> None:
    api.route("/busy", Reply(429, {}))
    http, sleeps = client(api)
    with pytest.raises(ApiError, match="rate limit still exhausted after 4 attempts"):
        http.get("/busy")
    assert sleeps == [WAIT_WITHOUT_HEADERS] * (MAX_ATTEMPTS - 1)


def test_an_unreadable_retry_after_counts_as_no_time_given(api: ApiServer) -> None:
    api.route("/x", Reply(429, {}, {"Retry-After": "bald"}), Reply(429, {}, {"Retry-After": "9" * 400}), Reply(body={"ok": 1}))
    http, sleeps = client(api)
    assert http.get("/x")[0] == {"ok": 1}
    assert sleeps == [WAIT_WITHOUT_HEADERS, WAIT_WITHOUT_HEADERS]


# --- hostile servers: answers of the wrong shape ----------------------------------------------------------------------


def test_deeply_nested_json_is_a_reason_not_a_crash(api: ApiServer) -> None:
    api.route("/deep", Reply(raw=b"[" * 200_000 + b"]" * 200_000, missing_bytes=0))
    with pytest.raises(ApiError, match="nested too deeply"):
        client(api)[0].get("/deep")


def test_json_nested_deeper_than_the_limit_is_refused_even_when_python_could_read_it(api: ApiServer) -> None:
    api.route("/deep", Reply(body={"description": json.loads("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1))}))
    with pytest.raises(ApiError, match=f"nested too deeply \\(more than {MAX_JSON_DEPTH} levels\\)"):
        client(api)[0].get("/deep")


def test_nan_and_infinity_are_not_json(api: ApiServer) -> None:
    api.route("/x", Reply(raw=b'{"stargazers_count": NaN, "forks_count": Infinity}', missing_bytes=0))
    with pytest.raises(ApiError, match="sent a broken JSON answer"):
        client(api)[0].get("/x")


MUTATIONS = {
    "repository is a list": ("/repos/stadt/app", [], "Antwort auf /repos/stadt/app hat nicht die dokumentierte Form: Liste statt Objekt"),
    "owner is text": ("/repos/stadt/app", {"owner": "stadt"}, "owner: Text statt Objekt"),
    "topics is a number": ("/repos/stadt/app", {"topics": 7, "owner": {"login": "stadt"}}, "topics: Zahl statt Liste"),
    "stars negative": ("/repos/stadt/app", {"stargazers_count": -3}, "stargazers_count: ganze Zahl, aber keine Anzahl (negativ oder zu groß)"),
    "stars true": ("/repos/stadt/app", {"stargazers_count": True}, "stargazers_count: true/false statt ganze Zahl"),
    "description overlong": ("/repos/stadt/app", {"description": "x" * 6000}, "description: Text, aber länger als 5000 Zeichen"),
    "releases mix objects and text": (
        "/repos/stadt/app/releases",
        [{"published_at": "2026-01-01T00:00:00Z"}, "v2"],
        "releases hat nicht die dokumentierte Form: [1]: Text",
    ),
    "fork owner is a list": ("/repos/stadt/app/forks", [{"owner": ["x"]}], "forks hat nicht die dokumentierte Form: [0].owner: Liste statt Objekt"),
    "issue number is text": (
        "/repos/stadt/app/issues",
        [{"number": "../../x", "created_at": "2026-10-01T00:00:00Z", "comments": 1}],
        "[0].number: Text statt",
    ),
    "issue date is an object": (
        "/repos/stadt/app/issues",
        [{"number": 1, "created_at": {"y": 2026}, "comments": 1}],
        "created_at: Objekt statt Zeitangabe",
    ),
    "comments are an object": (
        "/repos/stadt/app/issues/1/comments",
        {"created_at": "2026-10-02T00:00:00Z"},
        "comments hat nicht die dokumentierte Form: Objekt",
    ),
    "list where a number belongs": ("/repos/stadt/app", {"forks_count": [1, 2]}, "forks_count: Liste statt ganze Zahl"),
}


@pytest.mark.parametrize("route,body,reason", MUTATIONS.values(), ids=MUTATIONS.keys())
def test_an_answer_of_another_shape_than_documented_is_a_reason_naming_the_field(api: ApiServer, route: str, body: object, reason: str) -> None:
    github_repo(api)
    api.route(route, Reply(body=body))
    with pytest.raises(ApiError) as refused:
        GitHub().repository_facts(client(api)[0], "stadt/app", NOW)
    assert reason in str(refused.value)


def test_gitlab_answers_are_checked_against_gitlab_shapes(api: ApiServer) -> None:
    base = "/projects/stadt%2Fapp"
    api.route(base, Reply(body={"star_count": 1, "namespace": "stadt"}))
    with pytest.raises(ApiError, match=r"Antwort auf /projects/stadt%2Fapp hat nicht die dokumentierte Form: namespace: Text statt Objekt"):
        GitLab().repository_facts(client(api)[0], "stadt/app", NOW)


def test_a_time_without_offset_is_unknown_not_a_crash(api: ApiServer) -> None:
    github_repo(api)
    api.route("/repos/stadt/app/issues", Reply(body=[{"number": 1, "created_at": "2026-10-01T00:00:00", "comments": 2}]))
    api.route("/repos/stadt/app/releases", Reply(body=[{"published_at": "2026-09-01"}]))
    facts = GitHub().repository_facts(client(api)[0], "stadt/app", NOW)
    assert (facts["issue_reaction_median_days"], facts["releases"], facts["latest_release_date"]) == (None, 0, None)


def test_a_release_dated_after_the_harvest_is_counted_but_not_the_latest(api: ApiServer) -> None:
    github_repo(api)
    api.route("/repos/stadt/app/releases", Reply(body=[{"published_at": "2099-01-01T00:00:00Z"}, {"published_at": "2026-05-01T00:00:00Z"}]))
    facts = GitHub().repository_facts(client(api)[0], "stadt/app", NOW)
    assert (facts["releases"], facts["latest_release_date"]) == (2, "2026-05-01T00:00:00Z")
