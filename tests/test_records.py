"""Harvest records are read through one typed decoder: a malformed or hostile file is a located finding, never a crash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from catalogue import records
from catalogue.entries import load_catalogue
from catalogue.exports.bundle import write_exports
from catalogue.model import ApiFacts, HarvestRecord, LicenceFinding, RepositoryFacts

from conftest import VALID_ENTRY, build_site, site_project

NOW = datetime(2026, 11, 1, tzinfo=UTC)
REPOSITORY = RepositoryFacts(
    url="https://github.com/example/beispiel-app",
    licence=LicenceFinding("EUPL-1.2", "licence file", ("LICENSE",), 1.0, "", osi_approved=True, fsf_libre=True),
    commits_6_months=7,
    authors_6_months=3,
)
RECORD = HarvestRecord("beispiel-app", NOW, (REPOSITORY,))


def good_json() -> dict[str, object]:
    data: dict[str, object] = json.loads(records.record_json(RECORD))
    return data


def write(harvest_dir: Path, data: object, entry_id: str = "beispiel-app") -> None:
    harvest_dir.mkdir(parents=True, exist_ok=True)
    (harvest_dir / f"{entry_id}.json").write_text(json.dumps(data), encoding="utf-8")


def problem(harvest_dir: Path) -> str:
    with pytest.raises(records.RecordError) as caught:
        records.read_record(harvest_dir, "beispiel-app")
    return str(caught.value)


def test_a_record_round_trips_through_json_unchanged(tmp_path: Path) -> None:
    records.write_record(tmp_path, RECORD)
    assert records.read_record(tmp_path, "beispiel-app") == RECORD


def test_a_wrong_type_names_the_path_of_the_value(tmp_path: Path) -> None:
    data = good_json()
    data["repositories"][0]["commits_6_months"] = "viele"  # type: ignore[index]
    write(tmp_path, data)
    assert problem(tmp_path) == "repositories[0].commits_6_months: erwartet eine ganze Zahl"


def test_html_where_a_number_belongs_is_refused(tmp_path: Path) -> None:
    data = good_json()
    data["repositories"][0]["authors_6_months"] = "<img src=x onerror=alert(1)>"  # type: ignore[index]
    write(tmp_path, data)
    assert problem(tmp_path) == "repositories[0].authors_6_months: erwartet eine ganze Zahl"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(schema_version=99), "schema_version: unbekannte Version 99; dieses Programm liest 1 und 2"),
        (lambda d: d.update(entry="andere-app"), "entry: nennt den Eintrag 'andere-app', die Datei gehört aber zu 'beispiel-app'"),
        (lambda d: d.update(surprise=1), "surprise: unbekanntes Feld"),
        (lambda d: d["repositories"][0].pop("licence"), "repositories[0].licence: fehlt"),
        (lambda d: d["repositories"][0].update(head_commit_date="1.1."), "repositories[0].head_commit_date: erwartet einen Zeitpunkt wie 2026-11-28T12:00:00Z"),
        (lambda d: d["repositories"][0].update(commits_6_months=True), "repositories[0].commits_6_months: erwartet eine ganze Zahl"),
        (lambda d: d["repositories"][0].update(commits_6_months=10**400), "repositories[0].commits_6_months: erwartet eine ganze Zahl"),
        (lambda d: d["repositories"][0]["commits_per_month"].update({"2026-01": "x"}), "repositories[0].commits_per_month.2026-01: erwartet eine ganze Zahl"),
        (lambda d: d["repositories"][0].update(api={"host_api": "github", "topics": "a,b"}), "repositories[0].api.topics: erwartet eine Liste"),
        (lambda d: d.update(repositories={}), "repositories: erwartet eine Liste"),
    ],
)
def test_malformed_records_give_a_located_reason(tmp_path: Path, change: object, message: str) -> None:
    data = good_json()
    change(data)  # type: ignore[operator]
    write(tmp_path, data)
    assert problem(tmp_path) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "kein gültiges JSON"),
        ("[]", "erwartet ein JSON-Objekt"),
        ("[" * 100_000 + "]" * 100_000, "zu tief verschachtelt"),
    ],
)
def test_broken_json_gives_a_reason(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "beispiel-app.json").write_text(text, encoding="utf-8")
    assert message in problem(tmp_path)


def test_a_huge_record_is_refused_before_parsing(tmp_path: Path) -> None:
    (tmp_path / "beispiel-app.json").write_text(" " * (records.MAX_RECORD_BYTES + 1), encoding="utf-8")
    assert "größer als 4 MB" in problem(tmp_path)


def test_a_symlinked_record_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.json"
    outside.write_text(records.record_json(RECORD), encoding="utf-8")
    (tmp_path / "harvest").mkdir()
    (tmp_path / "harvest" / "beispiel-app.json").symlink_to(outside)
    assert "symbolischer Link" in problem(tmp_path / "harvest")


def test_a_record_of_schema_version_1_still_loads_without_its_stored_verdicts(tmp_path: Path) -> None:
    data = good_json()
    data.update(schema_version=1, badges=[{"name": "reuse", "level": "ready for reuse"}], licence_check={"matches_declared": True})
    write(tmp_path, data)
    assert records.read_record(tmp_path, "beispiel-app") == RECORD


def test_a_missing_record_is_none(tmp_path: Path) -> None:
    assert records.read_record(tmp_path, "beispiel-app") is None


def test_a_failed_write_leaves_the_previous_record_and_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records.write_record(tmp_path, RECORD)
    before = (tmp_path / "beispiel-app.json").read_bytes()

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        records.write_record(tmp_path, HarvestRecord("beispiel-app", NOW, ()))
    assert (tmp_path / "beispiel-app.json").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["beispiel-app.json"]


def test_validate_reports_a_bad_record_with_file_and_field(tmp_path: Path) -> None:
    (tmp_path / "entries").mkdir()
    (tmp_path / "entries" / "beispiel-app.yaml").write_text(VALID_ENTRY, encoding="utf-8")
    data = good_json()
    data["repositories"][0]["commits_6_months"] = "viele"  # type: ignore[index]
    write(tmp_path / "harvest", data)
    result = subprocess.run([sys.executable, "-m", "catalogue.cli", "validate"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "harvest/beispiel-app.json:1:1: Feld 'repositories[0].commits_6_months': erwartet eine ganze Zahl" in result.stdout


def test_report_treats_a_bad_record_as_not_harvested_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "entries").mkdir()
    (tmp_path / "entries" / "beispiel-app.yaml").write_text(VALID_ENTRY, encoding="utf-8")
    write(tmp_path / "harvest", {"entry": "beispiel-app", "schema_version": 2, "repositories": "kaputt"})
    result = subprocess.run([sys.executable, "-m", "catalogue.cli", "report", "--format", "json"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "harvest/beispiel-app.json" in result.stderr and "nicht geerntet" in result.stderr
    assert json.loads(result.stdout)["entries"][0]["funding_condition"] == "unknown"


def test_a_hostile_record_changes_nothing_on_the_page(tmp_path: Path) -> None:
    (tmp_path / "with").mkdir()
    (tmp_path / "without").mkdir()
    project = site_project(tmp_path / "with", {"beispiel-app": VALID_ENTRY})
    clean = site_project(tmp_path / "without", {"beispiel-app": VALID_ENTRY})
    data = good_json()
    data["repositories"][0]["authors_6_months"] = "<img src=x onerror=alert(1)>"  # type: ignore[index]
    write(project / "harvest", data)
    built = build_site(project)
    assert built.returncode == 0, built.stderr
    assert build_site(clean).returncode == 0
    page = (project / "site" / "loesungen" / "beispiel-app" / "index.html").read_text(encoding="utf-8")
    assert "onerror" not in page
    assert page == (clean / "site" / "loesungen" / "beispiel-app" / "index.html").read_text(encoding="utf-8")


def test_api_error_text_is_never_published(tmp_path: Path) -> None:
    (tmp_path / "entries").mkdir()
    (tmp_path / "entries" / "beispiel-app.yaml").write_text(VALID_ENTRY, encoding="utf-8")
    secret = "HTTP 500: <html>internal token=abc123</html>"
    failed = HarvestRecord("beispiel-app", NOW, (RepositoryFacts(**{**REPOSITORY.__dict__, "api": ApiFacts("github", stars=3, error=secret)}),))
    records.write_record(tmp_path / "harvest", failed)
    catalogue = load_catalogue(tmp_path / "entries", root=tmp_path)
    write_exports(tmp_path / "out", catalogue, records.load_records(catalogue, tmp_path / "harvest").records, {})
    published = "".join(p.read_bytes().decode("utf-8", "replace") for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert '"stars": 3' in published
    assert "abc123" not in published and "HTTP 500" not in published
