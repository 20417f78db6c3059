"""Ways to build and run the software, found anywhere in the tree (to a bounded depth and count), and what they need.

`find_artefacts` works on paths alone; the `*_facts` functions read one file's text each: Dockerfiles (base images,
runtimes, paths they copy that the tree lacks), compose files and Kubernetes manifests (images, started services),
Helm charts (images from values.yaml, dependencies from Chart.yaml) and READMEs (installation sections).
"""

from __future__ import annotations

import fnmatch
import re
import shlex
from collections.abc import Iterable
from dataclasses import dataclass, field

from catalogue.harvest import yaml_nodes
from catalogue.harvest.facts import TreeEntry
from catalogue.harvest.known_services import known_services
from catalogue.model import ContainerImage, DeploymentArtefact, MissingPath, Runtime, StartedService

MAX_DEPTH = 6  # folders below the top a deployment file may sit in
MAX_PER_KIND = 20
MAX_SECTIONS = 5  # installation sections named per README

DOCKERFILE = re.compile(r"^(dockerfile|containerfile)([._-][\w.-]+)?$|\.(dockerfile|containerfile)$", re.IGNORECASE)
COMPOSE = re.compile(r"^(docker-)?compose([._-][\w.-]+)?\.ya?ml$", re.IGNORECASE)
KUSTOMIZATION = re.compile(r"^kustomization\.ya?ml$")
MANIFEST_FOLDER = re.compile(r"(^|/)(k8s|kubernetes|kube|manifests?|openshift|deploy|deployments?)(/|$)", re.IGNORECASE)
ANSIBLE_ROLE = re.compile(r"^(?P<role>(?:.*/)?roles/[^/]+)/tasks/main\.ya?ml$")
GUIDE_NAME = re.compile(
    r"^(install|installation|setup|deploy|deployment|betrieb|getting[-_ ]started|quickstart|inbetriebnahme)([_-][\w-]+)*(\.(md|markdown|rst|adoc|txt))?$",
    re.IGNORECASE,
)
GUIDE_IN_DOCS = re.compile(
    r"(^|/)docs?/(.*/)?[^/]*(install|setup|deploy|betrieb|getting[-_]started|quickstart|inbetriebnahme|einrichtung)[^/]*\.(md|rst|adoc|txt|html|pdf)$",
    re.IGNORECASE,
)
README = re.compile(r"^readme([._-][\w.-]+)?$", re.IGNORECASE)
SECTION_TITLE = re.compile(
    r"\b(install\w*|setup|set[ -]up|deploy\w*|getting started|quick ?start|inbetriebnahme|einrichtung|einrichten|betrieb|bereitstellung|"
    r"self[- ]host\w*|run(ning)? (it )?locally|lokal (starten|ausführen)|docker)\b",
    re.IGNORECASE,
)
VERSION_FILE = re.compile(r"^[\w.+/ -]{1,40}$")


@dataclass(frozen=True)
class Artefacts:
    """Deployment files by kind (paths), and the files worth reading for images, services and guides."""

    found: tuple[DeploymentArtefact, ...]
    dockerfiles: tuple[str, ...]
    compose_files: tuple[str, ...]
    charts: tuple[str, ...]  # folders holding a Chart.yaml
    manifest_candidates: tuple[str, ...]  # YAML files in Kubernetes-like folders: manifests when they say apiVersion and kind
    readmes: tuple[str, ...]
    version_files: tuple[str, ...]
    limits_reached: tuple[str, ...] = ()

    @property
    def deployment_dirs(self) -> tuple[str, ...]:
        """Folders whose files all belong to deployment: Helm charts and Ansible roles."""
        return (*self.charts, *(a.path for a in self.found if a.kind == "ansible"))


