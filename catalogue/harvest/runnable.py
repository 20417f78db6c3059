"""Können wir das betreiben? Source present, current or superseded, deployment artefacts, what running it takes.

One analysis of a mirrored repository's tree at the harvested commit. It chooses the few files worth reading
(README, Dockerfiles, compose files, Helm charts, environment examples, configuration), fetches them in one batch,
reads each within `MAX_FILE_BYTES` and all within `MAX_TOTAL_BYTES`, and hands each text to the module that
understands it. Everything comes from the repository's objects (`git cat-file`); symbolic links are never
followed; whatever was left out for a bound is said in the facts' `limits_reached`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from catalogue.harvest import deployment, hosted, mirror, notices, source_files
from catalogue.harvest.facts import TreeEntry
from catalogue.harvest.gitcmd import GitError, GitSettings, run_git
from catalogue.model import ApiFacts, DeploymentArtefact, HostedService, Notice, OperationFacts, SourceFacts, StartedService, StatusFacts

MAX_FILE_BYTES = 256 * 1024
MAX_TOTAL_BYTES = 2 * 1024 * 1024
MAX_FILES = 80
FEW_SOURCES = 20  # up to this many source files, each is read to see that it is not binary
BINARY_PROBE = 8000  # bytes looked at for a NUL byte, as git does
RECENT_COMMITS = 30


@dataclass(frozen=True)
class Findings:
    source: SourceFacts
    status: StatusFacts
    operation: OperationFacts


Reader = Callable[[list[TreeEntry]], tuple[dict[str, str], dict[str, str]]]


def analyse(path: Path, entries: list[TreeEntry], settings: GitSettings, fetch_settings: GitSettings | None, own_url: str) -> Findings:
    """The facts of one repository; `fetch_settings` None: read only what the cache already holds (offline)."""

    def read(wanted: list[TreeEntry]) -> tuple[dict[str, str], dict[str, str]]:
        return read_texts(path, wanted, settings, fetch_settings)

    return analyse_tree(entries, read, lambda: recent_subjects(path, settings), own_url)


def analyse_tree(entries: list[TreeEntry], read: Reader, subjects: Callable[[], list[tuple[str, str]]], own_url: str) -> Findings:
    """The analysis on a tree and a way to read its files: the pure part, apart from git."""
    planned = plan(entries)
    texts, unread = read(planned.wanted)
    return findings(planned, texts, unread, subjects, own_url)


@dataclass(frozen=True)
class Plan:
    """What the tree shows by its paths alone, and the files worth reading (`wanted`)."""

    tree_paths: frozenset[str]
    artefacts: deployment.Artefacts
    count: source_files.SourceCount
    env_files: list[str]
    config_files: list[str]
    chart_files: list[str]
    sources: list[str]  # source files read to see they are not binary (only a few)
    wanted: list[TreeEntry]


def plan(entries: list[TreeEntry]) -> Plan:
    """The paths-only part of the analysis, and which blobs to fetch and read (so a harvest can fetch them with others)."""
    by_path = {e.path: e for e in entries}
    artefacts = deployment.find_artefacts(entries)
    count = source_files.count_sources(entries, artefacts.deployment_dirs)
    env_files, config_files = hosted.config_files(entries)
    chart_files = [f"{c}/{name}" if c != "." else name for c in artefacts.charts[:5] for name in ("Chart.yaml", "values.yaml")]
    sources = count.source_paths if 0 < len(count.source_paths) <= FEW_SOURCES else []
    wanted_paths = [
        *artefacts.readmes,
        *artefacts.dockerfiles[:10],
        *artefacts.compose_files[:10],
        *chart_files,
        *env_files,
        *config_files,
        *artefacts.manifest_candidates,
        *artefacts.version_files,
        *sources,
    ]
    wanted = [by_path[p] for p in dict.fromkeys(wanted_paths) if p in by_path and by_path[p].kind == "blob" and not by_path[p].is_symlink][:MAX_FILES]
    return Plan(frozenset(by_path), artefacts, count, env_files, config_files, chart_files, sources, wanted)


def findings(planned: Plan, texts: dict[str, str], unread: dict[str, str], subjects: Callable[[], list[tuple[str, str]]], own_url: str) -> Findings:
    """The facts from the plan and the texts read (`unread`: why a wanted file was not read)."""
    artefacts, count, tree_paths = planned.artefacts, planned.count, planned.tree_paths
    env_files, config_files, chart_files, sources = planned.env_files, planned.config_files, planned.chart_files, planned.sources
    charts = artefacts.charts[:5]
    limits = [*artefacts.limits_reached, *(f"{p}: {why}" for p, why in sorted(unread.items()))]

    found = deployment.Found()
    for dockerfile in artefacts.dockerfiles[:10]:
        if dockerfile in texts:
            deployment.dockerfile_facts(dockerfile, texts[dockerfile], tree_paths, found)
    for compose in artefacts.compose_files[:10]:
        if compose in texts:
            deployment.compose_facts(compose, texts[compose], tree_paths, found)
    for chart in charts:
        chart_file, values_file = (f"{chart}/Chart.yaml", f"{chart}/values.yaml") if chart != "." else ("Chart.yaml", "values.yaml")
        deployment.helm_facts(chart, texts.get(chart_file), texts.get(values_file), found)
    manifests = [p for p in artefacts.manifest_candidates if p in texts and deployment.manifest_facts(p, texts[p], found)]
    for version_file in artefacts.version_files:
        runtime = deployment.version_file_runtime(version_file, texts.get(version_file, ""))
        if runtime is not None:
            found.runtimes.append(runtime)

    readme = next((r for r in artefacts.readmes if r in texts), None)
    status_notices: list[Notice] = []
    mirror_hints = notices.commit_hints(subjects())
    if readme is not None:
        readme_found, readme_mirrors = notices.readme_notices(readme, texts[readme], own_url)
        status_notices, mirror_hints = readme_found, [*readme_mirrors, *mirror_hints]
    sections = [s for r in artefacts.readmes if r in texts for s in deployment.readme_sections(r, texts[r])]

    services: list[HostedService] = hosted.by_file_name(tree_paths)
    for file in env_files:
        if file in texts:
            services += hosted.in_text(file, texts[file], env_file=True)
    for file in [*config_files, *artefacts.compose_files[:10], *(f for f in chart_files if f.endswith("values.yaml"))]:
        if file in texts:
            services += hosted.in_text(file, texts[file], env_file=False)

    binary = [p for p in sources if p in texts and "\0" in texts[p][:BINARY_PROBE]]
    artefact_list = [*artefacts.found, *(DeploymentArtefact("kubernetes", p) for p in manifests), *sections]
    return Findings(
        source=source_files.source_facts(count, binary, found.missing),
        status=StatusFacts(readme=readme, notices=tuple(status_notices), mirror_hints=tuple(mirror_hints[:5])),
        operation=OperationFacts(
            artefacts=tuple(artefact_list[:60]),
            images=tuple(sorted(found.images, key=lambda i: (i.file, i.line))[:40]),
            services=tuple(_unique_services(found.services)),
            hosted_services=hosted.merged(services),
            runtimes=tuple({(r.name, r.version): r for r in reversed(found.runtimes)}.values())[::-1][:10],
            limits_reached=tuple([*limits, *found.limits][:20]),
        ),
    )


def with_description(status: StatusFacts | None, api: ApiFacts | None, own_url: str) -> StatusFacts | None:
    """The status facts with what the host's description says (asked after the tree was analysed)."""
    if status is None or api is None or api.error or not api.description:
        return status
    found, mirrors = notices.description_notices(api.description, own_url)
    if not found and not mirrors:
        return status
    return StatusFacts(status.readme, (*status.notices, *found), (*status.mirror_hints, *mirrors), status.limits_reached)


