"""What running a repository's software takes, read from its tree: source present, notices that it is superseded,
deployment artefacts anywhere, hosted services its configuration asks for. Bounded in files, depth and bytes.

Languages come from Pygments' lexer table (the file-name patterns of a maintained classifier), not a list of ours.
"""

from __future__ import annotations

import fnmatch
import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path, PurePosixPath

import yaml
from pygments.lexers import LEXERS

from catalogue.harvest.facts import TreeEntry
from catalogue.model import Artefact, Notice, OperationFacts, ServiceNeed

MAX_FILES = 20_000  # tree entries considered; larger trees are marked `bounded`
MAX_DEPTH = 6  # folder depth for deployment artefacts
MAX_ARTEFACTS = 40
README_CHARS = 4000  # the first screenful and a bit
MAX_CONFIG_FILES = 10
# Lexers for data, markup, documentation and build/deploy files: present in every repository, not source code.
NOT_SOURCE = frozenset(
    {
        "YAML",
        "JSON",
        "JSONLD",
        "JSON5",
        "Markdown",
        "reStructuredText",
        "Text only",
        "INI",
        "TOML",
        "Docker",
        "Makefile",
        "XML",
        "XSLT",
        "Properties",
        "CSV",
        "Diff",
        "Batchfile",
        "Git Attributes",
        "Gitignore",
        "Nix",
        "HCL",
        "Terraform",
        "Bash",
        "Shell Session",
        "PowerShell",
        "Groff",
        "TeX",
        "BibTeX",
        "SVG",
        "Jinja",
        "Django/Jinja",
        "Smarty",
        "Go Template",
        "Handlebars",
        "CMake",
        "Meson",
        "Ninja",
        "Dotenv",
        "Apache Conf",
        "Nginx configuration file",
        "Desktop file",
        "Kconfig",
        "SQL",
        "PostgreSQL SQL dialect",
        "Graphviz",
        "Protocol Buffer",
        "GraphQL",
        "Asymptote",
    }
)
_NOTICE = re.compile(
    r"(no longer (?:actively )?maintained|not (?:being )?maintained|isn't maintained|is not maintained|unmaintained|deprecated|"
    r"\barchived\b|out of date|outdated|has moved|moved to|superseded by|new code is|"
    r"nicht mehr gepflegt|wird nicht mehr (?:weiter)?entwickelt|nicht mehr weiterentwickelt|eingestellt|veraltet|umgezogen)",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://[^\s)>\]\"']+")
_HEADING = re.compile(
    r"^#{1,4}\s*(installation|install|setup|set up|deployment|deploy|getting started|installieren|einrichtung|inbetriebnahme|betrieb)\b",
    re.IGNORECASE | re.MULTILINE,
)
_COPY = re.compile(r"^\s*(?:COPY|ADD)\s+((?:--\S+\s+)*)(\S+)\s+\S+", re.IGNORECASE | re.MULTILINE)
_VARIABLE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*[=:]", re.MULTILINE)
CONFIG_FILE = re.compile(
    r"(^|/)(\.env(\.[\w-]+)?\.(example|sample|template|dist)|[\w-]*\.env\.(example|sample|template)|env\.(example|sample))$", re.IGNORECASE
)


@lru_cache(maxsize=1)
def _patterns() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Pygments' file-name patterns: exact '*.ext' in a dict, the rest as (glob, language)."""
    by_extension: dict[str, str] = {}
    other: list[tuple[str, str]] = []
    for _module, name, _aliases, filenames, _mimetypes in LEXERS.values():
        for pattern in filenames:
            if re.fullmatch(r"\*\.[A-Za-z0-9_+-]+", pattern):
                by_extension.setdefault(pattern[2:].lower(), name)
            else:
                other.append((pattern, name))
    return by_extension, other


def language_of(path: str) -> str | None:
    name = PurePosixPath(path).name
    by_extension, other = _patterns()
    if "." in name and name.rsplit(".", 1)[1].lower() in by_extension:
        return by_extension[name.rsplit(".", 1)[1].lower()]
    return next((language for pattern, language in other if fnmatch.fnmatch(name, pattern)), None)


@lru_cache(maxsize=1)
def _services() -> list[tuple[str, re.Pattern[str]]]:
    data = yaml.safe_load((Path(__file__).parent / "services.yml").read_text(encoding="utf-8"))
    return [(item["name"], re.compile("|".join(item["variables"]), re.IGNORECASE)) for item in data]


def files_to_read(tree: list[TreeEntry]) -> list[TreeEntry]:
    """The blobs the analysis reads: the top-level README, Dockerfiles and environment examples (bounded)."""
    blobs = [e for e in tree[:MAX_FILES] if e.kind == "blob" and not e.is_symlink]
    readme = [e for e in blobs if "/" not in e.path and re.match(r"^readme(\.[a-z]+)?$", e.path, re.IGNORECASE)][:1]
    configs = [e for e in blobs if CONFIG_FILE.search(e.path) and e.path.count("/") <= 2][:MAX_CONFIG_FILES]
    dockerfiles = [e for e in blobs if _kind(e.path) == "dockerfile" and e.path.count("/") <= MAX_DEPTH][:5]
    return [*readme, *configs, *dockerfiles]


def analyse(tree: list[TreeEntry], read: Callable[[TreeEntry], str | None]) -> OperationFacts:
    """The operation facts of one tree; `read` gives a blob's text (None when absent or too large)."""
    bounded = len(tree) > MAX_FILES
    entries = tree[:MAX_FILES]
    blobs = [e for e in entries if e.kind == "blob" and not e.is_symlink]
    languages = Counter(language for e in blobs if (language := language_of(e.path)) and language not in NOT_SOURCE)
    paths = {e.path for e in entries}
    texts = {e.path: text for e in files_to_read(tree) if (text := read(e)) is not None}
    readme = next((path for path in texts if "/" not in path and path.lower().startswith("readme")), None)
    notices = _notices(readme, texts[readme][:README_CHARS]) if readme else ()
    artefacts = [Artefact(kind, e.path) for e in entries if e.path.count("/") <= MAX_DEPTH and (kind := _kind(e.path))][:MAX_ARTEFACTS]
    if readme and _HEADING.search(texts[readme]):
        artefacts.append(Artefact("guide", f"{readme}#{_HEADING.search(texts[readme]).group(1).lower().replace(' ', '-')}"))  # type: ignore[union-attr]
    missing = sorted({source for path, text in texts.items() if _kind(path) == "dockerfile" for source in _copied_missing(path, text, paths)})
    services = _service_needs(texts)
    return OperationFacts(sum(languages.values()), dict(languages.most_common(8)), notices, tuple(artefacts), services, tuple(missing), bounded)


def _kind(path: str) -> str | None:
    name = PurePosixPath(path).name.lower()
    folders = [part.lower() for part in PurePosixPath(path).parts[:-1]]
    if re.match(r"^(dockerfile|containerfile)(\..+)?$", name) or name.endswith(".dockerfile"):
        return "dockerfile"
    if re.match(r"^(docker-)?compose(\.[\w-]+)?\.ya?ml$", name):
        return "compose"
    if name == "chart.yaml":
        return "helm"
    if name in ("kustomization.yaml", "kustomization.yml") or (name.endswith((".yaml", ".yml")) and {"k8s", "kubernetes", "manifests"} & set(folders)):
        return "kubernetes"
    if name in ("playbook.yml", "site.yml") or (folders[-2:-1] == ["tasks"] or ("roles" in folders and name == "main.yml")):
        return "ansible"
    if re.match(r"^install(ation)?(\.[a-z]+)?$", name) or (folders[:1] in (["docs"], ["doc"]) and name.startswith(("install", "setup", "deploy"))):
        return "guide"
    return None


def _notices(readme: str, text: str) -> tuple[Notice, ...]:
    found: list[Notice] = []
    sentences = re.split(r"(?<=[.!?])\s+|\n\s*\n", text)
    for index, sentence in enumerate(sentences):
        if _NOTICE.search(sentence):
            plain = " ".join(re.sub(r":[a-z_]+:|:?-{3,}:?|[#*>`_|\[\]]", " ", sentence).split())[:300]
            url = _URL.search(sentence) or _URL.search(" ".join(sentences[index + 1 : index + 3]))  # "... is out of date. New code: <url>"
            successor = url.group(0).rstrip(".,;") if url else None
            if successor is None or successor not in {n.successor for n in found}:  # "out of date. The new code is in <url>" is one notice
                found.append(Notice(readme, plain, successor))
    return tuple(found[:3])


def _copied_missing(dockerfile: str, text: str, paths: set[str]) -> list[str]:
    base = str(PurePosixPath(dockerfile).parent)
    missing = []
    for flags, source in _COPY.findall(text):
        if "--from" in flags:  # copied from an earlier build stage, not from the repository
            continue
        if source.startswith(("http://", "https://", "$")) or any(ch in source for ch in "*?[") or source in (".", "./"):
            continue
        wanted = str(PurePosixPath(base) / source.strip("./").rstrip("/")) if base != "." else source.strip("./").rstrip("/")
        if wanted and wanted not in paths and not any(p.startswith(wanted + "/") for p in paths):
            missing.append(wanted)
    return missing


def _service_needs(texts: dict[str, str]) -> tuple[ServiceNeed, ...]:
    needs: dict[tuple[str, str], ServiceNeed] = {}
    for path, text in texts.items():
        if not CONFIG_FILE.search(path):
            continue
        for variable in _VARIABLE.findall(text[:65536]):
            for service, pattern in _services():
                if pattern.search(variable) and (service, path) not in needs:
                    needs[(service, path)] = ServiceNeed(service, path, variable)
    return tuple(needs.values())
