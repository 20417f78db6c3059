"""The plain data types of the catalogue. No I/O, no imports from the rest of the package."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Repository:
    url: str
    role: str | None = None


@dataclass(frozen=True)
class Organisation:
    name: str
    type: str
    ags: str | None = None
    state: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Funding:
    programme: str
    programme_name: str | None = None
    cohort: int | None = None
    phase: str | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reuse:
    """A body related to the solution: `role` says how (only "nachnutzung" is a transfer), `evidence` where it says so."""

    name: str
    ags: str | None = None
    since: int | None = None
    note: str | None = None
    role: str | None = None  # nachnutzung | auftrag | mitentwicklung | pilot (vocabulary.REUSE_ROLES)
    evidence: tuple[str, ...] = ()  # https addresses of public sources for the relation

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Reuse:
        return cls(**{**data, "evidence": tuple(data.get("evidence", ()))})


@dataclass(frozen=True)
class Source:
    """A public source and what it backs."""

    url: str
    note: str


@dataclass(frozen=True)
class Documentation:
    installation: str | None = None
    operation: str | None = None
    user_guide: str | None = None
    api: str | None = None


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    email: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Contractor:
    name: str
    until: str  # YYYY-MM-DD, as publiccode.yml writes it
    website: str | None = None


@dataclass(frozen=True)
class MaintenanceContact:
    """A person who agreed to be named as technical contact (publiccode.yml asks for persons)."""

    name: str
    email: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True)
class Maintenance:
    """How the solution is maintained, with the public sources that say so."""

    type: str
    evidence: tuple[str, ...]
    contractors: tuple[Contractor, ...] = ()
    contacts: tuple[MaintenanceContact, ...] = ()


@dataclass(frozen=True)
class Entry:
    """One solution as its YAML file describes it; `id` is the file name without `.yaml`."""

    id: str
    source_path: str
    name: str
    short_description: str
    description: str
    repositories: tuple[Repository, ...]
    organisation: Organisation
    fields: tuple[str, ...]
    roadmap_phase: str
    development_status: str
    licence: str
    website: str | None = None
    licence_url: str | None = None  # the licence text; required for a LicenseRef-… licence
    funding: Funding | None = None
    tags: tuple[str, ...] = ()
    used_by: tuple[Reuse, ...] = ()
    documentation: Documentation = field(default_factory=Documentation)
    standards: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    contact: Contact | None = None
    logo: str | None = None
    screenshots: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    maintenance: Maintenance | None = None
    features: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    last_reviewed: str | None = None  # YYYY-MM

    @classmethod
    def from_mapping(cls, entry_id: str, source_path: str, data: dict[str, Any]) -> Entry:
        """Build an entry from a mapping that has passed the schema."""
        funding = data.get("funding")
        contact = data.get("contact")
        return cls(
            id=entry_id,
            source_path=source_path,
            name=data["name"],
            short_description=data["short_description"],
            description=data["description"],
            repositories=tuple(Repository(**item) for item in data["repositories"]),
            organisation=Organisation(**data["organisation"]),
            fields=tuple(data["fields"]),
            roadmap_phase=data["roadmap_phase"],
            development_status=data["development_status"],
            licence=data["licence"],
            website=data.get("website"),
            licence_url=data.get("licence_url"),
            funding=Funding(**{**funding, "evidence": tuple(funding.get("evidence", ()))}) if funding else None,
            tags=tuple(data.get("tags", ())),
            used_by=tuple(Reuse.from_mapping(item) for item in data.get("used_by", ())),
            documentation=Documentation(**data.get("documentation", {})),
            standards=tuple(data.get("standards", ())),
            platforms=tuple(data.get("platforms", ())),
            languages=tuple(data.get("languages", ())),
            contact=Contact(**contact) if contact else None,
            logo=data.get("logo"),
            screenshots=tuple(data.get("screenshots", ())),
            related=tuple(data.get("related", ())),
            maintenance=_maintenance(data.get("maintenance")),
            features=tuple(data.get("features", ())),
            sources=tuple(Source(**item) for item in data.get("sources", ())),
            last_reviewed=data.get("last_reviewed"),
        )


def _maintenance(data: dict[str, Any] | None) -> Maintenance | None:
    if not data:
        return None
    return Maintenance(
        type=data["type"],
        evidence=tuple(data["evidence"]),
        contractors=tuple(Contractor(**item) for item in data.get("contractors", ())),
        contacts=tuple(MaintenanceContact(**item) for item in data.get("contacts", ())),
    )


@dataclass(frozen=True)
class Catalogue:
    """All entries, sorted by id."""

    entries: tuple[Entry, ...]

    def by_id(self) -> dict[str, Entry]:
        return {entry.id: entry for entry in self.entries}


# --- Harvest records: what machines observed about an entry's repositories (harvest/<id>.json) ---------------------


@dataclass(frozen=True)
class OtherLicence:
    """A licence for part of a repository: the paths it names (globs or folders; empty when the repository does not
    say) and where it is stated (REUSE.toml, .reuse/dep5, LICENSES/<id>, a section of a licence file)."""

    expression: str
    paths: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class LicenceFinding:
    """The main licence of one repository (what the project as a whole is offered under), how, where and how sure;
    `expression` is None when it is unknown. OSI/FSF approval is that of the main licence."""

    expression: str | None
    method: str
    files: tuple[str, ...] = ()
    confidence: float = 0.0
    reason: str = ""
    osi_approved: bool | None = None
    fsf_libre: bool | None = None
    other_licences: tuple[OtherLicence, ...] = ()  # licences of parts, shown beside the main licence
    notes: tuple[str, ...] = ()  # how the answer was read (German), e.g. a deprecated id read as SPDX defines it
    undecided_variants: tuple[str, ...] = ()  # GNU families in `expression` without -only/-or-later, e.g. ("GPL-3.0",)


@dataclass(frozen=True)
class PresentFiles:
    """Which files a reuser looks for exist in the repository."""

    readme: bool = False
    contributing: bool = False
    security_policy: bool = False
    changelog: bool = False
    publiccode: bool = False
    dockerfile: bool = False
    compose_file: bool = False
    helm_chart: bool = False
    reuse_licenses_folder: bool = False
    docs_folder: bool = False


@dataclass(frozen=True)
class ApiFacts:
    """What a host's REST API said about a repository; `error` set means this harvest could not ask it."""

    host_api: str
    stars: int | None = None
    forks: int | None = None
    open_issues: int | None = None
    archived: bool | None = None
    description: str | None = None
    topics: tuple[str, ...] = ()
    releases: int | None = None
    latest_release_date: datetime | None = None
    issue_reaction_median_days: float | None = None
    forks_by_other_owners: tuple[str, ...] = ()
    fork_of: str | None = None  # the web address of the repository the host says this one was forked from
    error: str | None = None


