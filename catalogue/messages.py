"""Every sentence the CLI and the validator say to a person, by key, in German and English.

German is the language of the catalogue; English is chosen with `--lang en`, or `CATALOGUE_LANG`, `LC_ALL`,
`LC_MESSAGES` or `LANG` starting with `en` (in that order). A test checks that every key has both languages
with the same placeholders, and that the code uses no key the table lacks.
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping
from contextvars import ContextVar
from typing import Literal, NamedTuple

from catalogue.message_table import TABLE

Language = Literal["de", "en"]
LANGUAGES: tuple[Language, ...] = ("de", "en")
_ENVIRONMENT = ("CATALOGUE_LANG", "LC_ALL", "LC_MESSAGES", "LANG")
_chosen: ContextVar[Language | None] = ContextVar("catalogue_language", default=None)


class Text(NamedTuple):
    de: str
    en: str


MESSAGES: dict[str, Text] = {key: Text(*pair) for key, pair in TABLE.items()}


def language_from_environment(environ: Mapping[str, str] | None = None) -> Language:
    """English when the first set variable of CATALOGUE_LANG, LC_ALL, LC_MESSAGES, LANG starts with 'en'; else German."""
    environ = os.environ if environ is None else environ
    for name in _ENVIRONMENT:
        value = environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "de"
    return "de"


def set_language(language: Language | None) -> None:
    """Choose the language of all following messages (None: from the environment)."""
    _chosen.set(language)


def current_language() -> Language:
    return _chosen.get() or language_from_environment()


def msg(key: str, /, **params: object) -> str:
    """The message `key` in the current language, with its placeholders filled."""
    return msg_in(current_language(), key, **params)


def msg_in(language: Language, key: str, /, **params: object) -> str:
    """The message `key` in `language` (for text that is stored, such as harvest records, always German)."""
    text = MESSAGES[key]
    return (text.en if language == "en" else text.de).format(**params)


def placeholders(template: str) -> set[str]:
    """The names a template fills in, e.g. {'path'} for 'cannot read {path}'."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}