def find_artefacts(entries: Iterable[TreeEntry]) -> Artefacts:
    """Deployment artefacts by their paths (symbolic links and folders deeper than MAX_DEPTH left out)."""
    kinds: dict[str, list[str]] = {k: [] for k in ("dockerfile", "compose", "helm_chart", "kustomize", "ansible", "install_guide", "manifest", "readme")}
    versions: list[str] = []
    dropped: dict[str, int] = {}
    runtime_files = known_services().runtime_files
    for entry in entries:
        if entry.kind != "blob" or entry.is_symlink or entry.path.count("/") > MAX_DEPTH:
            continue
        path = entry.path
        folder, _, name = path.rpartition("/")
        kind = _kind_of(path, folder, name)
        if kind == "ansible":
            path = ANSIBLE_ROLE.match(path).group("role")  # type: ignore[union-attr]
        elif kind in ("helm_chart", "kustomize"):
            path = folder or "."
        if kind is None:
            if not folder and name in runtime_files:
                versions.append(path)
            continue
        if len(kinds[kind]) >= MAX_PER_KIND:
            dropped[kind] = dropped.get(kind, 0) + 1
        else:
            kinds[kind].append(path)
    found = [
        DeploymentArtefact(kind, path) for kind in ("dockerfile", "compose", "helm_chart", "kustomize", "ansible", "install_guide") for path in kinds[kind]
    ]
    limits = tuple(f"mehr als {MAX_PER_KIND} Dateien der Art {kind}; {count} nicht ausgewertet" for kind, count in sorted(dropped.items()))
    return Artefacts(
        found=tuple(found),
        dockerfiles=tuple(kinds["dockerfile"]),
        compose_files=tuple(kinds["compose"]),
        charts=tuple(kinds["helm_chart"]),
        manifest_candidates=tuple(p for p in kinds["manifest"] if not any(p.startswith(f"{c}/") for c in kinds["helm_chart"]))[:10],
        readmes=tuple(kinds["readme"])[:3],
        version_files=tuple(versions),
        limits_reached=limits,
    )


def _kind_of(path: str, folder: str, name: str) -> str | None:
    if DOCKERFILE.search(name):
        return "dockerfile"
    if COMPOSE.match(name):
        return "compose"
    if name == "Chart.yaml":
        return "helm_chart"
    if KUSTOMIZATION.match(name):
        return "kustomize"
    if ANSIBLE_ROLE.match(path):
        return "ansible"
    if (GUIDE_NAME.match(name) and path.count("/") <= 3) or GUIDE_IN_DOCS.search(path):
        return "install_guide"
    if not folder and README.match(name):
        return "readme"
    if name.lower().endswith((".yaml", ".yml")) and MANIFEST_FOLDER.search(folder):
        return "manifest"
    return None


# --- images --------------------------------------------------------------------------------------------------


def image(reference: str, file: str, line: int, *, base: bool = False) -> ContainerImage:
    """An image reference with its registry, and whether that registry is known to serve the public."""
    if "$" in reference or "{{" in reference:
        return ContainerImage(reference, _registry_part(reference) or "unbekannt (Variable)", file, line, None, base)
    registry = _registry_part(reference) or "docker.io"
    return ContainerImage(reference, registry, file, line, True if registry.lower() in known_services().registries else None, base)


def _registry_part(reference: str) -> str | None:
    first, slash, _ = reference.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        return first
    return None


def image_name(reference: str) -> str:
    """`ghcr.io/org/app:1.2@sha256:…` -> `org/app`: the name without registry, tag and digest."""
    rest = reference.split("@", 1)[0]
    if _registry_part(rest):
        rest = rest.split("/", 1)[1]
    last_slash = rest.rfind("/")
    colon = rest.rfind(":")
    return (rest[:colon] if colon > last_slash else rest).lower()


def _image_tag(reference: str) -> str | None:
    rest = reference.split("@", 1)[0]
    colon, last_slash = rest.rfind(":"), rest.rfind("/")
    return rest[colon + 1 :] if colon > last_slash else None


@dataclass
class Found:
    """What the files of one repository show, collected file by file."""

    images: list[ContainerImage] = field(default_factory=list)
    services: list[StartedService] = field(default_factory=list)
    runtimes: list[Runtime] = field(default_factory=list)
    missing: list[MissingPath] = field(default_factory=list)
    artefacts: list[DeploymentArtefact] = field(default_factory=list)
    limits: list[str] = field(default_factory=list)

    def started(self, reference: str, file: str, line: int) -> None:
        name = known_services().started_by(image_name(reference))
        if name:
            self.services.append(StartedService(name, file, line, reference))


# --- Dockerfiles ---------------------------------------------------------------------------------------------

