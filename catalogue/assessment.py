"""Every verdict the catalogue shows, derived in one place from typed entries and harvest records.

The harvester stores facts only; badges, activity, the funding condition, the takeover questions and transfers are
computed here, so a rule change needs no re-harvest. Each threshold is named once. "Could not check" is `UNKNOWN`
with a reason, never `FAIL`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

from catalogue import spdx, vocabulary
from catalogue.model import Entry, HarvestRecord, LicenceFinding, LineageLink, PubliccodeMaintenance, RepositoryFacts, Reuse

ACTIVE_MIN_COMMITS_6_MONTHS = 5  # OpenCoDE's Badge API: maintenance level 1 from 5 commits in 6 months
RELEASE_WINDOW = timedelta(days=183)
MAX_REACTION_DAYS = 7
MIN_BUS_FACTOR = 2


class Verdict(StrEnum):
    OK = "ok"
    FAIL = "fail"
    UNKNOWN = "unknown"


VERDICT_WORDS = {Verdict.OK: "ja", Verdict.FAIL: "nein", Verdict.UNKNOWN: "unklar"}


class Activity(StrEnum):
    ACTIVE = "aktiv"
    OCCASIONAL = "gelegentlich"
    DORMANT = "ruhend"
    ARCHIVED = "archiviert"
    UNKNOWN = "unbekannt"


ACTIVITY_EXPLANATIONS = {
    Activity.ACTIVE: f"aktiv (mindestens {ACTIVE_MIN_COMMITS_6_MONTHS} Commits in 6 Monaten in einem Repository)",
    Activity.OCCASIONAL: f"gelegentlich (weniger als {ACTIVE_MIN_COMMITS_6_MONTHS} Commits in 6 Monaten, aber Commits im letzten Jahr)",
    Activity.DORMANT: "ruhend (kein Commit im letzten Jahr)",
    Activity.ARCHIVED: "archiviert",
    Activity.UNKNOWN: "noch nicht geerntet",
}


@dataclass(frozen=True)
class Check:
    """One verdict and the reason a reader can follow."""

    verdict: Verdict
    reason: str

    @property
    def word(self) -> str:
        return VERDICT_WORDS[self.verdict]


@dataclass(frozen=True)
class Badge:
    """A badge: `level` is 0–3 for maintenance, 'aktiv nachgenutzt'/'bereit'/None for reuse."""

    name: str
    level: int | str | None
    reason: str


@dataclass(frozen=True)
class LicenceCheck:
    """The entry's declared licence against what the repositories say; `matches_declared` None = cannot tell."""

    declared: str
    found: tuple[str | None, ...]
    matches_declared: bool | None
    note: str | None = None


CHECKS = ("reachable", "open_licence", "licence_matches", "not_archived", "active")
CHECK_LABELS = {
    "reachable": "Repository erreichbar",
    "open_licence": "OSI/FSF-Lizenz in allen Repositorys",
    "licence_matches": "Lizenz wie erklärt",
    "not_archived": "nicht archiviert",
    "active": "Commits im letzten Jahr",
}


@dataclass(frozen=True)
class Assessment:
    """What the office report and the entry page say about one entry."""

    checks: dict[str, Check]
    funding_condition: Check
    stale: str | None


# --- activity -----------------------------------------------------------------------------------------------


def activity(record: HarvestRecord | None) -> Activity:
    """The entry's activity from its best-kept repository (the same rule for facet, badge and report)."""
    repositories = record.repositories if record else ()
    if not repositories:
        return Activity.UNKNOWN
    if any(r.api is not None and r.api.archived for r in repositories):
        return Activity.ARCHIVED
    if max(r.commits_6_months for r in repositories) >= ACTIVE_MIN_COMMITS_6_MONTHS:
        return Activity.ACTIVE
    if any(r.commits_12_months for r in repositories):
        return Activity.OCCASIONAL
    return Activity.DORMANT


def last_commit(record: HarvestRecord | None) -> datetime | None:
    dates = [r.head_commit_date for r in (record.repositories if record else ()) if r.head_commit_date]
    return max(dates, default=None)


# --- badges -------------------------------------------------------------------------------------------------


