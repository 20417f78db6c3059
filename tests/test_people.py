"""People and commits: contributors are people, bots are counted apart, merges are counted both ways."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from catalogue import records
from catalogue.harvest import people
from catalogue.harvest.gitcmd import GitSettings
from catalogue.harvest.run import HarvestOptions, harvest
from catalogue.model import Entry, LicenceFinding, Organisation, Repository, RepositoryFacts
from catalogue.site.pages import commit_counts_text

from gitserver import Commit, GitHttpServer, make_repo

NOW = datetime(2026, 11, 1, tzinfo=UTC)  # 6 months back: 2026-05-02; 12 months back: 2025-11-01
PUBLIC = "https://git.example-stadt.de/"
MAILMAP = "Grace Hopper <grace@example.org> <grace@old.example>\n"
DEPENDABOT = "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>"
HISTORY = [
    Commit("old work", "2026-02-01T10:00:00+00:00", author="Bob <bob@example.org>", files={"README.md": "# App\n", ".mailmap": MAILMAP}),
    Commit("ada 1", "2026-06-01T10:00:00+00:00", author="Ada Lovelace <ada@example.org>", files={"a.txt": "1\n"}),
    Commit("ada 2, same name", "2026-06-02T10:00:00+00:00", author="ada  lovelace <ada@home.example>", files={"a.txt": "2\n"}),
    Commit("ada 3, same address", "2026-06-03T10:00:00+00:00", author="A. L. <ADA@Example.org>", files={"a.txt": "3\n"}),
    Commit("grace 1, mailmapped", "2026-06-04T10:00:00+00:00", author="Grace <grace@old.example>", files={"g.txt": "1\n"}),
    Commit("grace 2", "2026-06-05T10:00:00+00:00", author="Grace Hopper <grace@example.org>", files={"g.txt": "2\n"}, branch="feature"),
    Commit("bump", "2026-06-06T10:00:00+00:00", author=DEPENDABOT, files={"deps.txt": "2\n"}, branch="deps"),
    Commit("Merge feature", "2026-06-07T10:00:00+00:00", author="Max Maintainer <max@example.org>", merge="feature"),
    Commit("Merge deps", "2026-06-08T10:00:00+00:00", author="Max Maintainer <max@example.org>", merge="deps"),
    Commit("lock file", "2026-06-09T10:00:00+00:00", author="renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>", files={"l": "1\n"}),
    Commit("format", "2026-06-10T10:00:00+00:00", author="github-actions <41898282+github-actions[bot]@users.noreply.github.com>", files={"f": "1\n"}),
]


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory, licence_db: Path) -> RepositoryFacts:
    root = tmp_path_factory.mktemp("people")
    (root / "served" / "demo").mkdir(parents=True)
    make_repo(root / "served" / "demo", "app", HISTORY)
    entry = Entry(
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
    with GitHttpServer(root / "served").running() as server:
        settings = GitSettings(allow_http=True, timeout_seconds=60, url_rewrites=((server.base_url, PUBLIC),))
        [outcome] = harvest([entry], HarvestOptions(root / "harvest", root / "cache", settings, licence_database_path=licence_db, use_apis=False), now=NOW)
    assert outcome.status == "updated", outcome.error
    record = records.read_record(root / "harvest", "app")
    assert record is not None
    return record.repositories[0]


def test_commits_are_counted_without_and_with_merges(facts: RepositoryFacts) -> None:
    assert (facts.commits_6_months, facts.commits_12_months) == (8, 9)
    assert (facts.commits_with_merges_6_months, facts.commits_with_merges_12_months) == (10, 11)


def test_commits_per_month_leave_out_merges(facts: RepositoryFacts) -> None:
    assert (facts.commits_per_month["2026-02"], facts.commits_per_month["2026-06"]) == (1, 8)


def test_bot_commits_are_counted_apart(facts: RepositoryFacts) -> None:
    assert (facts.automated_commits_6_months, facts.automated_commits_12_months) == (3, 3)


def test_contributors_are_people_joined_by_mailmap_name_and_address_including_merge_only_maintainers(facts: RepositoryFacts) -> None:
    # Ada (three identities), Grace (mailmap), Max (only merges); Bob is older than 6 months; no bot.
    assert (facts.authors_6_months, facts.authors_12_months) == (3, 4)


def test_bus_factor_counts_people_without_bots_and_merges(facts: RepositoryFacts) -> None:
    # Ada 3 of 5 commits by people; with bots (8 commits) or with Max's merges (7) two people would be needed.
    assert facts.bus_factor_6_months == 1


def test_same_name_or_same_address_case_folded_is_one_person() -> None:
    person = people.join_people([("Ada", "a@x.org"), ("ADA", "other@x.org"), ("Someone", "A@X.org"), ("Bob", "b@x.org"), ("", "")])
    assert person[("Ada", "a@x.org")] == person[("ADA", "other@x.org")] == person[("Someone", "A@X.org")]
    assert len(set(person.values())) == 3


AUTOMATION = [
    ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"),
    ("copilot-swe-agent[bot]", "198982749+Copilot@users.noreply.github.com"),
    ("dependabot-preview", "dependabot-preview@example.org"),
    ("Dependabot", "support@dependabot.com"),
    ("Renovate Bot", "bot@renovateapp.com"),
    ("renovate", "renovate@whitesourcesoftware.com"),
    ("GitHub Actions", "actions@github.com"),
    ("Copilot", "198982749+Copilot@users.noreply.github.com"),
    ("project_1234_bot_5f3a", "project_1234_bot_5f3a@noreply.gitlab.example"),
    ("GitLab Bot", "gitlab-bot@gitlab.com"),
    ("semantic-release-bot", "semantic-release-bot@martynus.net"),
    ("Hosted Weblate", "hosted@weblate.org"),
    ("Snyk", "snyk-bot@snyk.io"),
    ("ImgBotApp", "imgbot@example.org"),
    ("Claude", "noreply@anthropic.com"),
    ("Cursor Agent", "cursoragent@cursor.com"),
    ("openhands", "openhands@all-hands.dev"),
    ("Paul Gauthier (aider)", "paul@example.org"),
    ("ci-bot", "ci@example.org"),
]
PEOPLE = [
    ("Pieter Bot", "pieter.bot@example.nl"),
    ("Abbot", "abbot@example.org"),
    ("Claudia Renovate", "claudia@example.org"),
    ("Robot Fan", "robot@example.org"),
    ("Ada Lovelace", "ada@users.noreply.github.com"),
]


@pytest.mark.parametrize("name,email", AUTOMATION)
def test_automation_is_recognised(name: str, email: str) -> None:
    assert people.is_automation(name, email)


@pytest.mark.parametrize("name,email", PEOPLE)
def test_people_with_bot_like_names_are_people(name: str, email: str) -> None:
    assert not people.is_automation(name, email)


def test_every_rule_of_the_data_file_is_explained_and_has_an_example() -> None:
    used = {rule.what for name, email in AUTOMATION if (rule := people.automation_rule(name, email))}
    assert all(rule.what and (rule.name or rule.email) for rule in people.automation_rules())
    assert used == {rule.what for rule in people.automation_rules()}


def test_the_page_says_which_commit_count_it_shows_and_the_automated_share(facts: RepositoryFacts) -> None:
    assert commit_counts_text(facts) == "10 / 11 mit Merge-Commits, 8 / 9 ohne Merge-Commits; davon automatisiert (12 Monate): 27 %"


def test_a_record_from_before_merges_were_counted_shows_only_what_it_has() -> None:
    old = RepositoryFacts(url=PUBLIC + "x", licence=LicenceFinding(None, "unknown"), commits_6_months=4, commits_12_months=9)
    assert commit_counts_text(old) == "4 / 9 ohne Merge-Commits"
