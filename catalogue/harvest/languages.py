"""Which language a file is written in, by its name, with GitHub linguist's classification (`linguist/languages.json`).

Linguist decides ambiguous extensions by reading the file; the harvest does not read every file, so an extension
that several languages claim goes to the language whose primary extension it is; among several such, to one of
linguist's popular languages (its `popular.yml`, plus Rust), then to code before markup, data and prose.
`scripts/update-linguist-languages` refreshes the data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

_TYPE_ORDER = {"programming": 0, "markup": 1, "data": 2, "prose": 3}
# linguist's lib/linguist/popular.yml (and Rust, Text): they win an extension that less common languages also claim first
POPULAR = frozenset(
    {
        *("ABAP", "C", "C#", "C++", "CSS", "Clojure", "CoffeeScript", "Common Lisp", "Diff", "Emacs Lisp", "Erlang", "HTML"),
        *("Haskell", "Java", "JavaScript", "Lua", "Markdown", "Matlab", "Objective-C", "PHP", "Perl", "Python", "R", "Ruby"),
        *("Rust", "SQL", "Scala", "Shell", "Swift", "TeX", "Text", "TypeScript", "Vim Script"),
    }
)


# Extensions linguist decides by content where the name alone would mislead in this catalogue's repositories.
OVERRIDES = {".gml": "XML"}  # Geography Markup Language (geodata), not Game Maker Language


@dataclass(frozen=True)
class Language:
    name: str
    type: str  # programming, markup, data or prose (linguist's words)


@dataclass(frozen=True)
class Classifier:
    by_filename: dict[str, Language]
    by_extension: dict[str, Language]  # lower-case, with the dot: ".py", ".html.tmpl"

    def language(self, path: str) -> Language | None:
        """The language of the file at `path` (by its name alone), or None when linguist knows none."""
        name = path.rsplit("/", 1)[-1]
        if name in self.by_filename:
            return self.by_filename[name]
        lowered = name.lower()
        start = lowered.find(".", 1 if lowered.startswith(".") else 0)
        while start != -1:  # the longest compound extension first: ".html.tmpl" before ".tmpl"
            found = self.by_extension.get(lowered[start:])
            if found is not None:
                return found
            start = lowered.find(".", start + 1)
        return None


@cache
def classifier() -> Classifier:
    """The classifier built from the shipped linguist data, once per process."""
    text = resources.files("catalogue.harvest").joinpath("linguist/languages.json").read_text(encoding="utf-8")
    languages: dict[str, tuple[str, list[str], list[str]]] = json.loads(text)["languages"]
    by_filename: dict[str, Language] = {}
    claims: dict[str, list[tuple[tuple[int, int, int, str], Language]]] = {}
    for name, (kind, extensions, filenames) in languages.items():
        language = Language(name, kind)
        for filename in filenames:
            by_filename.setdefault(filename, language)
        for index, extension in enumerate(extensions):
            rank = (0 if index == 0 else 1, 0 if name in POPULAR else 1, _TYPE_ORDER.get(language.type, 4), name)
            claims.setdefault(extension.lower(), []).append((rank, language))
    by_extension = {extension: min(candidates, key=lambda claim: claim[0])[1] for extension, candidates in claims.items()}
    named = {language.name: language for candidates in claims.values() for _, language in candidates}
    by_extension |= {extension: named[name] for extension, name in OVERRIDES.items() if name in named}
    return Classifier(by_filename, by_extension)