def maintenance_badge(repository: RepositoryFacts, now: datetime) -> Badge:
    """Level 0–3 as OpenCoDE defines it: 1 = at least 5 commits in 6 months (and issues answered within 7 days
    where the host tells), 2 = plus a release or tag in 6 months, 3 = plus a bus factor of at least 2."""
    commits = repository.commits_6_months
    reaction = repository.api.issue_reaction_median_days if repository.api and not repository.api.error else None
    if commits < ACTIVE_MIN_COMMITS_6_MONTHS:
        return Badge("maintenance", 0, f"{commits} Commits in den letzten 6 Monaten (Stufe 1 braucht {ACTIVE_MIN_COMMITS_6_MONTHS})")
    if reaction is not None and reaction >= MAX_REACTION_DAYS:
        return Badge("maintenance", 0, f"Issues werden im Median nach {reaction:g} Tagen erstmals beantwortet (Stufe 1 braucht unter {MAX_REACTION_DAYS})")
    latest = latest_release(repository)
    if latest is None or now - latest > RELEASE_WINDOW:
        return Badge("maintenance", 1, f"{commits} Commits in 6 Monaten, aber kein Release und kein Tag in dieser Zeit")
    bus = repository.bus_factor_6_months
    if bus < MIN_BUS_FACTOR:
        return Badge("maintenance", 2, f"{commits} Commits und ein Release in 6 Monaten; Bus-Faktor {bus} (Stufe 3 braucht {MIN_BUS_FACTOR})")
    return Badge("maintenance", 3, f"{commits} Commits, ein Release und Bus-Faktor {bus} in 6 Monaten")


def latest_release(repository: RepositoryFacts) -> datetime | None:
    candidates = [repository.latest_tag_date, repository.api.latest_release_date if repository.api else None]
    return max((c for c in candidates if c is not None), default=None)


def reuse_badge(entry: Entry, record: HarvestRecord) -> Badge:
    """'aktiv nachgenutzt' when another body runs it, with evidence; 'bereit' when every readiness rule holds
    (`readiness`); otherwise each rule that does not hold, with the file that shows it."""
    proven = [user for user in transferred_to(entry) if user.evidence]
    if proven:
        names = ", ".join(u.name for u in proven[:3]) + (f" und {len(proven) - 3} weitere" if len(proven) > 3 else "")
        return Badge("reuse", "aktiv nachgenutzt", f"mit Beleg nachgenutzt von {names}")
    checks = readiness(entry, record)
    failed = [f"{READINESS_RULES[name]}: nein – {check.reason}" for name, check in checks.items() if check.verdict is Verdict.FAIL]
    unclear = [f"{READINESS_RULES[name]}: unklar – {check.reason}" for name, check in checks.items() if check.verdict is Verdict.UNKNOWN]
    if failed or unclear:
        return Badge("reuse", None, "noch nicht bereit zur Nachnutzung: " + "; ".join([*failed, *unclear]))
    return Badge("reuse", "bereit", "Quellcode, Lizenz, README und ein Weg zur Installation sind vorhanden; kein Hinweis auf Ablösung")


# --- can a municipality run it? (the facts of source, status and operation) ------------------------------------

READINESS_RULES = {
    "source": "Quellcode im Repository",
    "current": "nicht abgelöst oder archiviert",
    "canonical": "kein Spiegel (oder das Original steht im Eintrag)",
    "licence": "OSI/FSF-Lizenz in jedem Repository",
    "readme": "README",
    "installation": "Weg zur Installation",
}
NOTICE_WORDS = {
    "unmaintained": "nicht mehr gepflegt",
    "discontinued": "eingestellt",
    "archived": "archiviert",
    "deprecated": "veraltet",
    "out_of_date": "veraltet",
    "moved": "umgezogen",
    "superseded": "abgelöst",
    "mirror": "Spiegel",
}


def readiness(entry: Entry, record: HarvestRecord) -> dict[str, Check]:
    """Each rule of 'bereit zur Nachnutzung' as a check with the file that decides it."""
    repositories = record.repositories
    open_licence = bool(repositories) and all(_is_open(r) for r in repositories)
    return {
        "source": source_check(record),
        "current": current_check(record),
        "canonical": canonical_check(entry, record),
        "licence": Check(Verdict.OK, "OSI/FSF-Lizenz in jedem Repository")
        if open_licence
        else Check(Verdict.FAIL, "keine OSI/FSF-Lizenz erkannt in " + ", ".join(r.url for r in repositories if not _is_open(r))),
        "readme": Check(Verdict.OK, "README vorhanden") if any(r.files.readme for r in repositories) else Check(Verdict.FAIL, "kein README im Hauptordner"),
        "installation": installation_check(entry, record),
    }


def where(file: str, line: int | None) -> str:
    return f"{file}:{line}" if line else file


