"""What every host API module provides, and the small computations they share."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from catalogue.harvest.hosts import shapes
from catalogue.harvest.hosts.client import ApiClient

ISSUE_WINDOW = timedelta(days=92)
MAX_ISSUES_FOR_REACTION = 20


class HostApi(Protocol):
    """One host's REST API, asked about one repository."""

    kind: str

    def repository_facts(self, client: ApiClient, path: str, now: datetime) -> dict[str, Any]:
        """Stars, forks, issues, archived flag, description, topics, releases, reaction time, foreign forks."""
        ...


def parse_time(value: Any) -> datetime | None:
    """An ISO 8601 time with its offset, as the hosts send them; anything else (no offset, no time) is unknown."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.utcoffset() is not None else None


def release_summary(dates: Iterable[datetime | None], now: datetime) -> dict[str, Any]:
    """How many releases, and the latest one published by the time of the harvest (a date in the future is no release yet)."""
    known = sorted(d for d in dates if d is not None)
    published = [d for d in known if d <= now]
    return {"releases": len(known), "latest_release_date": published[-1].strftime("%Y-%m-%dT%H:%M:%SZ") if published else None}


def median_days(reactions: list[timedelta]) -> float | None:
    """Median time to the first answer, in days (None when no issue in the window was answered)."""
    if not reactions:
        return None
    return round(statistics.median(r.total_seconds() for r in reactions) / 86400, 2)


@dataclass(frozen=True)
class OwnerRepoShape:
    """How a GitHub-like API (GitHub, Gitea/Forgejo) names the same things."""

    page: dict[str, str]  # page size parameter
    stars_key: str
    issue_filter: dict[str, str]  # extra parameters so the issues list holds issues only (where the API can)
    first_comment_params: dict[str, str] | None


def owner_repo_facts(client: ApiClient, path: str, now: datetime, shape: OwnerRepoShape) -> dict[str, Any]:
    """Facts from the /repos/{owner}/{name} family of endpoints that GitHub and Gitea share."""
    where = f"/repos/{path}"
    repo = shapes.checked_object(client.get(where)[0], shapes.owner_repo(shape.stars_key), where)
    owner = (repo.get("owner") or {}).get("login") or ""
    releases = shapes.checked_items(client.paginate(f"{where}/releases", shape.page), shapes.OWNER_REPO_RELEASE, f"{where}/releases")
    forks = shapes.checked_items(client.paginate(f"{where}/forks", shape.page), shapes.OWNER_REPO_FORK, f"{where}/forks")
    since = now - ISSUE_WINDOW
    listed = client.paginate(f"{where}/issues", {"state": "all", "since": since.isoformat(), **shape.issue_filter, **shape.page})
    issues = [i for i in shapes.checked_items(listed, shapes.OWNER_REPO_ISSUE, f"{where}/issues") if i.get("pull_request") is None]  # GitHub lists PRs too
    return {
        "stars": repo.get(shape.stars_key),
        "forks": repo.get("forks_count"),
        "open_issues": repo.get("open_issues_count"),
        "archived": repo.get("archived"),
        "description": repo.get("description"),
        "topics": sorted(repo.get("topics") or []),
        **release_summary((parse_time(r.get("published_at")) for r in releases if not r.get("draft")), now),
        "issue_reaction_median_days": median_days(first_comment_reactions(client, issues, since, path, shape.first_comment_params)),
        "forks_by_other_owners": foreign_owners(((f.get("owner") or {}).get("login") or "" for f in forks), owner),
        "fork_of": web_address((repo.get("parent") or {}).get("html_url")) if repo.get("fork") else None,
    }


def first_comment_reactions(client: ApiClient, issues: list[dict[str, Any]], since: datetime, path: str, params: dict[str, str] | None) -> list[timedelta]:
    """Time from opening to the first comment, for issues opened since `since` (GitHub and Gitea shapes)."""
    reactions = []
    for issue in issues[:MAX_ISSUES_FOR_REACTION]:
        created = parse_time(issue.get("created_at"))
        if created is None or created < since or not issue.get("comments") or issue.get("number") is None:
            continue
        where = f"/repos/{path}/issues/{issue['number']}/comments"
        comments = shapes.checked_list(client.get(where, params)[0], shapes.COMMENT, where)
        first = parse_time(comments[0].get("created_at")) if comments else None
        if first is not None:
            reactions.append(first - created)
    return reactions


def foreign_owners(owners: Iterable[str], own: str) -> list[str]:
    """Owners of forks other than the repository's own, sorted: candidates for reuse elsewhere."""
    return sorted({owner for owner in owners if owner and owner.lower() != own.lower()})


def web_address(value: Any) -> str | None:
    """An http(s) address a host reported, or None for anything else."""
    return value if isinstance(value, str) and value.startswith(("https://", "http://")) and len(value) < 500 else None
