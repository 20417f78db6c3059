"""GitHub REST API (api.github.com)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from catalogue.harvest.hosts.base import OwnerRepoShape, owner_repo_facts
from catalogue.harvest.hosts.client import ApiClient

SHAPE = OwnerRepoShape(page={"per_page": "100"}, stars_key="stargazers_count", issue_filter={}, first_comment_params={"per_page": "1"})


class GitHub:
    kind = "github"

    def repository_facts(self, client: ApiClient, path: str, now: datetime) -> dict[str, Any]:
        return owner_repo_facts(client, path, now, SHAPE)