def source_check(record: HarvestRecord) -> Check:
    """Source present in at least one repository; 'nein' only when every repository was counted and has none."""
    counted = [r for r in record.repositories if r.source is not None]
    with_source = [r for r in counted if r.source is not None and r.source.source_files]
    if with_source:
        total = sum(r.source.source_files for r in with_source if r.source is not None)
        return Check(Verdict.OK, f"{total} Quelldateien")
    if not counted or len(counted) < len(record.repositories):
        return Check(Verdict.UNKNOWN, "Quelldateien noch nicht gezählt (Ernte vor dieser Auswertung)")
    if any(r.source is not None and r.source.submodules for r in counted):
        return Check(Verdict.UNKNOWN, "Quellcode nur in Git-Submodulen, nicht geprüft")
    details = []
    for repository in counted:
        assert repository.source is not None  # counted
        missing = ", ".join(f"{m.path} ({where(m.file, m.line)})" for m in repository.source.missing_paths[:3])
        details.append(f"kein Quellcode im Repository {repository.url}" + (f"; Build-Dateien verweisen auf Fehlendes: {missing}" if missing else ""))
    return Check(Verdict.FAIL, "; ".join(details))


def current_check(record: HarvestRecord) -> Check:
    """No repository says it is superseded, unmaintained or archived (README, host, publiccode.yml developmentStatus)."""
    said = []
    for repository in record.repositories:
        if repository.api is not None and repository.api.archived:
            said.append(f"{repository.url} ist beim Host archiviert")
        if repository.publiccode is not None and repository.publiccode.development_status == "obsolete":
            said.append(f"{repository.publiccode.file} in {repository.url}: developmentStatus obsolete")
        for notice in repository.status.notices if repository.status else ():
            successor = f"; Nachfolger: {notice.url}" if notice.url else ""
            said.append(f"{where(notice.file, notice.line)} in {repository.url}: „{notice.quote}“{successor}")
    if said:
        return Check(Verdict.FAIL, "; ".join(said))
    if all(r.status is not None for r in record.repositories):
        return Check(Verdict.OK, "kein Hinweis auf Ablösung oder Archivierung")
    return Check(Verdict.UNKNOWN, "README noch nicht auf Hinweise gelesen")


@dataclass(frozen=True)
class MirrorFinding:
    """A repository that is a mirror, the evidence, and the canonical repository where known."""

    repository: str
    evidence: str
    canonical: str | None
    certain: bool  # said in README or description; publiccode.yml's url alone (a fork keeps the original's file) or code-drop commits are hints


def mirrors(record: HarvestRecord | None) -> list[MirrorFinding]:
    """The repositories of a record that are mirrors of another one, by publiccode.yml url, README, description, commits."""
    found = []
    for repository in record.repositories if record else ():
        declared = repository.publiccode
        elsewhere = declared.url if declared is not None and declared.url and not same_repository(declared.url, repository.url) else None
        hints = repository.status.mirror_hints if repository.status else ()
        stated = [h for h in hints if not h.file.startswith("Commit ")]
        evidence = [f"{where(h.file, h.line)}: „{h.quote}“" for h in (stated or hints)[:1]]
        if elsewhere and declared is not None:
            evidence.insert(0, f"{declared.file}: url {elsewhere}")
        if evidence:
            canonical = elsewhere or next((h.url for h in hints if h.url), None)
            found.append(MirrorFinding(repository.url, "; ".join(evidence), canonical, bool(stated)))
    return found


def canonical_check(entry: Entry, record: HarvestRecord) -> Check:
    """Not a mirror, or the canonical repository is listed in the entry too."""
    listed = [r.url for r in entry.repositories]
    problems: list[str] = []
    unclear: list[str] = []
    with_original = []
    for mirror in mirrors(record):
        if mirror.canonical and any(same_repository(mirror.canonical, url) for url in listed):
            with_original.append(f"{mirror.repository} spiegelt {mirror.canonical}, das im Eintrag steht")
            continue
        original = f"Original: {mirror.canonical}, nicht im Eintrag" if mirror.canonical else "Original nicht genannt"
        text = f"{mirror.repository} ist ein Spiegel ({mirror.evidence}; {original})"
        (problems if mirror.certain else unclear).append(text)
    if problems:
        return Check(Verdict.FAIL, "; ".join(problems))
    if unclear:
        return Check(Verdict.UNKNOWN, "vermutlich " + "; ".join(unclear))
    return Check(Verdict.OK, "; ".join(with_original) if with_original else "kein Hinweis auf einen Spiegel")