_INSTRUCTION = re.compile(r"^\s*([A-Za-z]+)\s+(.*)$", re.DOTALL)
_MANIFESTS = (
    (re.compile(r"\b(npm\s+(install|ci|i)\b|yarn(\s+install)?\s*($|&&|;)|pnpm\s+(install|i)\b)"), ("package.json",)),
    (re.compile(r"\bnpx\s+tsc\b"), ("tsconfig.json",)),
    (re.compile(r"(^|\s)(\./)?mvnw?\s"), ("pom.xml",)),
    (re.compile(r"(^|\s)(\./)?gradlew?\s"), ("build.gradle", "build.gradle.kts")),
    (re.compile(r"\bgo\s+(build|mod\s+download)\b"), ("go.mod",)),
    (re.compile(r"\bcomposer\s+install\b"), ("composer.json",)),
    (re.compile(r"\bbundle\s+install\b"), ("Gemfile",)),
    (re.compile(r"\bpoetry\s+install\b"), ("pyproject.toml",)),
)
_FETCHES_SOURCE = re.compile(r"\bgit\s+clone\b|\bwget\s|\bcurl\s|\bsvn\s+(co|checkout)\b")


def logical_lines(text: str) -> list[tuple[int, str]]:
    """A Dockerfile's instructions with their first line, continuation lines joined, comments left out."""
    found: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines()[:5000], start=1):
        stripped = raw.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if current and stripped.startswith("#"):
            continue
        if not current:
            start = number
        if stripped.endswith("\\"):
            current.append(stripped[:-1])
            continue
        current.append(stripped)
        found.append((start, " ".join(current)[:4000]))
        current = []
    if current:
        found.append((start, " ".join(current)[:4000]))
    return found


def dockerfile_facts(path: str, text: str, tree_paths: frozenset[str], found: Found) -> None:
    """Base images and runtimes of a Dockerfile, and the paths it takes from the build context that the tree lacks."""
    context = path.rpartition("/")[0]
    stages: set[str] = set()
    copied_whole: list[str] = []  # where `COPY . <dest>` puts the context
    workdir = "/"
    runs: list[tuple[int, str]] = []
    takes_context = False
    for number, instruction in logical_lines(text):
        matched = _INSTRUCTION.match(instruction)
        if not matched:
            continue
        keyword, argument = matched.group(1).upper(), matched.group(2).strip()
        if keyword == "FROM":
            words = [w for w in argument.split() if not w.startswith("--")]
            if words and words[0].lower() not in stages and words[0].lower() != "scratch":
                reference = words[0]
                found.images.append(image(reference, path, number, base=True))
                runtime = known_services().runtime_of(image_name(reference)) if "$" not in reference else None
                if runtime:
                    found.runtimes.append(Runtime(runtime, path, number, _image_tag(reference)))
            if len(words) >= 3 and words[1].upper() == "AS":
                stages.add(words[2].lower())
        elif keyword == "WORKDIR":
            workdir = argument if argument.startswith("/") else f"{workdir.rstrip('/')}/{argument}"
        elif keyword in ("COPY", "ADD"):
            if re.search(r"--from[= ]", argument) or "<<" in argument:
                continue
            takes_context = True
            sources, destination = _copy_arguments(argument)
            for source in sources:
                cleaned = source.removeprefix("./").rstrip("/")
                if cleaned in ("", "."):
                    target = destination if destination.startswith("/") else f"{workdir.rstrip('/')}/{destination}"
                    copied_whole.append(target.rstrip("/") or "/")
                elif not BUILD_OUTPUT.match(cleaned) and not _in_context(cleaned, context, tree_paths):
                    found.missing.append(MissingPath(path, number, cleaned, f"{keyword} {argument}"[:160]))
        elif keyword == "RUN":
            runs.append((number, argument))
    if takes_context:
        _check_runs(path, context, runs, copied_whole, tree_paths, found)


def _copy_arguments(argument: str) -> tuple[list[str], str]:
    words: list[str]
    if argument.startswith("["):
        words = re.findall(r'"((?:[^"\\]|\\.)*)"', argument)
    else:
        try:
            words = shlex.split(argument)
        except ValueError:
            words = argument.split()
    words = [w for w in words if not w.startswith("--")]
    if len(words) < 2:
        return [], ""
    sources = [w for w in words[:-1] if not re.match(r"^[a-z][a-z0-9+.-]*://|^git@", w) and "$" not in w]
    return sources, words[-1]