@dataclass(frozen=True)
class PubliccodeContractor:
    """A contractor named in publiccode.yml `maintenance.contractors`; `until` as written (YYYY-MM-DD)."""

    name: str
    until: str | None = None
    website: str | None = None


@dataclass(frozen=True)
class PubliccodeMaintenance:
    """`maintenance` of a publiccode.yml; of the contacts only their organisations (`affiliation`), never persons."""

    type: str | None = None
    contractors: tuple[PubliccodeContractor, ...] = ()
    contact_organisations: tuple[str, ...] = ()


@dataclass(frozen=True)
class PubliccodeDependency:
    """One item of publiccode.yml `dependsOn`: `kind` is open, proprietary or hardware."""

    name: str
    kind: str
    version: str | None = None
    optional: bool | None = None


@dataclass(frozen=True)
class PubliccodeFacts:
    """What a repository's own publiccode.yml declares at the harvested commit.

    `error` set: the file could not be used at all (then every fact is empty); `problems`: values left out because
    they do not have the standard's form. Facts are as written, checked for shape only.
    """

    file: str
    version: str | None = None
    url: str | None = None
    landing_url: str | None = None
    development_status: str | None = None
    software_type: str | None = None
    used_by: tuple[str, ...] = ()
    is_based_on: tuple[str, ...] = ()
    depends_on: tuple[PubliccodeDependency, ...] = ()
    maintenance: PubliccodeMaintenance | None = None
    problems: tuple[str, ...] = ()
    error: str | None = None


@dataclass(frozen=True)
class LineageLink:
    """Another harvested repository that shares a root commit with this one, and what this one did since they parted.

    `own_*` count this repository's side only: commits without merges after the fork point (the newest common
    commit), the files that differ between the fork point and this head (the first 200 paths listed), its last one.
    """

    url: str
    entry: str
    shared_root: str
    fork_point: str | None = None
    fork_point_date: datetime | None = None
    own_commits: int | None = None
    own_changed_files: int | None = None
    own_changed_paths: tuple[str, ...] = ()
    last_own_commit_date: datetime | None = None


@dataclass(frozen=True)
class LanguageFiles:
    """How many files of one language (GitHub linguist's name) the tree holds."""

    language: str
    files: int


@dataclass(frozen=True)
class MissingPath:
    """A build file names a path that the tree does not have (a Dockerfile `COPY src/ …` without `src/`)."""

    file: str
    line: int
    path: str
    instruction: str  # the words of the file that name it, shortened


@dataclass(frozen=True)
class SourceFacts:
    """The source files at the harvested commit, counted by name with GitHub linguist's classification.

    Build and deployment files (Dockerfiles, Makefiles, Helm charts, …), vendored folders and symbolic links do not
    count as source. `binary_named_as_source`: files named like source whose content is binary (checked only when a
    repository has few source files, where they decide whether there is source at all).
    """

    languages: tuple[LanguageFiles, ...] = ()  # source languages, most files first
    source_files: int = 0
    build_files: int = 0
    submodules: tuple[str, ...] = ()  # paths of Git submodules: their source lives in other repositories
    binary_named_as_source: tuple[str, ...] = ()
    missing_paths: tuple[MissingPath, ...] = ()
    limits_reached: tuple[str, ...] = ()