def installation_check(entry: Entry, record: HarvestRecord) -> Check:
    """An installation guide or deployment files anywhere; images from registries nobody can vouch for make it unclear."""
    if entry.documentation.installation:
        return Check(Verdict.OK, f"Installationsanleitung im Eintrag ({entry.documentation.installation})")
    artefacts = [(r, a) for r in record.repositories if r.operation for a in r.operation.artefacts]
    if not artefacts:
        legacy = [r.url for r in record.repositories if r.operation is None and (r.files.dockerfile or r.files.compose_file or r.files.helm_chart)]
        if legacy:
            return Check(Verdict.OK, "Container-/Helm-Dateien in " + ", ".join(legacy))
        return Check(Verdict.FAIL, "keine Installationsanleitung und keine Container-, Helm-, Kubernetes- oder Ansible-Dateien im Repository")
    buildable = [a for _, a in artefacts if a.kind in ("install_guide", "dockerfile", "ansible")]
    pulled = [i for r in record.repositories if r.operation for i in r.operation.images if not i.base]
    if not buildable and pulled and all(i.public_registry is not True for i in pulled):
        names = ", ".join(f"{i.reference} ({where(i.file, i.line)})" for i in pulled[:3])
        return Check(Verdict.UNKNOWN, f"nur fertige Images aus Registrys, die nicht als öffentlich bekannt sind: {names}")
    shown = ", ".join(where(a.path, a.line) for _, a in artefacts[:4])
    return Check(Verdict.OK, f"gefunden: {shown}")


def operation_summary(record: HarvestRecord | None, entry: Entry | None = None) -> list[str]:
    """The office report's notes on what running the solution takes: source-less, superseded, archived, mirror."""
    if record is None or not record.repositories:
        return []
    notes = []
    source = source_check(record)
    if source.verdict is Verdict.FAIL:
        notes.append(f"ohne Quellcode: {source.reason}")
    current = current_check(record)
    if current.verdict is Verdict.FAIL:
        notes.append(f"abgelöst oder archiviert: {current.reason}")
    for mirror in mirrors(record):
        original = f"; Original: {mirror.canonical}" if mirror.canonical else ""
        listed = " (steht im Eintrag)" if entry and mirror.canonical and any(same_repository(mirror.canonical, r.url) for r in entry.repositories) else ""
        notes.append(f"{'Spiegel' if mirror.certain else 'vermutlich Spiegel'}: {mirror.repository} ({mirror.evidence}){original}{listed}")
    return notes


def badges(entry: Entry, record: HarvestRecord | None) -> tuple[Badge, ...]:
    """Maintenance of the best-kept repository, and reuse; none before the first good harvest."""
    if record is None or not record.repositories or record.harvested_at is None:
        return ()
    now = record.harvested_at  # the windows of the stored counts end at the harvest
    maintenance = max((maintenance_badge(r, now) for r in record.repositories), key=lambda badge: int(badge.level or 0))
    return (maintenance, reuse_badge(entry, record))


# --- licence and funding condition --------------------------------------------------------------------------


def _is_open(repository: RepositoryFacts) -> bool:
    return bool(repository.licence.osi_approved or repository.licence.fsf_libre)


def licence_check(declared: str, record: HarvestRecord | None) -> LicenceCheck:
    """Compare the declared licence with the repositories' main licences.

    A GNU licence text cannot tell "-only" from "-or-later": where the harvest could not decide the variant
    (`undecided_variants`), a declared variant of that family is consistent, with a note saying so. Records from
    before that was recorded said "-only" for a bare licence file; those are read the same way.
    """
    repositories = record.repositories if record else ()
    found = tuple(r.licence.expression for r in repositories)
    known = [r.licence for r in repositories if r.licence.expression]
    if not known:
        return LicenceCheck(declared, found, None)
    exact = all(_same(declared, f.expression) for f in known)
    whole = all(_same(declared, f.expression) or _same(declared, _with_parts(f)) for f in known)
    same_text = all(_same(declared, f.expression) or _same(declared, _with_parts(f)) or _same_family(declared, f) for f in known)
    note = None
    if same_text and not whole:
        note = "-only oder -or-later ist im Repository nicht erkennbar; die erklärte Variante passt zur gefundenen Lizenz"
    elif whole and not exact:
        note = "erklärt sind die Hauptlizenz und die Lizenzen von Teilen des Repositorys zusammen"
    return LicenceCheck(declared, found, exact or whole or same_text, note)


def _same(declared: str, expression: str | None) -> bool:
    return expression is not None and spdx.equivalent(declared, expression)


