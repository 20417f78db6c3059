"""GitHub REST API (api.github.com)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from catalogue.harvest.hosts.base import ISSUE_WINDOW, first_comment_reactions, foreign_owners, median_days, parse_time, release_summary
from catalogue.harvest.hosts.client import ApiClient


class GitHub:
    kind = "github"

    def repository_facts(self, client: ApiClient, path: str, now: datetime) -> dict[str, Any]:
        repo, _ = client.get(f"/repos/{path}")
        owner = str(repo.get("owner", {}).get("login", ""))
        releases = list(client.paginate(f"/repos/{path}/releases", {"per_page": "100"}))
        forks = list(client.paginate(f"/repos/{path}/forks", {"per_page": "100"}))
        since = now - ISSUE_WINDOW
        issues = [
            i for i in client.paginate(f"/repos/{path}/issues", {"state": "all", "since": since.isoformat(), "per_page": "100"}) if "pull_request" not in i
        ]
        reactions = first_comment_reactions(client, issues, since, path, {"per_page": "1"})
        return {
            "stars": repo.get("stargazers_count"),
            "forks": repo.get("forks_count"),
            "open_issues": repo.get("open_issues_count"),
            "archived": bool(repo.get("archived")),
            "description": repo.get("description"),
            "topics": sorted(repo.get("topics") or []),
            **release_summary(parse_time(r.get("published_at")) for r in releases if not r.get("draft")),
            "issue_reaction_median_days": median_days(reactions),
            "forks_by_other_owners": foreign_owners((str(f.get("owner", {}).get("login", "")) for f in forks), owner),
        }