@dataclass(frozen=True)
class Notice:
    """A sentence in which the repository says it is unmaintained, superseded or a mirror, and where it says so.

    `kind`: unmaintained, deprecated, archived, out_of_date, moved, superseded, discontinued or mirror; `url`: the
    successor (or, for a mirror, the canonical repository) where the sentence names one; `line` None for texts that
    have no lines (the host's description, a commit message).
    """

    kind: str
    quote: str
    file: str
    line: int | None = None
    url: str | None = None


@dataclass(frozen=True)
class StatusFacts:
    """What the repository says about its own state: notices in the README's first screenful, hints that it is a mirror."""

    readme: str | None = None  # the README that was read
    notices: tuple[Notice, ...] = ()
    mirror_hints: tuple[Notice, ...] = ()
    limits_reached: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeploymentArtefact:
    """A way to build or run the software found in the tree: `kind` is dockerfile, compose, helm_chart, kubernetes,
    kustomize, ansible or install_guide; `line` and `title` for an installation section of a README."""

    kind: str
    path: str
    line: int | None = None
    title: str | None = None


@dataclass(frozen=True)
class ContainerImage:
    """An image a compose file, Helm values or Kubernetes manifest pulls (or a Dockerfile builds from, `base`).

    `registry` as written or docker.io when none is; `public_registry` True for a registry known to serve the
    public (`services.yml`), None when the registry is unknown or given by a variable (then nobody here can tell).
    """

    reference: str
    registry: str
    file: str
    line: int
    public_registry: bool | None = None
    base: bool = False  # a Dockerfile's FROM: what the build starts from


@dataclass(frozen=True)
class StartedService:
    """A service the compose files or Helm charts start alongside the software (PostgreSQL, Redis, Keycloak, …)."""

    name: str
    file: str
    line: int
    image: str | None = None


@dataclass(frozen=True)
class HostedService:
    """A hosted third-party service the configuration asks for (Mapbox, Supabase, Sentry, …), and the variable or
    address that shows it."""

    name: str
    file: str
    line: int
    variable: str


@dataclass(frozen=True)
class Runtime:
    """A runtime the software is built or run with (Node.js, Python, Java, …), from a Dockerfile or a version file."""

    name: str
    file: str
    line: int
    version: str | None = None


@dataclass(frozen=True)
class OperationFacts:
    """What running the software takes, as far as the tree shows it."""

    artefacts: tuple[DeploymentArtefact, ...] = ()
    images: tuple[ContainerImage, ...] = ()
    services: tuple[StartedService, ...] = ()
    hosted_services: tuple[HostedService, ...] = ()
    runtimes: tuple[Runtime, ...] = ()
    limits_reached: tuple[str, ...] = ()


@dataclass(frozen=True)
class RepositoryFacts:
    """The facts of one repository at its harvested commit."""

    url: str
    licence: LicenceFinding
    role: str | None = None
    default_branch: str | None = None
    head_commit: str | None = None
    head_commit_date: datetime | None = None
    first_commit_date: datetime | None = None
    commits_6_months: int = 0  # without merge commits, bots included
    commits_12_months: int = 0
    authors_6_months: int = 0  # people (bots and automation left out), merge commits included
    authors_12_months: int = 0
    bus_factor_6_months: int = 0  # over people's commits without merges
    commits_with_merges_6_months: int | None = None  # None: harvested before merges were counted
    commits_with_merges_12_months: int | None = None
    automated_commits_6_months: int | None = None  # of the commits with merges, those by bots and automation
    automated_commits_12_months: int | None = None
    commits_per_month: dict[str, int] = field(default_factory=dict)
    tags: int = 0
    latest_tag: str | None = None
    latest_tag_date: datetime | None = None
    files: PresentFiles = field(default_factory=PresentFiles)
    api: ApiFacts | None = None
    root_commits: tuple[str, ...] = ()  # commits without parent on the default branch: shared ones mean one lineage
    publiccode: PubliccodeFacts | None = None  # None: the repository has no publiccode.yml
    lineage: tuple[LineageLink, ...] = ()  # other harvested repositories of the same history (forks, copies, origin)
    future_commits: int = 0  # commits dated after the harvest: not counted as activity (a wrong clock or a forged date)
    limits_reached: tuple[str, ...] = ()  # what the analysis left out because a bound of budget.Budgets was reached, and why
    source: SourceFacts | None = None  # None: harvested before source files were counted
    status: StatusFacts | None = None
    operation: OperationFacts | None = None


@dataclass(frozen=True)
class Stale:
    """The last harvest could not refresh the facts: why, since when, and whether the host said it is gone."""

    error: str
    since: datetime
    last_attempt: datetime
    gone: bool = False  # the host answered that the repository does not exist (404/410, or git said so)


@dataclass(frozen=True)
class HarvestRecord:
    """All facts harvested for one entry; verdicts are derived from it in `catalogue.assessment`, never stored."""

    entry: str
    harvested_at: datetime | None = None
    repositories: tuple[RepositoryFacts, ...] = ()
    stale: Stale | None = None