def _in_context(source: str, context: str, tree_paths: frozenset[str]) -> bool:
    """The path (or glob) exists below the Dockerfile's folder or the repository root: either may be the build context."""
    for base in dict.fromkeys((context, "")):
        candidate = f"{base}/{source}" if base else source
        if any(ch in source for ch in "*?["):
            if any(fnmatch.fnmatchcase(p, candidate) for p in tree_paths):
                return True
        elif candidate in tree_paths:
            return True
    return False


BUILD_OUTPUT = re.compile(r"^(target|build|dist|out|bin|obj|node_modules|\.next|vendor)(/|$)")  # made by the build before `docker build`


def _check_runs(path: str, context: str, runs: list[tuple[int, str]], copied_whole: list[str], tree_paths: frozenset[str], found: Found) -> None:
    """Manifests a RUN needs (npm install: package.json) and scripts it runs from the copied context, missing from the tree."""
    if any(_FETCHES_SOURCE.search(command) for _, command in runs):
        return  # the build brings its own source; the tree says nothing about it
    names = {p.rpartition("/")[2] for p in tree_paths}  # the context may be the Dockerfile's folder or any above it
    named: set[str] = set()
    for number, command in runs:
        for pattern, manifests in _MANIFESTS:
            if pattern.search(command) and not any(m in names for m in manifests) and manifests[0] not in named:
                named.add(manifests[0])
                found.missing.append(MissingPath(path, number, manifests[0], f"RUN {command}"[:160]))
        for destination in copied_whole:
            prefix = re.escape(destination.rstrip("/")) + "/"
            for script in re.findall(prefix + r"([\w./-]+\.(?:sh|bash|py|pl|rb))\b", command):
                if script not in named and not _in_context(script, context, tree_paths):
                    named.add(script)
                    found.missing.append(MissingPath(path, number, script, f"RUN {command}"[:160]))


# --- compose files, Helm charts, Kubernetes manifests ----------------------------------------------------------


def compose_facts(path: str, text: str, tree_paths: frozenset[str], found: Found) -> None:
    """Images pulled and services started by a compose file; build contexts that the tree lacks."""
    loaded = yaml_nodes.documents(text)
    if isinstance(loaded, str):
        found.limits.append(f"{path}: {loaded}")
        return
    folder = path.rpartition("/")[0]
    for document in loaded:
        services = yaml_nodes.child(document, "services")
        pairs = yaml_nodes.items(services) if services is not None else [(k, v) for k, v in yaml_nodes.items(document) if not k.startswith("x-")]
        for _, service in pairs[:200]:
            build = yaml_nodes.child(service, "build")
            context = yaml_nodes.text(build) or yaml_nodes.text(yaml_nodes.child(build, "context"))
            if build is not None and context and "$" not in context and "://" not in context:
                relative = _join(folder, context)
                if relative is not None and relative not in tree_paths and relative != "":
                    found.missing.append(MissingPath(path, yaml_nodes.line(build), context, f"build: {context}"))
            reference_node = yaml_nodes.child(service, "image")
            reference = yaml_nodes.text(reference_node)
            if reference and reference_node is not None:
                found.started(reference, path, yaml_nodes.line(reference_node))
                if build is None:  # an image with build: is the name of what is built here
                    found.images.append(image(reference, path, yaml_nodes.line(reference_node)))


def _join(folder: str, relative: str) -> str | None:
    """`folder/relative` normalised; None when it leaves the repository."""
    parts = [p for p in folder.split("/") if p]
    for part in relative.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


def helm_facts(chart: str, chart_text: str | None, values_text: str | None, found: Found) -> None:
    """Images from a chart's values.yaml and the services its Chart.yaml dependencies start."""
    chart_file = f"{chart}/Chart.yaml" if chart != "." else "Chart.yaml"
    values_file = f"{chart}/values.yaml" if chart != "." else "values.yaml"
    if chart_text is not None:
        loaded = yaml_nodes.documents(chart_text)
        if isinstance(loaded, str):
            found.limits.append(f"{chart_file}: {loaded}")
        for document in loaded if isinstance(loaded, list) else []:
            for dependency in yaml_nodes.entries(yaml_nodes.child(document, "dependencies"))[:50]:
                name_node = yaml_nodes.child(dependency, "name")
                name = yaml_nodes.text(name_node)
                service = known_services().started_by(name) if name else None
                if service and name_node is not None:
                    found.services.append(StartedService(service, chart_file, yaml_nodes.line(name_node), None))
    if values_text is None:
        return
    loaded = yaml_nodes.documents(values_text)
    if isinstance(loaded, str):
        found.limits.append(f"{values_file}: {loaded}")
        return
    for document in loaded:
        default_registry = yaml_nodes.text(yaml_nodes.child(yaml_nodes.child(document, "global"), "imageRegistry"))
        for _, value in yaml_nodes.mappings_with(document, "image"):
            reference = _values_image(value, default_registry)
            if reference:
                found.images.append(image(reference, values_file, yaml_nodes.line(value)))
                found.started(reference, values_file, yaml_nodes.line(value))


