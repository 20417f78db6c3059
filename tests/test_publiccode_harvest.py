"""The harvester reads each repository's own publiccode.yml as untrusted input and stores what it declares."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from catalogue import records
from catalogue.assessment import publiccode_conflicts
from catalogue.harvest.gitcmd import GitSettings
from catalogue.harvest.licences import spdx_texts
from catalogue.harvest.publiccode_facts import read_publiccode
from catalogue.harvest.run import HarvestOptions, harvest
from catalogue.model import (
    Entry,
    HarvestRecord,
    Organisation,
    PubliccodeContractor,
    PubliccodeDependency,
    PubliccodeFacts,
    PubliccodeMaintenance,
    Repository,
    Reuse,
)

from conftest import VALID_ENTRY
from gitserver import Commit, GitHttpServer, make_repo

NOW = datetime(2026, 11, 1, tzinfo=UTC)
PUBLIC = "https://github.com/"

VALID = """\
publiccodeYmlVersion: "0.4"
name: Beispiel
url: "https://github.com/pc/valid"
landingURL: "https://beispiel.example.org"
developmentStatus: beta
softwareType: standalone/web
usedBy:
  - Stadt Beispielstadt
  - Landkreis Muster
dependsOn:
  open:
    - name: PostgreSQL
      versionMin: "13"
      optional: false
maintenance:
  type: contract
  contractors:
    - name: Beispiel GmbH
      until: "2030-12-31"
      website: "https://beispiel-gmbh.example.org"
  contacts:
    - name: Erika Mustermann
      email: erika.mustermann@example.org
      phone: "+49 30 1234567"
      affiliation: Beispiel GmbH
"""
OUTDATED = """\
publiccodeYmlVersion: 0.2
name: Alt
url: "https://github.com/pc/outdated"
developmentStatus: stable
softwareType: standalone/backend
maintenance:
  type: none
"""
UNKNOWN_VERSION = 'publiccodeYmlVersion: "1.0"\nname: Zukunft\nurl: "https://github.com/pc/unknown"\ndevelopmentStatus: stable\n'
INVALID = """\
publiccodeYmlVersion: "0.4"
url: "ftp://files.example.org/app"
developmentStatus: production
softwareType: standalone/web
usedBy:
  - name: Stadt A
  - Stadt B
maintenance:
  type: sometimes