def _with_parts(finding: LicenceFinding) -> str | None:
    """The main licence together with the licences of parts, as an entry may declare the repository as a whole."""
    if not finding.other_licences:
        return None
    return " AND ".join(f"({expression})" for expression in dict.fromkeys([str(finding.expression), *(o.expression for o in finding.other_licences)]))


def _same_family(declared: str, finding: LicenceFinding) -> bool:
    expression = str(finding.expression)
    if finding.undecided_variants:
        undecided = spdx.without_variants(declared, finding.undecided_variants)
        return spdx.equivalent(undecided, expression) or _same(undecided, _with_parts(finding))
    return finding.method == "licence file" and spdx.equivalent(_family(declared), _family(expression))


def _family(expression: str) -> str:
    return expression.replace("-or-later", "-only")


def assess(entry: Entry, record: HarvestRecord | None) -> Assessment:
    """The office report's checks and the funding condition (reachable and an OSI/FSF licence in every repository)."""
    checks = {
        "reachable": _reachable(record),
        "open_licence": _open_licence(record),
        "licence_matches": _licence_matches(entry, record),
        "not_archived": _not_archived(record),
        "active": _active(record),
    }
    reachable, licence = checks["reachable"].verdict, checks["open_licence"].verdict
    if Verdict.FAIL in (reachable, licence):
        condition = Check(Verdict.FAIL, "; ".join(c.reason for c in (checks["reachable"], checks["open_licence"]) if c.verdict is Verdict.FAIL))
    elif reachable is licence is Verdict.OK:
        condition = Check(Verdict.OK, "Repository erreichbar und OSI/FSF-Lizenz in jedem Repository")
        source = source_check(record) if record is not None else None
        if source is not None and source.verdict is Verdict.FAIL:  # published is only a build recipe: is the code published at all?
            condition = Check(Verdict.UNKNOWN, f"Quellcode veröffentlicht: unklar – {source.reason}")
    else:
        condition = Check(Verdict.UNKNOWN, "; ".join(c.reason for c in (checks["reachable"], checks["open_licence"]) if c.verdict is Verdict.UNKNOWN))
    stale = record.stale.error if record and record.stale else None
    return Assessment(checks, condition, stale)


_NOT_HARVESTED = Check(Verdict.UNKNOWN, "noch nicht geerntet")


def _reachable(record: HarvestRecord | None) -> Check:
    if record is None:
        return _NOT_HARVESTED
    if record.stale is not None:
        if record.stale.gone:
            return Check(Verdict.FAIL, f"der Host meldet, dass das Repository nicht existiert ({record.stale.error})")
        return Check(Verdict.UNKNOWN, f"letzte Ernte fehlgeschlagen, Erreichbarkeit ungeprüft ({record.stale.error})")
    return Check(Verdict.OK, "bei der letzten Ernte gelesen") if record.repositories else _NOT_HARVESTED


def _open_licence(record: HarvestRecord | None) -> Check:
    repositories = record.repositories if record else ()
    if not repositories:
        return _NOT_HARVESTED
    closed = [r for r in repositories if r.licence.expression and not _is_open(r)]
    if closed:
        return Check(Verdict.FAIL, "keine OSI/FSF-Lizenz in " + ", ".join(f"{r.url} ({r.licence.expression})" for r in closed))
    unknown = [r for r in repositories if not r.licence.expression]
    if unknown:
        return Check(Verdict.UNKNOWN, "Lizenz nicht erkannt in " + ", ".join(r.url for r in unknown))
    return Check(Verdict.OK, "OSI/FSF-Lizenz in jedem Repository")


def _licence_matches(entry: Entry, record: HarvestRecord | None) -> Check:
    check = licence_check(entry.licence, record)
    if check.matches_declared is None:
        return Check(Verdict.UNKNOWN, "keine Lizenz im Repository erkannt" if record and record.repositories else _NOT_HARVESTED.reason)
    if not check.matches_declared:
        found = ", ".join(f or "unbekannt" for f in check.found)
        return Check(Verdict.FAIL, f"erklärt {check.declared}, gefunden {found}")
    return Check(Verdict.OK, check.note or "gefundene Lizenz wie erklärt")


def _not_archived(record: HarvestRecord | None) -> Check:
    repositories = record.repositories if record else ()
    if not repositories:
        return _NOT_HARVESTED
    archived = [r.url for r in repositories if r.api is not None and r.api.archived]
    if archived:
        return Check(Verdict.FAIL, "archiviert: " + ", ".join(archived))
    if all(r.api is not None and r.api.archived is False and not r.api.error for r in repositories):
        return Check(Verdict.OK, "kein Repository archiviert")
    return Check(Verdict.UNKNOWN, "Archivstatus nur über die API des Hosts zu erfahren; nicht abgefragt")


