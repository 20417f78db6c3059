"""The message table: every key in German and English with the same placeholders, and no key used that it lacks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from catalogue.messages import MESSAGES, language_from_environment, msg, placeholders, set_language

PACKAGE = Path(__file__).resolve().parent.parent / "catalogue"


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_placeholders(key: str) -> None:
    german, english = MESSAGES[key]
    assert german.strip() and english.strip()
    assert placeholders(german) == placeholders(english)


def _keys_used_in_code() -> set[str]:
    pattern = re.compile(r"""\b(?:msg|msg_in\([^,]+,)\(\s*"([a-z_.]+)"|YamlProblem\([^"]*"([a-z_.]+)"|hint="(hint\.[a-z_]+)\"""")
    used: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for found in pattern.finditer(path.read_text(encoding="utf-8")):
            used.update(group for group in found.groups() if group)
    return used


def test_code_uses_only_keys_the_table_has() -> None:
    assert _keys_used_in_code() - set(MESSAGES) == set()


def test_english_is_chosen_by_the_environment_and_german_is_the_default() -> None:
    assert language_from_environment({}) == "de"
    assert language_from_environment({"LANG": "C.UTF-8"}) == "de"
    assert language_from_environment({"LANG": "en_GB.UTF-8"}) == "en"
    assert language_from_environment({"LC_ALL": "de_DE.UTF-8", "LANG": "en_US.UTF-8"}) == "de"
    assert language_from_environment({"CATALOGUE_LANG": "en", "LC_ALL": "de_DE.UTF-8"}) == "en"


def test_the_chosen_language_renders_the_message() -> None:
    set_language("en")
    assert msg("entries.related_self") == "an entry cannot be related to itself"
    set_language("de")
    assert msg("entries.related_self") == "ein Eintrag kann nicht mit sich selbst verwandt sein"