"""
ALIASES = 'publiccodeYmlVersion: "0.4"\na: &a ["x", "x", "x", "x"]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n'
TAGGED = 'publiccodeYmlVersion: "0.4"\nname: !!python/object/apply:os.system ["true"]\n'
HUGE = 'publiccodeYmlVersion: "0.4"\nusedBy:\n' + "  - Stadt Überall\n" * 600_000  # about 10 MB
MIRROR = 'publiccodeYmlVersion: "0.4"\nurl: "https://gitlab.example.org/origin/app"\ndevelopmentStatus: stable\nsoftwareType: standalone/web\n'

SCENARIOS = {
    "valid": {"publiccode.yml": VALID},
    "outdated": {"publiccode.yml": OUTDATED},
    "unknown": {"publiccode.yml": UNKNOWN_VERSION},
    "invalid": {"publiccode.yml": INVALID},
    "aliases": {"publiccode.yml": ALIASES},
    "tagged": {"publiccode.yml": TAGGED},
    "huge": {"publiccode.yml": HUGE},
    "mirror": {"publiccode.yaml": MIRROR},
    "without": {},
}


def entry(name: str) -> Entry:
    return Entry(
        id=name,
        source_path=f"entries/{name}.yaml",
        name=name,
        short_description="x" * 10,
        description="x" * 20,
        repositories=(Repository(f"{PUBLIC}pc/{name}"),),
        organisation=Organisation("Stadt Beispielstadt", "Kommune"),
        fields=("Mobilität",),
        roadmap_phase="P3",
        development_status="beta",
        licence="MIT",
    )


@dataclass(frozen=True)
class Harvested:
    harvest_dir: Path

    def record(self, name: str) -> HarvestRecord:
        record = records.read_record(self.harvest_dir, name)
        assert record is not None
        return record

    def publiccode(self, name: str) -> PubliccodeFacts | None:
        return self.record(name).repositories[0].publiccode


@pytest.fixture(scope="module")
def harvested(tmp_path_factory: pytest.TempPathFactory, licence_db: Path) -> Iterator[Harvested]:
    root = tmp_path_factory.mktemp("publiccode")
    for name, files in SCENARIOS.items():
        commits = [
            Commit("start", "2026-01-10T09:00:00+00:00", files={"README.md": "# App\n", "LICENSE": spdx_texts()["MIT"]}),
            Commit("describe", "2026-02-10T09:00:00+00:00", files=files),
        ]
        make_repo(root / "served" / "pc", name, commits)
    with GitHttpServer(root / "served").running() as server:
        settings = GitSettings(allow_http=True, timeout_seconds=60, url_rewrites=((server.base_url, PUBLIC),))
        options = HarvestOptions(root / "harvest", root / "cache", settings, licence_database_path=licence_db, use_apis=False)
        outcomes = harvest([entry(name) for name in SCENARIOS], options, now=NOW)
    assert [o.status for o in outcomes] == ["updated"] * len(SCENARIOS), [o.error for o in outcomes]
    yield Harvested(root / "harvest")


def test_valid_publiccode_is_stored_as_declared(harvested: Harvested) -> None:
    assert harvested.publiccode("valid") == PubliccodeFacts(
        file="publiccode.yml",
        version="0.4",
        url="https://github.com/pc/valid",
        landing_url="https://beispiel.example.org",
        development_status="beta",
        software_type="standalone/web",
        used_by=("Stadt Beispielstadt", "Landkreis Muster"),
        depends_on=(PubliccodeDependency("PostgreSQL", "open", ">= 13", False),),
        maintenance=PubliccodeMaintenance(
            type="contract",
            contractors=(PubliccodeContractor("Beispiel GmbH", "2030-12-31", "https://beispiel-gmbh.example.org"),),
            contact_organisations=("Beispiel GmbH",),
        ),
    )


def test_maintenance_contacts_keep_the_organisation_and_no_person(harvested: Harvested) -> None:
    stored = (harvested.harvest_dir / "valid.json").read_text(encoding="utf-8")
    assert "Beispiel GmbH" in stored
    for personal in ("Erika", "Mustermann", "erika.mustermann@example.org", "1234567"):
        assert personal not in stored


def test_outdated_version_written_as_a_number_is_read_with_its_facts(harvested: Harvested) -> None:
    assert harvested.publiccode("outdated") == PubliccodeFacts(
        file="publiccode.yml",
        version="0.2",
        url="https://github.com/pc/outdated",
        development_status="stable",
        software_type="standalone/backend",
        maintenance=PubliccodeMaintenance("none"),
    )


def test_unknown_version_is_a_recorded_reason_without_facts(harvested: Harvested) -> None:
    assert harvested.publiccode("unknown") == PubliccodeFacts(
        file="publiccode.yml", version="1.0", error="unbekannte publiccodeYmlVersion ('1.0'); gelesen werden die Versionen 0.2 bis 0.7"
    )


def test_invalid_values_are_left_out_with_a_problem_each_and_valid_ones_kept(harvested: Harvested) -> None:
    facts = harvested.publiccode("invalid")
    assert facts is not None and facts.error is None
    assert (facts.url, facts.development_status, facts.software_type, facts.used_by) == (None, None, "standalone/web", ("Stadt B",))
    assert facts.maintenance == PubliccodeMaintenance(None)
    assert facts.problems == (
        "url: 'ftp://files.example.org/app' ist keine http(s)-Adresse; weggelassen",
        "developmentStatus: 'production' ist keiner der Werte concept, development, beta, stable, obsolete; weggelassen",
        "usedBy[0]: {'name': 'Stadt A'} ist kein Text; weggelassen",
        "maintenance.type: 'sometimes' ist keiner der Werte internal, contract, community, none; weggelassen",
    )


@pytest.mark.parametrize(
    "name,error",
    [
        ("aliases", "nicht lesbar (Zeile 2, Spalte 4): Anker und Aliasse (& und *) werden nicht gelesen"),
        ("tagged", "nicht lesbar (Zeile 2, Spalte 7): YAML-Tags wie !!python/object/apply:os.system werden nicht gelesen"),
        ("huge", "nicht gelesen: größer als 512 KB"),
    ],
)
def test_hostile_file_is_a_recorded_reason_and_the_rest_of_the_record_is_kept(harvested: Harvested, name: str, error: str) -> None:
    [repository] = harvested.record(name).repositories
    assert repository.publiccode == PubliccodeFacts(file="publiccode.yml", error=error)
    assert repository.licence.expression == "MIT"
    assert repository.files.publiccode and repository.files.readme
    assert repository.commits_12_months == 2


def test_publiccode_yaml_spelling_is_read_and_names_the_canonical_repository(harvested: Harvested) -> None:
    facts = harvested.publiccode("mirror")
    assert facts is not None
    assert (facts.file, facts.url) == ("publiccode.yaml", "https://gitlab.example.org/origin/app")


def test_repository_without_publiccode_stores_none(harvested: Harvested) -> None:
    assert harvested.publiccode("without") is None


def conflicts(harvested: Harvested, name: str, **changes: object) -> list[tuple[str, str]]:
    return [(c.kind, c.message) for c in publiccode_conflicts(replace(entry(name), **changes), harvested.record(name))]


def test_mirror_whose_publiccode_names_another_repository_is_a_conflict(harvested: Harvested) -> None:
    assert conflicts(harvested, "mirror", development_status="stable") == [
        (
            "mirror",
            "https://github.com/pc/mirror (publiccode.yaml) nennt https://gitlab.example.org/origin/app als Repository der Software; "
            "ist https://github.com/pc/mirror ein Spiegel, oder ist das Repository umgezogen?",
        )
    ]


def test_status_and_maintenance_none_differing_from_the_entry_are_conflicts(harvested: Harvested) -> None:
    assert conflicts(harvested, "outdated") == [
        ("status", "Entwicklungsstand: der Eintrag sagt „Beta“, https://github.com/pc/outdated (publiccode.yml) sagt „Stabil“"),
        ("maintenance", "https://github.com/pc/outdated (publiccode.yml): die Software wird laut publiccode.yml nicht gewartet (maintenance.type: none)"),
    ]


def test_used_by_body_the_entry_does_not_list_is_a_conflict_and_the_builder_is_not(harvested: Harvested) -> None:
    assert conflicts(harvested, "valid") == [
        ("used_by", "laut https://github.com/pc/valid (publiccode.yml) nutzen sie 1 Stelle, die der Eintrag nicht nennt: Landkreis Muster")
    ]
    assert conflicts(harvested, "valid", used_by=(Reuse("Muster"),)) == []


def test_contract_that_ended_before_the_harvest_is_a_conflict(harvested: Harvested) -> None:
    later = replace(harvested.record("valid"), harvested_at=datetime(2031, 1, 1, tzinfo=UTC))
    found = [(c.kind, c.message) for c in publiccode_conflicts(replace(entry("valid"), used_by=(Reuse("Landkreis Muster"),)), later)]
    assert found == [("maintenance", "https://github.com/pc/valid (publiccode.yml): der Wartungsvertrag ist abgelaufen: Beispiel GmbH (bis 31.12.2030)")]


def test_unreadable_publiccode_makes_no_conflict(harvested: Harvested) -> None:
    assert conflicts(harvested, "unknown", development_status="concept") == []


def test_report_fails_on_conflict_and_names_it(harvested: Harvested, tmp_path: Path) -> None:
    (tmp_path / "entries").mkdir()
    entry_text = VALID_ENTRY.replace("https://github.com/example/beispiel-app", "https://github.com/pc/mirror").replace(
        "development_status: beta", "development_status: stable"
    )
    (tmp_path / "entries" / "mirror.yaml").write_text(entry_text, encoding="utf-8")
    command = [sys.executable, "-m", "catalogue.cli", "report", "--fail-on", "conflict", "--harvest-dir", str(harvested.harvest_dir)]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "mirror: https://github.com/pc/mirror (publiccode.yaml) nennt https://gitlab.example.org/origin/app als Repository" in result.stdout
    assert result.stderr.strip().endswith("--fail-on conflict: mirror")


@pytest.mark.parametrize(
    "raw,error",
    [
        (b'publiccodeYmlVersion: "0.4"\nname: a\n\tusedBy: []\n', "nicht lesbar (Zeile 3, Spalte 1): mit Tabulator eingerückt; YAML erlaubt nur Leerzeichen"),
        (b'publiccodeYmlVersion: "0.4"\n---\nname: b\n', "nicht lesbar (Zeile 2, Spalte 1): die Datei enthält mehrere YAML-Dokumente"),
        (b'publiccodeYmlVersion: "0.4"\nname: a\nname: b\n', "nicht lesbar (Zeile 3, Spalte 1): Schlüssel 'name' doppelt (zuerst in Zeile 2)"),
        (b'publiccodeYmlVersion: "0.4"\nname: M\xfcnster\n', "nicht lesbar (Zeile 2, Spalte 8): kein UTF-8 (Byte 0xfc)"),
        (b"- publiccodeYmlVersion: 0.4\n", "nicht lesbar (Zeile 1, Spalte 1): die Datei enthält keine Zuordnung von Schlüsseln"),
        (b"a:" + b" [" * 30 + b" ]" * 30 + b"\n", "nicht lesbar (Zeile 1, Spalte 44): tiefer verschachtelt als 20 Ebenen"),
        (b"name: x\n" * 40_000, "nicht gelesen: die Datei hat 312 KB, mehr als die erlaubten 256 KB"),
    ],
    ids=["tab", "two documents", "duplicate key", "latin-1", "a list", "deep", "over 256 KB"],
)
def test_malformed_file_gives_a_german_reason_with_its_place(raw: bytes, error: str) -> None:
    assert read_publiccode("publiccode.yml", raw) == PubliccodeFacts(file="publiccode.yml", error=error)