def _unique_services(services: list[StartedService]) -> list[StartedService]:
    seen: set[tuple[str, str]] = set()
    kept = []
    for service in sorted(services, key=lambda s: (s.file, s.line)):
        if (service.name, service.file) not in seen:
            seen.add((service.name, service.file))
            kept.append(service)
    return kept[:30]


def read_texts(path: Path, wanted: list[TreeEntry], settings: GitSettings, fetch_settings: GitSettings | None) -> tuple[dict[str, str], dict[str, str]]:
    """(texts by path, why others were not read): one batch fetch, sizes in one listing, each file within the bounds."""
    readable = [e for e in wanted if e.kind == "blob" and not e.is_symlink]
    if not readable:
        return {}, {}
    if fetch_settings is not None:
        try:
            mirror.fetch_blobs(path, [e.oid for e in readable], fetch_settings)
        except GitError as error:
            return {}, {e.path: f"nicht geholt ({error})" for e in readable[:3]}
    sizes = _sizes(path, readable, settings)
    texts: dict[str, str] = {}
    unread: dict[str, str] = {}
    total = 0
    for entry in readable:
        size = sizes.get(entry.path)
        if size is None:
            unread[entry.path] = "nicht im Cache"
        elif size > MAX_FILE_BYTES:
            unread[entry.path] = f"{size // 1024} KB, größer als {MAX_FILE_BYTES // 1024} KB; nicht gelesen"
        elif total + size > MAX_TOTAL_BYTES:
            unread[entry.path] = f"nicht gelesen: schon {total // 1024} KB aus diesem Repository gelesen (höchstens {MAX_TOTAL_BYTES // 1024} KB)"
        else:
            try:
                texts[entry.path] = run_git(["cat-file", "blob", entry.oid], settings, cwd=path)
                total += size
            except GitError:
                unread[entry.path] = "nicht lesbar"
    return texts, unread


def _sizes(path: Path, entries: list[TreeEntry], settings: GitSettings) -> dict[str, int]:
    """Sizes of the wanted blobs at HEAD from one `ls-tree -l`; files whose blob is absent are left out."""
    try:
        output = run_git(["--literal-pathspecs", "ls-tree", "-l", "-z", "--full-tree", "HEAD", "--", *(e.path for e in entries)], settings, cwd=path)
    except GitError:
        return {}
    sizes = {}
    for record in output.split("\0"):
        meta, _, name = record.partition("\t")
        parts = meta.split()
        if len(parts) == 4 and parts[3].isdigit():
            sizes[name] = int(parts[3])
    return sizes


def present_blobs(path: Path, oids: list[str], settings: GitSettings) -> set[str]:
    """The blobs among `oids` that the object store holds (git's default --batch-check says "missing" for the others,
    where a custom format stops at the first object a partial clone lacks)."""
    if not oids:
        return set()
    try:
        output = run_git(["cat-file", "--batch-check"], settings, cwd=path, input="".join(f"{oid}\n" for oid in oids).encode())
    except GitError:
        return set()
    return {line.split(" ", 1)[0] for line in output.splitlines() if line.endswith(tuple("0123456789")) and " blob " in line}


def recent_subjects(path: Path, settings: GitSettings) -> list[tuple[str, str]]:
    """(commit, subject) of the newest commits of the default branch."""
    try:
        output = run_git(["log", f"-{RECENT_COMMITS}", "--format=%H%x00%s", "HEAD"], settings, cwd=path)
    except GitError:
        return []
    return [tuple(line.split("\0", 1)) for line in output.splitlines() if "\0" in line]  # type: ignore[misc]