def _active(record: HarvestRecord | None) -> Check:
    state = activity(record)
    if state is Activity.UNKNOWN:
        return _NOT_HARVESTED
    if state is Activity.DORMANT:
        return Check(Verdict.FAIL, "kein Commit in den 12 Monaten vor der Ernte")
    return Check(Verdict.OK, ACTIVITY_EXPLANATIONS[state])


# --- transfers ----------------------------------------------------------------------------------------------


TRANSFER_KINDS = {
    "eingetragen": "im Eintrag als Nachnutzung mit Beleg genannt",
    "in Git beobachtet": "eine Kopie oder Variante im Repository einer anderen Stelle, die selbst im Katalog steht",
    "Fork-Kandidat": "ein Fork einer anderen Organisation laut Host, ungeprüft",
}


@dataclass(frozen=True)
class Transfer:
    """One reuse relation, from the builder to another body: recorded, seen in Git, or a fork that may be one."""

    entry: str
    solution: str
    builder: str
    reuser: str
    ags: str | None
    since: int | None
    kind: str  # a key of TRANSFER_KINDS
    role: str | None = None  # of a recorded relation: always "nachnutzung" (the only role that is a transfer)
    evidence: tuple[str, ...] = ()
    lineage: str | None = None  # of a relation seen in Git: Kopie or Variante (None when it cannot be told)


def transfers(entries: tuple[Entry, ...], records: dict[str, HarvestRecord]) -> list[Transfer]:
    """Recorded reuse (role nachnutzung) by other bodies, copies and variants in other entries' repositories, then
    forks by other owners that the host reports (candidates); commissioning, co-development and pilots are no transfers."""
    by_id = {entry.id: entry for entry in entries}
    found: list[Transfer] = []
    for entry in entries:
        origin = (entry.id, entry.name, entry.organisation.name)
        found += [Transfer(*origin, u.name, u.ags, u.since, "eingetragen", u.role, u.evidence) for u in transferred_to(entry)]
        for relative in relatives(entry, records.get(entry.id), records):
            other = by_id.get(relative.other_entry)
            if other is None or relative.origin != relative.repository or _same_body(other.organisation.name, other.organisation.ags, entry):
                continue
            if not listed_user(other.organisation.name, entry):
                kind = relative.kind.value if relative.kind else None
                found.append(Transfer(*origin, other.organisation.name, other.organisation.ags, None, "in Git beobachtet", None, (relative.other,), kind))
        found += [Transfer(*origin, owner, None, None, "Fork-Kandidat") for owner in fork_candidates(records.get(entry.id), entry)]
    return found


def transferred_to(entry: Entry) -> list[Reuse]:
    """The bodies other than the builder that run their own instance (role nachnutzung), as the entry records them."""
    return [user for user in entry.used_by if user.role == "nachnutzung" and not _same_body(user.name, user.ags, entry)]


def _same_body(name: str, ags: str | None, entry: Entry) -> bool:
    own = entry.organisation
    return bool(ags and ags == own.ags) or name == own.name


def confirmed_reusers(entry: Entry) -> list[Reuse]:
    """Bodies other than the builder that run their own instance, each with evidence: the transfers that count."""
    return [user for user in transferred_to(entry) if user.evidence]


def fork_candidates(record: HarvestRecord | None, entry: Entry | None = None) -> list[str]:
    """Owners of forks by other organisations that a host API reported, unchecked: not confirmed by a catalogued
    repository of the same history, nor by an evidence link of the entry's used_by on the repository's host."""
    repositories = record.repositories if record else ()
    confirmed = {_owner(link.url) for r in repositories for link in r.lineage}
    hosts = {urlsplit(r.url).hostname for r in repositories}
    confirmed |= {_owner(url) for user in (entry.used_by if entry else ()) for url in user.evidence if urlsplit(url).hostname in hosts}
    return sorted({owner for r in repositories if r.api for owner in r.api.forks_by_other_owners if owner.lower() not in confirmed})


def _owner(url: str) -> str:
    """The owner (GitHub, Gitea) or namespace (GitLab) part of a repository address."""
    return urlsplit(url).path.strip("/").removesuffix(".git").rpartition("/")[0].lower()


# --- what a repository says about itself (publiccode.yml) -----------------------------------------------------

