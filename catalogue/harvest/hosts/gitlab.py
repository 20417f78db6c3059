"""GitLab REST API v4 (gitlab.com, gitlab.opencode.de, self-hosted)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from catalogue.harvest.hosts import shapes
from catalogue.harvest.hosts.base import ISSUE_WINDOW, MAX_ISSUES_FOR_REACTION, foreign_owners, median_days, parse_time, release_summary, web_address
from catalogue.harvest.hosts.client import ApiClient


class GitLab:
    kind = "gitlab"

    def repository_facts(self, client: ApiClient, path: str, now: datetime) -> dict[str, Any]:
        where = f"/projects/{quote(path, safe='')}"
        project = shapes.checked_object(client.get(where)[0], shapes.GITLAB_PROJECT, where)
        namespace = (project.get("namespace") or {}).get("full_path") or ""
        releases = shapes.checked_items(client.paginate(f"{where}/releases", {"per_page": "100"}), shapes.GITLAB_RELEASE, f"{where}/releases")
        forks = shapes.checked_items(client.paginate(f"{where}/forks", {"per_page": "100"}), shapes.GITLAB_FORK, f"{where}/forks")
        since = now - ISSUE_WINDOW
        listed = client.paginate(f"{where}/issues", {"created_after": since.isoformat(), "per_page": "100"})
        issues = shapes.checked_items(listed, shapes.GITLAB_ISSUE, f"{where}/issues")
        reactions = []
        for issue in issues[:MAX_ISSUES_FOR_REACTION]:
            created = parse_time(issue.get("created_at"))
            if created is None or not issue.get("user_notes_count") or issue.get("iid") is None:
                continue
            notes_at = f"{where}/issues/{issue['iid']}/notes"
            notes = shapes.checked_list(client.get(notes_at, {"sort": "asc", "order_by": "created_at", "per_page": "20"})[0], shapes.GITLAB_NOTE, notes_at)
            answers = [parse_time(n.get("created_at")) for n in notes if not n.get("system")]
            first = next((a for a in answers if a is not None), None)
            if first is not None:
                reactions.append(first - created)
        return {
            "stars": project.get("star_count"),
            "forks": project.get("forks_count"),
            "open_issues": project.get("open_issues_count"),
            "archived": project.get("archived"),
            "description": project.get("description"),
            "topics": sorted(project.get("topics") or project.get("tag_list") or []),
            **release_summary((parse_time(r.get("released_at")) for r in releases), now),
            "issue_reaction_median_days": median_days(reactions),
            "forks_by_other_owners": foreign_owners(((f.get("namespace") or {}).get("full_path") or "" for f in forks), namespace),
            "fork_of": web_address((project.get("forked_from_project") or {}).get("web_url")),
        }
