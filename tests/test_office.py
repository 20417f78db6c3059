"""The programme office: report, transfers, exports and publiccode.yml in and out."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import jsonschema
import pytest
import yaml

from catalogue import publiccode
from catalogue import records as record_store
from catalogue.entries import load_catalogue
from catalogue.exports import publiccode_out
from catalogue.exports.bundle import write_exports
from catalogue.model import ApiFacts, HarvestRecord, LicenceFinding, Notice, RepositoryFacts, SourceFacts, Stale, StatusFacts
from catalogue.report import as_markdown, entry_report, office_report, transfers
from catalogue.site.pages import office_page

from conftest import VALID_ENTRY, EntryDir

HARVESTED = datetime(2026, 11, 1, tzinfo=UTC)
GOOD_REPOSITORY = RepositoryFacts(
    url="https://github.com/example/beispiel-app",
    commits_12_months=4,
    head_commit_date=datetime(2026, 10, 1, tzinfo=UTC),
    licence=LicenceFinding("EUPL-1.2", "licence file", ("LICENSE",), 1.0, "", osi_approved=True, fsf_libre=True),
    api=ApiFacts("github", archived=False, forks_by_other_owners=("stadt-ulm",)),
)
GOOD_RECORD = HarvestRecord("beispiel-app", HARVESTED, (GOOD_REPOSITORY,))


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "catalogue.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture
def office(entries: EntryDir) -> EntryDir:
    entries.write(
        "beispiel-app",
        VALID_ENTRY
        + 'used_by:\n  - name: Stadt Ulm\n    ags: "08421000"\n    since: 2024\n    role: nachnutzung\n    evidence: [https://www.ulm.de/beispiel-app]\n'
        + '  - name: Stadt Neu-Ulm\n    ags: "09775164"\n    role: auftrag\n    evidence: [https://www.neu-ulm.de/beschluss]\n'
        + "contact:\n  email: smartcity@example.de\n",
    )
    entries.write("zweite-app", VALID_ENTRY.replace("example/beispiel-app", "example/zweite").replace("name: Beispiel-App", "name: Zweite App"))
    record_store.write_record(entries.root / "harvest", GOOD_RECORD)
    return entries


def test_report_states_the_funding_condition_per_entry(office: EntryDir) -> None:
    catalogue = load_catalogue(office.path, root=office.root)
    records = record_store.load_records(catalogue, office.root / "harvest").records
    first, second = office_report(catalogue, records)
    assert (first.funding_condition, first.checks) == ("ok", dict.fromkeys(("reachable", "open_licence", "licence_matches", "not_archived", "active"), "ok"))
    assert first.missing == ["Installationsanleitung", "Website", "Standards", "Prüfung in den letzten 12 Monaten (last_reviewed)"]
    assert (second.funding_condition, second.checks["reachable"]) == ("unknown", "unknown")


def test_a_failed_harvest_makes_the_condition_unknown_with_the_reason() -> None:
    entry = load_entry_from(VALID_ENTRY)
    stale = replace(GOOD_RECORD, stale=Stale("git ls-remote took longer than 300 s", HARVESTED, HARVESTED))
    result = entry_report(entry, stale)
    assert (result.funding_condition, result.checks["reachable"], result.stale) == ("unknown", "unknown", "git ls-remote took longer than 300 s")
    assert "took longer than 300 s" in result.reasons["funding_condition"]


def test_a_repository_the_host_says_is_gone_fails_reachability() -> None:
    gone = replace(GOOD_RECORD, stale=Stale("repository 'https://github.com/example/beispiel-app/' not found", HARVESTED, HARVESTED, gone=True))
    result = entry_report(load_entry_from(VALID_ENTRY), gone)
    assert (result.funding_condition, result.checks["reachable"]) == ("fail", "fail")


def test_a_licence_that_is_neither_osi_nor_fsf_fails_the_condition() -> None:
    repository = replace(GOOD_REPOSITORY, licence=LicenceFinding("CC-BY-NC-4.0", "licence file", (), 1.0, "", osi_approved=False, fsf_libre=False))
    assert entry_report(load_entry_from(VALID_ENTRY), replace(GOOD_RECORD, repositories=(repository,))).funding_condition == "fail"


def test_the_report_lists_repositories_without_source_superseded_and_mirrors() -> None:
    sourceless = replace(GOOD_REPOSITORY, source=SourceFacts(build_files=4), status=StatusFacts("README.md"))
    moved = Notice("moved", "This repository is out of date.", "README.md", 8, "https://github.com/example/neu")
    mirror = Notice("mirror", "This repository is a read-only mirror of https://gitlab.example.org/s/app.", "README.md", 3, "https://gitlab.example.org/s/app")
    superseded = replace(GOOD_REPOSITORY, url="https://github.com/example/alt", status=StatusFacts("README.md", (moved,), (mirror,)))
    result = entry_report(load_entry_from(VALID_ENTRY), replace(GOOD_RECORD, repositories=(sourceless, superseded)))
    assert result.operation == [
        "abgelöst oder archiviert: README.md:8 in https://github.com/example/alt: „This repository is out of date.“; Nachfolger: https://github.com/example/neu",
        "Spiegel: https://github.com/example/alt (README.md:3: „This repository is a read-only mirror of https://gitlab.example.org/s/app.“); "
        "Original: https://gitlab.example.org/s/app",
    ]
    alone = entry_report(load_entry_from(VALID_ENTRY), replace(GOOD_RECORD, repositories=(sourceless,)))
    assert alone.operation == ["ohne Quellcode: kein Quellcode im Repository https://github.com/example/beispiel-app"]
    assert "- beispiel-app: ohne Quellcode: kein Quellcode im Repository https://github.com/example/beispiel-app" in as_markdown([alone])
    assert "ohne Quellcode: kein Quellcode im Repository https://github.com/example/beispiel-app" in office_page([alone]).html


def load_entry_from(text: str) -> Any:
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        entries = EntryDir(Path(scratch))
        entries.write("beispiel-app", text)
        return load_catalogue(entries.path, root=entries.root).entries[0]


def test_report_command_formats_and_fail_on(office: EntryDir) -> None:
    table = run("report", cwd=office.root)
    assert table.returncode == 0 and "Förderbedingung erfüllt: 1, nicht erfüllt: 0, unklar: 1" in table.stdout
    markdown = run("report", "--format", "markdown", cwd=office.root)
    assert "| beispiel-app | ja | ja | ja | ja | ja | ja |" in markdown.stdout
    report = json.loads(run("report", "--format", "json", cwd=office.root).stdout)
    assert report["summary"]["funding_condition_ok"] == 1
    failing = run("report", "--fail-on", "unknown", cwd=office.root)
    assert failing.returncode == 1 and failing.stderr.strip().endswith("zweite-app")


def test_transfers_list_reuse_by_others_and_fork_candidates_but_not_commissioning(office: EntryDir) -> None:
    catalogue = load_catalogue(office.path, root=office.root)
    rows = transfers(catalogue, record_store.load_records(catalogue, office.root / "harvest").records)
    assert [(t.reuser, t.kind) for t in rows] == [("Stadt Ulm", "eingetragen"), ("stadt-ulm", "Fork-Kandidat")]
    as_csv = run("transfers", "--format", "csv", cwd=office.root).stdout
    table = list(csv.reader(io.StringIO(as_csv.removeprefix("\ufeff")), delimiter=";"))
    assert table[1] == [
        "beispiel-app",
        "Beispiel-App",
        "Stadt Köln",
        "Stadt Ulm",
        "08421000",
        "2024",
        "eingetragen",
        "nachnutzung",
        "",
        "https://www.ulm.de/beispiel-app",
    ]
    assert json.loads(run("transfers", "--format", "json", cwd=office.root).stdout)[0]["since"] == 2024


@pytest.fixture
def exported(office: EntryDir, tmp_path: Path) -> Path:
    catalogue = load_catalogue(office.path, root=office.root)
    records = record_store.load_records(catalogue, office.root / "harvest").records
    write_exports(
        tmp_path / "out", catalogue, records, {"beispiel-app": "2026-11-01T10:00:00Z", "zweite-app": "2026-11-02T10:00:00Z"}, "https://katalog.example.org/"
    )
    return tmp_path / "out" / "api"


def test_json_export_is_valid_against_its_schema(exported: Path) -> None:
    document = json.loads((exported / "entries.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(json.loads((exported / "entries.schema.json").read_text(encoding="utf-8")))
    jsonschema.validate(document, json.loads((exported / "entries.schema.json").read_text(encoding="utf-8")))
    first = document["entries"][0]
    assert (document["count"], first["id"], first["page"]) == (2, "beispiel-app", "https://katalog.example.org/loesungen/beispiel-app/")
    assert first["licence"] == {"declared": "EUPL-1.2", "family": "Copyleft (schwach)", "osi_approved": True, "fsf_libre": True}
    assert json.loads((exported / "entries" / "zweite-app.json").read_text(encoding="utf-8"))["name"] == "Zweite App"


def test_csv_opens_in_german_office_software(exported: Path) -> None:
    raw = (exported / "entries.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    text = raw.decode("utf-8-sig")
    assert csv.Sniffer().sniff(text.splitlines()[0] + "\n" + text.splitlines()[1]).delimiter == ";"
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert rows[0]["name"] == "Beispiel-App" and rows[0]["organisation"] == "Stadt Köln" and rows[0]["commits_6_monate"] == "0"
    assert rows[0]["handlungsfelder"] == "Mobilität" and rows[1]["letzter_commit"] == ""
    assert (rows[0]["nachgenutzt_von"], rows[0]["anzahl_nachnutzungen"]) == ("Stadt Ulm", "1")  # Neu-Ulm commissioned it: no reuse


def test_atom_feed_lists_the_newest_change_first(exported: Path) -> None:
    feed = ElementTree.fromstring((exported / "feed.atom").read_bytes())
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.find(f"{atom}updated").text == "2026-11-02T10:00:00Z"  # type: ignore[union-attr]
    entries = feed.findall(f"{atom}entry")
    assert [e.find(f"{atom}title").text for e in entries] == ["Zweite App", "Beispiel-App"]  # type: ignore[union-attr]
    assert all(e.find(f"{atom}id") is not None and e.find(f"{atom}link").get("href", "").startswith("https://") for e in entries)  # type: ignore[union-attr]


def test_every_exported_publiccode_is_valid(exported: Path) -> None:
    for path in sorted((exported / "publiccode").glob("*.yml")):
        assert publiccode.validate(yaml.safe_load(path.read_text(encoding="utf-8"))) == [], path.name


def test_exports_hold_no_unpublished_email_token_or_cache_path(exported: Path) -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in exported.rglob("*") if p.is_file() and p.name not in ("entries.schema.json", "entries.xlsx"))
    assert "smartcity@example.de" in text  # published by the entry
    emails = set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text))
    assert emails <= {"smartcity@example.de"}
    assert ".cache" not in text and "token" not in text.lower()


MINIMAL = """\
publiccodeYmlVersion: "{version}"
name: Stadtplan
url: "https://github.com/stadt/stadtplan.git"
landingURL: "https://stadtplan.example.org"
releaseDate: 2024-04-15
platforms:
  - web
  - android
