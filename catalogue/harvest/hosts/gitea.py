"""Gitea and Forgejo REST API v1 (codeberg.org and self-hosted instances)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from catalogue.harvest.hosts.base import OwnerRepoShape, owner_repo_facts
from catalogue.harvest.hosts.client import ApiClient

# Gitea caps pages at 50 items ([api] MAX_RESPONSE_ITEMS) and can filter pull requests out itself.
SHAPE = OwnerRepoShape(page={"limit": "50"}, stars_key="stars_count", issue_filter={"type": "issues"}, first_comment_params=None)


class Gitea:
    kind = "gitea"

    def repository_facts(self, client: ApiClient, path: str, now: datetime) -> dict[str, Any]:
        return owner_repo_facts(client, path, now, SHAPE)
