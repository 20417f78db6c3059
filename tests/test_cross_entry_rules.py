"""Rules between entries: ids, related entries, repositories in one entry only, AGS and Bundesland."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from catalogue.changes import base_from_environment
from catalogue.entries import validate_paths

from conftest import VALID_ENTRY, EntryDir, line_of, only_finding


def test_repository_in_two_entries_is_reported_on_both_files_when_the_change_is_unknown(entries: EntryDir) -> None:
    entries.write("erste", VALID_ENTRY)
    second = VALID_ENTRY.replace("https://github.com/example/beispiel-app", "https://GitHub.com/example/beispiel-app.git")
    entries.write("zweite", second)
    findings = entries.findings()
    assert [(f.path, f.line, f.field) for f in findings] == [
        ("entries/erste.yaml", line_of(VALID_ENTRY, "- url:"), "repositories[0].url"),
        ("entries/zweite.yaml", line_of(second, "- url:"), "repositories[0].url"),
    ]
    assert findings[0].message.startswith("dieses Repository steht schon in entries/zweite.yaml")
    assert findings[1].message.startswith("dieses Repository steht schon in entries/erste.yaml")


def test_repository_in_two_entries_is_reported_on_the_changed_file_even_when_it_sorts_first(entries: EntryDir) -> None:
    entries.write("zzz-alt", VALID_ENTRY)
    entries.write("aaa-neu", VALID_ENTRY)
    result = validate_paths([entries.path], root=entries.root, changed=frozenset({"entries/aaa-neu.yaml"}))
    finding = only_finding(result.findings)
    assert finding.path == "entries/aaa-neu.yaml"
    assert finding.message.startswith("dieses Repository steht schon in entries/zzz-alt.yaml")


def git(root: Path, *arguments: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *arguments], check=True, capture_output=True)


def test_validate_with_base_puts_the_duplicate_on_the_file_the_branch_adds(entries: EntryDir) -> None:
    entries.write("zzz-alt", VALID_ENTRY)
    git(entries.root, "init", "-q", "-b", "main")
    git(entries.root, "add", ".")
    git(entries.root, "commit", "-q", "-m", "base")
    git(entries.root, "checkout", "-q", "-b", "beitrag")
    entries.write("aaa-neu", VALID_ENTRY)
    git(entries.root, "add", ".")
    git(entries.root, "commit", "-q", "-m", "new entry")
    command = [sys.executable, "-m", "catalogue.cli", "validate", "--base", "main"]
    result = subprocess.run(command, cwd=entries.root, capture_output=True, text=True, timeout=60, env={**os.environ, "GITHUB_BASE_REF": ""})
    assert result.returncode == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["entries/aaa-neu.yaml"]


def test_github_base_branch_is_taken_from_the_environment() -> None:
    assert base_from_environment({"GITHUB_BASE_REF": "main"}) == "origin/main"
    assert base_from_environment({"CI_MERGE_REQUEST_DIFF_BASE_SHA": "abc123", "GITHUB_BASE_REF": "main"}) == "abc123"
    assert base_from_environment({}) is None


def test_an_unknown_base_warns_and_reports_on_both_files(entries: EntryDir) -> None:
    entries.write("erste", VALID_ENTRY)
    entries.write("zweite", VALID_ENTRY)
    command = [sys.executable, "-m", "catalogue.cli", "validate", "--base", "origin/gibt-es-nicht"]
    result = subprocess.run(command, cwd=entries.root, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("catalogue validate: Warnung: der Vergleich mit dem Basisstand (--base) ist nicht möglich")
    assert len(result.stdout.splitlines()) == 2


def test_related_id_must_exist_with_suggestion(entries: EntryDir) -> None:
    entries.write("giess-den-kiez", VALID_ENTRY)
    other = VALID_ENTRY.replace("example/beispiel-app", "example/anderes") + "related: [giess-den-kies]\n"
    entries.write("anderes", other)
    finding = only_finding(entries.findings())
    assert finding.message == "es gibt keinen Eintrag mit der Kennung 'giess-den-kies' – meinten Sie 'giess-den-kiez'?"


def test_entry_cannot_be_related_to_itself(entries: EntryDir) -> None:
    finding = only_finding(entries.findings(entries.write("selbst", VALID_ENTRY + "related: [selbst]\n")))
    assert finding.message == "ein Eintrag kann nicht mit sich selbst verwandt sein"


def test_duplicate_ids_from_yaml_and_yml(entries: EntryDir) -> None:
    entries.write("doppel", VALID_ENTRY)
    entries.write("doppel", VALID_ENTRY.replace("example/beispiel-app", "example/x"), suffix=".yml")
    messages = {f.message for f in entries.findings()}
    assert "Eintragsdateien enden auf .yaml; benennen Sie sie in doppel.yaml um" in messages
    assert "die Kennung 'doppel' gibt es doppelt: entries/doppel.yaml hat dieselbe; benennen Sie eine der Dateien um" in messages


def test_ags_and_bundesland_must_agree(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace("state: Nordrhein-Westfalen", "state: Bayern")
    finding = only_finding(entries.findings(entries.write("land", text)))
    assert finding.field == "organisation.state"
    assert finding.message == "der AGS 05315000 gehört zu Nordrhein-Westfalen, nicht zu Bayern"


def test_kommune_needs_an_ags(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace('  ags: "05315000"\n', "")
    finding = only_finding(entries.findings(entries.write("ohne-ags", text)))
    assert finding.message == "zu einer Kommune gehört ihr achtstelliger Amtlicher Gemeindeschlüssel in 'organisation.ags'"


def test_ags_with_unknown_land_prefix_is_refused(entries: EntryDir) -> None:
    text = VALID_ENTRY.replace('"05315000"', '"17000000"')
    finding = only_finding(entries.findings(entries.write("land-17", text)))
    assert finding.message.startswith("'17000000' ist nicht gültig; schreiben Sie den achtstelligen AGS in Anführungszeichen")


def test_logo_file_must_exist_beside_the_entry(entries: EntryDir) -> None:
    text = VALID_ENTRY + "logo: logo.png\n"
    path = entries.write("logo", text)
    assert (
        only_finding(entries.findings(path)).message
        == "die Datei 'logo.png' liegt nicht neben dem Eintrag; legen Sie sie dazu oder geben Sie eine https://-Adresse an"
    )
    (entries.path / "logo.png").write_bytes(b"\x89PNG")
    assert entries.findings(path) == []


def test_validating_one_file_still_checks_it_against_its_neighbours(entries: EntryDir) -> None:
    entries.write("erste", VALID_ENTRY)
    second = entries.write("zweite", VALID_ENTRY)
    finding = only_finding(entries.findings(second))
    assert finding.path == "entries/zweite.yaml"