categories:
  - geographic-information-systems
developmentStatus: stable
softwareType: "standalone/web"
description:
  de:
    shortDescription: Interaktiver Stadtplan mit Haltestellen und öffentlichen Einrichtungen.
    longDescription: >
      Der Stadtplan zeigt Haltestellen, Schulen, Ämter und Spielplätze auf einer Karte. Er liest offene Daten der
      Stadt, lässt sich mit eigenen Ebenen erweitern und läuft in jedem Browser und als App.
    documentation: "https://stadtplan.example.org/hilfe"
    features:
      - Haltestellen
      - Ämter und Schulen
legal:
  license: EUPL-1.2
  repoOwner: Stadt Musterhausen
usedBy:
  - Stadt Nachbarhausen
maintenance:
  type: internal
  contacts:
    - name: Erika Mustermann
      email: erika@example.org
localisation:
  localisationReady: true
  availableLanguages:
    - de
    - en-GB
"""


@pytest.mark.parametrize("version", ["0", "0.2", "0.2.2", "0.3.0", "0.4", "0.5.0"])
def test_import_reads_every_supported_version(version: str, tmp_path: Path) -> None:
    data = publiccode.read(MINIMAL.format(version=version).encode())
    entry = publiccode.to_entry_mapping(data, publiccode.ImportChoices("stadtplan"))
    assert entry["fields"] == ["Stadtentwicklung & Digitaler Zwilling"]
    assert (entry["licence"], entry["platforms"], entry["languages"], entry["used_by"]) == (
        "EUPL-1.2",
        ["android", "web"],
        ["de", "en"],
        [{"name": "Stadt Nachbarhausen", "role": "nachnutzung", "evidence": ["https://github.com/stadt/stadtplan"]}],
    )
    assert entry["documentation"] == {"user_guide": "https://stadtplan.example.org/hilfe"}
    assert "contact" not in entry  # no personal data from maintenance.contacts


CONTRACT = "maintenance:\n  type: contract\n  contractors:\n    - name: Beispiel GmbH\n      until: 2027-06-30\n"


def test_import_command_writes_a_valid_entry_and_round_trips(tmp_path: Path) -> None:
    with_organisation = MINIMAL.format(version="0.7").replace(
        "usedBy:", "organisation:\n  uri: https://www.musterhausen.de\n  name: Stadt Musterhausen\nusedBy:"
    )
    maintained = with_organisation.split("maintenance:")[0] + CONTRACT + "localisation:" + MINIMAL.split("localisation:")[1]
    (tmp_path / "publiccode.yml").write_text(maintained, encoding="utf-8")
    result = run("import", "publiccode", "publiccode.yml", "--id", "stadtplan", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    first = load_catalogue(tmp_path / "entries", root=tmp_path).entries[0]
    exported = publiccode_out.export(first, None)
    assert exported.document is not None, exported.reason
    (tmp_path / "again.yml").write_text(publiccode.dump(exported.document), encoding="utf-8")
    again = run("import", "publiccode", "again.yml", "--id", "stadtplan-2", "--entries", "zwei", "--field", first.fields[0], cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr  # Handlungsfelder have no key in publiccode.yml
    second = load_catalogue(tmp_path / "zwei", root=tmp_path).entries[0]
    assert {**vars(second), "id": first.id, "source_path": first.source_path} == vars(first)


@pytest.mark.parametrize(
    "text,problem",
    [
        ("name: [kaputt\n", "ist nicht geschlossen"),
        (MINIMAL.format(version="9.9"), "publiccodeYmlVersion: unsupported version '9.9'"),
        (MINIMAL.format(version="0.4").replace("  license: EUPL-1.2\n", ""), "legal.license"),
        (MINIMAL.format(version="0.4").replace("developmentStatus: stable\n", ""), "developmentStatus: must be one of"),
        (
            MINIMAL.format(version="0.4").replace("  contacts:\n    - name: Erika Mustermann\n      email: erika@example.org\n", ""),
            "maintenance.contacts: are required",
        ),
        ("a: &a [1,2]\nb: *a\n", "Anker und Aliasse"),
        ("name: !!python/object/apply:os.system ['touch /tmp/pwned']\n", "YAML-Tag !!python/object/apply:os.system"),
    ],
)
def test_invalid_publiccode_gets_a_clear_error_and_writes_no_entry(text: str, problem: str, tmp_path: Path) -> None:
    (tmp_path / "publiccode.yml").write_text(text, encoding="utf-8")
    result = run("import", "publiccode", "publiccode.yml", "--id", "neu", cwd=tmp_path)
    assert result.returncode == 1
    assert problem in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "entries" / "neu.yaml").exists()


def test_import_from_a_repository_over_loopback(tmp_path: Path) -> None:
    from gitserver import Commit, GitHttpServer, make_repo

    (tmp_path / "served" / "stadt").mkdir(parents=True)
    make_repo(
        tmp_path / "served" / "stadt", "stadtplan", [Commit("start", "2026-01-01T00:00:00+00:00", files={"publiccode.yml": MINIMAL.format(version="0.4")})]
    )
    with GitHttpServer(tmp_path / "served").running() as server:
        result = run(
            "import",
            "publiccode",
            "https://github.com/stadt/stadtplan.git",
            "--id",
            "stadtplan",
            "--allow-local",
            "--mirror",
            f"{server.base_url}=https://github.com/",
            cwd=tmp_path,
        )
    assert result.returncode == 0, result.stderr
    assert 'name: "Stadtplan"' in (tmp_path / "entries" / "stadtplan.yaml").read_text(encoding="utf-8")
