"""Verdicts are derived in one place from typed facts: badges, activity, the funding condition, transfers."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from catalogue import assessment
from catalogue.assessment import Activity, Verdict
from catalogue.model import (
    ApiFacts,
    ContainerImage,
    DeploymentArtefact,
    Documentation,
    Entry,
    HarvestRecord,
    LanguageFiles,
    LicenceFinding,
    MissingPath,
    Notice,
    OperationFacts,
    Organisation,
    OtherLicence,
    PresentFiles,
    PubliccodeFacts,
    Repository,
    RepositoryFacts,
    Reuse,
    SourceFacts,
    Stale,
    StatusFacts,
)

NOW = datetime(2026, 11, 1, tzinfo=UTC)
MIT = LicenceFinding("MIT", "licence file", ("LICENSE",), 1.0, "", osi_approved=True, fsf_libre=True)
PROPRIETARY = LicenceFinding("LicenseRef-proprietary", "licence file", ("LICENSE",), 1.0, "", osi_approved=False, fsf_libre=False)
UNKNOWN_LICENCE = LicenceFinding(None, "none", (), 0.0, "no licence file")


def repo(**facts: Any) -> RepositoryFacts:
    base: dict[str, Any] = {
        "url": "https://github.com/a/b",
        "licence": MIT,
        "commits_6_months": 12,
        "commits_12_months": 20,
        "bus_factor_6_months": 2,
        "latest_tag_date": datetime(2026, 9, 1, tzinfo=UTC),
        "files": PresentFiles(readme=True),
        "source": SourceFacts(languages=(LanguageFiles("Python", 3),), source_files=3),
        "status": StatusFacts(readme="README.md"),
        "operation": OperationFacts(),
    }
    return RepositoryFacts(**{**base, **facts})


def record(*repositories: RepositoryFacts, stale: Stale | None = None) -> HarvestRecord:
    return HarvestRecord(entry="x", harvested_at=NOW, repositories=repositories, stale=stale)


def entry(**extra: Any) -> Entry:
    base: dict[str, Any] = {
        "id": "x",
        "source_path": "entries/x.yaml",
        "name": "X",
        "short_description": "x" * 10,
        "description": "x" * 20,
        "repositories": (Repository("https://github.com/a/b"),),
        "organisation": Organisation("O", "Verein"),
        "fields": ("Mobilität",),
        "roadmap_phase": "P3",
        "development_status": "beta",
        "licence": "MIT",
    }
    return Entry(**{**base, **extra})


# --- maintenance badge (OpenCoDE thresholds) -----------------------------------------------------------------


def test_level_3_needs_commits_release_and_bus_factor() -> None:
    badge = assessment.maintenance_badge(repo(), NOW)
    assert (badge.level, badge.reason) == (3, "12 Commits, ein Release und Bus-Faktor 2 in 6 Monaten")


def test_four_commits_are_not_enough_for_level_1() -> None:
    badge = assessment.maintenance_badge(repo(commits_6_months=4), NOW)
    assert (badge.level, badge.reason) == (0, "4 Commits in den letzten 6 Monaten (Stufe 1 braucht 5)")


def test_five_commits_are_enough_for_level_1() -> None:
    assert assessment.maintenance_badge(repo(commits_6_months=5, latest_tag_date=None), NOW).level == 1


def test_slow_issue_answers_block_level_1_where_the_host_tells() -> None:
    badge = assessment.maintenance_badge(repo(api=ApiFacts("github", issue_reaction_median_days=9.5)), NOW)
    assert badge.level == 0 and "9.5 Tagen" in badge.reason


def test_an_api_that_failed_does_not_count_its_old_reaction_time() -> None:
    api = ApiFacts("github", issue_reaction_median_days=9.5, error="HTTP 500")
    assert assessment.maintenance_badge(repo(api=api), NOW).level == 3


def test_no_release_in_six_months_is_level_1() -> None:
    assert assessment.maintenance_badge(repo(latest_tag_date=datetime(2025, 1, 1, tzinfo=UTC)), NOW).level == 1


def test_api_release_counts_like_a_tag() -> None:
    facts = repo(latest_tag_date=None, bus_factor_6_months=1, api=ApiFacts("github", latest_release_date=datetime(2026, 10, 1, tzinfo=UTC)))
    badge = assessment.maintenance_badge(facts, NOW)
    assert (badge.level, badge.reason) == (2, "12 Commits und ein Release in 6 Monaten; Bus-Faktor 1 (Stufe 3 braucht 2)")


def test_badges_are_measured_from_the_harvest_time_not_the_build_time() -> None:
    harvested = record(repo(latest_tag_date=datetime(2026, 9, 1, tzinfo=UTC)))
    assert assessment.badges(entry(documentation=Documentation(installation="https://example.org/i")), harvested)[0].level == 3


def test_no_badges_before_the_first_good_harvest() -> None:
    assert assessment.badges(entry(), None) == ()
    assert assessment.badges(entry(), HarvestRecord(entry="x", stale=Stale("timeout", NOW, NOW))) == ()


# --- reuse badge --------------------------------------------------------------------------------------------


ULM_RUNS_IT = Reuse("Stadt Ulm", "08421000", role="nachnutzung", evidence=("https://www.ulm.de/app",))


def test_reuse_with_evidence_by_another_body_makes_actively_reused_and_names_it() -> None:
    badge = assessment.reuse_badge(entry(used_by=(ULM_RUNS_IT,)), record(repo()))
    assert (badge.level, badge.reason) == ("aktiv nachgenutzt", "mit Beleg nachgenutzt von Stadt Ulm")


@pytest.mark.parametrize(
    "user",
    [
        replace(ULM_RUNS_IT, evidence=()),
        replace(ULM_RUNS_IT, role="auftrag"),
        replace(ULM_RUNS_IT, role="pilot"),
        replace(ULM_RUNS_IT, role=None),
        Reuse("O", role="nachnutzung", evidence=("https://example.org/o",)),  # the builder itself
    ],
    ids=["without evidence", "commissioned", "pilot", "without role", "the origin"],
)
def test_only_evidenced_reuse_by_another_body_makes_actively_reused(user: Reuse) -> None:
    assert assessment.reuse_badge(entry(used_by=(user,)), record(repo())).level != "aktiv nachgenutzt"


def test_ready_for_reuse_names_what_is_missing() -> None:
    badge = assessment.reuse_badge(entry(), record(repo()))
    assert (badge.level, badge.reason) == (
        None,
        "noch nicht bereit zur Nachnutzung: Weg zur Installation: nein – keine Installationsanleitung und keine Container-, Helm-, "
        "Kubernetes- oder Ansible-Dateien im Repository",
    )
    ready = assessment.reuse_badge(entry(documentation=Documentation(installation="https://example.org/install")), record(repo()))
    assert ready.level == "bereit"


INSTALLABLE = OperationFacts(artefacts=(DeploymentArtefact("compose", "deploy/docker-compose.yml"),))


def test_a_repository_without_source_is_not_ready_and_names_what_its_dockerfile_lacks() -> None:
    sourceless = SourceFacts(build_files=3, missing_paths=(MissingPath("Dockerfile", 4, "package.json", "RUN npm install"),))
    badge = assessment.reuse_badge(entry(), record(repo(source=sourceless, operation=INSTALLABLE)))
    assert (badge.level, badge.reason) == (
        None,
        "noch nicht bereit zur Nachnutzung: Quellcode im Repository: nein – kein Quellcode im Repository https://github.com/a/b; "
        "Build-Dateien verweisen auf Fehlendes: package.json (Dockerfile:4)",
    )


def test_source_in_another_repository_of_the_entry_is_enough() -> None:
    chart = repo(url="https://github.com/a/chart", source=SourceFacts(build_files=3), operation=INSTALLABLE)
    assert assessment.reuse_badge(entry(), record(repo(operation=INSTALLABLE), chart)).level == "bereit"


def test_source_not_yet_counted_is_unclear_not_no() -> None:
    sourceless = repo(url="https://github.com/a/chart", source=SourceFacts(build_files=3))
    check = assessment.source_check(record(sourceless, repo(source=None)))
    assert (check.verdict, check.reason) == (Verdict.UNKNOWN, "Quelldateien noch nicht gezählt (Ernte vor dieser Auswertung)")


def test_a_superseded_notice_makes_it_not_ready_with_quote_file_and_successor() -> None:
    notice = Notice("moved", "This repository is out of date.", "README.md", 8, "https://github.com/a/new")
    badge = assessment.reuse_badge(entry(), record(repo(status=StatusFacts("README.md", (notice,)), operation=INSTALLABLE)))
    assert badge.reason == (
        "noch nicht bereit zur Nachnutzung: nicht abgelöst oder archiviert: nein – README.md:8 in https://github.com/a/b: "
        "„This repository is out of date.“; Nachfolger: https://github.com/a/new"
    )


def test_an_obsolete_publiccode_status_and_an_archived_repository_are_not_current() -> None:
    obsolete = repo(publiccode=PubliccodeFacts("publiccode.yml", development_status="obsolete"), api=ApiFacts("github", archived=True))
    check = assessment.current_check(record(obsolete))
    assert (check.verdict, check.reason) == (
        Verdict.FAIL,
        "https://github.com/a/b ist beim Host archiviert; publiccode.yml in https://github.com/a/b: developmentStatus obsolete",
    )


def test_a_mirror_is_not_ready_unless_the_entry_lists_its_original() -> None:
    hint = Notice("mirror", "This repository is a read-only mirror of https://gitlab.example.org/s/app.", "README.md", 3, "https://gitlab.example.org/s/app")
    mirrored = repo(status=StatusFacts("README.md", mirror_hints=(hint,)), operation=INSTALLABLE)
    alone = assessment.canonical_check(entry(), record(mirrored))
    assert (alone.verdict, alone.reason) == (
        Verdict.FAIL,
        "https://github.com/a/b ist ein Spiegel (README.md:3: „This repository is a read-only mirror of https://gitlab.example.org/s/app.“; "
        "Original: https://gitlab.example.org/s/app, nicht im Eintrag)",
    )
    both = entry(repositories=(Repository("https://github.com/a/b"), Repository("https://gitlab.example.org/s/app")))
    assert assessment.canonical_check(both, record(mirrored)).verdict is Verdict.OK


def test_a_publiccode_url_elsewhere_alone_is_a_hint_since_forks_keep_the_originals_file() -> None:
    elsewhere = repo(publiccode=PubliccodeFacts("publiccode.yml", url="https://gitlab.opencode.de/s/app"))
    [mirror] = assessment.mirrors(record(elsewhere))
    assert (mirror.canonical, mirror.evidence, mirror.certain) == (
        "https://gitlab.opencode.de/s/app",
        "publiccode.yml: url https://gitlab.opencode.de/s/app",
        False,
    )
    assert assessment.canonical_check(entry(), record(elsewhere)).verdict is Verdict.UNKNOWN


def test_a_mirror_whose_original_the_entry_lists_says_so() -> None:
    elsewhere = repo(publiccode=PubliccodeFacts("publiccode.yml", url="https://gitlab.opencode.de/s/app"))
    both = entry(repositories=(Repository("https://gitlab.opencode.de/s/app"), Repository("https://github.com/a/b")))
    check = assessment.canonical_check(both, record(elsewhere))
    assert (check.verdict, check.reason) == (Verdict.OK, "https://github.com/a/b spiegelt https://gitlab.opencode.de/s/app, das im Eintrag steht")


def test_code_drop_commits_alone_make_a_mirror_unclear_not_no() -> None:
    drop = Notice("mirror", "Code drop", "Commit 913945c5896e und 29 weitere der letzten 30 Commits")
    check = assessment.canonical_check(entry(), record(repo(status=StatusFacts("README.md", mirror_hints=(drop,)))))
    assert check.verdict is Verdict.UNKNOWN and check.reason.startswith("vermutlich https://github.com/a/b ist ein Spiegel (Commit 913945c5896e")


def test_images_only_from_unknown_registries_make_the_installation_unclear() -> None:
    chart = OperationFacts(
        artefacts=(DeploymentArtefact("helm_chart", "helm"),),
        images=(ContainerImage("hub.example.net/s/importer", "hub.example.net", "helm/values.yaml", 12, None),),
    )
    check = assessment.installation_check(entry(), record(repo(operation=chart)))
    assert (check.verdict, check.reason) == (
        Verdict.UNKNOWN,
        "nur fertige Images aus Registrys, die nicht als öffentlich bekannt sind: hub.example.net/s/importer (helm/values.yaml:12)",
    )


def test_installation_files_in_a_sub_folder_count() -> None:
    check = assessment.installation_check(entry(), record(repo(operation=INSTALLABLE)))
    assert (check.verdict, check.reason) == (Verdict.OK, "gefunden: deploy/docker-compose.yml")


def test_without_source_the_funding_condition_is_unclear() -> None:
    judged = assessment.assess(entry(), record(repo(source=SourceFacts(build_files=2))))
    assert (judged.funding_condition.verdict, judged.funding_condition.reason) == (
        Verdict.UNKNOWN,
        "Quellcode veröffentlicht: unklar – kein Quellcode im Repository https://github.com/a/b",
    )


def test_ready_for_reuse_needs_an_open_licence_in_every_repository() -> None:
    installable = entry(documentation=Documentation(installation="https://example.org/install"))
    badge = assessment.reuse_badge(installable, record(repo(), repo(url="https://github.com/a/c", licence=PROPRIETARY)))
    assert badge.level is None and "OSI/FSF-Lizenz in jedem Repository" in badge.reason


# --- activity: one rule for facet, report and page ----------------------------------------------------------


def test_activity_is_active_from_five_commits_in_one_repository() -> None:
    assert assessment.activity(record(repo(commits_6_months=5))) is Activity.ACTIVE
    assert assessment.activity(record(repo(commits_6_months=4))) is Activity.OCCASIONAL


def test_activity_does_not_add_up_small_repositories() -> None:
    three_and_three = record(repo(commits_6_months=3), repo(url="https://github.com/a/c", commits_6_months=3))
    assert assessment.activity(three_and_three) is Activity.OCCASIONAL


def test_activity_without_commits_in_a_year_is_dormant_and_archived_wins() -> None:
    assert assessment.activity(record(repo(commits_6_months=0, commits_12_months=0))) is Activity.DORMANT
    assert assessment.activity(record(repo(api=ApiFacts("github", archived=True)))) is Activity.ARCHIVED
    assert assessment.activity(None) is Activity.UNKNOWN


def test_report_check_active_follows_the_same_activity() -> None:
    assert assessment.assess(entry(), record(repo(commits_6_months=1))).checks["active"].verdict is Verdict.OK
    assert assessment.assess(entry(), record(repo(commits_6_months=0, commits_12_months=0))).checks["active"].verdict is Verdict.FAIL


# --- the funding condition ----------------------------------------------------------------------------------


def test_funding_condition_holds_with_a_reachable_repository_and_an_open_licence() -> None:
    judged = assessment.assess(entry(), record(repo()))
    assert judged.funding_condition.verdict is Verdict.OK


def test_funding_condition_needs_an_open_licence_in_all_repositories_not_in_any() -> None:
    judged = assessment.assess(entry(), record(repo(), repo(url="https://github.com/a/c", licence=PROPRIETARY)))
    assert judged.checks["open_licence"].verdict is Verdict.FAIL
    assert judged.funding_condition.verdict is Verdict.FAIL
    assert "https://github.com/a/c (LicenseRef-proprietary)" in judged.funding_condition.reason


def test_an_unrecognised_licence_is_unknown_not_no() -> None:
    judged = assessment.assess(entry(), record(repo(), repo(url="https://github.com/a/c", licence=UNKNOWN_LICENCE)))
    assert judged.checks["open_licence"].verdict is Verdict.UNKNOWN
    assert judged.funding_condition.verdict is Verdict.UNKNOWN


def test_a_failed_harvest_makes_reachability_unknown_not_no() -> None:
    judged = assessment.assess(entry(), record(repo(), stale=Stale("git ls-remote took longer than 300 s", NOW, NOW)))
    assert judged.checks["reachable"].verdict is Verdict.UNKNOWN
    assert judged.funding_condition.verdict is Verdict.UNKNOWN
    assert "took longer than 300 s" in judged.checks["reachable"].reason


def test_only_a_host_saying_the_repository_does_not_exist_makes_it_unreachable() -> None:
    judged = assessment.assess(entry(), record(repo(), stale=Stale("repository not found", NOW, NOW, gone=True)))
    assert judged.checks["reachable"].verdict is Verdict.FAIL
    assert judged.funding_condition.verdict is Verdict.FAIL


def test_not_harvested_is_unknown_everywhere() -> None:
    judged = assessment.assess(entry(), None)
    assert {check.verdict for check in judged.checks.values()} == {Verdict.UNKNOWN}
    assert judged.funding_condition.reason == "noch nicht geerntet; noch nicht geerntet"


# --- licence as declared ------------------------------------------------------------------------------------


def test_a_different_licence_is_a_mismatch() -> None:
    check = assessment.licence_check("EUPL-1.2", record(repo()))
    assert (check.found, check.matches_declared) == (("MIT",), False)
    assert assessment.assess(entry(licence="EUPL-1.2"), record(repo())).checks["licence_matches"].verdict is Verdict.FAIL


def test_a_gpl_text_is_consistent_with_a_declared_or_later_with_a_note() -> None:
    gpl = LicenceFinding("AGPL-3.0-only", "licence file", ("LICENSE",), 1.0, "", osi_approved=True, fsf_libre=True)
    check = assessment.licence_check("AGPL-3.0-or-later", record(repo(licence=gpl)))
    assert check.matches_declared is True and check.note is not None


def test_an_undecided_gnu_family_is_consistent_with_either_declared_variant_and_says_so() -> None:
    family = LicenceFinding("LGPL-3.0 OR MIT", "licence file", ("COPYING.LESSER",), 1.0, "", True, True, undecided_variants=("LGPL-3.0",))
    for declared in ("LGPL-3.0-or-later OR MIT", "LGPL-3.0-only OR MIT"):
        check = assessment.licence_check(declared, record(repo(licence=family)))
        assert check.matches_declared is True
        assert check.note == "-only oder -or-later ist im Repository nicht erkennbar; die erklärte Variante passt zur gefundenen Lizenz"
    assert assessment.licence_check("GPL-3.0-or-later OR MIT", record(repo(licence=family))).matches_declared is False


def test_a_declaration_of_the_main_licence_and_the_licences_of_parts_together_is_consistent() -> None:
    mit = LicenceFinding("MIT", "licence file", ("LICENSE",), 1.0, "", True, True, other_licences=(OtherLicence("Apache-2.0", ("src/viewshed/",), "LICENSE"),))
    for declared in ("MIT", "MIT AND Apache-2.0"):
        assert assessment.licence_check(declared, record(repo(licence=mit))).matches_declared is True
    assert assessment.licence_check("MIT AND Apache-2.0", record(repo(licence=mit))).note == (
        "erklärt sind die Hauptlizenz und die Lizenzen von Teilen des Repositorys zusammen"
    )
    assert assessment.licence_check("Apache-2.0", record(repo(licence=mit))).matches_declared is False


def test_a_manifest_saying_only_is_not_consistent_with_or_later() -> None:
    gpl = LicenceFinding("AGPL-3.0-only", "package manifest", ("package.json",), 0.8, "", osi_approved=True, fsf_libre=True)
    assert assessment.licence_check("AGPL-3.0-or-later", record(repo(licence=gpl))).matches_declared is False


# --- transfers ----------------------------------------------------------------------------------------------


def test_transfers_leave_out_the_builder_itself_and_add_fork_candidates() -> None:
    builder = Organisation("Stadt Ulm", "Kommune", ags="08421000")
    jena = Reuse("Stadt Jena", "16053000", role="nachnutzung", evidence=("https://www.jena.de/app",))
    solution = entry(organisation=builder, used_by=(replace(ULM_RUNS_IT, role="nachnutzung"), jena, replace(jena, name="Stadt Gera", role="mitentwicklung")))
    forks = record(repo(api=ApiFacts("github", forks_by_other_owners=("stadt-bonn",))))
    rows = assessment.transfers((solution,), {"x": forks})
    assert [(t.reuser, t.kind) for t in rows] == [("Stadt Jena", "eingetragen"), ("stadt-bonn", "Fork-Kandidat")]


def test_a_fork_named_as_evidence_of_a_reuse_is_no_longer_a_candidate() -> None:
    forks = record(repo(api=ApiFacts("github", forks_by_other_owners=("stadt-bonn", "stadt-ulm"))))
    ulm = replace(ULM_RUNS_IT, evidence=("https://github.com/stadt-ulm/b",))
    assert assessment.fork_candidates(forks, entry(used_by=(ulm,))) == ["stadt-bonn"]
    assert assessment.fork_candidates(forks, entry(used_by=(replace(ulm, evidence=("https://example.org/stadt-ulm/b",)),))) == ["stadt-bonn", "stadt-ulm"]


def test_verdict_words_are_the_same_everywhere() -> None:
    assert [assessment.Check(v, "").word for v in Verdict] == ["ja", "nein", "unklar"]
    assert replace(assessment.Check(Verdict.OK, "a"), reason="b").word == "ja"