_BODY_PREFIXES = re.compile(
    r"^(?:landeshauptstadt|hansestadt|freie und hansestadt|universitätsstadt|kreisfreie stadt|stadt|gemeinde|markt|amt|"
    r"landkreis|kreis|samtgemeinde|verbandsgemeinde|verwaltungsgemeinschaft|bezirksamt|bezirk)\s+"
)
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Conflict:
    """The entry and a repository's publiccode.yml disagree: `kind` is status, maintenance, mirror or used_by."""

    kind: str
    repository: str
    message: str


def publiccode_conflicts(entry: Entry, record: HarvestRecord | None) -> tuple[Conflict, ...]:
    """Where what the repositories declare differs from the entry; a file that could not be read says nothing."""
    found: list[Conflict] = []
    for repository in record.repositories if record else ():
        declared = repository.publiccode
        if declared is None:  # an unreadable file has no facts, so it says nothing here
            continue
        where = f"{repository.url} ({declared.file})"
        if declared.development_status and declared.development_status != entry.development_status:
            found.append(
                Conflict(
                    "status",
                    repository.url,
                    f"Entwicklungsstand: der Eintrag sagt {_status(entry.development_status)}, {where} sagt {_status(declared.development_status)}",
                )
            )
        ended = _maintenance_ended(declared.maintenance, record.harvested_at if record else None)
        if ended:
            found.append(Conflict("maintenance", repository.url, f"{where}: {ended}"))
        if declared.url and not same_repository(declared.url, repository.url):
            found.append(
                Conflict(
                    "mirror",
                    repository.url,
                    f"{where} nennt {declared.url} als Repository der Software; ist {repository.url} ein Spiegel, oder ist das Repository umgezogen?",
                )
            )
        unlisted = [body for body in declared.used_by if not listed_user(body, entry)]
        if unlisted:
            found.append(
                Conflict(
                    "used_by",
                    repository.url,
                    f"laut {where} nutzen sie {len(unlisted)} Stelle{'n' if len(unlisted) != 1 else ''}, die der Eintrag nicht nennt: {', '.join(unlisted)}",
                )
            )
    return tuple(found)


def _status(status: str) -> str:
    return f"„{vocabulary.DEVELOPMENT_STATUSES.get(status, status)}“"


def _maintenance_ended(maintenance: PubliccodeMaintenance | None, harvested_at: datetime | None) -> str | None:
    """Why the declared maintenance has stopped, judged at the harvest; None while it runs or cannot be told."""
    if maintenance is None:
        return None
    if maintenance.type == "none":
        return "die Software wird laut publiccode.yml nicht gewartet (maintenance.type: none)"
    if maintenance.type != "contract" or harvested_at is None or not maintenance.contractors:
        return None
    ends = [c.until for c in maintenance.contractors]
    if any(until is None or until >= harvested_at.date().isoformat() for until in ends):
        return None
    names = ", ".join(f"{c.name} (bis {_german_date(str(c.until))})" for c in maintenance.contractors)
    return f"der Wartungsvertrag ist abgelaufen: {names}"


def _german_date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"


def same_repository(a: str, b: str) -> bool:
    """Two addresses name the same repository (scheme, case, a trailing slash and .git aside)."""
    return _repository_key(a) == _repository_key(b)


def _repository_key(url: str) -> str:
    parts = urlsplit(url.strip())
    return f"{(parts.hostname or '').lower()}{parts.path.rstrip('/').removesuffix('.git').lower()}"


def listed_user(body: str, entry: Entry) -> bool:
    """A body named in publiccode.yml is the entry's organisation or one of its `used_by` (all words of the name found)."""
    words = set(_WORD.findall(body.casefold()))
    names = [entry.organisation.name, *(user.name for user in entry.used_by)]
    return any(_name_words(name) <= words for name in names if _name_words(name))


def _name_words(name: str) -> set[str]:
    return set(_WORD.findall(_BODY_PREFIXES.sub("", name.casefold().strip())))


# --- lineages in Git ----------------------------------------------------------------------------------------

# Changes a fork makes without developing the software: documentation, metadata, branding images, CI settings.
COSMETIC_PATH = re.compile(
    r"(^|/)(readme|changelog|changes|contributing|authors|contributors|code_of_conduct|licen[cs]e|copying|notice|security)(\.[a-z]+)?$"
    r"|^publiccode\.ya?ml$|^\.(github|gitlab)/|^\.gitlab-ci\.yml$|^\.(gitignore|gitattributes|editorconfig|mailmap)$|^docs?/"
    r"|\.(md|rst|adoc|png|jpe?g|gif|svg|ico|webp)$",
    re.IGNORECASE,
)


