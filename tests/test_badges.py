"""Badges follow OpenCoDE's thresholds and always say why."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from catalogue.harvest.badges import maintenance_badge, reuse_badge
from catalogue.model import Documentation, Entry, Organisation, Repository, Reuse

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def repo(**facts: Any) -> dict[str, Any]:
    return {"commits_6_months": 12, "bus_factor_6_months": 2, "latest_tag_date": "2026-09-01T00:00:00Z", **facts}


def test_level_3_needs_commits_release_and_bus_factor() -> None:
    badge = maintenance_badge(repo(), NOW)
    assert (badge["level"], badge["reason"]) == (3, "12 Commits, ein Release und Bus-Faktor 2 in 6 Monaten")


def test_four_commits_are_not_enough_for_level_1() -> None:
    assert maintenance_badge(repo(commits_6_months=4), NOW) == {
        "name": "maintenance",
        "level": 0,
        "reason": "4 Commits in den letzten 6 Monaten (Stufe 1 braucht 5)",
    }


def test_slow_issue_answers_block_level_1_where_the_host_tells() -> None:
    badge = maintenance_badge(repo(api={"issue_reaction_median_days": 9.5}), NOW)
    assert badge["level"] == 0 and "9.5 Tagen" in badge["reason"]


def test_no_release_in_six_months_is_level_1() -> None:
    assert maintenance_badge(repo(latest_tag_date="2025-01-01T00:00:00Z"), NOW)["level"] == 1


def test_api_release_counts_like_a_tag() -> None:
    badge = maintenance_badge(repo(latest_tag_date=None, bus_factor_6_months=1, api={"latest_release_date": "2026-10-01T00:00:00Z"}), NOW)
    assert (badge["level"], badge["reason"]) == (2, "12 Commits und ein Release in 6 Monaten; Bus-Faktor 1 (Stufe 3 braucht 2)")


def entry(**extra: Any) -> Entry:
    base: dict[str, Any] = {
        "id": "x",
        "source_path": "entries/x.yaml",
        "name": "X",
        "short_description": "x" * 10,
        "description": "x" * 20,
        "repositories": (Repository("https://github.com/a/b"),),
        "organisation": Organisation("O", "Verein"),
        "fields": ("Mobilität",),
        "roadmap_phase": "P3",
        "development_status": "beta",
        "licence": "MIT",
    }
    return Entry(**{**base, **extra})


def test_used_by_makes_actively_reused() -> None:
    badge = reuse_badge(entry(used_by=(Reuse("Stadt Ulm", "08421000"),)), [])
    assert (badge["level"], badge["reason"]) == ("actively reused", "nachgenutzt von 1: Stadt Ulm")


def test_ready_for_reuse_names_what_is_missing() -> None:
    repository = {"licence": {"osi_approved": True}, "files": {"readme": True}}
    assert reuse_badge(entry(), [repository])["reason"] == "noch nicht bereit zur Nachnutzung: es fehlt Installationsanleitung oder Container-/Helm-Dateien"
    ready = reuse_badge(entry(documentation=Documentation(installation="https://example.org/install")), [repository])
    assert ready["level"] == "ready for reuse"