def _values_image(value: object, default_registry: str | None) -> str | None:
    """The image a Helm values `image:` names: a string, or registry/repository/tag (the Bitnami convention)."""
    import yaml  # local: only the node classes

    if isinstance(value, yaml.ScalarNode):
        return yaml_nodes.text(value)
    if not isinstance(value, yaml.MappingNode):
        return None
    repository = yaml_nodes.text(yaml_nodes.child(value, "repository")) or yaml_nodes.text(yaml_nodes.child(value, "name"))
    if not repository:
        return None
    registry = yaml_nodes.text(yaml_nodes.child(value, "registry")) or default_registry
    tag = yaml_nodes.text(yaml_nodes.child(value, "tag"))
    reference = f"{registry}/{repository}" if registry and not _registry_part(repository) else repository
    return f"{reference}:{tag}" if tag else reference


def manifest_facts(path: str, text: str, found: Found) -> bool:
    """Images of a Kubernetes manifest; False when the file holds no Kubernetes object (apiVersion and kind)."""
    loaded = yaml_nodes.documents(text)
    if isinstance(loaded, str):
        return False
    objects = [d for d in loaded if yaml_nodes.text(yaml_nodes.child(d, "apiVersion")) and yaml_nodes.text(yaml_nodes.child(d, "kind"))]
    for document in objects:
        for _, value in yaml_nodes.mappings_with(document, "image"):
            reference = yaml_nodes.text(value)
            if reference:
                found.images.append(image(reference, path, yaml_nodes.line(value)))
                found.started(reference, path, yaml_nodes.line(value))
    return bool(objects)


# --- READMEs and version files -------------------------------------------------------------------------------


def readme_sections(path: str, text: str) -> list[DeploymentArtefact]:
    """Headings of a README that introduce installation, setup or deployment (Markdown `#` and underlined titles)."""
    sections = []
    lines = text.splitlines()[:20000]
    for index, raw in enumerate(lines):
        title = None
        atx = re.match(r"^\s{0,3}#{1,4}\s+(.+?)\s*#*\s*$", raw)
        if atx:
            title = atx.group(1)
        elif index + 1 < len(lines) and re.match(r"^\s{0,3}(=+|-{3,})\s*$", lines[index + 1]) and _setext_title(raw):
            title = raw.strip()
        else:
            html = re.match(r"^\s*<h[1-4][^>]*>(.+?)</h[1-4]>", raw, re.IGNORECASE)
            title = re.sub(r"<[^>]+>", "", html.group(1)) if html else None
        if title:
            cleaned = _plain_title(title)
            if SECTION_TITLE.search(cleaned):
                sections.append(DeploymentArtefact("install_guide", path, index + 1, cleaned))
        if len(sections) >= MAX_SECTIONS:
            break
    return sections


def _setext_title(raw: str) -> bool:
    """A line above `===` or `---` that reads like a title (short, no sentence), not a paragraph above a rule."""
    text = raw.strip()
    return bool(text) and len(text) <= 60 and not text.startswith(("-", "|", "*", ">")) and not text.endswith((".", ":", ",", ";"))


def _plain_title(title: str) -> str:
    title = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", title)
    title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)
    title = re.sub(r"[*_`]+", "", title)
    return " ".join("".join(ch for ch in title if ch.isprintable()).split())[:120]


def version_file_runtime(path: str, text: str) -> Runtime | None:
    """The runtime a version file names (.nvmrc: Node.js), with the version as written on its first line."""
    name = known_services().runtime_files.get(path)
    if name is None:
        return None
    first = next((line.strip() for line in text.splitlines()[:5] if line.strip() and not line.startswith("#")), "")
    return Runtime(name, path, 1, first if VERSION_FILE.match(first) else None)
