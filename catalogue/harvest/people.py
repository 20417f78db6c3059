"""Who made the commits: people joined across names and addresses, and bots and automation told apart.

Git's .mailmap is applied first (by git); then two author identities are one person when they share the name or
the e-mail address, both compared case-folded. Automation is recognised by the rules in `automation.yml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class AutomationRule:
    """One kind of bot or automation: patterns on the author name and/or address."""

    what: str
    name: re.Pattern[str] | None
    email: re.Pattern[str] | None


@lru_cache(maxsize=1)
def automation_rules() -> tuple[AutomationRule, ...]:
    """The rules of `catalogue/harvest/automation.yml`, compiled once."""
    text = resources.files("catalogue.harvest").joinpath("automation.yml").read_text(encoding="utf-8")
    rules = []
    for item in yaml.safe_load(text):
        name, email = item.get("name"), item.get("email")
        rules.append(
            AutomationRule(
                what=str(item["what"]),
                name=re.compile(name, re.IGNORECASE) if name else None,
                email=re.compile(email, re.IGNORECASE) if email else None,
            )
        )
    return tuple(rules)


def automation_rule(name: str, email: str) -> AutomationRule | None:
    """The rule that makes this author automation, or None for a person."""
    for rule in automation_rules():
        if (rule.name and rule.name.search(name.strip())) or (rule.email and rule.email.search(email.strip())):
            return rule
    return None


def is_automation(name: str, email: str) -> bool:
    return automation_rule(name, email) is not None


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def join_people(identities: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """A person number for each (name, address): the same number where a shared name or address joins them."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def root(key: tuple[str, str]) -> tuple[str, str]:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    keys_of: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for name, email in identities:
        keys = [key for key in (("name", _fold(name)), ("email", _fold(email))) if key[1]]
        keys_of[(name, email)] = keys
        for other in keys[1:]:
            parent[root(other)] = root(keys[0])
    numbers: dict[tuple[str, str], int] = {}
    person: dict[tuple[str, str], int] = {}
    for identity, keys in keys_of.items():
        anchor = root(keys[0]) if keys else ("identity", repr(identity))
        person[identity] = numbers.setdefault(anchor, len(numbers))
    return person
