"""Is there source code in the repository? Files per language at the harvested commit, by name (GitHub linguist).

Build and deployment files are counted apart: a repository of a Dockerfile, a Helm chart and a README has no source
("kein Quellcode im Repository"), however many lines its chart has. Vendored folders, CI configuration and symbolic
links are not source either. Nothing here reads a file; a caller that reads the few candidates of a small
repository can name those that are binary although named like source.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from catalogue.harvest.facts import TreeEntry
from catalogue.harvest.languages import classifier
from catalogue.model import LanguageFiles, MissingPath, SourceFacts

SOURCE_TYPES = ("programming", "markup")  # linguist's types that hold code; data and prose do not
# Languages (linguist names) whose files build, package or deploy software rather than being it.
BUILD_LANGUAGES = frozenset({"Dockerfile", "Makefile", "CMake", "Procfile", "HCL", "Nix", "Starlark", "Jsonnet", "Go Template", "Batchfile"})
BUILD_FILE_NAMES = frozenset({"gradlew", "mvnw", "Jenkinsfile", "Vagrantfile", "Tiltfile", "Earthfile", "Justfile", "justfile", "Taskfile"})
# After linguist's vendor.yml and documentation.yml: code that is not the repository's own, or built from it.
VENDORED = re.compile(
    r"(^|/)(node_modules|bower_components|jspm_packages|vendor|vendors|third[-_]?party|extern|external|deps|dist|\.yarn|\.pnp|"
    r"__pycache__|site-packages|\.venv|venv)/|\.min\.(js|css)$|(^|/)\.(github|gitlab|circleci|husky|devcontainer)/|\.gitlab-ci\.yml$",
    re.IGNORECASE,
)
MAX_ENTRIES = 200_000  # tree entries classified; beyond that the count is partial and says so


@dataclass(frozen=True)
class SourceCount:
    """The classified tree: source paths per language, and how many build files."""

    by_language: dict[str, list[str]]
    build_files: int
    submodules: tuple[str, ...]
    limits_reached: tuple[str, ...]

    @property
    def source_paths(self) -> list[str]:
        return [path for paths in self.by_language.values() for path in paths]


def count_sources(entries: Iterable[TreeEntry], deployment_dirs: Iterable[str]) -> SourceCount:
    """Source files per language; files inside deployment folders (a Helm chart, an Ansible role) count as build files."""
    language_of = classifier().language
    prefixes = tuple(f"{d.rstrip('/')}/" for d in deployment_dirs if d)
    by_language: dict[str, list[str]] = {}
    build = 0
    submodules = []
    limits: list[str] = []
    for index, entry in enumerate(entries):
        if index >= MAX_ENTRIES:
            limits.append(f"der Baum hat mehr als {MAX_ENTRIES} Einträge; nur die ersten {MAX_ENTRIES} sind gezählt")
            break
        if entry.kind == "commit":
            submodules.append(entry.path)
            continue
        if entry.kind != "blob" or entry.is_symlink:
            continue
        language = language_of(entry.path)
        name = entry.path.rsplit("/", 1)[-1]
        if name in BUILD_FILE_NAMES or (language is not None and language.name in BUILD_LANGUAGES) or entry.path.startswith(prefixes):
            build += 1
        elif language is not None and language.type in SOURCE_TYPES and not VENDORED.search(entry.path):
            by_language.setdefault(language.name, []).append(entry.path)
    return SourceCount(by_language, build, tuple(submodules[:50]), tuple(limits))


def source_facts(count: SourceCount, binary: Iterable[str] = (), missing: Iterable[MissingPath] = (), limits: Iterable[str] = ()) -> SourceFacts:
    """The stored facts: languages by number of files (binary files named like source left out)."""
    binary_paths = set(binary)
    files = Counter({name: sum(1 for p in paths if p not in binary_paths) for name, paths in count.by_language.items()})
    languages = tuple(LanguageFiles(name, number) for name, number in sorted(files.items(), key=lambda item: (-item[1], item[0])) if number)
    return SourceFacts(
        languages=languages,
        source_files=sum(files.values()),
        build_files=count.build_files,
        submodules=count.submodules,
        binary_named_as_source=tuple(sorted(binary_paths))[:20],
        missing_paths=tuple(missing)[:20],
        limits_reached=(*count.limits_reached, *limits),
    )