class LineageKind(StrEnum):
    COPY = "Kopie"
    VARIANT = "Variante"


@dataclass(frozen=True)
class Relative:
    """Another harvested repository of the same Git history as one of the entry's repositories, and who came first."""

    repository: str
    other: str
    other_entry: str
    origin: str | None  # the URL of the origin; None when it cannot be told
    origin_reason: str
    derived: str | None  # the URL of the side that came later (the other one of origin)
    kind: LineageKind | None  # of the derived side: Kopie or Variante
    kind_reason: str


def relatives(entry: Entry, record: HarvestRecord | None, records: dict[str, HarvestRecord]) -> tuple[Relative, ...]:
    """Every lineage link of the entry's repositories, with origin and Kopie/Variante judged from both sides' facts."""
    found = []
    for repository in record.repositories if record else ():
        for link in repository.lineage:
            other = _repository_in(records.get(link.entry), link.url)
            back = next((b for b in other.lineage if b.url == repository.url), None) if other else None
            origin, reason = lineage_origin(repository, other, link.url)
            derived_link = (back if origin == repository.url else link) if origin else None
            derived = (link.url if origin == repository.url else repository.url) if origin else None
            kind, kind_reason = copy_or_variant(derived_link) if derived_link else (None, _both_sides(repository.url, link, link.url, back))
            found.append(Relative(repository.url, link.url, link.entry, origin, reason, derived, kind, kind_reason))
    return tuple(found)


def _repository_in(record: HarvestRecord | None, url: str) -> RepositoryFacts | None:
    return next((r for r in record.repositories if r.url == url), None) if record else None


def lineage_origin(repository: RepositoryFacts, other: RepositoryFacts | None, other_url: str) -> tuple[str | None, str]:
    """Which of two repositories of one history is the origin: the host's fork flag, isBasedOn, the older first commit."""
    for fork, parent in ((repository, other_url), (other, repository.url)):
        if fork is not None and fork.api is not None and fork.api.fork_of and same_repository(fork.api.fork_of, parent):
            return parent, f"der Host meldet {fork.url} als Fork von {parent}"
    for based, parent in ((repository, other_url), (other, repository.url)):
        declared = based.publiccode if based is not None else None
        if declared is not None and any(same_repository(url, parent) for url in declared.is_based_on):
            return parent, f"die publiccode.yml von {based.url if based else ''} nennt {parent} unter isBasedOn"
    if other is not None and repository.first_commit_date and other.first_commit_date and repository.first_commit_date != other.first_commit_date:
        older = repository if repository.first_commit_date < other.first_commit_date else other
        return older.url, f"{older.url} hat den älteren ersten Commit"
    return None, "welches Repository das ursprüngliche ist, sagen weder Host noch publiccode.yml noch die Commits"


def copy_or_variant(link: LineageLink | None) -> tuple[LineageKind | None, str]:
    """Kopie: no own commits since the fork point, or only cosmetic ones; Variante: own development."""
    if link is None or link.own_commits is None:
        return None, "noch nicht aus den Commits berechnet"
    since = f" seit dem gemeinsamen Stand vom {_day(link.fork_point_date)}" if link.fork_point_date else " seit dem gemeinsamen Stand"
    if link.own_commits == 0:
        return LineageKind.COPY, f"keine eigenen Commits{since}"
    counted = f"{link.own_commits} {'eigener Commit' if link.own_commits == 1 else 'eigene Commits'}{since}"
    last = f", letzter eigener Commit am {_day(link.last_own_commit_date)}" if link.last_own_commit_date else ""
    all_listed = link.own_changed_files == len(link.own_changed_paths)
    if all_listed and all(COSMETIC_PATH.search(path) for path in link.own_changed_paths):
        return LineageKind.COPY, f"{counted}, nur an Dokumentation und Gestaltung ({', '.join(link.own_changed_paths[:5])}){last}"
    return LineageKind.VARIANT, f"{counted}, {link.own_changed_files} Dateien geändert{last}"


def _both_sides(url: str, link: LineageLink, other_url: str, back: LineageLink | None) -> str:
    sides = [(url, link), (other_url, back)]
    return "; ".join(f"{where}: {copy_or_variant(side)[1]}" for where, side in sides if side is not None)


def _day(moment: datetime | None) -> str:
    return moment.strftime("%d.%m.%Y") if moment else "unbekannt"
