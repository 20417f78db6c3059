"""GitLab REST API v4 (gitlab.com, gitlab.opencode.de, self-hosted)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from catalogue.harvest.hosts.base import ISSUE_WINDOW, MAX_ISSUES_FOR_REACTION, foreign_owners, median_days, parse_time, release_summary, web_address
from catalogue.harvest.hosts.client import ApiClient


class GitLab:
    kind = "gitlab"

    def repository_facts(self, client: ApiClient, path: str, now: datetime) -> dict[str, Any]:
        project_id = quote(path, safe="")
        project, _ = client.get(f"/projects/{project_id}")
        namespace = str(project.get("namespace", {}).get("full_path", ""))
        releases = list(client.paginate(f"/projects/{project_id}/releases", {"per_page": "100"}))
        forks = list(client.paginate(f"/projects/{project_id}/forks", {"per_page": "100"}))
        since = now - ISSUE_WINDOW
        issues = list(client.paginate(f"/projects/{project_id}/issues", {"created_after": since.isoformat(), "per_page": "100"}))
        reactions = []
        for issue in issues[:MAX_ISSUES_FOR_REACTION]:
            created = parse_time(issue.get("created_at"))
            if created is None or not issue.get("user_notes_count"):
                continue
            notes, _ = client.get(f"/projects/{project_id}/issues/{issue['iid']}/notes", {"sort": "asc", "order_by": "created_at", "per_page": "20"})
            answers = [parse_time(n.get("created_at")) for n in notes if not n.get("system")]
            first = next((a for a in answers if a is not None), None)
            if first is not None:
                reactions.append(first - created)
        return {
            "stars": project.get("star_count"),
            "forks": project.get("forks_count"),
            "open_issues": project.get("open_issues_count"),
            "archived": bool(project.get("archived")),
            "description": project.get("description"),
            "topics": sorted(project.get("topics") or project.get("tag_list") or []),
            **release_summary(parse_time(r.get("released_at")) for r in releases),
            "issue_reaction_median_days": median_days(reactions),
            "forks_by_other_owners": foreign_owners((str(f.get("namespace", {}).get("full_path", "")) for f in forks), namespace),
            "fork_of": web_address((project.get("forked_from_project") or {}).get("web_url")),
        }
