"""Badges from harvested facts, with OpenCoDE's Badge API thresholds for maintenance; each says why."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from catalogue.model import Entry

SIX_MONTHS = timedelta(days=183)
MIN_COMMITS = 5
MAX_REACTION_DAYS = 7
MIN_BUS_FACTOR = 2


def maintenance_badge(repository: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Level 0-3 as OpenCoDE defines it: 1 = >= 5 commits in 6 months (and issues answered within 7 days where
    the host tells), 2 = plus a release or tag in 6 months, 3 = plus a bus factor of at least 2."""
    commits = int(repository.get("commits_6_months") or 0)
    reaction = (repository.get("api") or {}).get("issue_reaction_median_days")
    if commits < MIN_COMMITS:
        return {"name": "maintenance", "level": 0, "reason": f"{commits} Commits in den letzten 6 Monaten (Stufe 1 braucht {MIN_COMMITS})"}
    if reaction is not None and reaction >= MAX_REACTION_DAYS:
        return {
            "name": "maintenance",
            "level": 0,
            "reason": f"Issues werden im Median nach {reaction:g} Tagen erstmals beantwortet (Stufe 1 braucht unter {MAX_REACTION_DAYS})",
        }
    latest = _latest_release(repository)
    if latest is None or now - latest > SIX_MONTHS:
        return {"name": "maintenance", "level": 1, "reason": f"{commits} Commits in 6 Monaten, aber kein Release und kein Tag in dieser Zeit"}
    bus = int(repository.get("bus_factor_6_months") or 0)
    if bus < MIN_BUS_FACTOR:
        return {
            "name": "maintenance",
            "level": 2,
            "reason": f"{commits} Commits und ein Release in 6 Monaten; Bus-Faktor {bus} (Stufe 3 braucht {MIN_BUS_FACTOR})",
        }
    return {"name": "maintenance", "level": 3, "reason": f"{commits} Commits, ein Release und Bus-Faktor {bus} in 6 Monaten"}


def reuse_badge(entry: Entry, repositories: list[dict[str, Any]]) -> dict[str, Any]:
    """'actively reused' when others run it; 'ready for reuse' when licence, README and a way to install it are there."""
    if entry.used_by:
        names = ", ".join(u.name for u in entry.used_by[:3])
        return {"name": "reuse", "level": "actively reused", "reason": f"nachgenutzt von {len(entry.used_by)}: {names}"}
    open_licence = any((r.get("licence") or {}).get("osi_approved") or (r.get("licence") or {}).get("fsf_libre") for r in repositories)
    files = [r.get("files") or {} for r in repositories]
    readme = any(f.get("readme") for f in files)
    installable = bool(entry.documentation.installation) or any(f.get("dockerfile") or f.get("compose_file") or f.get("helm_chart") for f in files)
    missing = [
        label
        for label, ok in (
            ("eine OSI/FSF-Lizenz im Repository", open_licence),
            ("ein README", readme),
            ("Installationsanleitung oder Container-/Helm-Dateien", installable),
        )
        if not ok
    ]
    if missing:
        return {"name": "reuse", "level": None, "reason": "noch nicht bereit zur Nachnutzung: es fehlt " + ", ".join(missing)}
    return {"name": "reuse", "level": "ready for reuse", "reason": "Lizenz, README und ein Weg zur Installation sind vorhanden"}


def badges(entry: Entry, repositories: list[dict[str, Any]], now: datetime) -> list[dict[str, Any]]:
    """The entry's badges: maintenance of its best-kept repository, and reuse."""
    maintenance = max((maintenance_badge(r, now) for r in repositories), key=lambda badge: int(badge["level"]), default=None)
    return [b for b in (maintenance, reuse_badge(entry, repositories)) if b is not None]


def _latest_release(repository: dict[str, Any]) -> datetime | None:
    candidates = [repository.get("latest_tag_date"), (repository.get("api") or {}).get("latest_release_date")]
    dates = [datetime.fromisoformat(c.replace("Z", "+00:00")) for c in candidates if isinstance(c, str)]
    return max(dates, default=None)
